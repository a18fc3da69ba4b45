/**
 * The faults of the chaos run: each kind at least `perKind` times, in a seeded random order, one at a time with a
 * seeded random pause, while the driver runs. For each fault the time it was injected and the time of the first step
 * sent after it that answered 2xx (issue 15 point 12's "time from each fault to the first successful step"); the next
 * fault waits for that recovery (at most `recoveryTimeoutMs`), so faults never pile up on each other.
 */
import type { ChaosHttpLog } from './chaos-http';

export type FaultKind = 'worker' | 'api' | 'history' | 'matching' | 'postgres';
export const FAULT_KINDS: FaultKind[] = ['worker', 'api', 'history', 'matching', 'postgres'];

/** Injects one fault of a kind; resolves with what was hit once the fault is done (a restart: once started again). */
export type Injector = (kind: FaultKind, rnd: () => number) => Promise<string>;

export interface FaultRecord {
  kind: FaultKind;
  target: string;
  at: number;
  /** When the injection itself finished (a PostgreSQL restart: started again). */
  doneAt: number;
  /** The answer time of the first step sent after `at` that answered 2xx. */
  recoveredAt?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function firstSuccessAfter(log: ChaosHttpLog, at: number): number | undefined {
  let best: number | undefined;
  for (const s of log.steps) {
    for (const a of s.attempts) if (a.sentAt >= at && a.status >= 200 && a.status < 300 && (best === undefined || a.at < best)) best = a.at;
  }
  return best;
}

export async function runFaults(o: {
  inject: Injector;
  rnd: () => number;
  log: ChaosHttpLog;
  /** Whether the driver still takes steps: without it there is no step to recover into, so no waiting for one. */
  driving: () => boolean;
  perKind: number;
  firstDelayMs: number;
  pauseMs: [number, number];
  recoveryTimeoutMs: number;
  note: (line: string) => void;
}): Promise<FaultRecord[]> {
  const order = FAULT_KINDS.flatMap((k) => Array.from({ length: o.perKind }, () => k));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(o.rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const records: FaultRecord[] = [];
  await sleep(o.firstDelayMs);
  for (const kind of order) {
    const at = Date.now();
    const target = await o.inject(kind, o.rnd);
    const rec: FaultRecord = { kind, target, at, doneAt: Date.now() };
    records.push(rec);
    o.note(`fault ${records.length}/${order.length}: ${kind} (${target}) done in ${rec.doneAt - at} ms`);
    const until = Date.now() + o.recoveryTimeoutMs;
    while (rec.recoveredAt === undefined && Date.now() < until && o.driving()) {
      rec.recoveredAt = firstSuccessAfter(o.log, at);
      if (rec.recoveredAt === undefined) await sleep(250);
    }
    o.note(rec.recoveredAt ? `  first 2xx step ${rec.recoveredAt - at} ms after the fault` : '  no 2xx step within the recovery timeout');
    await sleep(o.pauseMs[0] + Math.floor(o.rnd() * (o.pauseMs[1] - o.pauseMs[0])));
  }
  return records;
}

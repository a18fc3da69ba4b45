/** The chaos run's summary: what was driven, what was hurt and how soon steps succeeded again, what was checked. */
import type { CheckResult } from './chaos-checks';
import type { PackageRun } from './chaos-driver';
import type { FaultRecord } from './chaos-faults';
import type { ChaosHttpLog } from './chaos-http';

const table = (rows: [string, string | number][]) => {
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n');
};
const tally = (xs: string[]) => [...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>())].sort(([a], [b]) => a.localeCompare(b));
const MAX_LINES = 40;
const listed = (title: string, xs: string[]) =>
  xs.length
    ? [
        `${title} (${xs.length}):`,
        ...xs.slice(0, MAX_LINES).map((x) => `  - ${x.slice(0, 4000)}`),
        ...(xs.length > MAX_LINES ? [`  … ${xs.length - MAX_LINES} more`] : []),
      ]
    : [];

export interface SummaryInput {
  runs: PackageRun[];
  faults: FaultRecord[];
  result: CheckResult;
  log: ChaosHttpLog;
  restarts: Record<string, number>;
  seed: number;
  methods: string[];
  ms: number;
}

export function summary(o: SummaryInput): string {
  const { runs, faults, result: r, log } = o;
  const answer = (a: { status: number; code?: string }) =>
    a.status === 0 ? `network ${a.code ?? ''}`.trim() : `${a.status}${a.status >= 500 || a.status === 429 ? ` ${a.code ?? ''}` : ''}`;
  const statusCounts = tally(log.steps.flatMap((s) => s.attempts.map(answer)));
  const lines = [
    '',
    `Chaos run, seed ${o.seed}: ${(o.ms / 1000).toFixed(0)} s`,
    table([
      ['packages created by the driver', runs.filter((x) => x.id).length],
      ['packages checked (with contracts, re-tenders)', r.counts.packages ?? 0],
      ['methods', o.methods.length],
      ['steps driven (2xx)', r.counts.stepsAnswered2xx ?? 0],
      ['steps refused (4xx, e.g. a window that closed)', r.counts.stepsRefused ?? 0],
      ['steps retried with their key', r.counts.stepsRetried ?? 0],
      ['attempts (POST)', r.counts.attempts ?? 0],
      ['GET retries', log.getRetries],
      ['driver stops with an error', runs.filter((x) => x.error || x.result?.error).length],
    ]),
    'Attempts by answer:',
    table(statusCounts),
    'Packages by final status:',
    table(tally(runs.map((x) => `${x.spec.method}: ${x.result?.final.status ?? '(not driven)'}`))),
    `Faults injected (${faults.length}): ${tally(faults.map((f) => f.kind))
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ')}`,
    table(
      faults.map((f, i) => [
        `${i + 1}. ${f.kind}`,
        `${f.target}; injection took ${f.doneAt - f.at} ms; first 2xx step after it: ` +
          (f.recoveredAt ? `${((f.recoveredAt - f.at) / 1000).toFixed(1)} s` : 'none'),
      ]),
    ),
    `Restarts by the supervisors: ${JSON.stringify(o.restarts)}`,
    'Checked:',
    table(Object.entries(r.counts).map(([k, v]) => [k, v])),
    `lost ${r.lost.length}, duplicated ${r.duplicated.length}, answered wrongly ${r.wrong.length}`,
    ...listed('LOST', r.lost),
    ...listed('DUPLICATED', r.duplicated),
    ...listed('WRONG', r.wrong),
    ...listed('notes', r.notes),
    ...listed(
      'driver errors',
      runs.filter((x) => x.error || x.result?.error).map((x) => `${x.id ?? `#${x.spec.index}`} [${x.spec.method}] ${x.error ?? x.result?.error}`),
    ),
    '',
  ];
  return lines.join('\n');
}

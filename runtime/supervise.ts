/**
 * Keeps one child of the start command running: when it exits without being asked to, the crash is logged and the
 * child is started again after an exponential backoff (1 s doubling to 30 s), so a dead worker, API, PostgreSQL or
 * Temporal dev server comes back by itself instead of stopping the whole stack or leaving it half alive. The backoff
 * starts over once a child has stayed up for a minute: a crash an hour later is a new incident, not a crash loop.
 * After stop() nothing is restarted, so Ctrl-C stops everything.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One started child: resolves `exited` when it is gone; stop() asks it to go (safe once it has). */
export interface Supervised {
  exited: Promise<ExitStatus>;
  stop(): Promise<void>;
}

export interface SupervisorOptions<T extends Supervised> {
  /** How the console names it: "worker", "api", "PostgreSQL". */
  name: string;
  /** Starts one instance; resolves once it is started (as ready as the caller needs), rejects when it cannot be. */
  start: () => Promise<T>;
  /** Appended to crash lines, e.g. "log: /data/logs/worker.log". */
  hint?: string;
  /** Where crash and restart lines go (default console.error). */
  log?: (line: string) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Up this long, the next crash starts the backoff over. */
  resetAfterMs?: number;
  /** Injected by the unit test, which runs without real time. */
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export class Supervisor<T extends Supervised> {
  private current: T | undefined;
  private startedAt = 0;
  /** Crashes since the last start that stayed up long enough: the exponent of the next delay. */
  private failures = 0;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private readonly stopped: Promise<void>;
  /** Instances started after the first (for tests and diagnostics). */
  restarts = 0;

  constructor(private readonly opts: SupervisorOptions<T>) {
    this.stopped = new Promise((resolve) => this.abort.signal.addEventListener('abort', () => resolve(), { once: true }));
  }

  /** The instance running now (or the last one, while a restart waits). */
  get child(): T | undefined {
    return this.current;
  }

  /** Starts the first instance. Crashes are not handled until supervise(): a child that dies during start-up fails the start. */
  async start(): Promise<T> {
    this.current = await this.opts.start();
    this.startedAt = this.now();
    return this.current;
  }

  /** From now on a crash restarts the child (one that died since start() is restarted at once after the first delay). */
  supervise(): void {
    if (!this.current) throw new Error(`${this.opts.name}: supervise() before start()`);
    this.loop ??= this.run();
  }

  /** No more restarts; stops the running instance (waiting for a restart in progress to finish first). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    await this.loop;
    await this.current?.stop();
  }

  /** The delay before the next restart, counting this crash. */
  private nextDelay(): number {
    const initial = this.opts.initialDelayMs ?? 1_000;
    const delay = Math.min(initial * 2 ** this.failures, this.opts.maxDelayMs ?? 30_000);
    this.failures++;
    return delay;
  }

  private async run(): Promise<void> {
    const { name } = this.opts;
    const hint = this.opts.hint ? `; ${this.opts.hint}` : '';
    for (;;) {
      const status = await Promise.race([this.current!.exited, this.stopped.then(() => null)]);
      if (this.stopping || !status) return;
      const upMs = this.now() - this.startedAt;
      if (upMs >= (this.opts.resetAfterMs ?? 60_000)) this.failures = 0;
      let delay = this.nextDelay();
      this.log(`${name} berhenti tiba-tiba (${describe(status)}) setelah ${seconds(upMs)}; dimulai ulang dalam ${seconds(delay)}${hint}`);
      for (;;) {
        await this.sleep(delay);
        if (this.stopping) return;
        try {
          const started = await this.opts.start();
          if (this.stopping) {
            // Ctrl-C came while it was starting: it must not outlive the shutdown.
            await started.stop();
            return;
          }
          this.current = started;
          this.startedAt = this.now();
          this.restarts++;
          this.log(`${name} berjalan lagi (dimulai ulang ke-${this.restarts}).`);
          break;
        } catch (e) {
          if (this.stopping) return;
          delay = this.nextDelay();
          this.log(`${name} gagal dimulai ulang: ${(e as Error)?.message ?? String(e)}; dicoba lagi dalam ${seconds(delay)}${hint}`);
        }
      }
    }
  }

  private log(line: string): void {
    (this.opts.log ?? console.error)(line);
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /** Resolves after ms, or early when stop() is called. */
  private async sleep(ms: number): Promise<void> {
    const sleep = this.opts.sleep ?? ((t: number, signal: AbortSignal) => sleepFor(t, undefined, { signal }));
    await sleep(ms, this.abort.signal).catch(() => undefined);
  }
}

/** A child process's exit as a Supervised exit status ('exit', not 'close': grandchildren may keep its pipes open). */
export function exitOf(proc: import('node:child_process').ChildProcess): Promise<ExitStatus> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve({ code: proc.exitCode, signal: proc.signalCode });
  return new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
}

function describe(s: ExitStatus): string {
  return s.signal ? `sinyal ${s.signal}` : `kode keluar ${s.code}`;
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${Math.round(ms / 1000)} s`;
}

/**
 * A real worker process (`node --import tsx bin/worker.ts`) for durability tests: started with its own env, ready once
 * its pino log says `worker running`, and killable with SIGKILL the way a crashed machine would stop it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';
import { REPO_ROOT } from '../../runtime/config';

export interface WorkerProcess {
  pid: number;
  child: ChildProcess;
  /** Resolves once the worker logged `worker running`; rejects if it exits first or does not get there in time. */
  ready: Promise<void>;
  /** Resolves when the process has exited (whatever the reason). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, then wait for the exit. Safe to call twice or after the process died. */
  kill(): Promise<void>;
  /** Last lines of stdout/stderr, for failure messages. */
  tail(): string;
}

const TAIL_LINES = 40;

export function spawnWorker(opts: {
  temporalAddress: string;
  databaseUrl: string;
  taskQueue: string;
  readyTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/worker.ts'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: opts.temporalAddress,
      DATABASE_URL: opts.databaseUrl,
      TASK_QUEUE: opts.taskQueue,
      // `worker running` is logged at info; with 'warn' readiness could not be seen.
      LOG_LEVEL: 'info',
      ...opts.env,
    },
  });
  if (child.pid === undefined) throw new Error('could not spawn the worker process');
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > TAIL_LINES) lines.shift();
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const tail = () => lines.join('\n');

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`worker ${child.pid} not running after ${opts.readyTimeoutMs ?? 60_000} ms:\n${tail()}`));
    }, opts.readyTimeoutMs ?? 60_000);
    timer.unref();
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      keep(line);
      try {
        const entry = JSON.parse(line) as { msg?: string };
        if (typeof entry.msg === 'string' && entry.msg.includes('worker running')) {
          clearTimeout(timer);
          resolve();
        }
      } catch {
        // not a pino line
      }
    });
    readline.createInterface({ input: child.stderr }).on('line', keep);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`worker ${child.pid} exited (code ${code}, signal ${signal}) before running:\n${tail()}`));
    });
  });
  ready.catch(() => undefined); // observed by whoever awaits it; never an unhandled rejection

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return { pid: child.pid, child, ready, exited, kill, tail };
}

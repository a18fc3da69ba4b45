/**
 * Runs the real start command (`node --import tsx bin/start.ts`) as a child on free ports and a given data folder,
 * waits for its ready line, and stops it with SIGINT the way Ctrl-C would. Shared by the HTTP end-to-end test and
 * the benchmark.
 *
 * The child gets its own process group, so that if it does not stop in time everything it started (Temporal,
 * PostgreSQL, worker, API) can be killed by that group id rather than left holding ports.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../../runtime/config';
import { freePort } from '../../runtime/free-port';

export const READY_LINE = /^Pengadaan siap dalam ([0-9.]+) detik\./m;
export const STOPPED_LINE = 'Semua layanan berhenti.';

export interface StackPorts {
  port: number;
  temporalPort: number;
  temporalUiPort: number;
  embeddedPgPort: number;
}

/** Four distinct free ports. */
export async function allocatePorts(): Promise<StackPorts> {
  const seen = new Set<number>();
  const next = async () => {
    for (;;) {
      const p = await freePort();
      if (!seen.has(p)) {
        seen.add(p);
        return p;
      }
    }
  };
  return { port: await next(), temporalPort: await next(), temporalUiPort: await next(), embeddedPgPort: await next() };
}

export interface StackOptions {
  dataDir: string;
  ports: StackPorts;
  timeScale?: string;
  readyTimeoutMs?: number;
  /** Echo the child's output to this process's stderr as it comes (for the benchmark). */
  echo?: boolean;
  /**
   * The start command bundles the workflow code itself, as on a fresh machine, instead of the test run's shared
   * bundle (WORKFLOW_BUNDLE_PATH, which bin/test.ts sets for every file).
   */
  ownBundle?: boolean;
}

export interface Stack {
  proc: ChildProcess;
  baseUrl: string;
  dataDir: string;
  ports: StackPorts;
  /** Wall seconds from spawn to the ready line, measured here. */
  readySecs: number;
  /** The seconds the start command itself printed in its ready line. */
  reportedReadySecs: number;
  /** Everything the child wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves once the output matches (or rejects after timeoutMs, or when the child exits first). */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** Resolves when the child has exited (immediately if it already has). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGINT, then wait; on timeout SIGKILL the whole process group. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; timedOut: boolean }>;
  /** Immediate SIGKILL of the process group (cleanup after a failure). */
  kill(): void;
}

function childEnv(o: StackOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: o.dataDir,
    PORT: String(o.ports.port),
    TEMPORAL_PORT: String(o.ports.temporalPort),
    TEMPORAL_UI_PORT: String(o.ports.temporalUiPort),
    EMBEDDED_PG_PORT: String(o.ports.embeddedPgPort),
    TIME_SCALE: o.timeScale ?? '0.00002',
    TEMPORAL_HEADLESS: '1',
  };
  // Everything must be the embedded stack of this data folder, and the child is not a test.
  for (const k of ['TEMPORAL_ADDRESS', 'DATABASE_URL', 'JWKS_URL', 'JWT_ISSUER', 'NODE_TEST_CONTEXT', 'TEMPORAL_NAMESPACE']) delete env[k];
  if (o.ownBundle) delete env.WORKFLOW_BUNDLE_PATH;
  return env;
}

export async function startStack(o: StackOptions): Promise<Stack> {
  const t0 = Date.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
    cwd: REPO_ROOT,
    env: childEnv(o),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const onData = (chunk: Buffer) => {
    const s = chunk.toString('utf8');
    out += s;
    if (o.echo) process.stderr.write(s);
  };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('close', (code, signal) => resolve({ code, signal }));
  });
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const killGroup = () => {
    if (hasExited || proc.pid === undefined) return;
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  // Last resort if this process exits without stopping it (only synchronous work is possible here).
  process.on('exit', killGroup);
  void exited.then(() => process.removeListener('exit', killGroup));

  const stop: Stack['stop'] = async (timeoutMs = 60_000) => {
    if (!hasExited) proc.kill('SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), timeoutMs)))]);
    clearTimeout(timer);
    if (timedOut) killGroup();
    const res = await exited;
    return { ...res, timedOut };
  };

  const waitForOutput = (pattern: RegExp, timeoutMs: number) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        proc.stdout.off('data', check);
        proc.off('error', failed);
      };
      const check = () => {
        const m = pattern.exec(out);
        if (m) {
          done();
          resolve(m);
        }
      };
      const failed = (e: Error) => {
        done();
        reject(e);
      };
      const timer = setTimeout(() => failed(new Error(`start command printed nothing matching ${pattern} in ${timeoutMs} ms`)), timeoutMs);
      proc.stdout.on('data', check);
      proc.once('error', failed);
      void exited.then(({ code, signal }) => failed(new Error(`start command exited (code ${code}, signal ${signal}) before printing ${pattern}`)));
      check();
    });

  const timeoutMs = o.readyTimeoutMs ?? 120_000;
  try {
    const reported = Number((await waitForOutput(READY_LINE, timeoutMs))[1]);
    return {
      proc,
      baseUrl: `http://127.0.0.1:${o.ports.port}`,
      dataDir: o.dataDir,
      ports: o.ports,
      readySecs: (Date.now() - t0) / 1000,
      reportedReadySecs: reported,
      output: () => out,
      waitForOutput,
      exited,
      stop,
      kill: killGroup,
    };
  } catch (e) {
    await stop(20_000);
    throw new Error(`${(e as Error).message}\n--- output ---\n${redactTokens(out)}\n${logTails(o.dataDir)}`, { cause: e });
  }
}

/** The start command prints a dev token per demo user; keep them out of failure reports. */
export function redactTokens(text: string): string {
  return text.replace(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, '<token>');
}

/** The last lines of the worker and API logs, for failure messages. */
export function logTails(dataDir: string, lines = 40): string {
  return ['worker', 'api']
    .map((name) => {
      const file = path.join(dataDir, 'logs', `${name}.log`);
      try {
        const text = fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
        return `--- ${file} (last ${lines} lines) ---\n${text}`;
      } catch {
        return `--- ${file}: (none) ---`;
      }
    })
    .join('\n');
}

/** The API's and worker's logged errors (pino level ≥ 50), the last few, for failure messages. */
export function loggedErrors(dataDir: string, max = 8): string {
  return ['api', 'worker']
    .map((name) => {
      const file = path.join(dataDir, 'logs', `${name}.log`);
      let lines: string[];
      try {
        lines = fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => /"level":\s*(50|60)\b/.test(l));
      } catch {
        return '';
      }
      return lines.length ? `--- errors in ${file} (last ${Math.min(max, lines.length)} of ${lines.length}) ---\n${lines.slice(-max).join('\n')}` : '';
    })
    .filter(Boolean)
    .join('\n');
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (v: boolean) => {
      socket.destroy();
      resolve(v);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

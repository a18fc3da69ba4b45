/**
 * Worker and API as child processes of the start command, the same entry points that run alone in production.
 * Their pino output goes to log files so the console keeps the start banner readable.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './config';

export interface Child {
  name: string;
  proc: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

export function spawnEntry(name: string, entry: string, env: NodeJS.ProcessEnv, logDir: string): Child {
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, entry)], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  let stopping: Promise<void> | undefined;
  return {
    name,
    proc,
    logFile,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const kill = setTimeout(() => proc.kill('SIGKILL'), 15_000);
        proc.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        proc.kill('SIGTERM');
      });
      return stopping;
    },
  };
}

export async function waitForHealth(url: string, timeoutMs: number, isAlive: () => boolean): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (!isAlive()) throw new Error(`process behind ${url} exited during start-up`);
    if (Date.now() > until) throw new Error(`${url} not healthy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Runs an entry point to its end (a one-off job such as bin/bundle-workflows.ts), its output appended to
 * `<logDir>/<name>.log`; rejects, naming the log, when it fails.
 */
export function runEntry(name: string, entry: string, args: string[], env: NodeJS.ProcessEnv, logDir: string): Promise<void> {
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, entry), ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${entry} gagal (${signal ?? `kode ${code}`}); lihat ${logFile}`))));
  });
}

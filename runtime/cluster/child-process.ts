/**
 * One program of the cluster as a child process: output appended to <data dir>/logs/<name>.log, its own process
 * group (Ctrl-C in a terminal reaches only the launcher, which then stops everything in order, instead of every
 * child at once), and a stop that asks (SIGTERM) before it insists (SIGKILL). `ready` decides when a start counts as
 * done; a child that exits before that fails the start with the end of its log.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { exitOf, type ExitStatus, type Supervised } from '../supervise';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  logDir: string;
  /** Resolves when the program serves (polls a port or endpoint); rejected or past timeoutMs fails the start. */
  ready?: () => Promise<boolean>;
  readyTimeoutMs?: number;
  /** How long a stop waits after SIGTERM before SIGKILL. */
  stopGraceMs?: number;
}

export interface RunningChild extends Supervised {
  pid(): number | undefined;
  /** Sends a signal to the child; resolves once it has exited. */
  signal(sig: NodeJS.Signals): Promise<ExitStatus>;
}

/** Every child still running, so a launcher that exits without stopping them (uncaught error) leaves none behind. */
const live = new Set<import('node:child_process').ChildProcess>();
let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const p of live) p.kill('SIGKILL');
  });
}

export async function startChild(spec: ChildSpec): Promise<RunningChild> {
  hookExit();
  fs.mkdirSync(spec.logDir, { recursive: true });
  const logFile = path.join(spec.logDir, `${spec.name}.log`);
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `\n--- ${new Date().toISOString()} mulai: ${spec.name}\n`);
  const proc = spawn(spec.command, spec.args, { env: spec.env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  live.add(proc);
  const exited = exitOf(proc);
  void exited.then(() => live.delete(proc));
  let gone = false;
  void exited.then(() => (gone = true));

  const signal = async (sig: NodeJS.Signals): Promise<ExitStatus> => {
    if (!gone) proc.kill(sig);
    return exited;
  };
  let stopping: Promise<void> | undefined;
  const child: RunningChild = {
    exited,
    pid: () => (gone ? undefined : proc.pid),
    signal,
    stop() {
      stopping ??= (async () => {
        if (gone) return;
        const kill = setTimeout(() => proc.kill('SIGKILL'), spec.stopGraceMs ?? 15_000);
        await signal('SIGTERM');
        clearTimeout(kill);
      })();
      return stopping;
    },
  };

  let spawnError: Error | undefined;
  const spawnFailed = new Promise<never>((_, reject) =>
    proc.once('error', (e) => {
      spawnError = e;
      reject(e);
    }),
  );
  spawnFailed.catch(() => undefined); // only the start races it; a later error must not be an unhandled rejection
  if (spec.ready) {
    const until = Date.now() + (spec.readyTimeoutMs ?? 60_000);
    const died = exited.then((s) => {
      throw new Error(`${spec.name} berhenti saat mulai (${s.signal ?? `kode ${s.code}`}); akhir log:\n${tail(logFile)}`);
    });
    died.catch(() => undefined); // an exit long after the start is the supervisor's business
    const poll = (async () => {
      while (!gone && !spawnError) {
        if (await spec.ready!().catch(() => false)) return;
        if (Date.now() > until) throw new Error(`${spec.name} belum siap setelah ${(spec.readyTimeoutMs ?? 60_000) / 1000} s; akhir log:\n${tail(logFile)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    try {
      await Promise.race([poll, died, spawnFailed]);
    } catch (e) {
      if (!spawnError) await child.stop();
      throw e;
    }
  } else {
    await Promise.race([spawnFailed, new Promise((r) => proc.once('spawn', r))]);
  }
  return child;
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(tidak ada log)';
  }
}

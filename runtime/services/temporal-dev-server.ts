// Runs `temporal server start-dev` (SQLite-backed, single process) as a child
// of this process for local development, tests and CI, where no Temporal
// cluster exists.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { grpc } from '@temporalio/proto';
import pino from 'pino';
import { resolveTemporalCli } from '../temporal-binaries';
import { devServerSearchAttributeFlags, ensureSearchAttributes, SearchAttributesMissing } from '../search-attributes';

export interface TemporalDevServerOptions {
  /** Directory for the SQLite file, so workflow state survives restarts. */
  dataDir: string;
  /** Frontend gRPC port. Default 7233. */
  port?: number;
  /** Web UI port. Default 8233. Ignored when headless. */
  uiPort?: number;
  /** Namespace to create at launch ('default' always exists). Default 'default'. */
  namespace?: string;
  /** Address to bind. Default 127.0.0.1 so the dev server is never exposed. */
  ip?: string;
  /** Disable the Web UI (tests and CI do not need it). */
  headless?: boolean;
  /**
   * Server dynamic config (`--dynamic-config-value KEY=VALUE`), e.g. `{ 'history.maxInFlightUpdates': 1 }`: tests
   * start a server with tiny limits to provoke them. Values are sent as JSON, as the CLI expects.
   */
  dynamicConfig?: Record<string, string | number | boolean>;
  /**
   * Register the package search attributes (runtime/search-attributes.ts) at start. Default true; false gives a
   * namespace without them, as an external one may be (tests of the worker's check).
   */
  searchAttributes?: boolean;
  logger?: pino.Logger;
}

export interface TemporalDevServer {
  /** host:port for `Connection.connect({ address })`. */
  address: string;
  /** Web UI URL, or null when headless. */
  uiUrl: string | null;
  namespace: string;
  /** Graceful stop (SIGTERM, then SIGKILL after 10 s). Safe to call twice. */
  stop(): Promise<void>;
  pid: number;
  /** Resolves when the server process is gone, asked to or not (the start command restarts it when not). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const READY_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 250;
const STOP_GRACE_MS = 10_000;
const HEALTH_SERVING = grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;
// Enough child output to explain a failed start without keeping everything.
const TAIL_LINES = 30;

export async function startTemporalDevServer(opts: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const port = opts.port ?? 7233;
  const uiPort = opts.uiPort ?? 8233;
  const namespace = opts.namespace ?? 'default';
  const ip = opts.ip ?? '127.0.0.1';
  const headless = opts.headless ?? false;
  const logger = (opts.logger ?? pino({ level: 'silent' })).child({ service: 'temporal-dev-server' });
  const address = `${ip}:${port}`;

  // The dev server's own error for a taken port is buried in JSON logs, and
  // worse, a leftover server from an earlier run would make us "healthy"
  // against the wrong process; so refuse up front.
  await assertPortFree(ip, port, 'Temporal frontend');
  if (!headless) await assertPortFree(ip, uiPort, 'Temporal Web UI');

  const cli = resolveTemporalCli();
  await fs.promises.mkdir(opts.dataDir, { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.join(opts.dataDir, 'temporal.sqlite'),
    '--port',
    String(port),
    // No network beyond package registries here: stop the UI polling its newsfeed.
    ...(headless ? ['--headless'] : ['--ui-port', String(uiPort), '--ui-disable-news-fetch']),
    '--ip',
    ip,
    '--namespace',
    namespace,
    '--log-format',
    'json',
    '--log-level',
    'warn',
    ...(opts.searchAttributes === false ? [] : devServerSearchAttributeFlags()),
    ...Object.entries(opts.dynamicConfig ?? {}).flatMap(([key, value]) => ['--dynamic-config-value', `${key}=${JSON.stringify(value)}`]),
  ];
  logger.debug({ cli, args }, 'starting temporal dev server');
  const startedAt = Date.now();

  // Not detached: the child stays in our process group, so Ctrl-C in a
  // terminal (which signals the whole foreground group) stops it too.
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // If we exit without stop() (process.exit(), uncaught error), do not leave
  // the server holding the port for the next run. 'exit' listeners can only
  // do synchronous work; a signal is enough.
  const onProcessExit = (): void => {
    child.kill('SIGTERM');
  };
  process.on('exit', onProcessExit);
  const tail: string[] = [];
  let stopping = false;
  forwardLines(child.stdout, (line) => logger.debug(line));
  forwardLines(child.stderr, (line) => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    logChildStderr(logger, line, stopping);
  });

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // 'close' rather than 'exit': it fires once stdio is drained too, so the
    // last lines of a crashing server are in `tail` before we report it.
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  let hasExited = false;
  void exited.then(({ code, signal }) => {
    hasExited = true;
    process.removeListener('exit', onProcessExit);
    if (!stopping) logger.warn({ code, signal }, 'temporal dev server exited unexpectedly');
  });

  let stopPromise: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopPromise ??= (async () => {
      stopping = true;
      if (hasExited || child.pid === undefined) return;
      child.kill('SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_GRACE_MS, true, { ref: false })]);
      if (timedOut) {
        logger.warn('temporal dev server ignored SIGTERM for 10 s; sending SIGKILL');
        child.kill('SIGKILL');
        await exited;
      }
    })();
    return stopPromise;
  };

  // Stops the health polling when the child dies first, so a failed start
  // does not keep the event loop busy for the rest of the 60 s.
  const giveUp = new AbortController();
  try {
    await Promise.race([
      waitUntilHealthy(address, ip, port, namespace, giveUp.signal).then(() =>
        // The flags register them only when the SQLite file is new: a data folder from before they existed gets them here.
        opts.searchAttributes === false ? undefined : registerSearchAttributes(address, namespace),
      ),
      exited.then(({ code, signal }) => {
        throw new Error(`temporal dev server exited during startup (code ${code}, signal ${signal}). Last output:\n${tail.join('\n')}`);
      }),
      spawnError.then((err) => {
        throw new Error(`could not spawn ${cli}: ${err.message}`);
      }),
    ]);
  } catch (err) {
    await stop();
    throw err;
  } finally {
    giveUp.abort();
  }

  logger.info({ address, ms: Date.now() - startedAt }, 'temporal dev server ready');
  return {
    address,
    uiUrl: headless ? null : `http://${ip}:${uiPort}`,
    namespace,
    stop,
    // Defined once spawn succeeded, which the readiness wait proved.
    pid: child.pid as number,
    exited,
  };
}

/**
 * Ready means: the frontend answers gRPC health checks and our namespace is
 * registered, so a worker or client started right after will not race it.
 */
async function waitUntilHealthy(address: string, ip: string, port: number, namespace: string, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline && !signal.aborted) {
    // A plain TCP probe is cheap; only try gRPC once something listens.
    if (await isListening(ip, port)) {
      try {
        await checkOnce(address, namespace);
        return;
      } catch (err) {
        lastError = err;
      }
    }
    await sleep(POLL_INTERVAL_MS, undefined, { signal }).catch(() => undefined);
  }
  if (signal.aborted) return;
  throw new Error(
    `temporal dev server at ${address} not healthy after ${READY_TIMEOUT_MS / 1000} s` + (lastError instanceof Error ? `: ${lastError.message}` : ''),
  );
}

async function checkOnce(address: string, namespace: string): Promise<void> {
  // A fresh connection per attempt: a reused gRPC channel backs off
  // exponentially after failures and would notice readiness seconds late.
  // lazy() + ensureConnected() rather than connect() so a failed attempt is
  // still closed by the finally.
  const connection = Connection.lazy({ address, connectTimeout: 2_000 });
  try {
    await connection.ensureConnected();
    const deadline = Date.now() + 2_000;
    const health = await connection.withDeadline(deadline, () => connection.healthService.check({}));
    if (health.status !== HEALTH_SERVING) throw new Error(`health status ${String(health.status)}`);
    await connection.withDeadline(deadline, () => connection.workflowService.describeNamespace({ namespace }));
  } finally {
    await connection.close();
  }
}

/** ensureSearchAttributes, retried while the just-started server is slow to answer (a loaded machine). */
async function registerSearchAttributes(address: string, namespace: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const connection = Connection.lazy({ address });
    try {
      return await ensureSearchAttributes(connection, namespace);
    } catch (err) {
      if (err instanceof SearchAttributesMissing || Date.now() > deadline) throw err;
    } finally {
      await connection.close();
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

function forwardLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (!stream) return;
  readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    if (line.trim()) onLine(line);
  });
}

/**
 * stderr carries the server's JSON logs (already filtered to warn and up).
 * While stopping, the server's own workers complain about the closing
 * transport; that is expected noise, so it goes to debug.
 */
function logChildStderr(logger: pino.Logger, line: string, stopping: boolean): void {
  let entry: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed && typeof parsed === 'object') entry = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (e.g. a Go panic); forwarded as-is below.
  }
  const level = typeof entry?.level === 'string' ? entry.level.toLowerCase() : 'warn';
  const important = level === 'warn' || level === 'error' || level === 'fatal' || level === 'panic';
  const msg = typeof entry?.msg === 'string' ? entry.msg : line;
  const fields = entry ? { temporal: entry } : {};
  if (important && !stopping) logger.warn(fields, msg);
  else logger.debug(fields, msg);
}

function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result: boolean): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function assertPortFree(host: string, port: number, what: string): Promise<void> {
  if (await isListening(host, port)) {
    throw new Error(
      `Cannot start ${what}: port ${port} on ${host} is already in use ` + `(another Temporal dev server still running?). Stop it or pick another port.`,
    );
  }
}

/**
 * The production-like cluster on one machine (issue 15 point 1): PostgreSQL (embedded, or DATABASE_URL's server),
 * Temporal's schemas, the four Temporal services as separate processes from one configuration file, the namespace and
 * its search attributes, the project's migrations, two workers, two APIs and one load-balancing proxy in front of
 * them. Every process is supervised: one that dies is restarted with backoff and logged, as under an orchestrator.
 * bin/cluster.ts is the command; the chaos test drives the same function.
 */
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { loadOrCreateDevIssuer } from '../../api/auth/dev-issuer';
import { createDb, migrateLatest } from '../../db/connection';
import { seedDemo } from '../../db/seed-demo';
import { defaultKeyProvider } from '../crypto/key-provider';
import { connectClient, waitForWorkerPoller } from '../temporal';
import { apiLauncher, proxyLauncher, workerLauncher } from './app-processes';
import type { RunningChild } from './child-process';
import { type ClusterProcess, SupervisedProcess } from './cluster-process';
import { assertBuilt, clusterPaths } from './paths';
import { type ClusterPorts, clusterPorts } from './ports';
import { type EmbeddedPg, pgServerOf, startEmbeddedPg } from './postgres-server';
import { writeTemporalConfig } from './temporal-config';
import { prepareNamespace, waitForClusterHealth } from './temporal-ready';
import { ensureTemporalSchemas } from './temporal-schemas';
import { temporalServiceLauncher } from './temporal-services';

export type { ClusterProcess } from './cluster-process';

export interface Cluster {
  /** The proxy's address: the one the cluster serves the API and console on. */
  apiUrl: string;
  /** The Temporal frontend (host:port), for the CLI, the UI server and the SDK. */
  temporalAddress: string;
  namespace: string;
  /** The project's database. */
  databaseUrl: string;
  dataDir: string;
  processes: {
    frontend: ClusterProcess;
    history: ClusterProcess;
    matching: ClusterProcess;
    temporalWorker: ClusterProcess;
    workers: ClusterProcess[];
    apis: ClusterProcess[];
    proxy: ClusterProcess;
    /** Only when the cluster runs the embedded PostgreSQL. */
    postgres?: ClusterProcess;
  };
  /** What the start did and how long each part took (for the launcher's line and the start-time figures). */
  timings: { phase: string; ms: number }[];
  /** Whether this start created Temporal's databases (a cold start) or found them (warm). */
  createdSchemas: string[];
  /** Every port the cluster uses (kept in <data dir>/config/ports.json for the next start). */
  ports: ClusterPorts;
  /** Stops everything started, in order (proxy, APIs, workers, Temporal services, PostgreSQL); nothing restarts. */
  stop(): Promise<void>;
}

export interface StartClusterOptions {
  dataDir: string;
  /** An external PostgreSQL server; Temporal's databases are created on it too. Default: the embedded one. */
  databaseUrl?: string;
  /** Passed to every worker and API (TIME_SCALE, LOG_LEVEL, rate limits, …), over the cluster's own settings. */
  env?: Record<string, string>;
  log?: (line: string) => void;
  namespace?: string;
  /** Fixed ports (bin/cluster.ts: PORT for the proxy, TEMPORAL_PORT for the frontend); the rest are chosen. */
  ports?: { proxy?: number; frontend?: number };
  apis?: number;
  workers?: number;
  /** Adds the demo users (db/seed-demo.ts), for trying the cluster out with the console's "Masuk sebagai". */
  seedDemo?: boolean;
}

const TEMPORAL_READY_MS = 120_000;

export async function startCluster(opts: StartClusterOptions): Promise<Cluster> {
  const t0 = Date.now();
  const log = opts.log ?? ((line: string) => console.log(line));
  const dataDir = path.resolve(opts.dataDir);
  const dir = path.join(dataDir, 'config');
  const logDir = path.join(dataDir, 'logs');
  const namespace = opts.namespace ?? 'default';
  const timings: { phase: string; ms: number }[] = [];
  let mark = t0;
  const phase = (name: string) => {
    const now = Date.now();
    timings.push({ phase: name, ms: now - mark });
    mark = now;
  };
  assertBuilt();
  fs.mkdirSync(logDir, { recursive: true });
  const ports = await clusterPorts(dir, { apis: opts.apis ?? 2, workers: opts.workers ?? 2 }, opts.ports ?? {});
  /** In stop order's reverse: what a failed start or stop() takes down. */
  const started: SupervisedProcess<RunningChild | EmbeddedPg>[][] = [];
  const proc = <T extends RunningChild | EmbeddedPg>(name: string, launch: () => Promise<T>) =>
    new SupervisedProcess<T>(name, launch, log, `log: ${path.join(logDir, `${name}.log`)}`);
  const startGroup = async <T extends RunningChild | EmbeddedPg>(group: SupervisedProcess<T>[]) => {
    started.push(group);
    // Started together: a failure stops the others of the group below, with everything started earlier.
    const results = await Promise.allSettled(group.map((p) => p.start()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return group;
  };
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const group of started) for (const p of group) p.quiesce();
      for (const group of [...started].reverse()) await Promise.all(group.map((p) => p.stop().catch((e) => log(`${p.name}: ${String(e)}`))));
    })());

  try {
    let databaseUrl: string;
    let postgres: SupervisedProcess<EmbeddedPg> | undefined;
    if (opts.databaseUrl) {
      databaseUrl = opts.databaseUrl;
    } else {
      const pgLog = pino({ level: 'debug' }, pino.destination({ dest: path.join(logDir, 'postgres.log'), append: true, mkdir: true, sync: false }));
      postgres = proc('postgres', () => startEmbeddedPg(dataDir, ports.postgres, pgLog));
      await startGroup([postgres]);
      databaseUrl = postgres.current!.url;
      phase('PostgreSQL');
    }
    const pg = pgServerOf(databaseUrl);
    const createdSchemas = await ensureTemporalSchemas(pg);
    phase(createdSchemas.length ? 'skema Temporal dibuat' : 'skema Temporal diperiksa');

    const configFile = writeTemporalConfig(dir, ports, pg);
    const svc = (s: 'frontend' | 'history' | 'matching' | 'worker') => proc(`temporal-${s}`, temporalServiceLauncher(s, configFile, ports, logDir));
    // History first, alone: on a new database the first service to start writes the cluster metadata record, and
    // four starting at once race for it ("SaveClusterMetadata encountered version mismatch"; the losers exit).
    const [history] = await startGroup([svc('history')]);
    const [matching, frontend, temporalWorker] = await startGroup([svc('matching'), svc('frontend'), svc('worker')]);
    const temporalAddress = `127.0.0.1:${ports.frontend}`;
    const servicesUp = () => [history, matching, frontend, temporalWorker].every((p) => p!.pid() !== undefined);
    await waitForClusterHealth(temporalAddress, TEMPORAL_READY_MS, servicesUp);
    phase('layanan Temporal');
    await prepareNamespace(temporalAddress, namespace, TEMPORAL_READY_MS);
    phase('namespace dan atribut pencarian');

    const db = createDb(databaseUrl, { pool: { min: 0, max: 2 } });
    try {
      await migrateLatest(db);
      if (opts.seedDemo) await seedDemo(db);
    } finally {
      await db.destroy();
    }
    phase('migrasi');

    const apiUrl = `http://127.0.0.1:${ports.proxy}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: namespace,
      WORKFLOW_BUNDLE_PATH: clusterPaths.workflowBundle,
      PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://localhost:${ports.proxy}`,
      ...opts.env,
    };
    // Created once here, not raced by four processes: the development token key and payload key ring they share.
    if (!env.JWKS_URL) await loadOrCreateDevIssuer(dataDir);
    defaultKeyProvider(env);

    const workers = await startGroup(ports.workerMetrics.map((m, i) => proc(`worker-${i + 1}`, workerLauncher(`worker-${i + 1}`, env, m, logDir))));
    const apis = await startGroup(ports.apis.map((p, i) => proc(`api-${i + 1}`, apiLauncher(`api-${i + 1}`, env, p, logDir))));
    const [proxy] = await startGroup([proc('proxy', proxyLauncher(ports.proxy, ports.apis, logDir))]);
    // Ready means steps are served: every worker polls the task queue (it loads the workflow bundle first).
    const client = await connectClient({ address: temporalAddress, namespace });
    try {
      for (const w of workers) {
        const pid = w.pid();
        await waitForWorkerPoller(client, env.TASK_QUEUE || 'pengadaan', pid!, TEMPORAL_READY_MS, () => w.pid() === pid);
      }
    } finally {
      await client.connection.close();
    }
    await waitForOk(`${apiUrl}/health`, 60_000);
    phase('worker, API dan proxy');

    return {
      apiUrl,
      temporalAddress,
      namespace,
      databaseUrl,
      dataDir,
      processes: {
        frontend: frontend!,
        history: history!,
        matching: matching!,
        temporalWorker: temporalWorker!,
        workers,
        apis,
        proxy: proxy!,
        ...(postgres ? { postgres } : {}),
      },
      timings,
      createdSchemas,
      ports,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function waitForOk(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(url).catch((e: Error) => e);
    if (!(res instanceof Error) && res.ok) return;
    const last = res instanceof Error ? res.message : `${res.status} ${await res.text()}`;
    if (Date.now() > until) throw new Error(`${url} belum sehat setelah ${timeoutMs / 1000} s: ${last}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

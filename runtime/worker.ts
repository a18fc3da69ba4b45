/**
 * Builds a worker for the package task queue: the interpreter workflow and the activities with their database.
 * Used by bin/worker.ts and by the integration tests, so both run the same thing.
 */
import { DefaultLogger, type LogEntry, makeTelemetryFilterString, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type pino from 'pino';
import type { PayloadCodec } from '@temporalio/common';
import { createActivities } from '../activities';
import { workerMetricsOptions } from './worker-metrics';
import { prebuiltWorkflowBundle, WORKFLOWS_PATH } from './workflow-bundle';
import type { KeyProvider } from './crypto/key-provider';

export { WORKFLOWS_PATH };

let runtimeInstalled = false;
/** Routes SDK and Core logs into pino; Runtime.install may run once per process, before any connection. */
export function installRuntimeLogger(logger: pino.Logger): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const level = (process.env.TEMPORAL_LOG_LEVEL ?? 'INFO') as 'INFO';
  Runtime.install({
    // Activity and workflow log entries carry workflowId, runId and activity ids in `meta`.
    logger: new DefaultLogger(level, (entry: LogEntry) => {
      const fn = entry.level === 'TRACE' ? 'trace' : (entry.level.toLowerCase() as 'info');
      logger[fn]({ ...entry.meta, sdk: true }, entry.message);
    }),
    // SDK metrics (task latencies, slots, polls) on WORKER_METRICS_PORT when set (runtime/worker-metrics.ts).
    telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN' }) }, metrics: workerMetricsOptions() },
  });
}

/** The given bundle, else the shared prebuilt one (runtime/workflow-bundle.ts), else bundle the source now. */
function workflowSource(given: WorkerOptions['workflowBundle']): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  const bundle = given ?? prebuiltWorkflowBundle();
  return bundle ? { workflowBundle: bundle } : { workflowsPath: WORKFLOWS_PATH };
}

export async function createWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Knex;
  workflowBundle?: WorkerOptions['workflowBundle'];
  overrides?: Partial<WorkerOptions>;
  /** Opens sealed bids (default: the environment's key ring). */
  keys?: KeyProvider;
  /** Encrypts every Temporal payload; the clients talking to these workflows must use the same codec. */
  codec?: PayloadCodec;
}): Promise<Worker> {
  const dataConverter = opts.codec ? { payloadCodecs: [opts.codec] } : undefined;
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...workflowSource(opts.workflowBundle),
    ...(dataConverter ? { dataConverter } : {}),
    activities: createActivities({
      db: opts.db,
      client: new Client({ connection: opts.connection, namespace: opts.namespace, ...(dataConverter ? { dataConverter } : {}) }),
      taskQueue: opts.taskQueue,
      keys: opts.keys,
    }),
    ...opts.overrides,
  });
}

/**
 * Builds a worker for the package task queue: the interpreter workflow and the activities with their database.
 * Used by bin/worker.ts and by the integration tests, so both run the same thing.
 */
import {
  DefaultLogger,
  type LogEntry,
  makeTelemetryFilterString,
  NativeConnection,
  Runtime,
  Worker,
  type WorkerOptions,
} from '@temporalio/worker';
import { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import path from 'node:path';
import type pino from 'pino';
import type { PayloadCodec } from '@temporalio/common';
import { createActivities } from '../activities';
import type { KeyProvider } from './crypto/key-provider';

export const WORKFLOWS_PATH = path.join(__dirname, '..', 'workflows', 'index.ts');

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
    telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN' }) } },
  });
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
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
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

/**
 * The API process's heartbeat, the signal outage detection reads (issue 15 point 7; db/queries/outages.ts). Every
 * HEARTBEAT_EVERY_SECONDS the process checks that a vendor's step could be served — Temporal answers (its history
 * service, not just the frontend) and a worker polls the package task queue — and, if so, writes its own row (which
 * needs PostgreSQL). When every process's newest beat is older than OUTAGE_DETECT_AFTER_SECONDS, the platform was
 * down: the first beat after the gap records the outage (or ends the ongoing one a closing recorded meanwhile) and
 * signals the packages it may affect. A process stopped on purpose removes its row, so stopping the platform for good
 * is not read as an outage when it is started again after days; a crash leaves it, and so is detected.
 */
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import os from 'node:os';
import type pino from 'pino';
import { probeTemporal } from '../api/temporal-reachability';
import { signalOutage } from '../api/services/outage-signal';
import { beat } from '../db/queries/outages';
import { outageConfig } from './outage-config';

const PROBE_WORKFLOW_ID = 'pengadaan-heartbeat-probe';
const CHECK_MS = 2_000;
/** A poller Temporal lists but that has not polled for this long is a worker gone (a poll lasts ≤ 70 s). */
const POLLER_FRESH_MS = 120_000;

async function workerPolls(client: Client, taskQueue: string): Promise<boolean> {
  const res = await client.withDeadline(Date.now() + CHECK_MS, () =>
    client.workflowService.describeTaskQueue({ namespace: client.options.namespace, taskQueue: { name: taskQueue }, taskQueueType: 1 }),
  );
  const since = Date.now() - POLLER_FRESH_MS;
  return (res.pollers ?? []).some((p) => Number(p.lastAccessTime?.seconds ?? 0) * 1000 >= since);
}

/** One beat: false when a step could not be served now (nothing written). Exported for tests. */
export async function beatOnce(deps: { db: Knex; client: Client; taskQueue: string; logger: pino.Logger; processId: string }): Promise<boolean> {
  const { db, client, logger } = deps;
  if (await probeTemporal(client, PROBE_WORKFLOW_ID, CHECK_MS)) return false;
  if (!(await workerPolls(client, deps.taskQueue).catch(() => false))) return false;
  const outage = await beat(db, deps.processId, Date.now(), outageConfig().detectAfterMs);
  if (outage) {
    const packages = await signalOutage(db, client, outage);
    logger.warn({ outage, packages }, 'platform outage detected from the heartbeat gap; affected packages signalled');
  }
  return true;
}

export function startHeartbeat(deps: { db: Knex; client: Client; taskQueue: string; logger: pino.Logger }): { stop(): Promise<void> } {
  const processId = `api:${os.hostname()}:${process.pid}:${Date.now().toString(36)}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = beatOnce({ ...deps, processId })
      .catch((err) => deps.logger.warn({ err }, 'heartbeat not written (PostgreSQL or Temporal away?)'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, outageConfig().beatEveryMs);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await deps
        .db('platform_heartbeats')
        .where({ process_id: processId })
        .delete()
        .catch(() => undefined);
    },
  };
}

/**
 * Health (issue 15 point 8), outside /api so never rate limited or authenticated:
 *  - /health: each dependency by a real round trip with a short deadline — PostgreSQL `select 1`, Temporal a
 *    DescribeWorkflowExecution that reaches the history service (GetSystemInfo alone is the frontend's, and said ok
 *    while the history service was dead) — 503 + Retry-After when either does not answer; and how many workers poll
 *    the package task queue (informational: the API answers without one, steps wait for it);
 *  - /health/live: the process answers (no dependency asked), for an orchestrator's liveness probe — a dependency
 *    that is away must not get the API restarted;
 *  - /health/ready: 200 only when PostgreSQL and Temporal answer, for a readiness probe (taken out of the load
 *    balancer, not restarted).
 */
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Knex } from 'knex';
import { pingDatabase } from '../../db/connection';
import { RETRY_AFTER_SECONDS } from '../errors';
import { probeTemporal } from '../temporal-reachability';

const CHECK_MS = 2_000;
/** A workflow id no package has: its NOT_FOUND is the history service answering. */
const PROBE_WORKFLOW_ID = 'pengadaan-health-probe';
/** A poller Temporal still lists but that has not polled for longer than this is a worker gone (a poll lasts ≤ 70 s). */
const POLLER_FRESH_MS = 120_000;
const TASK_QUEUE_TYPE_WORKFLOW = 1;

const describe = (e: unknown) => `error: ${String((e as Error)?.message ?? e).slice(0, 200)}`;

async function checkDatabase(db: Knex): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      pingDatabase(db),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_MS} ms`)), CHECK_MS))),
    ]);
    return 'ok';
  } catch (e) {
    return describe(e);
  } finally {
    clearTimeout(timer);
  }
}

async function checkTemporal(client: Client): Promise<string> {
  const err = await probeTemporal(client, PROBE_WORKFLOW_ID, CHECK_MS);
  return err ? describe(err) : 'ok';
}

/** Workers that polled the workflow task queue lately, or null when Temporal does not say. */
async function workersOn(client: Client, taskQueue: string): Promise<number | null> {
  try {
    const res = await client.withDeadline(Date.now() + CHECK_MS, () =>
      client.workflowService.describeTaskQueue({
        namespace: client.options.namespace,
        taskQueue: { name: taskQueue },
        taskQueueType: TASK_QUEUE_TYPE_WORKFLOW,
      }),
    );
    const since = Date.now() - POLLER_FRESH_MS;
    const lastSeen = (p: { lastAccessTime?: { seconds?: unknown; nanos?: number | null } | null }) => Number(p.lastAccessTime?.seconds ?? 0) * 1000;
    return new Set((res.pollers ?? []).filter((p) => lastSeen(p) >= since).map((p) => p.identity)).size;
  } catch {
    return null;
  }
}

export function healthRoutes(db: Knex, client: Client, taskQueue: string): Router {
  const r = Router();
  const dependencies = async () => {
    const [postgres, temporal] = await Promise.all([checkDatabase(db), checkTemporal(client)]);
    return { ok: postgres === 'ok' && temporal === 'ok', checks: { postgres, temporal } };
  };

  r.get('/', async (_req, res) => {
    const [{ ok, checks }, workers] = await Promise.all([dependencies(), workersOn(client, taskQueue)]);
    if (!ok) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', checks, workers });
  });

  r.get('/live', (_req, res) => {
    res.json({ status: 'ok' });
  });

  r.get('/ready', async (_req, res) => {
    const { ok, checks } = await dependencies();
    if (!ok) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', checks });
  });
  return r;
}

/** /health: is PostgreSQL answering, is Temporal answering. 503 when either is not. */
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Knex } from 'knex';
import { RETRY_AFTER_SECONDS } from '../errors';

async function check(fn: () => Promise<unknown>, ms = 2000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([fn(), new Promise((_, rej) => (timer = setTimeout(() => rej(new Error('timeout')), ms)))]);
    return 'ok';
  } catch (e) {
    return `error: ${(e as Error).message.slice(0, 200)}`;
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(db: Knex, client: Client): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    const [postgres, temporal] = await Promise.all([
      check(() => db.raw('select 1')),
      check(() => client.workflowService.getSystemInfo({})),
    ]);
    const ok = postgres === 'ok' && temporal === 'ok';
    if (!ok) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', checks: { postgres, temporal } });
  });
  return r;
}

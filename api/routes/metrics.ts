/**
 * GET /metrics (issue 15 point 9): Prometheus text format, outside /api like /health, so scraped without a token and
 * never rate limited. Nothing personal or sealed in it (api/metrics.ts). The process's own Node.js metrics (CPU,
 * memory, event loop) are registered on the first scrape: their event-loop monitor is not started for apps that are
 * never scraped (the tests create many).
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { ApiMetrics } from '../metrics';
import { scrapeDatabase } from '../metrics-scrape';

export function metricsRoutes(db: Knex, metrics: ApiMetrics): Router {
  const r = Router();
  let defaultsOn = false;
  r.get('/', async (_req, res) => {
    if (!defaultsOn) {
      defaultsOn = true;
      collectDefaultMetrics({ register: metrics.registry });
    }
    const text = await Registry.merge([metrics.registry, await scrapeDatabase(db)]).metrics();
    res.setHeader('Cache-Control', 'no-store');
    res.type(metrics.registry.contentType).send(text);
  });
  return r;
}

/** The Express application: middleware order is security → logging → auth → routes → errors. */
import type { Client } from '@temporalio/client';
import express from 'express';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type pino from 'pino';
import { pinoHttp } from 'pino-http';
import { authenticate } from './auth/middleware';
import type { TokenVerifier } from './auth/verifier';
import { errorHandler, notFound } from './errors';
import { buildOpenApi } from './openapi';
import { contractRoutes } from './routes/contract';
import { dashboardRoutes } from './routes/dashboard';
import { definitionRoutes } from './routes/definitions';
import { documentRoutes } from './routes/documents';
import { inboxRoutes } from './routes/inbox';
import { webhookRoutes } from './routes/webhooks';
import { healthRoutes } from './routes/health';
import { packageRoutes } from './routes/packages';

export interface AppDeps {
  db: Knex;
  client: Client;
  verifier: TokenVerifier;
  logger: pino.Logger;
  taskQueue: string;
  timeScale: number;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customProps: (req) => ({ actorId: (req as express.Request).actor?.id }),
      serializers: { req: (req) => ({ id: req.id, method: req.method, url: req.url }) },
    }),
  );
  app.use(express.json({ limit: '100kb', strict: true }));

  const openapi = buildOpenApi();
  app.get('/openapi.json', (_req, res) => res.json(openapi));
  app.use('/health', healthRoutes(deps.db, deps.client));
  app.use('/api', authenticate(deps.verifier));
  app.use('/api/process-definitions', definitionRoutes());
  app.use('/api/packages/:id/contract', contractRoutes(deps));
  app.use('/api/packages/:id/documents', documentRoutes(deps.db));
  app.use('/api/packages', packageRoutes(deps));
  app.use('/api/webhooks', webhookRoutes(deps.db));
  app.use('/api/dashboard', dashboardRoutes(deps.db));
  app.use('/api', inboxRoutes(deps.db));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}

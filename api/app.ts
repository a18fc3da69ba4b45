/** The Express application: middleware order is security → logging → auth → routes → errors. */
import type { Client } from '@temporalio/client';
import express from 'express';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type pino from 'pino';
import { pinoHttp } from 'pino-http';
import { refuseInactiveUsers } from './auth/active-users';
import { authenticate } from './auth/middleware';
import type { DevIssuer } from './auth/dev-issuer';
import { type OidcSignIn, signInConfigOf } from './auth/sign-in';
import { authRoutes } from './routes/auth';
import { methodOptionsRoutes } from './routes/method-options';
import type { TokenVerifier } from './auth/verifier';
import { defaultKeyProvider, type KeyProvider } from '../runtime/crypto/key-provider';
import { consoleRoutes, type ConsoleOptions } from './console';
import { OPEN_DATA_PATHS, openDataCors } from './cors';
import { errorHandler, notFound } from './errors';
import { rejectUnsafeInput } from './input-guard';
import { buildOpenApi } from './openapi';
import { adminUserRoutes } from './routes/admin-users';
import { auditRoutes } from './routes/audit';
import { codecRoutes } from './routes/codec';
import { bidderLinkRoutes } from './routes/bidder-links';
import { bidRoutes } from './routes/bids';
import { complaintRoutes, packageComplaintRoutes } from './routes/complaints';
import { contractRoutes } from './routes/contract';
import { dashboardRoutes } from './routes/dashboard';
import { definitionRoutes } from './routes/definitions';
import { documentRoutes } from './routes/documents';
import { inboxRoutes } from './routes/inbox';
import { officerRoutes } from './routes/officers';
import { scheduleRoutes } from './routes/schedule';
import { webhookRoutes } from './routes/webhooks';
import { outageAdminRoutes, publicOutageRoutes } from './routes/outages';
import { healthRoutes } from './routes/health';
import { createApiMetrics } from './metrics';
import { metricsRoutes } from './routes/metrics';
import { packageRoutes } from './routes/packages';
import { publicRoutes } from './routes/public';
import { publicAuditRoutes } from './routes/public-audit';
import { publicSanctionRoutes } from './routes/public-sanctions';
import { sanctionRoutes } from './routes/sanctions';
import { ocdsRoutes } from './routes/ocds';
import { ocdsConfig, type OcdsConfig } from '../runtime/config';
import { authFailureLimiter, BID_PATHS, bidLimiter, requireJsonBody, securityFromEnv, securityHeaders, type SecurityOptions } from './security';

export interface AppDeps {
  db: Knex;
  client: Client;
  verifier: TokenVerifier;
  logger: pino.Logger;
  taskQueue: string;
  timeScale: number;
  /** Seals bids on arrival and decrypts opened bid documents; default: the environment's key ring. */
  keys?: KeyProvider;
  /** Rate limits and proxy trust; default from the environment (RATE_LIMIT_*, TRUST_PROXY). */
  security?: Partial<SecurityOptions>;
  /** OCDS publication: ocid prefix, public base URL, publisher; default from the environment (OCID_PREFIX, …). */
  ocds?: Partial<OcdsConfig>;
  /** The development token issuer, only when it is the active verifier: enables "Masuk sebagai" (/api/auth/dev/*). */
  devIssuer?: DevIssuer;
  /** The console's OpenID Connect sign-in (GET /api/auth/config) and the lifetime of development tokens. */
  signIn?: { oidc?: OidcSignIn; devTokenTtlSeconds?: number };
  /** The web console at `/` (web/dist); false leaves it out. Default: served, OIDC authority from JWT_ISSUER. */
  console?: ConsoleOptions | false;
}

export function createApp(given: AppDeps): express.Express {
  // Every token check also refuses a user an admin deactivated (api/auth/active-users.ts): routes, limiter and codec.
  const deps = { ...given, keys: given.keys ?? defaultKeyProvider(), verifier: refuseInactiveUsers(given.verifier, given.db) };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const security = { ...securityFromEnv(), ...deps.security };
  app.set('trust proxy', security.trustProxy);
  app.use(securityHeaders());
  const metrics = createApiMetrics(); // before logging and routes: times every request, whoever answers it
  app.use(metrics.observe);
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
      serializers: { req: (req: pino.SerializedRequest) => ({ id: req.id, method: req.method, url: req.url }) },
    }),
  );
  app.use(OPEN_DATA_PATHS, openDataCors); // open data only: any origin, read-only, no credentials (api/cors.ts)
  // The Temporal UI/CLI remote codec (admin, auditor): its own CORS and body limit, so before the shared JSON parser.
  app.use('/codec', codecRoutes({ ...deps, security }));
  app.use(requireJsonBody);
  app.use(express.json({ limit: '100kb', strict: true }));
  app.use(rejectUnsafeInput);
  const bids = bidLimiter(security.bidsPerMin, deps.logger);

  const openapi = buildOpenApi();
  app.get('/openapi.json', (_req, res) => res.json(openapi));
  app.use('/health', healthRoutes(deps.db, deps.client, deps.taskQueue)); // /health, /health/live, /health/ready
  app.use('/metrics', metricsRoutes(deps.db, metrics)); // Prometheus, no token: bounded labels only
  // Public transparency (no token): before authentication.
  app.use('/api/public/audit', publicAuditRoutes(deps.db)); // before /api/public and its catch-all 404
  app.use('/api/public/daftar-hitam', publicSanctionRoutes(deps.db)); // the blacklist (Pasal 83), same reason
  const ocds = { ...ocdsConfig(), ...deps.ocds };
  app.use('/api/public/outages', publicOutageRoutes(deps.db)); // platform outages: what and when (issue 15 point 7)
  app.use('/api/public', publicRoutes(deps.db, deps.timeScale, ocds));
  app.use('/api/ocds', ocdsRoutes(deps.db, ocds));
  // Failed authentications counted per credential and per IP; a valid token always passes (security.ts). The token
  // refresh is the one sign-in route that checks a token, so it is counted by the same limiter.
  const authFailures = authFailureLimiter(security, deps.verifier, deps.logger);
  app.post('/api/auth/dev/refresh', authFailures);
  app.use(
    '/api/auth',
    authRoutes({
      db: deps.db,
      devIssuer: deps.devIssuer,
      signIn: signInConfigOf(deps.devIssuer, deps.signIn?.oidc),
      devTokenTtlSeconds: deps.signIn?.devTokenTtlSeconds,
    }),
  );
  app.use('/api', authFailures);
  app.use('/api', authenticate(deps.verifier));
  app.post(BID_PATHS, bids); // after authentication: bids are counted per actor
  app.use('/api/process-definitions', definitionRoutes());
  app.use('/api/method-options', methodOptionsRoutes());
  app.use('/api/packages/:id/contract', contractRoutes(deps));
  app.use('/api/packages/:id/documents', documentRoutes(deps.db));
  app.use('/api/packages/:id/bidder-links', bidderLinkRoutes(deps.db));
  app.use('/api/packages/:id/bids', bidRoutes(deps.db, deps.keys));
  app.use('/api/packages/:id/complaints', packageComplaintRoutes(deps)); // pengaduan to the APIP (Pasal 76–77)
  app.use('/api/packages/:id/schedule', scheduleRoutes(deps.db, deps.client));
  app.use('/api/packages', packageRoutes(deps));
  app.use('/api/webhooks', webhookRoutes(deps.db));
  app.use('/api/dashboard', dashboardRoutes(deps.db, deps.timeScale));
  app.use('/api/audit', auditRoutes(deps.db));
  app.use('/api/complaints', complaintRoutes(deps));
  app.use('/api/sanctions', sanctionRoutes(deps.db));
  app.use('/api/officers', officerRoutes(deps.db));
  app.use('/api/admin/outages', outageAdminRoutes(deps.db, deps.client)); // declared outages extend windows (admin only)
  app.use('/api/admin', adminUserRoutes(deps.db)); // users and organisations (admin only)
  app.use('/api', inboxRoutes(deps.db));
  if (deps.console !== false) app.use(consoleRoutes({ oidcAuthority: deps.signIn?.oidc?.authority, ...deps.console }));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}

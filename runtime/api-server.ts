/** Starts the API process: database, Temporal client, token verifier, HTTP server. Stateless; run as many as needed. */
import type { Server } from 'node:http';
import { type AppDeps, createApp } from '../api/app';
import { loadOrCreateDevIssuer } from '../api/auth/dev-issuer';
import { oidcSignInOf } from '../api/auth/sign-in';
import { createVerifier, type TokenVerifier } from '../api/auth/verifier';
import { API_DB_CONNECT_TIMEOUT_MS, createDb } from '../db/connection';
import { type AppConfig, databaseUrlOf, temporalAddressOf } from './config';
import { createLogger } from './logger';
import { defaultKeyProvider } from './crypto/key-provider';
import { EncryptionCodec } from './crypto/payload-codec';
import { connectClient } from './temporal';
import { startHeartbeat } from './heartbeat';

/**
 * Who verifies tokens, and how the console signs in. With JWKS_URL the identity provider's keys verify and the
 * console signs in with it (OpenID Connect); without it (never in production, see loadConfig) the development issuer
 * verifies and is handed to the app, which is what enables "Masuk sebagai" and the dev token endpoints.
 */
export async function authFor(cfg: AppConfig): Promise<Pick<AppDeps, 'verifier' | 'devIssuer' | 'signIn'>> {
  const signIn = { oidc: oidcSignInOf(cfg), devTokenTtlSeconds: cfg.devTokenTtlSeconds };
  if (cfg.jwksUrl) {
    if (!cfg.jwtIssuer) throw new Error('JWT_ISSUER is required with JWKS_URL');
    return { verifier: createVerifier({ issuer: cfg.jwtIssuer, audience: cfg.jwtAudience, jwksUrl: cfg.jwksUrl }), signIn };
  }
  if (cfg.env === 'production') throw new Error('the development issuer is refused in production; set JWKS_URL');
  const dev = await loadOrCreateDevIssuer(cfg.dataDir);
  return { verifier: createVerifier({ issuer: dev.issuer, audience: dev.audience, jwks: dev.jwks }), devIssuer: dev, signIn };
}

export async function verifierFor(cfg: AppConfig): Promise<TokenVerifier> {
  return (await authFor(cfg)).verifier;
}

export async function startApiServer(cfg: AppConfig): Promise<{ server: Server; stop(): Promise<void> }> {
  const logger = createLogger('api', cfg.logLevel);
  const db = createDb(databaseUrlOf(cfg), { connectTimeoutMs: API_DB_CONNECT_TIMEOUT_MS });
  const keys = defaultKeyProvider();
  const codec = await EncryptionCodec.create(keys);
  const client = await connectClient(
    { address: temporalAddressOf(cfg), namespace: cfg.temporalNamespace },
    {
      codec,
      failFast: true,
      whenAway: (err) => logger.warn({ err }, 'Temporal not reachable at start: serving reads, steps answer 503 temporal_unavailable until it is back'),
    },
  );
  const app = createApp({
    db,
    client,
    ...(await authFor(cfg)),
    logger,
    taskQueue: cfg.taskQueue,
    timeScale: cfg.timeScale,
    keys,
    ...(cfg.serveConsole ? {} : { console: false as const }),
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(cfg.port, '0.0.0.0', () => resolve(s)).on('error', reject);
  });
  logger.info({ port: cfg.port, timeScale: cfg.timeScale }, 'api listening');
  // Outage detection's signal (issue 15 point 7): a gap in every API process's beat is a platform outage.
  const heartbeat = startHeartbeat({ db, client, taskQueue: cfg.taskQueue, logger });
  return {
    server,
    async stop() {
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections?.();
      await heartbeat.stop();
      await client.connection.close();
      await db.destroy();
    },
  };
}

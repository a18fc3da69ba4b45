/** Starts the API process: database, Temporal client, token verifier, HTTP server. Stateless; run as many as needed. */
import type { Server } from 'node:http';
import { createApp } from '../api/app';
import { loadOrCreateDevIssuer } from '../api/auth/dev-issuer';
import { createVerifier, type TokenVerifier } from '../api/auth/verifier';
import { createDb } from '../db/connection';
import { type AppConfig, databaseUrlOf, temporalAddressOf } from './config';
import { createLogger } from './logger';
import { defaultKeyProvider } from './crypto/key-provider';
import { EncryptionCodec } from './crypto/payload-codec';
import { connectClient } from './temporal';

export async function verifierFor(cfg: AppConfig): Promise<TokenVerifier> {
  if (cfg.jwksUrl) {
    if (!cfg.jwtIssuer) throw new Error('JWT_ISSUER is required with JWKS_URL');
    return createVerifier({ issuer: cfg.jwtIssuer, audience: cfg.jwtAudience, jwksUrl: cfg.jwksUrl });
  }
  const dev = await loadOrCreateDevIssuer(cfg.dataDir);
  return createVerifier({ issuer: dev.issuer, audience: dev.audience, jwks: dev.jwks });
}

export async function startApiServer(cfg: AppConfig): Promise<{ server: Server; stop(): Promise<void> }> {
  const logger = createLogger('api', cfg.logLevel);
  const db = createDb(databaseUrlOf(cfg));
  const keys = defaultKeyProvider();
  const codec = await EncryptionCodec.create(keys);
  const client = await connectClient({ address: temporalAddressOf(cfg), namespace: cfg.temporalNamespace }, { codec });
  const app = createApp({ db, client, verifier: await verifierFor(cfg), logger, taskQueue: cfg.taskQueue, timeScale: cfg.timeScale, keys });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(cfg.port, '0.0.0.0', () => resolve(s)).on('error', reject);
  });
  logger.info({ port: cfg.port, timeScale: cfg.timeScale }, 'api listening');
  return {
    server,
    async stop() {
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections?.();
      await client.connection.close();
      await db.destroy();
    },
  };
}

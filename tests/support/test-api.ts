/**
 * The real Express app on a free local port with its own development token issuer, for API tests that bring their
 * own database (and Temporal client, where their routes need one). `close()` ends open connections and the key dir.
 */
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp } from '../../api/app';
import type { Actor } from '../../api/auth/actor';
import { loadOrCreateDevIssuer } from '../../api/auth/dev-issuer';
import { createVerifier } from '../../api/auth/verifier';

export interface TestApi {
  baseUrl: string;
  tokenOf: (a: Actor) => Promise<string>;
  close(): Promise<void>;
}

export async function startTestApi(opts: {
  db: Knex;
  client?: Client;
  taskQueue?: string;
  /** Where the dev issuer's key lives (as DATA_DIR); default a fresh folder removed at close. */
  dataDir?: string;
  devTokenTtlSeconds?: number;
}): Promise<TestApi> {
  const keyDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-test-api-'));
  const issuer = await loadOrCreateDevIssuer(keyDir);
  const verifier = createVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks });
  const app = createApp({
    db: opts.db,
    client: opts.client ?? (null as never), // routes that need Temporal are not called without one
    verifier,
    logger: pino({ level: 'silent' }),
    taskQueue: opts.taskQueue ?? 'unused',
    timeScale: 1,
    devIssuer: issuer,
    signIn: { devTokenTtlSeconds: opts.devTokenTtlSeconds },
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokenOf: (a) => issuer.sign(a),
    close: async () => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections(); // fetch keeps connections alive; close() alone would wait for them
      await closed;
      if (!opts.dataDir) fs.rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

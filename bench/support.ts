/**
 * What the database benchmarks share: a fresh embedded PostgreSQL (or DATABASE_URL) migrated to the latest schema, the
 * real Express app served on a free local port, and percentiles. Everything is stopped and removed afterwards.
 */
import type express from 'express';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { createDb, migrateLatest } from '../db/connection';
import { freePort } from '../runtime/free-port';
import { startEmbeddedPostgres } from '../runtime/services/embedded-postgres';

/** The p-th percentile of an ascending list (nearest rank). */
export const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export interface BenchContext {
  db: Knex;
  /** A scratch folder removed at the end (dev-issuer keys, data files). */
  tmp: string;
  /** Serves the app on 127.0.0.1 and returns its base URL; closed at the end. */
  serve: (app: express.Express) => Promise<string>;
}

export async function withBenchDatabase(name: string, run: (ctx: BenchContext) => Promise<void>): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `pengadaan-bench-${name}-`));
  const pg = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: tmp, port: await freePort() });
  const db = createDb(process.env.DATABASE_URL ?? pg!.url, { pool: { min: 2, max: 10 } });
  const servers: Server[] = [];
  try {
    await migrateLatest(db);
    await run({
      db,
      tmp,
      serve: async (app) => {
        const server = await new Promise<Server>((resolve) => {
          const s = app.listen(0, '127.0.0.1', () => resolve(s));
        });
        servers.push(server);
        return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      },
    });
  } finally {
    for (const s of servers) s.close();
    await db.destroy();
    await pg?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Creates and migrates Temporal's two databases with its own schema tool (`sql`, built with the server): a new
 * database is created and set up at version 0.0, then every database is brought to the versioned schema of this
 * server build (update-schema applies only the versions it lacks, so a warm start costs one quick call each).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { clusterPaths } from './paths';
import type { PgServer } from './postgres-server';
import { TEMPORAL_DB, VISIBILITY_DB } from './temporal-config';

const run = promisify(execFile);

/** Returns the databases it had to create (empty on a warm start). */
export async function ensureTemporalSchemas(pg: PgServer): Promise<string[]> {
  const created: string[] = [];
  for (const [db, dir] of [
    [TEMPORAL_DB, 'temporal'],
    [VISIBILITY_DB, 'visibility'],
  ] as const) {
    const state = await schemaState(pg, db);
    if (state === 'missing') await sqlTool(pg, db, ['create-database']);
    if (state !== 'ready') {
      await sqlTool(pg, db, ['setup-schema', '-v', '0.0']);
      created.push(db);
    }
    await sqlTool(pg, db, ['update-schema', '-d', path.join(clusterPaths.schemaDir, dir, 'versioned')]);
  }
  return created;
}

async function schemaState(pg: PgServer, db: string): Promise<'missing' | 'empty' | 'ready'> {
  const admin = client(pg, 'postgres');
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [db]);
    if (!found.rowCount) return 'missing';
  } finally {
    await admin.end();
  }
  const c = client(pg, db);
  await c.connect();
  try {
    const r = await c.query<{ t: string | null }>(`select to_regclass('public.schema_version')::text as t`);
    return r.rows[0]?.t ? 'ready' : 'empty';
  } finally {
    await c.end();
  }
}

function client(pg: PgServer, database: string): Client {
  return new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database });
}

async function sqlTool(pg: PgServer, db: string, args: string[]): Promise<void> {
  // Credentials through the environment (the tool reads SQL_*), not the command line that `ps` shows.
  const env = { ...process.env, SQL_HOST: pg.host, SQL_PORT: String(pg.port), SQL_USER: pg.user, SQL_PASSWORD: pg.password };
  try {
    await run(clusterPaths.sqlTool, ['--plugin', 'postgres12', '--db', db, ...args], { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const err = e as Error & { stdout?: string; stderr?: string };
    throw new Error(`sql ${args[0]} (${db}) gagal: ${err.message}\n${(err.stderr ?? '').slice(-2000)}`, { cause: e });
  }
}

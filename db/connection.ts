/** One knex instance per process. Money columns are bigint; rupiah amounts fit a JS number exactly up to 9e15. */
import knex, { type Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import { types } from 'pg';

types.setTypeParser(20, (v) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${v} exceeds the safe integer range`);
  return n;
});

/**
 * How long the API waits for a database connection (issue 15 point 8): knex waits 60 s by default, so a stopped
 * PostgreSQL made every request hang; bounded, the API answers 503 database_unavailable within 5 s. A saturated pool
 * hits the same bound, and a 503 with Retry-After is the right answer to that too. Workers keep the default: they
 * retry their activities and are better served by waiting.
 */
export const API_DB_CONNECT_TIMEOUT_MS = 3_000;

export function createDb(url: string, opts: { pool?: { min: number; max: number }; connectTimeoutMs?: number } = {}): Knex {
  const t = opts.connectTimeoutMs;
  return knex({
    client: 'pg',
    // pg's own connect timeout a little under the pool's, so a server that does not answer is said as such.
    connection: t ? { connectionString: url, connectionTimeoutMillis: Math.max(t - 500, 500) } : url,
    pool: opts.pool ?? { min: 0, max: 10 },
    ...(t ? { acquireConnectionTimeout: t } : {}),
  });
}

/** Whether the database answers at all (the readiness check); rejects when it does not. */
export async function pingDatabase(db: Knex): Promise<void> {
  await db.raw('select 1');
}

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

/**
 * The migrations, named as their TypeScript source whichever form runs: knex records each applied migration by file
 * name, extension included, so the compiled build (dist/, where they are .js) would otherwise take every migration a
 * tsx run applied for missing ("corrupt migration directory") and the other way round.
 */
export const migrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    const files = await fs.promises.readdir(MIGRATIONS_DIR);
    return files.filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
  },
  getMigrationName: (file) => file.replace(/\.js$/, '.ts'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a migration is a file chosen at run time (.ts or .js)
  getMigration: async (file) => require(path.join(MIGRATIONS_DIR, file)) as Knex.Migration,
};

export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}

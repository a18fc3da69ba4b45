/** One knex instance per process. Money columns are bigint; rupiah amounts fit a JS number exactly up to 9e15. */
import knex, { type Knex } from 'knex';
import path from 'node:path';
import { types } from 'pg';

types.setTypeParser(20, (v) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${v} exceeds the safe integer range`);
  return n;
});

export function createDb(url: string, opts: { pool?: { min: number; max: number } } = {}): Knex {
  return knex({ client: 'pg', connection: url, pool: opts.pool ?? { min: 0, max: 10 } });
}

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ directory: MIGRATIONS_DIR, loadExtensions: ['.ts', '.js'] })) as [
    number,
    string[],
  ];
  return applied;
}

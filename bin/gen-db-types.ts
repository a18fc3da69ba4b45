/**
 * `npm run gen:db-types`: writes db/tables.ts, the row types of every table, from a throwaway embedded PostgreSQL
 * migrated to the latest migration (the database, not the migration source, says what a column is). Run after adding
 * a migration; tests/db-types.test.ts fails while the file is stale.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, migrateLatest } from '../db/connection';
import { generateTables, TABLES_PATH } from '../db/tables-render';
import { freePort } from '../runtime/free-port';
import { startEmbeddedPostgres } from '../runtime/services/embedded-postgres';

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-gen-db-types-'));
  try {
    const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'gen_db_types' });
    const db = createDb(pg.url, { pool: { min: 0, max: 1 } });
    try {
      await migrateLatest(db);
      const text = await generateTables(db);
      fs.writeFileSync(TABLES_PATH, text);
      process.stdout.write(`${path.relative(process.cwd(), TABLES_PATH)}: ${text.length} characters\n`);
    } finally {
      await db.destroy();
      await pg.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

/** Applies the knex migrations to DATABASE_URL (or the embedded database). */
import { createDb, migrateLatest } from '../db/connection';
import { databaseUrlOf, loadConfig } from '../runtime/config';

async function main() {
  const db = createDb(databaseUrlOf(loadConfig()));
  const applied = await migrateLatest(db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  await db.destroy();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * `npm run seed-demo`: the demo organisations, users and vendor profiles (db/seed-demo.ts) in DATABASE_URL's database
 * (or the embedded one of a running `npm start`), after the migrations. For trials of an external installation; on a
 * laptop `npm start` seeds them itself. Upserts: running it again changes nothing.
 */
import { createDb, migrateLatest } from '../db/connection';
import { seedDemo } from '../db/seed-demo';
import { databaseUrlOf, loadConfig } from '../runtime/config';

async function main() {
  const cfg = loadConfig();
  if (cfg.env === 'production') {
    process.stderr.write('Data demo ditolak di produksi (NODE_ENV/APP_ENV=production): pengguna demo memakai id yang diketahui umum.\n');
    process.exit(2);
  }
  const db = createDb(databaseUrlOf(cfg), { pool: { min: 0, max: 2 } });
  try {
    await migrateLatest(db);
    const users = await seedDemo(db);
    console.log(`Data demo siap: ${users.length} pengguna.`);
    for (const u of users) console.log(`  ${u.id.padEnd(16)} ${u.roles.join(',').padEnd(18)} ${u.name}`);
    if (!cfg.jwksUrl) console.log('Token: npm run -s token -- <pengguna>');
  } finally {
    await db.destroy();
  }
}

main().catch((e) => {
  process.stderr.write(`Gagal mengisi data demo: ${(e as Error).message}\n`);
  process.exit(1);
});

/**
 * db/tables.ts (the row types knex returns) is what bin/gen-db-types.ts writes from the migrated database: a migration
 * that adds, drops or changes a column without `npm run gen:db-types` fails here, before a query reads a column the
 * types do not have. The controls show the comparison sees a changed column and refuses a type nobody mapped.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Knex } from 'knex';
import { createDb, migrateLatest } from '../db/connection';
import type { getPackageRow } from '../db/queries/packages';
import type { PackagesRow } from '../db/tables';
import { generateTables, TABLES_PATH } from '../db/tables-render';
import { freshDatabase, type FreshDatabase } from './support/fresh-database';

let fresh: FreshDatabase;
let db: Knex;

before(async () => {
  fresh = await freshDatabase('dbtypes');
  db = createDb(fresh.url, { pool: { min: 0, max: 2 } });
  await migrateLatest(db);
});

after(async () => {
  await db?.destroy();
  await fresh?.drop();
});

test('db/tables.ts is what the migrated database generates', async () => {
  const generated = await generateTables(db);
  assert.ok(generated.includes('packages: Knex.CompositeTableType<PackagesRow, PackagesInsert>;'), 'packages is typed');
  assert.equal(fs.readFileSync(TABLES_PATH, 'utf8'), generated, 'db/tables.ts is stale: run `npm run gen:db-types`');
});

test('knex resolves a table name to its row type', () => {
  // Checked by the compiler: without the `knex/types/tables` augmentation the row would be `any` and this would not
  // compile (tests are typechecked with the rest: `npx tsc --noEmit -p .`).
  type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
  const typed: Equal<Awaited<ReturnType<typeof getPackageRow>>, PackagesRow | undefined> = true;
  assert.equal(typed, true);
});

test('control: a changed column makes the file stale, and a type nobody mapped is refused', async () => {
  const trx = await db.transaction();
  try {
    await trx.raw('alter table organisations add column zz_probe text');
    await trx.raw('alter table organisations alter column name drop not null');
    const changed = await generateTables(trx);
    assert.notEqual(fs.readFileSync(TABLES_PATH, 'utf8'), changed);
    assert.match(
      changed,
      /export interface OrganisationsRow \{\n {2}id: string;\n {2}name: string \| null;\n {2}kind: string;\n {2}zz_probe: string \| null;\n\}/,
    );
    await trx.raw('alter table organisations add column zz_address inet');
    await assert.rejects(generateTables(trx), /organisations\.zz_address: no TypeScript type for PostgreSQL type inet/);
  } finally {
    await trx.rollback();
  }
  assert.equal(fs.readFileSync(TABLES_PATH, 'utf8'), await generateTables(db), 'the control changed nothing lasting');
});

/**
 * A package's starting row (written when it is created, a follow-up is started or an award prepares its E-Kontrak)
 * holds the column's default view `{}` until the workflow's first write. Readers must take that as "no view yet":
 * the package page of a tender whose E-Kontrak had only its starting row answered 500 (the contract's steps were read
 * from a view with no definition), found by the browser test at the SPPBJ step.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Knex } from 'knex';
import { createDb } from '../db/connection';
import { insertPackageRow, startingPackageRow, storedView } from '../db/queries/packages';
import { publicPackageEntries } from '../db/queries/public-audit';
import { readModelView } from '../api/services/read-model-view';
import { getDefinition } from '../workflows/definitions';
import { testServices } from './support/services';

let db: Knex;
before(() => {
  db = createDb(testServices().databaseUrl);
});
after(() => db.destroy());

const facts = { title: 'Paket awal', opd: 'Dinas Uji', workUnit: 'Bagian Uji', category: 'barang', fiscalYear: 2026, pagu: 500_000_000, hps: 450_000_000 };

test('a starting row reads as "no view yet", everywhere it is read', async () => {
  const definition = getDefinition('kontrak')!;
  const packageId = 'pkt-startingrow-01';
  await insertPackageRow(db, startingPackageRow({ packageId, definition, facts: facts as never, createdBy: 'ppk.budi', at: new Date() }));
  const row = await db('packages').where({ id: packageId }).first();
  assert.deepEqual(row!.view, {}, 'the column default, as the workflow has not written yet');
  assert.equal(readModelView(row), null);
  assert.equal(storedView(row!.view), null);
  // The public audit page of such a package answers with its stage, not a crash on the missing definition.
  const page = await publicPackageEntries(db, packageId, 0, 10);
  assert.equal(page?.stage.id, definition.start);
  assert.deepEqual(page?.data, []);
});

test('a stored view reads as itself', () => {
  const view = { definition: { id: 'kontrak', version: 3 }, seq: 4, data: {} };
  assert.equal(storedView(view), view);
  assert.equal(storedView(null), null);
  assert.equal(storedView(undefined), null);
});

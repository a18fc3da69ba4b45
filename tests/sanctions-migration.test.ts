/**
 * The migration that turns blacklist proposals into decisions (db/migrations/20261213050001_sanction_decisions.ts),
 * on the real PostgreSQL in a schema of its own with the table as the earlier migration left it: existing proposals
 * are kept (an id, the firm looked up, cause 'tidak_melaksanakan_kontrak'); the key becomes (package, provider,
 * cause); a decided row must be whole (Perpres 16/2018 Pasal 78: a decision has its number and period, a rejection
 * its reason); `down` goes back to one proposal per package.
 */
import assert from 'node:assert/strict';
import knex, { type Knex } from 'knex';
import { after, before, test } from 'node:test';
import { down, up } from '../db/migrations/20261213050001_sanction_decisions';
import { testServices } from './support/services';

const SCHEMA = `sanksi_migrasi_${process.pid}`;
let db: Knex;
/** The tables as the migration under test finds and leaves them, not the latest schema that db/tables.ts types. */
const table = (name: string) => db(name);

before(async () => {
  const admin = knex({ client: 'pg', connection: testServices().databaseUrl });
  await admin.raw(`drop schema if exists ${SCHEMA} cascade; create schema ${SCHEMA}`);
  await admin.destroy();
  db = knex({ client: 'pg', connection: testServices().databaseUrl, searchPath: [SCHEMA], pool: { min: 1, max: 1 } });
  // The tables as 20261128000001 and 20261130000001 created them (only what this migration touches).
  await db.schema.createTable('users', (t) => {
    t.string('id', 128).primary();
    t.string('org_id', 64).notNullable();
  });
  await db.schema.createTable('provider_sanctions', (t) => {
    t.string('package_id', 64).primary();
    t.string('provider_id', 128).notNullable();
    t.text('reason').notNullable();
    t.string('proposed_by', 128).notNullable();
    t.string('status', 32).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.index(['provider_id']);
  });
  await table('users').insert({ id: 'vendor.karya', org_id: 'pt-karya-beton' });
  await table('provider_sanctions').insert([
    { package_id: 'pkt-kontrak0001', provider_id: 'vendor.karya', reason: 'Kontrak diputus', proposed_by: 'ppk.budi', status: 'diusulkan' },
    { package_id: 'pkt-kontrak0002', provider_id: 'penyedia.lama', reason: 'Kontrak diputus', proposed_by: 'sistem', status: 'diusulkan' },
  ]);
});
after(async () => {
  await db?.raw(`drop schema if exists ${SCHEMA} cascade`);
  await db?.destroy();
});

test('Pasal 78: existing proposals are kept as proposals of the firm, for non-performance', async () => {
  await up(db);
  const rows = await table('provider_sanctions').orderBy('package_id');
  assert.equal(rows.length, 2);
  assert.deepEqual(
    rows.map((r) => [r.package_id, r.provider_org, r.cause, r.status, r.decision_number]),
    [
      ['pkt-kontrak0001', 'pt-karya-beton', 'tidak_melaksanakan_kontrak', 'diusulkan', null],
      ['pkt-kontrak0002', null, 'tidak_melaksanakan_kontrak', 'diusulkan', null],
    ],
  );
  assert.ok(rows.every((r) => Number(r.id) > 0));
});

test('Pasal 78: one proposal per (package, provider, cause); a decision must carry its number and period, a rejection its reason', async () => {
  const base = { package_id: 'pkt-kontrak0001', provider_id: 'vendor.karya', reason: 'Dokumen palsu', proposed_by: 'pokja.sari', status: 'diusulkan' };
  await table('provider_sanctions').insert({ ...base, cause: 'dokumen_palsu' });
  await assert.rejects(table('provider_sanctions').insert({ ...base, cause: 'dokumen_palsu' }), /provider_sanctions_key/);
  await assert.rejects(
    table('provider_sanctions').where({ package_id: 'pkt-kontrak0002' }).update({ status: 'dicabut' }),
    /provider_sanctions_(status|decided)/,
    'no other status',
  );
  const decided = { decided_by: 'kpa.hendra', decided_at: new Date() };
  await assert.rejects(
    table('provider_sanctions')
      .where({ package_id: 'pkt-kontrak0002' })
      .update({ status: 'ditetapkan', ...decided }),
    /provider_sanctions_decided/,
  );
  await assert.rejects(
    table('provider_sanctions')
      .where({ package_id: 'pkt-kontrak0002' })
      .update({ status: 'ditolak', ...decided }),
    /provider_sanctions_decided/,
  );
  const start = new Date('2055-03-01T00:00:00+07:00');
  await assert.rejects(
    table('provider_sanctions')
      .where({ package_id: 'pkt-kontrak0002' })
      .update({ status: 'ditetapkan', ...decided, decision_number: 'SK-1', starts_at: start, ends_at: start }),
    /provider_sanctions_decided/,
    'a period must have a length',
  );
  await table('provider_sanctions')
    .where({ package_id: 'pkt-kontrak0002' })
    .update({ status: 'ditetapkan', ...decided, decision_number: 'SK-1', starts_at: start, ends_at: new Date('2056-03-01T00:00:00+07:00') });
});

test('down goes back to one proposal per package', async () => {
  await down(db);
  const rows = await table('provider_sanctions').orderBy('package_id');
  assert.deepEqual(
    rows.map((r) => [r.package_id, r.reason, r.status]),
    [
      ['pkt-kontrak0001', 'Kontrak diputus', 'diusulkan'],
      ['pkt-kontrak0002', 'Kontrak diputus', 'diusulkan'],
    ],
  );
  assert.ok(!('cause' in rows[0]!));
});

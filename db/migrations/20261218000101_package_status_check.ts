/**
 * packages.status and contracts.status hold only the closed set of package statuses (domain/process/statuses.ts):
 * `active` and the statuses of the definitions' end events, which the definition validator already limits to that set.
 *
 * The values are written out here, not read from the set, so this migration does the same on every database whenever
 * it runs; a status added to the set comes with a migration that replaces these constraints (tests/package-statuses.test.ts
 * compares the constraint of the migrated database with the set, so one without the other fails).
 *
 * Safe for existing rows: every status ever written came from a definition's end event (all in the set, retired
 * versions included) or is `active`. Should a database hold anything else, the migration stops before changing
 * anything and names the rows' statuses, rather than fail halfway or let the read model's writer stall later.
 */
import type { Knex } from 'knex';

const STATUSES = ['active', 'contract_signed', 'selesai', 'diterima', 'gagal', 'batal', 'batal_otomatis', 'diputus', 'dihentikan'];
const TABLES = ['packages', 'contracts'] as const;
const list = STATUSES.map((s) => `'${s}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  for (const table of TABLES) {
    const unknown = await knex(table)
      .whereNotIn('status', STATUSES)
      .select('status')
      .count<{ status: string; count: string }[]>('* as count')
      .groupBy('status');
    if (unknown.length) {
      throw new Error(
        `${table}.status holds values outside the package statuses (${unknown.map((u) => `'${u.status}': ${u.count} rows`).join(', ')}); ` +
          'map them to a status of domain/process/statuses.ts (or add it there and here) before migrating',
      );
    }
  }
  // NOT VALID then VALIDATE: the check is added without a table rewrite; the validation reads the rows once.
  for (const table of TABLES) {
    await knex.raw(`alter table ${table} add constraint ${table}_status_known check (status in (${list})) not valid`);
    await knex.raw(`alter table ${table} validate constraint ${table}_status_known`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of TABLES) await knex.raw(`alter table ${table} drop constraint if exists ${table}_status_known`);
}

/**
 * Generated documents (E-Kontrak: SPPBJ, SPK / Surat Perjanjian, SPMK, Surat Pesanan, BAST…): the PDF bytes with
 * their SHA-256. The bytes live here and not in workflow history, which keeps only the id and the hash. A row is
 * written once, by an idempotent activity keyed by `${packageId}:${kind}:${revision}`; a retry that renders again
 * finds the row and reports the hash of the bytes already stored. There is deliberately no foreign key to `packages`:
 * contract packages are written by another activity and may arrive in the read model after their documents.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('documents', (t) => {
    t.string('id', 200).primary(); // `${package_id}:${kind}:${revision}`
    t.string('package_id', 64).notNullable().index();
    t.string('kind', 32).notNullable();
    t.integer('revision').notNullable();
    t.string('title', 500).notNullable();
    t.string('file_name', 300).notNullable();
    t.string('content_type', 100).notNullable();
    t.string('sha256', 64).notNullable();
    t.integer('size').notNullable();
    t.binary('content').notNullable(); // bytea
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['package_id', 'kind', 'revision']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('documents');
}

/**
 * Sealed bids, encrypted at rest the moment the API receives them (envelope encryption, runtime/crypto/envelope.ts).
 * No column holds readable content: the ciphertext carries price, document and the commitment's nonce; the
 * commitment itself is public. Rows of bids the workflow refused are deleted again; a replaced bid stays sealed for
 * good (status 'submitted' with a later bid by the same vendor), because the opening only opens what the package holds.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sealed_bids', (t) => {
    t.string('id', 36).primary();
    t.string('package_id', 64).notNullable();
    t.string('action', 64).notNullable();
    t.string('vendor_id', 128).notNullable();
    t.string('commitment', 64).notNullable();
    t.string('key_id', 64).notNullable();
    t.binary('wrapped_key').notNullable();
    t.binary('iv').notNullable();
    t.binary('tag').notNullable();
    t.binary('ciphertext').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable();
    /** received → submitted (the workflow accepted the envelope) → opened | rejected (commitment check failed) */
    t.string('status', 16).notNullable().defaultTo('received');
    t.timestamp('opened_at', { useTz: true });
    t.string('rejection_reason', 64);
    t.index(['package_id', 'vendor_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sealed_bids');
}

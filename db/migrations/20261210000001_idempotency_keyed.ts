/**
 * The idempotency store keeps nothing anyone with the database could test a guess against. Before, a row held the
 * plain SHA-256 of the request body (a sealed bid's price fell to trying the few plausible values) and the answer in
 * clear (a bid receipt now carries the commitment's nonce). Now: `request_mac` is an HMAC-SHA256 under a key derived
 * from the key ring, `reply` the answer encrypted with AES-256-GCM under another derived key, and `key_id` names the
 * ring key both came from, so a retry still checks after a rotation (api/idempotency.ts).
 *
 * Rows written before cannot be converted (the bodies are gone) and their hashes are the leak itself, so they are
 * deleted: a client retrying across the upgrade acts again only where Temporal's update id (the same key) does not
 * already collapse the duplicate.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex('idempotency_keys').delete();
  await knex.schema.alterTable('idempotency_keys', (t) => {
    t.dropColumn('request_hash');
    t.dropColumn('body');
    t.string('key_id', 64).notNullable();
    t.string('request_mac', 64).notNullable();
    t.binary('reply').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex('idempotency_keys').delete();
  await knex.schema.alterTable('idempotency_keys', (t) => {
    t.dropColumn('key_id');
    t.dropColumn('request_mac');
    t.dropColumn('reply');
    t.string('request_hash', 64).notNullable();
    t.jsonb('body').notNullable();
  });
}

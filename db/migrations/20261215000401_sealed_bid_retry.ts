/**
 * A sealed bid is stored at most once per package, vendor and Idempotency-Key (issue 15 point 4). Before, a retry of a
 * bid whose first answer was lost stored a second row: the package opened the first, the receipt named the second.
 *
 * `request_key_mac` is an HMAC of the key (with package and vendor) and `content_mac` an HMAC of the canonical content,
 * both under a key derived from the ring (`mac_key_id` names the ring key): neither the key nor anything of the content
 * in clear, and nothing a database reader can test a guessed price against (as in the idempotency store). Rows without
 * a key (bids sent without one, and every row before this migration) keep NULL there; NULLs never collide in the
 * unique index. The partial index serves the sweep of rows never confirmed ('received'), which are few.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sealed_bids', (t) => {
    t.string('request_key_mac', 64);
    t.string('content_mac', 64);
    t.string('mac_key_id', 64);
    t.unique(['package_id', 'vendor_id', 'request_key_mac'], { indexName: 'sealed_bids_idempotency_key' });
  });
  await knex.raw(`CREATE INDEX sealed_bids_unconfirmed ON sealed_bids (received_at) WHERE status = 'received'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS sealed_bids_unconfirmed');
  await knex.schema.alterTable('sealed_bids', (t) => {
    t.dropUnique(['package_id', 'vendor_id', 'request_key_mac'], 'sealed_bids_idempotency_key');
    t.dropColumn('request_key_mac');
    t.dropColumn('content_mac');
    t.dropColumn('mac_key_id');
  });
}

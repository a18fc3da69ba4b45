/**
 * Audit hash version 2 (domain/audit/chain.ts), so the chain can be verified by the public (issue 12 point 10):
 * `version` (existing rows are v1 and keep verifying as they were hashed), `actor_ref` (SHA-256 of the salt and the
 * actor id: what the public sees and the v2 hash covers) and `salt` (32 random bytes per entry, hex; never published,
 * so nobody can test officials' user ids against actor_ref). Adding columns rewrites no row, so the append-only
 * trigger is not involved and every stored hash stays as it was.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.smallint('version').notNullable().defaultTo(1);
    t.string('actor_ref', 64).nullable();
    t.string('salt', 64).nullable();
  });
  await knex.raw(`
    alter table audit_log add constraint audit_log_version check (
      version = 1 and actor_ref is null and salt is null
      or version = 2 and salt is not null and (actor_id is null) = (actor_ref is null)
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table audit_log drop constraint if exists audit_log_version');
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropColumn('salt');
    t.dropColumn('actor_ref');
    t.dropColumn('version');
  });
}

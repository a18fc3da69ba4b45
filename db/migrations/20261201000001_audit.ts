/**
 * The audit trail: one row per process event, hash-chained in `pos` order (see domain/audit/chain.ts), written in
 * the read-model transaction and keyed by (workflow_id, seq) so retried batches never add a row. Only the SHA-256 of
 * an event's details is kept, never the details. Append-only in the database too: a trigger refuses UPDATE, DELETE
 * and TRUNCATE, so only someone able to disable triggers (a DBA) can alter a row, and the chain then shows where.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('pos').primary(); // chain order
    t.string('package_id', 64).notNullable();
    t.string('workflow_id', 128).notNullable();
    t.integer('seq').notNullable();
    t.timestamp('at', { useTz: true }).notNullable();
    t.string('actor_id', 128);
    t.string('actor_role', 32);
    t.string('action', 64).notNullable();
    t.string('stage_id', 64).notNullable();
    t.string('payload_hash', 64).notNullable();
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.unique(['workflow_id', 'seq'], { indexName: 'audit_log_event' });
    t.index(['package_id', 'pos'], 'audit_log_package');
  });
  await knex.raw(`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log hanya boleh ditambah (append-only): % ditolak', tg_op using errcode = 'insufficient_privilege';
    end $$;
    create trigger audit_log_no_update_delete before update or delete on audit_log
      for each row execute function audit_log_append_only();
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('audit_log');
  await knex.raw('drop function if exists audit_log_append_only()');
}

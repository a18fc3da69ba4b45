/**
 * Pengaduan to the APIP (Perpres 16/2018 Pasal 76–77; domain/complaints/PENGADUAN.md). `complaints` holds each
 * complaint with its current status; `complaint_events` is its history (filed, accepted, followed up, forwarded,
 * closed), append-only like audit_log (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained per complaint.
 * The filer's Idempotency-Key is kept unique per filer, so two concurrent retries still make one complaint.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('complaints', (t) => {
    t.string('id', 64).primary();
    t.string('package_id', 64).notNullable().references('packages.id');
    t.string('filer_id', 128).notNullable();
    t.string('filer_role', 32).notNullable();
    t.string('subject', 200).notNullable();
    t.text('description').notNullable();
    t.string('attachment_ref', 500);
    t.string('reason', 32).notNullable();
    t.jsonb('reason_basis').notNullable();
    t.string('status', 32).notNullable();
    t.string('conclusion', 64);
    t.timestamp('filed_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.timestamp('closed_at', { useTz: true });
    t.string('idempotency_key', 200);
    t.unique(['filer_id', 'idempotency_key'], { indexName: 'complaints_filer_key' });
    t.index(['package_id', 'filed_at'], 'complaints_package');
    t.index(['filer_id', 'filed_at'], 'complaints_filer');
    t.index(['status', 'filed_at'], 'complaints_status');
  });
  await knex.schema.createTable('complaint_events', (t) => {
    t.string('complaint_id', 64).notNullable().references('complaints.id');
    t.integer('seq').notNullable();
    t.string('kind', 32).notNullable();
    t.timestamp('at', { useTz: true }).notNullable();
    t.string('actor_id', 128).notNullable();
    t.string('actor_role', 32).notNullable();
    t.text('note');
    t.jsonb('details').notNullable();
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.primary(['complaint_id', 'seq']);
  });
  await knex.raw(`
    create function complaint_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'complaint_events hanya boleh ditambah (append-only): % ditolak', tg_op using errcode = 'insufficient_privilege';
    end $$;
    create trigger complaint_events_no_update_delete before update or delete on complaint_events
      for each row execute function complaint_events_append_only();
    create trigger complaint_events_no_truncate before truncate on complaint_events
      for each statement execute function complaint_events_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('complaint_events');
  await knex.raw('drop function if exists complaint_events_append_only()');
  await knex.schema.dropTableIfExists('complaints');
}

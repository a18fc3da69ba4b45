/**
 * The read model: what monitors, inboxes and lists read. Workflows own the truth; these tables are written only by
 * idempotent activities (keyed by package id and event seq), except `packages`' first row, which the API writes when
 * it starts the workflow.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('organisations', (t) => {
    t.string('id', 64).primary();
    t.string('name', 300).notNullable();
    t.string('kind', 32).notNullable(); // 'opd' | 'penyedia' | 'lpse'
  });

  await knex.schema.createTable('users', (t) => {
    t.string('id', 128).primary();
    t.string('name', 300).notNullable();
    t.specificType('roles', 'text[]').notNullable();
    t.string('org_id', 64).notNullable().references('organisations.id');
    t.string('email', 300);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('packages', (t) => {
    t.string('id', 64).primary();
    t.string('workflow_id', 128).notNullable().unique();
    t.string('title', 500).notNullable();
    t.string('opd', 300).notNullable();
    t.string('work_unit', 300).notNullable();
    t.string('category', 32).notNullable();
    t.string('method', 32).notNullable();
    t.string('definition_id', 64).notNullable();
    t.integer('definition_version').notNullable();
    t.integer('fiscal_year').notNullable();
    t.bigInteger('pagu').notNullable();
    t.bigInteger('hps').notNullable();
    t.string('status', 32).notNullable();
    t.string('stage_id', 64).notNullable();
    t.string('stage_name', 300).notNullable();
    t.timestamp('stage_entered_at', { useTz: true });
    t.timestamp('stage_closes_at', { useTz: true });
    t.string('created_by', 128).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    // Highest event seq applied; an older batch retried late never overwrites a newer snapshot.
    t.integer('last_seq').notNullable().defaultTo(0);
    t.jsonb('view').notNullable().defaultTo('{}');
    t.index(['status', 'created_at']);
    t.index(['fiscal_year', 'method']);
    t.index(['opd']);
    t.index(['stage_id']);
  });

  await knex.schema.createTable('package_events', (t) => {
    t.string('package_id', 64).notNullable().references('packages.id');
    t.integer('seq').notNullable();
    t.string('type', 32).notNullable();
    t.string('stage_id', 64).notNullable();
    t.string('action', 64);
    t.string('actor_id', 128);
    t.string('actor_role', 32);
    t.timestamp('at', { useTz: true }).notNullable();
    t.jsonb('details');
    t.primary(['package_id', 'seq']);
  });

  await knex.schema.createTable('package_stages', (t) => {
    t.string('package_id', 64).notNullable().references('packages.id');
    t.integer('entered_seq').notNullable();
    t.string('stage_id', 64).notNullable();
    t.string('stage_name', 300).notNullable();
    t.timestamp('entered_at', { useTz: true }).notNullable();
    t.timestamp('closes_at', { useTz: true });
    t.timestamp('left_at', { useTz: true });
    t.primary(['package_id', 'entered_seq']);
  });

  await knex.schema.createTable('package_tasks', (t) => {
    t.string('package_id', 64).notNullable().references('packages.id');
    t.integer('stage_seq').notNullable();
    t.string('action', 64).notNullable();
    t.string('stage_id', 64).notNullable();
    t.string('name', 300).notNullable();
    t.specificType('roles', 'text[]').notNullable();
    t.specificType('assignees', 'text[]');
    t.timestamp('due_at', { useTz: true });
    t.string('status', 16).notNullable(); // 'open' | 'closed'
    t.primary(['package_id', 'stage_seq', 'action']);
    t.index(['status', 'due_at']);
  });

  await knex.schema.createTable('idempotency_keys', (t) => {
    t.string('actor_id', 128).notNullable();
    t.string('key', 200).notNullable();
    t.string('request_hash', 64).notNullable();
    t.integer('status_code').notNullable();
    t.jsonb('body').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['actor_id', 'key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['idempotency_keys', 'package_tasks', 'package_stages', 'package_events', 'packages', 'users', 'organisations']) {
    await knex.schema.dropTableIfExists(t);
  }
}

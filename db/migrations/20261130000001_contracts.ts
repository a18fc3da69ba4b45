/**
 * E-Kontrak read model: a contract is a child package (its own row in `packages`, linked by parent_package_id) whose
 * money and progress figures are kept here, written by the same idempotent read-model activity. Money is integer
 * rupiah (bigint); ratios and percentages are numeric, never float.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('packages', (t) => {
    t.string('parent_package_id', 64).nullable();
    t.index(['parent_package_id']);
  });

  await knex.schema.createTable('contracts', (t) => {
    t.string('package_id', 64).primary().references('packages.id');
    t.string('parent_package_id', 64).notNullable();
    t.string('kind', 32).notNullable(); // 'kontrak' | 'surat_pesanan' | 'swakelola'
    t.string('number', 100);
    t.string('provider_id', 128).notNullable();
    t.string('category', 32).notNullable();
    t.string('opd', 300).notNullable();
    t.integer('fiscal_year').notNullable();
    t.bigInteger('pagu').notNullable();
    t.bigInteger('original_value').notNullable();
    t.bigInteger('value').notNullable();
    t.bigInteger('paid').notNullable().defaultTo(0);
    t.bigInteger('retention_held').notNullable().defaultTo(0);
    t.bigInteger('penalty').notNullable().defaultTo(0);
    t.decimal('physical_progress', 5, 2).notNullable().defaultTo(0);
    t.decimal('absorption_contract', 7, 4).notNullable().defaultTo(0);
    t.decimal('absorption_pagu', 7, 4).notNullable().defaultTo(0);
    t.string('status', 32).notNullable();
    t.string('stage_id', 64).notNullable();
    t.integer('last_seq').notNullable().defaultTo(0);
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['parent_package_id']);
    t.index(['fiscal_year', 'opd']);
  });

  // S-curve points: planned against actual cumulative physical progress per reporting period.
  await knex.schema.createTable('contract_periods', (t) => {
    t.string('package_id', 64).notNullable().references('contracts.package_id');
    t.integer('period').notNullable();
    t.date('period_end');
    t.decimal('planned_pct', 5, 2).notNullable();
    t.decimal('actual_pct', 5, 2);
    t.primary(['package_id', 'period']);
  });

  await knex.schema.createTable('contract_payments', (t) => {
    t.string('package_id', 64).notNullable().references('contracts.package_id');
    t.string('payment_id', 64).notNullable();
    t.string('kind', 16).notNullable();
    t.bigInteger('gross').notNullable();
    t.bigInteger('advance_repayment').notNullable();
    t.bigInteger('retention').notNullable();
    t.bigInteger('penalty').notNullable();
    t.bigInteger('net').notNullable();
    t.timestamp('paid_at', { useTz: true }).notNullable();
    t.primary(['package_id', 'payment_id']);
  });

  await knex.schema.createTable('provider_sanctions', (t) => {
    t.string('package_id', 64).primary();
    t.string('provider_id', 128).notNullable();
    t.text('reason').notNullable();
    t.string('proposed_by', 128).notNullable();
    t.string('status', 32).notNullable(); // 'diusulkan' until the PA/KPA decides
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['provider_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['provider_sanctions', 'contract_payments', 'contract_periods', 'contracts']) await knex.schema.dropTableIfExists(t);
  await knex.schema.alterTable('packages', (t) => t.dropColumn('parent_package_id'));
}

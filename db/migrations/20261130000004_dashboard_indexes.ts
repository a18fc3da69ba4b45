/** Indexes the monitoring dashboard's groupings and lists read (fiscal year first: every dashboard view is per year). */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('packages', (t) => {
    t.index(['fiscal_year', 'opd', 'method', 'status'], 'packages_dashboard_groups');
    t.index(['fiscal_year', 'stage_id', 'stage_entered_at'], 'packages_dashboard_stage');
  });
  await knex.schema.alterTable('contracts', (t) => t.index(['fiscal_year', 'opd', 'value', 'paid'], 'contracts_dashboard_absorption'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('contracts', (t) => t.dropIndex([], 'contracts_dashboard_absorption'));
  await knex.schema.alterTable('packages', (t) => {
    t.dropIndex([], 'packages_dashboard_stage');
    t.dropIndex([], 'packages_dashboard_groups');
  });
}

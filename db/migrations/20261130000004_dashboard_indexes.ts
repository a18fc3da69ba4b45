/** Indexes the monitoring dashboard's groupings and lists read (fiscal year first: every dashboard view is per year). */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Overdue lists filter tasks by the year of their package: carried on the task, so no join is needed to find them.
  await knex.schema.alterTable('package_tasks', (t) => t.integer('fiscal_year'));
  await knex.raw('update package_tasks t set fiscal_year = p.fiscal_year from packages p where p.id = t.package_id');
  await knex.schema.alterTable('package_tasks', (t) => t.index(['status', 'fiscal_year', 'due_at'], 'package_tasks_dashboard_overdue'));
  await knex.schema.alterTable('packages', (t) => {
    t.index(['fiscal_year', 'opd', 'method', 'status'], 'packages_dashboard_groups');
    t.index(['fiscal_year', 'stage_id', 'stage_entered_at'], 'packages_dashboard_stage');
  });
  await knex.schema.alterTable('contracts', (t) => t.index(['fiscal_year', 'opd', 'value', 'paid'], 'contracts_dashboard_absorption'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('package_tasks', (t) => {
    t.dropIndex([], 'package_tasks_dashboard_overdue');
    t.dropColumn('fiscal_year');
  });
  await knex.schema.alterTable('contracts', (t) => t.dropIndex([], 'contracts_dashboard_absorption'));
  await knex.schema.alterTable('packages', (t) => {
    t.dropIndex([], 'packages_dashboard_stage');
    t.dropIndex([], 'packages_dashboard_groups');
  });
}

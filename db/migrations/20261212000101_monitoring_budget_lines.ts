/**
 * Monitoring (issue 12): budget lines and the indexes the monitoring pages read.
 *
 * `packages.previous_package_id`: the failed package a follow-up package (tender ulang, Penunjukan Langsung after a
 * failed re-tender) continues, so a failed package and its re-tender count as one budget line
 * (domain/monitoring/budget-lines.ts). activities/follow-up.ts writes it; rows written before are filled from the
 * facts the follow-up's view already carries (`facts.previousPackageId`). No foreign key: the read model is written by
 * activities in any order, and a dangling id only means "superseded by nothing we know".
 *
 * Indexes, each for one read of db/queries/monitoring-*.ts:
 *  - the year's procurement packages with every column the year summary groups and sums: an index-only scan;
 *  - the follow-ups (few rows): "is this package superseded" as an anti-join against a small index;
 *  - the contracts' signature (the `signed` milestone event of the E-Kontrak child): contracted value by month;
 *    kept on the contract row as `contracts.signed_at` by two triggers (an event recorded after the row, a row written
 *    after the event), so the read-model writer stays as it is and cannot forget it, and a year's contracts are read
 *    from one covering index instead of probing each one's events;
 *  - payments by contract with their time and amount: paid value by month, index-only;
 *  - escalations of a package's due time (notifications kind 'escalation'): the overdue list;
 *  - running contracts of a year per OPD.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('packages', (t) => t.string('previous_package_id', 64).nullable());
  await knex.raw(`
    update packages set previous_package_id = view #>> '{facts,previousPackageId}'
     where previous_package_id is null and jsonb_typeof(view #> '{facts,previousPackageId}') = 'string'`);
  await knex.raw(`
    create index packages_monitoring_year on packages (fiscal_year, opd, method, stage_id, status)
      include (id, pagu, hps, stage_name) where parent_package_id is null`);
  await knex.raw(`create index packages_previous_package on packages (previous_package_id) where previous_package_id is not null`);
  await knex.raw(`
    create index package_events_contract_signed on package_events (package_id) include (at)
      where type = 'milestone_reached' and details ->> 'milestone' = 'signed'`);
  await knex.raw(`create index contract_payments_monitoring on contract_payments (package_id) include (paid_at, net)`);
  await knex.raw(`create index notifications_escalation on notifications (package_id, due_at) where kind = 'escalation'`);
  await knex.raw(`create index contracts_monitoring_running on contracts (fiscal_year, status, opd)`);

  await knex.schema.alterTable('contracts', (t) => t.timestamp('signed_at', { useTz: true }).nullable());
  await knex.raw(`
    create function contracts_signed_at_of(contract text) returns timestamptz language sql stable as $$
      select min(at) from package_events
       where package_id = contract and type = 'milestone_reached' and details ->> 'milestone' = 'signed' $$`);
  await knex.raw(`
    create function contracts_signed_from_event() returns trigger language plpgsql as $$
    begin
      update contracts set signed_at = new.at where package_id = new.package_id and (signed_at is null or signed_at > new.at);
      return null;
    end $$`);
  await knex.raw(`
    create trigger contracts_signed_from_event after insert on package_events for each row
      when (new.type = 'milestone_reached' and new.details ->> 'milestone' = 'signed')
      execute function contracts_signed_from_event()`);
  await knex.raw(`
    create function contracts_signed_on_write() returns trigger language plpgsql as $$
    begin
      if new.signed_at is null then new.signed_at := contracts_signed_at_of(new.package_id); end if;
      return new;
    end $$`);
  await knex.raw(`
    create trigger contracts_signed_on_write before insert or update on contracts for each row
      execute function contracts_signed_on_write()`);
  await knex.raw(`update contracts c set signed_at = contracts_signed_at_of(c.package_id)`);
  await knex.raw(`
    create index contracts_monitoring_year on contracts (fiscal_year, opd)
      include (package_id, parent_package_id, value, paid, signed_at)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists contracts_monitoring_year');
  await knex.raw('drop trigger if exists contracts_signed_on_write on contracts');
  await knex.raw('drop trigger if exists contracts_signed_from_event on package_events');
  await knex.raw('drop function if exists contracts_signed_on_write()');
  await knex.raw('drop function if exists contracts_signed_from_event()');
  await knex.raw('drop function if exists contracts_signed_at_of(text)');
  await knex.schema.alterTable('contracts', (t) => t.dropColumn('signed_at'));
  for (const i of [
    'contracts_monitoring_running',
    'notifications_escalation',
    'contract_payments_monitoring',
    'package_events_contract_signed',
    'packages_previous_package',
    'packages_monitoring_year',
  ]) {
    await knex.raw(`drop index if exists ${i}`);
  }
  await knex.schema.alterTable('packages', (t) => t.dropColumn('previous_package_id'));
}

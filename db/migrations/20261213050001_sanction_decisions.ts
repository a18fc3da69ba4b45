/**
 * Blacklist proposals become decisions (issue 13 point 7; domain/sanctions/SANKSI.md). `provider_sanctions` held one
 * proposal per package (keyed by package_id) that nothing decided. Now:
 * - keyed by (package, provider, cause): a package may propose the same firm for two causes, or two firms (a
 *   collusion), each decided on its own; a surrogate `id` names a proposal in URLs and in the audit chain;
 * - `provider_org`: the firm (the vendor's organisation). The sanction binds the business entity, not one account,
 *   so enforcement looks it up by organisation;
 * - `cause` from the closed list (domain/sanctions/causes.ts); rows proposed before this migration came only from
 *   the termination of a contract, so they get 'tidak_melaksanakan_kontrak';
 * - the PA/KPA's decision: status diusulkan | ditetapkan | ditolak, decision number (nomor SK), who and when, the
 *   period [starts_at, ends_at) derived from the cause, or the reason of a rejection. Checks keep a decided row whole.
 * Existing rows are kept as proposals.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table provider_sanctions add column id bigserial;
    alter table provider_sanctions drop constraint provider_sanctions_pkey;
    alter table provider_sanctions add primary key (id);
    alter table provider_sanctions
      add column provider_org varchar(64),
      add column cause varchar(40) not null default 'tidak_melaksanakan_kontrak',
      add column decision_number varchar(100),
      add column decided_by varchar(128),
      add column decided_at timestamptz,
      add column starts_at timestamptz,
      add column ends_at timestamptz,
      add column decision_reason text;
    alter table provider_sanctions alter column cause drop default;
    update provider_sanctions s set provider_org = u.org_id from users u where u.id = s.provider_id;
    alter table provider_sanctions add constraint provider_sanctions_key unique (package_id, provider_id, cause);
    alter table provider_sanctions add constraint provider_sanctions_status
      check (status in ('diusulkan', 'ditetapkan', 'ditolak'));
    alter table provider_sanctions add constraint provider_sanctions_decided check (
      status = 'diusulkan' and decided_at is null
      or status = 'ditetapkan' and decision_number is not null and decided_by is not null and decided_at is not null
         and starts_at is not null and ends_at > starts_at
      or status = 'ditolak' and decided_by is not null and decided_at is not null and decision_reason is not null
    );
    create index provider_sanctions_running on provider_sanctions (provider_org, ends_at) where status = 'ditetapkan';
    create index provider_sanctions_running_user on provider_sanctions (provider_id, ends_at) where status = 'ditetapkan';
    create index provider_sanctions_status_created on provider_sanctions (status, created_at);
  `);
}

export async function down(knex: Knex): Promise<void> {
  // Back to one proposal per package: the oldest row of each package stays.
  await knex.raw(`
    delete from provider_sanctions s using provider_sanctions o where o.package_id = s.package_id and o.id < s.id;
    drop index if exists provider_sanctions_running;
    drop index if exists provider_sanctions_running_user;
    drop index if exists provider_sanctions_status_created;
    alter table provider_sanctions drop constraint provider_sanctions_decided;
    alter table provider_sanctions drop constraint provider_sanctions_status;
    alter table provider_sanctions drop constraint provider_sanctions_key;
    update provider_sanctions set status = 'diusulkan';
    alter table provider_sanctions drop constraint provider_sanctions_pkey;
    alter table provider_sanctions
      drop column id, drop column provider_org, drop column cause, drop column decision_number, drop column decided_by,
      drop column decided_at, drop column starts_at, drop column ends_at, drop column decision_reason;
    alter table provider_sanctions add primary key (package_id);
  `);
}

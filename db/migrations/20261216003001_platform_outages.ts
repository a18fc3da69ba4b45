/**
 * Platform outages (issue 15 point 7): periods in which vendors could not act, declared by an LPSE admin or detected
 * by the system, after which every window that closed during one (or soon after) is extended by its length
 * (domain/process/outage.ts). `platform_heartbeats` is the detection's signal: each API process writes its own row
 * while it can serve steps (runtime/heartbeat.ts); a gap in all of them longer than a threshold is an outage.
 *
 * - ends_at is null while an outage is ongoing; it is never before starts_at.
 * - A detected outage starts at the last beat before the gap: one row per such start (a second detector of the same gap
 *   finds it there), hence the partial unique index.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table platform_outages (
      id bigserial primary key,
      starts_at timestamptz not null,
      ends_at timestamptz,
      reason text not null,
      source varchar(16) not null check (source in ('declared', 'detected')),
      declared_by varchar(128),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint platform_outages_period check (ends_at is null or ends_at >= starts_at)
    );
    create unique index platform_outages_detected_start on platform_outages (starts_at) where source = 'detected';
    create index platform_outages_period_idx on platform_outages (starts_at, ends_at);
    create table platform_heartbeats (
      process_id varchar(200) primary key,
      beat_at timestamptz not null
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists platform_heartbeats; drop table if exists platform_outages;');
}

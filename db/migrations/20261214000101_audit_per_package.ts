/**
 * Audit hash version 3 (issue 14 point 4; domain/audit/chain.ts): one chain per package instead of one global chain,
 * so appends no longer serialise every package's read-model write, plus periodic anchors of every package's head.
 * - `audit_log.version` may be 3 (salted like v2: salt and actor_ref as before); rows already written keep theirs.
 * - `audit_log_v3_head`: (package_id, pos) of v3 rows only, for reading a package's head (activities/audit.ts) and
 *   for the anchor job's walk over packages; `audit_log_v3_link`: no two v3 rows follow the same hash, so a bug or
 *   a race that would fork a package's chain fails the insert instead (each package's first entry follows its own
 *   genesis, packageGenesis, so the index holds across packages too); `audit_log_legacy`: the last v1/v2 entry (the old
 *   global chain's head, GET /api/public/audit/head) without walking back over every v3 row.
 * - `audit_anchors` (seq, at, prev_hash, heads_hash, hash, head_count) and `audit_anchor_heads` (the heads an anchor
 *   covers: every package whose head moved since the previous anchor), append-only like audit_log.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table audit_log drop constraint audit_log_version;
    alter table audit_log add constraint audit_log_version check (
      version = 1 and actor_ref is null and salt is null
      or version in (2, 3) and salt is not null and (actor_id is null) = (actor_ref is null)
    );
    create index audit_log_v3_head on audit_log (package_id, pos) where version = 3;
    create unique index audit_log_v3_link on audit_log (prev_hash) where version = 3;
    create index audit_log_legacy on audit_log (pos) where version < 3;
  `);
  await knex.schema.createTable('audit_anchors', (t) => {
    t.bigInteger('seq').primary(); // 1, 2, … in chain order (written under the anchor job's own lock)
    t.timestamp('at', { useTz: true }).notNullable();
    t.string('prev_hash', 64).notNullable();
    t.string('heads_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.integer('head_count').notNullable();
  });
  await knex.schema.createTable('audit_anchor_heads', (t) => {
    t.bigInteger('anchor_seq').notNullable().references('audit_anchors.seq');
    t.string('package_id', 64).notNullable();
    t.bigInteger('pos').notNullable();
    t.string('hash', 64).notNullable();
    t.primary(['anchor_seq', 'package_id']);
    t.index(['package_id', 'pos'], 'audit_anchor_heads_package');
  });
  await knex.raw(`
    create function audit_anchor_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'jangkar audit hanya boleh ditambah (append-only): % ditolak', tg_op using errcode = 'insufficient_privilege';
    end $$;
    create trigger audit_anchors_no_update_delete before update or delete on audit_anchors
      for each row execute function audit_anchor_append_only();
    create trigger audit_anchors_no_truncate before truncate on audit_anchors
      for each statement execute function audit_anchor_append_only();
    create trigger audit_anchor_heads_no_update_delete before update or delete on audit_anchor_heads
      for each row execute function audit_anchor_append_only();
    create trigger audit_anchor_heads_no_truncate before truncate on audit_anchor_heads
      for each statement execute function audit_anchor_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('audit_anchor_heads');
  await knex.schema.dropTableIfExists('audit_anchors');
  await knex.raw(`
    drop function if exists audit_anchor_append_only();
    drop index if exists audit_log_legacy;
    drop index if exists audit_log_v3_link;
    drop index if exists audit_log_v3_head;
    alter table audit_log drop constraint audit_log_version;
    alter table audit_log add constraint audit_log_version check (
      version = 1 and actor_ref is null and salt is null
      or version = 2 and salt is not null and (actor_id is null) = (actor_ref is null)
    );
  `);
}

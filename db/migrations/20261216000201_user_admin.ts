/**
 * User administration in external mode (issue 15 point 2): an LPSE admin creates users, changes their roles and
 * deactivates them (api/services/user-admin.ts, through /api/admin/* or `npm run users`).
 * - `users.active`: never a hard delete (audit entries, events and packages name users), so a user who leaves is
 *   deactivated; the API refuses that user's tokens from the next request on (api/auth/active-users.ts).
 * - `users.updated_at`: when an admin last changed the row.
 * - `user_changes`: what each change was (before/after: roles, name, email, organisation, active), append-only like
 *   audit_log. The hash-chained audit entry of a change (chain `admin-pengguna`, seq = the change's id) covers the
 *   SHA-256 of the same details, so an altered row here no longer matches its entry.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('updated_at', { useTz: true });
  });
  await knex.schema.createTable('user_changes', (t) => {
    t.increments('id').primary(); // the audit entry's seq: integer like audit_log.seq
    t.timestamp('at', { useTz: true }).notNullable();
    t.string('actor_id', 128).notNullable(); // a user id, or `cli:<os user>` for the command line
    t.string('subject_kind', 16).notNullable(); // 'user' | 'organisation'
    t.string('subject_id', 128).notNullable();
    t.string('action', 64).notNullable();
    t.jsonb('details').notNullable();
    t.index(['subject_kind', 'subject_id', 'id'], 'user_changes_subject');
  });
  await knex.raw(`alter table user_changes add constraint user_changes_kind check (subject_kind in ('user', 'organisation'))`);
  await knex.raw(`
    create function user_changes_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'user_changes hanya boleh ditambah (append-only): % ditolak', tg_op using errcode = 'insufficient_privilege';
    end $$;
    create trigger user_changes_no_update_delete before update or delete on user_changes
      for each row execute function user_changes_append_only();
    create trigger user_changes_no_truncate before truncate on user_changes
      for each statement execute function user_changes_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('user_changes');
  await knex.raw('drop function if exists user_changes_append_only()');
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('updated_at');
    t.dropColumn('active');
  });
}

/**
 * The public package list (GET /api/public/packages, and the officers' list in its default order) over 100,000
 * procurement packages:
 *  - newest first: without an index each page sorts the whole table (a parallel seq scan and a top-N sort, about
 *    150 ms at 100,000 packages); with it a page reads its 20–100 rows from the index. Partial like the list's
 *    `where parent_package_id is null`, in the list's exact order (db/queries/packages.ts: `-created_at`, id).
 *  - text search (`title ilike '%…%'`): a trigram index (pg_trgm), so a search and its count read only the matching
 *    rows instead of every title. pg_trgm ships with PostgreSQL's contrib; where the server does not offer it (or the
 *    role may not create it) the index is left out and the search stays a sequential scan — correct, only slower.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create index packages_list_newest on packages (created_at desc nulls last, id desc)
      where parent_package_id is null`);
  const available = await knex.raw<{ rows: unknown[] }>(`select 1 from pg_available_extensions where name = 'pg_trgm'`);
  if (!available.rows.length) return;
  try {
    // In a savepoint: a refused CREATE EXTENSION must not abort the migration's transaction.
    await knex.transaction(async (trx) => {
      await trx.raw('create extension if not exists pg_trgm');
      await trx.raw(`create index packages_title_trgm on packages using gin (title gin_trgm_ops) where parent_package_id is null`);
    });
  } catch {
    // Not allowed here: the list works without it (see above).
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists packages_title_trgm');
  await knex.raw('drop index if exists packages_list_newest');
}

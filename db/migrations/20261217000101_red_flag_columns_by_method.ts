/**
 * The rf_* generated columns of `packages` read each method's own paths, from its profile (db/red-flag-columns.ts,
 * workflows/definitions/profiles.ts), instead of every method's paths in turn and a method name written into the SQL.
 * For every view the definitions write the values are the same as before (tests/method-profiles.test.ts); the columns,
 * their types and the indexes over them stay (PostgreSQL rebuilds the indexes with the rewritten table).
 *
 * This migration builds its SQL from the profiles as they are when it runs, so on a new database it already applies
 * later profiles; a later change of a profile's paths comes with its own migration calling applyRedFlagColumns, which
 * then sets the same expressions again.
 */
import type { Knex } from 'knex';
import { applyRedFlagColumns } from '../red-flag-columns';

export async function up(knex: Knex): Promise<void> {
  await applyRedFlagColumns(knex);
}

/** Nothing to undo: the previous expressions gave the same values for every view a definition writes. */
export async function down(): Promise<void> {}

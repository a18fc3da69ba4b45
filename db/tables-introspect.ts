/**
 * Reads the columns of every table in a migrated database, for the generated row types in db/tables.ts
 * (bin/gen-db-types.ts writes them, tests/db-types.test.ts checks they are current).
 */
import type { Knex } from 'knex';

export interface ColumnInfo {
  table: string;
  column: string;
  /** PostgreSQL's type name as information_schema spells it for arrays too (`_text` is text[]). */
  udtName: string;
  nullable: boolean;
  /** A default or a sequence fills the column when an insert leaves it out. */
  hasDefault: boolean;
  /** `generated always as (…) stored` or an identity column written by PostgreSQL alone: never part of an insert. */
  generated: boolean;
}

/**
 * knex's own bookkeeping: its tables are named by configuration (`tableName`), and nothing in the code reads them
 * through the query builder.
 */
const SKIPPED = new Set(['knex_migrations', 'knex_migrations_lock']);

export async function readColumns(db: Knex): Promise<ColumnInfo[]> {
  const { rows } = await db.raw<{ rows: RawColumn[] }>(
    `select c.table_name, c.column_name, c.udt_name, c.is_nullable, c.column_default, c.is_generated, c.is_identity, c.identity_generation
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`,
  );
  return rows
    .filter((r) => !SKIPPED.has(r.table_name))
    .map((r) => ({
      table: r.table_name,
      column: r.column_name,
      udtName: r.udt_name,
      nullable: r.is_nullable === 'YES',
      hasDefault: r.column_default !== null || r.is_identity === 'YES',
      generated: r.is_generated === 'ALWAYS' || r.identity_generation === 'ALWAYS',
    }));
}

interface RawColumn {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
  is_generated: 'ALWAYS' | 'NEVER';
  is_identity: 'YES' | 'NO';
  identity_generation: 'ALWAYS' | 'BY DEFAULT' | null;
}

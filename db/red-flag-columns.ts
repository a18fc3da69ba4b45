/**
 * The generated rf_* columns of `packages` (added by migration 20261201000004) as SQL built from the method profiles
 * (workflows/definitions/profiles.ts): per method, the paths its profile names, as domain/monitoring/selection.ts reads
 * them, so PostgreSQL computes the red flags' inputs whenever the read model writes a view. Every expression is
 * guarded by jsonb_typeof, so no view can make one fail (a failing generated column would refuse the read-model
 * write); a method without a profile (an E-Kontrak child) gets NULL, and `false` for rf_award_public.
 *
 * A profile whose paths change, or a new method, needs a migration that calls applyRedFlagColumns again (the stored
 * columns are computed on write: PostgreSQL recomputes them for every row when the expression is set).
 * tests/method-profiles.test.ts writes a view for each method and fails when the columns and selection.ts disagree.
 */
import type { Knex } from 'knex';
import type { MethodProfile } from '../domain/process/method-profile';
import { METHOD_CODES, PROFILES } from '../workflows/definitions/profiles';

/** Paths and method codes go into the SQL text: only plain identifiers, so none can break out of its literal. */
const SAFE_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
const SAFE_METHOD = /^[a-z][a-z0-9_-]*$/;

function at(path: string): string {
  if (!SAFE_PATH.test(path)) throw new Error(`red-flag column: unsafe data path '${path}'`);
  return `view #> '{data,${path.split('.').join(',')}}'`;
}
const arr = (p: string) => `jsonb_typeof(${at(p)}) = 'array'`;
const len = (p: string) => `jsonb_array_length(${at(p)})`;
const obj = (p: string) => `jsonb_typeof(${at(p)}) = 'object'`;
const field = (p: string, f: string) => `${at(p)} -> '${f}'`;

type PerMethod = (p: MethodProfile) => string | undefined;

/** `case method when … then … else <otherwise> end` over every profile that gives an expression. */
function byMethod(expr: PerMethod, otherwise = 'null'): string {
  const whens = METHOD_CODES.flatMap((m) => {
    if (!SAFE_METHOD.test(m)) throw new Error(`red-flag column: unsafe method code '${m}'`);
    const e = expr(PROFILES[m]);
    return e === undefined ? [] : [`when '${m}' then ${e}`];
  });
  return whens.length ? `case method ${whens.join(' ')} else ${otherwise} end` : otherwise;
}

/** The opening's figure, when its list is an array and its report exists (selection.ts: `opening`). */
const opening =
  (value: (o: NonNullable<MethodProfile['opening']>) => string): PerMethod =>
  (p) =>
    p.opening ? `(case when ${arr(p.opening.list)} and ${obj(p.opening.report)} then ${value(p.opening)} end)` : undefined;

const winner =
  (value: (w: string) => string): PerMethod =>
  (p) =>
    p.winner
      ? `(case when jsonb_typeof(${field(p.winner, 'vendorId')}) = 'string' and jsonb_typeof(${field(p.winner, 'price')}) = 'number' then ${value(p.winner)} end)`
      : undefined;

/** Any of the paths that exist only once the award is public; a method with none never is. */
const awardPublic: PerMethod = (p) => (p.awardPublic.length ? `(${p.awardPublic.map((x) => `${at(x)} is not null`).join(' or ')})` : 'false');

/** Column name and generation expression (the columns' types are migration 20261201000004's). */
export function redFlagColumns(): [name: string, expr: string][] {
  return [
    ['rf_bids_opened', byMethod(opening((o) => len(o.list)))],
    ['rf_bids_rejected', byMethod(opening((o) => `(case when ${arr(`${o.report}.rejected`)} then ${len(`${o.report}.rejected`)} else 0 end)`))],
    [
      'rf_failed',
      byMethod((p) =>
        p.failed.length
          ? `(case when ${p.failed.map(arr).join(' or ')} then ${p.failed.map((f) => `(case when ${arr(f)} then ${len(f)} else 0 end)`).join(' + ')} end)`
          : undefined,
      ),
    ],
    ['rf_winner_id', byMethod(winner((w) => `(${at(w)} ->> 'vendorId')`))],
    ['rf_winner_price', byMethod(winner((w) => `(${field(w, 'price')})::numeric`))],
    ['rf_award_public', byMethod(awardPublic, 'false')],
  ];
}

/**
 * Sets every rf_* column's expression from the profiles, in one statement: the table is rewritten once and the indexes
 * over the columns stay. `ALTER COLUMN … SET EXPRESSION` came with PostgreSQL 17, so an older server is refused here
 * with its version named, before anything changes (README, DATABASE_URL).
 */
export async function applyRedFlagColumns(knex: Knex): Promise<void> {
  const version = await knex.raw<{ rows: { v: number }[] }>(`select current_setting('server_version_num')::int as v`);
  const v = version.rows[0]!.v;
  if (v < 170000) throw new Error(`PostgreSQL 17 atau lebih baru diperlukan (ALTER COLUMN … SET EXPRESSION); server ini ${v}`);
  await knex.raw(
    `alter table packages ${redFlagColumns()
      .map(([name, expr]) => `alter column ${name} set expression as (${expr})`)
      .join(', ')}`,
  );
}

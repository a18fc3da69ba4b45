/**
 * Red flags over a whole fiscal year without reading every package's `view` (jsonb, often TOASTed): the few figures
 * the flags need are generated columns of `packages`, computed by PostgreSQL whenever the read model writes a view,
 * so the read-model writer stays as it is and can never forget them. They read the same paths as
 * domain/monitoring/selection.ts (tests/red-flags.test.ts checks both agree). Every expression is guarded by
 * jsonb_typeof, so no view can make one fail (a failing generated column would refuse the read-model write).
 *
 * Indexes: the year's inputs per OPD as an index-only scan; wins per winner per OPD and year (the repeat-winner flag);
 * the bid windows and late stages of package_stages.
 */
import type { Knex } from 'knex';

const arr = (path: string) => `jsonb_typeof(view #> '{${path}}') = 'array'`;
const len = (path: string) => `jsonb_array_length(view #> '{${path}}')`;
const obj = (path: string) => `jsonb_typeof(view #> '{${path}}') = 'object'`;

/** [bid list, its opening report] in the order selection.ts's BID_SOURCES tries them. */
const SOURCES = [
  ['data,bids', 'data,bidOpening'],
  ['data,technicalBids', 'data,file1Opening'],
  ['data,technicalProposals', 'data,technicalOpeningReport'],
  ['data,quotes', 'data,quoteOpening'],
];
const FAILED = ['data,award,failed', 'data,file1Result,failed', 'data,technicalResult,failed', 'data,competition,failed'];
const WINNERS = ['data,award,winner', 'data,competition,winner'];
const PUBLIC = ['data,awardAnnouncement', 'data,sppbj', 'data,contractStart', 'data,order'];

const bySource = (value: (list: string, report: string) => string) =>
  `case ${SOURCES.map(([l, r]) => `when ${arr(l!)} then (case when ${obj(r!)} then ${value(l!, r!)} end)`).join(' ')} end`;
const winner = (value: (w: string) => string) =>
  `case ${WINNERS.map((w) => `when jsonb_typeof(view #> '{${w},vendorId}') = 'string' and jsonb_typeof(view #> '{${w},price}') = 'number' then ${value(w)}`).join(' ')} end`;

const COLUMNS: [string, string, string][] = [
  ['rf_bids_opened', 'integer', bySource((l) => len(l))],
  ['rf_bids_rejected', 'integer', bySource((_l, r) => `(case when ${arr(`${r},rejected`)} then ${len(`${r},rejected`)} else 0 end)`)],
  [
    'rf_failed',
    'integer',
    `case when ${FAILED.map(arr).join(' or ')} then ${FAILED.map((p) => `(case when ${arr(p)} then ${len(p)} else 0 end)`).join(' + ')} end`,
  ],
  ['rf_winner_id', 'text', winner((w) => `view #>> '{${w},vendorId}'`)],
  ['rf_winner_price', 'numeric', winner((w) => `(view #> '{${w},price}')::numeric`)],
  [
    'rf_award_public',
    'boolean',
    `(${PUBLIC.map((p) => `view #> '{${p}}' is not null`).join(' or ')} or (method = 'tender-cepat' and view #> '{data,awardDecision}' is not null))`,
  ],
];

const STAGES = ['bid_submission', 'proposal_submission', 'late_execution', 'late_delivery'];

export async function up(knex: Knex): Promise<void> {
  for (const [name, type, expr] of COLUMNS) {
    await knex.raw(`alter table packages add column ${name} ${type} generated always as (${expr}) stored`);
  }
  await knex.raw(`
    create index packages_red_flag_inputs on packages (fiscal_year, opd, id)
      include (method, hps, ${COLUMNS.map(([n]) => n).join(', ')})
      where parent_package_id is null`);
  await knex.raw(`
    create index packages_red_flag_winner on packages (fiscal_year, opd, rf_winner_id) include (rf_award_public)
      where parent_package_id is null and rf_winner_id is not null`);
  await knex.raw(`
    create index package_stages_red_flag on package_stages (package_id) include (stage_id, entered_at, left_at, closes_at)
      where stage_id in (${STAGES.map((s) => `'${s}'`).join(', ')})`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists package_stages_red_flag');
  await knex.raw('drop index if exists packages_red_flag_winner');
  await knex.raw('drop index if exists packages_red_flag_inputs');
  for (const [name] of [...COLUMNS].reverse()) await knex.raw(`alter table packages drop column if exists ${name}`);
}

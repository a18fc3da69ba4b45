/**
 * Red flags from the read model: loads each package's inputs (the generated rf_* columns of `packages`, its bid
 * window from package_stages, its contract's values and lateness, its winner's record in the OPD) and computes the
 * flags with domain/monitoring/red-flags.ts. Per package, or for a fiscal year (optionally one OPD) with counts per
 * flag and per OPD and a paginated list of flagged packages. Every read is index-backed (migration 20261201000004).
 *
 * Audience 'public' uses only what is public at the package's stage: the opening's bid count once opened; the
 * winner, the failed bids and the repeat-winner record only once the award is public (rf_award_public); a window
 * measured in a compressed schedule (TIME_SCALE) is not said to be, as the setting is internal.
 */
import type { Knex } from 'knex';
import { Kept } from './kept';
import { calendarFor, officeHoursFromEnv } from '../../runtime/calendar';
import type { CalendarConfig } from '../../domain/calendar/working-time';
import { type FlagCode, type FlagSummary, type RedFlag, type RedFlagInput, redFlagsOf, summariseFlags } from '../../domain/monitoring/red-flags';
import { BID_WINDOW_STAGES, LATE_STAGES } from '../../domain/monitoring/thresholds';
import { workingDaysBetween } from '../../domain/monitoring/working-days';
import { profileOf } from '../../workflows/definitions/profiles';
import type { PackagesRow } from '../tables';

export type Audience = 'officer' | 'public';
/** The time the flags are computed at, and the API's TIME_SCALE (durations in the read model are real, i.e. scaled). */
export interface Clock {
  now: Date;
  timeScale: number;
}
const clockOf = (c: Partial<Clock> = {}): Clock => ({ now: c.now ?? new Date(), timeScale: c.timeScale ?? 1 });

/** A procurement package's inputs (inputColumns): its rf_* columns and the WIB year it was created in. */
interface InputRow extends Pick<
  PackagesRow,
  'id' | 'opd' | 'method' | 'hps' | 'fiscal_year' | 'rf_bids_opened' | 'rf_bids_rejected' | 'rf_failed' | 'rf_winner_id' | 'rf_winner_price' | 'rf_award_public'
> {
  created_year: number;
}
/** A winner's wins in an OPD (winnerRecords). */
interface WinsRow {
  opd: string;
  rf_winner_id: string;
  wins: number;
}
/** A bid-window stage, its instants as epoch ms (`ms`). */
interface WindowRow {
  package_id: string;
  stage_id: string;
  entered_at: number;
  left_at: number | null;
  closes_at: number | null;
}
/** A contract's late stage, its instants as epoch ms. */
interface LateStageRow {
  package_id: string;
  entered_at: number;
  left_at: number | null;
}
/** The two parts of a contract's view the flags read: the handover (jsonb, absent before it) and the addenda count. */
interface ContractExtraRow {
  id: string;
  handover: unknown;
  addenda: number;
}

const DAY_MS = 86_400_000;
const num = (v: unknown) => (v === null || v === undefined ? undefined : Number(v));

/** The working-day calendar a package was created with (holidays of its creation year onwards), cached per year. */
const calendars = new Map<number, CalendarConfig>();
function calendarOf(year: number): CalendarConfig {
  let cal = calendars.get(year);
  if (!cal) {
    cal = calendarFor(Date.UTC(year, 0, 1, 12), officeHoursFromEnv());
    calendars.set(year, cal);
  }
  return cal;
}

/** Instants as epoch ms (a float8 parses much faster than a timestamp: a year holds many thousands of rows). */
const ms = (db: Knex, col: string, as = col) => db.raw(`(extract(epoch from ??) * 1000)::float8 as ??`, [col, as]);

const inputColumns = (db: Knex) => [
  // The WIB year the package was created in: its calendar (calendarFor) starts there.
  db.raw(`extract(year from created_at at time zone 'Asia/Jakarta')::int as created_year`),
  'id',
  'opd',
  'method',
  'hps',
  'fiscal_year',
  'rf_bids_opened',
  'rf_bids_rejected',
  'rf_failed',
  'rf_winner_id',
  'rf_winner_price',
  'rf_award_public',
];

/** Company names of vendor accounts (organisation of the user), never the user's own data. */
export async function vendorNames(db: Knex, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db('users as u')
    .join('organisations as o', 'o.id', 'u.org_id')
    .whereIn('u.id', ids)
    .where('o.kind', 'penyedia')
    .select<{ id: string; name: string }[]>('u.id', 'o.name');
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const UNKNOWN_VENDOR = 'Penyedia (tanpa profil organisasi)';

/** Wins per (OPD, winner) in a fiscal year, and awarded packages per OPD. */
async function winnerRecords(db: Knex, fiscalYear: number, opds: string[], audience: Audience) {
  const q = db('packages')
    .whereNull('parent_package_id')
    .where('fiscal_year', fiscalYear)
    .whereIn('opd', opds)
    .whereNotNull('rf_winner_id')
    .groupBy('opd', 'rf_winner_id')
    .select('opd', 'rf_winner_id')
    .count<{ wins: string }, WinsRow[]>({ wins: '*' });
  if (audience === 'public') q.where('rf_award_public', true);
  const rows: WinsRow[] = opds.length ? await q : [];
  const wins = new Map<string, number>();
  const awarded = new Map<string, number>();
  for (const r of rows) {
    wins.set(`${r.opd}\u0000${r.rf_winner_id}`, Number(r.wins));
    awarded.set(r.opd, (awarded.get(r.opd) ?? 0) + Number(r.wins));
  }
  return { wins: (opd: string, winner: string) => wins.get(`${opd}\u0000${winner}`) ?? 0, awarded: (opd: string) => awarded.get(opd) ?? 0 };
}

/** Inputs of the packages in `scope` (a query selecting package ids), keyed by package id. */
async function loadInputs(db: Knex, rows: InputRow[], scope: Knex.QueryBuilder, audience: Audience, clock: Clock): Promise<Map<string, RedFlagInput>> {
  const { now, timeScale } = clock;
  /** Real time back to the schedule's time (TIME_SCALE compresses every duration; 1 in production). */
  const nominal = (from: number, to: number) => from + (to - from) / timeScale + (timeScale < 1 ? Math.ceil(1 / timeScale) : 0);
  const [windows, contracts] = await Promise.all([
    db('package_stages')
      .whereIn('package_id', scope.clone())
      .whereIn('stage_id', BID_WINDOW_STAGES as string[])
      .orderBy(['package_id', 'entered_seq'])
      .select<WindowRow[]>('package_id', 'stage_id', ms(db, 'entered_at'), ms(db, 'left_at'), ms(db, 'closes_at')),
    db('contracts').whereIn('parent_package_id', scope.clone()).select('package_id', 'parent_package_id', 'original_value', 'value', 'status', 'penalty'),
  ]);
  const contractIds = contracts.map((c) => c.package_id);
  const [lateStages, contractExtras] = contractIds.length
    ? await Promise.all([
        db('package_stages')
          .whereIn('package_id', contractIds)
          .whereIn('stage_id', LATE_STAGES as string[])
          .orderBy(['package_id', 'entered_seq'])
          .select<LateStageRow[]>('package_id', ms(db, 'entered_at'), ms(db, 'left_at')),
        // Only the two small parts of a contract's view the flags need.
        db('packages')
          .whereIn('id', contractIds)
          .select<ContractExtraRow[]>(
            'id',
            db.raw(`view #> '{data,handover}' as handover`),
            db.raw(`case when jsonb_typeof(view #> '{data,addenda}') = 'array' then jsonb_array_length(view #> '{data,addenda}') else 0 end as addenda`),
          ),
      ])
    : [[], []];

  /** The first row of each package (by `key`). */
  const byPackage = <T>(list: T[], key: (r: T) => string) => {
    const m = new Map<string, T>();
    for (const r of list) if (!m.has(key(r))) m.set(key(r), r);
    return m;
  };
  const windowsOf = new Map<string, WindowRow[]>();
  for (const w of windows) windowsOf.set(w.package_id, [...(windowsOf.get(w.package_id) ?? []), w]);
  const contractOf = byPackage(contracts, (c) => c.parent_package_id);
  const lateOf = byPackage(lateStages, (l) => l.package_id);
  const extraOf = byPackage(contractExtras, (e) => e.id);

  const publicOk = (r: InputRow) => audience === 'officer' || r.rf_award_public === true;
  const winnerIds = [...new Set(rows.filter((r) => r.rf_winner_id && publicOk(r)).map((r) => r.rf_winner_id!))];
  const names = await vendorNames(db, winnerIds);
  const records = new Map<number, Awaited<ReturnType<typeof winnerRecords>>>();
  for (const fy of new Set(rows.map((r) => r.fiscal_year))) {
    records.set(fy, await winnerRecords(db, fy, [...new Set(rows.filter((r) => r.fiscal_year === fy).map((r) => r.opd))], audience));
  }

  const out = new Map<string, RedFlagInput>();
  for (const r of rows) {
    const input: RedFlagInput = { method: r.method, hps: Number(r.hps) };
    if (r.rf_bids_opened !== null) input.bids = { opened: r.rf_bids_opened, rejectedAtOpening: r.rf_bids_rejected ?? 0 };
    if (publicOk(r) && r.rf_failed !== null) input.failedInEvaluation = r.rf_failed;
    if (publicOk(r) && r.rf_winner_id && r.rf_winner_price !== null) {
      input.winner = { name: names.get(r.rf_winner_id) ?? UNKNOWN_VENDOR, price: Number(r.rf_winner_price) };
      const rec = records.get(r.fiscal_year)!;
      input.winnerRecord = { opd: r.opd, fiscalYear: r.fiscal_year, wins: rec.wins(r.opd, r.rf_winner_id), awardedInOpd: rec.awarded(r.opd) };
    }
    // The method's profile: an unknown method fails the report rather than passing unmeasured.
    const rule = profileOf(r.method).bidWindow;
    // The first window of the method's bid stage (a later re-submission round is a window of its own stage).
    const w = rule && windowsOf.get(r.id)?.find((x) => x.stage_id === rule.stageId);
    if (w) {
      const from = w.entered_at;
      const to = w.left_at ?? w.closes_at;
      if (to !== null) {
        const end = nominal(from, to);
        // The compressed schedule is an internal setting: only the officers' view says the window was measured in it.
        const scaled = timeScale !== 1 && audience === 'officer' ? { timeScale } : {};
        input.bidWindow = { from, to: end, workingDays: workingDaysBetween(from, end, calendarOf(r.created_year)), ...scaled };
      }
    }
    const c = contractOf.get(r.id);
    if (c) {
      const extra = extraOf.get(c.package_id);
      const late = lateOf.get(c.package_id);
      const handover = extra?.handover as { daysLate?: number; penalty?: number } | null | undefined;
      input.contract = { originalValue: Number(c.original_value), value: Number(c.value), addenda: Number(extra?.addenda ?? 0) };
      if (late) {
        const since = late.entered_at;
        const until = late.left_at ?? now.getTime();
        input.contract.late = {
          since,
          daysLate: num(handover?.daysLate) ?? Math.max(1, Math.ceil((nominal(since, until) - since) / DAY_MS)),
          penalty: num(handover?.penalty) ?? Number(c.penalty ?? 0),
          handedOver: !!handover,
          terminated: c.status === 'diputus',
        };
      }
    }
    out.set(r.id, input);
  }
  return out;
}

/** The flags of one procurement package (undefined when there is no such package, or it is a contract child). */
export async function packageRedFlags(db: Knex, packageId: string, audience: Audience, clock: Partial<Clock> = {}): Promise<RedFlag[] | undefined> {
  const scope = db('packages').whereNull('parent_package_id').where('id', packageId);
  const rows = await scope.clone().select<InputRow[]>(inputColumns(db));
  if (!rows.length) return undefined;
  const inputs = await loadInputs(db, rows, scope.clone().select('id'), audience, clockOf(clock));
  return redFlagsOf(inputs.get(packageId)!);
}

/**
 * The flags of a page of procurement packages (the public list): one batch of reads for the whole page, the same
 * inputs and rules as packageRedFlags. Ids that are not procurement packages are absent from the map.
 */
export async function pageRedFlags(db: Knex, ids: string[], audience: Audience, clock: Partial<Clock> = {}): Promise<Map<string, RedFlag[]>> {
  if (!ids.length) return new Map();
  const scope = db('packages').whereNull('parent_package_id').whereIn('id', ids);
  const rows = await scope.clone().select<InputRow[]>(inputColumns(db));
  const inputs = await loadInputs(db, rows, scope.clone().select('id'), audience, clockOf(clock));
  return new Map(rows.map((r) => [r.id, redFlagsOf(inputs.get(r.id)!)]));
}

export interface RedFlagFilter {
  fiscalYear: number;
  opd?: string;
  flag?: FlagCode;
  page: number;
  pageSize: number;
}

export interface RedFlagReport extends FlagSummary {
  fiscalYear: number;
  opd: string | null;
  flag: FlagCode | null;
  data: { packageId: string; title: string; opd: string; method: string; status: string; flags: RedFlag[] }[];
  pagination: { page: number; pageSize: number; total: number };
}

const SEVERITY_RANK = { tinggi: 2, sedang: 1, rendah: 0 } as const;
const weight = (flags: RedFlag[]) => flags.reduce((s, f) => s + 10 ** SEVERITY_RANK[f.severity], 0);

interface FlaggedPackage {
  id: string;
  opd: string;
  method: string;
  flags: RedFlag[];
  weight: number;
}

async function flagYear(db: Knex, f: RedFlagFilter, audience: Audience, clock: Clock): Promise<FlaggedPackage[]> {
  const scope = db('packages').whereNull('parent_package_id').where('fiscal_year', f.fiscalYear);
  if (f.opd) scope.where('opd', f.opd);
  const rows = await scope.clone().select<InputRow[]>(inputColumns(db));
  const inputs = await loadInputs(db, rows, scope.clone().select('id'), audience, clock);
  return rows.map((r) => {
    const flags = redFlagsOf(inputs.get(r.id)!);
    return { id: r.id, opd: r.opd, method: r.method, flags, weight: weight(flags) };
  });
}

/**
 * A year's flags cost seconds at 100,000 packages (every package's inputs, working days, the OPD's winners), so the
 * report keeps them for `maxAgeMs` per (year, OPD, audience) in this process (db/queries/kept.ts).
 */
const yearCache = new Kept<FlaggedPackage[]>();
function flagYearCached(db: Knex, f: RedFlagFilter, audience: Audience, clock: Clock, maxAgeMs: number): Promise<FlaggedPackage[]> {
  const key = JSON.stringify([f.fiscalYear, f.opd ?? null, audience, clock.timeScale]);
  return yearCache.get(key, maxAgeMs, () => flagYear(db, f, audience, clock));
}

/** Counts per flag and per OPD for a fiscal year, and the flagged packages (most severe first), paginated. */
export async function redFlagReport(
  db: Knex,
  f: RedFlagFilter,
  audience: Audience = 'officer',
  clock: Partial<Clock> = {},
  maxAgeMs = 0,
): Promise<RedFlagReport> {
  const all = await flagYearCached(db, f, audience, clockOf(clock), maxAgeMs);
  const summary = summariseFlags(all);
  // Plain code-unit order for ids (no collation: a year holds many thousands of packages).
  const listed = all
    .filter((p) => (f.flag ? p.flags.some((x) => x.code === f.flag) : p.flags.length > 0))
    .sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const page = listed.slice((f.page - 1) * f.pageSize, f.page * f.pageSize);
  const details = page.length
    ? await db('packages')
        .whereIn(
          'id',
          page.map((p) => p.id),
        )
        .select('id', 'title', 'status')
    : [];
  // Every listed id was read from packages, whose rows are never deleted: each has its details.
  const detail = new Map(details.map((d) => [d.id, d]));
  return {
    fiscalYear: f.fiscalYear,
    opd: f.opd ?? null,
    flag: f.flag ?? null,
    ...summary,
    data: page.map((p) => ({
      packageId: p.id,
      title: detail.get(p.id)!.title,
      opd: p.opd,
      method: p.method,
      status: detail.get(p.id)!.status,
      flags: p.flags,
    })),
    pagination: { page: f.page, pageSize: f.pageSize, total: listed.length },
  };
}

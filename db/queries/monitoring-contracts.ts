/**
 * Kontrak (issue 12 point 3): every running contract (E-Kontrak child still active) of a fiscal year, optionally one
 * OPD, with planned against actual progress and its kontrak-kritis judgement (domain/contract/critical.ts, SSUK),
 * critical contracts first (then the largest lag), each with its S-curve points and the ids that open its tab.
 *
 * The judgement needs every contract's S-curve, so the year's running contracts are read in one grouped query (their
 * periods aggregated per contract) and judged in memory; titles and stage names are read for the page only.
 */
import type { Knex } from 'knex';
import { CRITICAL_RULES, type Criticality, criticalityOf, criticalityText, fiscalYearEndWib, type ProgressPoint } from '../../domain/contract/critical';
import type { ContractsRow } from '../tables';

/** A running contract as judgeAll reads it, its periods aggregated: [period, end 'YYYY-MM-DD', planned %, actual %] each. */
interface RunningContractRow extends Pick<
  ContractsRow,
  'package_id' | 'parent_package_id' | 'opd' | 'kind' | 'number' | 'status' | 'stage_id' | 'value' | 'paid' | 'physical_progress' | 'fiscal_year'
> {
  points: [number, string | null, string | number, string | number | null][];
}

export interface ContractFilter {
  fiscalYear: number;
  opd?: string;
  /** true: only critical; false: only not critical. */
  critical?: boolean;
}

/** The contract status while it runs (its end events set selesai, diputus, batal…). */
const RUNNING = 'active';
const DAY_MS = 86_400_000;
const WIB_MS = 7 * 3_600_000;

interface SPoint {
  period: number;
  periodEnd: string | null;
  plannedPct: number;
  actualPct: number | null;
}

interface Judged {
  row: RunningContractRow;
  sCurve: SPoint[];
  criticality: Criticality;
}

/**
 * A period's stored end date read as the end of that WIB day (the read model keeps the nominal period end as a date;
 * the judgement's "past the fiscal year" check is at day precision anyway).
 */
const endOfWibDay = (date: string) => Date.parse(`${date}T00:00:00Z`) + DAY_MS - WIB_MS;

async function judgeAll(db: Knex, f: ContractFilter): Promise<Judged[]> {
  const q = db('contracts as c')
    .leftJoin('contract_periods as cp', 'cp.package_id', 'c.package_id')
    .where('c.fiscal_year', f.fiscalYear)
    .where('c.status', RUNNING)
    .groupBy('c.package_id')
    .select<RunningContractRow[]>(
      'c.package_id',
      'c.parent_package_id',
      'c.opd',
      'c.kind',
      'c.number',
      'c.status',
      'c.stage_id',
      'c.value',
      'c.paid',
      'c.physical_progress',
      'c.fiscal_year',
      db.raw(
        `coalesce(json_agg(json_build_array(cp.period, to_char(cp.period_end, 'YYYY-MM-DD'), cp.planned_pct, cp.actual_pct) order by cp.period)
           filter (where cp.period is not null), '[]') as points`,
      ),
    );
  if (f.opd) q.where('c.opd', f.opd);
  const rows = await q;
  return rows.map((row) => {
    const sCurve: SPoint[] = row.points.map(([period, end, planned, actual]) => ({
      period,
      periodEnd: end,
      plannedPct: Number(planned),
      actualPct: actual === null ? null : Number(actual),
    }));
    const points: ProgressPoint[] = sCurve.map((p) => ({
      period: p.period,
      plannedPct: p.plannedPct,
      ...(p.periodEnd ? { periodEnd: endOfWibDay(p.periodEnd) } : {}),
      ...(p.actualPct !== null ? { actualPct: p.actualPct } : {}),
    }));
    // Ends only count when every period has one (the projection interpolates between them).
    const judged = points.every((p) => p.periodEnd !== undefined) ? points : points.map(({ periodEnd: _e, ...p }) => p);
    return { row, sCurve, criticality: criticalityOf(judged, fiscalYearEndWib(Number(row.fiscal_year))) };
  });
}

const order = (a: Judged, b: Judged) =>
  Number(b.criticality.critical) - Number(a.criticality.critical) ||
  (b.criticality.lagPct ?? -1) - (a.criticality.lagPct ?? -1) ||
  (a.row.package_id < b.row.package_id ? -1 : a.row.package_id > b.row.package_id ? 1 : 0);

async function present(db: Knex, list: Judged[]) {
  if (!list.length) return [];
  const ids = [...new Set(list.flatMap((j) => [j.row.package_id, j.row.parent_package_id]))];
  const names = await db('packages').whereIn('id', ids).select('id', 'title', 'stage_name');
  const of = new Map(names.map((n) => [n.id, n]));
  return list.map(({ row, sCurve, criticality: c }) => ({
    contractPackageId: row.package_id,
    packageId: row.parent_package_id,
    title: of.get(row.parent_package_id)?.title ?? '',
    opd: row.opd,
    kind: row.kind,
    number: row.number ?? null,
    status: row.status,
    stageId: row.stage_id,
    stageName: of.get(row.package_id)?.stage_name ?? row.stage_id,
    value: Number(row.value),
    paid: Number(row.paid),
    physicalProgress: Number(row.physical_progress),
    plannedPct: c.plannedPct ?? null,
    actualPct: c.actualPct ?? null,
    criticality: {
      critical: c.critical,
      reason: c.reason ?? null,
      text: criticalityText(c),
      lagPct: c.lagPct ?? null,
      period: c.period ?? null,
      projectedFinish: c.projectedFinish !== undefined ? new Date(c.projectedFinish).toISOString() : null,
    },
    sCurve,
    links: { contract: `/paket/${row.parent_package_id}/kontrak` },
  }));
}

export type MonitoredContract = Awaited<ReturnType<typeof present>>[number];

export const RULES = {
  periodOneUntilPct: CRITICAL_RULES.periodOneUntilBp / 100,
  periodOneMaxLagPct: CRITICAL_RULES.periodOneMaxLagBp / 100,
  periodTwoMaxLagPct: CRITICAL_RULES.periodTwoMaxLagBp / 100,
  source: CRITICAL_RULES.source,
};

async function sorted(db: Knex, f: ContractFilter) {
  const all = await judgeAll(db, f);
  const listed = all.filter((j) => f.critical === undefined || j.criticality.critical === f.critical).sort(order);
  return { all, listed };
}

export async function monitoredContracts(db: Knex, f: ContractFilter, page: number, pageSize: number) {
  const { all, listed } = await sorted(db, f);
  return {
    fiscalYear: f.fiscalYear,
    opd: f.opd ?? null,
    critical: f.critical ?? null,
    rules: RULES,
    counts: { running: all.length, critical: all.filter((j) => j.criticality.critical).length },
    data: await present(db, listed.slice((page - 1) * pageSize, page * pageSize)),
    pagination: { page, pageSize, total: listed.length },
  };
}

/** Every contract of the filter in the same order, a batch at a time (exports). */
export async function* monitoredContractsAll(db: Knex, f: ContractFilter, batch = 1000): AsyncGenerator<MonitoredContract> {
  const { listed } = await sorted(db, f);
  for (let i = 0; i < listed.length; i += batch) yield* await present(db, listed.slice(i, i + batch));
}

/**
 * Red flags for the monitoring page (issue 12 point 4): the year's report (db/queries/red-flags.ts) with, for each
 * flagged package, the console links (package page, contract tab) and, for each flag, what triggered it: the stage of
 * the package (bid window, opening, evaluation), its contract (addenda, lateness), or the figures in `numbers`
 * (winning price against the HPS; the winner's record in the OPD, with the list of that OPD's packages).
 */
import type { Knex } from 'knex';
import type { FlagCode, RedFlag } from '../../domain/monitoring/red-flags';
import { LATE_STAGES } from '../../domain/monitoring/thresholds';
import { METHOD_CODES, PROFILES, profileOf } from '../../workflows/definitions/profiles';
import type { PackageListFilter } from './monitoring-year';
import { type Clock, type RedFlagFilter, type RedFlagReport, redFlagReport } from './red-flags';

/** Every stage a trigger can name: each method's opening, evaluation and bid window stages (its profile). */
const TRIGGER_STAGES: readonly string[] = [
  ...new Set(
    METHOD_CODES.flatMap((m) => {
      const p = PROFILES[m];
      return [...(p.opening ? [p.opening.stage] : []), ...p.evaluationStages, ...(p.bidWindow ? [p.bidWindow.stageId] : [])];
    }),
  ),
];

export interface Trigger {
  kind: 'stage' | 'contract' | 'figures';
  stageId: string | null;
  stageName: string | null;
  contractPackageId: string | null;
  filter: PackageListFilter | null;
}

async function context(db: Knex, packageIds: string[]) {
  if (!packageIds.length) return { stageOf: () => undefined, contractOf: () => undefined };
  const contracts = await db('contracts').whereIn('parent_package_id', packageIds).orderBy('package_id').select('package_id', 'parent_package_id');
  const contractIds = contracts.map((c) => c.package_id);
  const stages = await db('package_stages')
    .whereIn('package_id', [...packageIds, ...contractIds])
    .whereIn('stage_id', [...TRIGGER_STAGES, ...LATE_STAGES])
    .orderBy(['package_id', 'entered_seq'])
    .select('package_id', 'stage_id', 'stage_name');
  const byPackage = new Map<string, typeof stages>();
  for (const s of stages) byPackage.set(s.package_id, [...(byPackage.get(s.package_id) ?? []), s]);
  const contractByParent = new Map<string, string>();
  for (const c of contracts) contractByParent.set(c.parent_package_id, c.package_id); // the latest contract id wins
  return {
    /** The first stage of `ids` (in that order of preference) the package went through. */
    stageOf: (packageId: string, ids: readonly string[]) => {
      const seen = byPackage.get(packageId) ?? [];
      for (const id of ids) {
        const s = seen.find((x) => x.stage_id === id);
        if (s) return { stageId: s.stage_id, stageName: s.stage_name };
      }
      return undefined;
    },
    contractOf: (packageId: string) => contractByParent.get(packageId),
  };
}

function triggerOf(
  flag: RedFlag,
  p: { packageId: string; opd: string; method: string },
  fiscalYear: number,
  ctx: Awaited<ReturnType<typeof context>>,
): Trigger {
  const none: Trigger = { kind: 'figures', stageId: null, stageName: null, contractPackageId: null, filter: null };
  const stage = (ids: string[]): Trigger => {
    const s = ctx.stageOf(p.packageId, ids);
    return s ? { ...none, kind: 'stage', ...s } : none;
  };
  const code: FlagCode = flag.code;
  // The flagged package's method: where its bids are opened and fail the evaluation (an unknown method throws).
  const profile = profileOf(p.method);
  const opening = profile.opening ? [profile.opening.stage] : [];
  switch (code) {
    case 'short_bid_window':
      return profile.bidWindow ? stage([profile.bidWindow.stageId]) : none;
    case 'single_bidder':
      return stage(opening);
    case 'many_disqualified':
      return stage([...profile.evaluationStages, ...opening]);
    case 'price_near_hps':
      return none;
    case 'repeat_winner':
      return { ...none, filter: { fiscalYear, opd: p.opd } };
    case 'contract_value_increase':
    case 'late_contract': {
      const contractPackageId = ctx.contractOf(p.packageId) ?? null;
      const late = code === 'late_contract' && contractPackageId ? ctx.stageOf(contractPackageId, LATE_STAGES) : undefined;
      return { ...none, kind: 'contract', contractPackageId, ...(late ?? {}) };
    }
  }
}

/** The report's page with links and triggers, and each OPD's row with the list of its packages. */
export async function monitoringRedFlags(db: Knex, f: RedFlagFilter, clock: Partial<Clock>, maxAgeMs: number) {
  const report: RedFlagReport = await redFlagReport(db, f, 'officer', clock, maxAgeMs);
  const ctx = await context(
    db,
    report.data.map((d) => d.packageId),
  );
  return {
    ...report,
    byOpd: report.byOpd.map((o) => ({ ...o, filter: { fiscalYear: f.fiscalYear, opd: o.opd } })),
    data: report.data.map((d) => {
      const contract = ctx.contractOf(d.packageId);
      return {
        ...d,
        flags: d.flags.map((flag) => ({ ...flag, trigger: triggerOf(flag, d, f.fiscalYear, ctx) })),
        links: { package: `/paket/${d.packageId}`, contract: contract ? `/paket/${d.packageId}/kontrak` : null },
      };
    }),
  };
}

export type MonitoredFlagRow = Awaited<ReturnType<typeof monitoringRedFlags>>['data'][number];

/** Every flagged package of the filter, in the report's order, a page of `batch` at a time (exports). */
export async function* monitoringRedFlagsAll(db: Knex, f: Omit<RedFlagFilter, 'page' | 'pageSize'>, clock: Partial<Clock>, maxAgeMs: number, batch = 1000) {
  for (let page = 1; ; page++) {
    const r = await monitoringRedFlags(db, { ...f, page, pageSize: batch }, clock, maxAgeMs);
    yield* r.data;
    if (page * batch >= r.pagination.total) return;
  }
}

/**
 * Monitoring over the read model (issue 7 §1, issue 12): counts and values by OPD, method, stage and status for a
 * fiscal year (a failed package and its re-tender counted once: domain/monitoring/budget-lines.ts);
 * overdue tasks; packages per stage with their time in stage; budget absorption per OPD and overall; physical
 * progress with S-curve points per contract. Procurement packages only (contracts are counted as contracts).
 * Money stays integer rupiah (bigint sums come back as strings from pg and are converted exactly).
 */
import type { Knex } from 'knex';
import { packageGroups as yearPackageGroups, yearSummary } from './monitoring-year';

const money = (v: unknown) => Number(v ?? 0);

export type Grouping = 'opd' | 'method' | 'stage' | 'status';
const COLUMN: Record<Grouping, 'opd' | 'method' | 'stage_id' | 'status'> = { opd: 'opd', method: 'method', stage: 'stage_id', status: 'status' };

/**
 * Counts and values of the year's packages by OPD, method, stage and status, a failed package and its re-tender
 * counted once (at the newest package of the chain): folded from the year summary's one grouping
 * (db/queries/monitoring-year.ts), so both pages show the same numbers.
 */
export async function packageSummary(db: Knex, fiscalYear: number) {
  const groups = (await yearPackageGroups(db, { fiscalYear })).filter((g) => !g.superseded);
  const by = (g: Grouping) => {
    const out = new Map<string, { key: string; count: number; pagu: number; hps: number }>();
    for (const r of groups) {
      const key = r[COLUMN[g]];
      const e = out.get(key) ?? { key, count: 0, pagu: 0, hps: 0 };
      e.count += Number(r.count);
      e.pagu += money(r.pagu);
      e.hps += money(r.hps);
      out.set(key, e);
    }
    return [...out.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  };
  return { fiscalYear, byOpd: by('opd'), byMethod: by('method'), byStage: by('stage'), byStatus: by('status') };
}

export async function packagesInStage(db: Knex, fiscalYear: number, stage: string, now: Date, page: number, pageSize: number) {
  const base = db('packages').whereNull('parent_package_id').where({ fiscal_year: fiscalYear, stage_id: stage });
  const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: string }];
  const rows = await base
    .clone()
    .select('id', 'title', 'opd', 'method', 'status', 'stage_name', 'stage_entered_at', 'stage_closes_at')
    .orderBy('stage_entered_at')
    .orderBy('id')
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    data: rows.map((r) => ({
      packageId: r.id,
      title: r.title,
      opd: r.opd,
      method: r.method,
      status: r.status,
      stageName: r.stage_name,
      enteredAt: r.stage_entered_at?.toISOString() ?? null,
      hoursInStage: r.stage_entered_at ? Math.floor((now.getTime() - r.stage_entered_at.getTime()) / 3_600_000) : null,
      closesAt: r.stage_closes_at?.toISOString() ?? null,
    })),
    pagination: { page, pageSize, total: Number(count) },
  };
}

/**
 * Pagu of the year's budget lines against what is contracted (signed) and paid, per OPD and overall: the same figures
 * as the year summary's absorption (db/queries/monitoring-year.ts, domain/monitoring/budget-lines.ts), so the two
 * pages never disagree.
 */
export async function absorption(db: Knex, fiscalYear: number) {
  const y = await yearSummary(db, { fiscalYear });
  const rows = y.absorptionByOpd.map((r) => ({
    opd: r.opd,
    pagu: r.pagu,
    contracted: r.contracted,
    paid: r.paid,
    contracts: r.contracts,
    absorption: r.absorption,
  }));
  const t = y.totals;
  return {
    fiscalYear,
    byOpd: rows,
    total: { pagu: t.budgetPagu, contracted: t.contracted, paid: t.paid, contracts: t.contracts, absorption: t.absorption },
  };
}

/** Contracts with physical progress and their S-curve points (planned against actual per period). */
export async function progress(db: Knex, fiscalYear: number, opd: string | undefined, page: number, pageSize: number) {
  const base = db('contracts').where({ fiscal_year: fiscalYear });
  if (opd) base.where({ opd });
  const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: string }];
  const rows = await base
    .clone()
    .orderBy('package_id')
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const points = rows.length
    ? await db('contract_periods')
        .whereIn(
          'package_id',
          rows.map((r) => r.package_id),
        )
        .orderBy(['package_id', 'period'])
    : [];
  return {
    data: rows.map((r) => ({
      contractPackageId: r.package_id,
      packageId: r.parent_package_id,
      opd: r.opd,
      kind: r.kind,
      status: r.status,
      value: money(r.value),
      paid: money(r.paid),
      physicalProgress: Number(r.physical_progress),
      sCurve: points
        .filter((p) => p.package_id === r.package_id)
        .map((p) => ({ period: p.period, plannedPct: Number(p.planned_pct), actualPct: p.actual_pct === null ? null : Number(p.actual_pct) })),
    })),
    pagination: { page, pageSize, total: Number(count) },
  };
}

/**
 * Monitoring over the read model (issue 7 §1): counts and values by OPD, method, stage and status for a fiscal year;
 * overdue tasks; packages per stage with their time in stage; budget absorption per OPD and overall; physical
 * progress with S-curve points per contract. Procurement packages only (contracts are counted as contracts).
 * Money stays integer rupiah (bigint sums come back as strings from pg and are converted exactly).
 */
import type { Knex } from 'knex';

const money = (v: unknown) => Number(v ?? 0);
const ratio = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 10_000) / whole) / 10_000 : 0);

export type Grouping = 'opd' | 'method' | 'stage' | 'status';
const COLUMN: Record<Grouping, string> = { opd: 'opd', method: 'method', stage: 'stage_id', status: 'status' };

export async function packageGroups(db: Knex, fiscalYear: number, by: Grouping) {
  const col = COLUMN[by];
  const rows: Record<string, any>[] = await db('packages')
    .whereNull('parent_package_id')
    .where({ fiscal_year: fiscalYear })
    .groupBy(col)
    .select({ key: col })
    .count({ count: '*' })
    .sum({ pagu: 'pagu', hps: 'hps' })
    .orderBy(col);
  return rows.map((r) => ({ key: r.key as string, count: Number(r.count), pagu: money(r.pagu), hps: money(r.hps) }));
}

export async function overdueTasks(db: Knex, fiscalYear: number, now: Date, page: number, pageSize: number) {
  // The task carries its package's fiscal year (index status, fiscal_year, due_at): count and page without a join.
  const base = db('package_tasks as t').where('t.status', 'open').where('t.fiscal_year', fiscalYear).where('t.due_at', '<', now);
  const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: string }];
  const rows = await base
    .clone()
    .join('packages as p', 'p.id', 't.package_id')
    .select('t.package_id', 't.action', 't.name', 't.roles', 't.assignees', 't.due_at', 'p.title', 'p.opd', 'p.stage_name')
    .orderBy('t.due_at')
    .orderBy('t.package_id')
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    data: rows.map((r) => ({
      packageId: r.package_id,
      title: r.title,
      opd: r.opd,
      stageName: r.stage_name,
      action: r.action,
      name: r.name,
      roles: r.roles,
      assignees: r.assignees,
      dueAt: r.due_at.toISOString(),
      overdueHours: Math.floor((now.getTime() - r.due_at.getTime()) / 3_600_000),
    })),
    pagination: { page, pageSize, total: Number(count) },
  };
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

/** Pagu of the year's packages against what is contracted and paid, per OPD and overall. */
export async function absorption(db: Knex, fiscalYear: number) {
  const [pagu, contracts] = (await Promise.all([
    db('packages').whereNull('parent_package_id').where({ fiscal_year: fiscalYear }).groupBy('opd').select('opd').sum({ pagu: 'pagu' }),
    db('contracts').where({ fiscal_year: fiscalYear }).groupBy('opd').select('opd').sum({ contracted: 'value', paid: 'paid' }).count({ contracts: '*' }),
  ])) as [Record<string, any>[], Record<string, any>[]];
  const byOpd = new Map<string, { pagu: number; contracted: number; paid: number; contracts: number }>();
  for (const r of pagu) byOpd.set(r.opd as string, { pagu: money(r.pagu), contracted: 0, paid: 0, contracts: 0 });
  for (const r of contracts) {
    const e = byOpd.get(r.opd as string) ?? { pagu: 0, contracted: 0, paid: 0, contracts: 0 };
    e.contracted = money(r.contracted);
    e.paid = money(r.paid);
    e.contracts = Number(r.contracts);
    byOpd.set(r.opd as string, e);
  }
  const rows = [...byOpd.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([opd, e]) => ({ opd, ...e, absorption: { ofPagu: ratio(e.paid, e.pagu), ofContracted: ratio(e.paid, e.contracted) } }));
  const total = rows.reduce((t, r) => ({ pagu: t.pagu + r.pagu, contracted: t.contracted + r.contracted, paid: t.paid + r.paid, contracts: t.contracts + r.contracts }), {
    pagu: 0,
    contracted: 0,
    paid: 0,
    contracts: 0,
  });
  return { fiscalYear, byOpd: rows, total: { ...total, absorption: { ofPagu: ratio(total.paid, total.pagu), ofContracted: ratio(total.paid, total.contracted) } } };
}

/** Contracts with physical progress and their S-curve points (planned against actual per period). */
export async function progress(db: Knex, fiscalYear: number, opd: string | undefined, page: number, pageSize: number) {
  const base = db('contracts').where({ fiscal_year: fiscalYear });
  if (opd) base.where({ opd });
  const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: string }];
  const rows = await base.clone().orderBy('package_id').limit(pageSize).offset((page - 1) * pageSize);
  const points = rows.length
    ? await db('contract_periods').whereIn('package_id', rows.map((r) => r.package_id)).orderBy(['package_id', 'period'])
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

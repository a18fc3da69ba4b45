/**
 * Ringkasan tahun anggaran (issue 12 point 1): a fiscal year's packages by OPD × method, stage and status, and pagu
 * against contracted and paid value per OPD and per WIB month — each figure with the package-list filter that lists
 * exactly the packages behind it (PackageListFilter in api/openapi/paths/dashboard.ts).
 *
 * Counting (domain/monitoring/budget-lines.ts): a chain of a failed package and its follow-ups counts once, at its
 * newest package; absorption counts budget lines (newest of chain, not cancelled); contracted = signed contracts by
 * the month of the signature; paid = net payments by the month of payment.
 *
 * Three queries whatever the size of the year, each over a covering index (migration 20261212000101): one grouping
 * of the year's procurement packages (everything about packages is folded from it in memory: a year has at most a few
 * thousand OPD × method × stage × status groups), contracts per OPD and month of signature, payments per month.
 */
import type { Knex } from 'knex';
import { fiscalMonths } from '../../domain/monitoring/budget-lines';
import { CANCELLED_STATUSES } from './monitoring-budget';

const money = (v: unknown) => Number(v ?? 0);
export const ratio = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 10_000) / whole) / 10_000 : 0);

export interface YearFilter {
  fiscalYear: number;
  opd?: string;
}

/** Query of GET /api/packages behind a figure. */
export interface PackageListFilter {
  fiscalYear: number;
  opd?: string;
  method?: string;
  stage?: string;
  status?: string;
  superseded?: 'true' | 'false';
  budgetLine?: 'true';
  contractMonth?: string;
  paidMonth?: string;
}

interface Counted {
  count: number;
  pagu: number;
  hps: number;
}
const zero = (): Counted => ({ count: 0, pagu: 0, hps: 0 });
const add = (c: Counted, r: Counted) => {
  c.count += r.count;
  c.pagu += r.pagu;
  c.hps += r.hps;
};
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The id of a procurement package that some follow-up supersedes (hashed once per query, not probed per row). */
const SUPERSEDED_IN = `(select previous_package_id from packages where previous_package_id is not null)`;

const GROUP_COLUMNS = ['p.opd', 'p.method', 'p.stage_id', 'p.status'];
const groupSums = (db: Knex) => [
  ...GROUP_COLUMNS,
  db.raw(`min(p.stage_name) as stage_name`),
  db.raw('count(*)::int as count'),
  db.raw('coalesce(sum(p.pagu), 0) as pagu'),
  db.raw('coalesce(sum(p.hps), 0) as hps'),
];

/** A group of packageGroups as the query answers it: the sums are numeric, i.e. text from pg. */
interface PackageGroupRow {
  opd: string;
  method: string;
  stage_id: string;
  status: string;
  stage_name: string;
  count: number;
  pagu: string | number;
  hps: string | number;
}
/** A group marked superseded or not; a group with superseded packages subtracted holds number sums. */
export interface PackageGroup extends PackageGroupRow {
  superseded: boolean;
}

/** Signed contracts (month null: not signed yet) per OPD and WIB month of signature; sums are numeric text. */
interface ContractMonthRow {
  opd: string;
  month: string | null;
  contracts: number;
  contracted: string;
  paid: string;
}

/** Payments per WIB month of payment. */
interface PaymentMonthRow {
  month: string;
  payments: number;
  paid: string;
}

/**
 * One row per (OPD, method, stage, status) of the year's procurement packages, each marked `superseded` or not. Two
 * index-only reads: every package of the year (packages_monitoring_year), and the superseded ones among them, found
 * from the few follow-ups (packages_previous_package); the second is subtracted from the first. Asking "superseded?"
 * of every package instead costs several times more.
 */
export async function packageGroups(db: Knex, f: YearFilter): Promise<PackageGroup[]> {
  const year = () => {
    const q = db('packages as p')
      .whereNull('p.parent_package_id')
      .where('p.fiscal_year', f.fiscalYear)
      .select<PackageGroupRow[]>(groupSums(db))
      .groupByRaw('1, 2, 3, 4');
    if (f.opd) q.where('p.opd', f.opd);
    return q;
  };
  const [all, superseded] = await Promise.all([year(), year().whereRaw(`p.id in ${SUPERSEDED_IN}`)]);
  const key = (r: PackageGroupRow) => `${r.opd}\u0000${r.method}\u0000${r.stage_id}\u0000${r.status}`;
  const gone = new Map(superseded.map((r) => [key(r), r]));
  return [
    ...all.flatMap((r) => {
      const s = gone.get(key(r));
      if (!s) return [{ ...r, superseded: false }];
      const left = { ...r, superseded: false, count: r.count - s.count, pagu: money(r.pagu) - money(s.pagu), hps: money(r.hps) - money(s.hps) };
      return left.count > 0 ? [left] : [];
    }),
    ...superseded.map((r) => ({ ...r, superseded: true })),
  ];
}

/** Contracts of the year's budget lines: their parent package is the newest of its chain and not cancelled. */
function budgetContracts(db: Knex, f: YearFilter) {
  // Both checks are asked of the year's contracts (an anti-join with the year's cancelled packages, the few
  // superseded ones hashed), never by joining every package of the year.
  const q = db('contracts as c')
    .where('c.fiscal_year', f.fiscalYear)
    .whereNotExists(
      db('packages as p')
        .select(db.raw('1'))
        .whereRaw('p.id = c.parent_package_id')
        .where('p.fiscal_year', f.fiscalYear)
        .whereNull('p.parent_package_id')
        .whereIn('p.status', CANCELLED_STATUSES as string[]),
    )
    .whereRaw(`c.parent_package_id not in ${SUPERSEDED_IN}`);
  if (f.opd) q.where('c.opd', f.opd);
  return q;
}

/**
 * Per OPD and month of signature (null: not signed yet): contracts, contracted value, paid value. The signature is
 * `contracts.signed_at` (the first `signed` milestone event, kept by the triggers of migration 20261212000101).
 */
async function contractsByOpdAndMonth(db: Knex, f: YearFilter): Promise<ContractMonthRow[]> {
  return budgetContracts(db, f)
    .select<ContractMonthRow[]>(
      'c.opd',
      db.raw(`to_char(c.signed_at at time zone 'Asia/Jakarta', 'YYYY-MM') as month`),
      db.raw('count(*)::int as contracts'),
      db.raw('coalesce(sum(c.value), 0) as contracted'),
      db.raw('coalesce(sum(c.paid), 0) as paid'),
    )
    .groupByRaw('1, 2');
}

async function paidByMonth(db: Knex, f: YearFilter): Promise<PaymentMonthRow[]> {
  return budgetContracts(db, f)
    .join('contract_payments as cp', 'cp.package_id', 'c.package_id')
    .select<PaymentMonthRow[]>(
      db.raw(`to_char(cp.paid_at at time zone 'Asia/Jakarta', 'YYYY-MM') as month`),
      db.raw('count(*)::int as payments'),
      db.raw('coalesce(sum(cp.net), 0) as paid'),
    )
    .groupByRaw('1');
}

export const BASIS = {
  packages:
    'Paket pemilihan tahun anggaran ini; paket gagal yang dilanjutkan paket baru (tender ulang, penunjukan langsung) dihitung sekali, pada paket terbarunya.',
  budgetLine: 'Baris anggaran: paket terbaru tiap rantai tender ulang, tanpa paket yang dibatalkan (pagu batal tidak diserap).',
  contracted:
    'Nilai kontrak (setelah adendum) yang sudah ditandatangani kedua pihak, menurut bulan (WIB) tanda tangan terakhir; rancangan yang belum ditandatangani tidak dihitung.',
  paid: 'Pembayaran neto (setelah potongan uang muka, retensi, denda) menurut bulan (WIB) pembayaran.',
} as const;

export async function yearSummary(db: Knex, f: YearFilter) {
  const [groups, contractGroups, payments] = await Promise.all([packageGroups(db, f), contractsByOpdAndMonth(db, f), paidByMonth(db, f)]);
  const base: PackageListFilter = { fiscalYear: f.fiscalYear, ...(f.opd ? { opd: f.opd } : {}) };
  const current: PackageListFilter = { ...base, superseded: 'false' };

  const opdMethod = new Map<string, Counted & { opd: string; method: string }>();
  const stage = new Map<string, Counted & { stageName: string }>();
  const status = new Map<string, Counted>();
  const lines = new Map<string, { budgetLines: number; pagu: number }>();
  const totals = { ...zero(), superseded: 0, cancelled: 0, budgetLines: 0, budgetPagu: 0 };
  for (const g of groups) {
    const c: Counted = { count: Number(g.count), pagu: money(g.pagu), hps: money(g.hps) };
    if (g.superseded) {
      totals.superseded += c.count;
      continue;
    }
    add(totals, c);
    const om = `${g.opd}\u0000${g.method}`;
    if (!opdMethod.has(om)) opdMethod.set(om, { opd: g.opd, method: g.method, ...zero() });
    add(opdMethod.get(om)!, c);
    if (!stage.has(g.stage_id)) stage.set(g.stage_id, { stageName: g.stage_name, ...zero() });
    add(stage.get(g.stage_id)!, c);
    if (!status.has(g.status)) status.set(g.status, zero());
    add(status.get(g.status)!, c);
    if (CANCELLED_STATUSES.includes(g.status)) {
      totals.cancelled += c.count;
      continue;
    }
    const l = lines.get(g.opd) ?? { budgetLines: 0, pagu: 0 };
    l.budgetLines += c.count;
    l.pagu += c.pagu;
    lines.set(g.opd, l);
    totals.budgetLines += c.count;
    totals.budgetPagu += c.pagu;
  }

  // Contracted counts signed contracts only; paid counts every contract's payments (only signed ones are paid).
  const contractOf = new Map<string, { contracts: number; contracted: number; paid: number }>();
  const signedOf = new Map<string, { contracts: number; contracted: number }>();
  for (const r of contractGroups) {
    const c = contractOf.get(r.opd) ?? { contracts: 0, contracted: 0, paid: 0 };
    c.paid += money(r.paid);
    if (r.month !== null) {
      c.contracts += Number(r.contracts);
      c.contracted += money(r.contracted);
      const m = signedOf.get(r.month) ?? { contracts: 0, contracted: 0 };
      m.contracts += Number(r.contracts);
      m.contracted += money(r.contracted);
      signedOf.set(r.month, m);
    }
    contractOf.set(r.opd, c);
  }
  const absorptionByOpd = [...new Set([...lines.keys(), ...contractOf.keys()])].sort(byKey).map((opd) => {
    const l = lines.get(opd) ?? { budgetLines: 0, pagu: 0 };
    const c = contractOf.get(opd) ?? { contracts: 0, contracted: 0, paid: 0 };
    return {
      opd,
      budgetLines: l.budgetLines,
      pagu: l.pagu,
      contracted: c.contracted,
      contracts: c.contracts,
      paid: c.paid,
      absorption: { ofPagu: ratio(c.paid, l.pagu), ofContracted: ratio(c.paid, c.contracted) },
      filter: { fiscalYear: f.fiscalYear, opd, budgetLine: 'true' },
    };
  });
  const contracted = absorptionByOpd.reduce((s, r) => s + r.contracted, 0);
  const contractCount = absorptionByOpd.reduce((s, r) => s + r.contracts, 0);
  const paid = absorptionByOpd.reduce((s, r) => s + r.paid, 0);

  const paidOf = new Map(payments.map((r) => [r.month, r]));
  const months = [...new Set([...fiscalMonths(f.fiscalYear), ...signedOf.keys(), ...paidOf.keys()])].sort(byKey);
  let cumulativeContracted = 0;
  let cumulativePaid = 0;
  const byMonth = months.map((month) => {
    const s = signedOf.get(month);
    const p = paidOf.get(month);
    cumulativeContracted += money(s?.contracted);
    cumulativePaid += money(p?.paid);
    return {
      month,
      contracted: money(s?.contracted),
      contracts: Number(s?.contracts ?? 0),
      paid: money(p?.paid),
      payments: Number(p?.payments ?? 0),
      cumulativeContracted,
      cumulativePaid,
      contractedFilter: { ...base, budgetLine: 'true', contractMonth: month },
      paidFilter: { ...base, budgetLine: 'true', paidMonth: month },
    };
  });

  return {
    fiscalYear: f.fiscalYear,
    opd: f.opd ?? null,
    basis: { ...BASIS },
    totals: {
      packages: totals.count,
      pagu: totals.pagu,
      hps: totals.hps,
      superseded: totals.superseded,
      cancelled: totals.cancelled,
      budgetLines: totals.budgetLines,
      budgetPagu: totals.budgetPagu,
      contracted,
      contracts: contractCount,
      paid,
      absorption: { ofPagu: ratio(paid, totals.budgetPagu), ofContracted: ratio(paid, contracted) },
      filter: current,
      supersededFilter: { ...base, superseded: 'true' } as PackageListFilter,
      budgetLineFilter: { ...base, budgetLine: 'true' } as PackageListFilter,
    },
    byOpdMethod: [...opdMethod.values()]
      .sort((a, b) => byKey(a.opd, b.opd) || byKey(a.method, b.method))
      .map((r) => ({ ...r, filter: { ...current, opd: r.opd, method: r.method } })),
    byStage: [...stage.entries()].sort(([a], [b]) => byKey(a, b)).map(([stageId, r]) => ({ stageId, ...r, filter: { ...current, stage: stageId } })),
    byStatus: [...status.entries()].sort(([a], [b]) => byKey(a, b)).map(([s, r]) => ({ status: s, ...r, filter: { ...current, status: s } })),
    absorptionByOpd,
    byMonth,
  };
}

export type YearSummary = Awaited<ReturnType<typeof yearSummary>>;

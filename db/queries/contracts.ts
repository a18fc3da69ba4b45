/** Read-model queries for E-Kontrak: the contract of a package, its S-curve and its payments. */
import type { Knex } from 'knex';
import type { ContractsRow } from '../tables';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The contract package of an awarding package, or the package itself when it is a contract. */
export async function findContractRow(db: Knex, packageId: string) {
  const own = await db('contracts').where({ package_id: packageId }).first();
  if (own) return own;
  return db('contracts').where({ parent_package_id: packageId }).orderBy('updated_at', 'desc').first();
}

/** The contract child package of a package (from the read model), before any figures exist. */
export async function findContractPackageId(db: Knex, packageId: string): Promise<string | undefined> {
  const row = await findContractRow(db, packageId);
  if (row) return row.package_id;
  const child = await db('packages').where({ parent_package_id: packageId }).orderBy('created_at', 'desc').first('id');
  return child?.id;
}

export function contractSummaryOf(r: ContractsRow) {
  return {
    packageId: r.package_id,
    parentPackageId: r.parent_package_id,
    kind: r.kind,
    number: r.number,
    vendorId: r.provider_id,
    category: r.category,
    opd: r.opd,
    fiscalYear: r.fiscal_year,
    status: r.status,
    stageId: r.stage_id,
    // bigint columns arrive as strings from pg; rupiah stays an integer
    originalValue: Number(r.original_value),
    value: Number(r.value),
    pagu: Number(r.pagu),
    paid: Number(r.paid),
    retentionHeld: Number(r.retention_held),
    penalty: Number(r.penalty),
    physicalProgress: num(r.physical_progress),
    absorption: { ofContract: num(r.absorption_contract), ofPagu: num(r.absorption_pagu) },
    updatedAt: iso(r.updated_at),
  };
}

export async function contractPeriods(db: Knex, packageId: string) {
  const rows = await db('contract_periods').where({ package_id: packageId }).orderBy('period');
  return rows.map((p) => ({
    period: p.period,
    periodEnd: p.period_end ? String(p.period_end instanceof Date ? p.period_end.toISOString().slice(0, 10) : p.period_end) : null,
    plannedPct: Number(p.planned_pct),
    actualPct: num(p.actual_pct),
  }));
}

export async function contractPayments(db: Knex, packageId: string) {
  const rows = await db('contract_payments').where({ package_id: packageId }).orderBy('paid_at').orderBy('payment_id');
  return rows.map((p) => ({
    id: p.payment_id,
    kind: p.kind,
    gross: Number(p.gross),
    advanceRepayment: Number(p.advance_repayment),
    retention: Number(p.retention),
    penalty: Number(p.penalty),
    net: Number(p.net),
    paidAt: iso(p.paid_at),
  }));
}

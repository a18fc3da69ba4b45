/**
 * The E-Kontrak part of the read model: a contract package's figures, S-curve points and payments, written in the
 * read-model transaction after a newer view (so retries and late batches never regress or duplicate anything).
 */
import type { Knex } from 'knex';
import { insertContractPayments, replaceContractPeriods, upsertContract } from '../db/queries/contract-figures';
import { contractFigures } from '../domain/contract/figures';
import { contractView } from '../domain/contract/ledger';
import type { PackageView } from '../domain/process/engine';
import { vendorIdOf } from '../domain/vendor-id';

export async function writeContractFigures(trx: Knex.Transaction, view: PackageView): Promise<void> {
  const basis = view.facts.contractBasis;
  const v = contractView(view.data);
  if (!basis || !v.contract) return;
  const startDate = (view.data.spmk as { startDate?: string } | undefined)?.startDate;
  const start = startDate ? Date.parse(`${startDate}T00:00:00+07:00`) : undefined;
  const f = contractFigures(view.data, start)!;
  const row = {
    package_id: view.packageId,
    parent_package_id: basis.parentPackageId,
    kind: basis.kind,
    number: v.contract.number,
    // The vendor under either key: contracts drafted on the earlier versions say providerId (domain/vendor-id.ts).
    provider_id: vendorIdOf(v.contract) ?? vendorIdOf(basis) ?? '',
    category: view.facts.category,
    opd: view.facts.opd,
    fiscal_year: view.facts.fiscalYear,
    pagu: f.pagu,
    original_value: f.originalValue,
    value: f.value,
    paid: f.paid,
    retention_held: f.retentionHeld,
    penalty: f.penalty,
    physical_progress: f.physicalPct,
    absorption_contract: f.absorptionContract,
    absorption_pagu: f.absorptionPagu,
    status: view.status,
    stage_id: view.stage.id,
    last_seq: view.seq,
    updated_at: new Date(),
  };
  await upsertContract(trx, row);
  // A redraft may shorten the plan: periods beyond it go (the S-curve numbers its periods from 1).
  await replaceContractPeriods(
    trx,
    view.packageId,
    f.sCurve.map((p) => ({
      package_id: view.packageId,
      period: p.period,
      period_end: p.periodEnd !== undefined ? new Date(p.periodEnd) : null,
      planned_pct: p.plannedPct,
      actual_pct: p.actualPct ?? null,
    })),
  );
  await insertContractPayments(
    trx,
    v.payments.map((p) => ({
      package_id: view.packageId,
      payment_id: p.id,
      kind: p.kind,
      gross: p.gross,
      advance_repayment: p.advanceRepayment,
      retention: p.retention,
      penalty: p.penalty,
      net: p.net,
      paid_at: new Date(p.at),
    })),
  );
}

/**
 * The E-Kontrak tables as the read-model writer fills them (activities/contract-figures.ts), inside its transaction
 * and only after a newer view: a contract's row is replaced, its S-curve periods replaced or trimmed, and a payment,
 * once written, is never written again (a payment is final; its id is the ledger's).
 */
import type { Knex } from 'knex';
import type { ContractPaymentsInsert, ContractPeriodsInsert, ContractsInsert } from '../tables';

/** The contract's row, inserted or replaced by its package id. */
export async function upsertContract(trx: Knex.Transaction, row: ContractsInsert): Promise<void> {
  await trx('contracts').insert(row).onConflict('package_id').merge();
}

/**
 * The contract's S-curve, periods numbered from 1: periods beyond the new plan go (a redraft may shorten it), the
 * others are inserted or replaced.
 */
export async function replaceContractPeriods(trx: Knex.Transaction, packageId: string, periods: ContractPeriodsInsert[]): Promise<void> {
  await trx('contract_periods').where({ package_id: packageId }).where('period', '>', periods.length).delete();
  if (periods.length) await trx('contract_periods').insert(periods).onConflict(['package_id', 'period']).merge();
}

/** The contract's payments; one already written (by package and payment id) stays as it is. */
export async function insertContractPayments(trx: Knex.Transaction, payments: ContractPaymentsInsert[]): Promise<void> {
  if (payments.length) await trx('contract_payments').insert(payments).onConflict(['package_id', 'payment_id']).ignore();
}

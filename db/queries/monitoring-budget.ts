/**
 * The SQL of domain/monitoring/budget-lines.ts, in one place for every query that counts packages: the year summary,
 * /summary, /absorption and the package list's filters (superseded, budgetLine, contractMonth, paidMonth), so a figure
 * and the list it links to always apply the same rule. Every piece is index-backed (migration 20261212000101, which
 * also keeps `contracts.signed_at`: the contract's first `signed` milestone event).
 */
import type { Knex } from 'knex';
import { cancelledStatuses, wibMonthRange } from '../../domain/monitoring/budget-lines';
import { listDefinitions } from '../../workflows/definitions';

/** Statuses of cancelled packages, from every definition's cancelled end events (fixed per process). */
export const CANCELLED_STATUSES: readonly string[] = cancelledStatuses(listDefinitions());

/** `where` callback: the package (table alias `as`) is superseded by a follow-up package. */
export const supersededSql = (as: string) => `exists (select 1 from packages s where s.previous_package_id = ${as}.id)`;

/** Restricts `q` (packages as `as`) to the newest package of each chain. */
export function newestOfChain(q: Knex.QueryBuilder, as = 'packages'): Knex.QueryBuilder {
  return q.whereRaw(`not ${supersededSql(as)}`);
}

/** Restricts `q` (packages as `as`) to budget lines: newest of its chain, not cancelled. */
export function budgetLines(q: Knex.QueryBuilder, as = 'packages'): Knex.QueryBuilder {
  return newestOfChain(q, as).whereNotIn(`${as}.status`, CANCELLED_STATUSES as string[]);
}

/** The package (alias `as`) has a contract signed in the WIB month `month` (YYYY-MM). */
export function contractSignedIn(db: Knex, q: Knex.QueryBuilder, month: string, as = 'packages') {
  const { from, to } = wibMonthRange(month);
  return q.whereExists(
    db.select(db.raw('1')).from('contracts as c').whereRaw(`c.parent_package_id = ${as}.id`).where('c.signed_at', '>=', from).where('c.signed_at', '<', to),
  );
}

/** The package (alias `as`) has a contract that received a payment in the WIB month `month`. */
export function paidIn(db: Knex, q: Knex.QueryBuilder, month: string, as = 'packages') {
  const { from, to } = wibMonthRange(month);
  return q.whereExists(
    db
      .select(db.raw('1'))
      .from('contracts as c')
      .join('contract_payments as cp', 'cp.package_id', 'c.package_id')
      .whereRaw(`c.parent_package_id = ${as}.id`)
      .where('cp.paid_at', '>=', from)
      .where('cp.paid_at', '<', to),
  );
}

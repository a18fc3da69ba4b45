/**
 * What a monitoring figure counts, so that no package is counted twice (issue 12 point 6).
 *
 * A failed package and the package that follows it (tender ulang, Penunjukan Langsung after a failed re-tender, a
 * repeated prequalification: activities/follow-up.ts, Perpres 16/2018 Pasal 51) spend ONE budget line: the follow-up
 * copies the failed package's facts (OPD, pagu, fiscal year) and points back at it (`packages.previous_package_id`).
 * A chain is counted once, at its newest package (the one no follow-up points at): its stage and status are the
 * line's, its pagu the line's pagu. A package some follow-up points at is "superseded".
 *
 * Absorption (pagu against contracted and paid) counts budget lines: the newest package of each chain, except those
 * that ended cancelled (the status of any end event whose outcome is `cancelled`: `batal`, and `batal_otomatis` of an
 * e-purchasing order the PPK left unapproved; read from the definitions, never listed by hand). A cancelled package
 * gives its pagu back, it is not a line still to be absorbed.
 *
 * Contracted value: the value (after addenda) of contracts whose E-Kontrak reached its `signed` milestone (both
 * signatures on the contract document; the surat pesanan's and the swakelola agreement's equivalent), dated by that
 * milestone's event, i.e. the last signature (kept as contracts.signed_at, migration 20261212000101). A drafted, unsigned contract is not contracted yet. Paid: the net
 * payments (contract_payments.net, what contracts.paid sums), dated by paid_at. Months are WIB calendar months.
 */

/** The statuses the cancelled end events (outcome `cancelled`) of `definitions` set. */
export function cancelledStatuses(definitions: readonly { nodes: readonly { type: string; outcome?: string; status?: string }[] }[]): string[] {
  const out = new Set<string>();
  for (const d of definitions) for (const n of d.nodes) if (n.type === 'endEvent' && n.outcome === 'cancelled' && n.status) out.add(n.status);
  return [...out].sort();
}

const WIB_MS = 7 * 3_600_000;

/** `YYYY-MM` of an instant in WIB. */
export function wibMonth(at: number): string {
  return new Date(at + WIB_MS).toISOString().slice(0, 7);
}

/** The instants [from, to) of a WIB month `YYYY-MM`. */
export function wibMonthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(y, m - 1, 1) - WIB_MS), to: new Date(Date.UTC(y, m, 1) - WIB_MS) };
}

/** The twelve months of a fiscal year (the Indonesian fiscal year is the calendar year). */
export const fiscalMonths = (fiscalYear: number) => Array.from({ length: 12 }, (_, i) => `${fiscalYear}-${String(i + 1).padStart(2, '0')}`);

export interface ChainLink {
  id: string;
  previousPackageId: string | null;
  status: string;
}

/**
 * The budget lines among `packages` (the same rule the SQL applies, for tests and for anyone checking it): the ids
 * of packages no other package follows, without the cancelled ones.
 */
export function budgetLineIds(packages: readonly ChainLink[], cancelled: readonly string[]): string[] {
  const superseded = new Set(packages.map((p) => p.previousPackageId).filter((x): x is string => x !== null));
  return packages.filter((p) => !superseded.has(p.id) && !cancelled.includes(p.status)).map((p) => p.id);
}

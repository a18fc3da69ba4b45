/**
 * A blacklisted firm is not awarded (Perpres 16/2018 Pasal 78; domain/sanctions/SANKSI.md). Its bid may already be in
 * the package — submitted before the PA/KPA's decision — so the service tasks that pick a winner rank the bids without
 * it and record why: the result gains `sanctionSkips` (vendor, decision number, end) and, where the ranking has a
 * `failed` list, an entry with reason `daftar_hitam`. The decision is read from the database when the task runs; the
 * result is recorded in the workflow history, so a replay sees the same ranking.
 */
import type { Knex } from 'knex';
import { runningSanctionsOf } from '../../db/queries/sanctions';
import type { RunServiceInput } from '../types';

/** Where each winner-picking service reads the bidders, and the field naming the bidder. */
const SCREENED: Record<string, { path: string[]; key: 'by' | 'vendorId' }[]> = {
  rankLowestPrice: [{ path: ['bids'], key: 'by' }],
  tenderTwoFileRanking: [{ path: ['priceBids'], key: 'by' }],
  tenderCepatRanking: [
    { path: ['auction', 'standings'], key: 'vendorId' },
    { path: ['bids'], key: 'by' },
  ],
  seleksiQualityCost: [{ path: ['priceProposals'], key: 'by' }],
  rankMiniCompetition: [{ path: ['quotes'], key: 'by' }],
};

type Entry = Record<string, unknown>;

function listAt(data: Entry, path: string[]): Entry[] | undefined {
  let node: unknown = data;
  for (const k of path) node = node && typeof node === 'object' ? (node as Entry)[k] : undefined;
  return Array.isArray(node) ? (node as Entry[]) : undefined;
}

/** A copy of `data` with the list at `path` replaced (the objects on the way copied, nothing else). */
function withListAt(data: Entry, path: string[], list: Entry[]): Entry {
  const [head, ...rest] = path;
  return { ...data, [head!]: rest.length ? withListAt((data[head!] ?? {}) as Entry, rest, list) : list };
}

export interface SanctionSkip {
  vendorId: string;
  decisionNumber: string;
  until: string;
  cause: string;
  reason: string;
}

export async function screenSanctioned<T extends RunServiceInput>(db: Knex, input: T, run: (input: T) => Promise<unknown>, now = new Date()): Promise<unknown> {
  const lists = SCREENED[input.service];
  if (!lists) return run(input);
  const bidders = new Set<string>();
  for (const l of lists) for (const e of listAt(input.data, l.path) ?? []) if (typeof e[l.key] === 'string') bidders.add(e[l.key] as string);
  const running = await runningSanctionsOf(db, [...bidders], now);
  if (!running.size) return run(input);
  let data = input.data;
  const prices = new Map<string, number>();
  for (const l of lists) {
    const list = listAt(data, l.path);
    if (!list) continue;
    for (const e of list) if (running.has(e[l.key] as string) && typeof e.price === 'number') prices.set(e[l.key] as string, e.price);
    data = withListAt(
      data,
      l.path,
      list.filter((e) => !running.has(e[l.key] as string)),
    );
  }
  const result = (await run({ ...input, data })) as Entry;
  const skips: SanctionSkip[] = [...running].map(([vendorId, s]) => ({
    vendorId,
    decisionNumber: s.decisionNumber,
    until: s.until.toISOString(),
    cause: s.cause,
    reason: `Masuk Daftar Hitam (keputusan ${s.decisionNumber}); tidak dapat ditetapkan sebagai pemenang (Perpres 16/2018 Pasal 78).`,
  }));
  if (!result || typeof result !== 'object') return result;
  const failed = Array.isArray(result.failed)
    ? [...(result.failed as Entry[]), ...skips.map((s) => ({ vendorId: s.vendorId, price: prices.get(s.vendorId) ?? 0, reasons: ['daftar_hitam'] }))]
    : undefined;
  return { ...result, ...(failed ? { failed } : {}), sanctionSkips: skips };
}

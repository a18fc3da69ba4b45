/**
 * What a package's process data says about its selection, read the same way for every method: the bids of the
 * opening, the bids that failed, the winner, and whether the award is public yet. Shared by the red flags and the
 * public view. Pure, and defensive: the view is the workflow's public view (sealed entries already reduced to
 * `{by, at, sealed, commitment}`), but an entry still counts as sealed until its list's opening report exists, and only
 * an opened entry's `price` is ever read.
 *
 * The same paths are read in SQL by the generated columns of migration 20261201000004 (tests/red-flags.test.ts
 * checks the two agree).
 */
import { getPath } from '../process/predicate';

/** Where each method keeps the bids of its (first) opening, and the report the opening writes. */
export const BID_SOURCES: readonly { list: string; report: string }[] = [
  { list: 'bids', report: 'bidOpening' }, // tender, tender cepat
  { list: 'technicalBids', report: 'file1Opening' }, // tender dua file, prakualifikasi (File I)
  { list: 'technicalProposals', report: 'technicalOpeningReport' }, // seleksi
  { list: 'quotes', report: 'quoteOpening' }, // e-purchasing mini kompetisi
];
/** Bids that failed an evaluation. */
export const FAILED_PATHS: readonly string[] = ['award.failed', 'file1Result.failed', 'technicalResult.failed', 'competition.failed'];
/** The winner with the winning price. */
export const WINNER_PATHS: readonly string[] = ['award.winner', 'competition.winner'];
/** Data that exists only once the award has been made public (announcement, SPPBJ, the contract, the order). */
export const AWARD_PUBLIC_PATHS: readonly string[] = ['awardAnnouncement', 'sppbj', 'contractStart', 'order'];
/** Methods that announce the winner with the decision itself (no separate announcement stage). */
export const AWARD_PUBLIC_ON_DECISION: readonly string[] = ['tender-cepat'];

export interface OpenedBid {
  vendorId: string;
  at?: number;
  /** Only for an opened entry with a price (1-file tender, tender cepat, mini kompetisi). */
  price?: number;
}

export interface Selection {
  registrations: number;
  /** Bids held before the opening (sealed), or received at the opening (opened + rejected). */
  bidsSubmitted: number;
  opening?: { opened: number; rejected: number; bids: OpenedBid[] };
  failedInEvaluation?: number;
  winner?: { vendorId: string; price: number };
  awardPublic: boolean;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function selectionOf(data: Record<string, unknown>, method: string): Selection {
  const source = BID_SOURCES.find((s) => Array.isArray(getPath(data, s.list)));
  const items = source ? list(getPath(data, source.list)) : [];
  const report = source ? getPath(data, source.report) : undefined;
  const out: Selection = {
    registrations: list(data.registrations).length,
    bidsSubmitted: items.length,
    awardPublic: AWARD_PUBLIC_PATHS.some((p) => getPath(data, p) !== undefined) || (AWARD_PUBLIC_ON_DECISION.includes(method) && data.awardDecision !== undefined),
  };
  if (source && isObject(report)) {
    const rejected = list(report.rejected).length;
    const bids = items.filter(isObject).map((it): OpenedBid => {
      const sealed = it.sealed === true || it.sealedBid !== undefined;
      return {
        vendorId: String(it.by),
        ...(typeof it.at === 'number' ? { at: it.at } : {}),
        ...(!sealed && typeof it.price === 'number' ? { price: it.price } : {}),
      };
    });
    out.opening = { opened: items.length, rejected, bids };
    out.bidsSubmitted = items.length + rejected;
  }
  const failedLists = FAILED_PATHS.map((p) => getPath(data, p)).filter(Array.isArray);
  if (failedLists.length) out.failedInEvaluation = failedLists.reduce((n, l) => n + l.length, 0);
  for (const p of WINNER_PATHS) {
    const w = getPath(data, p);
    if (isObject(w) && typeof w.vendorId === 'string' && typeof w.price === 'number') {
      out.winner = { vendorId: w.vendorId, price: w.price };
      break;
    }
  }
  return out;
}

/**
 * What a package's process data says about its selection, read the same way for every method: the bids of the
 * opening, the bids that failed, the winner, and whether the award is public yet. Shared by the red flags and the
 * public view. Pure, and defensive: the view is the workflow's public view (sealed entries already reduced to
 * `{by, at, sealed, commitment}`), but an entry still counts as sealed until its list's opening report exists, and only
 * an opened entry's `price` is ever read.
 *
 * Where a method keeps its bids, opening, failed bids and winner, and what makes its award public, is the method's
 * profile (workflows/definitions/profiles.ts). The same paths are read in SQL by the generated rf_* columns of
 * `packages` (db/red-flag-columns.ts; tests/method-profiles.test.ts checks the two agree for every method).
 */
import { isContractMethod, METHOD_CODES, PROFILES, profileOf } from '../../workflows/definitions/profiles';
import type { MethodProfile } from '../process/method-profile';
import { getPath } from '../process/predicate';

/** Every method's bid list and the report its opening writes, each pair once (the readers of any package's bids). */
export const BID_SOURCES: readonly { list: string; report: string }[] = METHOD_CODES.flatMap((m) => {
  const o = PROFILES[m].opening;
  return o ? [{ list: o.list, report: o.report }] : [];
}).filter((s, i, all) => all.findIndex((x) => x.list === s.list && x.report === s.report) === i);

/** An E-Kontrak selects nobody: its selection is empty by declaration, not because its method was not found. */
const NO_SELECTION: MethodProfile = {
  definitionId: '',
  name: '',
  ocds: { procurementMethod: 'direct' },
  competitive: false,
  evaluationStages: [],
  failed: [],
  awardPublic: [],
};
const selectionProfile = (method: string): MethodProfile => (isContractMethod(method) ? NO_SELECTION : profileOf(method));

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

/** The selection of a package of `method`; an unknown method throws (UnknownMethodError). */
export function selectionOf(data: Record<string, unknown>, method: string): Selection {
  const profile = selectionProfile(method);
  const source = profile.opening && Array.isArray(getPath(data, profile.opening.list)) ? profile.opening : undefined;
  const items = source ? list(getPath(data, source.list)) : [];
  const report = source ? getPath(data, source.report) : undefined;
  const out: Selection = {
    registrations: list(data.registrations).length,
    bidsSubmitted: items.length,
    awardPublic: profile.awardPublic.some((p) => getPath(data, p) !== undefined),
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
  const failedLists = profile.failed.map((p) => getPath(data, p)).filter(Array.isArray);
  if (failedLists.length) out.failedInEvaluation = failedLists.reduce((n, l) => n + l.length, 0);
  const w = profile.winner === undefined ? undefined : getPath(data, profile.winner);
  if (isObject(w) && typeof w.vendorId === 'string' && typeof w.price === 'number') out.winner = { vendorId: w.vendorId, price: w.price };
  return out;
}

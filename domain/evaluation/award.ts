/**
 * From a ranking to the award of a tender: the winner, up to two reserve winners (pemenang cadangan 1 and 2, whom
 * the PPK may turn to when the winner withdraws; docs/regulation.md §2.2 row 15), and the performance security the winning
 * price implies (Pasal 33). Then pembuktian kualifikasi (§2.2 row 7): the Pokja verifies the current winner's
 * qualification documents; one who fails it drops out and the next in rank becomes the winner (SDP practice, assumed),
 * until nobody is left and the tender fails (Pasal 51(2)c).
 */
import type { PackageFacts } from '../process/state';
import { type PerformanceSecurity, performanceSecurityFor } from './contract-terms';

/** Reserve winners kept besides the winner (cadangan 1 and 2). */
export const MAX_RESERVES = 2;

/** Failing pembuktian kualifikasi, as a reason in `failed`. */
export const QUALIFICATION_FAILED = 'pembuktian_kualifikasi';

export interface RankedBid {
  rank: number;
  vendorId: string;
  price: number;
}

export interface FailedBid {
  vendorId: string;
  price?: number;
  reasons: string[];
  /** The Pokja's note, under the key its check used (`catatan` before issue 16's definition versions). */
  note?: string;
  catatan?: string;
}

/** What every tender award has, whatever its ranking method adds. */
export interface AwardCore {
  ranking: RankedBid[];
  winner?: { vendorId: string; price: number };
  reserves?: RankedBid[];
  failed: FailedBid[];
  performanceSecurity?: PerformanceSecurity;
}

/** The winner and the reserves among the ranked bids still in the running (ranking order, minus `excluded`). */
export function candidates(
  ranking: readonly RankedBid[],
  excluded: ReadonlySet<string> = new Set(),
): { winner?: { vendorId: string; price: number }; reserves: RankedBid[] } {
  const left = ranking.filter((r) => !excluded.has(r.vendorId));
  const first = left[0];
  return {
    ...(first ? { winner: { vendorId: first.vendorId, price: first.price } } : {}),
    reserves: left.slice(1, 1 + MAX_RESERVES).map((r) => ({ rank: r.rank, vendorId: r.vendorId, price: r.price })),
  };
}

/** The facts the winner's performance security depends on. */
export interface SecurityFacts {
  category: PackageFacts['category'];
  hps: number;
}

/** Winner, reserves and, with the facts, the winner's performance security (Pasal 33). */
export function awardOf(
  ranking: readonly RankedBid[],
  facts?: SecurityFacts,
  excluded: ReadonlySet<string> = new Set(),
): Pick<AwardCore, 'winner' | 'performanceSecurity'> & { reserves: RankedBid[] } {
  const chosen = candidates(ranking, excluded);
  return {
    ...chosen,
    ...(facts && chosen.winner ? { performanceSecurity: performanceSecurityFor(facts.category, chosen.winner.price, facts.hps) } : {}),
  };
}

/** The Pokja's pembuktian kualifikasi: `passed` and `note` (definitions before issue 16: `lulus`, `catatan`). */
export interface QualificationCheck {
  vendorId: string;
  /** Passed pembuktian kualifikasi. */
  passed?: boolean;
  note?: string;
  lulus?: boolean;
  catatan?: string;
}

/**
 * The award after the Pokja verified the current winner. A pass, or a check of someone who is not the current winner
 * (the action's guard refuses that), leaves it as it is. A failure moves the vendor to `failed` and the next ranked
 * bid up; without one the award has no winner. Applying the same check twice changes nothing more.
 */
export function afterQualificationCheck<A extends AwardCore>(award: A, check: QualificationCheck | undefined, facts?: SecurityFacts): A {
  if (!check || (check.passed ?? check.lulus) === true || award.winner?.vendorId !== check.vendorId) return award;
  const failedBid: FailedBid = {
    vendorId: check.vendorId,
    price: award.winner.price,
    reasons: [QUALIFICATION_FAILED],
    // The note keeps the key the check had, so a package's award reads as its own version wrote it.
    ...(check.note ? { note: check.note } : {}),
    ...(check.catatan ? { catatan: check.catatan } : {}),
  };
  const failed = [...award.failed, failedBid];
  const excluded = new Set(failed.filter((f) => f.reasons.includes(QUALIFICATION_FAILED)).map((f) => f.vendorId));
  const { winner: _w, performanceSecurity: _p, ...rest } = award;
  return { ...rest, failed, ...awardOf(award.ranking, facts, excluded) } as A;
}

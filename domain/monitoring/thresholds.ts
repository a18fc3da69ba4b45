/**
 * Every threshold the red flags use, in one place, with where each number comes from. Change a number here and the
 * flags, their explanations and the API answers follow; nothing else holds a copy. What depends on the method (is it
 * competitive, which window is measured and its minimum) is the method's profile (workflows/definitions/profiles.ts),
 * read here.
 */
import { METHOD_CODES, PROFILES } from '../../workflows/definitions/profiles';
import type { BidWindowRule } from '../process/method-profile';

export type { BidWindowRule };

export interface RedFlagRules {
  /** Methods where several providers compete (the profiles' `competitive`): only there can a single or a disqualified bid be a warning sign. */
  competitiveMethods: readonly string[];
  /** The bid submission window per method (methods not listed are not measured): the profiles' `bidWindow`. */
  bidWindow: Readonly<Record<string, BidWindowRule>>;
  /** Winning price / HPS at or above this ratio raises the flag. */
  priceNearHpsRatio: number;
  /** The same winner in one OPD in one fiscal year: at least this many wins… */
  repeatWinnerMinWins: number;
  /** …or at least this share of the OPD's awarded packages, once the OPD has at least `repeatWinnerShareMinAwarded`. */
  repeatWinnerMinShare: number;
  repeatWinnerShareMinAwarded: number;
  /** Disqualified bids (rejected at the opening or failed in evaluation): at least this many… */
  disqualifiedMinCount: number;
  /** …or at least this share of the bids received, once at least `disqualifiedShareMinBids` were received. */
  disqualifiedMinShare: number;
  disqualifiedShareMinBids: number;
  /** A contract value raised by addenda by more than this percentage raises the flag (0: any increase). */
  contractIncreaseMinPct: number;
  /** From this increase on the flag is severe: the 10% cap on addenda of Perpres 16/2018 Pasal 54(2). */
  contractIncreaseHighPct: number;
  /** Late contracts: from this many days late the flag is severe (Pasal 56(2): at most 50 days of extra time). */
  lateHighDays: number;
}

export const RED_FLAG_RULES: RedFlagRules = {
  competitiveMethods: METHOD_CODES.filter((m) => PROFILES[m].competitive),
  bidWindow: Object.fromEntries(METHOD_CODES.flatMap((m) => (PROFILES[m].bidWindow ? [[m, PROFILES[m].bidWindow]] : []))),
  priceNearHpsRatio: 0.95,
  repeatWinnerMinWins: 3,
  repeatWinnerMinShare: 0.5,
  repeatWinnerShareMinAwarded: 4,
  disqualifiedMinCount: 3,
  disqualifiedMinShare: 0.5,
  disqualifiedShareMinBids: 2,
  contractIncreaseMinPct: 0,
  contractIncreaseHighPct: 10,
  lateHighDays: 50,
};

/** The stages whose windows the flags measure (for the query that loads them). */
export const BID_WINDOW_STAGES: readonly string[] = [...new Set(Object.values(RED_FLAG_RULES.bidWindow).map((w) => w.stageId))];
/**
 * The late stages of the E-Kontrak definitions (kontrak, pelaksanaan swakelola: late_execution; surat pesanan:
 * late_delivery; from kontrak v3 on, the PPK's decision when the period ended unfinished: late_decision).
 */
export const LATE_STAGES: readonly string[] = ['late_execution', 'late_delivery', 'late_decision'];

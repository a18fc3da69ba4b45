/**
 * Harga terendah sistem gugur: a bid passes when administration, qualification and technical checks all pass and its
 * price is at most the HPS (Perpres 16/2018 Pasal 26(5): HPS is the upper limit of a valid bid). The price is the
 * arithmetically corrected one when the bid carries unit-price lines (arithmetic-correction.ts). With
 * `clarifyLowPrices`, a passing price below 80% of the HPS waits for the Pokja's klarifikasi kewajaran harga and
 * fails when found unreasonable (price-reasonableness.ts). The lowest passing price wins, the next two are the reserve
 * winners; ties go to the earlier submission. Bids the Pokja did not evaluate fail, with that reason.
 */
import { type ArithmeticCorrection, correctedPrice, type RincianLine } from './arithmetic-correction';
import { type AwardCore, awardOf, type RankedBid } from './award';
import type { PackageFacts } from '../process/state';
import { type ClarificationOptions, lowPriceScreen, type PriceClarificationSummary, UNREASONABLE_PRICE } from './price-reasonableness';

export interface BidForRanking {
  by: string;
  price: number;
  at: number;
  rincian?: RincianLine[];
}
export interface EvaluationResult {
  vendorId: string;
  administrasi: boolean;
  kualifikasi: boolean;
  teknis: boolean;
}
export interface Ranking extends AwardCore {
  ranking: RankedBid[];
  reserves: RankedBid[];
  failed: { vendorId: string; price: number; reasons: string[] }[];
  /** Bids whose unit-price lines did not add up to the offered total: both figures. */
  corrections: ArithmeticCorrection[];
  /** Only with `clarifyLowPrices`. While `pending` is not empty there is no ranking and no winner yet. */
  priceClarification?: PriceClarificationSummary;
}

export interface LowestPriceOptions extends ClarificationOptions {
  /** For the winner's performance security (Pasal 33); without it the award shows none. */
  category?: PackageFacts['category'];
}

function evaluationReasons(r: EvaluationResult | undefined): string[] {
  if (!r) return ['tidak_dievaluasi'];
  return [...(r.administrasi ? [] : ['administrasi']), ...(r.kualifikasi ? [] : ['kualifikasi']), ...(r.teknis ? [] : ['teknis'])];
}

export function rankLowestPrice(bids: BidForRanking[], results: EvaluationResult[], hps: number, options: LowestPriceOptions = {}): Ranking {
  const byVendor = new Map(results.map((r) => [r.vendorId, r]));
  const screen = lowPriceScreen(hps, options);
  const passing: { by: string; price: number; at: number }[] = [];
  const failed: Ranking['failed'] = [];
  const corrections: ArithmeticCorrection[] = [];
  for (const bid of bids) {
    const { price, correction } = correctedPrice(bid);
    if (correction) corrections.push(correction);
    const reasons = evaluationReasons(byVendor.get(bid.by));
    if (price > hps) reasons.push('melebihi_hps');
    // Only a bid that passes everything else is worth clarifying.
    const verdict = reasons.length ? undefined : screen.verdict(bid.by, price);
    if (verdict === UNREASONABLE_PRICE) reasons.push(verdict);
    if (reasons.length) failed.push({ vendorId: bid.by, price, reasons });
    else if (verdict === 'lulus') passing.push({ by: bid.by, price, at: bid.at });
  }
  if (screen.waiting) return { ranking: [], reserves: [], failed, corrections, ...screen.summary() };
  passing.sort((a, b) => a.price - b.price || a.at - b.at);
  const ranking = passing.map((b, i) => ({ rank: i + 1, vendorId: b.by, price: b.price }));
  const facts = options.category ? { category: options.category, hps } : undefined;
  return { ranking, ...awardOf(ranking, facts), failed, corrections, ...screen.summary() };
}

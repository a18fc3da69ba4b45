/**
 * Service tasks of the 1-file tender's evaluation (and of the verification loop every tender shares): the ranking
 * with arithmetic correction, HPS limit, price clarification and reserve winners, and the move to the next candidate
 * after a failed pembuktian kualifikasi. They only read the package data and the definition's args; the rules are in
 * domain/evaluation. Definitions recorded before these features pass no args, and rank as they did then (no
 * clarification step).
 */
import { afterQualificationCheck, type AwardCore, type QualificationCheck } from '../../domain/evaluation/award';
import { type BidForRanking, type EvaluationResult, rankLowestPrice } from '../../domain/evaluation/lowest-price';
import type { PriceClarificationResult } from '../../domain/evaluation/price-reasonableness';
import type { PackageFacts } from '../../domain/process/state';
import { applyBidSecurityRule, type BidSecurity, markBidSecurityFailures } from '../../domain/selection/bid-security';
import type { Service } from './index';

/** The clarification rounds the Pokja recorded (data.priceClarifications, one entry per round). */
export const clarificationRounds = (data: Record<string, unknown>) => (data.priceClarifications ?? []) as { results?: PriceClarificationResult[] }[];

export const services: Record<string, Service> = {
  /** args: { clarifyLowPrices? } — prices below 80% of the HPS wait for the clarification task. */
  rankLowestPrice: ({ data, args }) => {
    const facts = data.package as PackageFacts;
    const bids = (data.bids ?? []) as (BidForRanking & { bidSecurity?: BidSecurity })[];
    const recorded = (data.evaluation as { results?: EvaluationResult[] } | undefined)?.results ?? [];
    // Jaminan penawaran (Pasal 30–31): a bid without a sufficient one fails the evaluasi administrasi.
    const { results, lacking } = applyBidSecurityRule(facts, bids, recorded);
    const ranked = rankLowestPrice(bids, results, facts.hps, {
      category: facts.category,
      clarifyLowPrices: args.clarifyLowPrices === true,
      clarifications: clarificationRounds(data),
    });
    return markBidSecurityFailures(ranked, lacking);
  },

  /** After a failed pembuktian kualifikasi (data.qualificationCheck): the next ranked bid becomes the winner. */
  advanceQualificationCandidate: ({ data }) => {
    const facts = data.package as PackageFacts;
    return afterQualificationCheck(data.award as AwardCore, data.qualificationCheck as QualificationCheck | undefined, {
      category: facts.category,
      hps: facts.hps,
    });
  },
};

/**
 * Service tasks of the seleksi and tender-cepat definitions. They only read the package data (what the Pokja
 * published and scored, what the vendors submitted) and the definition's args; the computations are in
 * domain/evaluation.
 */
import { rankLowestPrice } from '../../domain/evaluation/lowest-price';
import { type SeleksiNegotiationRecord, settleSeleksiNegotiation } from '../../domain/evaluation/seleksi-negotiation';
import { legacyTechnicalOutcome, passTechnical, rankQualityCost, technicalPassers, type TechnicalScore } from '../../domain/evaluation/quality-cost';
import { type AuctionState, closeAuctionRound, standingsFromBids } from '../../domain/evaluation/reverse-auction';
import {
  DEFAULT_MAX_SHORTLIST,
  type QualificationCriterion,
  type QualificationScores,
  shortlistByWeightedScore,
} from '../../domain/evaluation/weighted-qualification';
import type { PackageFacts } from '../../domain/process/state';
import { applyBidSecurityRule, type BidSecurity, markBidSecurityFailures } from '../../domain/selection/bid-security';
import { provenScores } from '../../domain/selection/prequalification-objections';
import type { Service } from './index';

/** What the Pokja published with a seleksi announcement (the qualification and selection documents). */
interface SeleksiAnnouncement {
  pqCriteria?: QualificationCriterion[];
  pqThreshold?: number;
  shortlistMax?: number;
  technicalThreshold?: number;
  technicalWeight?: number;
}
interface TenderCepatAnnouncement {
  reverseAuction?: boolean;
  auctionRounds?: number;
}

type Submitted = { by: string; at: number };
type Priced = Submitted & { price: number };

const resultsOf = <T>(v: unknown): T[] => (v as { results?: T[] } | undefined)?.results ?? [];

export const services: Record<string, Service> = {
  /** Daftar pendek: weighted PQ scores against the published threshold (Pasal 44(6)b, (7)b). */
  seleksiShortlist: ({ data }) => {
    const a = (data.announcement ?? {}) as SeleksiAnnouncement;
    return shortlistByWeightedScore(
      (data.qualifications ?? []) as Submitted[],
      // Applicants whose qualification was not proven against the originals are left out (they fail).
      provenScores(resultsOf<QualificationScores>(data.pqEvaluation), data),
      a.pqCriteria ?? [],
      a.pqThreshold ?? 100,
      a.shortlistMax ?? DEFAULT_MAX_SHORTLIST,
    );
  },
  /** File I: technical scores against the published technical threshold. */
  seleksiTechnical: ({ data, args }) => {
    const a = (data.announcement ?? {}) as SeleksiAnnouncement;
    const outcome = passTechnical(
      (data.technicalProposals ?? []) as Submitted[],
      resultsOf<TechnicalScore>(data.technicalEvaluation),
      a.technicalThreshold ?? 100,
    );
    // The definition names the passers' key (seleksi v5: `passed`); earlier versions read `passing`, and keep it.
    return args.passedKey === 'passed' ? outcome : legacyTechnicalOutcome(outcome);
  },
  /** File II for File I passers: kualitas dan biaya (Pasal 42(2)); weights from the announcement, else args. */
  seleksiQualityCost: ({ data, args }) => {
    const a = (data.announcement ?? {}) as SeleksiAnnouncement;
    const passed = technicalPassers(data.technicalResult);
    const weight = a.technicalWeight ?? Number(args.defaultTechnicalWeight ?? 70);
    return rankQualityCost(passed, (data.priceProposals ?? []) as Priced[], weight, (data.package as { pagu: number }).pagu);
  },
  /** Negotiation with the winner after the sanggah period (Pasal 50(3)): the agreed price may not exceed the offer. */
  seleksiNegotiation: ({ data }) => {
    const offered = (data.award as { winner: { price: number } }).winner.price;
    return settleSeleksiNegotiation(offered, data.negotiation as SeleksiNegotiationRecord | undefined);
  },
  /** Closes one e-reverse-auction round (Pasal 50(11)); the number of rounds is published, else args.defaultRounds. */
  tenderCepatAuctionRound: ({ data, args }) => {
    const a = (data.announcement ?? {}) as TenderCepatAnnouncement;
    const auction = data.auction as Partial<AuctionState> | undefined;
    const roundsTotal = auction?.roundsTotal ?? a.auctionRounds ?? Number(args.defaultRounds ?? 2);
    return closeAuctionRound(
      {
        rounds: auction?.rounds ?? [],
        standings: auction?.standings ?? standingsFromBids((data.bids ?? []) as Priced[]),
      },
      auction?.offers ?? [],
      roundsTotal,
    );
  },
  /**
   * Evaluasi harga oleh aplikasi (Pasal 50(4)c): the lowest final price at most the HPS wins. Bidders are already
   * qualified in SIKaP, so there is no administrative, qualification or technical evaluation (Pasal 44(8); S17).
   */
  tenderCepatRanking: ({ data }) => {
    const standings = (data.auction as AuctionState | undefined)?.standings;
    const finals: Priced[] = standings ? standings.map((s) => ({ by: s.vendorId, price: s.price, at: s.at })) : ((data.bids ?? []) as Priced[]);
    const allPass = finals.map((b) => ({ vendorId: b.by, administrasi: true, kualifikasi: true, teknis: true }));
    const facts = data.package as { hps: number; category: PackageFacts['category'] };
    // The jaminan penawaran (Pasal 30–31) comes with the sealed bid; without a sufficient one the bid fails.
    const { results, lacking } = applyBidSecurityRule(facts, (data.bids ?? []) as { by: string; bidSecurity?: BidSecurity }[], allPass);
    // Winner, reserves and the winner's performance security; no clarification stage in a tender cepat (§2.6).
    return markBidSecurityFailures(rankLowestPrice(finals, results, facts.hps, { category: facts.category }), lacking);
  },
};

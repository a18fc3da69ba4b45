/**
 * Tender dua file (docs/regulation.md §2.3, §4.1): File I (administrasi, kualifikasi, teknis) is opened and scored first, and
 * File II (harga) is opened only for File I passers (Perpres 16/2018 Pasal 40(3)). Two evaluation methods:
 * - sistem nilai (Pasal 39(2)): combined score = technical weight × technical score + price weight × price score;
 *   the weights come from the tender document (design-build: price 30–40%, technical 60–70%, LKPP 12/2021
 *   Lampiran III via S36). Price score = lowest evaluated price / price × 100 — the usual SDP formula (assumed);
 * - harga terendah ambang batas (S36): the lowest price among bids whose technical score reaches the threshold.
 * In both the technical threshold is the File I pass mark, and a price above the HPS fails (Pasal 26(5)). As in the
 * 1-file tender (lowest-price.ts) prices are arithmetically corrected, a price below 80% of the HPS can be made to wait
 * for the Pokja's clarification, and the award names up to two reserve winners.
 */
import { type ArithmeticCorrection, correctedPrice, type RincianLine } from './arithmetic-correction';
import { awardOf, type RankedBid } from './award';
import type { PerformanceSecurity } from './contract-terms';
import type { LowestPriceOptions } from './lowest-price';
import { lowPriceScreen, type PriceClarificationSummary } from './price-reasonableness';

export type TwoFileMethod = 'sistem_nilai' | 'harga_terendah_ambang_batas';

export interface TechnicalResult {
  vendorId: string;
  administrasi: boolean;
  kualifikasi: boolean;
  technicalScore: number;
}
export interface SubmittedFile {
  by: string;
  at: number;
}
export interface PriceBid extends SubmittedFile {
  price: number;
  rincian?: RincianLine[];
}

export interface FileOneOutcome {
  threshold: number;
  /** Best technical score first. */
  passed: { vendorId: string; technicalScore: number }[];
  failed: { vendorId: string; technicalScore?: number; reasons: string[] }[];
}

/** File I: pass/fail on administration and qualification, and the technical score against the threshold. */
export function evaluateFileOne(bids: SubmittedFile[], results: TechnicalResult[], threshold: number): FileOneOutcome {
  const byVendor = new Map(results.map((r) => [r.vendorId, r]));
  const passed: (FileOneOutcome['passed'][number] & { at: number })[] = [];
  const failed: FileOneOutcome['failed'] = [];
  for (const bid of bids) {
    const r = byVendor.get(bid.by);
    if (!r) {
      failed.push({ vendorId: bid.by, reasons: ['tidak_dievaluasi'] });
      continue;
    }
    const reasons: string[] = [];
    if (!r.administrasi) reasons.push('administrasi');
    if (!r.kualifikasi) reasons.push('kualifikasi');
    if (r.technicalScore < threshold) reasons.push('di_bawah_ambang_batas_teknis');
    if (reasons.length) failed.push({ vendorId: bid.by, technicalScore: r.technicalScore, reasons });
    else passed.push({ vendorId: bid.by, technicalScore: r.technicalScore, at: bid.at });
  }
  passed.sort((a, b) => b.technicalScore - a.technicalScore || a.at - b.at);
  return { threshold, passed: passed.map(({ vendorId, technicalScore }) => ({ vendorId, technicalScore })), failed };
}

export interface TwoFileSettings {
  method: TwoFileMethod;
  /** Percent, 1–99; the price weight is the rest (sistem nilai only). */
  technicalWeight: number;
}

export interface TwoFileRanking {
  method: TwoFileMethod;
  weights?: { technical: number; price: number };
  ranking: {
    rank: number;
    vendorId: string;
    price: number;
    technicalScore: number;
    priceScore?: number;
    combinedScore?: number;
  }[];
  winner?: { vendorId: string; price: number };
  /** Pemenang cadangan 1 and 2. */
  reserves: RankedBid[];
  failed: { vendorId: string; price?: number; reasons: string[] }[];
  corrections: ArithmeticCorrection[];
  /** Only with `clarifyLowPrices`; while `pending` is not empty there is no ranking and no winner yet. */
  priceClarification?: PriceClarificationSummary;
  performanceSecurity?: PerformanceSecurity;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * File II: only File I passers' prices are read (the others stay unopened). Ties: the better score (sistem nilai),
 * then the lower price, then the earlier submission. Prices are corrected first, and with `clarifyLowPrices` one below
 * 80% of the HPS is scored only once the Pokja found it reasonable (before that nobody is ranked: the lowest valid
 * price sets every price score).
 */
export function rankTwoFile(
  priceBids: PriceBid[],
  passed: FileOneOutcome['passed'],
  hps: number,
  settings: TwoFileSettings,
  options: LowestPriceOptions = {},
): TwoFileRanking {
  const prices = new Map(priceBids.map((b) => [b.by, b]));
  const screen = lowPriceScreen(hps, options);
  const valid: { vendorId: string; price: number; at: number; technicalScore: number }[] = [];
  const failed: TwoFileRanking['failed'] = [];
  const corrections: ArithmeticCorrection[] = [];
  for (const p of passed) {
    const bid = prices.get(p.vendorId);
    if (!bid) {
      failed.push({ vendorId: p.vendorId, reasons: ['tidak_ada_penawaran_harga'] });
      continue;
    }
    const { price, correction } = correctedPrice(bid);
    if (correction) corrections.push(correction);
    const verdict = price > hps ? 'melebihi_hps' : screen.verdict(p.vendorId, price);
    if (verdict === 'lulus') valid.push({ vendorId: p.vendorId, price, at: bid.at, technicalScore: p.technicalScore });
    else if (verdict !== 'perlu_klarifikasi') failed.push({ vendorId: p.vendorId, price, reasons: [verdict] });
  }
  if (screen.waiting) return { method: settings.method, ranking: [], reserves: [], failed, corrections, ...screen.summary() };

  let ranked: Omit<TwoFileRanking['ranking'][number], 'rank'>[];
  let weights: TwoFileRanking['weights'];
  if (settings.method === 'sistem_nilai') {
    weights = { technical: settings.technicalWeight, price: 100 - settings.technicalWeight };
    const lowest = Math.min(...valid.map((v) => v.price));
    const scored = valid.map((v) => {
      const priceScore = (lowest / v.price) * 100;
      const combined = (weights!.technical * v.technicalScore + weights!.price * priceScore) / 100;
      return { ...v, priceScore, combined };
    });
    scored.sort((a, b) => (Math.abs(b.combined - a.combined) > 1e-9 ? b.combined - a.combined : a.price - b.price || a.at - b.at));
    ranked = scored.map((v) => ({
      vendorId: v.vendorId,
      price: v.price,
      technicalScore: v.technicalScore,
      priceScore: round2(v.priceScore),
      combinedScore: round2(v.combined),
    }));
  } else {
    valid.sort((a, b) => a.price - b.price || a.at - b.at);
    ranked = valid.map((v) => ({ vendorId: v.vendorId, price: v.price, technicalScore: v.technicalScore }));
  }
  const ranking = ranked.map((r, i) => ({ rank: i + 1, ...r }));
  const facts = options.category ? { category: options.category, hps } : undefined;
  return {
    method: settings.method,
    ...(weights ? { weights } : {}),
    ranking,
    ...awardOf(ranking, facts),
    failed,
    corrections,
    ...screen.summary(),
  };
}

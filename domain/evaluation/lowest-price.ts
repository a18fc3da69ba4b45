/**
 * Harga terendah sistem gugur: a bid passes when administration, qualification and technical checks all pass and its
 * price is at most the HPS (Perpres 16/2018 Pasal 26(5): HPS is the upper limit of a valid bid). The lowest passing
 * price wins; ties go to the earlier submission. Bids the Pokja did not evaluate fail, with that reason.
 */
export interface BidForRanking {
  by: string;
  price: number;
  at: number;
}
export interface EvaluationResult {
  vendorId: string;
  administrasi: boolean;
  kualifikasi: boolean;
  teknis: boolean;
}
export interface Ranking {
  ranking: { rank: number; vendorId: string; price: number }[];
  winner?: { vendorId: string; price: number };
  failed: { vendorId: string; price: number; reasons: string[] }[];
}

export function rankLowestPrice(bids: BidForRanking[], results: EvaluationResult[], hps: number): Ranking {
  const byVendor = new Map(results.map((r) => [r.vendorId, r]));
  const passing: BidForRanking[] = [];
  const failed: Ranking['failed'] = [];
  for (const bid of bids) {
    const r = byVendor.get(bid.by);
    const reasons: string[] = [];
    if (!r) reasons.push('tidak_dievaluasi');
    else {
      if (!r.administrasi) reasons.push('administrasi');
      if (!r.kualifikasi) reasons.push('kualifikasi');
      if (!r.teknis) reasons.push('teknis');
    }
    if (bid.price > hps) reasons.push('melebihi_hps');
    if (reasons.length) failed.push({ vendorId: bid.by, price: bid.price, reasons });
    else passing.push(bid);
  }
  passing.sort((a, b) => a.price - b.price || a.at - b.at);
  const ranking = passing.map((b, i) => ({ rank: i + 1, vendorId: b.by, price: b.price }));
  const first = ranking[0];
  return { ranking, ...(first ? { winner: { vendorId: first.vendorId, price: first.price } } : {}), failed };
}

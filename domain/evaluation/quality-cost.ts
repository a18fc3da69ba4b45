/**
 * Seleksi, metode kualitas dan biaya (Perpres 16/2018 Pasal 42(2); docs/regulation.md §4.1): File I (technical proposal) is
 * scored and must reach the technical threshold; File II (cost) is opened only for File I passers (Pasal 40(3) as
 * applied to 2-file seleksi, §2.5), and the winner has the best combined score
 *   combined = technicalWeight × technicalScore + (100 − technicalWeight) × costScore, over 100,
 *   costScore = lowest valid cost / cost × 100 (the usual SDP formula; assumed).
 * The weights come from the selection document (the announcement). The HPS is the upper limit of a valid bid only for
 * goods, works and other services (Pasal 26(5), §4.2); a consultancy cost above the pagu fails because no budget
 * covers it (Pasal 52(2); assumed reading).
 */

/** The Pokja's technical score of one proposal: `technicalScore`, as a tender's File I (seleksi before v5: `score`). */
export interface TechnicalScore {
  vendorId: string;
  technicalScore?: number;
  score?: number;
}

export interface TechnicalOutcome {
  threshold: number;
  /** Best technical score first; ties go to the earlier submission. */
  passed: { vendorId: string; technicalScore: number }[];
  failed: { vendorId: string; technicalScore?: number; reasons: string[] }[];
}

export function passTechnical(proposals: { by: string; at: number }[], results: TechnicalScore[], threshold: number): TechnicalOutcome {
  const byVendor = new Map(results.map((r) => [r.vendorId, r]));
  const passed: { vendorId: string; technicalScore: number; at: number }[] = [];
  const failed: TechnicalOutcome['failed'] = [];
  for (const p of proposals) {
    const r = byVendor.get(p.by);
    const score = r?.technicalScore ?? r?.score;
    if (score === undefined) failed.push({ vendorId: p.by, reasons: ['tidak_dievaluasi'] });
    else if (score < threshold) failed.push({ vendorId: p.by, technicalScore: score, reasons: ['di_bawah_ambang_batas_teknis'] });
    else passed.push({ vendorId: p.by, technicalScore: score, at: p.at });
  }
  passed.sort((a, b) => b.technicalScore - a.technicalScore || a.at - b.at);
  return { threshold, passed: passed.map(({ vendorId, technicalScore }) => ({ vendorId, technicalScore })), failed };
}

/**
 * The outcome as seleksi definitions before v5 keep it (their gateway and File II opening read
 * `technicalResult.passing`): the same lists, the passers under `passing`, keys in their order then.
 */
export function legacyTechnicalOutcome(o: TechnicalOutcome): { threshold: number; passing: TechnicalOutcome['passed']; failed: TechnicalOutcome['failed'] } {
  return { threshold: o.threshold, passing: o.passed, failed: o.failed };
}

/** File I passers from a seleksi's technicalResult, whichever version wrote it. */
export function technicalPassers(result: unknown): TechnicalOutcome['passed'] {
  const r = result as { passed?: TechnicalOutcome['passed']; passing?: TechnicalOutcome['passed'] } | undefined;
  return r?.passed ?? r?.passing ?? [];
}

export interface QualityCostRanking {
  weights: { technical: number; cost: number };
  ranking: { rank: number; vendorId: string; price: number; technicalScore: number; costScore: number; combinedScore: number }[];
  winner?: { vendorId: string; price: number; combinedScore: number };
  failed: { vendorId: string; price?: number; reasons: string[] }[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Ranks File I passers by combined score; ties: the better technical score, then the lower cost, then the earlier file. */
export function rankQualityCost(
  passing: TechnicalOutcome['passed'],
  costProposals: { by: string; price: number; at: number }[],
  technicalWeight: number,
  pagu: number,
): QualityCostRanking {
  const weights = { technical: technicalWeight, cost: 100 - technicalWeight };
  const costs = new Map(costProposals.map((c) => [c.by, c]));
  const valid: { vendorId: string; price: number; at: number; technicalScore: number }[] = [];
  const failed: QualityCostRanking['failed'] = [];
  for (const p of passing) {
    const c = costs.get(p.vendorId);
    if (!c) failed.push({ vendorId: p.vendorId, reasons: ['tidak_ada_penawaran_biaya'] });
    else if (c.price > pagu) failed.push({ vendorId: p.vendorId, price: c.price, reasons: ['melebihi_pagu'] });
    else valid.push({ vendorId: p.vendorId, price: c.price, at: c.at, technicalScore: p.technicalScore });
  }
  const lowest = Math.min(...valid.map((v) => v.price));
  const scored = valid.map((v) => {
    const costScore = (lowest / v.price) * 100;
    return { ...v, costScore, combined: (weights.technical * v.technicalScore + weights.cost * costScore) / 100 };
  });
  scored.sort(
    (a, b) =>
      (Math.abs(b.combined - a.combined) > 1e-9 ? b.combined - a.combined : 0) || b.technicalScore - a.technicalScore || a.price - b.price || a.at - b.at,
  );
  const ranking = scored.map((v, i) => ({
    rank: i + 1,
    vendorId: v.vendorId,
    price: v.price,
    technicalScore: v.technicalScore,
    costScore: round2(v.costScore),
    combinedScore: round2(v.combined),
  }));
  const first = ranking[0];
  return {
    weights,
    ranking,
    ...(first ? { winner: { vendorId: first.vendorId, price: first.price, combinedScore: first.combinedScore } } : {}),
    failed,
  };
}

/**
 * Prakualifikasi of consultancy firms: weighted scoring with a passing threshold (Perpres 16/2018 Pasal 44(6)b), the
 * passers ranked into the daftar pendek (shortlist, Pasal 44(7)b). Goods, works and other services use pass/fail
 * instead (prequalification.ts).
 *
 * The criteria, their weights and the threshold are those the Pokja published in the qualification document (the
 * announcement); the Pokja then scores each criterion 0–100 per firm. The weighted score is
 * Σ(weight × score) / Σ(weight), rounded to 2 decimals, and compared with the threshold as rounded.
 * A criterion the Pokja left unscored counts as 0 (the firm did not show it). The shortlist size under LKPP 12/2021
 * was not found; 3–7 is assumed (docs/regulation.md §2.5 row 7), so the shortlist keeps at most `maxShortlist` firms.
 */

export interface QualificationCriterion {
  id: string;
  weight: number;
}

export interface QualificationScores {
  vendorId: string;
  /** criterion id → score 0–100 */
  scores: Record<string, number>;
}

export interface Shortlist {
  threshold: number;
  /** Best weighted score first; ties go to the earlier submission. */
  shortlist: { rank: number; vendorId: string; score: number }[];
  failed: { vendorId: string; score?: number; reasons: string[] }[];
}

/** Default cap on the shortlist (assumed, §2.5: 3–7). */
export const DEFAULT_MAX_SHORTLIST = 7;

const round2 = (x: number) => Math.round(x * 100) / 100;

export function weightedScore(criteria: QualificationCriterion[], scores: Record<string, number>): number {
  const total = criteria.reduce((s, c) => s + c.weight, 0);
  if (total <= 0) return 0;
  return round2(criteria.reduce((s, c) => s + c.weight * (scores[c.id] ?? 0), 0) / total);
}

/**
 * The shortlist from the firms that submitted qualification data (`submissions`, in submission order). Scores for
 * firms that submitted nothing are ignored; a submitter the Pokja did not score fails as not evaluated.
 */
export function shortlistByWeightedScore(
  submissions: { by: string; at: number }[],
  results: QualificationScores[],
  criteria: QualificationCriterion[],
  threshold: number,
  maxShortlist = DEFAULT_MAX_SHORTLIST,
): Shortlist {
  const byVendor = new Map(results.map((r) => [r.vendorId, r]));
  const passed: { vendorId: string; score: number; at: number }[] = [];
  const failed: Shortlist['failed'] = [];
  for (const s of submissions) {
    const r = byVendor.get(s.by);
    if (!r) {
      failed.push({ vendorId: s.by, reasons: ['tidak_dievaluasi'] });
      continue;
    }
    const score = weightedScore(criteria, r.scores);
    if (score < threshold) failed.push({ vendorId: s.by, score, reasons: ['di_bawah_ambang_batas'] });
    else passed.push({ vendorId: s.by, score, at: s.at });
  }
  passed.sort((a, b) => b.score - a.score || a.at - b.at);
  const kept = passed.slice(0, Math.max(1, maxShortlist));
  for (const p of passed.slice(kept.length)) failed.push({ vendorId: p.vendorId, score: p.score, reasons: ['di_luar_daftar_pendek'] });
  return { threshold, shortlist: kept.map((p, i) => ({ rank: i + 1, vendorId: p.vendorId, score: p.score })), failed };
}

/**
 * Penetapan hasil prakualifikasi (docs/regulation.md §2.4 rows 5–7): pass/fail for goods, works and other services
 * (Perpres 16/2018 Pasal 44(6)); the passers form the list of invited bidders (Pasal 44(7)). Each settlement is a
 * round: fewer than 3 passers fails the PQ and it is run once more; after that re-run 2 passers continue and 1 goes
 * to Penunjukan Langsung (Pasal 51(1)b, (5); the post-2021 wording is unverified, §9.2).
 */

/** Fewer passers than this fails a prequalification round (Pasal 51(1)b). */
export const PQ_MIN_PASSERS = 3;

/** The Pokja's pass/fail of one applicant: `passed` (tender-prakualifikasi before v5: `kualifikasi`). */
export interface QualificationResult {
  vendorId: string;
  passed?: boolean;
  kualifikasi?: boolean;
}

/** Whether a PQ result passes, whichever version wrote it. */
export const qualificationPassed = (r: QualificationResult): boolean => (r.passed ?? r.kualifikasi) === true;

export interface PrequalificationRound {
  /** 1 for the first PQ, 2 for the re-run. */
  round: number;
  passed: { vendorId: string }[];
  failed: { vendorId: string; reasons: string[] }[];
  /** Passer counts of every round so far, oldest first. */
  history: { round: number; passed: number }[];
}

/**
 * Settles one round from this round's submissions and the Pokja's results; `previous` is the last settled round, so
 * the round number and the history are carried in the package data instead of the engine.
 */
export function settlePrequalification(
  submissions: { by: string }[],
  results: QualificationResult[],
  previous?: Pick<PrequalificationRound, 'round' | 'history'>,
): PrequalificationRound {
  const submitted = new Set(submissions.map((s) => s.by));
  const byVendor = new Map(results.map((r) => [r.vendorId, r]));
  const vendors = [...submitted, ...results.map((r) => r.vendorId).filter((v) => !submitted.has(v))];
  const passed: PrequalificationRound['passed'] = [];
  const failed: PrequalificationRound['failed'] = [];
  for (const vendorId of new Set(vendors)) {
    const r = byVendor.get(vendorId);
    const reasons = !submitted.has(vendorId) ? ['tidak_mengirim_kualifikasi'] : !r ? ['tidak_dievaluasi'] : qualificationPassed(r) ? [] : ['kualifikasi'];
    if (reasons.length) failed.push({ vendorId, reasons });
    else passed.push({ vendorId });
  }
  const round = (previous?.round ?? 0) + 1;
  return { round, passed, failed, history: [...(previous?.history ?? []), { round, passed: passed.length }] };
}

/**
 * Prequalification checks of a tender with prakualifikasi and of a seleksi (docs/regulation.md §2.4 rows 6 and 9; Perpres
 * 16/2018 jo. 12/2021 Pasal 44):
 * - Pembuktian kualifikasi: before the result (daftar peserta / daftar pendek) is set, the Pokja verifies each
 *   applicant's qualification documents against the originals (Pasal 44; §2.4 row 6, whose duration is assumed; only
 *   SIKaP-qualified providers skip it, Pasal 44(8)); an applicant whose documents are
 *   not proven fails the prequalification. Every applicant the check covers is verified exactly once.
 * - Sanggah prakualifikasi: an applicant who submitted qualification documents may object to the result within the
 *   period (§2.4 row 9, mirrors the main sanggah — assumed); the Pokja answers every objection; an upheld one makes the
 *   Pokja evaluate the prequalification again (§2.4 row 9, assumed).
 * Pure and deterministic: bundled with the workflow.
 */
import { refuse } from '../process/refusal';
import { qualificationPassed, type QualificationResult } from '../evaluation/prequalification';
import type { Objection } from './objections';
import type { Check, Reducer, Refusal, RuleContext } from '../process/rulebook';

export const PQ_RULES = {
  verification:
    'Perpres 16/2018 jo. 12/2021 Pasal 44 (kualifikasi; ayat (8): pembuktian dikecualikan hanya bagi penyedia terkualifikasi SIKaP): pembuktian kualifikasi terhadap dokumen asli sebelum hasil prakualifikasi ditetapkan',
  objectionPeriod:
    'Perpres 16/2018 jo. 12/2021 Pasal 44 / docs/regulation.md §2.4 baris 9: masa sanggah prakualifikasi setelah pengumuman hasil prakualifikasi',
  objectorOnly: 'Perpres 16/2018 jo. 12/2021 Pasal 44: sanggah prakualifikasi hanya oleh peserta yang menyampaikan dokumen kualifikasi',
} as const;

/** A sanggah prakualifikasi: a sanggah without a cause (the only ground is the qualification result). */
export type PqObjection = Omit<Objection, 'cause'>;

export interface PqVerification {
  results: { vendorId: string; terbukti: boolean; note?: string; catatan?: string }[];
}

const listAt = <T>(data: Record<string, unknown>, key: string): T[] => (Array.isArray(data[key]) ? (data[key] as T[]) : []);
const resultsOf = <T>(v: unknown): T[] => (v as { results?: T[] } | undefined)?.results ?? [];

/** Vendors whose qualification was not proven against the originals (they fail the prequalification). */
export function unprovenVendors(data: Record<string, unknown>): Set<string> {
  return new Set(
    resultsOf<PqVerification['results'][number]>(data.pqVerification)
      .filter((r) => !r.terbukti)
      .map((r) => r.vendorId),
  );
}

/** Each of `expected` exactly once in `given`, nothing else. */
function coversExactly(expected: string[], given: string[], what: string): Refusal | undefined {
  const unknown = given.filter((id) => !expected.includes(id));
  const duplicate = given.filter((id, i) => given.indexOf(id) !== i);
  const missing = expected.filter((id) => !given.includes(id));
  if (unknown.length || duplicate.length || missing.length) {
    return refuse(422, 'verification_incomplete', `Setiap ${what} harus dibuktikan tepat satu kali.`, {
      missing,
      unknown,
      duplicate: [...new Set(duplicate)],
      rule: PQ_RULES.verification,
    });
  }
  return undefined;
}

const givenVendors = (ctx: RuleContext) => resultsOf<{ vendorId: string }>(ctx.payload).map((r) => r.vendorId);

export const pqChecks: Record<string, Check> = {
  /** Tender prakualifikasi (pass/fail): every applicant the evaluation passed is verified. */
  pqVerificationCoversPassers: (ctx) => {
    const passers = resultsOf<QualificationResult>(ctx.data.pqEvaluation)
      .filter(qualificationPassed)
      .map((r) => r.vendorId);
    return coversExactly(passers, givenVendors(ctx), 'peserta yang lulus evaluasi kualifikasi');
  },
  /** Seleksi (scored): every applicant who submitted qualification documents is verified. */
  pqVerificationCoversApplicants: (ctx) => {
    const applicants = [...new Set(listAt<{ by: string }>(ctx.data, 'qualifications').map((q) => q.by))];
    return coversExactly(applicants, givenVendors(ctx), 'peserta yang menyampaikan dokumen kualifikasi');
  },
  pqObjectionAnswersComplete: (ctx) => {
    const ids = listAt<{ id: string }>(ctx.data, 'pqObjections').map((o) => o.id);
    const given = (ctx.payload.answers as { objectionId: string }[]).map((a) => a.objectionId);
    const unknown = given.filter((id) => !ids.includes(id));
    const duplicate = given.filter((id, i) => given.indexOf(id) !== i);
    const missing = ids.filter((id) => !given.includes(id));
    if (unknown.length || duplicate.length || missing.length) {
      return refuse(422, 'answers_incomplete', 'Setiap sanggahan prakualifikasi harus dijawab tepat satu kali.', {
        missing,
        unknown,
        duplicate: [...new Set(duplicate)],
      });
    }
    return undefined;
  },
};

export const pqReducers: Record<string, Reducer> = {
  /** The Pokja's answers; an upheld objection re-evaluates the prequalification (pqObjectionResult.upheld). */
  answerPqObjections: (ctx) => {
    const objections = listAt<PqObjection>(ctx.data, 'pqObjections');
    for (const a of ctx.payload.answers as { objectionId: string; upheld: boolean; answer: string }[]) {
      const o = objections.find((x) => x.id === a.objectionId)!;
      Object.assign(o, { upheld: a.upheld === true, answer: a.answer, answeredBy: ctx.actor.id, answeredAt: ctx.now });
    }
    ctx.data.pqObjectionResult = { upheld: objections.some((o) => o.upheld), by: ctx.actor.id, at: ctx.now };
    ctx.data.pqObjectionHistory = [...listAt<PqObjection>(ctx.data, 'pqObjectionHistory'), ...objections.map((o) => ({ ...o }))];
  },
};

/** The Pokja's pass/fail results with every unproven applicant failed (the settlement's input). */
export function provenResults<T extends QualificationResult>(results: T[], data: Record<string, unknown>): T[] {
  const unproven = unprovenVendors(data);
  // Failed under the key the result carries (`passed`; `kualifikasi` before tender-prakualifikasi v5).
  return results.map((r) => (!unproven.has(r.vendorId) ? r : 'passed' in r ? { ...r, passed: false } : { ...r, kualifikasi: false }));
}

/** Scored results without the unproven applicants, who then fail as not evaluated (seleksi's shortlist). */
export function provenScores<T extends { vendorId: string }>(results: T[], data: Record<string, unknown>): T[] {
  const unproven = unprovenVendors(data);
  return results.filter((r) => !unproven.has(r.vendorId));
}

/**
 * The round a prequalification settlement continues from: after an upheld sanggah prakualifikasi the same round is
 * settled again (a re-evaluation, not the re-run of Pasal 51(5)), so the last settlement is unwound.
 */
export function previousRound<R extends { round: number; history: { round: number; passed: number }[] }>(
  data: Record<string, unknown>,
  last: R | undefined,
): Pick<R, 'round' | 'history'> | undefined {
  const reEvaluation = (data.pqObjectionResult as { upheld?: boolean } | undefined)?.upheld === true;
  if (!last || !reEvaluation) return last;
  return last.round <= 1 ? undefined : { round: last.round - 1, history: last.history.slice(0, -1) };
}

/**
 * Sanggah and sanggah banding (docs/regulation.md §2.2 rows 10–13, §3.1–3.2): the causes a bidder may object for, which
 * failure follow-up an upheld objection leads to, the 1%-of-HPS appeal guarantee, and the rule book's checks and
 * reducers for the Pokja's answer and the PA/KPA's answer. Pure and deterministic: bundled with the workflow.
 */
import { mulDivUp } from '../contract/money';
import type { Check, Reducer, Refusal, RuleContext } from '../process/rulebook';

/** The rules refusals name (details.rule), by their legal source. */
export const OBJECTION_RULES = {
  period: 'Perpres 16/2018 Pasal 50 / Perlem LKPP 12/2021: masa sanggah 5 hari kalender setelah pengumuman pemenang, berakhir pada hari dan jam kerja',
  bidderOnly: 'Perlem LKPP 12/2021: sanggah hanya dapat diajukan oleh peserta yang menyampaikan dokumen penawaran pada paket ini',
  appealPeriod:
    'Perpres 16/2018 Pasal 50 ayat (2) jo. Perpres 12/2021: sanggah banding hanya untuk pekerjaan konstruksi, 5 hari kalender setelah jawaban sanggah',
  appealObjectorOnly: 'Perpres 16/2018 jo. Perpres 12/2021: sanggah banding hanya oleh penyanggah yang tidak menerima jawaban sanggah',
  appealGuarantee: 'Perpres 16/2018 Pasal 32: jaminan sanggah banding sebesar 1% dari HPS',
} as const;

/**
 * Causes of a sanggah (LKPP 12/2021: evaluation error; deviation from the Perpres or the selection document;
 * collusion/KKN; practices that hinder fair competition), with 'other' for the rest. Each maps to the Pasal 51
 * follow-up an upheld objection takes: cause a → evaluasi ulang, d → penyampaian penawaran ulang, the rest → tender
 * ulang (Pasal 51(6)–(9)).
 */
export const OBJECTION_CAUSES = ['evaluation_error', 'document_error', 'kkn', 'unfair_competition', 'other'] as const;
export type ObjectionCause = (typeof OBJECTION_CAUSES)[number];

export type FollowUp = 'evaluasi_ulang' | 'penawaran_ulang' | 'tender_ulang';
export const FOLLOW_UP_OF_CAUSE: Record<ObjectionCause, FollowUp> = {
  evaluation_error: 'evaluasi_ulang',
  document_error: 'penawaran_ulang',
  kkn: 'tender_ulang',
  unfair_competition: 'tender_ulang',
  other: 'tender_ulang',
};

/** A re-tender redoes everything a re-submission would, and a re-submission everything a re-evaluation would. */
const SEVERITY: FollowUp[] = ['evaluasi_ulang', 'penawaran_ulang', 'tender_ulang'];

/** The follow-up that covers every upheld cause: the most far-reaching of theirs, or none. */
export function followUpFor(causes: ObjectionCause[]): FollowUp | undefined {
  const idx = Math.max(-1, ...causes.map((c) => SEVERITY.indexOf(FOLLOW_UP_OF_CAUSE[c])));
  return idx < 0 ? undefined : SEVERITY[idx];
}

/** Jaminan sanggah banding: 1% of HPS, rounded up to the rupiah (Pasal 32). */
export const appealGuaranteeRequired = (hps: number): number => mulDivUp(hps, 1, 100);

export interface Objection {
  id: string;
  cause: ObjectionCause;
  reason: string;
  by: string;
  at: number;
  upheld?: boolean;
  answer?: string;
  answeredBy?: string;
  answeredAt?: number;
}

export interface Appeal {
  id: string;
  reason: string;
  guarantee: { number: string; issuer: string; amount: number };
  by: string;
  at: number;
  upheld?: boolean;
  answer?: string;
  answeredBy?: string;
  answeredAt?: number;
  /** Returned when the appeal is upheld, forfeited (cashed to the state) when it is rejected (§2.2 row 13). */
  guaranteeStatus?: 'dikembalikan' | 'dicairkan';
}

/** The outcome of an answer round: whether anything was upheld, and where the package goes then. */
export interface AnswerResult {
  upheld: boolean;
  followUp?: FollowUp;
  upheldCauses: ObjectionCause[];
  by: string;
  at: number;
}

interface Answer {
  id: string;
  upheld: boolean;
  answer: string;
}

const refuse = (status: Refusal['status'], code: string, message: string, details: Record<string, unknown>): Refusal => ({
  status,
  code,
  message,
  details,
});

const listAt = <T>(data: Record<string, unknown>, key: string): T[] => (Array.isArray(data[key]) ? (data[key] as T[]) : []);

const answersOf = (ctx: RuleContext, idField: string): Answer[] =>
  (ctx.payload.answers as Record<string, unknown>[]).map((a) => ({ id: String(a[idField]), upheld: a.upheld === true, answer: String(a.answer) }));

/** Every item answered exactly once, and nothing else: an answer round settles all of them at once. */
function answersComplete(ctx: RuleContext, listKey: string, idField: string, what: string): Refusal | undefined {
  const ids = listAt<{ id: string }>(ctx.data, listKey).map((o) => o.id);
  const given = answersOf(ctx, idField).map((a) => a.id);
  const unknown = given.filter((id) => !ids.includes(id));
  const duplicate = given.filter((id, i) => given.indexOf(id) !== i);
  const missing = ids.filter((id) => !given.includes(id));
  if (unknown.length || duplicate.length || missing.length) {
    return refuse(422, 'answers_incomplete', `Setiap ${what} harus dijawab tepat satu kali.`, { missing, unknown, duplicate: [...new Set(duplicate)] });
  }
  return undefined;
}

export const objectionChecks: Record<string, Check> = {
  objectionAnswersComplete: (ctx) => answersComplete(ctx, 'objections', 'objectionId', 'sanggahan'),
  appealAnswersComplete: (ctx) => answersComplete(ctx, 'appeals', 'appealId', 'sanggah banding'),

  /** Pasal 32: the appeal guarantee covers at least 1% of HPS. */
  appealGuaranteeSufficient: (ctx) => {
    const hps = Number((ctx.data.package as { hps?: number } | undefined)?.hps ?? 0);
    const required = appealGuaranteeRequired(hps);
    const offered = (ctx.payload.guarantee as { amount: number }).amount;
    if (offered < required) {
      return refuse(422, 'appeal_guarantee_insufficient', 'Jaminan sanggah banding kurang dari 1% HPS.', {
        required,
        offered,
        hps,
        rule: OBJECTION_RULES.appealGuarantee,
      });
    }
    return undefined;
  },
};

export const objectionReducers: Record<string, Reducer> = {
  /**
   * The Pokja's answer to every sanggah: each objection records its answer; `objectionResult` says whether any was
   * upheld and which follow-up fits the upheld causes. The answered objections are also kept in `objectionHistory`,
   * which a later round (after a re-evaluation) does not reset.
   */
  answerObjections: (ctx) => {
    const objections = listAt<Objection>(ctx.data, 'objections');
    for (const a of answersOf(ctx, 'objectionId')) {
      const o = objections.find((x) => x.id === a.id)!;
      Object.assign(o, { upheld: a.upheld, answer: a.answer, answeredBy: ctx.actor.id, answeredAt: ctx.now });
    }
    const upheldCauses = [...new Set(objections.filter((o) => o.upheld).map((o) => o.cause))];
    ctx.data.objectionResult = result(upheldCauses, ctx);
    ctx.data.objectionHistory = [...listAt<Objection>(ctx.data, 'objectionHistory'), ...objections.map((o) => ({ ...o }))];
  },

  /**
   * The PA/KPA's answer to every sanggah banding. An upheld appeal returns its guarantee and leads to the follow-up
   * of the appellant's own sanggah; a rejected one forfeits the guarantee and the package goes on.
   */
  answerAppeals: (ctx) => {
    const appeals = listAt<Appeal>(ctx.data, 'appeals');
    for (const a of answersOf(ctx, 'appealId')) {
      const ap = appeals.find((x) => x.id === a.id)!;
      Object.assign(ap, {
        upheld: a.upheld,
        answer: a.answer,
        answeredBy: ctx.actor.id,
        answeredAt: ctx.now,
        guaranteeStatus: a.upheld ? 'dikembalikan' : 'dicairkan',
      });
    }
    const appellants = new Set(appeals.filter((a) => a.upheld).map((a) => a.by));
    const upheldCauses = [
      ...new Set(
        listAt<Objection>(ctx.data, 'objections')
          .filter((o) => appellants.has(o.by))
          .map((o) => o.cause),
      ),
    ];
    ctx.data.appealResult = result(upheldCauses, ctx);
  },
};

function result(upheldCauses: ObjectionCause[], ctx: RuleContext): AnswerResult {
  const followUp = followUpFor(upheldCauses);
  return { upheld: upheldCauses.length > 0, ...(followUp ? { followUp } : {}), upheldCauses, by: ctx.actor.id, at: ctx.now };
}

/**
 * Tender/seleksi gagal (Perpres 16/2018 jo. 12/2021 Pasal 51; Perlem LKPP 12/2021 §4.2.14–4.2.15; docs/regulation.md §3.2):
 * the causes as data — letter, Bahasa text, who declares it, the follow-ups it allows and the citation — with the
 * rule book's check that refuses a follow-up the cause does not allow, and the reducer that records the declaration.
 * Pure and deterministic: bundled with the workflow.
 *
 * Sources and choices (see FAILURE.md next to this file):
 * - a–i are Pasal 51 ayat (2); their follow-ups Pasal 51 ayat (6)–(9): a → evaluasi ulang; d, h → penyampaian
 *   penawaran ulang; b, c, e, f, g, i → tender/seleksi ulang. A failed re-tender may go to Penunjukan Langsung with the
 *   PA/KPA's approval (Pasal 51 ayat (10), Pasal 38 ayat (5) huruf h).
 * - j–l are LKPP 12/2021 §4.2.14, declared by the PA/KPA. The reference names their content only by example ("sanggah
 *   upheld, PA/KPA agreeing with a PPK's refusal of the winner, PA refusing the winner above Rp100 bn / Rp10 bn
 *   consultancy") and gives no follow-up for them, so we chose: j = the PA/KPA agrees with the PPK's refusal to issue
 *   the SPPBJ, k = the PA refuses to set the winner the Pokja proposed, l = a sanggah banding upheld by the PA/KPA; the
 *   PA/KPA may continue with any of the Pasal 51 ayat (6)–(9) follow-ups (re-evaluation, re-submission, re-tender).
 * - Prequalification (Pasal 51 ayat (1), (5)): no qualification documents (pq_a) or fewer than three passers after the
 *   re-run (pq_b) → prakualifikasi ulang as a new package. The 2018 text; post-2021 wording unverified (§9.2).
 * - Tender cepat (§2.6, LKPP 9/2018 via S17, assumed unchanged in LKPP 12/2021): tender cepat ulang, ulang by a
 *   replacement Pokja, or cancellation, whatever the cause.
 */
import { refuse } from '../process/refusal';
import type { Check, Reducer } from '../process/rulebook';
import { textOf } from '../text';

export type FailureLetter = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j' | 'k' | 'l' | 'pq_a' | 'pq_b';

/** How a failed selection continues. */
export type FailureFollowUp =
  'evaluasi_ulang' | 'penawaran_ulang' | 'tender_ulang' | 'penunjukan_langsung' | 'tender_cepat_ulang' | 'tender_cepat_pokja_pengganti' | 'batal';

export const FOLLOW_UP_NAMES: Record<FailureFollowUp, string> = {
  evaluasi_ulang: 'Evaluasi ulang',
  penawaran_ulang: 'Penyampaian penawaran ulang',
  tender_ulang: 'Tender/seleksi ulang',
  penunjukan_langsung: 'Penunjukan Langsung (dengan persetujuan PA/KPA)',
  tender_cepat_ulang: 'Tender cepat ulang',
  tender_cepat_pokja_pengganti: 'Tender cepat ulang oleh Pokja pengganti',
  batal: 'Pengadaan dibatalkan',
};

export interface FailureCause {
  letter: FailureLetter;
  /** Bahasa Indonesia text as published (public events, OCDS statusDetails). */
  text: string;
  declaredBy: 'pokja' | 'pa_kpa';
  /** Follow-ups of a tender or seleksi (tender cepat has its own, TENDER_CEPAT_FOLLOW_UPS). */
  followUps: FailureFollowUp[];
  citation: string;
}

const P51 = 'Perpres 16/2018 jo. 12/2021 Pasal 51';
const RETENDER: FailureFollowUp[] = ['tender_ulang'];
const cause = (
  letter: FailureLetter,
  text: string,
  followUps: FailureFollowUp[],
  citation: string,
  declaredBy: 'pokja' | 'pa_kpa' = 'pokja',
): FailureCause => ({
  letter,
  text,
  declaredBy,
  followUps,
  citation,
});
const PA_FOLLOW_UPS: FailureFollowUp[] = ['evaluasi_ulang', 'penawaran_ulang', 'tender_ulang'];

export const FAILURE_CAUSES: Record<FailureLetter, FailureCause> = {
  a: cause('a', 'terdapat kesalahan dalam proses evaluasi', ['evaluasi_ulang'], `${P51} ayat (2) huruf a, ayat (6)`),
  b: cause(
    'b',
    'tidak ada peserta yang menyampaikan dokumen penawaran setelah ada pemberian waktu perpanjangan',
    RETENDER,
    `${P51} ayat (2) huruf b, ayat (9)`,
  ),
  c: cause('c', 'tidak ada peserta yang lulus evaluasi penawaran', RETENDER, `${P51} ayat (2) huruf c, ayat (9)`),
  d: cause(
    'd',
    'ditemukan kesalahan dalam Dokumen Pemilihan atau tidak sesuai dengan ketentuan Peraturan Presiden',
    ['penawaran_ulang'],
    `${P51} ayat (2) huruf d, ayat (7)`,
  ),
  e: cause('e', 'seluruh peserta terlibat Korupsi, Kolusi, dan/atau Nepotisme (KKN)', RETENDER, `${P51} ayat (2) huruf e, ayat (9)`),
  f: cause('f', 'seluruh peserta terlibat persaingan usaha tidak sehat', RETENDER, `${P51} ayat (2) huruf f, ayat (9)`),
  g: cause('g', 'seluruh penawaran harga di atas HPS (barang/pekerjaan konstruksi/jasa lainnya)', RETENDER, `${P51} ayat (2) huruf g, ayat (9)`),
  h: cause('h', 'negosiasi biaya pada seleksi tidak tercapai', ['penawaran_ulang'], `${P51} ayat (2) huruf h, ayat (8)`),
  i: cause('i', 'KKN melibatkan Pokja Pemilihan/PPK', RETENDER, `${P51} ayat (2) huruf i, ayat (9)`),
  j: cause(
    'j',
    'PA/KPA menyetujui penolakan PPK atas hasil pemilihan (penerbitan SPPBJ)',
    PA_FOLLOW_UPS,
    'Perlem LKPP 12/2021 Lampiran II §4.2.14 huruf j',
    'pa_kpa',
  ),
  k: cause('k', 'PA/KPA tidak menetapkan pemenang yang diusulkan Pokja Pemilihan', PA_FOLLOW_UPS, 'Perlem LKPP 12/2021 Lampiran II §4.2.14 huruf k', 'pa_kpa'),
  l: cause('l', 'sanggah banding dinyatakan benar oleh PA/KPA', PA_FOLLOW_UPS, 'Perlem LKPP 12/2021 Lampiran II §4.2.14 huruf l', 'pa_kpa'),
  pq_a: cause('pq_a', 'prakualifikasi gagal: tidak ada peserta yang menyampaikan dokumen kualifikasi', RETENDER, `${P51} ayat (1) huruf a, ayat (5)`),
  pq_b: cause('pq_b', 'prakualifikasi ulang gagal: tidak ada peserta yang lulus', RETENDER, `${P51} ayat (1) huruf b, ayat (5)`),
};

export const POKJA_LETTERS = (Object.keys(FAILURE_CAUSES) as FailureLetter[]).filter((l) => FAILURE_CAUSES[l].declaredBy === 'pokja');
export const PA_LETTERS = (Object.keys(FAILURE_CAUSES) as FailureLetter[]).filter((l) => FAILURE_CAUSES[l].declaredBy === 'pa_kpa');

/** §2.6 (S17): a failed tender cepat is repeated, repeated by a replacement Pokja, or cancelled. */
export const TENDER_CEPAT_FOLLOW_UPS: FailureFollowUp[] = ['tender_cepat_ulang', 'tender_cepat_pokja_pengganti', 'batal'];

export const FAILURE_RULES = {
  followUp: `${P51} ayat (6)–(9): tindak lanjut tender/seleksi gagal sesuai penyebabnya`,
  penunjukanLangsung: `${P51} ayat (10) jo. Pasal 38 ayat (5) huruf h: Penunjukan Langsung hanya setelah tender/seleksi ulang gagal, dengan persetujuan PA/KPA`,
  tenderCepat:
    'Perlem LKPP 12/2021 §5.4.4 (SDP 2018 IKP 26.4): tender cepat gagal dilanjutkan dengan tender cepat ulang, oleh Pokja pengganti, atau dibatalkan',
  declaredBy: 'Perlem LKPP 12/2021 §4.2.14: Pokja Pemilihan menyatakan gagal huruf a–i, PA/KPA huruf j–l',
} as const;

export interface FailureContext {
  /** The package is itself a re-tender (a follow-up of a failed package). */
  retender: boolean;
  /** The method is tender cepat (its own follow-ups). */
  tenderCepat: boolean;
}

/** The follow-ups a cause allows in this package. */
export function allowedFollowUps(letter: FailureLetter, ctx: FailureContext): FailureFollowUp[] {
  if (ctx.tenderCepat) return [...TENDER_CEPAT_FOLLOW_UPS];
  const base = FAILURE_CAUSES[letter].followUps;
  // A failed re-tender may switch to Penunjukan Langsung with the PA/KPA's approval (Pasal 51(10), 38(5)h).
  return ctx.retender && base.includes('tender_ulang') ? [...base, 'penunjukan_langsung'] : [...base];
}

/** The rule a refused follow-up names. */
function ruleFor(letter: FailureLetter, followUp: FailureFollowUp, ctx: FailureContext): string {
  if (ctx.tenderCepat) return FAILURE_RULES.tenderCepat;
  if (followUp === 'penunjukan_langsung') return FAILURE_RULES.penunjukanLangsung;
  return `${FAILURE_CAUSES[letter].citation}; ${FAILURE_RULES.followUp}`;
}

/** The recorded declaration (data.failure). */
export interface FailureRecord {
  letter: FailureLetter;
  cause: string;
  citation: string;
  declaredBy: 'pokja' | 'pa_kpa';
  followUp: FailureFollowUp;
  reason: string;
  stage: string;
  by: string;
  at: number;
}

/** The statusDetails text of a failed tender (OCDS) and the public event's title. */
export function failureSummary(letter: string, followUp?: string): string | undefined {
  const c = FAILURE_CAUSES[letter as FailureLetter];
  if (!c) return undefined;
  const then = followUp && FOLLOW_UP_NAMES[followUp as FailureFollowUp] ? `; tindak lanjut: ${FOLLOW_UP_NAMES[followUp as FailureFollowUp]}` : '';
  return `Gagal: ${c.text} (${c.citation})${then}`;
}

const isRetender = (data: Record<string, unknown>): boolean => {
  const prev = (data.package as { previousPackageId?: unknown } | undefined)?.previousPackageId;
  return typeof prev === 'string' && prev !== '';
};

/** Only the follow-ups the cause allows (Pasal 51(6)–(10)); the letter must be one its declarer may declare. */
const followUpAllowed =
  (tenderCepat: boolean): Check =>
  (ctx) => {
    const letter = ctx.payload.cause as FailureLetter;
    const followUp = ctx.payload.followUp as FailureFollowUp;
    const c = FAILURE_CAUSES[letter];
    if (!c) return refuse(422, 'unknown_failure_cause', `Penyebab gagal '${String(letter)}' tidak dikenal.`, { cause: letter });
    const role = ctx.actor.roles.includes('pa_kpa') && !ctx.actor.roles.includes('pokja') ? 'pa_kpa' : 'pokja';
    if (c.declaredBy !== role) {
      return refuse(
        403,
        'failure_cause_not_yours',
        `Penyebab gagal huruf ${letter} dinyatakan oleh ${c.declaredBy === 'pokja' ? 'Pokja Pemilihan' : 'PA/KPA'}.`,
        {
          cause: letter,
          rule: FAILURE_RULES.declaredBy,
        },
      );
    }
    const fctx: FailureContext = { retender: isRetender(ctx.data), tenderCepat };
    const allowed = allowedFollowUps(letter, fctx);
    if (!allowed.includes(followUp)) {
      return refuse(
        422,
        'follow_up_not_allowed',
        `Tindak lanjut '${FOLLOW_UP_NAMES[followUp] ?? followUp}' tidak sesuai dengan penyebab gagal huruf ${letter} (${c.text}).`,
        {
          cause: letter,
          followUp,
          allowed,
          rule: ruleFor(letter, followUp, fctx),
        },
      );
    }
    return undefined;
  };

export const failureChecks: Record<string, Check> = {
  failureFollowUpAllowed: followUpAllowed(false),
  tenderCepatFailureFollowUpAllowed: followUpAllowed(true),
};

export const failureReducers: Record<string, Reducer> = {
  /** Records the declaration with the cause's text and citation (published: OCDS statusDetails, public events). */
  declareFailure: (ctx) => {
    const letter = ctx.payload.cause as FailureLetter;
    const c = FAILURE_CAUSES[letter];
    const record: FailureRecord = {
      letter,
      cause: c.text,
      citation: c.citation,
      declaredBy: c.declaredBy,
      followUp: ctx.payload.followUp as FailureFollowUp,
      reason: textOf(ctx.payload.reason),
      stage: ctx.stage.id,
      by: ctx.actor.id,
      at: ctx.now,
    };
    ctx.data.failure = record;
    ctx.data.failureHistory = [...(Array.isArray(ctx.data.failureHistory) ? (ctx.data.failureHistory as unknown[]) : []), record];
  },
};

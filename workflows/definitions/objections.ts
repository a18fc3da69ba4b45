/**
 * Stage builders for the selection's addendum, sanggah and sanggah banding (docs/regulation.md §2.2 rows 3 and 10–13,
 * §3.1–3.2), shared by every definition with a masa sanggah (tender pasca 1 and 2 file, prakualifikasi, seleksi).
 *
 * - Adendum dokumen pemilihan: a Pokja action in the clarification and bid submission windows; it records the
 *   addendum, moves the bid deadline by its working days (the bid window is `extendedBy` the total) and notifies the
 *   vendors who may bid.
 * - Masa sanggah: 5 calendar days in which a bidder of this package files one sanggah with its cause. When objections
 *   were filed the Pokja answers all of them (≤3 calendar days, S4); an upheld one takes the Pasal 51 follow-up its
 *   cause calls for, otherwise the package goes on.
 * - Sanggah banding (construction only, Pasal 50(2)): after rejected objections, an objector may appeal to the PA/KPA
 *   within 5 calendar days with a guarantee of at least 1% of HPS (Pasal 32); the package waits for the answer
 *   (≤14 calendar days, S3). Upheld → the follow-up of the appellant's sanggah; rejected → the guarantee is
 *   forfeited and the package goes on.
 *
 * The reference gives the answer and appeal periods in calendar days (hkal, S3/S4), ending on a working day within
 * office hours like the masa sanggah; they are per-package schedule parameters.
 */
import type { ActionDef, ProcessNode, ScheduleParam } from '../../domain/process/definition';
import type { Predicate } from '../../domain/process/predicate';
import { ADDENDUM_PATHS } from '../../domain/selection/addendum';
import { type FollowUp, OBJECTION_CAUSES, OBJECTION_RULES } from '../../domain/selection/objections';
import { closed, collegial, rupiah, voteAction } from './common';

/** A list of vendors in the package data: the `field` of each item of `path` is a vendor's user id. */
export interface VendorList {
  path: string;
  field: string;
}
export const REGISTERED_VENDORS: VendorList = { path: 'registrations', field: 'by' };

/** The data path the bid submission window is extended by (working days, the sum of every addendum's extension). */
export const BID_DEADLINE_EXTENSION = ADDENDUM_PATHS.extension;

/**
 * The periods the law fixes, with the rule a package that sets them otherwise is refused with (schedule-rules.ts).
 * Evidence (docs/regulation.md §3.1, §0.2): [SECONDARY] — LKPP 12/2021 is known through its SDP/IKP extract "Cara sanggah"
 * (S4) for the sanggah and its answer, and through a practitioner article on Perpres 12/2021 (S3) for the sanggah
 * banding and its answer; the reference gives each in calendar days (hari kalender).
 */
export const FIXED_PERIOD_RULES = {
  objectionDays: 'Peraturan LKPP 12/2021 (IKP, Cara Sanggah): masa sanggah 5 (lima) hari kalender setelah pengumuman pemenang',
  objectionAnswerDue: 'Peraturan LKPP 12/2021 (IKP, Cara Sanggah): jawaban sanggah paling lambat 3 (tiga) hari kalender setelah masa sanggah berakhir',
  appealDays: 'Peraturan LKPP 12/2021: sanggah banding paling lambat 5 (lima) hari kalender setelah jawaban sanggah',
  appealAnswerDue: 'Peraturan LKPP 12/2021: jawaban sanggah banding paling lambat 14 (empat belas) hari kalender setelah sanggah banding diterima',
} as const;

/** Schedule parameters of the answer to objections, and of the construction appeal. */
export const objectionParams: Record<string, ScheduleParam> = {
  objectionAnswerDue: {
    name: 'Jawaban sanggah',
    unit: 'calendarDays',
    default: 3,
    min: 1,
    fixed: FIXED_PERIOD_RULES.objectionAnswerDue,
    endOnWorkingTime: true,
  },
};
export const appealParams: Record<string, ScheduleParam> = {
  appealDays: { name: 'Masa sanggah banding', unit: 'calendarDays', default: 5, min: 5, fixed: FIXED_PERIOD_RULES.appealDays, endOnWorkingTime: true },
  appealAnswerDue: {
    name: 'Jawaban sanggah banding',
    unit: 'calendarDays',
    default: 14,
    min: 1,
    fixed: FIXED_PERIOD_RULES.appealAnswerDue,
    endOnWorkingTime: true,
  },
};

/** Adendum dokumen pemilihan by the Pokja, announced to `to` (the registered vendors, or the invited ones). */
export const addendumAction = (to: VendorList): ActionDef => ({
  id: 'publish_addendum',
  name: 'Terbitkan Adendum Dokumen Pemilihan',
  performers: [{ role: 'pokja' }],
  payload: closed(
    {
      number: { type: 'string', minLength: 1, maxLength: 100, description: 'Nomor adendum' },
      summary: { type: 'string', minLength: 10, maxLength: 4000, description: 'Ringkasan perubahan dokumen pemilihan' },
      extensionDays: {
        type: 'integer',
        minimum: 0,
        maximum: 30,
        description: 'Perpanjangan batas unggah dokumen penawaran (hari kerja); 0 bila perubahan tidak substantif',
      },
    },
    ['number', 'summary', 'extensionDays'],
  ),
  effect: { kind: 'apply', reducer: 'publishDocumentAddendum' },
  notify: { kind: 'addendum', to, fields: ['number', 'summary', 'extensionDays'] },
});

const answers = (idField: string) => ({
  type: 'array',
  minItems: 1,
  maxItems: 500,
  items: closed(
    {
      [idField]: { type: 'string', minLength: 1, maxLength: 64 },
      upheld: { type: 'boolean', description: 'true: diterima (benar); false: ditolak' },
      answer: { type: 'string', minLength: 10, maxLength: 8000 },
    },
    [idField, 'upheld', 'answer'],
  ),
});

const fileObjection = (bidsPath: string): ActionDef => ({
  id: 'file_objection',
  name: 'Ajukan Sanggah',
  performers: [{ role: 'penyedia' }],
  payload: closed(
    {
      cause: {
        enum: [...OBJECTION_CAUSES],
        description:
          'evaluation_error: kesalahan evaluasi; document_error: penyimpangan dokumen pemilihan/ketentuan; kkn: rekayasa/KKN; ' +
          'unfair_competition: persaingan usaha tidak sehat; other: lainnya',
      },
      reason: { type: 'string', minLength: 10, maxLength: 8000, description: 'Uraian sanggahan' },
    },
    ['cause', 'reason'],
  ),
  requires: [
    {
      when: { op: 'someItem', path: bidsPath, field: 'by', right: { path: '$actor.id' } },
      code: 'not_a_bidder',
      message: 'Sanggah hanya dapat diajukan oleh peserta yang menyampaikan penawaran pada paket ini.',
      status: 403,
      rule: OBJECTION_RULES.bidderOnly,
    },
  ],
  effect: { kind: 'append', path: 'objections' },
  oncePerActor: true,
  rule: OBJECTION_RULES.period,
});

const fileAppeal: ActionDef = {
  id: 'file_appeal',
  name: 'Ajukan Sanggah Banding',
  performers: [{ role: 'penyedia' }],
  payload: closed(
    {
      reason: { type: 'string', minLength: 10, maxLength: 8000, description: 'Uraian sanggah banding' },
      guarantee: closed(
        {
          number: { type: 'string', minLength: 1, maxLength: 100, description: 'Nomor jaminan sanggah banding' },
          issuer: { type: 'string', minLength: 1, maxLength: 200, description: 'Bank / perusahaan asuransi penerbit' },
          amount: rupiah('Nilai jaminan (rupiah), paling sedikit 1% HPS'),
        },
        ['number', 'issuer', 'amount'],
      ),
    },
    ['reason', 'guarantee'],
  ),
  requires: [
    {
      when: { op: 'someItem', path: 'objections', field: 'by', right: { path: '$actor.id' } },
      code: 'not_an_objector',
      message: 'Sanggah banding hanya dapat diajukan oleh penyanggah yang sanggahannya ditolak.',
      status: 403,
      rule: OBJECTION_RULES.appealObjectorOnly,
    },
    { rule: 'appealGuaranteeSufficient' },
  ],
  effect: { kind: 'append', path: 'appeals' },
  oncePerActor: true,
  rule: OBJECTION_RULES.appealPeriod,
};

const FOLLOW_UP_NAMES: Record<FollowUp, string> = {
  evaluasi_ulang: 'diterima: evaluasi ulang',
  penawaran_ulang: 'diterima: penyampaian penawaran ulang',
  tender_ulang: 'diterima: tender/seleksi ulang',
};

/** Gateway branches from an answer's result (objectionResult, appealResult) to the stage of its follow-up. */
const followUpBranches = (resultPath: string, followUps: Record<FollowUp, string>) =>
  (Object.keys(FOLLOW_UP_NAMES) as FollowUp[]).map((f) => ({
    name: FOLLOW_UP_NAMES[f],
    when: { op: 'eq', left: { path: `${resultPath}.followUp` }, right: { value: f } } satisfies Predicate,
    to: followUps[f],
  }));

const isConstruction: Predicate = { op: 'eq', left: { path: 'package.category' }, right: { value: 'pekerjaan_konstruksi' } };

export interface ObjectionFlow {
  /** The list whose entries' `by` are this package's bidders (only they may object). */
  bidsPath: string;
  /** Where the package goes when nothing is upheld (SPPBJ, or the seleksi's negotiation). */
  next: string;
  /** The stage each Pasal 51 follow-up starts at in this definition. */
  followUps: Record<FollowUp, string>;
  /** Sanggah banding for construction packages; consultancy has none (Pasal 50(2)). */
  appeal: boolean;
  /**
   * Prefix of the stage ids, for a second masa sanggah in one definition (the announcement that nobody passes,
   * workflows/definitions/failure.ts); its stage names say which result the sanggah is about.
   */
  prefix?: string;
}

/**
 * Masa sanggah, the Pokja's answer, and for construction the sanggah banding with the PA/KPA's answer. Entering the
 * masa sanggah again (after a re-evaluation) starts a new round: the earlier round stays in `objectionHistory`.
 */
export function objectionStages(flow: ObjectionFlow): ProcessNode[] {
  const p = flow.prefix ?? '';
  const about = p ? ' (Hasil Evaluasi: Tidak Ada yang Lulus)' : '';
  const afterRejection = flow.appeal ? [{ name: 'ditolak, pekerjaan konstruksi: masa sanggah banding', when: isConstruction, to: `${p}appeal_period` }] : [];
  return [
    {
      id: `${p}objection_period`,
      name: `Masa Sanggah${about}`,
      type: 'timeWindow',
      duration: 'objectionDays',
      resets: ['objections', 'objectionResult', 'appeals', 'appealResult'],
      actions: [fileObjection(flow.bidsPath)],
      next: `${p}objections_filed`,
    },
    {
      id: `${p}objections_filed`,
      name: 'Ada sanggahan?',
      type: 'exclusiveGateway',
      branches: [{ name: 'ada sanggahan', when: { op: 'gt', left: { count: 'objections' }, right: { value: 0 } }, to: `${p}objection_answer` }],
      default: flow.next,
    },
    {
      id: `${p}objection_answer`,
      name: `Jawaban Sanggah${about}`,
      type: 'userTask',
      due: 'objectionAnswerDue',
      completion: 'any',
      actions: [
        // The answer is a decision of the Pokja as a body (SPSE: persetujuan anggota Pokja).
        collegial({
          id: 'answer_objections',
          name: 'Jawab Sanggahan',
          performers: [{ role: 'pokja' }],
          payload: closed({ answers: answers('objectionId') }, ['answers']),
          requires: [{ rule: 'objectionAnswersComplete' }],
          effect: { kind: 'apply', reducer: 'answerObjections' },
        }),
        voteAction(['answer_objections']),
      ],
      next: `${p}objection_outcome`,
    },
    {
      id: `${p}objection_outcome`,
      name: 'Sanggahan diterima?',
      type: 'exclusiveGateway',
      branches: [...followUpBranches('objectionResult', flow.followUps), ...afterRejection],
      default: flow.next,
    },
    ...(flow.appeal ? appealStages(flow, p, about) : []),
  ];
}

function appealStages(flow: ObjectionFlow, p: string, about: string): ProcessNode[] {
  return [
    {
      id: `${p}appeal_period`,
      name: `Masa Sanggah Banding${about}`,
      type: 'timeWindow',
      duration: 'appealDays',
      actions: [fileAppeal],
      next: `${p}appeals_filed`,
    },
    {
      id: `${p}appeals_filed`,
      name: 'Ada sanggah banding?',
      type: 'exclusiveGateway',
      branches: [{ name: 'ada sanggah banding', when: { op: 'gt', left: { count: 'appeals' }, right: { value: 0 } }, to: `${p}appeal_answer` }],
      default: flow.next,
    },
    {
      id: `${p}appeal_answer`,
      name: `Jawaban Sanggah Banding${about}`,
      type: 'userTask',
      due: 'appealAnswerDue',
      completion: 'any',
      actions: [
        {
          id: 'answer_appeals',
          name: 'Jawab Sanggah Banding',
          performers: [{ role: 'pa_kpa' }],
          payload: closed({ answers: answers('appealId') }, ['answers']),
          requires: [{ rule: 'appealAnswersComplete' }],
          effect: { kind: 'apply', reducer: 'answerAppeals' },
        },
      ],
      next: `${p}appeal_outcome`,
    },
    {
      id: `${p}appeal_outcome`,
      name: 'Sanggah banding diterima?',
      type: 'exclusiveGateway',
      branches: followUpBranches('appealResult', flow.followUps),
      default: flow.next,
    },
  ];
}

/**
 * Tender/seleksi ulang after an upheld sanggah, where the definition had no re-tender of its own: a new linked package
 * of the same method, and this one ends gagal.
 */
export const retenderStages = (method: string, name: string, endName: string): ProcessNode[] => [
  {
    id: 'start_retender',
    name,
    type: 'serviceTask',
    service: 'startFollowUpPackage',
    args: { method, reason: 'sanggah_diterima' },
    resultPath: 'followUp',
    next: 'failed_retender',
  },
  { id: 'failed_retender', name: endName, type: 'endEvent', outcome: 'failed', status: 'gagal' },
];

/**
 * Tender, pascakualifikasi, dua file (docs/regulation.md §2.3): as the 1-file tender, but File I (administrasi, kualifikasi,
 * teknis) is opened, scored and its result announced before File II (harga) is opened, and only for File I passers
 * (Perpres 16/2018 Pasal 40(3)). The Pokja chooses the evaluation method in the announcement: sistem nilai (Pasal
 * 39(2)) or harga terendah ambang batas (LKPP 12/2021 Lampiran III via S36). SPSE's stage list for this variant is
 * not documented (§9.4), so the stages are the reference's assumed list.
 *
 * The bidding stages are exported as builders: tender-prakualifikasi uses the same 2-file bidding after its
 * prequalification. The award-to-contract stages come from ./stages.
 */
import type { ActionDef, ProcessDefinition, ProcessNode, ScheduleParam } from '../../domain/process/definition';
import { ANSWER_STAMP, cancelInterrupt, closed, collegial, pokjaAction, registered, rupiah, bidDocument, perVendorResults, note, voteAction } from './common';
import { failureParams, type FailureOptions, NO_WINNER_CAUSES, noPasserParams, noPasserStages, withFailureStages } from './failure';
import { EVALUATION_ROUND_DATA, evaluationStageParams, priceClarificationStages, qualificationVerificationStages, rincianSchema } from './evaluation-stages';
import { unsealStage } from './sealing';
import { addendumAction, BID_DEADLINE_EXTENSION, REGISTERED_VENDORS, type VendorList } from './objections';
import { awardToContractParams, awardToContractStages, LATE_REGISTRATION_WINDOWS, registrationStage, HAND_OFF_STAGES } from './stages';
import { PREPARATION_START, preparationParams, preparationStages, preparedSelection } from './preparation';
import { bidSecuritySchema } from '../../domain/selection/bid-security';

type Requirement = NonNullable<ActionDef['requires']>[number];

/** Evaluation method, weight and threshold as published by the Pokja; the services read them at `settingsPath`. */
export const evaluationSettings = closed(
  {
    evaluationMethod: {
      enum: ['sistem_nilai', 'harga_terendah_ambang_batas'],
      description: 'sistem_nilai: bobot teknis + bobot harga; harga_terendah_ambang_batas: harga terendah yang lulus ambang teknis',
    },
    technicalWeight: {
      type: 'integer',
      minimum: 1,
      maximum: 99,
      description: 'Bobot teknis (%) untuk sistem nilai; bobot harga = 100 − bobot teknis. Bawaan 70.',
    },
    technicalThreshold: { type: 'number', minimum: 0, maximum: 100, description: 'Ambang batas nilai teknis. Bawaan 70.' },
    note: { type: 'string', maxLength: 2000 },
  },
  ['evaluationMethod'],
);

/** Defaults when the Pokja leaves weight or threshold out: technical 70 / price 30 (design-build range, S36). */
const settingsDefaults = { defaultTechnicalWeight: 70, defaultTechnicalThreshold: 70 };

/** Schedule parameters of the 2-file bidding and award stages (all "assumed" in §2.3 except the sanggah). */
export const twoFileBiddingParams: Record<string, ScheduleParam> = {
  clarificationDays: { name: 'Pemberian penjelasan', unit: 'calendarDays', default: 3, min: 1, max: 14, endOnWorkingTime: true },
  bidSubmissionDays: { name: 'Unggah dokumen penawaran (File I dan File II)', unit: 'workingDays', default: 3, min: 1, max: 30 },
  bidExtensionDays: { name: 'Perpanjangan unggah penawaran', unit: 'workingDays', default: 3, min: 1, max: 14 },
  file1OpeningDue: { name: 'Pembukaan File I', unit: 'hours', default: 24, min: 1, max: 72, endOnWorkingTime: true },
  file1EvaluationDue: { name: 'Evaluasi File I', unit: 'calendarDays', default: 4, min: 1, max: 30, endOnWorkingTime: true },
  file1AnnouncementDue: { name: 'Pengumuman hasil evaluasi File I', unit: 'workingDays', default: 1, min: 1, max: 5 },
  file2OpeningDue: { name: 'Pembukaan dan evaluasi File II', unit: 'calendarDays', default: 2, min: 1, max: 14, endOnWorkingTime: true },
  ...evaluationStageParams,
  ...awardToContractParams,
  resubmissionDays: { name: 'Pemasukan penawaran ulang', unit: 'workingDays', default: 3, min: 1, max: 14 },
  ...failureParams,
  ...noPasserParams,
};

/** A Pokja task; a collegial one (an opening) takes effect once a majority of the members agreed (issue 13 point 3). */
const pokjaTask = (
  id: string,
  name: string,
  actionId: string,
  actionName: string,
  path: string,
  due: string,
  next: string,
  isCollegial = false,
): ProcessNode => ({
  id,
  name,
  type: 'userTask',
  due,
  completion: 'any',
  actions: isCollegial ? [collegial(pokjaAction(actionId, actionName, path)), voteAction([actionId])] : [pokjaAction(actionId, actionName, path)],
  next,
});

/**
 * Online Q&A (aanwijzing) open to the vendors `guard` admits (registered, or invited after a prequalification), and
 * the Pokja's addendum to the selection document, announced to `bidders`.
 */
export function clarificationNode(guard: Requirement, next: string, bidders: VendorList): ProcessNode {
  return {
    id: 'clarification',
    name: 'Pemberian Penjelasan',
    type: 'timeWindow',
    duration: 'clarificationDays',
    actions: [
      {
        id: 'ask_question',
        name: 'Ajukan Pertanyaan',
        performers: [{ role: 'penyedia' }],
        payload: closed({ question: { type: 'string', minLength: 5, maxLength: 4000 } }, ['question']),
        requires: [guard],
        effect: { kind: 'append', path: 'questions' },
      },
      {
        id: 'answer_question',
        name: 'Jawab Pertanyaan',
        performers: [{ role: 'pokja' }],
        payload: closed({ questionId: { type: 'string', maxLength: 64 }, answer: { type: 'string', minLength: 1, maxLength: 8000 } }, ['questionId', 'answer']),
        effect: { kind: 'patchItem', path: 'questions', matchField: 'questionId', stamp: ANSWER_STAMP },
      },
      addendumAction(bidders),
    ],
    next,
  };
}

/**
 * From bid submission to the ranking: File I and File II are separate uploads, each sealed. File II stays sealed in
 * the view for good: only passers' prices are ever opened, and the ranking service publishes exactly those, so the
 * raw list must never be revealed (its `sealedUntil` path is never written).
 */
export function twoFileBiddingNodes(guard: Requirement, settingsPath: string, bidders: VendorList, verifyQualification = true): ProcessNode[] {
  const submitTechnical: ActionDef = {
    id: 'submit_technical_bid',
    name: 'Unggah Penawaran File I (Administrasi, Kualifikasi, Teknis)',
    performers: [{ role: 'penyedia' }],
    payload: closed(
      {
        documentRef: { type: 'string', minLength: 1, maxLength: 200, description: 'Rujukan dokumen File I' },
        document: bidDocument,
        durationDays: { type: 'integer', minimum: 1, maximum: 3650, description: 'Jangka waktu pelaksanaan (hari)' },
        // Construction above Rp10 miliar HPS: part of File I's administrasi (domain/selection/bid-security.ts).
        bidSecurity: bidSecuritySchema,
      },
      ['documentRef'],
    ),
    requires: [guard],
    effect: { kind: 'upsertByActor', path: 'technicalBids' },
    sealedUntil: 'technicalOpening',
    envelope: true,
  };
  const submitPrice: ActionDef = {
    id: 'submit_price_bid',
    name: 'Unggah Penawaran File II (Harga)',
    performers: [{ role: 'penyedia' }],
    payload: closed({ price: rupiah('Harga penawaran (rupiah, bilangan bulat)'), rincian: rincianSchema }, ['price']),
    requires: [guard],
    effect: { kind: 'upsertByActor', path: 'priceBids' },
    sealedUntil: 'priceBidsUnsealedForAll',
    envelope: true,
  };
  const hasBids = { op: 'gt' as const, left: { count: 'technicalBids' }, right: { value: 0 } };
  const serviceArgs = { settingsPath, ...settingsDefaults };
  return [
    {
      id: 'bid_submission',
      name: 'Upload Dokumen Penawaran (File I dan File II)',
      type: 'timeWindow',
      duration: 'bidSubmissionDays',
      // An addendum to the selection document moves the deadline by its working days (docs/regulation.md §2.2 row 3).
      extendedBy: BID_DEADLINE_EXTENSION,
      actions: [submitTechnical, submitPrice, addendumAction(bidders)],
      next: 'bids_received',
    },
    {
      id: 'bids_received',
      name: 'Ada penawaran masuk?',
      type: 'exclusiveGateway',
      branches: [{ name: 'ada penawaran', when: hasBids, to: 'file1_opening' }],
      default: 'bid_extension',
    },
    {
      id: 'bid_extension',
      name: 'Perpanjangan Upload Dokumen Penawaran',
      type: 'timeWindow',
      duration: 'bidExtensionDays',
      actions: [submitTechnical, submitPrice],
      next: 'bids_after_extension',
    },
    {
      id: 'bids_after_extension',
      name: 'Ada penawaran setelah perpanjangan?',
      type: 'exclusiveGateway',
      branches: [{ name: 'ada penawaran', when: hasBids, to: 'file1_opening' }],
      // Pasal 51(2)b: still no bid after the extension → the Pokja declares gagal.
      default: 'failure_no_bids',
    },
    pokjaTask(
      'file1_opening',
      'Pembukaan Penawaran File I',
      'open_technical_bids',
      'Buka File I',
      'technicalOpening',
      'file1OpeningDue',
      'file1_unsealing',
      true,
    ),
    unsealStage('file1_unsealing', 'technicalBids', 'file1Opening', 'file1_evaluation'),
    {
      id: 'file1_evaluation',
      name: 'Evaluasi Penawaran File I: Administrasi, Kualifikasi dan Teknis',
      type: 'userTask',
      // A re-evaluation or a new round of bids clarifies prices and verifies qualifications again.
      resets: EVALUATION_ROUND_DATA,
      due: 'file1EvaluationDue',
      completion: 'any',
      actions: [
        collegial({
          id: 'evaluate_technical',
          name: 'Simpan Hasil Evaluasi File I',
          performers: [{ role: 'pokja' }],
          payload: perVendorResults(
            {
              administrasi: { type: 'boolean' },
              kualifikasi: { type: 'boolean' },
              technicalScore: { type: 'number', minimum: 0, maximum: 100, description: 'Nilai teknis (0–100)' },
              note,
            },
            ['administrasi', 'kualifikasi', 'technicalScore'],
          ),
          effect: { kind: 'set', path: 'technicalEvaluation' },
        }),
        voteAction(['evaluate_technical']),
      ],
      next: 'file1_scoring',
    },
    {
      id: 'file1_scoring',
      name: 'Penetapan Lulus File I (Ambang Batas Teknis)',
      type: 'serviceTask',
      service: 'tenderTwoFileTechnical',
      args: serviceArgs,
      resultPath: 'file1Result',
      next: 'file1_passed',
    },
    {
      id: 'file1_passed',
      name: 'Ada penawaran yang lulus File I?',
      type: 'exclusiveGateway',
      branches: [{ name: 'ada yang lulus', when: { op: 'gt', left: { count: 'file1Result.passed' }, right: { value: 0 } }, to: 'file1_result_announcement' }],
      // Pasal 51(2)c: nobody passes the evaluation → announced, open to sanggah, then declared gagal (§3.2).
      default: 'no_passer_announcement',
    },
    pokjaTask(
      'file1_result_announcement',
      'Pengumuman Hasil Evaluasi Administrasi, Kualifikasi dan Teknis',
      'announce_technical_result',
      'Umumkan Hasil Evaluasi File I',
      'file1Announcement',
      'file1AnnouncementDue',
      'file2_opening',
    ),
    pokjaTask(
      'file2_opening',
      'Pembukaan dan Evaluasi Penawaran File II: Harga',
      'open_price_bids',
      'Buka File II Peserta yang Lulus',
      'priceOpening',
      'file2OpeningDue',
      'file2_unsealing',
      true,
    ),
    // Only the File II of those who passed File I is decrypted; the others stay sealed for good (Pasal 40(3)).
    unsealStage('file2_unsealing', 'priceBids', 'file2Opening', 'file2_ranking', 'file1Result.passed'),
    {
      id: 'file2_ranking',
      name: 'Pemeringkatan (Sistem Nilai / Harga Terendah Ambang Batas)',
      type: 'serviceTask',
      service: 'tenderTwoFileRanking',
      // Corrected prices, HPS limit, prices below 80% of HPS clarified first, winner and two reserves.
      args: { ...serviceArgs, clarifyLowPrices: true },
      resultPath: 'award',
      next: 'price_clarification_needed',
    },
    ...priceClarificationStages('file2_ranking', 'winner_found'),
    // Pembuktian kualifikasi down the ranking (not after a prequalification, which verified already). Nobody left, all
    // above the HPS (Pasal 51(2)g) or no File I passer sent a price (c) → announced, open to sanggah, then gagal.
    ...qualificationVerificationStages('award_decision', 'no_passer_announcement', verifyQualification),
    {
      // Pasal 51(8): an upheld sanggah on the selection document (cause d) reopens the bids, without the earlier ones.
      id: 'bid_resubmission',
      name: 'Pemasukan Penawaran Ulang (File I dan File II)',
      type: 'timeWindow',
      duration: 'resubmissionDays',
      resets: [
        'technicalBids',
        'priceBids',
        'technicalOpening',
        'file1Opening',
        'technicalEvaluation',
        'file1Result',
        'file1Announcement',
        'priceOpening',
        'file2Opening',
        'award',
      ],
      actions: [submitTechnical, submitPrice],
      next: 'resubmitted_bids',
    },
    {
      id: 'resubmitted_bids',
      name: 'Ada penawaran ulang?',
      type: 'exclusiveGateway',
      branches: [{ name: 'ada penawaran', when: hasBids, to: 'file1_opening' }],
      default: 'start_retender',
    },
  ];
}

/** Where an upheld sanggah leads in the 2-file bidding (Pasal 51(6)–(9)); the re-tender stages come from ./objections. */
export const twoFileObjectionFollowUps = {
  bidsPath: 'technicalBids',
  followUps: { evaluasi_ulang: 'file1_evaluation', penawaran_ulang: 'bid_resubmission', tender_ulang: 'start_retender' },
  appeal: true,
};

/**
 * Tender gagal in the 2-file bidding (Pasal 51, ./failure): no bids after the extension (b); nobody passes File I, or
 * no File I passer's price qualifies (c, g), announced and open to sanggah first (§3.2).
 */
export const twoFileFailure = (retenderMethod: string): FailureOptions => ({
  variant: 'tender',
  label: 'Tender',
  retenderMethod,
  evaluation: 'file1_evaluation',
  resubmission: 'bid_resubmission',
  entries: [
    { id: 'failure_no_bids', name: 'Penetapan Tender Gagal: Tidak Ada Penawaran', causes: ['b'] },
    { id: 'failure_follow_up', name: 'Penetapan Tender Gagal dan Tindak Lanjut', causes: NO_WINNER_CAUSES },
  ],
});

/** The announcement that nobody passes and its masa sanggah (before the declaration). */
export const twoFileNoPasserNodes = (): ProcessNode[] =>
  noPasserStages({ bidsPath: 'technicalBids', declaration: 'failure_follow_up', followUps: twoFileObjectionFollowUps.followUps, appeal: true });

/** The cancellation end the 2-file bidding flows to (its failures go through ./failure). */
export const twoFileEndNodes: ProcessNode[] = [{ id: 'cancelled', name: 'Tender Dibatalkan', type: 'endEvent', outcome: 'cancelled', status: 'batal' }];

export const tenderPascaDuaFile: ProcessDefinition = preparedSelection(
  {
    id: 'tender-pasca-2file',
    version: 5,
    name: 'Tender Pascakualifikasi Dua File (Sistem Nilai / Harga Terendah Ambang Batas)',
    method: 'tender-2file',
    description: 'Tender pascakualifikasi dua file: File I dievaluasi dan diumumkan lebih dulu, File II dibuka hanya untuk yang lulus.',
    roles: ['ppk', 'kepala_ukpbj', 'pokja', 'pa_kpa', 'penyedia'],
    // The head of the UKPBJ assigns the Pokja (officer_assignment); the PPK names the head, not the members.
    assignments: ['ppk', 'kepala_ukpbj', 'pa_kpa'],
    params: {
      ...preparationParams,
      announcementDue: { name: 'Batas pengumuman', unit: 'workingDays', default: 2, min: 1, max: 10 },
      registrationDays: { name: 'Pendaftaran dan unduh dokumen', unit: 'calendarDays', default: 5, min: 1, max: 30, endOnWorkingTime: true },
      ...twoFileBiddingParams,
    },
    start: PREPARATION_START,
    nodes: withFailureStages(twoFileFailure('tender-2file'), [
      ...preparationStages({ officer: 'pokja', next: 'announcement' }),
      {
        id: 'announcement',
        name: 'Pengumuman Pascakualifikasi',
        type: 'userTask',
        due: 'announcementDue',
        completion: 'any',
        actions: [
          {
            id: 'announce',
            name: 'Umumkan Tender (dengan Metode Evaluasi)',
            performers: [{ role: 'pokja' }],
            payload: evaluationSettings,
            effect: { kind: 'set', path: 'announcement' },
          },
        ],
        next: 'registration',
      },
      registrationStage(),
      clarificationNode(registered, 'bid_submission', REGISTERED_VENDORS),
      ...twoFileBiddingNodes(registered, 'announcement', REGISTERED_VENDORS),
      ...awardToContractStages(twoFileObjectionFollowUps),
      ...twoFileNoPasserNodes(),
      ...twoFileEndNodes,
    ]),
    interrupts: [cancelInterrupt(HAND_OFF_STAGES)],
  },
  { from: 'announcement', until: 'award_announcement', lateRegistration: LATE_REGISTRATION_WINDOWS },
);

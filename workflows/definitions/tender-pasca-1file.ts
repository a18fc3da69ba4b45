/**
 * Tender, pascakualifikasi, satu file, harga terendah sistem gugur — the default tender path
 * (docs/regulation.md Â§2.2). Durations marked "assumed" there are schedule parameters with
 * those defaults, so a Pokja can set the package's own jadwal within the lower bounds.
 *
 * Tender gagal (Perpres 16/2018 Pasal 51) through ./failure: the Pokja declares it collegially with its cause, and the
 * follow-ups are those the cause allows — re-evaluation, re-submission of bids, re-tender (a new linked package), and
 * after a failed re-tender a switch to Penunjukan Langsung (Pasal 38(5)h) that needs the PA/KPA's approval.
 */
import type { ActionDef, ProcessDefinition } from '../../domain/process/definition';
import { ANSWER_STAMP, cancelInterrupt, collegial, registered, voteAction, withNote, bidDocument } from './common';
import { failureParams, NO_WINNER_CAUSES, noPasserParams, noPasserStages, withFailureStages, type FailureOptions } from './failure';
import { EVALUATION_ROUND_DATA, evaluationStageParams, priceClarificationStages, qualificationVerificationStages, rincianSchema } from './evaluation-stages';
import {
  awardAnnouncementStage,
  awardDecisionStage,
  awardToContractParams,
  contractHandOffStages,
  HAND_OFF_STAGES,
  LATE_REGISTRATION_WINDOWS,
  registrationStage,
  TENDER_AWARD,
  tenderSppbjStages,
} from './stages';
import { unsealStage } from './sealing';
import { addendumAction, BID_DEADLINE_EXTENSION, objectionStages, REGISTERED_VENDORS } from './objections';
import { PREPARATION_START, preparationParams, preparationStages, preparedSelection } from './preparation';
import { bidSecuritySchema } from '../../domain/selection/bid-security';

const submitBid: ActionDef = {
  id: 'submit_bid',
  name: 'Unggah Dokumen Penawaran',
  performers: [{ role: 'penyedia' }],
  payload: {
    type: 'object',
    additionalProperties: false,
    required: ['price'],
    properties: {
      price: { type: 'integer', minimum: 1, maximum: 1e15, description: 'Harga penawaran (rupiah, bilangan bulat)' },
      durationDays: { type: 'integer', minimum: 1, maximum: 3650, description: 'Jangka waktu pelaksanaan (hari)' },
      documentRef: { type: 'string', maxLength: 200, description: 'Rujukan dokumen penawaran' },
      rincian: rincianSchema,
      document: bidDocument,
      // Construction above Rp10 miliar HPS: checked in the evaluasi administrasi after the opening (bid-security.ts).
      bidSecurity: bidSecuritySchema,
    },
  },
  requires: [registered],
  // One bid per vendor; a re-submission inside the window replaces the earlier one.
  effect: { kind: 'upsertByActor', path: 'bids' },
  sealedUntil: 'opening',
  envelope: true,
};

/** Tender gagal (Pasal 51): where the process finds it failed, and the follow-ups this definition has. */
const FAILURE: FailureOptions = {
  variant: 'tender',
  label: 'Tender',
  retenderMethod: 'tender',
  evaluation: 'evaluation',
  resubmission: 'bid_resubmission',
  entries: [
    { id: 'failure_no_bids', name: 'Penetapan Tender Gagal: Tidak Ada Penawaran', causes: ['b'] },
    // After the announcement that nobody passes and its masa sanggah; an evaluation error found then is cause a.
    { id: 'failure_follow_up', name: 'Penetapan Tender Gagal dan Tindak Lanjut', causes: NO_WINNER_CAUSES },
  ],
};

export const tenderPascaSatuFile: ProcessDefinition = preparedSelection(
  {
    id: 'tender-pasca-1file',
    version: 6,
    name: 'Tender Pascakualifikasi Satu File (Harga Terendah Sistem Gugur)',
    method: 'tender',
    description: 'Tender barang/pekerjaan konstruksi/jasa lainnya, pascakualifikasi, satu file, harga terendah.',
    roles: ['ppk', 'kepala_ukpbj', 'pokja', 'pa_kpa', 'penyedia'],
    // The head of the UKPBJ assigns the Pokja (officer_assignment); the PPK names the head, not the members.
    assignments: ['ppk', 'kepala_ukpbj', 'pa_kpa'],
    params: {
      ...preparationParams,
      announcementDue: { name: 'Batas pengumuman', unit: 'workingDays', default: 2, min: 1, max: 10 },
      registrationDays: { name: 'Pendaftaran dan unduh dokumen', unit: 'calendarDays', default: 5, min: 1, max: 30, endOnWorkingTime: true },
      clarificationDays: { name: 'Pemberian penjelasan', unit: 'calendarDays', default: 3, min: 1, max: 14, endOnWorkingTime: true },
      bidSubmissionDays: { name: 'Unggah dokumen penawaran', unit: 'workingDays', default: 3, min: 1, max: 30 },
      bidExtensionDays: { name: 'Perpanjangan unggah penawaran', unit: 'workingDays', default: 3, min: 1, max: 14 },
      openingDue: { name: 'Pembukaan penawaran', unit: 'hours', default: 24, min: 1, max: 72, endOnWorkingTime: true },
      evaluationDue: { name: 'Evaluasi penawaran', unit: 'workingDays', default: 4, min: 1, max: 30 },
      ...evaluationStageParams,
      ...awardToContractParams,
      ...failureParams,
      ...noPasserParams,
      resubmissionDays: { name: 'Pemasukan penawaran ulang', unit: 'workingDays', default: 3, min: 1, max: 14 },
    },
    start: PREPARATION_START,
    nodes: withFailureStages(FAILURE, [
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
            name: 'Umumkan Tender',
            performers: [{ role: 'pokja' }],
            payload: withNote,
            effect: { kind: 'set', path: 'announcement' },
          },
        ],
        next: 'registration',
      },
      registrationStage(),
      {
        id: 'clarification',
        name: 'Pemberian Penjelasan',
        type: 'timeWindow',
        duration: 'clarificationDays',
        actions: [
          {
            id: 'ask_question',
            name: 'Ajukan Pertanyaan',
            performers: [{ role: 'penyedia' }],
            payload: {
              type: 'object',
              additionalProperties: false,
              required: ['question'],
              properties: { question: { type: 'string', minLength: 5, maxLength: 4000 } },
            },
            requires: [registered],
            effect: { kind: 'append', path: 'questions' },
          },
          {
            id: 'answer_question',
            name: 'Jawab Pertanyaan',
            performers: [{ role: 'pokja' }],
            payload: {
              type: 'object',
              additionalProperties: false,
              required: ['questionId', 'answer'],
              properties: {
                questionId: { type: 'string', maxLength: 64 },
                answer: { type: 'string', minLength: 1, maxLength: 8000 },
              },
            },
            effect: { kind: 'patchItem', path: 'questions', matchField: 'questionId', stamp: ANSWER_STAMP },
          },
          addendumAction(REGISTERED_VENDORS),
        ],
        next: 'bid_submission',
      },
      {
        id: 'bid_submission',
        name: 'Upload Dokumen Penawaran',
        type: 'timeWindow',
        duration: 'bidSubmissionDays',
        // An addendum to the selection document moves the deadline by its working days (docs/regulation.md §2.2 row 3).
        extendedBy: BID_DEADLINE_EXTENSION,
        actions: [submitBid, addendumAction(REGISTERED_VENDORS)],
        next: 'bids_received',
      },
      {
        id: 'bids_received',
        name: 'Ada penawaran masuk?',
        type: 'exclusiveGateway',
        branches: [{ name: 'ada penawaran', when: { op: 'gt', left: { count: 'bids' }, right: { value: 0 } }, to: 'bid_opening' }],
        default: 'bid_extension',
      },
      {
        id: 'bid_extension',
        name: 'Perpanjangan Upload Dokumen Penawaran',
        type: 'timeWindow',
        duration: 'bidExtensionDays',
        actions: [submitBid],
        next: 'bids_after_extension',
      },
      {
        id: 'bids_after_extension',
        name: 'Ada penawaran setelah perpanjangan?',
        type: 'exclusiveGateway',
        branches: [{ name: 'ada penawaran', when: { op: 'gt', left: { count: 'bids' }, right: { value: 0 } }, to: 'bid_opening' }],
        // Pasal 51(2)b, (9): still no bid after the extension → the Pokja declares tender gagal → tender ulang.
        default: 'failure_no_bids',
      },
      {
        id: 'bid_opening',
        name: 'Pembukaan Dokumen Penawaran',
        type: 'userTask',
        due: 'openingDue',
        completion: 'any',
        // Collegial (issue 13 point 3): the opening takes effect once a majority of the Pokja agreed.
        actions: [
          collegial({
            id: 'open_bids',
            name: 'Buka Dokumen Penawaran',
            performers: [{ role: 'pokja' }],
            payload: withNote,
            effect: { kind: 'set', path: 'opening' },
          }),
          voteAction(['open_bids']),
        ],
        next: 'bid_unsealing',
      },
      unsealStage('bid_unsealing', 'bids', 'bidOpening', 'evaluation'),
      {
        id: 'evaluation',
        name: 'Evaluasi Administrasi, Kualifikasi, Teknis, dan Harga',
        type: 'userTask',
        // A re-evaluation (evaluasi ulang) or a new round of bids clarifies and verifies again.
        resets: EVALUATION_ROUND_DATA,
        due: 'evaluationDue',
        completion: 'any',
        actions: [
          collegial({
            id: 'evaluate',
            name: 'Simpan Hasil Evaluasi',
            performers: [{ role: 'pokja' }],
            payload: {
              type: 'object',
              additionalProperties: false,
              required: ['results'],
              properties: {
                results: {
                  type: 'array',
                  minItems: 1,
                  maxItems: 500,
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['vendorId', 'administrasi', 'kualifikasi', 'teknis'],
                    properties: {
                      vendorId: { type: 'string', maxLength: 128 },
                      administrasi: { type: 'boolean' },
                      kualifikasi: { type: 'boolean' },
                      teknis: { type: 'boolean' },
                      note: { type: 'string', maxLength: 2000 },
                    },
                  },
                },
              },
            },
            effect: { kind: 'set', path: 'evaluation' },
          }),
          voteAction(['evaluate']),
        ],
        next: 'ranking',
      },
      {
        id: 'ranking',
        name: 'Pemeringkatan Harga Terendah',
        type: 'serviceTask',
        service: 'rankLowestPrice',
        // Corrected prices, HPS limit, prices below 80% of HPS clarified first, winner and two reserves.
        args: { clarifyLowPrices: true },
        resultPath: 'award',
        next: 'price_clarification_needed',
      },
      ...priceClarificationStages('ranking', 'winner_found'),
      // Pembuktian kualifikasi down the ranking; nobody left (or all above the HPS) → announced, open to sanggah, then
      // declared gagal (Pasal 51(2)c/g; §3.2: after the sanggah period).
      ...qualificationVerificationStages('award_decision', 'no_passer_announcement'),
      ...noPasserStages({
        bidsPath: 'bids',
        declaration: 'failure_follow_up',
        followUps: { evaluasi_ulang: 'evaluation', penawaran_ulang: 'bid_resubmission', tender_ulang: 'start_retender' },
        appeal: true,
      }),
      {
        id: 'bid_resubmission',
        name: 'Pemasukan Penawaran Ulang',
        type: 'timeWindow',
        duration: 'resubmissionDays',
        // A new round: earlier bids, opening, evaluation and ranking no longer count.
        resets: ['bids', 'opening', 'bidOpening', 'evaluation', 'award', 'failure'],
        actions: [submitBid],
        next: 'resubmitted_bids',
      },
      {
        id: 'resubmitted_bids',
        name: 'Ada penawaran ulang?',
        type: 'exclusiveGateway',
        branches: [{ name: 'ada penawaran', when: { op: 'gt', left: { count: 'bids' }, right: { value: 0 } }, to: 'bid_opening' }],
        default: 'start_retender',
      },
      awardDecisionStage(),
      awardAnnouncementStage(),
      // An upheld sanggah reuses the Pasal 51 follow-ups above; construction adds the sanggah banding.
      ...objectionStages({
        bidsPath: 'bids',
        next: 'sppbj',
        followUps: { evaluasi_ulang: 'evaluation', penawaran_ulang: 'bid_resubmission', tender_ulang: 'start_retender' },
        appeal: true,
      }),
      // The PPK may refuse the SPPBJ (PA/KPA decides); a winner who withdraws or does not sign yields to the reserves.
      ...tenderSppbjStages({ noReserve: 'start_retender' }),
      ...contractHandOffStages(TENDER_AWARD, { sppbj: true, reserves: true }),
      { id: 'cancelled', name: 'Tender Dibatalkan', type: 'endEvent', outcome: 'cancelled', status: 'batal' },
    ]),
    interrupts: [cancelInterrupt(HAND_OFF_STAGES)],
  },
  { from: 'announcement', until: 'award_announcement', lateRegistration: LATE_REGISTRATION_WINDOWS },
);

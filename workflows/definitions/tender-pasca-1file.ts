/**
 * Tender, pascakualifikasi, satu file, harga terendah sistem gugur — the default tender path
 * (shared/reference/spse-domain.md, stage table 2.2). Durations marked "assumed" there are schedule parameters with
 * those defaults, so a Pokja can set the package's own jadwal within the lower bounds.
 *
 * Version 2 adds the failure follow-ups of Perpres 16/2018 Pasal 51: re-evaluation, re-submission of bids,
 * re-tender (a new linked package), and after a failed re-tender a switch to Penunjukan Langsung (Pasal 38(5)h)
 * that needs the PA/KPA's approval. Packages started on version 1 keep running version 1.
 */
import type { ActionDef, ProcessDefinition } from '../../domain/process/definition';
import { cancelInterrupt, closed, registered, withNote, withReason, bidDocument } from './common';
import {
  EVALUATION_ROUND_DATA,
  evaluationStageParams,
  priceClarificationStages,
  qualificationVerificationStages,
  rincianSchema,
} from './evaluation-stages';
import {
  awardAnnouncementStage,
  awardDecisionStage,
  awardToContractParams,
  contractHandOffStages,
  HAND_OFF_STAGES,
  registrationStage,
  sppbjStage,
} from './stages';
import { unsealStage } from './sealing';
import { addendumAction, BID_DEADLINE_EXTENSION, objectionStages, REGISTERED_VENDORS } from './objections';

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
    },
  },
  requires: [registered],
  // One bid per vendor; a re-submission inside the window replaces the earlier one.
  effect: { kind: 'upsertByActor', path: 'bids' },
  sealedUntil: 'opening',
  envelope: true,
};

export const tenderPascaSatuFile: ProcessDefinition = {
  id: 'tender-pasca-1file',
  version: 4,
  name: 'Tender Pascakualifikasi Satu File (Harga Terendah Sistem Gugur)',
  method: 'tender',
  description: 'Tender barang/pekerjaan konstruksi/jasa lainnya, pascakualifikasi, satu file, harga terendah.',
  roles: ['ppk', 'pokja', 'pa_kpa', 'penyedia'],
  assignments: ['ppk', 'pokja', 'pa_kpa'],
  params: {
    announcementDue: { name: 'Batas pengumuman', unit: 'workingDays', default: 2, min: 1 },
    registrationDays: { name: 'Pendaftaran dan unduh dokumen', unit: 'calendarDays', default: 5, min: 1 },
    clarificationDays: { name: 'Pemberian penjelasan', unit: 'calendarDays', default: 3, min: 1 },
    bidSubmissionDays: { name: 'Unggah dokumen penawaran', unit: 'workingDays', default: 3, min: 1 },
    bidExtensionDays: { name: 'Perpanjangan unggah penawaran', unit: 'workingDays', default: 3, min: 1 },
    openingDue: { name: 'Pembukaan penawaran', unit: 'hours', default: 24, min: 1 },
    evaluationDue: { name: 'Evaluasi penawaran', unit: 'workingDays', default: 4, min: 1 },
    ...evaluationStageParams,
    ...awardToContractParams,
    failureFollowUpDue: { name: 'Tindak lanjut tender gagal', unit: 'workingDays', default: 2, min: 1 },
    resubmissionDays: { name: 'Pemasukan penawaran ulang', unit: 'workingDays', default: 3, min: 1 },
    plApprovalDue: { name: 'Persetujuan Penunjukan Langsung', unit: 'workingDays', default: 3, min: 1 },
  },
  start: 'announcement',
  nodes: [
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
          effect: { kind: 'patchItem', path: 'questions', matchField: 'questionId' },
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
      // An addendum to the selection document moves the deadline by its working days (spse-domain §2.2 row 3).
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
      // Pasal 51(2)b, (9): still no bid after the extension → tender gagal → tender ulang.
      default: 'start_retender_no_bids',
    },
    {
      id: 'start_retender_no_bids',
      name: 'Mulai Tender Ulang (tanpa penawaran)',
      type: 'serviceTask',
      service: 'startFollowUpPackage',
      args: { method: 'tender', reason: 'tender_ulang_tanpa_penawaran' },
      resultPath: 'followUp',
      next: 'failed_no_bids',
    },
    {
      id: 'bid_opening',
      name: 'Pembukaan Dokumen Penawaran',
      type: 'userTask',
      due: 'openingDue',
      completion: 'any',
      actions: [
        {
          id: 'open_bids',
          name: 'Buka Dokumen Penawaran',
          performers: [{ role: 'pokja' }],
          payload: withNote,
          effect: { kind: 'set', path: 'opening' },
        },
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
        {
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
                    catatan: { type: 'string', maxLength: 2000 },
                  },
                },
              },
            },
          },
          effect: { kind: 'set', path: 'evaluation' },
        },
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
    // Pembuktian kualifikasi down the ranking; nobody left qualifies → tender gagal (Pasal 51(2)c).
    ...qualificationVerificationStages('award_decision', 'failure_follow_up'),
    {
      // Pasal 51(1), (6)–(9): the Pokja declares the tender failed and chooses how it continues.
      id: 'failure_follow_up',
      name: 'Tindak Lanjut Tender Gagal',
      type: 'userTask',
      due: 'failureFollowUpDue',
      completion: 'any',
      actions: [
        {
          id: 'decide_follow_up',
          name: 'Tetapkan Tindak Lanjut',
          performers: [{ role: 'pokja' }],
          payload: closed(
            {
              followUp: {
                enum: ['evaluasi_ulang', 'penawaran_ulang', 'tender_ulang'],
                description: 'evaluasi_ulang: kesalahan evaluasi; penawaran_ulang: pemasukan penawaran ulang; tender_ulang: paket baru',
              },
              reason: { type: 'string', minLength: 10, maxLength: 4000 },
            },
            ['followUp', 'reason'],
          ),
          effect: { kind: 'set', path: 'failure' },
        },
        {
          id: 'propose_penunjukan_langsung',
          name: 'Usulkan Penunjukan Langsung',
          performers: [{ role: 'pokja' }],
          payload: withReason,
          // Pasal 38(5)h: Penunjukan Langsung only after a repeated tender (tender ulang) failed.
          requires: [
            {
              when: { op: 'exists', operand: { path: 'package.previousPackageId' } },
              code: 'not_a_retender',
              message: 'Penunjukan Langsung hanya dapat diusulkan setelah tender ulang gagal (Pasal 38 ayat 5 huruf h).',
            },
          ],
          effect: { kind: 'set', path: 'plProposal' },
        },
      ],
      next: 'follow_up_choice',
    },
    {
      id: 'follow_up_choice',
      name: 'Pilihan tindak lanjut',
      type: 'exclusiveGateway',
      branches: [
        { name: 'usul penunjukan langsung', when: { op: 'exists', operand: { path: 'plProposal' } }, to: 'pl_approval' },
        { name: 'evaluasi ulang', when: { op: 'eq', left: { path: 'failure.followUp' }, right: { value: 'evaluasi_ulang' } }, to: 'evaluation' },
        { name: 'penawaran ulang', when: { op: 'eq', left: { path: 'failure.followUp' }, right: { value: 'penawaran_ulang' } }, to: 'bid_resubmission' },
      ],
      default: 'start_retender',
    },
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
    {
      id: 'pl_approval',
      name: 'Persetujuan Penunjukan Langsung oleh PA/KPA',
      type: 'userTask',
      due: 'plApprovalDue',
      completion: 'any',
      actions: [
        {
          id: 'approve_penunjukan_langsung',
          name: 'Putuskan Usulan Penunjukan Langsung',
          performers: [{ role: 'pa_kpa' }],
          payload: closed({ approved: { type: 'boolean' }, note: { type: 'string', maxLength: 2000 } }, ['approved']),
          effect: { kind: 'set', path: 'plApproval' },
        },
      ],
      next: 'pl_approved',
    },
    {
      id: 'pl_approved',
      name: 'Disetujui PA/KPA?',
      type: 'exclusiveGateway',
      branches: [{ name: 'disetujui', when: { op: 'eq', left: { path: 'plApproval.approved' }, right: { value: true } }, to: 'start_penunjukan_langsung' }],
      default: 'start_retender',
    },
    {
      id: 'start_penunjukan_langsung',
      name: 'Mulai Penunjukan Langsung',
      type: 'serviceTask',
      service: 'startFollowUpPackage',
      args: { method: 'penunjukan-langsung', reason: 'tender_ulang_gagal' },
      resultPath: 'followUp',
      next: 'failed_switched_to_pl',
    },
    {
      id: 'start_retender',
      name: 'Mulai Tender Ulang',
      type: 'serviceTask',
      service: 'startFollowUpPackage',
      args: { method: 'tender', reason: 'tender_ulang' },
      resultPath: 'followUp',
      next: 'failed_retender',
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
    sppbjStage(),
    ...contractHandOffStages(),
    { id: 'failed_no_bids', name: 'Tender Gagal: Tidak Ada Penawaran', type: 'endEvent', outcome: 'failed', status: 'gagal' },
    { id: 'failed_retender', name: 'Tender Gagal: Dilanjutkan dengan Tender Ulang', type: 'endEvent', outcome: 'failed', status: 'gagal' },
    { id: 'failed_switched_to_pl', name: 'Tender Gagal: Dilanjutkan dengan Penunjukan Langsung', type: 'endEvent', outcome: 'failed', status: 'gagal' },
    { id: 'cancelled', name: 'Tender Dibatalkan', type: 'endEvent', outcome: 'cancelled', status: 'batal' },
  ],
  interrupts: [cancelInterrupt(HAND_OFF_STAGES)],
};

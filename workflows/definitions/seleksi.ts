/**
 * Seleksi of consultancy firms: prakualifikasi, dua file, kualitas dan biaya (docs/regulation.md §2.5, built on §2.4).
 * - PQ by weighted scoring with a threshold, giving a shortlist (Perpres 16/2018 Pasal 44(6)b, (7)b). Fewer than 3
 *   passers fail the PQ and a re-PQ package starts; after a re-PQ 2 passers continue and 1 passer goes to
 *   Penunjukan Langsung (Pasal 51(1)b, (5); post-2021 wording unverified, §9.2).
 * - File I (technical) then File II (cost) for technical passers only; quality-cost combined score (Pasal 42(2)).
 * - Sanggah 5 calendar days ending in working time (LKPP 12/2021 via S4); no sanggah banding for consultancy
 *   (Pasal 50(2)) and no bid/performance guarantees (Pasal 30(5)).
 * - Klarifikasi dan negosiasi teknis dan biaya AFTER the sanggah period (Pasal 50(3)); failure → gagal (cause h).
 * - The winner is set by the Pokja up to Rp10 bn pagu, by the PA above (Pasal 9, 13).
 * Durations marked "assumed" in the reference are schedule parameters with those defaults.
 */
import type { ActionDef, ProcessDefinition } from '../../domain/process/definition';
import type { Predicate } from '../../domain/process/predicate';
// Pasal 13 ayat (1) huruf c angka 2: the Pokja sets the winner of a seleksi up to this pagu; the PA above (Pasal 9).
import { POKJA_AWARD_LIMIT_CONSULTANCY } from '../../domain/selection/award-authority';
import { cancelInterrupt, closed, collegial, pokjaAction, registered, rupiah, voteAction, withNote } from './common';
import { type FailureOptions, failureParams, NO_WINNER_CAUSES, noPasserParams, noPasserStages, withFailureStages } from './failure';
import { pqObjectionStages, pqVerificationStages } from './prequalification';
import { unsealStage } from './sealing';
import { awardAnnouncementStage, awardDecisionStage, contractHandOffStages, HAND_OFF_STAGES, refuseWinnerPaAction, registerAction, sppbjStage } from './stages';
import { addendumAction, BID_DEADLINE_EXTENSION, FIXED_PERIOD_RULES, objectionParams, objectionStages, type VendorList } from './objections';
import { PREPARATION_START, preparationParams, preparationStages, preparedSelection } from './preparation';

/** The shortlisted firms: the only ones who may bid, and who hear of an addendum. */
const SHORTLIST: VendorList = { path: 'pqResult.shortlist', field: 'vendorId' };

const shortlisted = {
  when: { op: 'someItem' as const, path: 'pqResult.shortlist', field: 'vendorId', right: { path: '$actor.id' } },
  code: 'not_shortlisted',
  message: 'Penyedia tidak termasuk dalam daftar pendek.',
  status: 403 as const,
};

const score = { type: 'number', minimum: 0, maximum: 100 };
const vendorId = { type: 'string', minLength: 1, maxLength: 128 };
const documentRef = { type: 'string', minLength: 1, maxLength: 200, description: 'Rujukan dokumen' };

const announce = pokjaAction(
  'announce',
  'Umumkan Prakualifikasi',
  'announcement',
  closed(
    {
      note: { type: 'string', maxLength: 2000 },
      evaluationMethod: { enum: ['kualitas_biaya'], description: 'Metode evaluasi (Pasal 42(2))' },
      pqCriteria: {
        type: 'array',
        minItems: 1,
        maxItems: 20,
        description: 'Unsur penilaian kualifikasi dan bobotnya (pembobotan, Pasal 44(6)b)',
        items: closed(
          {
            id: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' },
            name: { type: 'string', maxLength: 200 },
            weight: { type: 'integer', minimum: 1, maximum: 100 },
          },
          ['id', 'weight'],
        ),
      },
      pqThreshold: { ...score, description: 'Ambang batas nilai kualifikasi' },
      shortlistMax: { type: 'integer', minimum: 3, maximum: 7, description: 'Jumlah maksimal daftar pendek (3–7, asumsi)' },
      technicalThreshold: { ...score, description: 'Ambang batas nilai teknis' },
      technicalWeight: { type: 'integer', minimum: 50, maximum: 90, description: 'Bobot teknis (%); bobot biaya = sisanya' },
    },
    ['pqCriteria', 'pqThreshold', 'technicalThreshold'],
  ),
);

const submitTechnical: ActionDef = {
  id: 'submit_technical',
  name: 'Unggah Dokumen Penawaran Teknis (File I)',
  performers: [{ role: 'penyedia' }],
  payload: closed({ documentRef }, ['documentRef']),
  requires: [shortlisted],
  effect: { kind: 'upsertByActor', path: 'technicalProposals' },
  sealedUntil: 'technicalOpening',
  envelope: true,
};
const submitPrice: ActionDef = {
  id: 'submit_price',
  name: 'Unggah Dokumen Penawaran Biaya (File II)',
  performers: [{ role: 'penyedia' }],
  payload: closed({ price: rupiah('Penawaran biaya (rupiah, bilangan bulat)'), documentRef }, ['price']),
  requires: [shortlisted],
  effect: { kind: 'upsertByActor', path: 'priceProposals' },
  // File II of firms failing File I is never opened (Pasal 40(3)), so the list stays sealed in the view for good;
  // the passers' opened costs are published through the quality-cost ranking (award.ranking).
  sealedUntil: 'fileTwoNeverUnsealed',
  envelope: true,
};

const count = (path: string, op: 'gte' | 'eq' | 'gt', n: number): Predicate => ({ op, left: { count: path }, right: { value: n } });
const isRePq: Predicate = { op: 'eq', left: { path: 'package.followUpReason' }, right: { value: 'prakualifikasi_ulang' } };
/** Above the Pokja's limit the PA sets the winner (the Pokja's own award stage comes from ./stages). */
const decideAwardPa: ActionDef = {
  id: 'decide_award_pa',
  name: 'Tetapkan Pemenang',
  performers: [{ role: 'pa_kpa' }],
  payload: withNote,
  effect: { kind: 'set', path: 'awardDecision' },
};

/** Where an upheld sanggah leads (Pasal 51(6)–(9)). */
const SELEKSI_FOLLOW_UPS = { evaluasi_ulang: 'technical_evaluation', penawaran_ulang: 'proposal_resubmission', tender_ulang: 'start_retender' };

/** Seleksi gagal (./failure): no proposals (b), nobody passes (c, announced first), negotiation failed (h), PQ re-run failed. */
const FAILURE: FailureOptions = {
  variant: 'seleksi',
  label: 'Seleksi',
  retenderMethod: 'seleksi',
  evaluation: 'technical_evaluation',
  resubmission: 'proposal_resubmission',
  entries: [
    { id: 'failure_no_bids', name: 'Penetapan Seleksi Gagal: Tidak Ada Penawaran', causes: ['b'] },
    { id: 'failure_follow_up', name: 'Penetapan Seleksi Gagal dan Tindak Lanjut', causes: NO_WINNER_CAUSES.filter((c) => c !== 'g') },
    { id: 'failure_negotiation', name: 'Penetapan Seleksi Gagal: Negosiasi Tidak Tercapai', causes: ['h'] },
    { id: 'failure_pq', name: 'Penetapan Prakualifikasi Gagal', causes: ['pq_a', 'pq_b'] },
  ],
};

export const seleksi: ProcessDefinition = preparedSelection(
  {
    id: 'seleksi',
    version: 5,
    name: 'Seleksi Prakualifikasi Dua File (Kualitas dan Biaya)',
    method: 'seleksi',
    description: 'Seleksi jasa konsultansi badan usaha, prakualifikasi, dua file, kualitas dan biaya.',
    roles: ['ppk', 'kepala_ukpbj', 'pokja', 'pa_kpa', 'penyedia'],
    // The head of the UKPBJ assigns the Pokja (officer_assignment); the PPK names the head, not the members.
    assignments: ['ppk', 'kepala_ukpbj', 'pa_kpa'],
    params: {
      ...preparationParams,
      announcementDue: { name: 'Batas pengumuman prakualifikasi', unit: 'workingDays', default: 2, min: 1, max: 10 },
      // Announcement, document download and submission of qualification data: 7 + 3 calendar days (assumed, §2.4).
      pqSubmissionDays: { name: 'Pendaftaran dan kirim persyaratan kualifikasi', unit: 'calendarDays', default: 10, min: 3, max: 30, endOnWorkingTime: true },
      pqEvaluationDue: { name: 'Evaluasi dokumen kualifikasi', unit: 'workingDays', default: 3, min: 1, max: 30 },
      // §2.4 row 6 (1–2 working days, assumed).
      pqVerificationDue: { name: 'Pembuktian kualifikasi', unit: 'workingDays', default: 2, min: 1, max: 10 },
      pqAnnouncementDue: { name: 'Pengumuman hasil prakualifikasi', unit: 'workingDays', default: 1, min: 1, max: 10 },
      // Mirrors the main sanggah (assumed, §2.4 row 9).
      pqObjectionDays: { name: 'Masa sanggah prakualifikasi', unit: 'calendarDays', default: 5, min: 3, max: 10, endOnWorkingTime: true },
      proposalSubmissionDays: { name: 'Unggah dokumen penawaran', unit: 'calendarDays', default: 7, min: 3, max: 30, endOnWorkingTime: true },
      proposalExtensionDays: { name: 'Perpanjangan unggah penawaran', unit: 'workingDays', default: 3, min: 1, max: 14 },
      technicalOpeningDue: { name: 'Pembukaan penawaran File I', unit: 'hours', default: 24, min: 1, max: 72, endOnWorkingTime: true },
      technicalEvaluationDue: { name: 'Evaluasi penawaran teknis', unit: 'workingDays', default: 4, min: 1, max: 30 },
      priceOpeningDue: { name: 'Pembukaan dan evaluasi File II', unit: 'workingDays', default: 2, min: 1, max: 14 },
      awardDue: { name: 'Penetapan pemenang', unit: 'workingDays', default: 1, min: 1, max: 10 },
      awardAnnouncementDue: { name: 'Pengumuman pemenang', unit: 'workingDays', default: 1, min: 1, max: 5 },
      // Sourced (LKPP 12/2021 via S4): 5 calendar days, ending on a working day within working hours.
      objectionDays: { name: 'Masa sanggah', unit: 'calendarDays', default: 5, min: 5, fixed: FIXED_PERIOD_RULES.objectionDays, endOnWorkingTime: true },
      ...objectionParams,
      resubmissionDays: { name: 'Pemasukan penawaran ulang', unit: 'workingDays', default: 3, min: 1, max: 14 },
      ...failureParams,
      ...noPasserParams,
      negotiationDue: { name: 'Klarifikasi dan negosiasi', unit: 'workingDays', default: 3, min: 1, max: 14 },
      sppbjDue: { name: 'Penerbitan SPPBJ', unit: 'calendarDays', default: 5, min: 1, max: 14, endOnWorkingTime: true },
    },
    start: PREPARATION_START,
    nodes: withFailureStages(FAILURE, [
      ...preparationStages({ officer: 'pokja', next: 'pq_announcement' }),
      {
        id: 'pq_announcement',
        name: 'Pengumuman Prakualifikasi',
        type: 'userTask',
        due: 'announcementDue',
        completion: 'any',
        actions: [announce],
        next: 'pq_submission',
      },
      {
        id: 'pq_submission',
        name: 'Pendaftaran dan Kirim Persyaratan Kualifikasi',
        type: 'timeWindow',
        duration: 'pqSubmissionDays',
        actions: [
          registerAction,
          {
            id: 'submit_qualification',
            name: 'Kirim Persyaratan Kualifikasi',
            performers: [{ role: 'penyedia' }],
            payload: closed({ documentRef }, ['documentRef']),
            requires: [registered],
            effect: { kind: 'upsertByActor', path: 'qualifications' },
          },
        ],
        next: 'pq_evaluation',
      },
      {
        id: 'pq_evaluation',
        name: 'Evaluasi Dokumen Kualifikasi (Pembobotan dan Ambang Batas)',
        type: 'userTask',
        due: 'pqEvaluationDue',
        completion: 'any',
        // A re-evaluation (an upheld sanggah prakualifikasi) verifies again.
        resets: ['pqVerification'],
        actions: [
          collegial(
            pokjaAction(
              'score_qualification',
              'Simpan Nilai Kualifikasi',
              'pqEvaluation',
              closed(
                {
                  results: {
                    type: 'array',
                    maxItems: 500,
                    items: closed(
                      {
                        vendorId,
                        scores: { type: 'object', maxProperties: 20, additionalProperties: score, description: 'Nilai per unsur (0–100)' },
                        note: { type: 'string', maxLength: 2000 },
                      },
                      ['vendorId', 'scores'],
                    ),
                  },
                },
                ['results'],
              ),
            ),
          ),
          voteAction(['score_qualification']),
        ],
        next: 'pq_verification_needed',
      },
      // Pembuktian kualifikasi of every applicant before the shortlist is set (§2.4 row 6): no seleksi skips it.
      ...pqVerificationStages({
        anyone: { op: 'gt', left: { count: 'qualifications' }, right: { value: 0 } },
        check: 'pqVerificationCoversApplicants',
        next: 'shortlisting',
      }),
      {
        id: 'shortlisting',
        name: 'Penetapan Daftar Pendek',
        type: 'serviceTask',
        service: 'seleksiShortlist',
        resultPath: 'pqResult',
        next: 'shortlist_enough',
      },
      {
        id: 'shortlist_enough',
        name: 'Daftar pendek cukup?',
        type: 'exclusiveGateway',
        branches: [
          { name: 'minimal 3 lulus', when: count('pqResult.shortlist', 'gte', 3), to: 'pq_result_announcement' },
          { name: '2 lulus setelah prakualifikasi ulang', when: { all: [isRePq, count('pqResult.shortlist', 'eq', 2)] }, to: 'pq_result_announcement' },
          { name: '1 lulus setelah prakualifikasi ulang', when: { all: [isRePq, count('pqResult.shortlist', 'eq', 1)] }, to: 'start_direct_appointment' },
          { name: 'kurang dari 3 lulus', when: { not: isRePq }, to: 'start_re_pq' },
        ],
        // Pasal 51(1), (5): the re-run failed too → the Pokja declares the prequalification failed.
        default: 'failure_pq',
      },
      {
        id: 'start_re_pq',
        name: 'Prakualifikasi Ulang (paket baru)',
        type: 'serviceTask',
        service: 'startFollowUpPackage',
        args: { method: 'seleksi', reason: 'prakualifikasi_ulang' },
        resultPath: 'followUp',
        next: 'failed_pq',
      },
      {
        id: 'start_direct_appointment',
        name: 'Penunjukan Langsung (paket baru)',
        type: 'serviceTask',
        service: 'startFollowUpPackage',
        args: { method: 'penunjukan-langsung', reason: 'prakualifikasi_ulang_satu_peserta' },
        resultPath: 'followUp',
        next: 'failed_pq_single',
      },
      {
        id: 'pq_result_announcement',
        name: 'Pengumuman Hasil Prakualifikasi',
        type: 'userTask',
        due: 'pqAnnouncementDue',
        completion: 'any',
        actions: [pokjaAction('announce_pq_result', 'Umumkan Daftar Pendek', 'pqAnnouncement')],
        next: 'pq_objection_period',
      },
      // Sanggah prakualifikasi (§2.4 row 9): upheld → the qualification documents are evaluated again.
      ...pqObjectionStages('proposal_submission', 'pq_evaluation'),
      {
        id: 'proposal_submission',
        name: 'Undangan dan Unggah Dokumen Penawaran (File I dan File II)',
        type: 'timeWindow',
        duration: 'proposalSubmissionDays',
        // An addendum to the selection document moves the deadline by its working days (docs/regulation.md §2.2 row 3).
        extendedBy: BID_DEADLINE_EXTENSION,
        actions: [submitTechnical, submitPrice, addendumAction(SHORTLIST)],
        next: 'proposals_received',
      },
      {
        id: 'proposals_received',
        name: 'Ada penawaran masuk?',
        type: 'exclusiveGateway',
        branches: [{ name: 'ada penawaran', when: count('technicalProposals', 'gt', 0), to: 'technical_opening' }],
        default: 'proposal_extension',
      },
      {
        id: 'proposal_extension',
        name: 'Perpanjangan Unggah Dokumen Penawaran',
        type: 'timeWindow',
        duration: 'proposalExtensionDays',
        actions: [submitTechnical, submitPrice],
        next: 'proposals_after_extension',
      },
      {
        id: 'proposals_after_extension',
        name: 'Ada penawaran setelah perpanjangan?',
        type: 'exclusiveGateway',
        branches: [{ name: 'ada penawaran', when: count('technicalProposals', 'gt', 0), to: 'technical_opening' }],
        // Pasal 51(2)b: still no proposal after the extension → the Pokja declares seleksi gagal.
        default: 'failure_no_bids',
      },
      {
        id: 'technical_opening',
        name: 'Pembukaan Dokumen Penawaran File I',
        type: 'userTask',
        due: 'technicalOpeningDue',
        completion: 'any',
        actions: [collegial(pokjaAction('open_technical', 'Buka Penawaran Teknis', 'technicalOpening')), voteAction(['open_technical'])],
        next: 'technical_unsealing',
      },
      unsealStage('technical_unsealing', 'technicalProposals', 'technicalOpeningReport', 'technical_evaluation'),
      {
        id: 'technical_evaluation',
        name: 'Evaluasi Penawaran File I: Teknis',
        type: 'userTask',
        due: 'technicalEvaluationDue',
        completion: 'any',
        actions: [
          collegial(
            pokjaAction(
              'evaluate_technical',
              'Simpan Nilai Teknis',
              'technicalEvaluation',
              closed(
                {
                  results: {
                    type: 'array',
                    minItems: 1,
                    maxItems: 500,
                    // `technicalScore`, as a tender's File I names it (`score` before v5).
                    items: closed({ vendorId, technicalScore: { ...score, description: 'Nilai teknis (0–100)' }, note: { type: 'string', maxLength: 2000 } }, [
                      'vendorId',
                      'technicalScore',
                    ]),
                  },
                },
                ['results'],
              ),
            ),
          ),
          voteAction(['evaluate_technical']),
        ],
        next: 'technical_result',
      },
      {
        id: 'technical_result',
        name: 'Hasil Evaluasi Teknis',
        type: 'serviceTask',
        service: 'seleksiTechnical',
        // The passers' list is `passed`, as in a tender's file1Result and pqResult (`passing` before v5).
        args: { passedKey: 'passed' },
        resultPath: 'technicalResult',
        next: 'technical_passed',
      },
      {
        id: 'technical_passed',
        name: 'Ada penawaran lulus teknis?',
        type: 'exclusiveGateway',
        branches: [{ name: 'ada yang lulus', when: count('technicalResult.passed', 'gt', 0), to: 'price_opening' }],
        // Pasal 51(2)c: nobody passes → announced, open to sanggah, then declared gagal (§3.2).
        default: 'no_passer_announcement',
      },
      {
        id: 'price_opening',
        name: 'Pembukaan dan Evaluasi Penawaran File II: Biaya',
        type: 'userTask',
        due: 'priceOpeningDue',
        completion: 'any',
        actions: [collegial(pokjaAction('open_prices', 'Buka Penawaran Biaya (peserta lulus teknis)', 'priceOpening')), voteAction(['open_prices'])],
        next: 'price_unsealing',
      },
      unsealStage('price_unsealing', 'priceProposals', 'priceOpeningReport', 'quality_cost', 'technicalResult.passed'),
      {
        id: 'quality_cost',
        name: 'Nilai Kombinasi Kualitas dan Biaya',
        type: 'serviceTask',
        service: 'seleksiQualityCost',
        args: { defaultTechnicalWeight: 70 },
        resultPath: 'award',
        next: 'winner_found',
      },
      {
        id: 'winner_found',
        name: 'Ada pemenang?',
        type: 'exclusiveGateway',
        branches: [
          {
            name: 'pagu di atas Rp10 miliar: PA menetapkan',
            when: {
              all: [
                { op: 'exists', operand: { path: 'award.winner' } },
                { op: 'gt', left: { path: 'package.pagu' }, right: { value: POKJA_AWARD_LIMIT_CONSULTANCY } },
              ],
            },
            to: 'award_decision_pa',
          },
          { name: 'Pokja menetapkan', when: { op: 'exists', operand: { path: 'award.winner' } }, to: 'award_decision' },
        ],
        default: 'no_passer_announcement',
      },
      awardDecisionStage(),
      {
        // The PA may refuse the winner instead of setting it: gagal by its declaration (cause k, ./failure).
        id: 'award_decision_pa',
        name: 'Penetapan Pemenang oleh PA',
        type: 'userTask',
        due: 'awardDue',
        completion: 'any',
        actions: [decideAwardPa, refuseWinnerPaAction],
        next: 'award_announcement',
      },
      awardAnnouncementStage('awardAnnouncementDue'),
      // No sanggah banding for consultancy (Pasal 50(2)). An upheld sanggah takes its Pasal 51 follow-up.
      ...objectionStages({
        bidsPath: 'technicalProposals',
        next: 'negotiation',
        followUps: SELEKSI_FOLLOW_UPS,
        appeal: false,
      }),
      {
        // Pasal 51(8): an upheld sanggah on the selection document reopens the proposals, without the earlier ones.
        id: 'proposal_resubmission',
        name: 'Pemasukan Penawaran Ulang (File I dan File II)',
        type: 'timeWindow',
        duration: 'resubmissionDays',
        resets: [
          'technicalProposals',
          'priceProposals',
          'technicalOpening',
          'technicalOpeningReport',
          'technicalEvaluation',
          'technicalResult',
          'priceOpening',
          'priceOpeningReport',
          'award',
        ],
        actions: [submitTechnical, submitPrice],
        next: 'resubmitted_proposals',
      },
      {
        id: 'resubmitted_proposals',
        name: 'Ada penawaran ulang?',
        type: 'exclusiveGateway',
        branches: [{ name: 'ada penawaran', when: count('technicalProposals', 'gt', 0), to: 'technical_opening' }],
        default: 'start_retender',
      },
      ...noPasserStages({ bidsPath: 'technicalProposals', declaration: 'failure_follow_up', followUps: SELEKSI_FOLLOW_UPS, appeal: false }),
      {
        id: 'negotiation',
        name: 'Klarifikasi dan Negosiasi Teknis dan Biaya',
        type: 'userTask',
        due: 'negotiationDue',
        completion: 'any',
        actions: [
          pokjaAction('record_negotiation', 'Simpan Berita Acara Klarifikasi dan Negosiasi', 'negotiation', {
            ...closed(
              {
                outcome: { enum: ['sepakat', 'tidak_sepakat'] },
                agreedPrice: rupiah('Harga hasil negosiasi (rupiah); tidak melebihi penawaran'),
                note: { type: 'string', maxLength: 4000 },
              },
              ['outcome'],
            ),
            // An agreement names its price.
            if: { properties: { outcome: { const: 'sepakat' } } },
            then: { required: ['agreedPrice'] },
          }),
        ],
        next: 'negotiation_result',
      },
      {
        id: 'negotiation_result',
        name: 'Hasil Negosiasi',
        type: 'serviceTask',
        service: 'seleksiNegotiation',
        resultPath: 'negotiationResult',
        next: 'negotiation_agreed',
      },
      {
        id: 'negotiation_agreed',
        name: 'Negosiasi sepakat?',
        type: 'exclusiveGateway',
        branches: [
          { name: 'sepakat', when: { op: 'eq', left: { path: 'negotiationResult.outcome' }, right: { value: 'sepakat' } }, to: 'sppbj' },
          // Negotiation can only lower the offer: the Pokja records the result again.
          {
            name: 'harga tidak valid',
            when: { op: 'eq', left: { path: 'negotiationResult.outcome' }, right: { value: 'harga_tidak_valid' } },
            to: 'negotiation',
          },
        ],
        // Pasal 51(2)h, (8): the negotiation failed → the Pokja declares seleksi gagal → penyampaian penawaran ulang.
        default: 'failure_negotiation',
      },
      sppbjStage(),
      // The contract price is the negotiated one (Pasal 50(3)); consultancy contract types (Pasal 27) go in the draft.
      ...contractHandOffStages({ providerPath: 'award.winner.vendorId', valuePath: 'negotiationResult.agreedPrice', bidPricePath: 'award.winner.price' }),
      { id: 'failed_pq', name: 'Prakualifikasi Gagal: Kurang dari 3 Lulus (Prakualifikasi Ulang)', type: 'endEvent', outcome: 'failed', status: 'gagal' },
      { id: 'failed_pq_single', name: 'Prakualifikasi Ulang Gagal: 1 Lulus (Penunjukan Langsung)', type: 'endEvent', outcome: 'failed', status: 'gagal' },
      { id: 'cancelled', name: 'Seleksi Dibatalkan', type: 'endEvent', outcome: 'cancelled', status: 'batal' },
    ]),
    interrupts: [cancelInterrupt(HAND_OFF_STAGES)],
  },
  { from: 'pq_announcement', until: 'award_announcement' },
);

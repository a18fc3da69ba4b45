/**
 * Tender dengan prakualifikasi, dua file (docs/regulation.md §2.4), for complex works: vendors qualify before anyone bids,
 * and only the qualified list (daftar peserta, Perpres 16/2018 Pasal 44(7)) is invited to the 2-file bidding of
 * tender-pasca-2file. The PQ is pass/fail (Pasal 44(6)).
 *
 * Pasal 51(1)b, (5) (2018 text; post-2021 wording unverified, §9.2): fewer than 3 passers fails the PQ and it is run
 * once more; after that re-run 2 or more passers continue, exactly 1 goes to Penunjukan Langsung (a linked
 * follow-up package), none ends the package gagal. The round number is counted by the settlement service from the
 * package data (`pqResult.round`), so the re-run reuses the same stages without engine support.
 */
import type { ProcessDefinition } from '../../domain/process/definition';
import { PQ_MIN_PASSERS } from '../../domain/evaluation/prequalification';
import { cancelInterrupt, closed, collegial, registered, voteAction, withNote, perVendorResults, note } from './common';
import { type FailureOptions, withFailureStages } from './failure';
import { pqObjectionStages, pqVerificationStages } from './prequalification';
import type { VendorList } from './objections';
import { awardToContractStages, HAND_OFF_STAGES } from './stages';
import {
  clarificationNode,
  evaluationSettings,
  twoFileBiddingNodes,
  twoFileBiddingParams,
  twoFileEndNodes,
  twoFileFailure,
  twoFileNoPasserNodes,
  twoFileObjectionFollowUps,
} from './tender-pasca-2file';
import { PREPARATION_START, preparationParams, preparationStages, preparedSelection } from './preparation';

/** Only vendors on the prequalification list may ask, and bid (the invitation goes to them alone). */
const invited = {
  when: { op: 'someItem' as const, path: 'pqResult.passed', field: 'vendorId', right: { path: '$actor.id' } },
  code: 'not_invited',
  message: 'Penyedia tidak termasuk daftar peserta yang lulus prakualifikasi.',
  status: 403 as const,
};

const passers = { count: 'pqResult.passed' };
/** The invited vendors, who hear of an addendum. */
const INVITED_VENDORS: VendorList = { path: 'pqResult.passed', field: 'vendorId' };

/** Tender gagal (./failure): the 2-file bidding's causes, and the prequalification failed after its re-run. */
const FAILURE: FailureOptions = {
  ...twoFileFailure('tender-prakualifikasi'),
  entries: [...twoFileFailure('tender-prakualifikasi').entries, { id: 'failure_pq', name: 'Penetapan Prakualifikasi Gagal', causes: ['pq_a', 'pq_b'] }],
};

export const tenderPrakualifikasi: ProcessDefinition = preparedSelection(
  {
    id: 'tender-prakualifikasi',
    version: 5,
    name: 'Tender Prakualifikasi Dua File',
    method: 'tender-prakualifikasi',
    description: 'Tender prakualifikasi (pekerjaan kompleks): prakualifikasi, undangan kepada peserta yang lulus, penawaran dua file.',
    roles: ['ppk', 'kepala_ukpbj', 'pokja', 'pa_kpa', 'penyedia'],
    // The head of the UKPBJ assigns the Pokja (officer_assignment); the PPK names the head, not the members.
    assignments: ['ppk', 'kepala_ukpbj', 'pa_kpa'],
    params: {
      ...preparationParams,
      pqAnnouncementDue: { name: 'Batas pengumuman prakualifikasi', unit: 'workingDays', default: 2, min: 1, max: 10 },
      // §2.4 rows 1–4 (assumed): announcement 7 calendar days, submission until its deadline.
      pqRegistrationDays: { name: 'Pendaftaran dan kirim dokumen kualifikasi', unit: 'calendarDays', default: 7, min: 1, max: 30, endOnWorkingTime: true },
      pqEvaluationDue: { name: 'Evaluasi dokumen kualifikasi', unit: 'calendarDays', default: 3, min: 1, max: 30, endOnWorkingTime: true },
      // §2.4 row 6 (1–2 working days, assumed).
      pqVerificationDue: { name: 'Pembuktian kualifikasi', unit: 'workingDays', default: 2, min: 1, max: 10 },
      pqResultDue: { name: 'Penetapan dan pengumuman hasil prakualifikasi', unit: 'workingDays', default: 1, min: 1, max: 5 },
      // §2.4 row 9: mirrors the main sanggah (assumed), hence the same calendar rule.
      pqObjectionDays: { name: 'Masa sanggah prakualifikasi', unit: 'calendarDays', default: 5, min: 1, max: 10, endOnWorkingTime: true },
      invitationDue: { name: 'Undangan dan dokumen pemilihan', unit: 'workingDays', default: 1, min: 1, max: 5 },
      ...twoFileBiddingParams,
    },
    start: PREPARATION_START,
    nodes: withFailureStages(FAILURE, [
      ...preparationStages({ officer: 'pokja', next: 'pq_announcement' }),
      {
        id: 'pq_announcement',
        name: 'Pengumuman Prakualifikasi',
        type: 'userTask',
        due: 'pqAnnouncementDue',
        completion: 'any',
        actions: [
          {
            id: 'announce_prequalification',
            name: 'Umumkan Prakualifikasi',
            performers: [{ role: 'pokja' }],
            payload: withNote,
            effect: { kind: 'set', path: 'pqAnnouncement' },
          },
        ],
        next: 'pq_registration',
      },
      {
        id: 'pq_registration',
        name: 'Pendaftaran dan Kirim Persyaratan Kualifikasi',
        type: 'timeWindow',
        duration: 'pqRegistrationDays',
        actions: [
          {
            id: 'register',
            name: 'Daftar sebagai Peserta Prakualifikasi',
            performers: [{ role: 'penyedia' }],
            payload: closed({}),
            effect: { kind: 'upsertByActor', path: 'registrations' },
            oncePerActor: true,
          },
          {
            id: 'submit_qualification',
            name: 'Kirim Dokumen Kualifikasi',
            performers: [{ role: 'penyedia' }],
            payload: closed({ documentRef: { type: 'string', minLength: 1, maxLength: 200 }, note: { type: 'string', maxLength: 2000 } }, ['documentRef']),
            requires: [registered],
            // One submission per vendor; a later one inside the window replaces it.
            effect: { kind: 'upsertByActor', path: 'qualifications' },
          },
        ],
        next: 'pq_submissions_received',
      },
      {
        id: 'pq_submissions_received',
        name: 'Ada dokumen kualifikasi masuk?',
        type: 'exclusiveGateway',
        branches: [{ name: 'ada dokumen', when: { op: 'gt', left: { count: 'qualifications' }, right: { value: 0 } }, to: 'pq_evaluation' }],
        // Nothing to evaluate: the round settles with no passers (Pasal 51(1)a).
        default: 'pq_settlement',
      },
      {
        id: 'pq_evaluation',
        name: 'Evaluasi Dokumen Kualifikasi',
        type: 'userTask',
        due: 'pqEvaluationDue',
        completion: 'any',
        // A re-evaluation (an upheld sanggah prakualifikasi) verifies again.
        resets: ['pqVerification'],
        actions: [
          collegial({
            id: 'evaluate_qualification',
            name: 'Simpan Hasil Evaluasi Kualifikasi',
            performers: [{ role: 'pokja' }],
            payload: perVendorResults(
              { passed: { type: 'boolean', description: 'Lulus/gugur (sistem gugur, Pasal 44(6)): true = lulus; false = gugur' }, note },
              ['passed'],
            ),
            effect: { kind: 'set', path: 'pqEvaluation' },
          }),
          voteAction(['evaluate_qualification']),
        ],
        next: 'pq_verification_needed',
      },
      // Pembuktian kualifikasi of every passer before the result is set (§2.4 row 6): no PQ tender skips it.
      ...pqVerificationStages({
        anyone: { op: 'someItem', path: 'pqEvaluation.results', field: 'passed', right: { value: true } },
        check: 'pqVerificationCoversPassers',
        next: 'pq_settlement',
      }),
      {
        id: 'pq_settlement',
        name: 'Penetapan Hasil Kualifikasi',
        type: 'serviceTask',
        service: 'tenderPrequalificationCount',
        resultPath: 'pqResult',
        next: 'pq_outcome',
      },
      {
        id: 'pq_outcome',
        name: 'Cukup peserta yang lulus prakualifikasi?',
        type: 'exclusiveGateway',
        branches: [
          { name: `${PQ_MIN_PASSERS} atau lebih lulus`, when: { op: 'gte', left: passers, right: { value: PQ_MIN_PASSERS } }, to: 'pq_result_announcement' },
          { name: 'prakualifikasi gagal: ulang', when: { op: 'eq', left: { path: 'pqResult.round' }, right: { value: 1 } }, to: 'pq_rerun_announcement' },
          { name: 'setelah ulang: 2 lulus', when: { op: 'gte', left: passers, right: { value: 2 } }, to: 'pq_result_announcement' },
          { name: 'setelah ulang: 1 lulus', when: { op: 'eq', left: passers, right: { value: 1 } }, to: 'start_direct_appointment' },
        ],
        // Pasal 51(1), (5): the re-run failed too → the Pokja declares the prequalification failed.
        default: 'failure_pq',
      },
      {
        id: 'pq_rerun_announcement',
        name: 'Pengumuman Prakualifikasi Ulang',
        type: 'userTask',
        due: 'pqAnnouncementDue',
        completion: 'any',
        // A new round: vendors register and submit again; the settlement (pqResult) stays, it counts the rounds.
        resets: ['registrations', 'qualifications', 'pqEvaluation', 'pqVerification', 'pqObjectionResult'],
        actions: [
          {
            id: 'announce_prequalification_rerun',
            name: 'Umumkan Prakualifikasi Ulang',
            performers: [{ role: 'pokja' }],
            payload: withNote,
            effect: { kind: 'set', path: 'pqRerunAnnouncement' },
          },
        ],
        next: 'pq_registration',
      },
      {
        id: 'pq_result_announcement',
        name: 'Penetapan dan Pengumuman Hasil Prakualifikasi',
        type: 'userTask',
        due: 'pqResultDue',
        completion: 'any',
        actions: [
          {
            id: 'announce_prequalification_result',
            name: 'Umumkan Hasil Prakualifikasi',
            performers: [{ role: 'pokja' }],
            payload: withNote,
            effect: { kind: 'set', path: 'pqResultAnnouncement' },
          },
        ],
        next: 'pq_objection_period',
      },
      // Sanggah prakualifikasi (§2.4 row 9): upheld → the qualification documents are evaluated again.
      ...pqObjectionStages('invitation', 'pq_evaluation'),
      {
        id: 'invitation',
        name: 'Undangan dan Download Dokumen Pemilihan',
        type: 'userTask',
        due: 'invitationDue',
        completion: 'any',
        actions: [
          {
            id: 'invite_bidders',
            name: 'Kirim Undangan (dengan Metode Evaluasi)',
            performers: [{ role: 'pokja' }],
            payload: evaluationSettings,
            effect: { kind: 'set', path: 'invitation' },
          },
        ],
        next: 'clarification',
      },
      clarificationNode(invited, 'bid_submission', INVITED_VENDORS),
      ...twoFileBiddingNodes(invited, 'invitation', INVITED_VENDORS, false),
      ...awardToContractStages(twoFileObjectionFollowUps),
      ...twoFileNoPasserNodes(),
      {
        // Pasal 51(5) with Pasal 38(5): one qualifier after the re-run → Penunjukan Langsung, as a new linked package.
        id: 'start_direct_appointment',
        name: 'Mulai Penunjukan Langsung (Satu Peserta Lulus)',
        type: 'serviceTask',
        service: 'startFollowUpPackage',
        args: { method: 'penunjukan-langsung', reason: 'prakualifikasi_satu_peserta' },
        resultPath: 'followUp',
        next: 'failed_single_qualifier',
      },
      {
        id: 'failed_single_qualifier',
        name: 'Prakualifikasi Gagal: Dilanjutkan dengan Penunjukan Langsung',
        type: 'endEvent',
        outcome: 'failed',
        status: 'gagal',
      },
      ...twoFileEndNodes,
    ]),
    // Not once the switch to Penunjukan Langsung is under way: that package is already being started.
    interrupts: [cancelInterrupt([...HAND_OFF_STAGES, 'start_direct_appointment'])],
  },
  { from: 'pq_announcement', until: 'award_announcement' },
);

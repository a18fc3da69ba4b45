/**
 * Tender failure follow-ups (Perpres 16/2018 Pasal 51) and cancellation on the time-skipping server: re-evaluation,
 * re-submission of bids, re-tender as a linked package, and after a failed re-tender the switch to Penunjukan
 * Langsung with the PA/KPA's approval; a contract terminated in E-Kontrak before it is signed (the reserve winner,
 * then with none left gagal, Pasal 78 ayat (2)). Packages a scenario
 * leaves running (stopped mid-way, or linked follow-ups) are ended, so their timers cannot hold the test clock.
 */
import assert from 'node:assert/strict';
import type { PackageView } from '../domain/process/engine';
import type { ActorRef } from '../domain/process/state';
import { linkedTo } from './support/failure-checks';
import { stopFollowUp, stopHere, terminateBeforeSigning } from './support/hand-off-steps';
import { runScenarios, type ScenarioStep } from './support/scenario';
import { evaluationAllPass, paKpa, pokja, ppk, pricesReasonable, qualificationVerified, tenderInput, vendorA, vendorB } from './support/tender-fixture';
import { failAll, oneFileEvaluated } from './support/tender-steps';

/** From announcement to the Pokja's follow-up decision: two bids, both failing qualification. */
const toFailedEvaluation = (): ScenarioStep[] => [
  ...oneFileEvaluated([vendorA, vendorB], failAll),
  // Pasal 51(2)c (§3.2): announced and open to sanggah before it becomes gagal.
  { expectStage: 'no_passer_announcement' },
  { do: 'announce_no_passer', as: pokja },
  { passDeadline: true },
  { expectStage: 'failure_follow_up' },
];

/** The cause each follow-up takes (Pasal 51(6)–(9)): a → evaluasi ulang, d → penawaran ulang, c → tender ulang. */
const CAUSE_OF: Record<string, string> = { evaluasi_ulang: 'a', penawaran_ulang: 'd', tender_ulang: 'c', penunjukan_langsung: 'c' };

const decide = (followUp: string): ScenarioStep => ({
  do: 'declare_failure',
  as: pokja,
  payload: { cause: CAUSE_OF[followUp], followUp, reason: 'Tidak ada peserta yang memenuhi kualifikasi.' },
});

const retenderInput = (id: string) => {
  const input = tenderInput(id);
  return { ...input, facts: { ...input.facts, previousPackageId: 'pkt-tenderpertama1', followUpReason: 'tender_ulang' } };
};

const winnerIs = (v: ActorRef) => (view: PackageView) => assert.equal((view.data.award as { winner: { vendorId: string } }).winner.vendorId, v.id);

runScenarios('tender: failure follow-ups and cancellation', [
  {
    name: 're-evaluation (evaluasi ulang) after an evaluation error finds a winner',
    input: tenderInput('pkt-scevalulang1'),
    steps: [
      ...toFailedEvaluation(),
      decide('evaluasi_ulang'),
      { expectStage: 'evaluation' },
      { do: 'evaluate', as: pokja, payload: evaluationAllPass(vendorA, vendorB) },
      { do: 'verify_qualification', as: pokja, payload: qualificationVerified(vendorA) },
      { expectStage: 'award_decision' },
      { check: winnerIs(vendorA) },
      stopHere,
    ],
  },
  {
    name: 're-submission (penawaran ulang) opens a new bid round without the earlier bids',
    input: tenderInput('pkt-scpenawaran1'),
    steps: [
      ...toFailedEvaluation(),
      decide('penawaran_ulang'),
      { expectStage: 'bid_resubmission' },
      { check: (v) => assert.equal(v.data.bids, undefined) },
      { do: 'submit_bid', as: vendorB, payload: { price: 1_100_000_000 } },
      { passDeadline: true },
      { do: 'open_bids', as: pokja },
      { do: 'evaluate', as: pokja, payload: evaluationAllPass(vendorB) },
      { do: 'clarify_prices', as: pokja, payload: pricesReasonable([vendorB]) }, // 1.1 bn < 80% of HPS
      { do: 'verify_qualification', as: pokja, payload: qualificationVerified(vendorB) },
      { expectStage: 'award_decision' },
      { check: winnerIs(vendorB) },
      stopHere,
    ],
  },
  {
    name: 're-tender (tender ulang) ends this package as gagal and starts a linked one',
    input: tenderInput('pkt-sctenderulang'),
    steps: [
      ...toFailedEvaluation(),
      // Pasal 38(5)h: Penunjukan Langsung only after a failed re-tender.
      {
        refuse: 'declare_failure',
        as: pokja,
        payload: { cause: 'c', followUp: 'penunjukan_langsung', reason: 'Tidak ada peserta yang lulus.' },
        status: 422,
        code: 'follow_up_not_allowed',
      },
      decide('tender_ulang'),
      { expectStage: 'failed_retender' },
      { check: linkedTo('tender', 'tender_ulang') },
      stopFollowUp,
    ],
    endStatus: 'gagal',
  },
  {
    name: 'no bids after the extension: re-tender as a linked package',
    input: tenderInput('pkt-scnobidsulang'),
    steps: [
      { do: 'announce', as: pokja },
      { passDeadline: true },
      { passDeadline: true },
      { passDeadline: true },
      { expectStage: 'bid_extension' },
      { passDeadline: true },
      // Pasal 51(2)b: the Pokja declares the tender failed; cause b allows only a tender ulang.
      { expectStage: 'failure_no_bids' },
      { do: 'declare_failure', as: pokja, payload: { cause: 'b', followUp: 'tender_ulang', reason: 'Tidak ada penawaran setelah perpanjangan.' } },
      { expectStage: 'failed_retender' },
      { check: linkedTo('tender', 'tender_ulang') },
      stopFollowUp,
    ],
    endStatus: 'gagal',
  },
  {
    name: 'a failed re-tender switches to Penunjukan Langsung once the PA/KPA approves',
    input: retenderInput('pkt-scpenunjukan1'),
    steps: [
      ...toFailedEvaluation(),
      decide('penunjukan_langsung'),
      { expectStage: 'pl_approval' },
      { refuse: 'approve_penunjukan_langsung', as: pokja, payload: { approved: true }, status: 403 },
      { do: 'approve_penunjukan_langsung', as: paKpa, payload: { approved: true, note: 'Disetujui sesuai Pasal 38 ayat 5 huruf h.' } },
      { expectStage: 'failed_switched_to_pl' },
      { check: linkedTo('penunjukan-langsung', 'tender_ulang_gagal') },
      stopFollowUp,
    ],
    endStatus: 'gagal',
  },
  {
    name: 'the PA/KPA refuses the switch: another re-tender',
    input: retenderInput('pkt-scpltolak001'),
    steps: [
      ...toFailedEvaluation(),
      decide('penunjukan_langsung'),
      { do: 'approve_penunjukan_langsung', as: paKpa, payload: { approved: false } },
      { expectStage: 'failed_retender' },
      { check: linkedTo('tender', 'tender_ulang') },
      stopFollowUp,
    ],
    endStatus: 'gagal',
  },
  {
    // Issue 13: an unsigned contract no longer ends the tender at once; the award passes to the reserve winner
    // (Perpres 16/2018 Pasal 78 ayat (2)), and only with no reserve left does the tender fail and start again.
    name: 'Pasal 78 ayat (2): the PPK terminates the unsigned contract twice: the reserve winner gets the SPPBJ, then with no reserve left gagal and tender ulang',
    input: tenderInput('pkt-scnosign0001'),
    steps: [
      { do: 'announce', as: pokja },
      { do: 'register', as: vendorA },
      { do: 'register', as: vendorB },
      { passDeadline: true },
      { passDeadline: true },
      { do: 'submit_bid', as: vendorA, payload: { price: 1_200_000_000 } },
      { do: 'submit_bid', as: vendorB, payload: { price: 1_300_000_000 } },
      { passDeadline: true },
      { do: 'open_bids', as: pokja },
      { do: 'evaluate', as: pokja, payload: evaluationAllPass(vendorA, vendorB) },
      { check: winnerIs(vendorA) },
      { do: 'verify_qualification', as: pokja, payload: qualificationVerified(vendorA) },
      { do: 'decide_award', as: pokja },
      { do: 'announce_award', as: pokja },
      { passDeadline: true },
      { do: 'issue_sppbj', as: ppk, payload: { number: 'SPPBJ/TF/2026' } },
      { refuse: 'cancel', as: ppk, payload: { reason: 'Kontrak tidak jadi ditandatangani.' }, status: 409, code: 'wrong_stage' },
      ...terminateBeforeSigning(ppk, 'sppbj'),
      { check: winnerIs(vendorB) },
      { check: (v) => assert.deepEqual((v.data.award as { reserves: unknown[] }).reserves, [], 'vendor-b was the only reserve') },
      { do: 'issue_sppbj', as: ppk, payload: { number: 'SPPBJ/TF/2026-2' } },
      ...terminateBeforeSigning(ppk, 'failed_retender'),
      { check: linkedTo('tender', 'tender_ulang') },
      stopFollowUp,
    ],
    endStatus: 'gagal',
    contractEndStatus: 'diputus',
  },
  {
    name: 'cancellation (batal) by the PPK closes the open window and ends the package',
    input: tenderInput('pkt-scbatal001'),
    steps: [
      { do: 'announce', as: pokja },
      { do: 'register', as: vendorA },
      { refuse: 'cancel', as: vendorA, payload: { reason: 'saya ingin membatalkan' }, status: 403 },
      { do: 'cancel', as: ppk, payload: { reason: 'Kebutuhan berubah setelah banjir.' } },
      { expectStage: 'cancelled' },
      { check: (v) => assert.equal(v.stage.closesAt, undefined, 'no timer left running') },
    ],
    endStatus: 'batal',
  },
]);

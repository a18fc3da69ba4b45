/**
 * Tender variants on the time-skipping server: pascakualifikasi dua file (docs/regulation.md §2.3) and prakualifikasi
 * (§2.4) — each main path to a contract signed in E-Kontrak, every failure branch once (a contract terminated before
 * signing included), and cancellation.
 */
import assert from 'node:assert/strict';
import type { PackageView } from '../domain/process/engine';
import type { ActorRef } from '../domain/process/state';
import { definitionForMethod } from '../workflows/definitions';
import { DEFAULT_DRAFT } from './support/contract-signing';
import { linkedTo } from './support/failure-checks';
import { refuseSignature, settlesAt, sign, stopFollowUp, terminateBeforeSigning } from './support/hand-off-steps';
import { runScenarios, type ScenarioStep } from './support/scenario';
import { paKpa, pokja, ppk, vendorA, vendorB, vendorC } from './support/tender-fixture';
import { bidAndScoreFileOne, openFileTwo, pqInput, pqRound, pqToBidSubmission, toTwoFileBids, twoFileInput, type TwoFileBid } from './support/tender-steps';

const HPS = 1_450_000_000; // tenderInput's HPS
const vendorD: ActorRef = { id: 'vendor-d', name: 'PT Delta', roles: ['penyedia'], org: 'pt-delta' };

const winnerIs = (v: ActorRef) =>
  settlesAt('award_decision', (view) => assert.equal((view.data.award as { winner: { vendorId: string } }).winner.vendorId, v.id));

/** Pembuktian kualifikasi of the ranked winner (pascakualifikasi only: a prequalification verified already). */
const verified = (v: ActorRef): ScenarioStep[] => [
  settlesAt('qualification_verification'),
  { do: 'verify_qualification', as: pokja, payload: { vendorId: v.id, passed: true } },
];

/** Award, its announcement and sanggah period, the SPPBJ: the package waits in E-Kontrak for the signed contract. */
const awardToHandOff: ScenarioStep[] = [
  { do: 'decide_award', as: pokja },
  { do: 'announce_award', as: pokja },
  { expectStage: 'objection_period' },
  { passDeadline: true },
  { do: 'issue_sppbj', as: ppk, payload: { number: 'SPPBJ/TV/2026' } },
  { expectStage: 'contract_execution' },
];

/** The contract signed in E-Kontrak by the winner, who hands in the performance security; the loser is no party to it. */
const awardToContract = (winner: ActorRef, loser: ActorRef): ScenarioStep[] => {
  const security = (v: PackageView) => ({
    guaranteeNumber: 'JP-TV-001',
    issuer: 'Bank BJB',
    amount: (v.data.terms as { performanceSecurity: { amount: number } }).performanceSecurity.amount,
    validUntil: '2027-12-31',
  });
  return [
    ...awardToHandOff,
    { refuse: 'cancel', as: ppk, payload: { reason: 'Terlambat untuk dibatalkan.' }, status: 409, code: 'wrong_stage' },
    { in: 'contract' },
    { refuse: 'draft_contract', as: pokja, payload: { ...DEFAULT_DRAFT, number: 'K-TV-001' }, status: 403, code: 'forbidden_role' },
    { do: 'draft_contract', as: ppk, payload: { ...DEFAULT_DRAFT, number: 'K-TV-001' } },
    { expectStage: 'performance_security' },
    { refuse: 'submit_performance_security', as: loser, payload: security, status: 403, code: 'not_party' },
    { do: 'submit_performance_security', as: winner, payload: security },
    { expectStage: 'contract_signing' },
    refuseSignature('sign_contract_penyedia', loser, 'kontrak', 403, 'not_party'),
    sign('sign_contract_penyedia', winner, 'kontrak'),
    sign('sign_contract_ppk', ppk, 'kontrak'),
    { expectStage: 'spmk' },
    { in: 'package' },
    settlesAt('contract_signed', (v) => assert.equal((v.data.contractLink as { milestone: string }).milestone, 'signed')),
  ];
};

/**
 * Tender gagal (Pasal 51, workflows/definitions/failure.ts): from the stage where the process found it failed, the
 * announcement and masa sanggah of "no winner" (§3.2) where it has them, then the Pokja's declaration → tender ulang.
 */
const declared = (from: string, cause: string): ScenarioStep[] => [
  settlesAt(from),
  ...(from === 'no_passer_announcement' ? [{ do: 'announce_no_passer', as: pokja }, { passDeadline: true } as ScenarioStep] : []),
  { do: 'declare_failure', as: pokja, payload: { cause, followUp: 'tender_ulang', reason: 'Tender dinyatakan gagal oleh Pokja.' } },
];

const rerun: ScenarioStep[] = [settlesAt('pq_rerun_announcement'), { do: 'announce_prequalification_rerun', as: pokja }];

/** From the PQ result to the ranking, with the invited vendors bidding (2-file, harga terendah ambang batas). */
const invitedBidding = (bids: TwoFileBid[], notInvited: ActorRef): ScenarioStep[] => [
  settlesAt('pq_result_announcement'),
  { do: 'announce_prequalification_result', as: pokja },
  { expectStage: 'pq_objection_period' },
  { passDeadline: true },
  { do: 'invite_bidders', as: pokja, payload: { evaluationMethod: 'harga_terendah_ambang_batas', technicalThreshold: 75 } },
  { refuse: 'ask_question', as: notInvited, payload: { question: 'Apakah kami boleh menawar?' }, status: 403, code: 'not_invited' },
  { passDeadline: true },
  { refuse: 'submit_technical_bid', as: notInvited, payload: { documentRef: 'x' }, status: 403, code: 'not_invited' },
  ...bidAndScoreFileOne(bids),
  ...openFileTwo({ refuseEarlyOpening: true }),
];

runScenarios('tender pascakualifikasi dua file', [
  {
    name: 'sistem nilai 70/30: File I first, a bid above HPS fails, the best combined score signs the contract',
    input: twoFileInput('pkt-tv2fmain0001'),
    steps: [
      ...toTwoFileBids({ evaluationMethod: 'sistem_nilai', technicalWeight: 70, technicalThreshold: 70 }, [vendorA, vendorB, vendorC, vendorD]),
      ...bidAndScoreFileOne([
        [vendorA, 90, 1_400_000_000],
        [vendorB, 75, 1_200_000_000],
        [vendorC, 80, HPS + 50_000_000],
        [vendorD, 60, 1_000_000_000],
      ]),
      ...openFileTwo({ refuseEarlyOpening: true }),
      ...verified(vendorA),
      winnerIs(vendorA),
      {
        check: (v) => {
          const award = v.data.award as { weights: unknown; failed: { vendorId: string; reasons: string[] }[] };
          assert.deepEqual(award.weights, { technical: 70, price: 30 });
          assert.deepEqual(
            award.failed.map((f) => [f.vendorId, f.reasons]),
            [[vendorC.id, ['melebihi_hps']]],
          );
          assert.ok(!JSON.stringify(v).includes('1000000000'), 'File II of a File I failure stays sealed');
        },
      },
      ...awardToContract(vendorA, vendorB),
    ],
    endStatus: 'contract_signed',
  },
  {
    name: 'harga terendah ambang batas: the contract ends unsigned → the reserve winner gets the SPPBJ (Pasal 78 ayat (2))',
    input: twoFileInput('pkt-tv2fnosign001'),
    steps: [
      ...toTwoFileBids({ evaluationMethod: 'harga_terendah_ambang_batas' }, [vendorA, vendorB]),
      ...bidAndScoreFileOne([
        [vendorA, 85, 1_300_000_000],
        [vendorB, 80, 1_350_000_000],
      ]),
      ...openFileTwo({ refuseEarlyOpening: true }),
      ...verified(vendorA),
      winnerIs(vendorA),
      ...awardToHandOff,
      ...terminateBeforeSigning(ppk, 'sppbj'),
      { check: (v) => assert.equal((v.data.award as { winner?: { vendorId: string } }).winner?.vendorId, vendorB.id) },
    ],
    contractEndStatus: 'diputus',
  },
  {
    name: 'nobody passes File I: gagal',
    input: twoFileInput('pkt-tv2fnopass01'),
    steps: [
      ...toTwoFileBids({ evaluationMethod: 'harga_terendah_ambang_batas', technicalThreshold: 80 }, [vendorA, vendorB]),
      ...bidAndScoreFileOne([
        [vendorA, 79, 1_200_000_000],
        [vendorB, 60, 1_100_000_000],
      ]),
      ...declared('no_passer_announcement', 'c'),
      settlesAt('failed_retender'),
    ],
    endStatus: 'gagal',
  },
  {
    name: 'the only File I passer bid above the HPS: gagal',
    input: twoFileInput('pkt-tv2fabovehps1'),
    steps: [
      ...toTwoFileBids({ evaluationMethod: 'harga_terendah_ambang_batas' }, [vendorA, vendorB]),
      ...bidAndScoreFileOne([
        [vendorA, 85, HPS + 1],
        [vendorB, 50, 1_000_000_000],
      ]),
      ...openFileTwo({ refuseEarlyOpening: true }),
      ...declared('no_passer_announcement', 'g'),
      settlesAt('failed_retender', (v) =>
        assert.deepEqual((v.data.award as { failed: unknown[] }).failed, [{ vendorId: vendorA.id, price: HPS + 1, reasons: ['melebihi_hps'] }]),
      ),
    ],
    endStatus: 'gagal',
  },
  {
    name: 'cancellation (batal) by the PA/KPA during bid submission',
    input: twoFileInput('pkt-tv2fbatal001'),
    steps: [
      ...toTwoFileBids({ evaluationMethod: 'sistem_nilai' }, [vendorA]),
      { do: 'submit_technical_bid', as: vendorA, payload: { documentRef: 'F1' } },
      { refuse: 'cancel', as: pokja, payload: { reason: 'Pokja ingin membatalkan.' }, status: 403 },
      { do: 'cancel', as: paKpa, payload: { reason: 'Anggaran dialihkan untuk penanganan banjir.' } },
      { expectStage: 'cancelled' },
    ],
    endStatus: 'batal',
  },
  {
    name: 'no bid in the window nor in its extension: gagal (Pasal 51(2)b)',
    input: twoFileInput('pkt-tv2fnobids001'),
    steps: [
      ...toTwoFileBids({ evaluationMethod: 'sistem_nilai' }, [vendorA, vendorB]),
      { passDeadline: true },
      { expectStage: 'bid_extension' },
      { passDeadline: true },
      ...declared('failure_no_bids', 'b'),
      settlesAt('failed_retender', (v) => assert.equal(v.data.technicalBids, undefined)),
    ],
    endStatus: 'gagal',
  },
]);

runScenarios('tender prakualifikasi', [
  {
    name: '3 pass the PQ: only they are invited, 2-file bidding, contract signed',
    input: pqInput('pkt-tvpqmain0001'),
    steps: [
      { do: 'announce_prequalification', as: pokja },
      ...pqRound([vendorA, vendorB, vendorC, vendorD], [vendorA, vendorB, vendorC]),
      ...invitedBidding(
        [
          [vendorA, 80, 1_300_000_000],
          [vendorB, 90, 1_250_000_000],
          [vendorC, 70, 1_000_000_000], // below the invitation's threshold of 75
        ],
        vendorD,
      ),
      winnerIs(vendorB),
      ...awardToContract(vendorB, vendorA),
    ],
    endStatus: 'contract_signed',
  },
  {
    name: 'fewer than 3 pass: one re-run; 2 pass after it and the tender continues to the contract',
    input: pqInput('pkt-tvpqrerun0001'),
    steps: [
      { do: 'announce_prequalification', as: pokja },
      ...pqRound([vendorA, vendorB, vendorC], [vendorA, vendorB]),
      ...rerun,
      { check: (v) => assert.equal(v.data.qualifications, undefined, 'the re-run starts from no submissions') },
      ...pqRound([vendorB, vendorC, vendorD], [vendorB, vendorC]),
      settlesAt('pq_result_announcement', (v) =>
        assert.deepEqual((v.data.pqResult as { history: unknown }).history, [
          { round: 1, passed: 2 },
          { round: 2, passed: 2 },
        ]),
      ),
      ...invitedBidding(
        [
          [vendorB, 80, 1_300_000_000],
          [vendorC, 85, 1_350_000_000],
        ],
        vendorA,
      ),
      winnerIs(vendorB),
      ...awardToContract(vendorB, vendorC),
    ],
    endStatus: 'contract_signed',
  },
  {
    name: 'the contract ends unsigned → the reserve winner gets the SPPBJ (Pasal 78 ayat (2))',
    input: pqInput('pkt-tvpqnosign001'),
    steps: [
      ...pqToBidSubmission([vendorA, vendorB, vendorC]),
      ...bidAndScoreFileOne([
        [vendorA, 85, 1_300_000_000],
        [vendorB, 80, 1_250_000_000],
      ]),
      ...openFileTwo({ refuseEarlyOpening: true }),
      winnerIs(vendorB),
      ...awardToHandOff,
      ...terminateBeforeSigning(ppk, 'sppbj'),
      { check: (v) => assert.equal((v.data.award as { winner?: { vendorId: string } }).winner?.vendorId, vendorA.id) },
    ],
    contractEndStatus: 'diputus',
  },
  {
    name: 'one passes after the re-run: a linked Penunjukan Langsung package, this one gagal',
    input: pqInput('pkt-tvpqsatupl001'),
    steps: [
      { do: 'announce_prequalification', as: pokja },
      ...pqRound([vendorA, vendorB], [vendorA]),
      ...rerun,
      { check: () => assert.ok(definitionForMethod('penunjukan-langsung'), 'needs the penunjukan-langsung definition') },
      ...pqRound([vendorA, vendorC], [vendorA]),
      settlesAt('failed_single_qualifier', linkedTo('penunjukan-langsung', 'prakualifikasi_satu_peserta')),
      stopFollowUp,
    ],
    endStatus: 'gagal',
  },
  {
    name: 'nobody passes the re-run: gagal',
    input: pqInput('pkt-tvpqnihil0001'),
    steps: [
      { do: 'announce_prequalification', as: pokja },
      ...pqRound([], []),
      ...rerun,
      ...pqRound([vendorA], []),
      ...declared('failure_pq', 'pq_b'),
      settlesAt('failed_retender'),
    ],
    endStatus: 'gagal',
  },
  {
    name: 'no invited vendor bids, even in the extension: gagal (Pasal 51(2)b)',
    input: pqInput('pkt-tvpqnobids001'),
    steps: [
      ...pqToBidSubmission([vendorA, vendorB, vendorC]),
      { passDeadline: true },
      { expectStage: 'bid_extension' },
      { refuse: 'submit_technical_bid', as: vendorD, payload: { documentRef: 'F1-D' }, status: 403, code: 'not_invited' },
      { passDeadline: true },
      ...declared('failure_no_bids', 'b'),
      settlesAt('failed_retender', (v) => assert.equal(v.data.technicalBids, undefined)),
    ],
    endStatus: 'gagal',
  },
  {
    name: 'one bid, in the extension only: File I is opened, it fails the threshold → gagal (Pasal 51(2)c)',
    input: pqInput('pkt-tvpqnopass0001'),
    steps: [
      ...pqToBidSubmission([vendorA, vendorB, vendorC], { evaluationMethod: 'sistem_nilai', technicalThreshold: 80 }),
      { passDeadline: true },
      { expectStage: 'bid_extension' },
      { do: 'submit_technical_bid', as: vendorA, payload: { documentRef: 'F1-late' } },
      { do: 'submit_price_bid', as: vendorA, payload: { price: 1_300_000_000 } },
      { passDeadline: true },
      { expectStage: 'file1_opening' },
      { do: 'open_technical_bids', as: pokja },
      {
        do: 'evaluate_technical',
        as: pokja,
        payload: { results: [{ vendorId: vendorA.id, administrasi: true, kualifikasi: true, technicalScore: 79 }] },
      },
      ...declared('no_passer_announcement', 'c'),
      settlesAt('failed_retender', (v) => assert.deepEqual((v.data.file1Result as { passed: unknown[] }).passed, [])),
    ],
    endStatus: 'gagal',
  },
  {
    name: 'both File I passers bid above the HPS: gagal (Pasal 51(2)g)',
    input: pqInput('pkt-tvpqabovehps1'),
    steps: [
      ...pqToBidSubmission([vendorA, vendorB, vendorC]),
      ...bidAndScoreFileOne([
        [vendorA, 85, HPS + 1],
        [vendorB, 80, HPS + 2],
      ]),
      ...openFileTwo({ refuseEarlyOpening: true }),
      ...declared('no_passer_announcement', 'g'),
      settlesAt('failed_retender', (v) =>
        assert.deepEqual((v.data.award as { failed: { vendorId: string; reasons: string[] }[] }).failed.map((f) => [f.vendorId, f.reasons]).sort(), [
          [vendorA.id, ['melebihi_hps']],
          [vendorB.id, ['melebihi_hps']],
        ]),
      ),
    ],
    endStatus: 'gagal',
  },
  {
    name: 'cancellation (batal) by the PPK during the PQ evaluation',
    input: pqInput('pkt-tvpqbatal0001'),
    steps: [
      { do: 'announce_prequalification', as: pokja },
      { do: 'register', as: vendorA },
      { do: 'submit_qualification', as: vendorA, payload: { documentRef: 'PQ-A' } },
      { passDeadline: true },
      { expectStage: 'pq_evaluation' },
      { refuse: 'cancel', as: vendorA, payload: { reason: 'Penyedia ingin membatalkan.' }, status: 403 },
      { do: 'cancel', as: ppk, payload: { reason: 'Lingkup pekerjaan berubah total setelah kaji ulang.' } },
      { expectStage: 'cancelled' },
    ],
    endStatus: 'batal',
  },
]);

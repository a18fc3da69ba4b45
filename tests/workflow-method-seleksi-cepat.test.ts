/**
 * Seleksi (consultancy) and tender cepat on the time-skipping server: each main path to a signed contract and every
 * failure branch (Perpres 16/2018 Pasal 50, 51), with the real interpreter workflow and read model. Contracts are
 * signed in the E-Kontrak child; one terminated before signing fails the package (contract_not_signed).
 */
import assert from 'node:assert/strict';
import type { ActorRef } from '../domain/process/state';
import { DEFAULT_DRAFT } from './support/contract-signing';
import { refuseSignature, settlesAt, sign, stopFollowUp, terminateBeforeSigning } from './support/hand-off-steps';
import { runScenarios, type ScenarioStep } from './support/scenario';
import { cepatInput, cepatToOpening, seleksiInput, shortlistABC, technical, toShortlist, toTechnicalEvaluation, vendorD } from './support/seleksi-cepat-steps';
import { paKpa, pokja, ppk, vendorA, vendorB, vendorC } from './support/tender-fixture';

const rePq = { followUpReason: 'prakualifikasi_ulang', previousPackageId: 'pkt-scselprev01' };

// ---- seleksi steps ---------------------------------------------------------------------------------------------

/** The Pokja declares the selection failed with `cause` (Pasal 51, workflows/definitions/failure.ts). */
const declare = (cause: string, followUp: string): ScenarioStep => ({
  do: 'declare_failure',
  as: pokja,
  payload: { cause, followUp, reason: 'Pemilihan dinyatakan gagal oleh Pokja.' },
});
/** "No winner" is announced and open to sanggah first (§3.2), then declared. */
const noPasserDeclared = (cause: string): ScenarioStep[] => [
  { expectStage: 'no_passer_announcement' },
  { do: 'announce_no_passer', as: pokja },
  { passDeadline: true },
  declare(cause, 'tender_ulang'),
  { expectStage: 'failed_retender' },
];
const proposalsABC: [ActorRef, number][] = [
  [vendorA, 1_800_000_000],
  [vendorB, 1_500_000_000],
  [vendorC, 912_345_678],
];

/** Through File II, award and its announcement into the sanggah period (A wins on quality-cost). */
const toObjection: ScenarioStep[] = [
  ...toTechnicalEvaluation(proposalsABC),
  technical([
    [vendorA, 85],
    [vendorB, 75],
    [vendorC, 65],
  ]),
  { expectStage: 'price_opening' },
  { do: 'open_prices', as: pokja },
  { expectStage: 'award_decision' },
  { do: 'decide_award', as: pokja },
  { do: 'announce_award', as: pokja },
  { expectStage: 'objection_period' },
];

// ---- tender cepat steps ----------------------------------------------------------------------------------------

/** Award (no sanggah in tender cepat), SPPBJ: the contract goes to E-Kontrak. */
const cepatToContract: ScenarioStep[] = [
  { expectStage: 'award_decision' },
  { do: 'decide_award', as: pokja },
  { expectStage: 'sppbj' },
  { do: 'issue_sppbj', as: ppk, payload: { number: 'SPPBJ/TC/2026/01' } },
  { expectStage: 'contract_execution' },
];
const cepatContract = (winner: ActorRef): ScenarioStep[] => [
  ...cepatToContract,
  { signContract: { ppk, provider: winner, draft: { ...DEFAULT_DRAFT, number: 'K-TC-01' } } },
  { expectStage: 'contract_signed' },
];
const winnerIs = (vendorId: string, price: number): ScenarioStep => ({
  check: (v) => assert.deepEqual((v.data.award as { winner: unknown }).winner, { vendorId, price }),
});

runScenarios('seleksi and tender cepat on the time-skipping server', [
  {
    name: 'seleksi: main path to contract_signed, negotiation after the sanggah period',
    input: seleksiInput('pkt-scselmain01'),
    steps: [
      ...toObjection,
      {
        check: (v) => {
          assert.deepEqual((v.data.award as { winner: unknown }).winner, { vendorId: vendorA.id, price: 1_800_000_000, combinedScore: 84.67 });
          assert.ok(!JSON.stringify(v).includes('912345678'), 'File II of a firm failing File I stays unopened');
        },
      },
      { refuse: 'record_negotiation', as: pokja, payload: { outcome: 'sepakat', agreedPrice: 1_700_000_000 }, status: 409, code: 'wrong_stage' },
      { passDeadline: true },
      { expectStage: 'negotiation' },
      // Above the offer: recorded again.
      { do: 'record_negotiation', as: pokja, payload: { outcome: 'sepakat', agreedPrice: 1_900_000_000 } },
      { expectStage: 'negotiation' },
      { check: (v) => assert.equal((v.data.negotiationResult as { reason: string }).reason, 'melebihi_harga_penawaran') },
      { do: 'record_negotiation', as: pokja, payload: { outcome: 'sepakat', agreedPrice: 1_750_000_000 } },
      { expectStage: 'sppbj' },
      { do: 'issue_sppbj', as: ppk, payload: { number: 'SPPBJ/KONS/2026/01' } },
      { expectStage: 'contract_execution' },
      { refuse: 'cancel', as: paKpa, payload: { reason: 'Terlambat untuk dibatalkan.' }, status: 409, code: 'wrong_stage' },
      // The consultancy contract at the negotiated price, signed in E-Kontrak (no performance security: Pasal 33).
      { in: 'contract' },
      {
        check: (v) => {
          const basis = v.facts.contractBasis as { kind: string; vendorId: string; value: number; bidPrice: number };
          assert.deepEqual([basis.kind, basis.vendorId, basis.value, basis.bidPrice], ['kontrak', vendorA.id, 1_750_000_000, 1_800_000_000]);
        },
      },
      { do: 'draft_contract', as: ppk, payload: { ...DEFAULT_DRAFT, number: 'K-KONS-01' } },
      { expectStage: 'contract_signing' },
      refuseSignature('sign_contract_penyedia', vendorB, 'kontrak', 403, 'not_party'),
      sign('sign_contract_penyedia', vendorA, 'kontrak'),
      sign('sign_contract_ppk', ppk, 'kontrak'),
      { expectStage: 'spmk' },
      { in: 'package' },
      settlesAt('contract_signed', (v) => assert.equal((v.data.contractLink as { milestone: string }).milestone, 'signed')),
    ],
    endStatus: 'contract_signed',
  },
  {
    name: 'seleksi: shortlist of 2 → gagal, a re-PQ seleksi package starts',
    input: seleksiInput('pkt-scselpq0001'),
    steps: [
      ...toShortlist(
        [
          [vendorA, 72],
          [vendorB, 81],
          [vendorC, 40],
        ],
        [vendorA, vendorB, vendorC],
      ),
      { expectStage: 'failed_pq' },
      {
        check: (v) =>
          assert.deepEqual(
            [(v.data.followUp as { method: string }).method, (v.data.followUp as { reason: string }).reason],
            ['seleksi', 'prakualifikasi_ulang'],
          ),
      },
      stopFollowUp,
    ],
    endStatus: 'gagal',
  },
  {
    name: 'seleksi re-PQ: nobody passes again → gagal',
    input: seleksiInput('pkt-scselpq0002', rePq),
    steps: [...toShortlist([], [vendorA]), { expectStage: 'failure_pq' }, declare('pq_b', 'tender_ulang'), { expectStage: 'failed_retender' }],
    endStatus: 'gagal',
  },
  {
    name: 'seleksi re-PQ: 1 passer → gagal, Penunjukan Langsung starts',
    input: seleksiInput('pkt-scselpq0003', rePq),
    steps: [
      ...toShortlist(
        [
          [vendorA, 90],
          [vendorB, 30],
        ],
        [vendorA, vendorB],
      ),
      { expectStage: 'failed_pq_single' },
      { check: (v) => assert.equal((v.data.followUp as { method: string }).method, 'penunjukan-langsung') },
      stopFollowUp,
    ],
    endStatus: 'gagal',
  },
  {
    name: 'seleksi: no proposal even after the extension → gagal',
    input: seleksiInput('pkt-scselnoprop1'),
    steps: [
      ...toShortlist(shortlistABC),
      { do: 'announce_pq_result', as: pokja },
      { passDeadline: true },
      { refuse: 'submit_technical', as: vendorD, payload: { documentRef: 'T-D' }, status: 403, code: 'not_shortlisted' },
      { passDeadline: true },
      { expectStage: 'proposal_extension' },
      { passDeadline: true },
      { expectStage: 'failure_no_bids' },
      declare('b', 'tender_ulang'),
      { expectStage: 'failed_retender' },
    ],
    endStatus: 'gagal',
  },
  {
    name: 'seleksi: nobody reaches the technical threshold → gagal',
    input: seleksiInput('pkt-scselnotech1'),
    steps: [
      ...toTechnicalEvaluation(proposalsABC),
      technical([
        [vendorA, 69],
        [vendorB, 50],
        [vendorC, 10],
      ]),
      ...noPasserDeclared('c'),
    ],
    endStatus: 'gagal',
  },
  {
    name: 'seleksi: every technical passer costs more than the pagu → gagal',
    input: seleksiInput('pkt-scselnoprice'),
    steps: [
      ...toTechnicalEvaluation([
        [vendorA, 2_100_000_000],
        [vendorB, 2_050_000_000],
      ]),
      technical([
        [vendorA, 85],
        [vendorB, 75],
      ]),
      { do: 'open_prices', as: pokja },
      ...noPasserDeclared('c'),
    ],
    endStatus: 'gagal',
  },
  {
    name: 'Pasal 51 ayat (2) huruf h: seleksi negotiation fails → declared gagal, penyampaian penawaran ulang',
    input: seleksiInput('pkt-scselnego001'),
    steps: [
      ...toObjection,
      { passDeadline: true },
      { do: 'record_negotiation', as: pokja, payload: { outcome: 'tidak_sepakat', note: 'Tenaga ahli tidak disepakati.' } },
      { expectStage: 'failure_negotiation' },
      {
        refuse: 'declare_failure',
        as: pokja,
        payload: { cause: 'h', followUp: 'tender_ulang', reason: 'Negosiasi biaya tidak tercapai.' },
        status: 422,
        code: 'follow_up_not_allowed',
      },
      declare('h', 'penawaran_ulang'),
      { expectStage: 'proposal_resubmission' },
    ],
    // Pasal 51(2)h, (8): penawaran ulang, the package goes on.
  },
  {
    name: 'seleksi: cancellation by the PA/KPA during the proposal window',
    input: seleksiInput('pkt-scselbatal01'),
    steps: [
      ...toShortlist(shortlistABC),
      { do: 'announce_pq_result', as: pokja },
      { passDeadline: true },
      { refuse: 'cancel', as: pokja, payload: { reason: 'Pokja ingin membatalkan.' }, status: 403 },
      { do: 'cancel', as: paKpa, payload: { reason: 'Anggaran dialihkan untuk tanggap darurat.' } },
      { expectStage: 'cancelled' },
    ],
    endStatus: 'batal',
  },
  {
    name: 'seleksi above Rp10 bn pagu: the PA/KPA sets the winner (Pasal 9, 13), then contract_signed',
    input: seleksiInput('pkt-scselpa00001', { pagu: 12_000_000_000, hps: 11_500_000_000 }),
    steps: [
      ...toTechnicalEvaluation(proposalsABC),
      technical([
        [vendorA, 85],
        [vendorB, 75],
        [vendorC, 65],
      ]),
      { do: 'open_prices', as: pokja },
      { expectStage: 'award_decision_pa' },
      { check: (v) => assert.equal((v.data.award as { winner: { vendorId: string } }).winner.vendorId, vendorA.id) },
      { refuse: 'decide_award', as: pokja, status: 409, code: 'wrong_stage' },
      { refuse: 'decide_award_pa', as: pokja, status: 403, code: 'forbidden_role' },
      { do: 'decide_award_pa', as: paKpa, payload: { note: 'Ditetapkan oleh PA (pagu di atas Rp10 miliar).' } },
      { expectStage: 'award_announcement' },
      { do: 'announce_award', as: pokja },
      { expectStage: 'objection_period' },
      { passDeadline: true },
      { expectStage: 'negotiation' },
      { do: 'record_negotiation', as: pokja, payload: { outcome: 'sepakat', agreedPrice: 1_780_000_000 } },
      { expectStage: 'sppbj' },
      { do: 'issue_sppbj', as: ppk, payload: { number: 'SPPBJ/KONS/2026/PA' } },
      { signContract: { ppk, provider: vendorA, draft: { ...DEFAULT_DRAFT, number: 'K-KONS-PA' } } },
      { expectStage: 'contract_signed' },
    ],
    endStatus: 'contract_signed',
  },
  {
    name: 'seleksi: the PPK terminates the contract before it is signed → gagal (contract_not_signed)',
    input: seleksiInput('pkt-scselnosign1'),
    steps: [
      ...toObjection,
      { passDeadline: true },
      { do: 'record_negotiation', as: pokja, payload: { outcome: 'sepakat', agreedPrice: 1_750_000_000 } },
      { do: 'issue_sppbj', as: ppk, payload: { number: 'SPPBJ/KONS/2026/02' } },
      ...terminateBeforeSigning(ppk),
    ],
    endStatus: 'gagal',
    contractEndStatus: 'diputus',
  },
  {
    name: 'tender cepat without auction: lowest price ≤ HPS, no sanggah, contract_signed',
    input: cepatInput('pkt-sctcmain0001'),
    steps: [
      ...cepatToOpening(false, [
        [vendorA, 700_000_000],
        [vendorB, 690_000_000],
        [vendorC, 760_000_000],
      ]),
      { do: 'open_bids', as: pokja },
      winnerIs(vendorB.id, 690_000_000),
      ...cepatContract(vendorB),
    ],
    endStatus: 'contract_signed',
  },
  {
    name: 'tender cepat with 2 e-reverse auction rounds: prices only go down, lowest final price wins',
    input: cepatInput('pkt-sctcauction1'),
    steps: [
      ...cepatToOpening(true, [
        [vendorA, 700_000_000],
        [vendorB, 690_000_000],
      ]),
      { do: 'open_bids', as: pokja },
      { expectStage: 'auction_round' },
      { do: 'lower_price', as: vendorA, payload: { price: 685_000_000 } },
      { do: 'lower_price', as: vendorB, payload: { price: 695_000_000 } }, // not below its 690 m: rejected at close
      { passDeadline: true },
      { expectStage: 'auction_round' },
      {
        check: (v) => {
          const a = v.data.auction as { rounds: { accepted: { vendorId: string }[]; rejected: { vendorId: string }[] }[] };
          assert.deepEqual(
            a.rounds.map((r) => [r.accepted.map((x) => x.vendorId), r.rejected.map((x) => x.vendorId)]),
            [[[vendorA.id], [vendorB.id]]],
          );
        },
      },
      { do: 'lower_price', as: vendorB, payload: { price: 680_000_000 } },
      { passDeadline: true },
      winnerIs(vendorB.id, 680_000_000),
      ...cepatContract(vendorB),
    ],
    endStatus: 'contract_signed',
  },
  {
    name: 'tender cepat: the contract ends unsigned → the reserve winner gets the SPPBJ (Pasal 78 ayat (2))',
    input: cepatInput('pkt-sctcnosign01'),
    steps: [
      ...cepatToOpening(false, [
        [vendorA, 700_000_000],
        [vendorB, 720_000_000],
      ]),
      { do: 'open_bids', as: pokja },
      winnerIs(vendorA.id, 700_000_000),
      ...cepatToContract,
      ...terminateBeforeSigning(ppk, 'sppbj'),
      winnerIs(vendorB.id, 720_000_000),
    ],
    contractEndStatus: 'diputus',
  },
  {
    name: 'tender cepat: no bids → gagal',
    input: cepatInput('pkt-sctcnobid001'),
    steps: [...cepatToOpening(false, []), { expectStage: 'failure_no_bids' }, declare('b', 'tender_cepat_ulang'), { expectStage: 'failed_retender' }],
    endStatus: 'gagal',
  },
  {
    name: 'tender cepat: every price above the HPS → gagal',
    input: cepatInput('pkt-sctchps00001'),
    steps: [
      ...cepatToOpening(false, [[vendorA, 760_000_000]]),
      { do: 'open_bids', as: pokja },
      { expectStage: 'failure_above_hps' },
      declare('g', 'batal'),
      { expectStage: 'failed_not_continued' },
    ],
    endStatus: 'gagal',
  },
  {
    name: 'tender cepat: cancellation by the PPK during an auction round',
    input: cepatInput('pkt-sctcbatal001'),
    steps: [
      ...cepatToOpening(true, [[vendorA, 700_000_000]]),
      { do: 'open_bids', as: pokja },
      { expectStage: 'auction_round' },
      { do: 'cancel', as: ppk, payload: { reason: 'Spesifikasi ternyata belum lengkap.' } },
      { expectStage: 'cancelled' },
    ],
    endStatus: 'batal',
  },
]);

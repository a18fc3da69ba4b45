/**
 * The evaluation of the default tender (pascakualifikasi satu file) on the time-skipping server, end to end through
 * the definition: arithmetic correction of bids with unit-price lines, a corrected bid above the HPS failing, the
 * klarifikasi kewajaran harga of bids below 80% of the HPS (asked again until every one is clarified), the winner
 * with two reserve winners, pembuktian kualifikasi falling down the ranking (to the failure follow-up when nobody is
 * left), and the 5%-of-HPS performance security of a low winner reaching its E-Kontrak. The 2-file tenders share the
 * clarification and reserves; the pascakualifikasi one the verification too.
 */
import assert from 'node:assert/strict';
import type { PackageView } from '../domain/process/engine';
import type { ActorRef } from '../domain/process/state';
import { runScenarios, type ScenarioStep } from './support/scenario';
import { evaluationAllPass, pokja, ppk, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';
import { bidAndScoreFileOne, openFileTwo, pqInput, twoFileInput, type TwoFileBid } from './support/tender-steps';

const vendorD: ActorRef = { id: 'vendor-d', name: 'PT Delta', roles: ['penyedia'], org: 'pt-delta' };
const vendorE: ActorRef = { id: 'vendor-e', name: 'PT Eka', roles: ['penyedia'], org: 'pt-eka' };

interface Award {
  /** combinedScore: sistem nilai only */
  ranking: { rank: number; vendorId: string; price: number; combinedScore?: number }[];
  winner?: { vendorId: string; price: number };
  reserves: { rank: number; vendorId: string; price: number }[];
  failed: { vendorId: string; price: number; reasons: string[]; note?: string }[];
  corrections: { vendorId: string; offeredPrice: number; correctedPrice: number }[];
  priceClarification: { limit: number; required: { vendorId: string; price: number }[]; pending: string[] };
  performanceSecurity?: { required: boolean; amount?: number; basis?: string };
}
const awardOf = (v: PackageView) => v.data.award as Award;

const line = (description: string, quantity: number, unitPrice: number) => ({ description, quantity, unitPrice });

/** Announcement, registration, bids, opening and the evaluation (everyone passes), as far as the ranking goes. */
const bidAndEvaluate = (bids: [ActorRef, Record<string, unknown>][]): ScenarioStep[] => [
  { do: 'announce', as: pokja },
  ...bids.map(([v]): ScenarioStep => ({ do: 'register', as: v })),
  { passDeadline: true }, // registration
  { passDeadline: true }, // clarification
  { expectStage: 'bid_submission' },
  ...bids.map(([v, payload]): ScenarioStep => ({ do: 'submit_bid', as: v, payload })),
  { passDeadline: true },
  { do: 'open_bids', as: pokja },
  { do: 'evaluate', as: pokja, payload: evaluationAllPass(...bids.map(([v]) => v)) },
];

const verify = (v: ActorRef, passed: boolean): ScenarioStep => ({
  do: 'verify_qualification',
  as: pokja,
  payload: { vendorId: v.id, passed, ...(passed ? {} : { note: 'Dokumen asli SBU tidak dapat ditunjukkan.' }) },
});

const winnerAndReserves = (winner: ActorRef | undefined, reserves: ActorRef[]): ScenarioStep => ({
  check: (v) => {
    assert.equal(awardOf(v).winner?.vendorId, winner?.id, 'winner');
    assert.deepEqual(
      awardOf(v).reserves.map((r) => r.vendorId),
      reserves.map((r) => r.id),
      'reserve winners',
    );
  },
});

runScenarios('tender evaluation: correction, price clarification, reserves, qualification verification', [
  {
    name: 'corrected prices ranked, an unreasonably low bid fails, a reasonable one wins with 5% of HPS as security',
    input: tenderInput('pkt-evalklarif01'),
    steps: [
      ...bidAndEvaluate([
        // Offered below the HPS, but its unit prices add up to 1.46 bn: above the HPS after correction.
        [vendorA, { price: 1_380_000_000, rincian: [line('Galian tanah', 1000, 460_000), line('Beton K-300', 2500, 400_000)] }],
        [vendorB, { price: 1_100_000_000 }], // below 80% of HPS: clarified reasonable
        // 1.3 bn offered; 12.5 m³ × 23,200,000 + 1,000 × 999,000 = 1.289 bn after correction.
        [vendorC, { price: 1_300_000_000, rincian: [line('Pasangan batu', 12.5, 23_200_000), line('Plesteran', 1000, 999_000)] }],
        [vendorD, { price: 1_050_000_000 }], // below 80% of HPS: clarified unreasonable
        [vendorE, { price: 1_400_000_000 }],
      ]),
      { expectStage: 'price_clarification' },
      {
        check: (v) => {
          const a = awardOf(v);
          assert.equal(a.winner, undefined, 'nobody wins before the clarification');
          assert.equal(a.priceClarification.limit, 1_160_000_000);
          assert.deepEqual(a.priceClarification.pending, [vendorB.id, vendorD.id]);
          assert.deepEqual(a.corrections, [
            { vendorId: vendorA.id, offeredPrice: 1_380_000_000, correctedPrice: 1_460_000_000 },
            { vendorId: vendorC.id, offeredPrice: 1_300_000_000, correctedPrice: 1_289_000_000 },
          ]);
        },
      },
      { refuse: 'clarify_prices', as: vendorB, payload: { results: [{ vendorId: vendorB.id, wajar: true }] }, status: 403, code: 'forbidden_role' },
      { refuse: 'verify_qualification', as: pokja, payload: { vendorId: vendorB.id, passed: true }, status: 409, code: 'wrong_stage' },
      // The Pokja clarifies B only: D is still unclarified, so the task comes back for it.
      {
        do: 'clarify_prices',
        as: pokja,
        payload: { results: [{ vendorId: vendorB.id, wajar: true, note: 'Analisa harga satuan wajar; peralatan milik sendiri.' }] },
      },
      { expectStage: 'price_clarification' },
      { check: (v) => assert.deepEqual(awardOf(v).priceClarification.pending, [vendorD.id]) },
      { do: 'clarify_prices', as: pokja, payload: { results: [{ vendorId: vendorD.id, wajar: false, note: 'Harga satuan beton di bawah harga bahan.' }] } },
      { expectStage: 'qualification_verification' },
      {
        check: (v) => {
          const a = awardOf(v);
          assert.deepEqual(
            a.ranking.map((r) => [r.vendorId, r.price]),
            [
              [vendorB.id, 1_100_000_000],
              [vendorC.id, 1_289_000_000],
              [vendorE.id, 1_400_000_000],
            ],
          );
          assert.deepEqual(a.winner, { vendorId: vendorB.id, price: 1_100_000_000 });
          assert.deepEqual(
            a.reserves.map((r) => [r.rank, r.vendorId]),
            [
              [2, vendorC.id],
              [3, vendorE.id],
            ],
          );
          assert.deepEqual(
            a.failed.map((f) => [f.vendorId, f.price, f.reasons]),
            [
              [vendorA.id, 1_460_000_000, ['melebihi_hps']],
              [vendorD.id, 1_050_000_000, ['harga_tidak_wajar']],
            ],
          );
          assert.deepEqual(a.performanceSecurity, { required: true, amount: 72_500_000, basis: 'hps' }, '5% of HPS, not of 1.1 bn');
        },
      },
      { refuse: 'verify_qualification', as: pokja, payload: { vendorId: vendorC.id, passed: true }, status: 409, code: 'not_current_candidate' },
      verify(vendorB, true),
      { expectStage: 'award_decision' },
      { do: 'decide_award', as: pokja },
      { do: 'announce_award', as: pokja },
      { expectStage: 'objection_period' },
      { passDeadline: true },
      { do: 'issue_sppbj', as: ppk, payload: { number: 'SPPBJ/EV/2026' } },
      { expectStage: 'contract_execution' },
      { in: 'contract' },
      {
        check: (v) => {
          const basis = (v.facts as { contractBasis?: Record<string, unknown> }).contractBasis;
          assert.deepEqual([basis?.vendorId, basis?.value, basis?.securityBasis], [vendorB.id, 1_100_000_000, 'hps']);
        },
      },
      { do: 'draft_contract', as: ppk, payload: { number: 'K/EV/2026', durationDays: 90, plannedProgress: [30, 70, 100] } },
      { expectStage: 'performance_security' },
      {
        check: (v) =>
          assert.deepEqual((v.data.terms as { performanceSecurity: unknown }).performanceSecurity, { required: true, amount: 72_500_000, basis: 'hps' }),
      },
      {
        refuse: 'submit_performance_security',
        as: vendorB,
        payload: { guaranteeNumber: 'JP-EV-1', issuer: 'Bank Jabar', amount: 55_000_000, validUntil: '2027-12-31' }, // 5% of the contract value
        status: 422,
        code: 'performance_security_too_low',
      },
      {
        do: 'submit_performance_security',
        as: vendorB,
        payload: { guaranteeNumber: 'JP-EV-1', issuer: 'Bank Jabar', amount: 72_500_000, validUntil: '2027-12-31' },
      },
      { expectStage: 'contract_signing' },
    ],
  },
  {
    name: 'the winner fails pembuktian kualifikasi: reserve winner 1 is verified next and wins',
    input: tenderInput('pkt-evalcadang01'),
    steps: [
      ...bidAndEvaluate([
        [vendorA, { price: 1_200_000_000 }],
        [vendorB, { price: 1_300_000_000 }],
        [vendorC, { price: 1_350_000_000 }],
        [vendorD, { price: 1_420_000_000 }],
      ]),
      { expectStage: 'qualification_verification' },
      winnerAndReserves(vendorA, [vendorB, vendorC]),
      verify(vendorA, false),
      { expectStage: 'qualification_verification' },
      winnerAndReserves(vendorB, [vendorC, vendorD]),
      { check: (v) => assert.deepEqual(awardOf(v).performanceSecurity, { required: true, amount: 65_000_000, basis: 'nilai_kontrak' }) },
      { refuse: 'verify_qualification', as: pokja, payload: { vendorId: vendorA.id, passed: true }, status: 409, code: 'not_current_candidate' },
      verify(vendorB, true),
      { expectStage: 'award_decision' },
      {
        check: (v) => {
          assert.deepEqual(awardOf(v).winner, { vendorId: vendorB.id, price: 1_300_000_000 });
          assert.deepEqual(awardOf(v).failed, [
            { vendorId: vendorA.id, price: 1_200_000_000, reasons: ['pembuktian_kualifikasi'], note: 'Dokumen asli SBU tidak dapat ditunjukkan.' },
          ]);
        },
      },
    ],
  },
  {
    name: 'nobody passes pembuktian kualifikasi: the tender goes to its failure follow-up',
    input: tenderInput('pkt-evalnobody01'),
    steps: [
      ...bidAndEvaluate([
        [vendorA, { price: 1_200_000_000 }],
        [vendorB, { price: 1_300_000_000 }],
      ]),
      verify(vendorA, false),
      winnerAndReserves(vendorB, []),
      verify(vendorB, false),
      // Nobody left (Pasal 51(2)c): announced and open to sanggah first (§3.2).
      { expectStage: 'no_passer_announcement' },
      { do: 'announce_no_passer', as: pokja },
      { passDeadline: true },
      { expectStage: 'failure_follow_up' },
      {
        check: (v) => {
          assert.equal(awardOf(v).winner, undefined);
          assert.deepEqual(
            awardOf(v).failed.map((f) => [f.vendorId, f.reasons]),
            [
              [vendorA.id, ['pembuktian_kualifikasi']],
              [vendorB.id, ['pembuktian_kualifikasi']],
            ],
          );
        },
      },
      // Evaluasi ulang starts a fresh round: the ranking, the clarifications and the verification are done again.
      { do: 'declare_failure', as: pokja, payload: { cause: 'a', followUp: 'evaluasi_ulang', reason: 'Kesalahan dalam pembuktian kualifikasi.' } },
      { expectStage: 'evaluation' },
      { check: (v) => assert.equal(v.data.qualificationCheck, undefined) },
      { do: 'evaluate', as: pokja, payload: evaluationAllPass(vendorA, vendorB) },
      winnerAndReserves(vendorA, [vendorB]),
      verify(vendorA, true),
      { expectStage: 'award_decision' },
    ],
  },
]);

// ---- the 2-file tenders share the clarification; the pascakualifikasi one the verification too -------------------

/** Both files from each bidder, File I opened, scored and announced, File II of the passers opened and ranked. */
const twoFileBidding = (bids: TwoFileBid[]): ScenarioStep[] => [...bidAndScoreFileOne(bids), ...openFileTwo()];

runScenarios('2-file tender evaluation: clarification, reserves, qualification verification', [
  {
    name: 'sistem nilai: a low price clarified first, corrected prices scored, the winner fails verification and reserve 1 wins',
    input: twoFileInput('pkt-eval2fcadang1'),
    steps: [
      { do: 'announce', as: pokja, payload: { evaluationMethod: 'sistem_nilai', technicalWeight: 70, technicalThreshold: 70 } },
      ...[vendorA, vendorB, vendorC].map((v): ScenarioStep => ({ do: 'register', as: v })),
      { passDeadline: true }, // registration
      { passDeadline: true }, // clarification
      ...twoFileBidding([
        [vendorA, 90, { price: 1_100_000_000 }], // below 80% of HPS
        [vendorB, 85, { price: 1_300_000_000, rincian: [line('Pekerjaan struktur', 1, 1_000_000_000), line('Pekerjaan arsitektur', 2, 125_000_000)] }],
        [vendorC, 80, { price: 1_350_000_000 }],
      ]),
      { expectStage: 'price_clarification' },
      { check: (v) => assert.deepEqual(awardOf(v).priceClarification.pending, [vendorA.id]) },
      { do: 'clarify_prices', as: pokja, payload: { results: [{ vendorId: vendorA.id, wajar: true }] } },
      { expectStage: 'qualification_verification' },
      {
        check: (v) => {
          const a = awardOf(v);
          // Lowest valid price 1.1 bn: A 63 + 30 = 93; B (corrected to 1.25 bn) 59.5 + 26.4 = 85.9; C 56 + 24.44 = 80.44.
          assert.deepEqual(
            a.ranking.map((r) => [r.vendorId, r.price, r.combinedScore]),
            [
              [vendorA.id, 1_100_000_000, 93],
              [vendorB.id, 1_250_000_000, 85.9],
              [vendorC.id, 1_350_000_000, 80.44],
            ],
          );
          assert.deepEqual(a.corrections, [{ vendorId: vendorB.id, offeredPrice: 1_300_000_000, correctedPrice: 1_250_000_000 }]);
          assert.deepEqual(
            a.reserves.map((r) => r.vendorId),
            [vendorB.id, vendorC.id],
          );
          assert.deepEqual(a.performanceSecurity, { required: true, amount: 72_500_000, basis: 'hps' });
        },
      },
      verify(vendorA, false),
      { expectStage: 'qualification_verification' },
      winnerAndReserves(vendorB, [vendorC]),
      { check: (v) => assert.deepEqual(awardOf(v).performanceSecurity, { required: true, amount: 62_500_000, basis: 'nilai_kontrak' }) },
      verify(vendorB, true),
      { expectStage: 'award_decision' },
    ],
  },
]);

runScenarios('prequalified tender evaluation: clarification without a second verification', [
  {
    name: 'an unreasonable low price fails; the next wins without pembuktian kualifikasi (done in the prequalification)',
    input: pqInput('pkt-evalpqklar01'),
    steps: [
      { do: 'announce_prequalification', as: pokja },
      ...[vendorA, vendorB, vendorC].flatMap((v): ScenarioStep[] => [
        { do: 'register', as: v },
        { do: 'submit_qualification', as: v, payload: { documentRef: `PQ-${v.id}` } },
      ]),
      { passDeadline: true },
      { do: 'evaluate_qualification', as: pokja, payload: { results: [vendorA, vendorB, vendorC].map((v) => ({ vendorId: v.id, passed: true })) } },
      { do: 'verify_pq_qualifications', as: pokja, payload: { results: [vendorA, vendorB, vendorC].map((v) => ({ vendorId: v.id, terbukti: true })) } },
      { expectStage: 'pq_result_announcement' },
      { do: 'announce_prequalification_result', as: pokja },
      { passDeadline: true }, // PQ sanggah
      { do: 'invite_bidders', as: pokja, payload: { evaluationMethod: 'harga_terendah_ambang_batas' } },
      { passDeadline: true }, // clarification
      ...twoFileBidding([
        [vendorA, 80, { price: 1_000_000_000 }],
        [vendorB, 85, { price: 1_300_000_000 }],
      ]),
      { expectStage: 'price_clarification' },
      {
        do: 'clarify_prices',
        as: pokja,
        payload: { results: [{ vendorId: vendorA.id, wajar: false, note: 'Tidak dapat menunjukkan analisa harga satuan.' }] },
      },
      { expectStage: 'award_decision' },
      {
        check: (v) => {
          assert.deepEqual(awardOf(v).winner, { vendorId: vendorB.id, price: 1_300_000_000 });
          assert.deepEqual(
            awardOf(v).failed.map((f) => [f.vendorId, f.reasons]),
            [[vendorA.id, ['harga_tidak_wajar']]],
          );
        },
      },
    ],
  },
]);

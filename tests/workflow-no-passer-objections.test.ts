/**
 * Sanggah of "no bidder passes" and sanggah prakualifikasi on the time-skipping server, with the current definitions,
 * the real interpreter workflow, activities and read model (docs/regulation.md §2.4 row 9, §3.2; Perpres 16/2018 jo. 12/2021
 * Pasal 50, 51):
 * - Pasal 51(2)c is announced and open to sanggah before it becomes gagal (workflows/definitions/failure.ts,
 *   noPasserStages): only a bidder of the package may object; the Pokja answers; for construction a rejected objector
 *   may appeal to the PA/KPA with a guarantee of at least 1% of HPS (tender pasca 1 file, 2 file, prakualifikasi).
 *   The package waits for each answer: the Pokja cannot declare gagal before it. A rejected appeal forfeits the
 *   guarantee and leads to the declaration; an upheld sanggah (by the Pokja, or through an upheld banding, which returns
 *   the guarantee) re-evaluates instead. Seleksi (consultancy) has no sanggah banding: a rejected sanggah goes to the
 *   declaration.
 * - The masa sanggah prakualifikasi (workflows/definitions/prequalification.ts): only an applicant who submitted
 *   qualification documents may object; upheld → the prequalification is evaluated again (the same round), and the
 *   vendor it now passes is invited; rejected → the list stands and the vendor stays out.
 * No other workflow test reaches these stages (tests/zz-branch-coverage.test.ts counts them per definition version).
 */
import assert from 'node:assert/strict';
import type { ActorRef } from '../domain/process/state';
import { OBJECTION_RULES } from '../domain/selection/objections';
import { PQ_RULES } from '../domain/selection/prequalification-objections';
import { getDefinition } from '../workflows/definitions';
import { reachVerified, stopFollowUp, stopHere } from './support/hand-off-steps';
import { answerAll, answerAppeal, appeal, GUARANTEE, objection, refuseNamingRule } from './support/objection-steps';
import { runScenarios, type ScenarioStep } from './support/scenario';
import { pqScore, seleksiAnnouncement, seleksiInput } from './support/seleksi-cepat-steps';
import { evaluationAllPass, paKpa, pokja, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';
import { bidAndScoreFileOne, failAll, oneFileEvaluated, pqInput, toTwoFileBids, twoFileInput } from './support/tender-steps';

const vendorD: ActorRef = { id: 'vendor-d', name: 'PT Delta', roles: ['penyedia'], org: 'pt-delta' };
const vendorE: ActorRef = { id: 'vendor-e', name: 'PT Eka', roles: ['penyedia'], org: 'pt-eka' };

// ---- steps shared by the scenarios ------------------------------------------------------------------------------

const pqObjection = { reason: 'Dokumen kualifikasi kami memenuhi persyaratan pengalaman.' };
const answerPq = (upheld: boolean) => ({
  answers: [{ objectionId: 'pqObjections-1', upheld, answer: upheld ? 'Sanggahan benar, kualifikasi dievaluasi ulang.' : 'Sanggahan tidak benar.' }],
});
const declareC = (followUp = 'tender_ulang'): ScenarioStep => ({
  do: 'declare_failure',
  as: pokja,
  payload: { cause: 'c', followUp, reason: 'Tidak ada peserta yang lulus evaluasi penawaran.' },
});

/** The Pokja announces that nobody passed: the masa sanggah opens, which a non-bidder and a non-vendor may not use. */
const announceNoPasser = (nonBidders: ActorRef[]): ScenarioStep[] => [
  reachVerified('no_passer_announcement'),
  // Nothing to object to before the announcement.
  { refuse: 'file_objection', as: vendorB, payload: objection('evaluation_error'), status: 409, code: 'wrong_stage' },
  { do: 'announce_no_passer', as: pokja, payload: { note: 'Tidak ada peserta yang lulus evaluasi.' } },
  { expectStage: 'no_passer_objection_period' },
  { check: (v) => assert.equal((v.data.noPasserAnnouncement as { by: string }).by, pokja.id) },
  ...nonBidders.map((v) => refuseNamingRule('file_objection', v, objection('kkn'), 403, 'not_a_bidder', OBJECTION_RULES.bidderOnly)),
  { refuse: 'file_objection', as: pokja, payload: objection('kkn'), status: 403, code: 'forbidden_role' },
];

/**
 * `by` objects, the masa sanggah closes: `late`, another bidder, is refused; the package waits for the Pokja's answer
 * (no declaration before it), which must settle every sanggah.
 */
const objectAndWait = (by: ActorRef, late: ActorRef, cause: string): ScenarioStep[] => [
  { do: 'file_objection', as: by, payload: objection(cause) },
  { refuse: 'file_objection', as: by, payload: objection('other'), status: 409, code: 'already_done' },
  { passDeadline: true },
  { expectStage: 'no_passer_objection_answer' },
  refuseNamingRule('file_objection', late, objection('kkn'), 409, 'wrong_stage', OBJECTION_RULES.period),
  { refuse: 'declare_failure', as: pokja, payload: { cause: 'c', followUp: 'tender_ulang', reason: 'Belum dijawab.' }, status: 409, code: 'wrong_stage' },
  { refuse: 'answer_objections', as: by, payload: answerAll([false]), status: 403, code: 'forbidden_role' },
  { refuse: 'answer_objections', as: pokja, payload: answerAll([false, false]), status: 422, code: 'answers_incomplete' },
];

/** The answer recorded on the objection, and the round's result (whether upheld, and the follow-up it takes). */
const objectionAnswered = (by: ActorRef, cause: string, upheld: boolean): ScenarioStep => ({
  check: (v) => {
    const o = (v.data.objections as { by: string; cause: string; upheld: boolean; answeredBy: string }[])[0]!;
    assert.deepEqual([o.by, o.cause, o.upheld, o.answeredBy], [by.id, cause, upheld, pokja.id]);
    const r = v.data.objectionResult as { upheld: boolean; followUp?: string };
    assert.deepEqual([r.upheld, r.followUp], [upheld, upheld ? 'evaluasi_ulang' : undefined]);
    assert.equal(v.data.failure, undefined, 'not declared gagal');
  },
});

/**
 * Construction, after `by`'s rejected sanggah: only the objector may appeal, with at least 1% of HPS; the appeal
 * period closes and the package waits for the PA/KPA (the Pokja can neither declare gagal nor answer it).
 */
const appealAndWait = (by: ActorRef, other: ActorRef): ScenarioStep[] => [
  { expectStage: 'no_passer_appeal_period' },
  refuseNamingRule('file_appeal', other, appeal(GUARANTEE), 403, 'not_an_objector', OBJECTION_RULES.appealObjectorOnly),
  refuseNamingRule('file_appeal', by, appeal(GUARANTEE - 1), 422, 'appeal_guarantee_insufficient', OBJECTION_RULES.appealGuarantee),
  { do: 'file_appeal', as: by, payload: appeal(GUARANTEE) },
  { passDeadline: true },
  { expectStage: 'no_passer_appeal_answer' },
  { refuse: 'declare_failure', as: pokja, payload: { cause: 'c', followUp: 'tender_ulang', reason: 'Belum dijawab.' }, status: 409, code: 'wrong_stage' },
  { refuse: 'answer_appeals', as: pokja, payload: answerAppeal(false), status: 403, code: 'forbidden_role' },
];

const appealAnswered = (by: ActorRef, upheld: boolean): ScenarioStep => ({
  check: (v) => {
    const a = (v.data.appeals as { by: string; upheld: boolean; answeredBy: string; guaranteeStatus: string; guarantee: { amount: number } }[])[0]!;
    assert.deepEqual(
      [a.by, a.upheld, a.answeredBy, a.guaranteeStatus, a.guarantee.amount],
      [by.id, upheld, paKpa.id, upheld ? 'dikembalikan' : 'dicairkan', GUARANTEE],
    );
    const r = v.data.appealResult as { upheld: boolean; followUp?: string };
    assert.deepEqual([r.upheld, r.followUp], [upheld, upheld ? 'evaluasi_ulang' : undefined]);
  },
});

/** Gagal with cause c: this package ends, a linked re-tender of `method` starts. */
const declaredRetender = (method: string): ScenarioStep[] => [
  declareC(),
  reachVerified('failed_retender', (v) => {
    const failure = v.data.failure as { letter: string; stage: string; by: string };
    assert.deepEqual([failure.letter, failure.stage, failure.by], ['c', 'failure_follow_up', pokja.id], 'declared after the sanggah, by the Pokja');
    const f = v.data.followUp as { method: string; reason: string };
    assert.deepEqual([f.method, f.reason], [method, 'tender_ulang']);
  }),
  stopFollowUp,
];

// ---- the three tender definitions up to "nobody passes" ----------------------------------------------------------

/** Tender pasca 1 file: A and B bid and both fail the qualification; C only registered. */
const oneFileNoPasser: ScenarioStep[] = [...oneFileEvaluated([vendorA, vendorB, vendorC], failAll), ...announceNoPasser([vendorC, vendorD])];

/** Both files from A and B, File I opened and scored below the invitation's or announcement's threshold of 80. */
const fileOneBelowThreshold = bidAndScoreFileOne([
  [vendorA, 79, 1_250_000_000],
  [vendorB, 60, 1_300_000_000],
]);
/** File I scored again, as the re-evaluation after an upheld sanggah banding does. */
const fileOneScores = (a: number, b: number) => ({
  results: [
    { vendorId: vendorA.id, administrasi: true, kualifikasi: true, technicalScore: a },
    { vendorId: vendorB.id, administrasi: true, kualifikasi: true, technicalScore: b },
  ],
});
const THRESHOLD_80 = { evaluationMethod: 'harga_terendah_ambang_batas', technicalThreshold: 80 };

/** Tender pasca 2 file: A and B bid, neither reaches the File I threshold; C only registered. */
const twoFileNoPasser: ScenarioStep[] = [
  ...toTwoFileBids(THRESHOLD_80, [vendorA, vendorB, vendorC]),
  ...fileOneBelowThreshold,
  ...announceNoPasser([vendorC, vendorD]),
];

/** A PQ evaluation of the submitted `vendors`: the Pokja passes `pass` and verifies them, the result is due. */
const pqEvaluated = (vendors: ActorRef[], pass: ActorRef[]): ScenarioStep[] => [
  { do: 'evaluate_qualification', as: pokja, payload: { results: vendors.map((v) => ({ vendorId: v.id, passed: pass.includes(v) })) } },
  { do: 'verify_pq_qualifications', as: pokja, payload: { results: pass.map((v) => ({ vendorId: v.id, terbukti: true })) } },
  reachVerified('pq_result_announcement'),
];
const pqApplicants = [vendorA, vendorB, vendorC, vendorD];
/** Prakualifikasi: A, B, C, D apply (E only registers); A, B, C pass; the result is announced, the sanggah opens. */
const pqToObjectionPeriod: ScenarioStep[] = [
  { do: 'announce_prequalification', as: pokja },
  ...pqApplicants.flatMap((v): ScenarioStep[] => [
    { do: 'register', as: v },
    { do: 'submit_qualification', as: v, payload: { documentRef: `PQ-${v.id}` } },
  ]),
  { do: 'register', as: vendorE },
  { passDeadline: true },
  ...pqEvaluated(pqApplicants, [vendorA, vendorB, vendorC]),
  { do: 'announce_prequalification_result', as: pokja },
  { expectStage: 'pq_objection_period' },
];

/** Prakualifikasi: A, B, C invited; A and B bid and neither reaches the File I threshold; C does not bid. */
const pqNoPasser: ScenarioStep[] = [
  ...pqToObjectionPeriod,
  { passDeadline: true },
  { expectStage: 'invitation' },
  { do: 'invite_bidders', as: pokja, payload: THRESHOLD_80 },
  { passDeadline: true },
  { expectStage: 'bid_submission' },
  ...fileOneBelowThreshold,
  ...announceNoPasser([vendorC, vendorD]),
];

runScenarios('sanggah of "no bidder passes": construction tenders (sanggah banding)', [
  {
    name: 'pasca 1 file: the sanggah rejected, its banding rejected by the PA/KPA (guarantee forfeited) → declared gagal, tender ulang',
    input: tenderInput('pkt-npo1fbandtlk'),
    steps: [
      ...oneFileNoPasser,
      ...objectAndWait(vendorB, vendorA, 'evaluation_error'),
      { do: 'answer_objections', as: pokja, payload: answerAll([false]) },
      objectionAnswered(vendorB, 'evaluation_error', false),
      ...appealAndWait(vendorB, vendorA),
      { do: 'answer_appeals', as: paKpa, payload: answerAppeal(false) },
      { expectStage: 'failure_follow_up' },
      appealAnswered(vendorB, false),
      ...declaredRetender('tender'),
    ],
    endStatus: 'gagal',
  },
  {
    name: 'pasca 1 file: the Pokja upholds an evaluation_error sanggah → evaluasi ulang finds a winner, no gagal',
    input: tenderInput('pkt-npo1fsanggok'),
    steps: [
      ...oneFileNoPasser,
      ...objectAndWait(vendorB, vendorA, 'evaluation_error'),
      { do: 'answer_objections', as: pokja, payload: answerAll([true]) },
      { expectStage: 'evaluation' },
      objectionAnswered(vendorB, 'evaluation_error', true),
      { check: (v) => assert.equal(v.data.appeals, undefined, 'no sanggah banding after an upheld sanggah') },
      { do: 'evaluate', as: pokja, payload: evaluationAllPass(vendorA, vendorB) },
      reachVerified('award_decision', (v) => assert.equal((v.data.award as { winner: { vendorId: string } }).winner.vendorId, vendorA.id)),
      stopHere,
    ],
  },
  {
    name: 'pasca 2 file: the sanggah rejected, its banding upheld by the PA/KPA (guarantee returned) → evaluasi ulang of File I',
    input: twoFileInput('pkt-npo2fbandok1'),
    steps: [
      ...twoFileNoPasser,
      ...objectAndWait(vendorB, vendorA, 'evaluation_error'),
      { do: 'answer_objections', as: pokja, payload: answerAll([false]) },
      objectionAnswered(vendorB, 'evaluation_error', false),
      ...appealAndWait(vendorB, vendorA),
      { do: 'answer_appeals', as: paKpa, payload: answerAppeal(true) },
      { expectStage: 'file1_evaluation' },
      appealAnswered(vendorB, true),
      { check: (v) => assert.equal(v.data.failure, undefined, 'not declared gagal') },
      // The re-evaluation corrects B's score: B passes File I and the result is announced.
      { do: 'evaluate_technical', as: pokja, payload: fileOneScores(79, 82) },
      reachVerified('file1_result_announcement', (v) =>
        assert.deepEqual(
          (v.data.file1Result as { passed: { vendorId: string }[] }).passed.map((p) => p.vendorId),
          [vendorB.id],
        ),
      ),
      stopHere,
    ],
  },
  {
    name: 'prakualifikasi: a vendor that failed the PQ may not object; the sanggah and its banding rejected → declared gagal, tender ulang',
    input: pqInput('pkt-npopqbandtlk'),
    steps: [
      ...pqNoPasser,
      ...objectAndWait(vendorA, vendorB, 'document_error'),
      { do: 'answer_objections', as: pokja, payload: answerAll([false]) },
      {
        check: (v) => {
          const o = (v.data.objections as { by: string; upheld: boolean }[])[0]!;
          assert.deepEqual([o.by, o.upheld, (v.data.objectionResult as { upheld: boolean }).upheld], [vendorA.id, false, false]);
        },
      },
      ...appealAndWait(vendorA, vendorB),
      { do: 'answer_appeals', as: paKpa, payload: answerAppeal(false) },
      { expectStage: 'failure_follow_up' },
      appealAnswered(vendorA, false),
      ...declaredRetender('tender-prakualifikasi'),
    ],
    endStatus: 'gagal',
  },
]);

// ---- sanggah prakualifikasi -----------------------------------------------------------------------------------------

runScenarios('sanggah prakualifikasi: tender prakualifikasi', [
  {
    name: 'the vendor that failed the PQ objects; upheld → the PQ is evaluated again (same round) and the vendor is invited',
    input: pqInput('pkt-npopqsanggok'),
    steps: [
      ...pqToObjectionPeriod,
      // E registered but sent no qualification documents; the Pokja is no vendor.
      refuseNamingRule('file_pq_objection', vendorE, pqObjection, 403, 'not_an_applicant', PQ_RULES.objectorOnly),
      { refuse: 'file_pq_objection', as: pokja, payload: pqObjection, status: 403, code: 'forbidden_role' },
      { refuse: 'answer_pq_objections', as: pokja, payload: answerPq(true), status: 409, code: 'wrong_stage' },
      { do: 'file_pq_objection', as: vendorD, payload: pqObjection },
      { refuse: 'file_pq_objection', as: vendorD, payload: pqObjection, status: 409, code: 'already_done' },
      { passDeadline: true },
      { expectStage: 'pq_objection_answer' },
      refuseNamingRule('file_pq_objection', vendorC, pqObjection, 409, 'wrong_stage', PQ_RULES.objectionPeriod),
      // No invitation before the answer.
      { refuse: 'invite_bidders', as: pokja, payload: THRESHOLD_80, status: 409, code: 'wrong_stage' },
      { refuse: 'answer_pq_objections', as: vendorD, payload: answerPq(true), status: 403, code: 'forbidden_role' },
      { do: 'answer_pq_objections', as: pokja, payload: answerPq(true) },
      { expectStage: 'pq_evaluation' },
      {
        check: (v) => {
          const o = (v.data.pqObjections as { by: string; upheld: boolean; answeredBy: string }[])[0]!;
          assert.deepEqual([o.by, o.upheld, o.answeredBy], [vendorD.id, true, pokja.id]);
          assert.equal((v.data.pqObjectionResult as { upheld: boolean }).upheld, true);
          assert.equal(v.data.pqVerification, undefined, 'the re-evaluation verifies again');
        },
      },
      ...pqEvaluated(pqApplicants, pqApplicants),
      {
        check: (v) => {
          const r = v.data.pqResult as { round: number; passed: { vendorId: string }[]; history: unknown[] };
          assert.deepEqual(r.passed.map((p) => p.vendorId).sort(), pqApplicants.map((a) => a.id).sort());
          assert.deepEqual([r.round, r.history], [1, [{ round: 1, passed: 4 }]], 'a re-evaluation, not the re-run of Pasal 51(5)');
        },
      },
      { do: 'announce_prequalification_result', as: pokja },
      { expectStage: 'pq_objection_period' },
      {
        check: (v) => {
          assert.equal(v.data.pqObjections, undefined, 'a new masa sanggah prakualifikasi');
          assert.deepEqual(
            (v.data.pqObjectionHistory as { by: string; upheld: boolean }[]).map((o) => [o.by, o.upheld]),
            [[vendorD.id, true]],
          );
        },
      },
      { passDeadline: true },
      { do: 'invite_bidders', as: pokja, payload: THRESHOLD_80 },
      { passDeadline: true },
      { expectStage: 'bid_submission' },
      { do: 'submit_technical_bid', as: vendorD, payload: { documentRef: 'F1-vendor-d' } },
      { refuse: 'submit_technical_bid', as: vendorE, payload: { documentRef: 'F1-vendor-e' }, status: 403, code: 'not_invited' },
      stopHere,
    ],
  },
]);

// ---- seleksi (consultancy): sanggah prakualifikasi and "no bidder passes" without sanggah banding --------------------

const seleksiApplicants = [vendorA, vendorB, vendorC, vendorD];

runScenarios('sanggah prakualifikasi and of "no bidder passes": seleksi', [
  {
    name: 'the vendor below the PQ threshold objects, rejected → proposals without it; nobody passes File I, the sanggah rejected → gagal (no banding)',
    input: seleksiInput('pkt-nposelsangg1'),
    steps: [
      {
        do: 'announce',
        as: pokja,
        payload: seleksiAnnouncement,
      },
      ...seleksiApplicants.flatMap((v): ScenarioStep[] => [
        { do: 'register', as: v },
        { do: 'submit_qualification', as: v, payload: { documentRef: `KUAL-${v.id}` } },
      ]),
      { do: 'register', as: vendorE },
      { passDeadline: true },
      // D scores below the PQ threshold of 60 and is left off the daftar pendek.
      {
        do: 'score_qualification',
        as: pokja,
        payload: { results: [pqScore(vendorA, 72), pqScore(vendorB, 81), pqScore(vendorC, 60), pqScore(vendorD, 50)] },
      },
      { do: 'verify_pq_qualifications', as: pokja, payload: { results: seleksiApplicants.map((v) => ({ vendorId: v.id, terbukti: true })) } },
      reachVerified('pq_result_announcement'),
      { do: 'announce_pq_result', as: pokja },
      { expectStage: 'pq_objection_period' },
      refuseNamingRule('file_pq_objection', vendorE, pqObjection, 403, 'not_an_applicant', PQ_RULES.objectorOnly),
      { do: 'file_pq_objection', as: vendorD, payload: pqObjection },
      { passDeadline: true },
      { expectStage: 'pq_objection_answer' },
      { refuse: 'submit_technical', as: vendorA, payload: { documentRef: 'TEKNIS-dini' }, status: 409, code: 'wrong_stage' },
      { do: 'answer_pq_objections', as: pokja, payload: answerPq(false) },
      { expectStage: 'proposal_submission' },
      {
        check: (v) => {
          const o = (v.data.pqObjections as { by: string; upheld: boolean; answeredBy: string }[])[0]!;
          assert.deepEqual([o.by, o.upheld, o.answeredBy], [vendorD.id, false, pokja.id]);
          assert.equal((v.data.pqObjectionResult as { upheld: boolean }).upheld, false);
          const shortlist = (v.data.pqResult as { shortlist: { vendorId: string }[] }).shortlist.map((s) => s.vendorId);
          assert.deepEqual(shortlist, [vendorB.id, vendorA.id, vendorC.id], 'the daftar pendek stands');
        },
      },
      // The rejected sanggah leaves D off the daftar pendek.
      { refuse: 'submit_technical', as: vendorD, payload: { documentRef: 'TEKNIS-vendor-d' }, status: 403, code: 'not_shortlisted' },
      ...[vendorA, vendorB].flatMap((v, i): ScenarioStep[] => [
        { do: 'submit_technical', as: v, payload: { documentRef: `TEKNIS-${v.id}` } },
        { do: 'submit_price', as: v, payload: { price: 1_700_000_000 + i * 100_000_000 } },
      ]),
      { passDeadline: true },
      { do: 'open_technical', as: pokja },
      {
        do: 'evaluate_technical',
        as: pokja,
        payload: {
          results: [
            { vendorId: vendorA.id, technicalScore: 69 },
            { vendorId: vendorB.id, technicalScore: 50 },
          ],
        },
      },
      // C was shortlisted but sent no proposal; D was not shortlisted: neither is a bidder.
      ...announceNoPasser([vendorC, vendorD]),
      ...objectAndWait(vendorB, vendorA, 'evaluation_error'),
      { do: 'answer_objections', as: pokja, payload: answerAll([false]) },
      // Consultancy has no sanggah banding (Pasal 50(2)): the rejected sanggah leads straight to the declaration.
      { expectStage: 'failure_follow_up' },
      objectionAnswered(vendorB, 'evaluation_error', false),
      { check: () => assert.ok(!getDefinition('seleksi')!.nodes.some((n) => n.id === 'no_passer_appeal_period'), 'no appeal stage in seleksi') },
      ...declaredRetender('seleksi'),
    ],
    endStatus: 'gagal',
  },
]);

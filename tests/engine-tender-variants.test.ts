/**
 * Tender variants as pure state machines: pascakualifikasi dua file (docs/regulation.md §2.3) and prakualifikasi (§2.4),
 * plus the evaluation computations they use (§4.1). Service tasks run through the real registry.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wibDateTime } from '../domain/calendar/working-time';
import { settlePrequalification } from '../domain/evaluation/prequalification';
import { evaluateFileOne, rankTwoFile } from '../domain/evaluation/two-file';
// Sealed bids go in as envelopes and come back out at the opening, as they do through the API and the workflow.
import { SealingPackageProcess as PackageProcess } from './support/pure-sealing';
import { preparedProcess } from './support/preparation';
import { refusal } from './support/refusal';
import type { ActorRef } from '../domain/process/state';
import { getDefinition } from '../workflows/definitions';
import { HAND_OFF_STAGES } from '../workflows/definitions/stages';
import { assertContractHandOff, completeContractCall, completeServiceTask, type RecordedFollowUp } from './support/pure-services';
import { paKpa, pokja, ppk, pricesReasonable, qualificationVerified, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';

const MON = wibDateTime(2026, 12, 7, 9, 0); // Monday 7 December 2026, 09:00 WIB
const HPS = 1_450_000_000; // tenderInput's HPS
const vendorD: ActorRef = { id: 'vendor-d', name: 'PT Delta', roles: ['penyedia'], org: 'pt-delta' };

const twoFile = (id: string) => preparedProcess(PackageProcess, tenderInput(id, { definition: getDefinition('tender-pasca-2file')! }), MON);
const prakualifikasi = (id: string) => preparedProcess(PackageProcess, tenderInput(id, { definition: getDefinition('tender-prakualifikasi')! }), MON);

function passDeadline(p: PackageProcess): number {
  const d = p.nextDeadline();
  assert.ok(d, `expected a deadline at '${p.currentNode.id}'`);
  assert.equal(p.onTimer(d.at), true);
  return d.at;
}

const act = (p: PackageProcess, action: string, actor: ActorRef, payload: Record<string, unknown> = {}, at = p.state.current.enteredAt) =>
  p.perform({ action, actor, payload }, at);

const technical = (vendor: ActorRef, technicalScore: number, ok = true) => ({
  vendorId: vendor.id,
  administrasi: true,
  kualifikasi: ok,
  technicalScore,
});

/** Both files from each vendor: [vendor, technical score, price]. */
type Bid = [ActorRef, number, number];
const BIDS: Bid[] = [
  [vendorA, 90, 1_400_000_000],
  [vendorB, 75, 1_200_000_000],
  [vendorC, 80, 1_500_000_000], // above the HPS
  [vendorD, 60, 1_000_000_000], // below the technical threshold: File II never opened
];

/** From the bid window through both files to the ranking, for the vendors in `bids`. */
async function bidAndEvaluate(p: PackageProcess, bids: Bid[]): Promise<void> {
  for (const [v, , price] of bids) {
    act(p, 'submit_technical_bid', v, { documentRef: `F1-${v.id}` });
    act(p, 'submit_price_bid', v, { price });
  }
  passDeadline(p);
  assert.equal(p.currentNode.id, 'file1_opening');
  act(p, 'open_technical_bids', pokja);
  act(p, 'evaluate_technical', pokja, { results: bids.map(([v, score]) => technical(v, score)) });
  await completeServiceTask(p, p.state.current.enteredAt);
}

function toTwoFileBidWindow(p: PackageProcess, settings: Record<string, unknown>, vendors: ActorRef[]): void {
  act(p, 'announce', pokja, settings);
  for (const v of vendors) act(p, 'register', v);
  passDeadline(p); // registration
  passDeadline(p); // clarification
  assert.equal(p.currentNode.id, 'bid_submission');
}

/**
 * Pembuktian kualifikasi (not after a prequalification), award, sanggah, SPPBJ and its document, then the E-Kontrak
 * child with the winner at the winning price, signed.
 */
async function awardToContract(p: PackageProcess, winner: ActorRef, price: number, securityBasis?: 'hps'): Promise<void> {
  if (p.input.definition.id === 'tender-pasca-2file') act(p, 'verify_qualification', pokja, qualificationVerified(winner));
  act(p, 'decide_award', pokja);
  act(p, 'announce_award', pokja);
  assert.equal(p.currentNode.id, 'objection_period');
  passDeadline(p);
  act(p, 'issue_sppbj', ppk, { number: 'SPPBJ/TV/2026' });
  assert.equal(p.currentNode.id, 'sppbj_document');
  await completeServiceTask(p, p.state.current.enteredAt);
  assert.equal((p.state.data.documents as { sppbj: { kind: string } }).sppbj.kind, 'sppbj');
  await completeServiceTask(p, p.state.current.enteredAt);
  assertContractHandOff(p, { definitionId: 'kontrak', providerId: winner.id, value: price, waitFor: 'signed', securityBasis });
  assert.equal(refusal(() => act(p, 'cancel', paKpa, { reason: 'Anggaran dialihkan untuk penanganan banjir.' })).code, 'wrong_stage');
  completeContractCall(p, p.state.current.enteredAt, { milestone: 'signed', status: 'spmk' });
  assert.equal(p.currentNode.id, 'contract_signed');
  assert.equal(p.state.status, 'contract_signed');
  assert.equal(p.state.outcome, 'completed');
}

describe('evaluation: two files and prequalification', () => {
  test('File I: administration, qualification and the technical threshold', () => {
    const r = evaluateFileOne(
      [
        { by: 'a', at: 2 },
        { by: 'b', at: 1 },
        { by: 'c', at: 3 },
        { by: 'd', at: 4 },
      ],
      [technical({ id: 'a' } as ActorRef, 70), technical({ id: 'b' } as ActorRef, 85), technical({ id: 'c' } as ActorRef, 90, false)],
      70,
    );
    assert.deepEqual(
      r.passed,
      [
        { vendorId: 'b', technicalScore: 85 },
        { vendorId: 'a', technicalScore: 70 },
      ],
      'threshold inclusive, best first',
    );
    assert.deepEqual(r.failed, [
      { vendorId: 'c', technicalScore: 90, reasons: ['kualifikasi'] },
      { vendorId: 'd', reasons: ['tidak_dievaluasi'] },
    ]);
  });

  test('sistem nilai weighs technical and price; ambang batas takes the lowest price', () => {
    const passed = [
      { vendorId: 'a', technicalScore: 90 },
      { vendorId: 'b', technicalScore: 75 },
      { vendorId: 'c', technicalScore: 80 },
    ];
    const bids = [
      { by: 'a', price: 140, at: 1 },
      { by: 'b', price: 120, at: 2 },
      { by: 'c', price: 151, at: 3 },
    ];
    const nilai = rankTwoFile(bids, passed, 150, { method: 'sistem_nilai', technicalWeight: 70 });
    assert.deepEqual(nilai.weights, { technical: 70, price: 30 });
    assert.deepEqual(nilai.winner, { vendorId: 'a', price: 140 });
    assert.deepEqual(
      nilai.ranking.map((r) => [r.vendorId, r.priceScore, r.combinedScore]),
      [
        ['a', 85.71, 88.71],
        ['b', 100, 82.5],
      ],
    );
    assert.deepEqual(nilai.failed, [{ vendorId: 'c', price: 151, reasons: ['melebihi_hps'] }]);
    const priceHeavy = rankTwoFile(bids, passed, 150, { method: 'sistem_nilai', technicalWeight: 30 });
    assert.equal(priceHeavy.winner?.vendorId, 'b', 'the weights decide');
    const ambang = rankTwoFile(bids, passed, 150, { method: 'harga_terendah_ambang_batas', technicalWeight: 70 });
    assert.deepEqual(ambang.winner, { vendorId: 'b', price: 120 });
    assert.equal(ambang.weights, undefined);
    const none = rankTwoFile([{ by: 'a', price: 151, at: 1 }], passed, 150, { method: 'sistem_nilai', technicalWeight: 70 });
    assert.equal(none.winner, undefined);
    assert.deepEqual(
      none.failed.map((f) => f.reasons[0]),
      ['melebihi_hps', 'tidak_ada_penawaran_harga', 'tidak_ada_penawaran_harga'],
    );
  });

  test('prequalification rounds are counted from the previous settlement', () => {
    const first = settlePrequalification(
      [{ by: 'a' }, { by: 'b' }],
      [
        { vendorId: 'a', kualifikasi: true },
        { vendorId: 'x', kualifikasi: true },
      ],
    );
    assert.equal(first.round, 1);
    assert.deepEqual(first.passed, [{ vendorId: 'a' }]);
    assert.deepEqual(first.failed, [
      { vendorId: 'b', reasons: ['tidak_dievaluasi'] },
      { vendorId: 'x', reasons: ['tidak_mengirim_kualifikasi'] },
    ]);
    const second = settlePrequalification([], [], first);
    assert.deepEqual(
      [second.round, second.passed.length, second.history],
      [
        2,
        0,
        [
          { round: 1, passed: 1 },
          { round: 2, passed: 0 },
        ],
      ],
    );
  });
});

describe('tender pascakualifikasi dua file — state machine', () => {
  test('sistem nilai: File I first, File II of passers only, combined score wins, contract signed', async () => {
    const p = twoFile('pkg-tv-2f-1');
    toTwoFileBidWindow(p, { evaluationMethod: 'sistem_nilai', technicalWeight: 70, technicalThreshold: 70 }, [vendorA, vendorB, vendorC, vendorD]);
    await bidAndEvaluate(p, BIDS);
    assert.deepEqual(
      (p.state.data.file1Result as { passed: { vendorId: string }[] }).passed.map((x) => x.vendorId),
      [vendorA.id, vendorC.id, vendorB.id],
    );
    assert.equal(p.currentNode.id, 'file1_result_announcement');
    const early = refusal(() => p.check({ action: 'open_price_bids', actor: pokja, payload: {} }, p.state.current.enteredAt));
    assert.equal(early.code, 'wrong_stage', 'File II waits for the File I result');
    act(p, 'announce_technical_result', pokja);
    act(p, 'open_price_bids', pokja);
    await completeServiceTask(p, p.state.current.enteredAt);
    const award = p.state.data.award as { winner: { vendorId: string }; weights: unknown; failed: { vendorId: string; reasons: string[] }[] };
    assert.deepEqual(award.weights, { technical: 70, price: 30 });
    assert.equal(award.winner.vendorId, vendorA.id, 'A wins on the combined score though B is cheaper');
    assert.deepEqual(award.failed, [{ vendorId: vendorC.id, price: 1_500_000_000, reasons: ['melebihi_hps'] }]);
    const view = JSON.stringify(p.view());
    assert.ok(!view.includes('1000000000'), 'the File II of a File I failure is never opened');
    assert.ok(view.includes('1400000000'), 'passers’ prices are published in the ranking');
    await awardToContract(p, vendorA, 1_400_000_000);
  });

  test('harga terendah ambang batas: the lowest price above the threshold wins', async () => {
    const p = twoFile('pkg-tv-2f-2');
    toTwoFileBidWindow(p, { evaluationMethod: 'harga_terendah_ambang_batas' }, [vendorA, vendorB, vendorC, vendorD]);
    await bidAndEvaluate(p, BIDS);
    act(p, 'announce_technical_result', pokja);
    act(p, 'open_price_bids', pokja);
    await completeServiceTask(p, p.state.current.enteredAt);
    assert.equal((p.state.data.award as { winner: { vendorId: string } }).winner.vendorId, vendorB.id);
    assert.equal(refusal(() => act(p, 'issue_sppbj', ppk, { number: 'SPPBJ/TV/2026' })).code, 'wrong_stage', 'no SPPBJ before the award');
    await awardToContract(p, vendorB, 1_200_000_000);
  });

  test('nobody passes File I: gagal, File II never opened', async () => {
    const p = twoFile('pkg-tv-2f-3');
    toTwoFileBidWindow(p, { evaluationMethod: 'sistem_nilai' }, [vendorA, vendorD]);
    await bidAndEvaluate(p, [
      [vendorA, 69, 1_100_000_000],
      [vendorD, 50, 1_000_000_000],
    ]);
    // Pasal 51(2)c: announced, open to sanggah (§3.2), then the Pokja declares gagal → tender ulang.
    assert.equal(p.currentNode.id, 'no_passer_announcement');
    act(p, 'announce_no_passer', pokja);
    passDeadline(p);
    act(p, 'declare_failure', pokja, { cause: 'c', followUp: 'tender_ulang', reason: 'Tidak ada peserta yang lulus File I.' });
    await completeServiceTask(p, p.state.current.enteredAt);
    assert.equal(p.currentNode.id, 'failed_retender');
    assert.deepEqual([p.state.status, p.state.outcome], ['gagal', 'failed']);
    assert.equal(p.state.data.award, undefined);
  });

  test('the only File I passer bid above the HPS: gagal', async () => {
    const p = twoFile('pkg-tv-2f-4');
    toTwoFileBidWindow(p, { evaluationMethod: 'harga_terendah_ambang_batas', technicalThreshold: 60 }, [vendorC]);
    await bidAndEvaluate(p, [[vendorC, 80, HPS + 1]]);
    act(p, 'announce_technical_result', pokja);
    act(p, 'open_price_bids', pokja);
    await completeServiceTask(p, p.state.current.enteredAt);
    // Pasal 51(2)g: every price above the HPS → announced, open to sanggah, then declared gagal.
    assert.equal(p.currentNode.id, 'no_passer_announcement');
    act(p, 'announce_no_passer', pokja);
    passDeadline(p);
    assert.equal(p.currentNode.id, 'failure_follow_up');
    act(p, 'declare_failure', pokja, { cause: 'g', followUp: 'tender_ulang', reason: 'Satu-satunya penawaran melebihi HPS.' });
    assert.equal((p.state.data.failure as { letter: string }).letter, 'g');
    assert.deepEqual((p.state.data.award as { failed: unknown[] }).failed, [{ vendorId: vendorC.id, price: HPS + 1, reasons: ['melebihi_hps'] }]);
  });

  test('refusals: evaluation method required, unregistered bidder, no bids after the extension', () => {
    const p = twoFile('pkg-tv-2f-5');
    assert.equal(refusal(() => act(p, 'announce', pokja, {})).status, 422);
    assert.equal(refusal(() => act(p, 'announce', pokja, { evaluationMethod: 'sistem_nilai', technicalWeight: 100 })).status, 422);
    toTwoFileBidWindow(p, { evaluationMethod: 'sistem_nilai' }, [vendorA]);
    assert.equal(refusal(() => act(p, 'submit_price_bid', vendorB, { price: 10 })).code, 'not_registered');
    assert.equal(refusal(() => act(p, 'submit_price_bid', vendorA, { price: 10.5 })).status, 422);
    passDeadline(p);
    assert.equal(p.currentNode.id, 'bid_extension');
    passDeadline(p);
    // Pasal 51(2)b: the Pokja declares the tender failed.
    assert.equal(p.currentNode.id, 'failure_no_bids');
    assert.equal(p.state.status, 'active');
  });

  test('cancellation by the PA/KPA before the contract, not once it is handed off', () => {
    const p = twoFile('pkg-tv-2f-6');
    act(p, 'announce', pokja, { evaluationMethod: 'sistem_nilai' });
    act(p, 'cancel', paKpa, { reason: 'Anggaran dialihkan untuk penanganan banjir.' });
    assert.deepEqual([p.state.status, p.state.outcome], ['batal', 'cancelled']);
    assert.deepEqual(getDefinition('tender-pasca-2file')!.interrupts![0]!.notAt, HAND_OFF_STAGES);
  });
});

describe('tender prakualifikasi — state machine', () => {
  /** One PQ round: the vendors register and submit, the Pokja passes `pass` of them; returns after the settlement. */
  async function pqRound(p: PackageProcess, vendors: ActorRef[], pass: ActorRef[]): Promise<void> {
    for (const v of vendors) {
      act(p, 'register', v);
      act(p, 'submit_qualification', v, { documentRef: `PQ-${v.id}` });
    }
    passDeadline(p);
    if (vendors.length) {
      assert.equal(p.currentNode.id, 'pq_evaluation');
      act(p, 'evaluate_qualification', pokja, { results: vendors.map((v) => ({ vendorId: v.id, passed: pass.includes(v) })) });
      // Pembuktian kualifikasi of the passers before the result is set (§2.4 row 6).
      if (pass.length) act(p, 'verify_pq_qualifications', pokja, { results: pass.map((v) => ({ vendorId: v.id, terbukti: true })) });
    }
    assert.equal(p.currentNode.id, 'pq_settlement');
    await completeServiceTask(p, p.state.current.enteredAt);
  }

  async function invitedToContract(p: PackageProcess, bidders: ActorRef[], winner: ActorRef, price: number): Promise<void> {
    act(p, 'announce_prequalification_result', pokja);
    passDeadline(p); // PQ sanggah
    act(p, 'invite_bidders', pokja, { evaluationMethod: 'harga_terendah_ambang_batas' });
    passDeadline(p); // clarification
    await bidAndEvaluate(
      p,
      bidders.map((v, i) => [v, 80, 1_000_000_000 + i * 100_000_000] as Bid),
    );
    act(p, 'announce_technical_result', pokja);
    act(p, 'open_price_bids', pokja);
    await completeServiceTask(p, p.state.current.enteredAt);
    // Both prices are below 80% of the HPS: clarified as reasonable, then ranked (security on the HPS).
    act(p, 'clarify_prices', pokja, pricesReasonable(bidders));
    await completeServiceTask(p, p.state.current.enteredAt);
    await awardToContract(p, winner, price, 'hps');
  }

  test('3 pass the first PQ: only they are invited, 2-file bidding, contract signed', async () => {
    const p = prakualifikasi('pkg-tv-pq-1');
    act(p, 'announce_prequalification', pokja);
    await pqRound(p, [vendorA, vendorB, vendorC, vendorD], [vendorA, vendorB, vendorC]);
    assert.equal(p.currentNode.id, 'pq_result_announcement');
    act(p, 'announce_prequalification_result', pokja);
    passDeadline(p);
    act(p, 'invite_bidders', pokja, { evaluationMethod: 'sistem_nilai', technicalWeight: 60 });
    assert.equal(refusal(() => act(p, 'ask_question', vendorD, { question: 'Boleh ikut menawar?' })).code, 'not_invited');
    act(p, 'ask_question', vendorA, { question: 'Apakah ada kunjungan lapangan?' });
    passDeadline(p);
    assert.equal(refusal(() => act(p, 'submit_technical_bid', vendorD, { documentRef: 'x' })).code, 'not_invited');
    await bidAndEvaluate(p, [
      [vendorA, 90, 1_300_000_000],
      [vendorB, 80, 1_200_000_000],
    ]);
    act(p, 'announce_technical_result', pokja);
    act(p, 'open_price_bids', pokja);
    await completeServiceTask(p, p.state.current.enteredAt);
    assert.deepEqual((p.state.data.award as { weights: unknown }).weights, { technical: 60, price: 40 }, 'settings from the invitation');
    await awardToContract(p, vendorA, 1_300_000_000);
  });

  test('fewer than 3 pass: one re-run; 2 pass after it and the tender continues', async () => {
    const p = prakualifikasi('pkg-tv-pq-2');
    act(p, 'announce_prequalification', pokja);
    await pqRound(p, [vendorA, vendorB, vendorC], [vendorA, vendorB]);
    assert.equal(p.currentNode.id, 'pq_rerun_announcement');
    assert.equal(p.state.data.qualifications, undefined, 'the re-run starts from no submissions');
    act(p, 'announce_prequalification_rerun', pokja);
    assert.equal(refusal(() => act(p, 'submit_qualification', vendorA, { documentRef: 'lama' })).code, 'not_registered');
    await pqRound(p, [vendorB, vendorC], [vendorB, vendorC]);
    assert.deepEqual((p.state.data.pqResult as { history: unknown }).history, [
      { round: 1, passed: 2 },
      { round: 2, passed: 2 },
    ]);
    assert.equal(p.currentNode.id, 'pq_result_announcement');
    await invitedToContract(p, [vendorB, vendorC], vendorB, 1_000_000_000);
  });

  test('one passes after the re-run: Penunjukan Langsung follow-up, then gagal', async () => {
    const p = prakualifikasi('pkg-tv-pq-3');
    act(p, 'announce_prequalification', pokja);
    await pqRound(p, [vendorA], [vendorA]);
    act(p, 'announce_prequalification_rerun', pokja);
    await pqRound(p, [vendorA, vendorB], [vendorA]);
    assert.equal(p.currentNode.id, 'start_direct_appointment');
    assert.equal(refusal(() => act(p, 'cancel', ppk, { reason: 'Batalkan saja paket ini.' })).code, 'wrong_stage');
    const followUps: RecordedFollowUp[] = [];
    await completeServiceTask(p, p.state.current.enteredAt, followUps);
    assert.deepEqual(
      followUps.map((f) => [f.method, f.reason]),
      [['penunjukan-langsung', 'prakualifikasi_satu_peserta']],
    );
    assert.deepEqual(p.state.data.followUp, followUps[0]);
    assert.deepEqual([p.currentNode.id, p.state.status, p.state.outcome], ['failed_single_qualifier', 'gagal', 'failed']);
  });

  test('nobody submits in either round: gagal after the re-run', async () => {
    const p = prakualifikasi('pkg-tv-pq-4');
    act(p, 'announce_prequalification', pokja);
    await pqRound(p, [], []);
    act(p, 'announce_prequalification_rerun', pokja);
    await pqRound(p, [vendorA], []);
    // Pasal 51(1), (5): the Pokja declares the prequalification failed and repeats it as a new package.
    assert.deepEqual([p.currentNode.id, p.state.status], ['failure_pq', 'active']);
    act(p, 'declare_failure', pokja, { cause: 'pq_b', followUp: 'tender_ulang', reason: 'Tidak ada peserta yang lulus setelah prakualifikasi ulang.' });
    const followUps: RecordedFollowUp[] = [];
    await completeServiceTask(p, p.state.current.enteredAt, followUps);
    assert.deepEqual(
      followUps.map((f) => [f.method, f.reason]),
      [['tender-prakualifikasi', 'tender_ulang']],
    );
    assert.deepEqual([p.currentNode.id, p.state.status], ['failed_retender', 'gagal']);
  });
});

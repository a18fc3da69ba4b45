/**
 * Seleksi (consultancy, prakualifikasi dua file, kualitas dan biaya) and tender cepat (optional e-reverse auction):
 * the pure evaluations and the state machine of both definitions, without Temporal.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wibDateTime } from '../domain/calendar/working-time';
import { passTechnical, rankQualityCost } from '../domain/evaluation/quality-cost';
import { closeAuctionRound, standingsFromBids } from '../domain/evaluation/reverse-auction';
import { settleSeleksiNegotiation } from '../domain/evaluation/seleksi-negotiation';
import { shortlistByWeightedScore, weightedScore } from '../domain/evaluation/weighted-qualification';
// Sealed bids go in as envelopes and come back out at the opening, as they do through the API and the workflow.
import { SealingPackageProcess as PackageProcess } from './support/pure-sealing';
import { preparedProcess } from './support/preparation';
import { refusal } from './support/refusal';
import type { ActorRef } from '../domain/process/state';
import { assertContractHandOff, completeContractCall, completeServiceTask, type RecordedFollowUp } from './support/pure-services';
import { cepatInput, seleksiInput, vendorD } from './support/seleksi-cepat-steps';
import { paKpa, pokja, ppk, vendorA, vendorB, vendorC } from './support/tender-fixture';

const HOUR = 3_600_000;
const MON = wibDateTime(2026, 12, 7, 9, 0); // Monday 7 December 2026, 09:00 WIB
const announcement = {
  evaluationMethod: 'kualitas_biaya',
  pqCriteria: [
    { id: 'pengalaman', name: 'Pengalaman perusahaan', weight: 40 },
    { id: 'tenaga_ahli', weight: 35 },
    { id: 'peralatan', weight: 25 },
  ],
  pqThreshold: 60,
  technicalThreshold: 70,
  technicalWeight: 80,
};
// Weighted: A 71.5, B 81.5, C 60 (exactly the threshold), D 50.
const pqScores = {
  results: [
    { vendorId: vendorA.id, scores: { pengalaman: 80, tenaga_ahli: 70, peralatan: 60 } },
    { vendorId: vendorB.id, scores: { pengalaman: 90, tenaga_ahli: 80, peralatan: 70 } },
    { vendorId: vendorC.id, scores: { pengalaman: 60, tenaga_ahli: 60, peralatan: 60 } },
    { vendorId: vendorD.id, scores: { pengalaman: 50, tenaga_ahli: 50, peralatan: 50 } },
  ],
};

function passDeadline(p: PackageProcess): number {
  const d = p.nextDeadline();
  assert.ok(d, `expected a deadline at '${p.currentNode.id}'`);
  assert.equal(p.onTimer(d.at), true);
  return d.at;
}

describe('seleksi and tender cepat — pure evaluations', () => {
  test('weighted PQ score, threshold inclusive, unscored firms fail, the shortlist is capped', () => {
    assert.equal(weightedScore(announcement.pqCriteria, { pengalaman: 80, tenaga_ahli: 70, peralatan: 60 }), 71.5);
    assert.equal(weightedScore(announcement.pqCriteria, { pengalaman: 100 }), 40, 'an unscored criterion counts 0');
    const subs = [vendorA, vendorB, vendorC, vendorD].map((v, i) => ({ by: v.id, at: i }));
    const s = shortlistByWeightedScore(subs, pqScores.results.slice(0, 3), announcement.pqCriteria, 60);
    assert.deepEqual(s.shortlist, [
      { rank: 1, vendorId: vendorB.id, score: 81.5 },
      { rank: 2, vendorId: vendorA.id, score: 71.5 },
      { rank: 3, vendorId: vendorC.id, score: 60 },
    ]);
    assert.deepEqual(s.failed, [{ vendorId: vendorD.id, reasons: ['tidak_dievaluasi'] }]);
    const capped = shortlistByWeightedScore(subs, pqScores.results, announcement.pqCriteria, 50, 3);
    assert.deepEqual(
      capped.shortlist.map((x) => x.vendorId),
      [vendorB.id, vendorA.id, vendorC.id],
    );
    assert.deepEqual(capped.failed, [{ vendorId: vendorD.id, score: 50, reasons: ['di_luar_daftar_pendek'] }]);
  });

  test('quality-cost: File II only for technical passers, combined score, cost above pagu fails', () => {
    const tech = passTechnical(
      [vendorA, vendorB, vendorC].map((v, i) => ({ by: v.id, at: i })),
      [
        { vendorId: vendorA.id, score: 85 },
        { vendorId: vendorB.id, score: 75 },
        { vendorId: vendorC.id, score: 65 },
      ],
      70,
    );
    assert.deepEqual(tech.passed, [
      { vendorId: vendorA.id, technicalScore: 85 },
      { vendorId: vendorB.id, technicalScore: 75 },
    ]);
    assert.deepEqual(tech.failed, [{ vendorId: vendorC.id, technicalScore: 65, reasons: ['di_bawah_ambang_batas_teknis'] }]);
    const prices = [
      { by: vendorA.id, price: 1_800_000_000, at: 1 },
      { by: vendorB.id, price: 1_500_000_000, at: 2 },
      { by: vendorC.id, price: 900_000_000, at: 3 }, // never read: C failed File I
    ];
    const r = rankQualityCost(tech.passed, prices, 80, 2_000_000_000);
    assert.deepEqual(r.weights, { technical: 80, cost: 20 });
    assert.deepEqual(
      r.ranking.map((x) => [x.vendorId, x.costScore, x.combinedScore]),
      [
        [vendorA.id, 83.33, 84.67],
        [vendorB.id, 100, 80],
      ],
    );
    assert.deepEqual(r.winner, { vendorId: vendorA.id, price: 1_800_000_000, combinedScore: 84.67 });
    const overPagu = rankQualityCost(tech.passed, [{ by: vendorA.id, price: 2_100_000_000, at: 1 }], 80, 2_000_000_000);
    assert.equal(overPagu.winner, undefined);
    assert.deepEqual(
      overPagu.failed.map((f) => f.reasons[0]),
      ['melebihi_pagu', 'tidak_ada_penawaran_biaya'],
    );
  });

  test('negotiation only lowers the price; no agreement fails', () => {
    assert.deepEqual(settleSeleksiNegotiation(100, { outcome: 'sepakat', agreedPrice: 90 }), { outcome: 'sepakat', offeredPrice: 100, agreedPrice: 90 });
    assert.equal(settleSeleksiNegotiation(100, { outcome: 'sepakat', agreedPrice: 100 }).outcome, 'sepakat');
    assert.equal(settleSeleksiNegotiation(100, { outcome: 'sepakat', agreedPrice: 101 }).outcome, 'harga_tidak_valid');
    assert.equal(settleSeleksiNegotiation(100, { outcome: 'sepakat' }).outcome, 'harga_tidak_valid');
    assert.equal(settleSeleksiNegotiation(100, { outcome: 'tidak_sepakat' }).outcome, 'tidak_sepakat');
  });

  test('reverse auction: a price only goes down; the last round finishes the auction', () => {
    const start = standingsFromBids([
      { by: 'a', price: 700, at: 1 },
      { by: 'b', price: 720, at: 2 },
    ]);
    const r1 = closeAuctionRound(
      { rounds: [], standings: start },
      [
        { by: 'a', price: 710, at: 5 },
        { by: 'b', price: 690, at: 6 },
        { by: 'x', price: 1, at: 7 },
      ],
      2,
    );
    assert.deepEqual(r1.rounds[0], {
      round: 1,
      accepted: [{ vendorId: 'b', from: 720, to: 690 }],
      rejected: [
        { vendorId: 'a', price: 710, reason: 'tidak_lebih_rendah' },
        { vendorId: 'x', price: 1, reason: 'tidak_ada_penawaran_awal' },
      ],
    });
    assert.equal(r1.finished, undefined);
    assert.deepEqual(r1.offers, []);
    const r2 = closeAuctionRound(r1, [{ by: 'a', price: 680, at: 9 }], 2);
    assert.equal(r2.finished, true);
    assert.deepEqual(r2.standings, [
      { vendorId: 'a', price: 680, at: 9 },
      { vendorId: 'b', price: 690, at: 6 },
    ]);
  });
});

/** Announcement → PQ window (A–D register and submit) → PQ scores → shortlist. Returns the time after. */
async function seleksiToShortlist(p: PackageProcess, scores = pqScores, vendors = [vendorA, vendorB, vendorC, vendorD]) {
  p.perform({ action: 'announce', actor: pokja, payload: announcement }, MON);
  for (const v of vendors) {
    p.perform({ action: 'register', actor: v, payload: {} }, MON + HOUR);
    p.perform({ action: 'submit_qualification', actor: v, payload: { documentRef: `KUAL-${v.id}` } }, MON + 2 * HOUR);
  }
  const t = passDeadline(p);
  p.perform({ action: 'score_qualification', actor: pokja, payload: scores }, t);
  // Pembuktian kualifikasi of every applicant before the shortlist is set (§2.4 row 6).
  assert.equal(p.currentNode.id, 'pq_verification');
  p.perform({ action: 'verify_pq_qualifications', actor: pokja, payload: { results: vendors.map((v) => ({ vendorId: v.id, terbukti: true })) } }, t);
  assert.equal(p.currentNode.id, 'shortlisting');
  const followUps: RecordedFollowUp[] = [];
  await completeServiceTask(p, t, followUps);
  if (p.currentNode.type === 'serviceTask') await completeServiceTask(p, t, followUps);
  return { t, followUps };
}

describe('seleksi — state machine', () => {
  test('main path: shortlist, two files, quality-cost, sanggah, THEN negotiation, SPPBJ, contract', async () => {
    const p = preparedProcess(PackageProcess, seleksiInput('pkg-sel-1'), MON);
    let { t } = await seleksiToShortlist(p);
    assert.equal(p.currentNode.id, 'pq_result_announcement');
    const shortlist = (p.state.data.pqResult as { shortlist: { vendorId: string }[] }).shortlist.map((s) => s.vendorId);
    assert.deepEqual(shortlist, [vendorB.id, vendorA.id, vendorC.id]);
    p.perform({ action: 'announce_pq_result', actor: pokja, payload: {} }, t);
    t = passDeadline(p); // PQ sanggah
    assert.equal(p.currentNode.id, 'proposal_submission');

    const out = refusal(() => p.check({ action: 'submit_technical', actor: vendorD, payload: { documentRef: 'T-D' } }, t));
    assert.deepEqual([out.status, out.code], [403, 'not_shortlisted']);
    for (const [v, price] of [
      [vendorA, 1_800_000_000],
      [vendorB, 1_500_000_000],
      [vendorC, 912_345_678],
    ] as const) {
      p.perform({ action: 'submit_technical', actor: v, payload: { documentRef: `T-${v.id}` } }, t + HOUR);
      p.perform({ action: 'submit_price', actor: v, payload: { price } }, t + HOUR);
    }
    t = passDeadline(p);
    assert.equal(p.currentNode.id, 'technical_opening');
    p.perform({ action: 'open_technical', actor: pokja, payload: {} }, t);
    assert.ok(!JSON.stringify(p.view()).includes('1800000000'), 'File II stays sealed after File I opens');
    const scores = [
      [vendorA, 85],
      [vendorB, 75],
      [vendorC, 65],
    ] as const;
    p.perform({ action: 'evaluate_technical', actor: pokja, payload: { results: scores.map(([v, score]) => ({ vendorId: v.id, technicalScore: score })) } }, t);
    await completeServiceTask(p, t);
    assert.equal(p.currentNode.id, 'price_opening');
    p.perform({ action: 'open_prices', actor: pokja, payload: {} }, t);
    await completeServiceTask(p, t);
    assert.equal(p.currentNode.id, 'award_decision', 'pagu ≤ Rp10 bn: the Pokja sets the winner');
    const view = JSON.stringify(p.view());
    assert.ok(view.includes('1800000000') && !view.includes('912345678'), 'only File I passers have their File II opened');
    assert.deepEqual((p.state.data.award as { winner: unknown }).winner, { vendorId: vendorA.id, price: 1_800_000_000, combinedScore: 84.67 });
    p.perform({ action: 'decide_award', actor: pokja, payload: {} }, t);
    p.perform({ action: 'announce_award', actor: pokja, payload: {} }, t);
    assert.equal(p.currentNode.id, 'objection_period');
    const early = refusal(() => p.check({ action: 'record_negotiation', actor: pokja, payload: { outcome: 'sepakat', agreedPrice: 1 } }, t));
    assert.equal(early.code, 'wrong_stage', 'negotiation only after the sanggah period');
    t = passDeadline(p);

    assert.equal(p.currentNode.id, 'negotiation');
    const noPrice = refusal(() => p.check({ action: 'record_negotiation', actor: pokja, payload: { outcome: 'sepakat' } }, t));
    assert.equal(noPrice.status, 422);
    p.perform({ action: 'record_negotiation', actor: pokja, payload: { outcome: 'sepakat', agreedPrice: 1_850_000_000 } }, t);
    await completeServiceTask(p, t);
    assert.equal(p.currentNode.id, 'negotiation', 'a price above the offer is recorded again');
    assert.equal((p.state.data.negotiationResult as { reason: string }).reason, 'melebihi_harga_penawaran');
    p.perform({ action: 'record_negotiation', actor: pokja, payload: { outcome: 'sepakat', agreedPrice: 1_750_000_000 } }, t + HOUR);
    await completeServiceTask(p, t + HOUR);
    assert.equal(p.currentNode.id, 'sppbj');
    p.perform({ action: 'issue_sppbj', actor: ppk, payload: { number: 'SPPBJ/KONS/01' } }, t + HOUR);
    assert.equal(p.currentNode.id, 'sppbj_document');
    await completeServiceTask(p, t + HOUR);
    assert.equal(p.currentNode.id, 'prepare_contract');
    await completeServiceTask(p, t + HOUR);
    // The contract value is the negotiated price (Pasal 50(3)); the offer stays the bid price.
    assertContractHandOff(p, { definitionId: 'kontrak', providerId: vendorA.id, value: 1_750_000_000, bidPrice: 1_800_000_000, waitFor: 'signed' });
    assert.equal(
      refusal(() => p.check({ action: 'cancel', actor: ppk, payload: { reason: 'Kebutuhan konsultan dibatalkan.' } }, t + HOUR)).code,
      'wrong_stage',
    );
    completeContractCall(p, t + 2 * HOUR, { milestone: 'signed', status: 'spmk' });
    assert.deepEqual([p.currentNode.id, p.state.status, p.state.outcome], ['contract_signed', 'contract_signed', 'completed']);
  });

  test('pagu above Rp10 bn: the PA sets the winner, not the Pokja', async () => {
    const p = preparedProcess(PackageProcess, seleksiInput('pkg-sel-2', { pagu: 12_000_000_000, hps: 11_500_000_000 }), MON);
    let { t } = await seleksiToShortlist(p);
    p.perform({ action: 'announce_pq_result', actor: pokja, payload: {} }, t);
    t = passDeadline(p);
    p.perform({ action: 'submit_technical', actor: vendorB, payload: { documentRef: 'T-B' } }, t);
    p.perform({ action: 'submit_price', actor: vendorB, payload: { price: 11_000_000_000 } }, t);
    t = passDeadline(p);
    p.perform({ action: 'open_technical', actor: pokja, payload: {} }, t);
    p.perform({ action: 'evaluate_technical', actor: pokja, payload: { results: [{ vendorId: vendorB.id, technicalScore: 90 }] } }, t);
    await completeServiceTask(p, t);
    p.perform({ action: 'open_prices', actor: pokja, payload: {} }, t);
    await completeServiceTask(p, t);
    assert.equal(p.currentNode.id, 'award_decision_pa');
    assert.equal(refusal(() => p.check({ action: 'decide_award_pa', actor: pokja, payload: {} }, t)).status, 403);
    p.perform({ action: 'decide_award_pa', actor: paKpa, payload: {} }, t);
    assert.equal(p.currentNode.id, 'award_announcement');
  });

  test('prakualifikasi: <3 passers → gagal and a re-PQ package; after a re-PQ 2 continue, 1 → Penunjukan Langsung', async () => {
    const twoPass = { results: pqScores.results.slice(0, 2) };
    const first = preparedProcess(PackageProcess, seleksiInput('pkg-sel-3'), MON);
    const a = await seleksiToShortlist(first, twoPass);
    assert.equal(first.state.status, 'gagal');
    assert.equal(first.currentNode.id, 'failed_pq');
    assert.deepEqual(
      a.followUps.map((f) => [f.method, f.reason]),
      [['seleksi', 'prakualifikasi_ulang']],
    );

    const rePq = { followUpReason: 'prakualifikasi_ulang', previousPackageId: 'pkg-sel-3' };
    const second = preparedProcess(PackageProcess, seleksiInput('pkg-sel-4', rePq), MON);
    await seleksiToShortlist(second, twoPass);
    assert.equal(second.currentNode.id, 'pq_result_announcement', 'after a re-PQ two passers continue');

    const single = preparedProcess(PackageProcess, seleksiInput('pkg-sel-5', rePq), MON);
    const c = await seleksiToShortlist(single, { results: pqScores.results.slice(0, 1) });
    assert.equal(single.currentNode.id, 'failed_pq_single');
    assert.deepEqual(
      c.followUps.map((f) => f.method),
      ['penunjukan-langsung'],
    );

    const none = preparedProcess(PackageProcess, seleksiInput('pkg-sel-6', rePq), MON);
    const d = await seleksiToShortlist(none, { results: [] });
    // Pasal 51(1), (5): the re-PQ failed too; the Pokja declares it (no automatic end).
    assert.equal(none.currentNode.id, 'failure_pq');
    assert.deepEqual(d.followUps, []);
  });
});

describe('tender cepat — state machine', () => {
  async function toOpening(p: PackageProcess, reverseAuction: boolean, bids: [ActorRef, number][]) {
    p.perform({ action: 'announce', actor: pokja, payload: { reverseAuction } }, MON);
    for (const [v] of bids) p.perform({ action: 'register', actor: v, payload: { sikapRef: `SIKAP-${v.id}` } }, MON + HOUR);
    let t = passDeadline(p);
    assert.equal(p.currentNode.id, 'bid_submission');
    for (const [v, price] of bids) p.perform({ action: 'submit_bid', actor: v, payload: { price } }, t + HOUR);
    t = passDeadline(p);
    return t;
  }

  test('without auction: lowest price ≤ HPS wins; no sanggah stage', async () => {
    const p = preparedProcess(PackageProcess, cepatInput('pkg-tc-1'), MON);
    const t = await toOpening(p, false, [
      [vendorA, 700_000_000],
      [vendorB, 690_000_000],
      [vendorC, 760_000_000],
    ]);
    p.perform({ action: 'open_bids', actor: pokja, payload: {} }, t);
    await completeServiceTask(p, t);
    const award = p.state.data.award as { winner: unknown; failed: { vendorId: string; reasons: string[] }[] };
    assert.deepEqual(award.winner, { vendorId: vendorB.id, price: 690_000_000 });
    assert.deepEqual(
      award.failed.map((f) => [f.vendorId, f.reasons]),
      [[vendorC.id, ['melebihi_hps']]],
    );
    p.perform({ action: 'decide_award', actor: pokja, payload: {} }, t);
    assert.equal(p.currentNode.id, 'sppbj', 'no objection period in tender cepat');
    p.perform({ action: 'issue_sppbj', actor: ppk, payload: { number: 'SPPBJ/TC/1' } }, t);
    assert.equal(p.currentNode.id, 'sppbj_document');
    await completeServiceTask(p, t);
    await completeServiceTask(p, t);
    assertContractHandOff(p, { definitionId: 'kontrak', providerId: vendorB.id, value: 690_000_000, waitFor: 'signed' });
    completeContractCall(p, t, { milestone: 'signed', status: 'spmk' });
    assert.deepEqual([p.currentNode.id, p.state.status, p.state.outcome], ['contract_signed', 'contract_signed', 'completed']);
  });

  test('with 2 auction rounds: prices only go down, offers are sealed during a round, the lowest final price wins', async () => {
    const p = preparedProcess(PackageProcess, cepatInput('pkg-tc-2'), MON);
    let t = await toOpening(p, true, [
      [vendorA, 700_000_000],
      [vendorB, 690_000_000],
    ]);
    p.perform({ action: 'open_bids', actor: pokja, payload: {} }, t);
    assert.equal(p.currentNode.id, 'auction_round');
    assert.equal(refusal(() => p.check({ action: 'lower_price', actor: vendorC, payload: { price: 1 } }, t)).code, 'no_bid');
    p.perform({ action: 'lower_price', actor: vendorA, payload: { price: 685_000_000 } }, t + 1000);
    p.perform({ action: 'lower_price', actor: vendorB, payload: { price: 695_000_000 } }, t + 2000); // not lower: rejected
    assert.ok(!JSON.stringify(p.view()).includes('685000000'), 'offers are sealed while the round runs');
    t = passDeadline(p);
    await completeServiceTask(p, t);
    assert.equal(p.currentNode.id, 'auction_round', 'second round');
    const r1 = (p.state.data.auction as { rounds: { rejected: { vendorId: string }[] }[] }).rounds[0]!;
    assert.deepEqual(
      r1.rejected.map((r) => r.vendorId),
      [vendorB.id],
    );
    p.perform({ action: 'lower_price', actor: vendorB, payload: { price: 680_000_000 } }, t + 1000);
    t = passDeadline(p);
    await completeServiceTask(p, t);
    assert.equal(p.currentNode.id, 'ranking');
    await completeServiceTask(p, t);
    assert.deepEqual((p.state.data.award as { winner: unknown }).winner, { vendorId: vendorB.id, price: 680_000_000 });
    assert.equal(p.currentNode.id, 'award_decision');
  });

  test('no bids → gagal; every price above the HPS → gagal', async () => {
    const none = preparedProcess(PackageProcess, cepatInput('pkg-tc-3'), MON);
    await toOpening(none, false, []);
    // No bids → the Pokja declares tender cepat gagal (cause b) with a tender cepat follow-up (§2.6).
    assert.equal(none.currentNode.id, 'failure_no_bids');
    none.perform(
      { action: 'declare_failure', actor: pokja, payload: { cause: 'b', followUp: 'batal', reason: 'Tidak ada penawaran; kebutuhan dibatalkan.' } },
      MON,
    );
    assert.deepEqual([none.currentNode.id, none.state.status], ['failed_not_continued', 'gagal']);
    const high = preparedProcess(PackageProcess, cepatInput('pkg-tc-4'), MON);
    const t = await toOpening(high, false, [[vendorA, 760_000_000]]);
    high.perform({ action: 'open_bids', actor: pokja, payload: {} }, t);
    await completeServiceTask(high, t);
    assert.equal(high.currentNode.id, 'failure_above_hps');
  });
});

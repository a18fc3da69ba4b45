import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wibDateTime } from '../domain/calendar/working-time';
// Sealed bids go in as envelopes and come back out at the opening, as they do through the API and the workflow.
import { SealingPackageProcess as PackageProcess } from './support/pure-sealing';
import { refusal } from './support/refusal';
import { preparedProcess } from './support/preparation';
import { HAND_OFF_STAGES } from '../workflows/definitions/stages';
import { assertContractHandOff, completeContractCall, completeServiceTask, type RecordedFollowUp } from './support/pure-services';
import {
  evaluationAllPass,
  paKpa,
  pokja,
  pokjaOther,
  ppk,
  pricesReasonable,
  qualificationVerified,
  tenderInput,
  vendorA,
  vendorB,
  vendorC,
} from './support/tender-fixture';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MON = wibDateTime(2026, 12, 7, 9, 0); // Monday 7 December 2026, 09:00 WIB

/** Drives time forward through the next deadline, as the workflow's timer would. */
function passDeadline(p: PackageProcess): number {
  const d = p.nextDeadline();
  assert.ok(d, 'expected an open window');
  assert.equal(p.onTimer(d.at), true);
  return d.at;
}

const runService = (p: PackageProcess, now: number) => completeServiceTask(p, now);

function toBidWindow(p: PackageProcess, now = MON): number {
  p.perform({ action: 'announce', actor: pokja, payload: {} }, now);
  for (const v of [vendorA, vendorB, vendorC]) p.perform({ action: 'register', actor: v, payload: {} }, now + HOUR);
  let t = passDeadline(p); // registration closes
  assert.equal(p.currentNode.id, 'clarification');
  p.perform({ action: 'ask_question', actor: vendorA, payload: { question: 'Apakah boleh subkontrak?' } }, t + HOUR);
  p.perform({ action: 'answer_question', actor: pokja, payload: { questionId: 'questions-1', answer: 'Tidak.' } }, t + 2 * HOUR);
  t = passDeadline(p); // clarification closes
  assert.equal(p.currentNode.id, 'bid_submission');
  return t;
}

describe('tender pascakualifikasi satu file — state machine', () => {
  test('main path from announcement to a signed contract', async () => {
    const p = preparedProcess(PackageProcess, tenderInput('pkg-1'), MON);
    assert.equal(p.currentNode.id, 'announcement');
    let t = toBidWindow(p);
    const q = (p.state.data.questions as { answer: string; answeredBy: string }[])[0]!;
    assert.equal(q.answer, 'Tidak.');
    assert.equal(q.answeredBy, pokja.id);

    p.perform({ action: 'submit_bid', actor: vendorA, payload: { price: 1_400_000_000 } }, t + HOUR);
    p.perform({ action: 'submit_bid', actor: vendorB, payload: { price: 1_300_000_000 } }, t + HOUR);
    p.perform({ action: 'submit_bid', actor: vendorC, payload: { price: 1_500_000_000 } }, t + HOUR); // above HPS
    p.perform({ action: 'submit_bid', actor: vendorA, payload: { price: 1_250_000_000 } }, t + 2 * HOUR); // replaces
    assert.equal((p.state.data.bids as unknown[]).length, 3, 'one bid per vendor');

    t = passDeadline(p);
    assert.equal(p.currentNode.id, 'bid_opening');
    p.perform({ action: 'open_bids', actor: pokja, payload: {} }, t);
    p.perform({ action: 'evaluate', actor: pokja, payload: evaluationAllPass(vendorA, vendorB, vendorC) }, t + HOUR);
    assert.equal(p.currentNode.id, 'ranking');
    await runService(p, t + HOUR);
    const award = p.state.data.award as { winner: { vendorId: string; price: number }; failed: { vendorId: string; reasons: string[] }[] };
    assert.deepEqual(award.winner, { vendorId: vendorA.id, price: 1_250_000_000 });
    assert.deepEqual(award.failed, [{ vendorId: vendorC.id, price: 1_500_000_000, reasons: ['melebihi_hps'] }]);

    p.perform({ action: 'verify_qualification', actor: pokja, payload: qualificationVerified(vendorA) }, t + 2 * HOUR);
    p.perform({ action: 'decide_award', actor: pokja, payload: {} }, t + 2 * HOUR);
    p.perform({ action: 'announce_award', actor: pokja, payload: {} }, t + 3 * HOUR);
    assert.equal(p.currentNode.id, 'objection_period');
    t = passDeadline(p);
    p.perform({ action: 'issue_sppbj', actor: ppk, payload: { number: 'SPPBJ/001/2026' } }, t);
    assert.equal(p.currentNode.id, 'sppbj_document');
    await runService(p, t);
    const sppbjDoc = (p.state.data.documents as { sppbj: { documentId: string; kind: string; revision: number } }).sppbj;
    assert.deepEqual([sppbjDoc.documentId, sppbjDoc.kind, sppbjDoc.revision], ['pkg-1:sppbj:1', 'sppbj', 1]);
    assert.equal(p.currentNode.id, 'prepare_contract');
    await runService(p, t);

    // The contract is signed in its E-Kontrak child, with the winner at the winning price; the package waits.
    assertContractHandOff(p, { definitionId: 'kontrak', providerId: vendorA.id, value: 1_250_000_000, waitFor: 'signed' });
    const signHere = refusal(() => p.check({ action: 'sign_contract_penyedia', actor: vendorA, payload: {} }, t));
    assert.deepEqual([signHere.status, signHere.code], [404, 'unknown_task'], 'signing is not a step of the package any more');
    const late = refusal(() => p.check({ action: 'cancel', actor: paKpa, payload: { reason: 'Anggaran dialihkan untuk bencana banjir.' } }, t));
    assert.deepEqual([late.status, late.code], [409, 'wrong_stage'], 'no cancellation once the contract is handed off');
    p.drainEvents();
    const link = completeContractCall(p, t + 2 * HOUR, { milestone: 'signed', status: 'spmk' });
    assert.deepEqual(p.state.data.contractLink, link);
    const [called] = p.drainEvents();
    assert.deepEqual([called?.type, called?.node], ['call_completed', 'contract_execution']);
    assert.equal(p.currentNode.id, 'contract_signed');
    assert.equal(p.state.status, 'contract_signed');
    assert.equal(p.state.outcome, 'completed');
    assert.equal(p.nextDeadline(), undefined);
    assert.equal(p.pendingCall(), undefined);
    const seq = p.state.seq;
    p.completeCall('contract_execution', { ...link, status: 'selesai' }, t + 3 * HOUR); // a late duplicate: ignored
    assert.deepEqual([p.state.seq, p.state.data.contractLink], [seq, link]);
  });

  test('Pasal 78 ayat (2): the contract child ends before it is signed: the award goes to the reserve winners (replaceWinner)', async () => {
    const p = preparedProcess(PackageProcess, tenderInput('pkg-11'), MON);
    let t = toBidWindow(p);
    p.perform({ action: 'submit_bid', actor: vendorB, payload: { price: 1_300_000_000 } }, t + HOUR);
    t = passDeadline(p);
    p.perform({ action: 'open_bids', actor: pokja, payload: {} }, t);
    p.perform({ action: 'evaluate', actor: pokja, payload: evaluationAllPass(vendorB) }, t);
    await runService(p, t);
    p.perform({ action: 'verify_qualification', actor: pokja, payload: qualificationVerified(vendorB) }, t);
    p.perform({ action: 'decide_award', actor: pokja, payload: {} }, t);
    p.perform({ action: 'announce_award', actor: pokja, payload: {} }, t);
    t = passDeadline(p);
    p.perform({ action: 'issue_sppbj', actor: ppk, payload: { number: 'SPPBJ/011/2026' } }, t);
    while (p.pendingService()) await runService(p, t);
    assertContractHandOff(p, { definitionId: 'kontrak', providerId: vendorB.id, value: 1_300_000_000, waitFor: 'signed' });
    // The child ended without reaching 'signed' (the PPK terminated it before the signatures).
    completeContractCall(p, t + DAY, { status: 'diputus', outcome: 'failed' });
    assert.deepEqual([p.currentNode.id, p.pendingService()?.service, p.state.outcome], ['winner_replacement', 'replaceWinner', undefined]);
  });

  test('refusals: role, assignment, stage, window, payload, registration', async () => {
    const p = preparedProcess(PackageProcess, tenderInput('pkg-2'), MON);
    assert.equal(refusal(() => p.check({ action: 'announce', actor: vendorA, payload: {} }, MON)).status, 403);
    const notAssigned = refusal(() => p.check({ action: 'announce', actor: pokjaOther, payload: {} }, MON));
    assert.deepEqual([notAssigned.status, notAssigned.code], [403, 'not_assigned']);
    const early = refusal(() => p.check({ action: 'submit_bid', actor: vendorA, payload: { price: 1 } }, MON));
    assert.deepEqual([early.status, early.code], [409, 'wrong_stage']);
    const unknown = refusal(() => p.check({ action: 'launch_rocket', actor: pokja, payload: {} }, MON));
    assert.equal(unknown.status, 404);
    const bad = refusal(() => p.check({ action: 'announce', actor: pokja, payload: { note: 42 } }, MON));
    assert.deepEqual([bad.status, bad.code], [422, 'invalid_payload']);
    const extra = refusal(() => p.check({ action: 'announce', actor: pokja, payload: { sneaky: true } }, MON));
    assert.equal(extra.status, 422);

    p.perform({ action: 'announce', actor: pokja, payload: {} }, MON);
    p.perform({ action: 'register', actor: vendorA, payload: {} }, MON);
    const twice = refusal(() => p.perform({ action: 'register', actor: vendorA, payload: {} }, MON));
    assert.deepEqual([twice.status, twice.code], [409, 'already_done']);
    const closesAt = p.nextDeadline()!.at;
    const late = refusal(() => p.check({ action: 'register', actor: vendorB, payload: {} }, closesAt));
    assert.deepEqual([late.status, late.code], [409, 'window_closed']);
    passDeadline(p);
    passDeadline(p);
    const unregistered = refusal(() => p.check({ action: 'submit_bid', actor: vendorB, payload: { price: 10 } }, p.state.current.enteredAt));
    assert.deepEqual([unregistered.status, unregistered.code], [403, 'not_registered']);
    const float = refusal(() => p.check({ action: 'submit_bid', actor: vendorA, payload: { price: 10.5 } }, p.state.current.enteredAt));
    assert.equal(float.status, 422, 'money is integer rupiah');
  });

  test('bids stay sealed in the view until the opening is recorded', async () => {
    const p = preparedProcess(PackageProcess, tenderInput('pkg-3'), MON);
    const t = toBidWindow(p);
    p.perform({ action: 'submit_bid', actor: vendorA, payload: { price: 987_654_321 } }, t + HOUR);
    assert.ok(!JSON.stringify(p.view()).includes('987654321'));
    passDeadline(p);
    p.perform({ action: 'open_bids', actor: pokja, payload: {} }, t + 10 * DAY);
    assert.ok(JSON.stringify(p.view()).includes('987654321'));
  });

  test('no bids: one extension, then gagal', async () => {
    const p = preparedProcess(PackageProcess, tenderInput('pkg-4'), MON);
    toBidWindow(p);
    passDeadline(p);
    assert.equal(p.currentNode.id, 'bid_extension');
    assert.equal(p.state.status, 'active');
    const t = passDeadline(p);
    // Pasal 51(2)b, (9): the Pokja declares the tender failed (cause b); its only follow-up is a tender ulang.
    assert.equal(p.currentNode.id, 'failure_no_bids', 'no bids after the extension: the Pokja declares gagal');
    const reEvaluate = refusal(() =>
      p.check({ action: 'declare_failure', actor: pokja, payload: { cause: 'b', followUp: 'evaluasi_ulang', reason: 'Tidak ada penawaran masuk.' } }, t),
    );
    assert.equal(reEvaluate.code, 'follow_up_not_allowed');
    p.perform({ action: 'declare_failure', actor: pokja, payload: { cause: 'b', followUp: 'tender_ulang', reason: 'Tidak ada penawaran masuk.' } }, t);
    assert.equal(p.currentNode.id, 'start_retender');
    const followUps: RecordedFollowUp[] = [];
    await completeServiceTask(p, p.state.current.enteredAt, followUps);
    assert.deepEqual(
      followUps.map((f) => [f.method, f.reason]),
      [['tender', 'tender_ulang']],
    );
    assert.equal(p.currentNode.id, 'failed_retender');
    assert.equal(p.state.status, 'gagal');
    assert.equal(p.state.outcome, 'failed');
    assert.equal((p.state.data.followUp as { packageId: string }).packageId, followUps[0]!.packageId);
  });

  test('a bid during the extension continues to opening', async () => {
    const p = preparedProcess(PackageProcess, tenderInput('pkg-5'), MON);
    toBidWindow(p);
    const t = passDeadline(p);
    p.perform({ action: 'submit_bid', actor: vendorB, payload: { price: 1_000_000_000 } }, t + HOUR);
    passDeadline(p);
    assert.equal(p.currentNode.id, 'bid_opening');
  });

  test('all bids fail evaluation or exceed HPS: gagal', async () => {
    const p = preparedProcess(PackageProcess, tenderInput('pkg-6'), MON);
    let t = toBidWindow(p);
    p.perform({ action: 'submit_bid', actor: vendorA, payload: { price: 1_460_000_000 } }, t + HOUR);
    p.perform({ action: 'submit_bid', actor: vendorB, payload: { price: 1_000_000_000 } }, t + HOUR);
    t = passDeadline(p);
    p.perform({ action: 'open_bids', actor: pokja, payload: {} }, t);
    p.perform(
      {
        action: 'evaluate',
        actor: pokja,
        payload: {
          results: [
            { vendorId: vendorA.id, administrasi: true, kualifikasi: true, teknis: true },
            { vendorId: vendorB.id, administrasi: true, kualifikasi: false, teknis: true },
          ],
        },
      },
      t,
    );
    await runService(p, t);
    // Announced and open to sanggah first (§3.2); without sanggah the Pokja declares the failure.
    assert.equal(p.currentNode.id, 'no_passer_announcement');
    p.perform({ action: 'announce_no_passer', actor: pokja, payload: {} }, t);
    t = passDeadline(p);
    assert.equal(p.currentNode.id, 'failure_follow_up', 'the Pokja decides how the failed tender continues');
    assert.equal(p.state.status, 'active');
    const notRetender = refusal(() =>
      p.check(
        { action: 'declare_failure', actor: pokja, payload: { cause: 'c', followUp: 'penunjukan_langsung', reason: 'Tidak ada penyedia yang lulus.' } },
        t,
      ),
    );
    assert.deepEqual([notRetender.status, notRetender.code], [422, 'follow_up_not_allowed']);
    // Pasal 51(2)d, (7): an error in the selection document → re-submission of bids.
    p.perform(
      {
        action: 'declare_failure',
        actor: pokja,
        payload: { cause: 'd', followUp: 'penawaran_ulang', reason: 'Spesifikasi teknis dalam dokumen pemilihan keliru.' },
      },
      t,
    );
    assert.equal(p.currentNode.id, 'bid_resubmission');
    assert.equal(p.state.data.bids, undefined, 'a re-submission starts without the earlier bids');
    assert.equal(p.state.data.opening, undefined);
  });

  test('cancellation with a reason by the PPK or PA/KPA, not once the contract is handed off', async () => {
    assert.deepEqual(tenderInput('pkg-7').definition.interrupts![0]!.notAt, HAND_OFF_STAGES);
    const p = preparedProcess(PackageProcess, tenderInput('pkg-7'), MON);
    toBidWindow(p);
    const short = refusal(() => p.check({ action: 'cancel', actor: ppk, payload: { reason: 'x' } }, MON));
    assert.equal(short.status, 422);
    assert.equal(refusal(() => p.check({ action: 'cancel', actor: vendorA, payload: { reason: 'tidak sesuai' } }, MON)).status, 403);
    p.perform({ action: 'cancel', actor: paKpa, payload: { reason: 'Anggaran dialihkan untuk bencana banjir.' } }, MON + DAY);
    assert.equal(p.state.status, 'batal');
    assert.equal(p.state.outcome, 'cancelled');
    assert.equal(p.nextDeadline(), undefined, 'open windows close with the package');
    assert.equal(refusal(() => p.check({ action: 'announce', actor: pokja, payload: {} }, MON)).code, 'package_ended');
  });

  test('the objection period of 5 calendar days ends on a working day', async () => {
    const p = preparedProcess(PackageProcess, tenderInput('pkg-8'), MON);
    let t = toBidWindow(p);
    p.perform({ action: 'submit_bid', actor: vendorA, payload: { price: 1_000_000_000 } }, t);
    t = passDeadline(p);
    p.perform({ action: 'open_bids', actor: pokja, payload: {} }, t);
    p.perform({ action: 'evaluate', actor: pokja, payload: evaluationAllPass(vendorA) }, t);
    await runService(p, t);
    p.perform({ action: 'clarify_prices', actor: pokja, payload: pricesReasonable([vendorA]) }, t); // 1 bn < 80% of HPS
    await runService(p, t);
    p.perform({ action: 'verify_qualification', actor: pokja, payload: qualificationVerified(vendorA) }, t);
    p.perform({ action: 'decide_award', actor: pokja, payload: {} }, t);
    const monday = wibDateTime(2026, 12, 21, 10, 0);
    p.perform({ action: 'announce_award', actor: pokja, payload: {} }, monday);
    // Monday + 5 days = Saturday 26 Dec 10:00; the period runs on to Monday 28 Dec 08:00 WIB.
    assert.equal(p.nextDeadline()!.at, wibDateTime(2026, 12, 28, 8, 0));
  });

  test('time scale compresses windows but keeps the calendar deadline for display', async () => {
    const p = preparedProcess(PackageProcess, tenderInput('pkg-9', { timeScale: 0.001 }), MON);
    p.perform({ action: 'announce', actor: pokja, payload: {} }, MON);
    const c = p.state.current;
    // 5 calendar days from Monday 09:00 end on Saturday; the window runs on to the next working time (Monday 14
    // December 08:00 WIB). The timer fires after that span compressed; the deadline shown stays the calendar one.
    assert.equal(c.nominalClosesAt, wibDateTime(2026, 12, 14, 8, 0));
    assert.equal(c.closesAt! - MON, Math.round((wibDateTime(2026, 12, 14, 8, 0) - MON) * 0.001));
  });

  test('events are numbered without gaps and the view never shows more than the state', async () => {
    const p = preparedProcess(PackageProcess, tenderInput('pkg-10'), MON);
    toBidWindow(p);
    const seqs = p.drainEvents().map((e) => e.seq);
    assert.deepEqual(
      seqs,
      Array.from({ length: seqs.length }, (_, i) => i + 1),
    );
    assert.equal(p.view().seq, seqs[seqs.length - 1]);
    assert.deepEqual(p.drainEvents(), []);
  });
});

describe('definition pinning', () => {
  test('a package runs the definition it was started with, not whatever the registry holds later', async () => {
    const input = tenderInput('pkg-pinned');
    const next = JSON.parse(JSON.stringify(input.definition)) as typeof input.definition;
    next.version = input.definition.version + 1;
    (next.nodes.find((n) => n.id === 'registration') as { name: string }).name = 'Pendaftaran (versi 2)';
    const oldPackage = preparedProcess(PackageProcess, input, MON);
    const newPackage = preparedProcess(PackageProcess, { ...input, packageId: 'pkg-v2', definition: next }, MON);
    oldPackage.perform({ action: 'announce', actor: pokja, payload: {} }, MON);
    newPackage.perform({ action: 'announce', actor: pokja, payload: {} }, MON);
    assert.equal(oldPackage.view().definition.version, input.definition.version);
    assert.equal(oldPackage.view().stage.name, 'Pendaftaran dan Download Dokumen Pemilihan');
    assert.equal(newPackage.view().definition.version, input.definition.version + 1);
    assert.equal(newPackage.view().stage.name, 'Pendaftaran (versi 2)');
  });
});

/**
 * The vendor view (domain/views) as pure functions, on states the real engine produced: before the opening a vendor
 * sees nothing of another vendor's bid (identity, count, time) and no officer's user id; after it the names, read-out
 * and corrected prices, ranks and pass/fail, never another's rincian, document or evaluator's note. Fields nobody
 * allowlisted never come through.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wibDateTime } from '../domain/calendar/working-time';
import type { PackageView } from '../domain/process/engine';
import type { ActorRef } from '../domain/process/state';
import { officerLabels } from '../domain/views/role-labels';
import { vendorContractData, type VendorDataContext } from '../domain/views/vendor-data';
import { isVendorOnly, vendorLiveView, vendorReceipts, vendorTimeline } from '../domain/views/vendor-view';
import { SealingPackageProcess as PackageProcess } from './support/pure-sealing';
import { preparePure } from './support/preparation';
import { completeServiceTask } from './support/pure-services';
import { pokja, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';

const HOUR = 3_600_000;
const MON = wibDateTime(2026, 12, 7, 9, 0);
const OFFICER_IDS = ['ppk-1', 'pokja-1', 'pokja-2', 'pokja-3', 'pa-1', 'ukpbj-1'];
const B_PRICE = 1_312_345_678;
const B_UNIT_PRICE = 987_654_321;
const B_DOC = { fileName: 'penawaran-beta-rahasia.txt', mediaType: 'text/plain', contentBase64: Buffer.from('RAHASIA-BETA').toString('base64') };
const B_NOTE = 'Catatan evaluator tentang PT Beta';

const ctxFor = (viewer: ActorRef, view: PackageView, p: PackageProcess): VendorDataContext => ({
  viewerId: viewer.id,
  definition: p.input.definition,
  vendorName: (id) => ({ 'vendor-a': 'PT Alfa', 'vendor-b': 'PT Beta', 'vendor-c': 'CV Gama' })[id],
  officers: officerLabels(view.assignments),
});

function vendorText(viewer: ActorRef, p: PackageProcess): { view: ReturnType<typeof vendorLiveView>; text: string } {
  const live = p.view();
  const view = vendorLiveView(live, p.input.definition, ctxFor(viewer, live, p), false);
  return { view, text: JSON.stringify(view) };
}

function toBidWindow(): { p: PackageProcess; now: number; registeredAt: number } {
  const p = new PackageProcess(tenderInput('pkg-vendor-view'), MON);
  // The preparation (issue 13): the head of the UKPBJ assigns, the Reviu DPP, the PPK's co-signature.
  const prepared = preparePure(p, p.input, MON);
  p.perform({ action: 'announce', actor: pokja, payload: { note: 'Catatan internal pengumuman' } }, prepared);
  for (const v of [vendorA, vendorB, vendorC]) p.perform({ action: 'register', actor: v, payload: {} }, prepared + HOUR);
  let now = p.nextDeadline()!.at;
  p.onTimer(now);
  p.perform({ action: 'ask_question', actor: vendorB, payload: { question: 'Pertanyaan dari PT Beta?' } }, now + HOUR);
  p.perform({ action: 'answer_question', actor: pokja, payload: { questionId: 'questions-1', answer: 'Jawaban Pokja.' } }, now + HOUR);
  now = p.nextDeadline()!.at;
  p.onTimer(now);
  assert.equal(p.currentNode.id, 'bid_submission');
  return { p, now, registeredAt: prepared + HOUR };
}

describe('vendor view (allowlist)', () => {
  test('isVendorOnly: only actors whose every role is penyedia', () => {
    assert.equal(isVendorOnly(['penyedia']), true);
    assert.equal(isVendorOnly(['penyedia', 'auditor']), false);
    assert.equal(isVendorOnly(['pokja']), false);
    assert.equal(isVendorOnly([]), false);
  });

  test('before the opening: own bid only, no other bidder, no count, no officer id, no seq', () => {
    const { p, now, registeredAt } = toBidWindow();
    p.perform({ action: 'submit_bid', actor: vendorB, payload: { price: B_PRICE, document: B_DOC } }, now + HOUR);
    const { view, text } = vendorText(vendorA, p);
    assert.ok(!text.includes(vendorB.id), 'vendor B is not named anywhere');
    assert.ok(!text.includes(String(now + HOUR)), "vendor B's bid time is nowhere");
    for (const id of OFFICER_IDS) assert.ok(!text.includes(`"${id}"`), `officer id ${id} is not shown`);
    assert.ok(!('seq' in view), 'no event counter to count bids by');
    assert.deepEqual(view.data.bids, [], "A sees an empty bid list (B's sealed bid does not exist for A)");
    // Issue 13: a late registration (until the bid deadline) and the Pokja's schedule change are open in the window too.
    assert.deepEqual(
      view.openActions.map((a) => a.id),
      ['register', 'submit_bid', 'publish_addendum', 'cancel', 'change_schedule'],
      'the window step is still listed',
    );
    assert.ok(!text.includes('Catatan internal'), "officers' notes are not shown");
    // The clarification's Q&A reaches every participant, without who asked.
    const q = (p.state.data.questions as { at: number; answeredAt: number }[])[0]!;
    assert.deepEqual(view.data.questions, [
      { id: 'questions-1', question: 'Pertanyaan dari PT Beta?', at: q.at, answer: 'Jawaban Pokja.', answeredAt: q.answeredAt },
    ]);
    assert.deepEqual(view.data.registrations, [{ by: vendorA.id, at: registeredAt }], 'own registration only');

    p.perform({ action: 'submit_bid', actor: vendorA, payload: { price: 1_400_000_000 } }, now + 2 * HOUR);
    const own = vendorText(vendorA, p).view.data.bids as { by: string; sealed: boolean }[];
    assert.deepEqual(
      own.map((x) => [x.by, x.sealed]),
      [[vendorA.id, true]],
      "A's own sealed bid, and still not B's",
    );
  });

  test('after the opening: names, prices, ranks and pass/fail; never rincian, documents or notes of others', async () => {
    const { p, now } = toBidWindow();
    const rincian = (unit: number) => [{ description: 'Galian tanah', quantity: 1, unitPrice: unit }];
    p.perform({ action: 'submit_bid', actor: vendorA, payload: { price: 1_250_000_000, rincian: rincian(1_250_000_000) } }, now + HOUR);
    p.perform(
      {
        action: 'submit_bid',
        actor: vendorB,
        payload: {
          price: B_PRICE,
          rincian: [
            { description: 'Galian', quantity: 1, unitPrice: B_UNIT_PRICE },
            { description: 'Urugan', quantity: 1, unitPrice: B_PRICE - B_UNIT_PRICE },
          ],
          document: B_DOC,
        },
      },
      now + HOUR,
    );
    const t = p.nextDeadline()!.at;
    p.onTimer(t);
    p.perform({ action: 'open_bids', actor: pokja, payload: {} }, t);
    p.perform(
      {
        action: 'evaluate',
        actor: pokja,
        payload: {
          results: [
            { vendorId: vendorA.id, administrasi: true, kualifikasi: true, teknis: true, note: 'Catatan untuk PT Alfa' },
            { vendorId: vendorB.id, administrasi: true, kualifikasi: false, teknis: true, note: B_NOTE },
          ],
        },
      },
      t,
    );
    await completeServiceTask(p, t); // the ranking
    // Something nobody allowlisted, in the data and inside an opened bid: neither may come through.
    p.state.data.internalMemo = 'MEMO-INTERNAL';
    (p.state.data.bids as Record<string, unknown>[])[1]!.internalField = 'BID-INTERNAL';
    const { view, text } = vendorText(vendorA, p);
    assert.ok(text.includes(vendorB.id) && text.includes(String(B_PRICE)), "B's identity and read-out price after the opening");
    assert.ok(text.includes('PT Beta'), 'by company name');
    assert.ok(!text.includes(String(B_UNIT_PRICE)), "never B's unit prices");
    assert.ok(!text.includes('Urugan'), "never B's rincian lines");
    assert.ok(!text.includes(B_DOC.fileName) && !text.includes('RAHASIA'), "never B's document");
    assert.ok(!text.includes(B_NOTE), "never the evaluator's note on B");
    assert.ok(text.includes('Catatan untuk PT Alfa'), 'A reads the note on its own evaluation');
    assert.ok(!text.includes('MEMO-INTERNAL') && !text.includes('BID-INTERNAL'), 'fields nobody allowlisted never come through');
    for (const id of OFFICER_IDS) assert.ok(!text.includes(`"${id}"`), `officer id ${id} is not shown`);
    const bids = view.data.bids as Record<string, unknown>[];
    const b = bids.find((x) => x.by === vendorB.id)!;
    assert.deepEqual(Object.keys(b).sort(), ['at', 'by', 'price', 'vendor']);
    const a = bids.find((x) => x.by === vendorA.id)!;
    assert.deepEqual(a.rincian, rincian(1_250_000_000), 'A reads its own opened bid whole');
    const evaluation = view.data.evaluation as { results: Record<string, unknown>[] };
    assert.deepEqual(evaluation.results[1], { vendorId: vendorB.id, administrasi: true, kualifikasi: false, teknis: true });
    const award = view.data.award as {
      ranking: { vendorId: string; rank: number; price: number; vendor: string }[];
      failed: { vendorId: string; reasons: string[] }[];
    };
    assert.deepEqual(
      award.ranking.map((r) => [r.rank, r.vendorId, r.vendor]),
      [[1, vendorA.id, 'PT Alfa']],
    );
    assert.deepEqual(
      award.failed.map((f) => [f.vendorId, f.reasons]),
      [[vendorB.id, ['kualifikasi']]],
    );
  });

  test('timeline: other vendors left out and not counted by gaps; officers by role; own steps with own id', () => {
    const at = '2026-12-07T02:00:00.000Z';
    const events = [
      { seq: 1, type: 'package_created', stageId: 'announcement', action: null, actorId: 'ppk-1', actorRole: 'ppk', at },
      { seq: 2, type: 'action_performed', stageId: 'announcement', action: 'announce', actorId: 'pokja-1', actorRole: 'pokja', at },
      { seq: 3, type: 'action_performed', stageId: 'registration', action: 'register', actorId: vendorB.id, actorRole: 'penyedia', at },
      { seq: 4, type: 'action_performed', stageId: 'registration', action: 'register', actorId: vendorA.id, actorRole: 'penyedia', at },
      { seq: 5, type: 'window_closed', stageId: 'registration', action: null, actorId: null, actorRole: null, at },
    ];
    assert.deepEqual(vendorTimeline(events, vendorA.id), [
      { seq: 1, type: 'package_created', stageId: 'announcement', action: null, actorId: null, actorRole: 'ppk', actor: 'PPK', at },
      { seq: 2, type: 'action_performed', stageId: 'announcement', action: 'announce', actorId: null, actorRole: 'pokja', actor: 'Pokja Pemilihan', at },
      { seq: 3, type: 'action_performed', stageId: 'registration', action: 'register', actorId: vendorA.id, actorRole: 'penyedia', actor: 'Penyedia', at },
      { seq: 4, type: 'window_closed', stageId: 'registration', action: null, actorId: null, actorRole: null, actor: null, at },
    ]);
  });

  test('receipts: own always, others only once opened', () => {
    const r = (ownerId: string, status: string) => ({
      bidId: `${ownerId}-${status}`,
      step: 'submit_bid',
      commitment: 'c'.repeat(64),
      receivedAt: '2026-12-07T02:00:00.000Z',
      status,
      ownerId,
    });
    const items = [r(vendorA.id, 'submitted'), r(vendorB.id, 'submitted'), r(vendorC.id, 'opened'), r(vendorB.id, 'rejected')];
    assert.deepEqual(
      vendorReceipts(items, vendorA.id).map((x) => [x.vendorId, x.status]),
      [
        [vendorA.id, 'submitted'],
        [vendorC.id, 'opened'],
        [vendorB.id, 'rejected'],
      ],
    );
  });

  test('E-Kontrak: whole for its provider with officers by role, facts only for another vendor', () => {
    const data = {
      package: { title: 'Kontrak', contractBasis: { kind: 'kontrak', parentPackageId: 'p', providerId: vendorA.id, value: 10, bidPrice: 10 } },
      terms: { performanceSecurity: { amount: 5 } },
      signatures: { ppk: { by: 'ppk-1', at: 1 } },
      internalMemo: 'MEMO',
    };
    const ctx = (viewer: string): VendorDataContext => ({ viewerId: viewer, vendorName: () => undefined, officers: officerLabels({ ppk: ['ppk-1'] }) });
    const party = vendorContractData(data, ctx(vendorA.id));
    assert.deepEqual(party.signatures, { ppk: { by: 'PPK', at: 1 } });
    assert.deepEqual(party.terms, data.terms);
    assert.ok(!JSON.stringify(party).includes('MEMO'));
    const other = vendorContractData(data, ctx(vendorB.id));
    assert.deepEqual(Object.keys(other), ['package']);
  });
});

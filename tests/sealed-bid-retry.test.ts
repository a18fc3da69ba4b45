/**
 * Retried sealed-bid steps are exactly once (issue 15 point 4), on the real app, Temporal and PostgreSQL:
 *  - a bid applied by the workflow whose answer was lost (its idempotency answer absent, as if the API died after the
 *    update; also with the row never confirmed, as if it died before that) is retried with the same Idempotency-Key:
 *    the same receipt (bid id, commitment, nonce, time), one row, one bid in the package, one receipt in `…/bids`;
 *  - the same key with other content is refused (422 idempotency_key_reused) and stores nothing;
 *  - two attempts with the same key at the same moment store one bid;
 *  - a row stored but never sent is in no listing and is deleted by the sweep once old enough and its step is no longer
 *    open, while a stale row the package does hold is confirmed instead; a young one, and a stale one whose window is
 *    still open, are left alone (the request, or an update the server admitted, may still reach the workflow).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dbSealedBidStore } from '../db/queries/sealed-bids';
import { UNSENT_BID_AGE_MS } from '../api/services/seal-bid';
import { defaultKeyProvider } from '../runtime/crypto/key-provider';
import { sealBidRow } from '../runtime/crypto/sealed-bid';
import { tenderBody } from './support/auth-stack';
import { type BidStack, startBidStack } from './support/bid-stack';

const TIME_SCALE = 0.00004; // one day ≈ 3.5 s: the 30 working days of the bid window last over two minutes
const VENDORS = ['vendor.karya', 'vendor.tirta', 'vendor.cisadane'];

let stack: BidStack;
let packageId: string;

const bidPath = () => `/api/packages/${packageId}/tasks/submit_bid`;
const bid = (vendor: string, payload: Record<string, unknown>, key: string) =>
  stack.call(vendor, 'POST', bidPath(), { body: { payload }, headers: { 'Idempotency-Key': key } });
/** The answer is lost: the idempotency store never got it (the API died after the update, or answered 503). */
const forgetAnswer = (vendor: string, key: string) => stack.db('idempotency_keys').where({ actor_id: vendor, key }).delete();
const rowsOf = (vendor: string) =>
  stack.db('sealed_bids').where({ package_id: packageId, vendor_id: vendor }).orderBy('received_at').select('id', 'status', 'commitment');
const listed = async () => {
  const r = await stack.call('pokja.sari', 'GET', `/api/packages/${packageId}/bids`);
  assert.equal(r.status, 200, r.text);
  return r.body.items as { bidId: string; commitment: string }[];
};
/** The envelopes the package accepted from a vendor, in order (its events; the view shows sealed entries as who and when). */
const envelopesOf = async (vendor: string) => {
  const events = await stack.db('package_events').where({ package_id: packageId, action: 'submit_bid', actor_id: vendor }).orderBy('seq');
  return events.map((e) => (e.details!.payload as { sealedBid: { id: string } }).sealedBid.id);
};

before(
  async () => {
    stack = await startBidStack({ timeScale: TIME_SCALE, security: { authFailuresPerMin: 0, bidsPerMin: 0 } });
    packageId = await stack.createPackage(
      tenderBody('Ulang Kirim Penawaran Tertutup Rehabilitasi Jembatan', { schedule: { registrationDays: 2, clarificationDays: 1, bidSubmissionDays: 30 } }),
    );
    assert.equal((await stack.call('pokja.sari', 'POST', `/api/packages/${packageId}/tasks/announce`, { body: { payload: {} } })).status, 200);
    for (const v of VENDORS) {
      const r = await stack.call(v, 'POST', `/api/packages/${packageId}/tasks/register`, { body: { payload: {} } });
      assert.equal(r.status, 200, r.text);
    }
    await stack.waitForStage(packageId, 'bid_submission', 90_000);
  },
  { timeout: 180_000 },
);

after(
  async () => {
    await stack?.close();
  },
  { timeout: 60_000 },
);

describe('a retried sealed bid is stored once', { timeout: 180_000 }, () => {
  const KARYA_KEY = `retry-karya-${Date.now()}`;

  test('the answer lost after the workflow applied the bid: the retry answers the same bid, the package holds one', async () => {
    const first = await bid('vendor.karya', { price: 1_311_000_000, durationDays: 120 }, KARYA_KEY);
    assert.equal(first.status, 200, first.text);
    await forgetAnswer('vendor.karya', KARYA_KEY);
    const again = await bid('vendor.karya', { durationDays: 120, price: 1_311_000_000 }, KARYA_KEY); // members reordered
    assert.equal(again.status, 200, again.text);
    assert.equal(again.headers.get('idempotent-replayed'), null, 'not answered from the idempotency store');
    assert.deepEqual(again.body.receipt, first.body.receipt, 'the same bid id, commitment, nonce and time');
    assert.deepEqual(
      (await rowsOf('vendor.karya')).map((r) => [r.id, r.status]),
      [[first.body.receipt.bidId, 'submitted']],
      'one stored bid',
    );
    assert.deepEqual(await envelopesOf('vendor.karya'), [first.body.receipt.bidId], 'the package holds that bid, once');

    // The API died after the workflow applied the bid and before confirming its row: still one bid, now confirmed.
    const key = `retry-tirta-${Date.now()}`;
    const tirta = await bid('vendor.tirta', { price: 1_388_000_000 }, key);
    assert.equal(tirta.status, 200, tirta.text);
    await forgetAnswer('vendor.tirta', key);
    await stack.db('sealed_bids').where({ id: tirta.body.receipt.bidId }).update({ status: 'received' });
    assert.ok(!(await listed()).some((b) => b.bidId === tirta.body.receipt.bidId), 'a row not yet confirmed is not listed');
    const retried = await bid('vendor.tirta', { price: 1_388_000_000 }, key);
    assert.equal(retried.status, 200, retried.text);
    assert.deepEqual(retried.body.receipt, tirta.body.receipt);
    assert.deepEqual(
      (await rowsOf('vendor.tirta')).map((r) => [r.id, r.status]),
      [[tirta.body.receipt.bidId, 'submitted']],
    );
    assert.deepEqual(await envelopesOf('vendor.tirta'), [tirta.body.receipt.bidId]);

    const receipts = await listed();
    assert.deepEqual(receipts.map((r) => r.bidId).sort(), [first.body.receipt.bidId, tirta.body.receipt.bidId].sort(), 'one receipt per bid');
    // The bidder reads its bid back under the receipt it holds.
    const own = await stack.call('vendor.karya', 'GET', `/api/packages/${packageId}/bids/${first.body.receipt.bidId}/own`);
    assert.equal(own.status, 200, own.text);
    assert.equal(own.body.nonce, first.body.receipt.nonce);
  });

  test('the same key with other content is refused and stores nothing', async () => {
    const before = await rowsOf('vendor.karya');
    await forgetAnswer('vendor.karya', KARYA_KEY); // without it the idempotency store itself would refuse
    const other = await bid('vendor.karya', { price: 1_299_000_000, durationDays: 120 }, KARYA_KEY);
    assert.equal(other.status, 422, other.text);
    assert.equal(other.body.error.code, 'idempotency_key_reused');
    assert.match(other.body.error.message, /sudah dipakai/);
    assert.ok(!other.text.includes('1299000000'), 'the price is not echoed');
    assert.deepEqual(await rowsOf('vendor.karya'), before, 'no new row, the stored one unchanged');
    assert.deepEqual(
      await envelopesOf('vendor.karya'),
      before.map((r) => r.id),
      'the package still holds the first bid only',
    );
    // Neither is the key taken for the sealed step of another content under another vendor's name: keys are per vendor.
    const cisadane = await bid('vendor.cisadane', { price: 1_299_000_000 }, KARYA_KEY);
    assert.equal(cisadane.status, 200, cisadane.text);
  });

  test('two attempts with the same key at the same moment store one bid', async () => {
    const key = `retry-race-${Date.now()}`;
    const earlier = await envelopesOf('vendor.tirta');
    const payload = { price: 1_377_000_000, durationDays: 90 };
    const [a, b] = await Promise.all([bid('vendor.tirta', payload, key), bid('vendor.tirta', payload, key)]);
    assert.equal(a.status, 200, a.text);
    assert.equal(b.status, 200, b.text);
    assert.equal(a.body.receipt.bidId, b.body.receipt.bidId);
    assert.equal(a.body.receipt.nonce, b.body.receipt.nonce);
    const rows = (await rowsOf('vendor.tirta')).filter((r) => r.commitment === a.body.receipt.commitment);
    assert.deepEqual(
      rows.map((r) => r.status),
      ['submitted'],
      'one row for the key',
    );
    assert.deepEqual(await envelopesOf('vendor.tirta'), [...earlier, a.body.receipt.bidId], 'one more bid, which replaces the earlier one');
  });

  test('a bid stored but never sent is in no listing and is swept once old; a held one is confirmed instead', async () => {
    const store = dbSealedBidStore(stack.db);
    const keys = defaultKeyProvider();
    const seal = async (ageMs: number, action = 'submit_bid') => {
      const { row } = await sealBidRow(keys, { packageId, action, vendorId: 'vendor.cisadane', content: { price: 1_444_000_000 } });
      await store.insert({ ...row, receivedAt: new Date(Date.now() - ageMs) });
      return row.id;
    };
    // The API died between storing and sending, long ago, in a step no longer open (an earlier window).
    const stale = await seal(UNSENT_BID_AGE_MS + 60_000, 'submit_earlier_window');
    // The same, in the bid window still open: the server may have admitted its update, so the row is kept.
    const staleOpen = await seal(UNSENT_BID_AGE_MS + 60_000);
    const young = await seal(0); // its request may still be waiting for the workflow
    const [karya] = await rowsOf('vendor.karya');
    // The API died before confirming a bid the package holds, long ago.
    await stack
      .db('sealed_bids')
      .where({ id: karya!.id })
      .update({ status: 'received', received_at: new Date(Date.now() - 2 * UNSENT_BID_AGE_MS) });
    const listedIds = (await listed()).map((b) => b.bidId);
    assert.ok(![stale, staleOpen, young].some((id) => listedIds.includes(id)), 'rows never sent are not listed');

    // The next sealed step (any package) sweeps.
    const next = await bid('vendor.cisadane', { price: 1_400_000_000 }, `retry-sweep-${Date.now()}`);
    assert.equal(next.status, 200, next.text);
    const status = async (id: string) => (await stack.db('sealed_bids').where({ id }).first('status'))?.status;
    assert.equal(await status(stale), undefined, 'the stale row the package does not hold is deleted');
    assert.equal(await status(young), 'received', 'a young row is left to its request');
    assert.equal(await status(staleOpen), 'received', 'a stale row of a step still open is kept (a late acceptance would need it)');
    assert.equal(await status(karya!.id), 'submitted', 'a stale row the package holds is confirmed');
    assert.ok((await listed()).some((b) => b.bidId === karya!.id));
    await stack.db('sealed_bids').whereIn('id', [young, staleOpen]).delete();
  });
});

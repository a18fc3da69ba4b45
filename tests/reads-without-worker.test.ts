/**
 * Reads never wait on the workflow (issue 14 point 3), on the real app, Temporal and PostgreSQL with an in-process
 * worker that the test takes away and brings back:
 *  - a sealed step out of its stage (a bid during the registration) is refused and leaves no sealed row: whether the
 *    content is sealed or withheld is decided from the read model's stage;
 *  - with NO worker running, in the bid window: GET /api/packages/{id} answers 200 with the read model's state
 *    (`live` is the row's view, seq = last_seq), the officer's and the vendor's open steps computed from it (the
 *    vendor's view as from a live state: no seq, no other bidder), and the contract route answers too; a direct
 *    workflow query asked at the same time is still unanswered when the API has answered;
 *  - still with no worker: a bid is validated and sealed from the read model's stage (its sealed row exists while no
 *    worker runs), and it completes once a worker is back, answered from the read model;
 *  - the support query GET /api/packages/{id}/live answers 503 process_unavailable (Retry-After) while the worker is
 *    away and 200 with the same seq as the read model when it is back; only admin and auditor may ask it.
 */
import type { Client } from '@temporalio/client';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connectClient } from '../runtime/temporal';
import { packageState } from '../workflows/package-process';
import { tenderBody } from './support/auth-stack';
import { type BidStack, startBidStack } from './support/bid-stack';
import { testServices } from './support/services';

const TIME_SCALE = 0.00002; // one day of the schedule ≈ 1.7 s; the 30 working days of the bid window ≈ 70 s
const BIDDER = 'vendor.karya';
const OTHER = 'vendor.tirta';

let stack: BidStack;
let client: Client;
let packageId: string;

const path = () => `/api/packages/${packageId}`;
const sealedRows = (vendorId: string) => stack.db('sealed_bids').where({ package_id: packageId, vendor_id: vendorId }).select('id', 'status');
const step = (as: string, action: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  stack.call(as, 'POST', `${path()}/tasks/${action}`, { body: { payload }, headers });

before(
  async () => {
    stack = await startBidStack({ timeScale: TIME_SCALE, security: { authFailuresPerMin: 0, bidsPerMin: 0 } });
    client = await connectClient({ address: testServices().temporalAddress, namespace: 'default' });
    packageId = await stack.createPackage(
      tenderBody('Baca Tanpa Worker Rehabilitasi Saluran', { schedule: { registrationDays: 4, clarificationDays: 1, bidSubmissionDays: 30 } }),
    );
  },
  { timeout: 120_000 },
);

after(
  async () => {
    await stack?.close();
    await client?.connection.close();
  },
  { timeout: 60_000 },
);

describe('reads answer from the read model, never waiting on the workflow', { timeout: 240_000 }, () => {
  test('a sealed step out of its stage is refused, its content withheld (no sealed row)', async () => {
    assert.equal((await step('pokja.sari', 'announce', {})).status, 200);
    for (const v of [BIDDER, OTHER]) assert.equal((await step(v, 'register', {})).status, 200);
    const early = await step(BIDDER, 'submit_bid', { price: 1_234_567_890 });
    assert.equal(early.status, 409, early.text);
    assert.equal(early.body.error.code, 'wrong_stage', early.text);
    assert.deepEqual(await sealedRows(BIDDER), [], 'nothing was sealed for a stage that takes no bid');
  });

  test('with the worker away, the package, its open steps and a bid are served from the read model', async () => {
    await stack.waitForStage(packageId, 'bid_submission', 90_000);
    await stack.stopWorker();
    const row = await stack.db('packages').where({ id: packageId }).first();
    assert.equal(row!.stage_id, 'bid_submission');

    // A query now waits for a worker that is not there (the server gives up after some seconds); the API does not ask it.
    const query = client.workflow
      .getHandle(`paket-${packageId}`)
      .query(packageState)
      .then(
        () => 'query answered',
        () => 'query failed',
      );
    const first = await Promise.race([stack.call('pokja.sari', 'GET', path()).then(() => 'api answered'), query]);
    assert.equal(first, 'api answered', 'the API answered before the workflow query settled');

    const officer = await stack.call('pokja.sari', 'GET', path());
    assert.equal(officer.status, 200, officer.text);
    assert.deepEqual(officer.body.live, row!.view, "`live` is the read model's view");
    assert.equal(officer.body.live.seq, Number(row!.last_seq));
    assert.equal(officer.body.stage.id, 'bid_submission');
    const officerSteps = officer.body.myActions.map((a: { id: string }) => a.id);
    assert.ok(officerSteps.includes('change_schedule'), `the Pokja may change the schedule: ${officerSteps}`);
    assert.ok(!officerSteps.includes('open_bids'), 'not open the bids while the window is open');

    const vendor = await stack.call(BIDDER, 'GET', path());
    assert.equal(vendor.status, 200, vendor.text);
    assert.ok(vendor.body.live, 'the vendor gets the state too, in its own view');
    assert.equal(vendor.body.live.stage.id, 'bid_submission');
    assert.equal(vendor.body.live.seq, undefined, 'the vendor view carries no seq, as from a live state');
    const bid = vendor.body.myActions.find((a: { id: string }) => a.id === 'submit_bid');
    assert.ok(bid, `the registered vendor may bid: ${JSON.stringify(vendor.body.myActions)}`);
    assert.equal(bid.sealed, true);
    assert.ok(!JSON.stringify(vendor.body).includes(OTHER), 'no other bidder in the vendor view');
    const stranger = await stack.call('vendor.cisadane', 'GET', path());
    assert.equal(stranger.status, 200);
    const strangerSteps = stranger.body.myActions.map((a: { id: string }) => a.id);
    assert.deepEqual(strangerSteps, ['register'], 'an unregistered vendor may still register, not bid');

    // The other reads of the package do not ask the workflow either.
    assert.equal((await stack.call('pokja.sari', 'GET', `${path()}/schedule`)).status, 200);
    assert.equal((await stack.call('pokja.sari', 'GET', `${path()}/contract`)).status, 404);

    // The support query says the process is away, quickly and with when to come back.
    const support = await stack.call('admin.lpse', 'GET', `${path()}/live`);
    assert.equal(support.status, 503, support.text);
    assert.equal(support.body.error.code, 'process_unavailable');
    assert.ok(Number(support.headers.get('retry-after')) >= 1, 'Retry-After');
    assert.equal((await stack.call('pokja.sari', 'GET', `${path()}/live`)).status, 403, 'support only: not for the Pokja');
    assert.equal((await stack.call(BIDDER, 'GET', `${path()}/live`)).status, 403, 'support only: not for vendors');

    // A bid now: checked against the sealed step's schema and sealed from the read model's stage, then it waits.
    const invalid = await step(BIDDER, 'submit_bid', { price: 'mahal' });
    assert.equal(invalid.status, 422, invalid.text);
    assert.equal(invalid.body.error.code, 'invalid_payload');
    const pending = step(BIDDER, 'submit_bid', { price: 1_287_000_000 }, { 'Idempotency-Key': `reads-${packageId}` });
    for (let i = 0; !(await sealedRows(BIDDER)).length; i++) {
      if (i > 100) assert.fail('the bid was not sealed while no worker ran');
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(
      (await sealedRows(BIDDER)).map((r) => r.status),
      ['received'],
      'sealed and stored, waiting for the workflow',
    );

    await stack.startWorker();
    // The new worker first rebuilds the package from its history; a step that waited through that may answer 503
    // step_pending, and the API says what a client then does: send it again with the same Idempotency-Key. It is
    // applied once, with the same sealed row (checked below: one row, submitted).
    let answered = await pending;
    for (let i = 0; answered.status === 503 && answered.body?.error?.code === 'step_pending' && i < 5; i++) {
      answered = await step(BIDDER, 'submit_bid', { price: 1_287_000_000 }, { 'Idempotency-Key': `reads-${packageId}` });
    }
    assert.equal(answered.status, 200, answered.text);
    assert.ok(answered.body.receipt?.commitment, 'the receipt of the sealed bid');
    assert.equal(answered.body.seq, undefined, 'the answer is in the vendor view');
    assert.equal(answered.body.stage.id, 'bid_submission');
    assert.ok(!answered.text.includes('1287000000'), 'the price is not echoed back');
    assert.deepEqual(
      (await sealedRows(BIDDER)).map((r) => r.status),
      ['submitted'],
    );
    // The answer came from the read model, which already holds the bid (the update waited for it).
    const now = await stack.db('packages').where({ id: packageId }).first();
    assert.ok(Number(now!.last_seq) > Number(row!.last_seq), 'the read model moved on with the bid');
    const bids = (now!.view.data.bids ?? []) as { by: string; sealed?: boolean }[];
    assert.ok(
      bids.some((b) => b.by === BIDDER),
      `the read model holds the bid: ${JSON.stringify(bids)}`,
    );

    // The support query answers again, and agrees with the read model.
    const live = await stack.call('auditor.rina', 'GET', `${path()}/live`);
    assert.equal(live.status, 200, live.text);
    assert.equal(live.body.packageId, packageId);
    assert.equal(live.body.live.seq, live.body.readModelSeq, 'the workflow and the read model are at the same event');
  });
});

/**
 * The public transparency endpoints (no token) against the real app, an in-process worker, Temporal and PostgreSQL,
 * with one real tender on a compressed schedule: before the opening no bid price (nor bidder) appears in any public
 * answer — the raw text is searched for every price; after the opening the public view lists the opened bids by
 * company name with their prices; no answer carries an official's user id or an email; hostile input gets the
 * structured 4xx. Contract children are not public packages of their own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_USERS } from '../db/seed-demo';
import { type AuthStack, startAuthStack, tenderBody } from './support/auth-stack';

const FY = 2045;
const TIME_SCALE = 0.00002; // one day of the schedule ≈ 1.7 s
const PRICES = { 'vendor.karya': 1_234_567_001, 'vendor.tirta': 1_301_234_567, 'vendor.cisadane': 1_399_999_993 } as const;
const COMPANIES = ['PT Karya Beton Nusantara', 'CV Tirta Jaya', 'PT Cisadane Konstruksi'];
/** Officials' account ids and every demo email: none may appear in a public answer. */
const PERSONAL = [...DEMO_USERS.filter((u) => !u.roles.includes('penyedia')).map((u) => u.id), ...DEMO_USERS.map((u) => u.email)];

let stack: AuthStack;
let packageId: string;
const seen: { path: string; text: string }[] = [];

async function publicGet(path: string) {
  const res = await fetch(stack.baseUrl + path, { headers: { accept: 'application/json' } });
  const text = await res.text();
  seen.push({ path, text });
  return { path, status: res.status, text, body: JSON.parse(text) };
}

/** Every public answer about the package: the list (filtered to it), the detail, the red flags. */
async function allPublicAnswers() {
  return [
    await publicGet(`/api/public/packages?fiscalYear=${FY}`),
    await publicGet(`/api/public/packages?fiscalYear=${FY}&q=${encodeURIComponent('Transparansi')}`),
    await publicGet(`/api/public/packages/${packageId}`),
    await publicGet(`/api/public/packages/${packageId}/red-flags`),
  ];
}

function assertNoPersonalData(texts: { path: string; text: string }[]) {
  for (const { path, text } of texts) {
    for (const p of PERSONAL) assert.ok(!text.includes(p), `${path} shows '${p}'`);
    assert.ok(!/"(createdBy|actorId|assignees|email|commitment|nonce|bidId|sealedBid)"/.test(text), `${path}: a field that is not public`);
  }
}

async function waitForStage(stage: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await stack.request('ppk.budi', 'GET', `/api/packages/${packageId}`);
    const live = res.body?.live;
    if (live?.stage.id === stage) return live;
    if (live && live.status !== 'active') assert.fail(`package ended in ${live.stage.id} while waiting for ${stage}`);
    if (Date.now() > until) assert.fail(`not in ${stage} after ${timeoutMs} ms (at ${live?.stage.id})`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

before(async () => {
  stack = await startAuthStack({ timeScale: TIME_SCALE, security: { authFailuresPerMin: 0, bidsPerMin: 0 } });
  packageId = await stack.createPackage(
    tenderBody('Transparansi Rehabilitasi Gedung Pasar', {
      fiscalYear: FY,
      schedule: { registrationDays: 1, clarificationDays: 1, bidSubmissionDays: 2 },
    }),
  );
}, { timeout: 120_000 });

after(async () => {
  await stack?.close();
}, { timeout: 60_000 });

describe('public transparency endpoints', () => {
  test('the package is public without a token: list and detail, no personal data, a link to its OCDS data', async () => {
    const list = await publicGet(`/api/public/packages?fiscalYear=${FY}`);
    assert.equal(list.status, 200);
    const item = list.body.data.find((p: { id: string }) => p.id === packageId);
    assert.ok(item, 'listed');
    assert.equal(item.hps, 1_450_000_000);
    const detail = await publicGet(`/api/public/packages/${packageId}`);
    assert.equal(detail.status, 200, detail.text);
    assert.equal(detail.body.stage.id, 'announcement');
    assert.equal(detail.body.links.ocds, `/api/ocds/releases?packageId=${packageId}`);
    assert.deepEqual(detail.body.timeline.map((s: { stageId: string }) => s.stageId), ['announcement']);
    assert.ok(detail.body.deadlines.tasks[0].dueAt, 'the due time of the announcement');
    assert.equal(detail.body.opening, null);
    assert.equal(detail.body.award, null);
    // A token changes nothing: the same public view.
    const withToken = await stack.request('vendor.karya', 'GET', `/api/public/packages/${packageId}`);
    assert.deepEqual(withToken.body, detail.body);
    assertNoPersonalData(seen);
  });

  test('before the opening no bid price and no bidder appears in any public answer', { timeout: 120_000 }, async () => {
    await stack.request('pokja.sari', 'POST', `/api/packages/${packageId}/tasks/announce`, { payload: {} });
    for (const v of Object.keys(PRICES)) {
      const r = await stack.request(v, 'POST', `/api/packages/${packageId}/tasks/register`, { payload: {} });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    await waitForStage('bid_submission');
    for (const [v, price] of Object.entries(PRICES)) {
      const r = await stack.request(v, 'POST', `/api/packages/${packageId}/tasks/submit_bid`, { payload: { price } });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    const during = await allPublicAnswers();
    const detail = during[2]!.body;
    assert.equal(detail.participation.registrations, 3);
    assert.equal(detail.participation.bidsSubmitted, null, 'how many bids, and what is in them: not before the opening');
    assert.equal(detail.opening, null);

    await waitForStage('bid_opening');
    const atOpening = await allPublicAnswers();
    for (const { path, text } of [...during, ...atOpening]) {
      for (const price of Object.values(PRICES)) {
        for (const form of [String(price), price.toLocaleString('id-ID')]) {
          assert.ok(!text.includes(form), `${path} shows the sealed price ${form}`);
        }
      }
      for (const c of COMPANIES) assert.ok(!text.includes(c), `${path} names bidder ${c} before the opening`);
    }
    assertNoPersonalData(seen);
  });

  test('after the opening the public view lists the opened bids by company name with their prices', { timeout: 60_000 }, async () => {
    const r = await stack.request('pokja.sari', 'POST', `/api/packages/${packageId}/tasks/open_bids`, { payload: {} });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    await waitForStage('evaluation');
    const detail = await publicGet(`/api/public/packages/${packageId}`);
    assert.equal(detail.body.opening.opened, 3);
    assert.deepEqual(
      detail.body.opening.bids.map((b: { vendor: string; price: number }) => [b.vendor, b.price]).sort(),
      [
        ['CV Tirta Jaya', PRICES['vendor.tirta']],
        ['PT Cisadane Konstruksi', PRICES['vendor.cisadane']],
        ['PT Karya Beton Nusantara', PRICES['vendor.karya']],
      ],
    );
    assert.equal(detail.body.award, null, 'no winner before the announcement');
    assert.ok(!detail.text.includes('vendor.karya'), 'vendors by company name, not by account id');
    assert.ok(detail.body.timeline.some((s: { stageId: string; leftAt: string | null }) => s.stageId === 'bid_submission' && s.leftAt));
    const flags = await publicGet(`/api/public/packages/${packageId}/red-flags`);
    assert.equal(flags.status, 200);
    assert.ok(!flags.body.flags.some((f: { code: string }) => f.code === 'single_bidder'), 'three bids opened');
    // The read model's generated inputs followed the real workflow's writes.
    const row = await stack.db('packages').where({ id: packageId }).first('rf_bids_opened', 'rf_bids_rejected', 'rf_award_public');
    assert.deepEqual(row, { rf_bids_opened: 3, rf_bids_rejected: 0, rf_award_public: false });
    assertNoPersonalData(seen);
  });

  test('hostile or unknown input: structured 4xx, never a 401 for a public path', async () => {
    const cases: [string, number][] = [
      ['/api/public/packages?fiscalYear=abc', 422],
      ['/api/public/packages?pageSize=1000', 422],
      ['/api/public/packages?tidakDikenal=1', 422],
      ['/api/public/packages?q=%00', 422],
      ['/api/public/packages?q=%E2%80%AEabc', 422],
      ['/api/public/packages?opd=a&opd=b', 422],
      [`/api/public/packages/${encodeURIComponent("' OR 1=1 --")}`, 422],
      ['/api/public/packages/..%2F..%2Fetc%2Fpasswd', 422],
      ['/api/public/packages/pkt-tidakada0000', 404],
      ['/api/public/packages/pkt-tidakada0000/red-flags', 404],
      ['/api/public/tidak-ada', 404],
    ];
    for (const [path, status] of cases) {
      const res = await publicGet(path);
      assert.equal(res.status, status, `${path}: ${res.text}`);
      assert.deepEqual(Object.keys(res.body.error).sort(), ['code', 'details', 'message'], path);
    }
  });
});

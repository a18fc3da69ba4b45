/**
 * What a vendor sees, on the real app (Temporal + PostgreSQL, in-process worker, TIME_SCALE so a day lasts ~2.6 s): a
 * tender with three vendors driven over HTTP. Vendor A (PT Karya) reads every endpoint; the test searches the raw
 * answers for vendor B (CV Tirta):
 *  - before the opening: not B's user id, organisation, company name, price or bid time, nor how many bids there are
 *    (the public view does not count them either); A's `myActions` offers `submit_bid` in the bid window because A
 *    registered (also after B bid), and a vendor that did not register is not offered it;
 *  - after the opening: B's name and price, never B's rincian, document, the evaluator's note on B or an officer's
 *    user id; the officer still sees all of it;
 *  - the E-Kontrak: the winner reads its contract and its steps; another vendor reads none of it.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../api/auth/actor';
import { ContractView } from '../api/openapi/paths/contract';
import { type Answer, type AuthStack, type Caller, startAuthStack, tenderBody } from './support/auth-stack';

const TIME_SCALE = 0.00003;
const A = 'vendor.karya';
const B = 'vendor.tirta';
const C = 'vendor.cisadane';
const D: Actor = { id: 'vendor.delta', name: 'PT Delta Mandiri', roles: ['penyedia'], org: 'pt-delta-mandiri' }; // never registers
const OFFICERS = ['ppk.budi', 'pokja.sari', 'pokja.agus', 'pokja.dewi', 'kpa.hendra'];
const B_PRICE = 1_312_345_678;
const B_UNIT = 987_654_321;
const B_RINCIAN = [
  { description: 'Galian saluran beton', quantity: 1, unitPrice: B_UNIT },
  { description: 'Urugan pasir khusus Tirta', quantity: 1, unitPrice: B_PRICE - B_UNIT },
];
const B_MARKER = `DOKUMEN-TIRTA-${Date.now().toString(36)}`;
const B_DOC = { fileName: 'penawaran-tirta.txt', mediaType: 'text/plain', contentBase64: Buffer.from(`Metode kerja ${B_MARKER}`).toString('base64') };
const B_DOC_SHA = createHash('sha256').update(Buffer.from(B_DOC.contentBase64, 'base64')).digest('hex');
const B_NOTE = 'Catatan evaluator: dukungan alat CV Tirta perlu dicek';
const B_IDENTITY = [B, 'cv-tirta-jaya', 'CV Tirta Jaya'];

describe('vendor view over HTTP', { timeout: 300_000 }, () => {
  let stack: AuthStack;
  let id: string;
  const ask = async (who: Caller, method: string, path: string, body?: unknown): Promise<Answer & { text: string }> => {
    const r = await stack.request(who, method, path, body);
    return { ...r, text: typeof r.body === 'string' ? r.body : JSON.stringify(r.body) };
  };
  const ok = async (who: Caller, method: string, path: string, body?: unknown) => {
    const r = await ask(who, method, path, body);
    assert.equal(r.status, 200, `${method} ${path} as ${JSON.stringify(who)} → ${r.status} ${r.text.slice(0, 500)}`);
    return r;
  };
  const step = (who: Caller, action: string, payload: Record<string, unknown> = {}) => ok(who, 'POST', `/api/packages/${id}/tasks/${action}`, { payload });
  const myActions = async (who: Caller) => ((await ok(who, 'GET', `/api/packages/${id}`)).body.myActions as { id: string }[]).map((a) => a.id);
  const waitFor = async (stage: string, timeoutMs = 90_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const r = await ask('ppk.budi', 'GET', `/api/packages/${id}`);
      if (r.body?.live?.stage?.id === stage) return r.body;
      if (Date.now() > until) throw new Error(`not in ${stage} after ${timeoutMs} ms: ${r.body?.live?.stage?.id}`);
      await new Promise((res) => setTimeout(res, 150));
    }
  };
  /** Every read a vendor has of the package, as raw text. */
  const vendorReads = async (who: Caller) =>
    Promise.all([
      ok(who, 'GET', `/api/packages/${id}`),
      ok(who, 'GET', '/api/packages?pageSize=100'),
      ok(who, 'GET', `/api/packages/${id}/bids`),
      ok(null, 'GET', `/api/public/packages/${id}`),
    ]);

  before(async () => {
    stack = await startAuthStack({ timeScale: TIME_SCALE });
    id = await stack.createPackage(
      tenderBody('Normalisasi Saluran Cisadane (uji tampilan penyedia)', { schedule: { registrationDays: 3, clarificationDays: 1, bidSubmissionDays: 4 } }),
    );
  });
  after(async () => {
    await stack?.close();
  });

  test('bid window: submit_bid offered to registered vendors only; nothing of B reaches A before the opening', async () => {
    await step('pokja.sari', 'announce');
    await waitFor('registration');
    assert.deepEqual(await myActions(A), ['register']);
    for (const v of [A, B, C]) await step(v, 'register');
    assert.deepEqual(await myActions(A), [], 'registered: nothing more to do until the clarification');

    await waitFor('bid_submission');
    const offered = (await ok(A, 'GET', `/api/packages/${id}`)).body.myActions as Record<string, unknown>[];
    assert.deepEqual(
      offered.map((a) => a.id),
      ['submit_bid'],
    );
    assert.deepEqual([offered[0]!.target, offered[0]!.sealed, offered[0]!.stageId], ['package', true, 'bid_submission']);
    assert.deepEqual((offered[0]!.schema as { required: string[] }).required, ['price'], 'the content schema, not the envelope');
    assert.ok(typeof offered[0]!.closesAt === 'string' && offered[0]!.dueAt === null);
    // LKPP 12/2021 (issue 13): registration stays open until the bid deadline — D may register, not bid.
    assert.deepEqual(await myActions(D), ['register'], 'a vendor who did not register is not offered the bid, only the registration');

    const bBid = await step(B, 'submit_bid', { price: B_PRICE, rincian: B_RINCIAN, document: B_DOC });
    const bReceivedAt = bBid.body.receipt.receivedAt as string;
    assert.deepEqual(await myActions(A), ['submit_bid'], "B's bid does not take the step away from A");
    assert.deepEqual(await myActions(B), ['submit_bid'], 'B may still re-submit');
    await step(C, 'submit_bid', { price: 1_399_999_999 });
    const aBid = await step(A, 'submit_bid', { price: 1_250_000_000 });
    assert.equal(aBid.body.receipt.commitment.length, 64);

    await waitFor('bid_opening');
    const reads = [aBid, ...(await vendorReads(A))];
    const secrets = [...B_IDENTITY, String(B_PRICE), bReceivedAt, String(Date.parse(bReceivedAt)), ...OFFICERS];
    for (const r of reads) for (const s of secrets) assert.ok(!r.text.includes(s), `before the opening A's answer ${r.text.slice(0, 80)}… contains ${s}`);
    const [detail, , receipts, pub] = reads.slice(1);
    assert.deepEqual(
      receipts!.body.items.map((x: { vendorId: string }) => x.vendorId),
      [A],
      'A sees its own receipt only',
    );
    assert.deepEqual(
      detail!.body.live.data.bids.map((x: { by: string }) => x.by),
      [A],
    );
    assert.ok(!('seq' in detail!.body.live), 'no event counter for vendors');
    assert.equal(pub!.body.participation.bidsSubmitted, null, 'the public view does not count bids before the opening');

    // The officer keeps today's view: every receipt, every bidder in the timeline.
    const officer = await ok('pokja.sari', 'GET', `/api/packages/${id}`);
    assert.equal(officer.body.live.data.bids.length, 3);
    assert.ok(officer.text.includes(B) && officer.text.includes('pokja.sari'));
    assert.equal((await ok('pokja.sari', 'GET', `/api/packages/${id}/bids`)).body.items.length, 3);
    // The Pokja may also change the schedule (issue 13, non-interrupting, open until the award announcement).
    assert.deepEqual(
      officer.body.myActions.map((a: { id: string }) => a.id),
      ['open_bids', 'change_schedule'],
    );
  });

  test('after the opening: names, prices and outcome of B, never its rincian, document or the note on it', async () => {
    await step('pokja.sari', 'open_bids');
    await waitFor('evaluation');
    await step('pokja.sari', 'evaluate', {
      results: [A, B, C].map((v) => ({ vendorId: v, administrasi: true, kualifikasi: true, teknis: true, ...(v === B ? { note: B_NOTE } : {}) })),
    });
    await waitFor('qualification_verification');
    await step('pokja.sari', 'verify_qualification', { vendorId: A, passed: true });
    await step('pokja.sari', 'decide_award');
    await step('pokja.sari', 'announce_award');
    await waitFor('objection_period');

    const reads = await vendorReads(A);
    const all = reads.map((r) => r.text).join('\n');
    assert.ok(all.includes(B) && all.includes('CV Tirta Jaya') && all.includes(String(B_PRICE)), "B's name and price are known after the opening");
    for (const s of [String(B_UNIT), 'Urugan pasir khusus Tirta', B_MARKER, B_DOC.fileName, B_DOC_SHA, B_NOTE, ...OFFICERS]) {
      assert.ok(!all.includes(s), `after the opening A reads ${s}`);
    }
    const data = reads[0].body.live.data;
    const ranks = data.award.ranking.map((r: { rank: number; vendorId: string }) => [r.rank, r.vendorId]);
    assert.deepEqual(ranks, [
      [1, A],
      [2, B],
      [3, C],
    ]);
    assert.deepEqual(
      data.evaluation.results.find((r: { vendorId: string }) => r.vendorId === B),
      { vendorId: B, administrasi: true, kualifikasi: true, teknis: true },
    );
    assert.ok(
      reads[0].body.timeline.some((e: { actor: string }) => e.actor === 'Pokja Pemilihan'),
      'officers appear by role',
    );
    assert.deepEqual(await myActions(A), ['file_objection']);
    assert.deepEqual(await myActions(D), [], 'no objection from a vendor who did not bid');

    const officer = await ok('pokja.sari', 'GET', `/api/packages/${id}`);
    for (const s of [String(B_UNIT), B_DOC_SHA, B_NOTE]) assert.ok(officer.text.includes(s), `the officer still reads ${s}`);
  });

  test('E-Kontrak: the winner reads its contract and its steps; another vendor reads none of it', async () => {
    await waitFor('sppbj', 120_000);
    await step('ppk.budi', 'issue_sppbj', { number: `SPPBJ-${id.slice(4, 12)}` });
    await waitFor('contract_execution');
    const drafted = await ok('ppk.budi', 'POST', `/api/packages/${id}/contract/tasks/draft_contract`, {
      payload: { number: `KONTRAK-${id.slice(4, 12)}`, durationDays: 120, plannedProgress: [25, 60, 100] },
    });
    assert.equal(drafted.body.stage.id, 'performance_security');

    const mine = await ok(A, 'GET', `/api/packages/${id}/contract`);
    assert.deepEqual(
      mine.body.myActions.map((a: { id: string; target: string }) => [a.id, a.target]),
      [['submit_performance_security', 'contract']],
    );
    assert.ok(mine.body.terms?.performanceSecurity?.amount > 0, 'the winner reads its terms');
    const onPackage = (await ok(A, 'GET', `/api/packages/${id}`)).body.myActions.map((a: { id: string; target: string }) => [a.id, a.target]);
    assert.deepEqual(onPackage, [['submit_performance_security', 'contract']], "the package page offers the contract's step");
    for (const s of OFFICERS) assert.ok(!mine.text.includes(s), `the winner's contract view names ${s}`);

    // The winner's step answer is its vendor view of the contract, with what it needs next (the hash it signs).
    const amount = mine.body.terms.performanceSecurity.amount as number;
    const secured = await ok(A, 'POST', `/api/packages/${id}/contract/tasks/submit_performance_security`, {
      payload: { guaranteeNumber: `JP-${id.slice(4, 12)}`, issuer: 'Bank BJB', amount, validUntil: '2027-12-31' },
    });
    assert.match(secured.body.data.documents.kontrak.sha256, /^[0-9a-f]{64}$/);
    assert.ok(!('seq' in secured.body) && !('assignments' in secured.body));
    for (const s of OFFICERS) assert.ok(!secured.text.includes(s), `the winner's step answer names ${s}`);

    const other = await ok(B, 'GET', `/api/packages/${id}/contract`);
    assert.deepEqual([other.body.terms, other.body.signatures, other.body.documents, other.body.myActions], [null, null, [], []]);
    assert.deepEqual((await ok(B, 'GET', `/api/packages/${id}/contract/documents`)).body.data, []);
    const ppk = await ok('ppk.budi', 'GET', `/api/packages/${id}/contract`);
    assert.ok(ppk.body.terms && ppk.body.documents.length > 0, 'the PPK keeps the whole contract');

    // The provider by company name (E-Kontrak shows "PT Karya Beton Nusantara", not "vendor.karya"): to the officers and
    // the provider itself, as the OpenAPI document describes it; another vendor is not told.
    const provider = { id: A, name: 'PT Karya Beton Nusantara', organisationId: 'pt-karya-beton' };
    assert.deepEqual(ppk.body.vendor, provider);
    assert.deepEqual((await ok(A, 'GET', `/api/packages/${id}/contract`)).body.vendor, provider);
    assert.equal(other.body.vendor, null);
    ContractView.parse(ppk.body);
  });
});

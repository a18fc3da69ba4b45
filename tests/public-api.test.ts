/**
 * The public transparency endpoints (no token) against the real app, an in-process worker, Temporal and PostgreSQL,
 * with one real tender on a compressed schedule: before the opening no bid price (nor bidder) appears in any public
 * answer — the raw text is searched for every price; after the opening the public view lists the opened bids by
 * company name with their prices; no answer carries an official's user id or an email; hostile input gets the
 * structured 4xx. Contract children are not public packages of their own. The package's process diagram (BPMN of its
 * definition version) and the open-data overview (licence, publisher, years with their bulk exports) need no token
 * and answer CORS. A real e-purchasing order's Surat Pesanan signed by the PPK alone is not public (nor in OCDS);
 * once the provider has signed too it is, and downloads with its SHA-256.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { storeDocument } from '../db/queries/documents';
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
/** A second package of the same year, another OPD: for the filters and for "another package's document". */
let otherId: string;
const OTHER_OPD = 'Dinas Kesehatan Kota Tangerang';
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

/** Polls `probe` until it returns a value (not undefined), failing with `what` after `timeoutMs`. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) assert.fail(`not reached within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 150));
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

before(
  async () => {
    stack = await startAuthStack({ timeScale: TIME_SCALE, security: { authFailuresPerMin: 0, bidsPerMin: 0 } });
    packageId = await stack.createPackage(
      tenderBody('Transparansi Rehabilitasi Gedung Pasar', {
        fiscalYear: FY,
        // A bid window of about 8 s: three bids fit in it even on a loaded machine.
        schedule: { registrationDays: 1, clarificationDays: 1, bidSubmissionDays: 5 },
      }),
    );
    otherId = await stack.createPackage(tenderBody('Pengadaan Alat Kesehatan Puskesmas Keterbukaan', { fiscalYear: FY, opd: OTHER_OPD }));
  },
  { timeout: 120_000 },
);

after(
  async () => {
    await stack?.close();
  },
  { timeout: 60_000 },
);

describe('public transparency endpoints', () => {
  test('the package is public without a token: list and detail, no personal data, a link to its OCDS data', async () => {
    const list = await publicGet(`/api/public/packages?fiscalYear=${FY}`);
    assert.equal(list.status, 200);
    const item = list.body.data.find((p: { id: string }) => p.id === packageId);
    assert.ok(item, 'listed');
    assert.equal(item.hps, 1_450_000_000);
    // Each row: its stage and schedule, HPS; no winner, contract or flags yet; nothing of the officers' list.
    assert.equal(item.stage.id, 'announcement');
    assert.ok(item.schedule.nextDueAt, 'the due time of the announcement');
    assert.equal(item.schedule.stageClosesAt, item.stage.closesAt);
    assert.equal(item.winner, null);
    assert.equal(item.contract, null);
    assert.deepEqual(item.redFlags, { count: 0, highest: null });
    assert.deepEqual(item.links, { self: `/api/public/packages/${packageId}`, redFlags: `/api/public/packages/${packageId}/red-flags` });
    for (const k of ['definition', 'updatedAt', 'parentPackageId', 'createdBy']) assert.ok(!(k in item), `no ${k} in a public row`);
    const detail = await publicGet(`/api/public/packages/${packageId}`);
    assert.equal(detail.status, 200, detail.text);
    assert.equal(detail.body.stage.id, 'announcement');
    assert.equal(detail.body.links.ocds, `/api/ocds/releases?packageId=${packageId}`);
    // The preparation (issue 13: the head of the UKPBJ's assignment, the Reviu DPP and its minutes) came first; its
    // stages are named, never who was assigned or reviewed (assertNoPersonalData below).
    assert.deepEqual(
      detail.body.timeline.map((s: { stageId: string }) => s.stageId),
      ['officer_assignment', 'dpp_review', 'dpp_review_minutes', 'announcement'],
    );
    assert.ok(detail.body.deadlines.tasks[0].dueAt, 'the due time of the announcement');
    assert.equal(detail.body.opening, null);
    assert.equal(detail.body.award, null);
    // A token changes nothing: the same public view.
    const withToken = await stack.request('vendor.karya', 'GET', `/api/public/packages/${packageId}`);
    assert.deepEqual(withToken.body, detail.body);
    assertNoPersonalData(seen);
  });

  test("filters: text, OPD, method, status, stage, fiscal year; the officers' monitoring filters are not public", async () => {
    const ids = async (query: string) => {
      const r = await publicGet(`/api/public/packages?${query}`);
      assert.equal(r.status, 200, `${query}: ${r.text}`);
      return r.body.data.map((p: { id: string }) => p.id).sort();
    };
    const both = [packageId, otherId].sort();
    assert.deepEqual(await ids(`fiscalYear=${FY}`), both);
    assert.deepEqual(await ids(`fiscalYear=${FY}&opd=${encodeURIComponent(OTHER_OPD)}`), [otherId]);
    assert.deepEqual(await ids(`fiscalYear=${FY}&q=${encodeURIComponent('alat kesehatan')}`), [otherId], 'text, case-insensitive');
    assert.deepEqual(await ids(`fiscalYear=${FY}&method=tender&status=active`), both);
    assert.deepEqual(await ids(`fiscalYear=${FY}&method=seleksi`), []);
    assert.deepEqual(await ids(`fiscalYear=${FY}&status=batal`), []);
    assert.deepEqual(await ids(`fiscalYear=${FY}&stage=announcement&opd=${encodeURIComponent(OTHER_OPD)}`), [otherId]);
    assert.deepEqual(await ids(`fiscalYear=${FY + 1}`), []);
    const paged = await publicGet(`/api/public/packages?fiscalYear=${FY}&pageSize=1&page=2&sort=title`);
    assert.deepEqual(paged.body.pagination, { page: 2, pageSize: 1, total: 2 });
    assert.deepEqual(
      paged.body.data.map((p: { id: string }) => p.id),
      [packageId],
      'P… then T… by title',
    );
    for (const q of ['overdue=true', 'budgetLine=true', 'contractMonth=2045-01', 'superseded=false']) {
      const r = await publicGet(`/api/public/packages?${q}`);
      assert.equal(r.status, 422, q);
    }
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
    assert.deepEqual(detail.body.opening.bids.map((b: { vendor: string; price: number }) => [b.vendor, b.price]).sort(), [
      ['CV Tirta Jaya', PRICES['vendor.tirta']],
      ['PT Cisadane Konstruksi', PRICES['vendor.cisadane']],
      ['PT Karya Beton Nusantara', PRICES['vendor.karya']],
    ]);
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

  test("documents: a public kind downloads without a token with its SHA-256; any other, or another package's, is 404", async () => {
    const pdf = (marker: string) => Buffer.from(`%PDF-1.4\n% ${marker}\n%%EOF\n`);
    // Stored as the generateDocument activity stores them (the real store, the real table).
    const sppbj = await storeDocument(stack.db, { packageId, kind: 'sppbj', revision: 1, title: 'SPPBJ', fileName: 'sppbj.pdf', content: pdf('sppbj-publik') });
    const internal = await storeDocument(stack.db, {
      packageId,
      kind: 'ba_evaluasi',
      revision: 1,
      title: 'BA Evaluasi',
      fileName: 'ba.pdf',
      content: pdf('internal'),
    });
    const draft = await storeDocument(stack.db, { packageId, kind: 'kontrak', revision: 1, title: 'Rancangan', fileName: 'k.pdf', content: pdf('draft') });
    const others = await storeDocument(stack.db, {
      packageId: otherId,
      kind: 'sppbj',
      revision: 1,
      title: 'SPPBJ lain',
      fileName: 's.pdf',
      content: pdf('lain'),
    });

    const detail = await publicGet(`/api/public/packages/${packageId}`);
    assert.deepEqual(
      detail.body.documents.map((d: Record<string, unknown>) => [d.id, d.kind, d.sha256, d.size, d.contract, d.downloadUrl]),
      [[sppbj.id, 'sppbj', sppbj.sha256, sppbj.size, false, `/api/public/packages/${packageId}/documents/${encodeURIComponent(sppbj.id)}`]],
      'only the public kind is listed (an unsigned contract draft is not)',
    );
    const res = await fetch(stack.baseUrl + detail.body.documents[0].downloadUrl);
    assert.equal(res.status, 200);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(createHash('sha256').update(bytes).digest('hex'), sppbj.sha256, 'the bytes have the listed SHA-256');
    assert.equal(res.headers.get('x-content-sha256'), sppbj.sha256);
    assert.equal(res.headers.get('etag'), `"${sppbj.sha256}"`);
    assert.match(res.headers.get('content-disposition')!, /^attachment; filename="sppbj\.pdf"$/);

    for (const [pkg, doc] of [
      [packageId, internal.id],
      [packageId, draft.id],
      [packageId, others.id],
      [otherId, sppbj.id],
      ['pkt-tidakada0000', sppbj.id],
      [packageId, 'tidak-ada'],
    ] as const) {
      const r = await publicGet(`/api/public/packages/${pkg}/documents/${encodeURIComponent(doc)}`);
      assert.equal(r.status, 404, `${pkg} ${doc}: ${r.text}`);
      assert.equal(r.body.error.code, 'document_not_found');
    }
    const bad = await publicGet(`/api/public/packages/${packageId}/documents/${encodeURIComponent('../../etc/passwd')}`);
    assert.equal(bad.status, 422);
  });

  test("the process diagram: the BPMN of the package's definition version, without a token, linked from the public view", async () => {
    const detail = await publicGet(`/api/public/packages/${packageId}`);
    assert.equal(detail.body.links.bpmn, `/api/public/packages/${packageId}/bpmn`);
    const res = await fetch(stack.baseUrl + detail.body.links.bpmn);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/xml/);
    assert.match(res.headers.get('cache-control') ?? '', /^public, max-age=\d+$/);
    const xml = await res.text();
    // The same XML the officers' definition route serves for the version the package runs, with its diagram.
    const row = await stack.db('packages').where({ id: packageId }).first('definition_id', 'definition_version');
    const officers = await stack.request('ppk.budi', 'GET', `/api/process-definitions/${row!.definition_id}/bpmn?version=${row!.definition_version}`);
    assert.equal(officers.status, 200);
    assert.equal(xml, officers.body);
    assert.match(xml, /<bpmn:definitions[\s>]/);
    assert.match(xml, /<bpmndi:BPMNDiagram[\s>]/);
    // The stages the public view names are elements of the diagram, so the page can mark them.
    for (const s of detail.body.timeline as { stageId: string }[]) assert.ok(xml.includes(`id="${s.stageId}"`), `stage ${s.stageId} in the diagram`);
    for (const p of PERSONAL) assert.ok(!xml.includes(p), `the diagram names '${p}'`);
    const unknown = await publicGet('/api/public/packages/pkt-tidakada0000/bpmn');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'package_not_found');
    const bad = await publicGet(`/api/public/packages/${encodeURIComponent('../x')}/bpmn`);
    assert.equal(bad.status, 422);
  });

  test('open data: licence, publisher, policy and the years with packages with their bulk exports, without reading a package', async () => {
    const r = await publicGet('/api/public/open-data');
    assert.equal(r.status, 200, r.text);
    const detail = await publicGet(`/api/public/packages/${packageId}`);
    const { license, publicationPolicy, publisher } = detail.body.openData;
    assert.deepEqual(
      { license: r.body.license, publicationPolicy: r.body.publicationPolicy, publisher: r.body.publisher },
      { license, publicationPolicy, publisher },
    );
    assert.equal(r.body.ocds.version, '1.1.5');
    const year = r.body.years.find((y: { fiscalYear: number }) => y.fiscalYear === FY);
    assert.deepEqual(
      year,
      { fiscalYear: FY, packages: 2, bulkExport: detail.body.openData.ocds.bulkExport },
      'this year: two packages and the export the package links',
    );
    const years = r.body.years.map((y: { fiscalYear: number }) => y.fiscalYear);
    assert.deepEqual(
      years,
      [...years].sort((a: number, b: number) => b - a),
      'newest first',
    );
    for (const y of r.body.years as { fiscalYear: number; packages: number }[]) {
      const counted = await stack.db('packages').whereNull('parent_package_id').where({ fiscal_year: y.fiscalYear }).count({ count: '*' }).first();
      assert.equal(y.packages, Number(counted?.count), `procurement packages of ${y.fiscalYear}`);
    }
    // Each export link answers (the year has data), without a token.
    for (const link of [year.bulkExport.releases, year.bulkExport.records]) {
      const u = new URL(link);
      const res = await fetch(stack.baseUrl + u.pathname + u.search);
      assert.equal(res.status, 200, link);
      const body = (await res.json()) as { releases?: unknown[]; records?: unknown[] };
      assert.ok((body.releases ?? body.records ?? []).length > 0, `${link} holds data`);
    }
    const refused = await publicGet('/api/public/open-data?tahun=2045');
    assert.equal(refused.status, 422);
    assertNoPersonalData(seen);
  });

  test('a Surat Pesanan signed by the PPK alone is not public (list, download, OCDS); signed by both it is', { timeout: 120_000 }, async () => {
    const orderId = await stack.createPackage({
      title: 'E-Purchasing Laptop Kantor Kelurahan',
      opd: 'Dinas Komunikasi dan Informatika Kota Tangerang',
      workUnit: 'Sekretariat',
      category: 'barang',
      method: 'e-purchasing',
      pagu: 160_000_000,
      hps: 150_000_000,
      // A year of its own: test files share one database, and each reads only its year (red-flags.test.ts has 2044).
      fiscalYear: 2049,
      pejabatPengadaan: 'pp.rudi',
      paKpa: 'kpa.hendra',
    });
    const ok = (r: { status: number; body: unknown }) => assert.equal(r.status, 200, JSON.stringify(r.body));
    const cart = {
      mode: 'langsung',
      vendorId: 'vendor.karya',
      items: [{ productId: 'kat-laptop-14', name: 'Laptop 14 inci', quantity: 10, unitPrice: 9_500_000 }],
    };
    ok(await stack.request('pp.rudi', 'POST', `/api/packages/${orderId}/tasks/submit_cart`, { payload: cart }));
    ok(await stack.request('ppk.budi', 'POST', `/api/packages/${orderId}/tasks/approve_order`, { payload: { orderNumber: 'SP/UJI/2044/001' } }));
    const contract = () => stack.request('ppk.budi', 'GET', `/api/packages/${orderId}/contract`);
    const offers = (action: string) => async () => {
      const c = await contract();
      return c.status === 200 && (c.body.myActions as { id: string }[]).some((a) => a.id === action) ? c.body : undefined;
    };
    await until('the PPK may draft the Surat Pesanan', offers('draft_contract'));
    ok(
      await stack.request('ppk.budi', 'POST', `/api/packages/${orderId}/contract/tasks/draft_contract`, {
        payload: { number: 'SP/UJI/2044/001', durationDays: 14, plannedProgress: [100] },
      }),
    );
    const signing = await until('the PPK may sign', offers('sign_contract_ppk'));
    const sp = (signing.documents as { id: string; kind: string; sha256: string }[]).find((d) => d.kind === 'surat_pesanan');
    assert.ok(sp, 'the Surat Pesanan was generated');
    ok(await stack.request('ppk.budi', 'POST', `/api/packages/${orderId}/contract/tasks/sign_contract_ppk`, { payload: { documentHash: sp.sha256 } }));
    // The PPK's signature is in the read model (what the public view reads), the provider's is still missing.
    await until(
      'the PPK signature in the read model',
      async () =>
        (await stack
          .db('package_events')
          .where({ type: 'action_performed', action: 'sign_contract_ppk' })
          .whereIn('package_id', stack.db('packages').where({ parent_package_id: orderId }).select('id'))
          .first('seq')) ?? undefined,
    );
    const half = await publicGet(`/api/public/packages/${orderId}`);
    assert.equal(half.status, 200, half.text);
    assert.equal(half.body.contract?.signedAt ?? null, null, 'not signed yet');
    assert.deepEqual(
      half.body.documents.filter((d: { kind: string }) => d.kind === 'surat_pesanan'),
      [],
      'signed by one party: still a draft',
    );
    assert.ok(!half.text.includes(sp.sha256), 'its hash is not published either');
    const download = await publicGet(`/api/public/packages/${orderId}/documents/${encodeURIComponent(sp.id)}`);
    assert.equal(download.status, 404);
    const ocds = await fetch(`${stack.baseUrl}/api/ocds/releases?packageId=${orderId}`);
    assert.equal(ocds.status, 200);
    assert.ok(!(await ocds.text()).includes(sp.sha256), 'OCDS does not link the half-signed Surat Pesanan');

    ok(await stack.request('vendor.karya', 'POST', `/api/packages/${orderId}/contract/tasks/sign_contract_penyedia`, { payload: { documentHash: sp.sha256 } }));
    const signed = await until('the signed Surat Pesanan in the public view', async () => {
      const v = await publicGet(`/api/public/packages/${orderId}`);
      return v.body.documents.find((d: { kind: string }) => d.kind === 'surat_pesanan') ? v : undefined;
    });
    assert.ok(signed.body.contract?.signedAt, 'signed by both');
    const doc = signed.body.documents.find((d: { kind: string }) => d.kind === 'surat_pesanan');
    assert.deepEqual([doc.id, doc.sha256, doc.contract], [sp.id, sp.sha256, true]);
    const res = await fetch(stack.baseUrl + doc.downloadUrl);
    assert.equal(res.status, 200);
    assert.equal(
      createHash('sha256')
        .update(Buffer.from(await res.arrayBuffer()))
        .digest('hex'),
      sp.sha256,
    );
    const ocdsAfter = await fetch(`${stack.baseUrl}/api/ocds/releases?packageId=${orderId}`);
    assert.ok((await ocdsAfter.text()).includes(sp.sha256), 'OCDS links the signed Surat Pesanan');
    assertNoPersonalData(seen);
  });

  test('CORS: the open data answers any origin, read-only and without credentials; other paths send no CORS header', async () => {
    const origin = 'https://data.contoh.example';
    for (const path of [
      `/api/public/packages?fiscalYear=${FY}`,
      '/api/public/open-data',
      `/api/public/packages/${packageId}/bpmn`,
      `/api/ocds/releases?packageId=${packageId}`,
      '/openapi.json',
    ]) {
      const pre = await fetch(stack.baseUrl + path, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
      assert.equal(pre.status, 204, `preflight ${path}`);
      assert.equal(pre.headers.get('access-control-allow-origin'), '*', path);
      assert.deepEqual(pre.headers.get('access-control-allow-methods')?.split(',').sort(), ['GET', 'HEAD'], path);
      assert.equal(pre.headers.get('access-control-allow-credentials'), null, path);
      const simple = await fetch(stack.baseUrl + path, { headers: { origin } });
      assert.equal(simple.status, 200, path);
      assert.equal(simple.headers.get('access-control-allow-origin'), '*', path);
      assert.equal(simple.headers.get('access-control-allow-credentials'), null, path);
      assert.match(simple.headers.get('access-control-expose-headers') ?? '', /X-Content-SHA256/, path);
      await simple.arrayBuffer();
    }
    const doc = await fetch(`${stack.baseUrl}/api/public/packages/${packageId}/documents/${encodeURIComponent(`${packageId}:sppbj:1`)}`, {
      headers: { origin },
    });
    assert.equal(doc.status, 200);
    assert.equal(doc.headers.get('access-control-allow-origin'), '*', 'a document download too');
    await doc.arrayBuffer();
    // The officers' API and the console: no CORS header at all, preflight included.
    for (const path of ['/api/packages', `/api/packages/${packageId}`, '/api/auth/config', '/']) {
      const pre = await fetch(stack.baseUrl + path, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
      assert.equal(pre.headers.get('access-control-allow-origin'), null, `preflight ${path}`);
      await pre.arrayBuffer();
      const res = await stack.request('ppk.budi', 'GET', path);
      const raw = await fetch(stack.baseUrl + path, { headers: { origin } });
      assert.equal(raw.headers.get('access-control-allow-origin'), null, path);
      assert.equal(raw.headers.get('access-control-allow-credentials'), null, path);
      await raw.arrayBuffer();
      assert.ok(res.status < 500, path);
    }
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

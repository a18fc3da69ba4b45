/**
 * The blacklist (daftar hitam) end to end on the real app (Temporal + PostgreSQL, in-process worker; TIME_SCALE so a
 * day lasts ~2.6 s), fiscal year 2055: a proposal (idempotent, bound to the firm) → the PA/KPA of the proposing
 * package decides it with a decision number (the period from the cause, audited in the hash chain, a second decision
 * 409) → the public list shows it → the firm's registration and bids are refused with the number, for every account
 * of the firm → the ranking passes its earlier bid over and says why → after the period (the decision's own dates)
 * the firm registers again. Every answer of the new operations is checked against the OpenAPI document.
 * Every sanction this file decides is ended in `after`, so later test files can use the demo vendors.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../api/auth/actor';
import { buildOpenApi } from '../api/openapi';
import { activeSanction, proposeSanction, type SanctionRow } from '../db/queries/sanctions';
import { wibDate, wibDateTime } from '../domain/calendar/working-time';
import { publicNpwp, sanctionEnd } from '../domain/sanctions/enforcement';
import { type Answer, type AuthStack, type Caller, startAuthStack, tenderBody } from './support/auth-stack';

const TIME_SCALE = 0.00003;
const YEAR = 2055;
const FIRM = 'pt-karya-beton';
const SK = 'SK-KPA/027/PUPR/2055';
const POKJA = ['pokja.sari', 'pokja.agus', 'pokja.dewi'];

// ---- the OpenAPI document: every answer of the new operations must match what it documents ----------------------
const doc = JSON.parse(JSON.stringify(buildOpenApi()));
const BASE = 'https://pengadaan.test/openapi.json';
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema({ ...doc, $id: BASE });
const ptr = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
function conforms(method: string, template: string, a: Answer): void {
  const response = doc.paths[template]?.[method]?.responses?.[String(a.status)];
  assert.ok(response, `${method} ${template} → ${a.status} not documented: ${JSON.stringify(a.body)}`);
  const validate = ajv.compile({ $ref: `${BASE}#/${ptr('paths', template, method, 'responses', String(a.status), 'content', 'application/json', 'schema')}` });
  assert.ok(
    validate(a.body),
    `${method} ${template} → ${a.status}: ${JSON.stringify(validate.errors?.slice(0, 5))} body ${JSON.stringify(a.body).slice(0, 800)}`,
  );
}

describe('daftar hitam (Perpres 16/2018 Pasal 78–79, 83)', { timeout: 400_000 }, () => {
  let stack: AuthStack;
  let tender: string; // karya and tirta bid here; karya is blacklisted before the opening
  let other: string; // a second tender in registration
  let proposal: SanctionRow;
  const mine: number[] = [];
  const started: string[] = [];

  const req = async (as: Caller, method: string, path: string, body?: unknown, template?: string) => {
    const a = await stack.request(as, method, path, body);
    if (template) conforms(method.toLowerCase(), template, a);
    return a;
  };
  const ok = async (who: Caller, method: string, path: string, body?: unknown) => {
    const r = await stack.request(who, method, path, body);
    assert.equal(r.status, 200, `${method} ${path} → ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
    return r.body;
  };
  const step = (id: string, who: Caller, action: string, payload: Record<string, unknown> = {}) =>
    stack.request(who, 'POST', `/api/packages/${id}/tasks/${action}`, { payload });
  const waitFor = async (id: string, stage: string | string[], timeoutMs = 120_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const r = await stack.request('ppk.budi', 'GET', `/api/packages/${id}`);
      if ([stage].flat().includes(r.body?.live?.stage?.id)) return r.body;
      if (Date.now() > until) throw new Error(`${id} not in ${[stage].flat().join('|')} after ${timeoutMs} ms: ${String(r.body?.live?.stage?.id)}`);
      await new Promise((res) => setTimeout(res, 150));
    }
  };
  /**
   * A tender announced and open for registration. With the preparation of issue 13 (when the definition has it) the
   * head of the UKPBJ assigns the Pokja, the Pokja reviews the DPP and the PPK co-signs first.
   */
  const newTender = async (title: string, schedule: Record<string, number>) => {
    const body = tenderBody(title, { fiscalYear: YEAR, schedule });
    let created = await stack.request('ppk.budi', 'POST', '/api/packages', body);
    if (created.status === 422 && JSON.stringify(created.body).includes('kepalaUkpbj')) {
      const { pokja: _p, ...rest } = body;
      created = await stack.request('ppk.budi', 'POST', '/api/packages', { ...rest, kepalaUkpbj: 'ukpbj.ratna' });
    }
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    started.push(id);
    let stage = created.body.live?.stage?.id as string | undefined;
    if (stage === 'officer_assignment') {
      const r = await step(id, 'ukpbj.ratna', 'assign_officers', { letterNumber: `ST-${id.slice(4, 10)}`, members: body.pokja ?? POKJA });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      stage = (await waitFor(id, ['dpp_review', 'announcement'])).live.stage.id;
    }
    if (stage === 'dpp_review') {
      assert.equal(
        (await step(id, 'pokja.sari', 'review_dpp', { result: 'sesuai', notes: 'Spesifikasi, HPS dan rancangan kontrak sudah sesuai.' })).status,
        200,
      );
      assert.equal((await step(id, 'ppk.budi', 'cosign_dpp_review')).status, 200);
    }
    await waitFor(id, 'announcement');
    const announced = await step(id, 'pokja.sari', 'announce');
    assert.equal(announced.status, 200, JSON.stringify(announced.body));
    await waitFor(id, 'registration');
    return id;
  };
  /** Another account of the blacklisted firm: the sanction binds the organisation, not the user. */
  const karyaTwo: Actor = { id: 'vendor.karya.cabang', name: 'PT Karya Beton Nusantara (akun kedua)', roles: ['penyedia'], org: FIRM };

  before(async () => {
    stack = await startAuthStack({ timeScale: TIME_SCALE, security: { authFailuresPerMin: 0, bidsPerMin: 0 } });
    tender = await newTender('Peningkatan Jalan Lingkungan Cibodas (uji daftar hitam)', { registrationDays: 2, clarificationDays: 1, bidSubmissionDays: 3 });
    for (const v of ['vendor.karya', 'vendor.tirta']) assert.equal((await step(tender, v, 'register')).status, 200);
    await waitFor(tender, 'bid_submission');
    // karya is the lowest bidder; both above 80% of the HPS (Rp1.450.000.000), so no price clarification.
    assert.equal((await step(tender, 'vendor.karya', 'submit_bid', { price: 1_200_000_000 })).status, 200);
    assert.equal((await step(tender, 'vendor.tirta', 'submit_bid', { price: 1_300_000_000 })).status, 200);
  });
  after(async () => {
    // End every sanction decided here (as if its period had passed), so the demo vendors bid again in other files.
    if (stack && mine.length) {
      await stack
        .db('provider_sanctions')
        .whereIn('id', mine)
        .where({ status: 'ditetapkan' })
        .update({ starts_at: stack.db.raw("now() - interval '3 years'"), ends_at: stack.db.raw("now() - interval '1 day'") });
    }
    await Promise.all(
      started.map((id) =>
        stack.client.workflow
          .getHandle(`paket-${id}`)
          .terminate('test selesai')
          .catch(() => {}),
      ),
    );
    await stack?.close();
  });

  test('Pasal 78 ayat (1) huruf a: a proposal is idempotent per (package, provider, cause) and binds the firm', async () => {
    const p = {
      packageId: tender,
      providerId: 'vendor.karya',
      cause: 'dokumen_palsu' as const,
      reason: 'Sertifikat badan usaha yang diunggah tidak terdaftar di LPJK.',
      proposedBy: 'pokja.sari',
    };
    proposal = await proposeSanction(stack.db, p);
    mine.push(proposal.id);
    const again = await proposeSanction(stack.db, { ...p, reason: 'usulan kedua' });
    assert.equal(again.id, proposal.id);
    assert.equal(again.reason, p.reason, 'a repeated proposal changes nothing');
    assert.equal(proposal.providerOrg, FIRM);
    assert.equal(proposal.status, 'diusulkan');
    const other = await proposeSanction(stack.db, { ...p, cause: 'persekongkolan' });
    mine.push(other.id);
    assert.notEqual(other.id, proposal.id, 'another cause is another proposal');
    await assert.rejects(proposeSanction(stack.db, { ...p, cause: 'terlambat' as never }), /unknown sanction cause/);
    assert.equal(await activeSanction(stack.db, FIRM, new Date()), undefined, 'a proposal is not a sanction');
  });

  test('Pasal 78: the list — PA/KPA of the package, APIP and admin; never a vendor; no officials’ user ids', async () => {
    const kpa = await req('kpa.hendra', 'GET', '/api/sanctions', undefined, '/api/sanctions');
    assert.equal(kpa.status, 200);
    const item = kpa.body.data.find((s: { id: number }) => s.id === proposal.id);
    assert.equal(item.canDecide, true);
    assert.equal(item.years, 2);
    assert.equal(item.firmName, 'PT Karya Beton Nusantara');
    assert.ok(!JSON.stringify(kpa.body).includes('pokja.sari'), 'who proposed is in the audit trail, not in the list');
    const apip = await req('auditor.rina', 'GET', '/api/sanctions?status=diusulkan', undefined, '/api/sanctions');
    assert.equal(apip.body.data.find((s: { id: number }) => s.id === proposal.id)?.canDecide, false);
    const elsewhere: Actor = { id: 'kpa.lain', name: 'PA/KPA lain', roles: ['pa_kpa'], org: 'kota-tangerang-pupr' };
    const notMine = await req(elsewhere, 'GET', '/api/sanctions', undefined, '/api/sanctions');
    assert.ok(!notMine.body.data.some((s: { id: number }) => s.id === proposal.id), 'another PA/KPA does not see this package’s proposals');
    assert.equal((await req('vendor.karya', 'GET', '/api/sanctions', undefined, '/api/sanctions')).status, 403);
    assert.equal((await req('pokja.sari', 'GET', '/api/sanctions', undefined, '/api/sanctions')).status, 403);
    assert.equal((await req('auditor.rina', 'GET', '/api/sanctions?status=dicabut', undefined, '/api/sanctions')).status, 422);
  });

  test('Pasal 78: only the PA/KPA of the proposing package decides; bad input is 422 in Bahasa; the period never comes from the client', async () => {
    const path = `/api/sanctions/${proposal.id}/decision`;
    const T = '/api/sanctions/{id}/decision';
    const today = wibDate(Date.now());
    const good = { decision: 'ditetapkan', decisionNumber: SK, startDate: today };
    assert.equal((await req('pokja.sari', 'POST', path, good, T)).body.error.code, 'forbidden_role');
    const elsewhere: Actor = { id: 'kpa.lain', name: 'PA/KPA lain', roles: ['pa_kpa'], org: 'kota-tangerang-pupr' };
    const foreign = await req(elsewhere, 'POST', path, good, T);
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.error.code, 'not_assigned');
    const withPeriod = await req('kpa.hendra', 'POST', path, { ...good, endDate: '2099-01-01' }, T);
    assert.equal(withPeriod.status, 422, 'an end date from the client is refused');
    assert.equal(withPeriod.body.error.code, 'validation_failed');
    assert.match(withPeriod.body.error.message, /Isian keputusan sanksi tidak valid/);
    const noNumber = await req('kpa.hendra', 'POST', path, { ...good, decisionNumber: '' }, T);
    assert.equal(noNumber.status, 422);
    assert.ok(noNumber.body.error.details.issues.some((i: { path: string }) => i.path === 'decisionNumber'));
    const early = await req('kpa.hendra', 'POST', path, { ...good, startDate: `${YEAR - 40}-01-01` }, T);
    assert.equal(early.status, 422);
    assert.equal(early.body.error.code, 'sanction_start_out_of_range');
    assert.match(early.body.error.message, /Tanggal mulai sanksi harus antara/);
    assert.equal((await req('kpa.hendra', 'POST', '/api/sanctions/999999999/decision', good, T)).status, 404);
    assert.equal((await req('kpa.hendra', 'POST', '/api/sanctions/abc/decision', good, T)).status, 422);
    const shortReason = await req('kpa.hendra', 'POST', path, { decision: 'ditolak', reason: 'tidak' }, T);
    assert.equal(shortReason.status, 422);
    assert.equal((await stack.db('provider_sanctions').where({ id: proposal.id }).first())!.status, 'diusulkan', 'nothing refused was stored');
  });

  test('Pasal 78 ayat (4): the PA/KPA sets it with its decision number for 2 years, audited in the chain; a second decision is 409', async () => {
    const path = `/api/sanctions/${proposal.id}/decision`;
    const T = '/api/sanctions/{id}/decision';
    const today = wibDate(Date.now());
    const set = await req('kpa.hendra', 'POST', path, { decision: 'ditetapkan', decisionNumber: SK, startDate: today }, T);
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.status, 'ditetapkan');
    assert.equal(set.body.decisionNumber, SK);
    const [y, m, d] = today.split('-').map(Number);
    const start = Date.parse(`${today}T00:00:00+07:00`);
    assert.equal(Date.parse(set.body.startsAt), start, 'starts 00.00 WIB of the start date');
    assert.equal(
      Date.parse(set.body.endsAt),
      Date.parse(`${y! + 2}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T00:00:00+07:00`),
      'two years: the same date two years later',
    );
    assert.equal(Date.parse(set.body.endsAt), sanctionEnd(start, 2));
    assert.equal(sanctionEnd(wibDateTime(2028, 2, 29), 1), wibDateTime(2029, 3, 1), 'a period started on 29 February ends on 1 March');

    const again = await req('kpa.hendra', 'POST', path, { decision: 'ditolak', reason: 'Keputusan diubah setelah klarifikasi.' }, T);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'sanction_already_decided');
    assert.equal(again.body.error.details.decisionNumber, SK);

    const audit = await stack.db('audit_log').where({ workflow_id: `sanksi:${proposal.id}` });
    assert.equal(audit.length, 1, 'one audit entry per decision');
    assert.equal(audit[0]!.action, 'sanksi_ditetapkan');
    assert.equal(audit[0]!.actor_id, 'kpa.hendra');
    assert.equal(audit[0]!.package_id, tender);
    const verify = await ok('auditor.rina', 'GET', '/api/audit/verify');
    assert.equal(verify.ok, true, 'the chain still verifies with the decision in it');

    // The second cause of the same package is rejected with a reason: not public, not enforced.
    const other = mine[1]!;
    const rejected = await req(
      'kpa.hendra',
      'POST',
      `/api/sanctions/${other}/decision`,
      { decision: 'ditolak', reason: 'Tidak terbukti ada persekongkolan harga.' },
      T,
    );
    assert.equal(rejected.status, 200);
    assert.equal(rejected.body.status, 'ditolak');
    assert.equal(rejected.body.decisionReason, 'Tidak terbukti ada persekongkolan harga.');
    assert.equal(
      (await stack
        .db('audit_log')
        .where({ workflow_id: `sanksi:${other}` })
        .first())!.action,
      'sanksi_ditolak',
    );
  });

  test('Pasal 83: the public list (no token) shows the running decision with the firm’s NPWP, cause, period and package', async () => {
    const res = await fetch(`${stack.baseUrl}/api/public/daftar-hitam`);
    const text = await res.text();
    const body = JSON.parse(text);
    conforms('get', '/api/public/daftar-hitam', { status: res.status, headers: res.headers, body });
    const row = body.data.find((s: { id: number }) => s.id === proposal.id);
    assert.ok(row, 'the decision is published');
    assert.equal(row.firmName, 'PT Karya Beton Nusantara');
    assert.equal(row.npwp, '991234567402000', 'a firm’s NPWP is public, as in SPSE’s Daftar Hitam');
    assert.equal(row.decisionNumber, SK);
    assert.equal(row.cause, 'dokumen_palsu');
    assert.match(row.pasal, /Pasal 78/);
    assert.equal(row.packageId, tender);
    assert.ok(!body.data.some((s: { id: number }) => s.id === mine[1]), 'a rejected proposal is not public');
    for (const secret of ['kpa.hendra', 'pokja.sari', 'vendor.karya', 'hendra@', 'Sertifikat badan usaha'])
      assert.ok(!text.includes(secret), `public list contains ${secret}`);
    assert.equal(publicNpwp('3174012345678901'), '••••••••••••8901', 'an NIK-based NPWP (a person) is masked');
    assert.equal(publicNpwp('0991234567402000'), '0991234567402000', 'a 16-digit firm NPWP (PMK 112/2022) is public');
  });

  test('Pasal 78: while it runs, the firm — any of its accounts — is refused registration and bids with the decision number', async () => {
    other = await newTender('Pembangunan Gedung Posyandu Karawaci (uji daftar hitam)', { registrationDays: 3, clarificationDays: 1, bidSubmissionDays: 2 });
    // Not offered what the API would refuse: the package page and the inbox leave out its participation steps.
    const offered = async (who: Caller) => ((await ok(who, 'GET', `/api/packages/${other}`)).myActions as { id: string }[]).map((a) => a.id);
    assert.deepEqual(await offered('vendor.tirta'), ['register'], 'another firm is offered the registration');
    assert.deepEqual(await offered('vendor.karya'), [], 'the blacklisted firm is not');
    assert.deepEqual(await offered(karyaTwo), [], 'nor its other account');
    const inboxHere = async (who: Caller) =>
      ((await ok(who, 'GET', '/api/tasks?pageSize=100')).data as { packageId: string; action: string }[])
        .filter((t) => t.packageId === other)
        .map((t) => t.action);
    assert.deepEqual(await inboxHere('vendor.tirta'), ['register']);
    assert.deepEqual(await inboxHere('vendor.karya'), []);
    for (const who of ['vendor.karya', karyaTwo] as Caller[]) {
      const r = await step(other, who, 'register');
      assert.equal(r.status, 403, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'daftar_hitam');
      assert.equal(r.body.error.details.decisionNumber, SK);
      assert.ok(Date.parse(r.body.error.details.until) > Date.now());
      assert.match(r.body.error.message, new RegExp(`Daftar Hitam berdasarkan keputusan ${SK.replace(/\//g, '\\/')}`));
    }
    // Refused before the workflow: not 409 not_registered, and nothing sealed or stored.
    const bid = await step(other, 'vendor.karya', 'submit_bid', { price: 1_000_000_000 });
    assert.equal(bid.status, 403);
    assert.equal(bid.body.error.code, 'daftar_hitam');
    assert.equal(
      await stack
        .db('sealed_bids')
        .where({ package_id: other })
        .count({ n: '*' })
        .first()
        .then((x) => Number(x!.n)),
      0,
    );
    assert.equal((await step(other, 'vendor.tirta', 'register')).status, 200, 'another firm registers');
    const events = await stack.db('package_events').where({ package_id: other, action: 'register' });
    assert.deepEqual(
      events.map((e) => e.actor_id),
      ['vendor.tirta'],
    );
  });

  test('Pasal 78: a blacklisted bidder is passed over at the award, and the ranking records why', async () => {
    await waitFor(tender, 'bid_opening');
    assert.equal((await step(tender, 'pokja.sari', 'open_bids')).status, 200);
    await waitFor(tender, 'evaluation');
    const results = ['vendor.karya', 'vendor.tirta'].map((vendorId) => ({ vendorId, administrasi: true, kualifikasi: true, teknis: true }));
    const evaluated = await step(tender, 'pokja.sari', 'evaluate', { results });
    assert.equal(evaluated.status, 200, JSON.stringify(evaluated.body));
    const d = await waitFor(tender, 'qualification_verification');
    const award = d.live.data.award;
    assert.equal(award.winner.vendorId, 'vendor.tirta', 'the lowest bidder is blacklisted: the next one wins');
    assert.ok(!award.ranking.some((r: { vendorId: string }) => r.vendorId === 'vendor.karya'));
    assert.deepEqual(
      award.sanctionSkips.map((s: { vendorId: string; decisionNumber: string }) => [s.vendorId, s.decisionNumber]),
      [['vendor.karya', SK]],
    );
    assert.deepEqual(
      award.failed.find((f: { vendorId: string }) => f.vendorId === 'vendor.karya'),
      { vendorId: 'vendor.karya', price: 1_200_000_000, reasons: ['daftar_hitam'] },
    );
  });

  test('Pasal 78 ayat (4): after the period the firm may register again — by the decision’s own dates', async () => {
    const row = await stack.db('provider_sanctions').where({ id: proposal.id }).first();
    const endsAt = (row!.ends_at as Date).getTime();
    assert.equal((await activeSanction(stack.db, FIRM, new Date(endsAt - 1)))?.decisionNumber, SK, 'runs until the last moment of its period');
    assert.equal((await activeSanction(stack.db, 'vendor.karya', new Date(endsAt - 1)))?.decisionNumber, SK, 'found by the account too');
    assert.equal(await activeSanction(stack.db, FIRM, new Date(endsAt)), undefined, 'ends at its end');
    assert.equal(await activeSanction(stack.db, FIRM, new Date((row!.starts_at as Date).getTime() - 1)), undefined, 'not before its start');
    // Two years pass: the decision's dates move back by its own length plus a day.
    const shift = endsAt - (row!.starts_at as Date).getTime() + 86_400_000;
    await stack
      .db('provider_sanctions')
      .where({ id: proposal.id })
      .update({
        starts_at: new Date((row!.starts_at as Date).getTime() - shift),
        ends_at: new Date(endsAt - shift),
      });
    const again = await newTender('Normalisasi Saluran Periuk (uji daftar hitam berakhir)', {
      registrationDays: 3,
      clarificationDays: 1,
      bidSubmissionDays: 2,
    });
    const r = await step(again, 'vendor.karya', 'register');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const pub = await (await fetch(`${stack.baseUrl}/api/public/daftar-hitam`)).json();
    assert.ok(!pub.data.some((s: { id: number }) => s.id === proposal.id), 'an ended sanction leaves the public list');
  });
});

/**
 * Pengaduan to the APIP (Perpres 16/2018 Pasal 76–77; domain/complaints/PENGADUAN.md), on the real app, worker,
 * Temporal server and PostgreSQL, fiscal year 2056:
 *  - a tender is driven through HTTP past its masa sanggah (two of the three demo vendors bid); a bidder's late
 *    sanggah is refused and the refusal points to the complaint route; the complaint is filed there (once under an
 *    Idempotency-Key) and the server, not the client, says why: di_luar_masa_sanggah; a vendor that did not bid gets
 *    bukan_peserta; a Tender Cepat (no sanggah) gets metode_tanpa_sanggah, and its sanggah is refused with the pointer;
 *  - the APIP sees every complaint with its filer, records follow-ups (time and officer each) and closes it with a
 *    conclusion; a closed complaint takes nothing more; only the APIP may record;
 *  - the package's Pokja sees that the complaint exists and its status, never who filed it or what it says; another
 *    vendor sees nothing of it (404 on the complaint itself);
 *  - the complaint's events are append-only and hash-chained.
 */
import './support/quiet-runtime';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import pino from 'pino';
import { buildOpenApi } from '../api/openapi';
import { createApp } from '../api/app';
import { loadOrCreateDevIssuer } from '../api/auth/dev-issuer';
import { createVerifier } from '../api/auth/verifier';
import { createDb } from '../db/connection';
import { seedDemo } from '../db/seed-demo';
import { brokenAt } from '../domain/complaints/chain';
import { complaintReason } from '../domain/complaints/reason';
import { followUpRefusal } from '../domain/complaints/status';
import { connectClient, connectWorker } from '../runtime/temporal';
import { createWorker } from '../runtime/worker';
import { createPrepared, tenderCepatBody } from './support/complaints';
import { testServices } from './support/services';
import { type Api, api, expectStatus, runTender, tenderBody } from './support/tender-http-driver';

const YEAR = 2056;
const errorOf = (res: { body: unknown }) => (res.body as { error: { code: string; details: Record<string, any> } }).error;
const STOP = new Error('stop at sppbj');

// Every answer checked below also matches the schema its operation documents for its status (OpenAPI 3.1).
const BASE = 'https://pengadaan.test/openapi.json';
const doc = JSON.parse(JSON.stringify(buildOpenApi()));
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema({ ...doc, $id: BASE });
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
function conforms(method: string, template: string, res: { status: number; body: unknown }): void {
  const op = doc.paths[template]?.[method];
  assert.ok(op, `${method} ${template} is documented`);
  assert.ok(op.responses[String(res.status)], `${method} ${template} → ${res.status} is documented`);
  const validate = ajv.compile({
    $ref: `${BASE}#/${pointer('paths', template, method, 'responses', String(res.status), 'content', 'application/json', 'schema')}`,
  });
  assert.ok(validate(res.body), `${method} ${template} → ${res.status}: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
}

describe('complaint reasons and follow-ups (pure rules)', () => {
  test('Pasal 77 jo. SDP cara sanggah: a bidder after the masa sanggah → di_luar_masa_sanggah; before it too', () => {
    const base = { contract: false, hasSanggah: true, filerIsBidder: true };
    assert.equal(complaintReason({ ...base, sanggahPeriod: 'sudah_ditutup' }).reason, 'di_luar_masa_sanggah');
    assert.equal(complaintReason({ ...base, sanggahPeriod: 'belum_dibuka' }).reason, 'di_luar_masa_sanggah');
    assert.equal(complaintReason({ ...base, sanggahPeriod: 'terbuka' }).reason, 'lainnya');
  });
  test('Pasal 77: no sanggah in the method → metode_tanpa_sanggah, before any bidder check', () => {
    assert.equal(complaintReason({ contract: false, hasSanggah: false, filerIsBidder: false, sanggahPeriod: 'belum_dibuka' }).reason, 'metode_tanpa_sanggah');
  });
  test('Pasal 77: a filer who did not bid → bukan_peserta, whatever the period', () => {
    for (const p of ['terbuka', 'sudah_ditutup'] as const) {
      assert.equal(complaintReason({ contract: false, hasSanggah: true, filerIsBidder: false, sanggahPeriod: p }).reason, 'bukan_peserta');
    }
  });
  test('Pasal 77: a closed complaint takes no follow-up; an accepted one cannot be accepted again', () => {
    assert.equal(followUpRefusal('ditutup', 'ditindaklanjuti')?.code, 'complaint_closed');
    assert.equal(followUpRefusal('diterima', 'diterima')?.code, 'invalid_follow_up');
    assert.equal(followUpRefusal('ditindaklanjuti', 'ditindaklanjuti'), undefined);
  });
});

describe('complaints on the real stack', () => {
  let db: Knex;
  let client: Client;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let server: Server;
  let dataDir: string;
  let http: Api;
  let tenderId: string;
  const started: string[] = [];

  before(async () => {
    const { temporalAddress, databaseUrl } = testServices();
    db = createDb(databaseUrl);
    await seedDemo(db);
    const taskQueue = `tq-complaints-${randomBytes(4).toString('hex')}`;
    const target = { address: temporalAddress, namespace: 'default' };
    client = await connectClient(target);
    const w = await connectWorker(target);
    connection = w.connection;
    worker = await createWorker({ connection, namespace: w.namespace, taskQueue, db });
    running = worker.run();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-complaints-'));
    const issuer = await loadOrCreateDevIssuer(dataDir);
    const verifier = createVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks });
    const app = createApp({ db, client, verifier, logger: pino({ level: 'silent' }), taskQueue, timeScale: 0.00002, devIssuer: issuer, console: false });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    http = api(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { dataDir });

    // A tender of 2056 past its masa sanggah: karya and tirta bid, cisadane does not.
    const body = { ...tenderBody({ title: `Pengaduan uji ${randomBytes(3).toString('hex')}` }), fiscalYear: YEAR };
    tenderId = await createPrepared(http, body, started);
    await runTender(http, {
      packageId: tenderId,
      bids: [
        { vendor: 'vendor.karya', price: Math.round(body.hps * 0.85) },
        { vendor: 'vendor.tirta', price: Math.round(body.hps * 0.92) },
      ],
      stageTimeoutMs: 120_000,
      onStage: {
        sppbj: async () => {
          throw STOP;
        },
      },
    }).catch((e) => {
      if (e !== STOP) throw e;
    });
  });

  after(async () => {
    await Promise.all(
      started.map((id) =>
        client?.workflow
          .getHandle(`paket-${id}`)
          .terminate('test selesai')
          .catch(() => {}),
      ),
    );
    if (server) {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    }
    worker?.shutdown();
    await running;
    await connection?.close();
    await client?.connection.close();
    await db?.destroy();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const route = (id: string) => `/api/packages/${id}/complaints`;
  const complaintBody = {
    subject: 'Evaluasi kualifikasi tidak sesuai dokumen',
    description: 'Persyaratan SBU yang dipakai Pokja berbeda dari dokumen pemilihan; bukti: salinan dokumen pemilihan bab III.',
    attachmentRef: 'Surat No. 12/KRY/2056',
  };
  let complaintId: string;

  test('Pasal 77 (SDP cara sanggah): a late sanggah is refused, and the refusal points to the complaint route', { timeout: 60_000 }, async () => {
    const r = await http
      .as('vendor.karya')
      .step(tenderId, 'file_objection', { cause: 'evaluation_error', reason: 'Evaluasi kualifikasi tidak sesuai dokumen pemilihan.' });
    assert.equal(r.status, 409, r.text);
    assert.equal(errorOf(r).details.complaint, route(tenderId));
    // A step that is not a sanggah points nowhere.
    const other = await http.as('vendor.karya').step(tenderId, 'submit_bid', { price: 1 });
    assert.ok(other.status >= 400);
    assert.equal(errorOf(other).details.complaint, undefined);
  });

  test('Pasal 77: the complaint is filed; the server computes di_luar_masa_sanggah; a client-sent reason is refused', { timeout: 60_000 }, async () => {
    const karya = http.as('vendor.karya');
    const refused = await karya.post(route(tenderId), { ...complaintBody, reason: 'lainnya' });
    assert.equal(refused.status, 422, refused.text);
    assert.equal(refused.body.error.code, 'validation_failed');
    const tooShort = await karya.post(route(tenderId), { subject: 'x', description: 'pendek' });
    assert.equal(tooShort.status, 422);
    assert.deepEqual(tooShort.body.error.details.issues.map((i: { path: string }) => i.path).sort(), ['description', 'subject']);

    const key = `adu-${randomBytes(6).toString('hex')}`;
    const first = await karya.post(route(tenderId), complaintBody, { idempotencyKey: key });
    assert.equal(first.status, 201, first.text);
    conforms('post', '/api/packages/{id}/complaints', first);
    conforms('post', '/api/packages/{id}/complaints', refused);
    assert.equal(first.body.reason, 'di_luar_masa_sanggah');
    assert.match(first.body.reasonExplanation, /sudah ditutup/);
    assert.equal(first.body.status, 'diajukan');
    assert.equal(first.body.filer, undefined, 'the filer is not shown its own identity block (APIP only)');
    complaintId = first.body.id;
    const again = await karya.post(route(tenderId), complaintBody, { idempotencyKey: key });
    assert.equal(again.status, 201);
    assert.equal(again.body.id, complaintId);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const n = await db('complaints').where({ package_id: tenderId, filer_id: 'vendor.karya' }).count({ c: '*' });
    assert.equal(Number(n[0]!.c), 1, 'one complaint for the retried request');
  });

  test('Pasal 77: a vendor that did not bid gets bukan_peserta', { timeout: 60_000 }, async () => {
    const r = await http.as('vendor.cisadane').post(route(tenderId), {
      subject: 'Pendaftaran saya tidak tercatat',
      description: 'Saya tidak dapat mengunggah penawaran karena pendaftaran tidak tercatat di sistem.',
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.reason, 'bukan_peserta');
  });

  test('Pasal 76 and 77: the APIP lists every complaint with its filer, follows it up and closes it with a conclusion', { timeout: 60_000 }, async () => {
    const apip = http.as('auditor.rina');
    const listed = expectStatus(await apip.get(`/api/complaints?packageId=${tenderId}`), 200);
    conforms('get', '/api/complaints', listed);
    const list = listed.body;
    const mine = list.data.find((c: { id: string }) => c.id === complaintId);
    assert.ok(mine, 'the APIP sees the complaint');
    assert.equal(mine.filer.id, 'vendor.karya');
    assert.equal(list.pagination.total, 2);

    const accepted = expectStatus(
      await apip.post(`/api/complaints/${complaintId}/follow-ups`, { kind: 'diterima', note: 'Diregistrasi untuk ditangani Inspektorat.' }),
      200,
    ).body;
    assert.equal(accepted.status, 'diterima');
    const reviewed = expectStatus(
      await apip.post(`/api/complaints/${complaintId}/follow-ups`, {
        kind: 'ditindaklanjuti',
        activity: 'reviu',
        note: 'Reviu dokumen evaluasi dan BA hasil pemilihan.',
      }),
      200,
    ).body;
    assert.equal(reviewed.status, 'ditindaklanjuti');
    const wrong = await apip.post(`/api/complaints/${complaintId}/follow-ups`, { kind: 'diterima', note: 'Diterima sekali lagi, seharusnya ditolak.' });
    assert.equal(wrong.status, 409);
    assert.equal(wrong.body.error.code, 'invalid_follow_up');
    conforms('post', '/api/complaints/{cid}/follow-ups', wrong);
    const closing = expectStatus(
      await apip.post(`/api/complaints/${complaintId}/follow-ups`, {
        kind: 'ditutup',
        conclusion: 'tidak_terbukti',
        note: 'Persyaratan SBU sesuai adendum dokumen pemilihan.',
      }),
      200,
    );
    conforms('post', '/api/complaints/{cid}/follow-ups', closing);
    const closed = closing.body;
    assert.equal(closed.status, 'ditutup');
    assert.equal(closed.conclusion, 'tidak_terbukti');
    assert.ok(closed.closedAt);
    assert.deepEqual(
      closed.followUps.map((f: { kind: string; officer: { id: string } }) => [f.kind, f.officer.id]),
      [
        ['diterima', 'auditor.rina'],
        ['ditindaklanjuti', 'auditor.rina'],
        ['ditutup', 'auditor.rina'],
      ],
    );
    for (const f of closed.followUps) assert.ok(!Number.isNaN(Date.parse(f.at)), 'each follow-up has its time');
    const after = await apip.post(`/api/complaints/${complaintId}/follow-ups`, {
      kind: 'ditindaklanjuti',
      activity: 'audit',
      note: 'Audit setelah ditutup, seharusnya ditolak.',
    });
    assert.equal(after.status, 409);
    assert.equal(after.body.error.code, 'complaint_closed');
    // Only the APIP records follow-ups.
    const byPokja = await http.as('pokja.sari').post(`/api/complaints/${complaintId}/follow-ups`, { kind: 'diterima', note: 'Pokja mencoba menindaklanjuti.' });
    assert.equal(byPokja.status, 403);
  });

  test('Pasal 77: the filer sees the follow-ups with the APIP named by role only', { timeout: 60_000 }, async () => {
    const got = expectStatus(await http.as('vendor.karya').get(`/api/complaints/${complaintId}`), 200);
    conforms('get', '/api/complaints/{cid}', got);
    const c = got.body;
    assert.equal(c.status, 'ditutup');
    assert.equal(c.followUps.length, 3);
    for (const f of c.followUps) {
      assert.equal(f.officer.name, 'APIP');
      assert.equal(f.officer.id, undefined);
    }
    assert.ok(!JSON.stringify(c).includes('auditor.rina'), 'no APIP officer id in the filer view');
  });

  test('Pasal 77: the package officers see the complaint and its status, never the filer; another vendor sees nothing', { timeout: 60_000 }, async () => {
    const pokja = expectStatus(await http.as('pokja.sari').get(route(tenderId)), 200);
    assert.equal(pokja.body.seesAll, true);
    conforms('get', '/api/packages/{id}/complaints', pokja);
    const n = pokja.body.notices.find((x: { id: string }) => x.id === complaintId);
    assert.ok(n, 'the officer sees the complaint exists');
    assert.equal(n.status, 'ditutup');
    assert.equal(n.reason, undefined, 'no reason either: di_luar_masa_sanggah would point at a losing bidder');
    for (const secret of [
      'vendor.karya',
      'vendor.cisadane',
      complaintBody.subject,
      complaintBody.attachmentRef,
      'PT Karya',
      'di_luar_masa_sanggah',
      'bukan_peserta',
    ]) {
      assert.ok(!pokja.text.includes(secret), `the officer's answer does not carry ${secret}`);
    }
    assert.equal((await http.as('pokja.sari').get(`/api/complaints/${complaintId}`)).status, 404);

    const tirta = http.as('vendor.tirta');
    const own = expectStatus(await tirta.get(route(tenderId)), 200).body;
    assert.equal(own.seesAll, false);
    assert.deepEqual(own.notices, []);
    assert.deepEqual(own.mine, []);
    const one = await tirta.get(`/api/complaints/${complaintId}`);
    assert.equal(one.status, 404);
    assert.equal(one.body.error.code, 'complaint_not_found');
    conforms('get', '/api/complaints/{cid}', one);
    assert.equal(expectStatus(await tirta.get('/api/complaints'), 200).body.data.length, 0);
    // A Pokja member not assigned to the package sees no notices.
    assert.equal(expectStatus(await http.as('pokja.maya').get(route(tenderId)), 200).body.seesAll, false);
  });

  test('Pasal 76: the complaint events are append-only and hash-chained', async () => {
    const rows = await db('complaint_events').where({ complaint_id: complaintId }).orderBy('seq');
    assert.deepEqual(
      rows.map((r) => r.kind),
      ['diajukan', 'diterima', 'ditindaklanjuti', 'ditutup'],
    );
    const events = rows.map((r) => ({
      complaintId,
      seq: Number(r.seq),
      kind: r.kind,
      at: r.at.getTime(),
      actorId: r.actor_id,
      actorRole: r.actor_role,
      note: r.note,
      details: r.details,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    assert.equal(brokenAt(events), null);
    assert.equal(brokenAt(events.map((e) => (e.seq === 2 ? { ...e, note: 'diubah' } : e))), 2);
    await assert.rejects(db('complaint_events').where({ complaint_id: complaintId, seq: 1 }).update({ note: 'x' }), /append-only/);
    await assert.rejects(db('complaint_events').where({ complaint_id: complaintId }).delete(), /append-only/);
  });

  test(
    'Pasal 77: Tender Cepat has no sanggah: the sanggah is refused with the pointer, the complaint is metode_tanpa_sanggah',
    { timeout: 90_000 },
    async () => {
      const body = tenderCepatBody(`Tender cepat pengaduan ${randomBytes(3).toString('hex')}`, YEAR);
      const id = await createPrepared(http, body, started);
      const sanggah = await http.as('vendor.tirta').step(id, 'file_objection', { cause: 'other', reason: 'Keberatan atas tender cepat ini.' });
      assert.equal(sanggah.status, 404, sanggah.text);
      assert.equal(errorOf(sanggah).code, 'unknown_task');
      assert.equal(errorOf(sanggah).details.complaint, route(id));
      const c = await http.as('vendor.tirta').post(route(id), {
        subject: 'Spesifikasi mengarah ke satu merek',
        description: 'Spesifikasi teknis menyebut tipe yang hanya dimiliki satu merek tertentu; lihat lampiran spesifikasi.',
      });
      assert.equal(c.status, 201, c.text);
      assert.equal(c.body.reason, 'metode_tanpa_sanggah');
      // Unknown package: 404 in Bahasa.
      const none = await http
        .as('vendor.tirta')
        .post(route('pkt-tidakada00'), { subject: 'Paket tidak ada', description: 'Paket ini tidak ada sehingga harus ditolak.' });
      assert.equal(none.status, 404);
      assert.equal(none.body.error.code, 'package_not_found');
    },
  );
});

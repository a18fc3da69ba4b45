/**
 * Validation details reach the user in Bahasa Indonesia, never in the libraries' English (issue 13 point 15): the
 * engine's payload validation (@cfworker/json-schema, worded again by domain/process/schema-messages.ts) and the
 * API's request validation (zod with its Indonesian locale under api/zod-messages.ts), the limits quoted. Hostile
 * bodies go through a real Express app with the API's own error handler and request schemas.
 */
import express from 'express';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { errorHandler, parseOr422 } from '../api/errors';
import { CreatePackageBody, TaskBody } from '../api/schemas';
import { wibDateTime } from '../domain/calendar/working-time';
import { StepRefused } from '../domain/process/errors';
import { payloadIssues } from '../domain/process/schema-messages';
import type { ActorRef } from '../domain/process/state';
import { Validator } from '@cfworker/json-schema';
import { getDefinition } from '../workflows/definitions';
import { SealingPackageProcess as PackageProcess } from './support/pure-sealing';
import { paKpa, ppk, tenderInput } from './support/tender-fixture';

/** Words of the libraries' English messages; none may reach a user. */
const ENGLISH = /\b(Instance|String is|does not|Property|Expected|expected|received|Invalid|Unrecognized|Too (small|big)|must|match)\b/;

function assertBahasa(messages: string[]): void {
  assert.ok(messages.length > 0);
  for (const m of messages) assert.doesNotMatch(m, ENGLISH, m);
}

describe('engine payload validation in Bahasa Indonesia', () => {
  const head: ActorRef = { id: 'ukpbj-1', name: 'Kepala UKPBJ', roles: ['kepala_ukpbj'], org: 'ukpbj' };
  const process = () => {
    const base = tenderInput('pkt-lsmsg01');
    return new PackageProcess(
      {
        ...base,
        definition: getDefinition('penunjukan-langsung')!,
        facts: { ...base.facts, fiscalYear: 2057, category: 'barang', pagu: 150_000_000, hps: 140_000_000 },
        assignments: { ppk: [ppk.id], kepala_ukpbj: [head.id], pa_kpa: [paKpa.id] },
      },
      wibDateTime(2057, 1, 8, 9, 0),
    );
  };

  test('a hostile justification is refused with every problem named in Bahasa, the limits quoted', () => {
    const p = process();
    let e: unknown;
    try {
      p.perform(
        {
          action: 'justify',
          actor: ppk,
          payload: { circumstance: 'z', vendorId: 42, reason: 'pendek', repeatOrderNumber: 1.5, sisipan: '<script>' },
        },
        wibDateTime(2057, 1, 8, 10, 0),
      );
    } catch (x) {
      e = x;
    }
    assert.ok(e instanceof StepRefused);
    assert.equal(e.status, 422);
    assert.equal(e.code, 'invalid_payload');
    const errors = e.details.errors as { path: string; message: string }[];
    const byPath = Object.fromEntries(errors.map((x) => [x.path, x.message]));
    assert.match(byPath['#/circumstance']!, /^harus salah satu dari: 'a', 'b', .*'konsultansi_d'$/);
    assert.equal(byPath['#/vendorId'], 'harus teks');
    assert.equal(byPath['#/reason'], 'minimal 10 karakter');
    assert.equal(byPath['#/repeatOrderNumber'], 'harus bilangan bulat');
    assert.equal(byPath['#/sisipan'], "isian tidak dikenal: 'sisipan'");
    assertBahasa(errors.map((x) => x.message));
  });

  test('every keyword the definitions use is worded in Bahasa with its limit', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['a'],
      properties: {
        a: { type: 'string', maxLength: 3 },
        n: { type: 'integer', minimum: 1, maximum: 1_000_000_000 },
        d: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        list: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true, items: { type: 'string' } },
        c: { const: true },
        m: { type: 'object', additionalProperties: { type: 'integer' }, minProperties: 1 },
      },
    };
    const v = new Validator(schema as never, '2020-12', false);
    const issues = payloadIssues(v.validate({ a: 'abcd', n: 2_000_000_000, d: '7/1/2057', list: ['x', 'x', 'y'], c: false, m: { x: 'y' } }).errors, schema);
    assert.deepEqual(issues, [
      { path: '#/a', message: 'maksimal 3 karakter' },
      { path: '#/n', message: 'paling besar 1.000.000.000' },
      { path: '#/d', message: 'format tidak sesuai (pola ^\\d{4}-\\d{2}-\\d{2}$)' },
      { path: '#/list', message: 'maksimal 2 butir' },
      { path: '#/list', message: 'butir tidak boleh berulang' },
      { path: '#/c', message: 'harus bernilai true' },
      { path: '#/m/x', message: 'harus bilangan bulat' },
    ]);
    assert.deepEqual(payloadIssues(v.validate([]).errors, schema), [{ path: '#', message: 'harus objek' }]);
    assert.deepEqual(payloadIssues(v.validate({ m: {} }).errors, schema), [
      { path: '#/a', message: "isian wajib belum diisi: 'a'" },
      { path: '#/m', message: 'minimal 1 isian' },
    ]);
  });
});

describe('API request validation in Bahasa Indonesia (zod, real Express app and error handler)', () => {
  let server: Server;
  let base: string;
  before(async () => {
    const app = express();
    app.use(express.json());
    app.post('/paket', (req, res) => res.json(parseOr422(CreatePackageBody, req.body, 'paket')));
    app.post('/langkah', (req, res) => res.json(parseOr422(TaskBody, req.body, 'langkah')));
    app.use(errorHandler);
    server = app.listen(0);
    await new Promise<void>((r) => server.once('listening', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return {
      status: r.status,
      body: (await r.json()) as { error: { code: string; message: string; details: { issues: { path: string; message: string }[] } } },
    };
  };

  test('a hostile package body: each field refused in Bahasa, the limits quoted, unknown fields named', async () => {
    const r = await post('/paket', {
      title: 'abc',
      opd: 'Dinas PUPR',
      category: 'senjata',
      method: 'penunjukan-langsung',
      pagu: 1.5,
      hps: 0,
      fiscalYear: '2057',
      paKpa: 'kpa.hendra',
      __sisipan: true,
    });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'validation_failed');
    const byPath = Object.fromEntries(r.body.error.details.issues.map((i) => [i.path, i.message]));
    assert.equal(byPath.title, 'minimal 5 karakter');
    assert.equal(byPath.workUnit, 'wajib diisi');
    assert.equal(byPath.category, "harus salah satu dari: 'barang', 'pekerjaan_konstruksi', 'jasa_konsultansi', 'jasa_lainnya'");
    assert.equal(byPath.pagu, 'harus bilangan bulat');
    assert.equal(byPath.hps, 'harus lebih besar dari 0');
    assert.equal(byPath.fiscalYear, 'harus angka');
    assert.equal(byPath[''], "isian tidak dikenal: '__sisipan'");
    assertBahasa(r.body.error.details.issues.map((i) => i.message));
  });

  test("limits are quoted as people read them; a schema's own message stays", async () => {
    const r = await post('/paket', {
      title: 'x'.repeat(501),
      opd: 'Dinas PUPR',
      workUnit: 'Bidang SDA',
      category: 'barang',
      method: 'penunjukan-langsung',
      pagu: 100_000_000,
      hps: 9_000_000_000_000_001,
      fiscalYear: 2101,
      paKpa: 'kpa hendra',
    });
    const byPath = Object.fromEntries(r.body.error.details.issues.map((i) => [i.path, i.message]));
    assert.equal(byPath.title, 'maksimal 500 karakter');
    const hps = r.body.error.details.issues.filter((i) => i.path === 'hps').map((i) => i.message);
    assert.ok(hps.includes('paling besar 9.000.000.000.000.000'), hps.join('; '));
    assert.equal(byPath.fiscalYear, 'paling besar 2100');
    assert.equal(byPath.paKpa, 'id pengguna tidak sah');
    assertBahasa(r.body.error.details.issues.map((i) => i.message));
  });

  test('a step body with an unknown field or a wrong type', async () => {
    const unknown = await post('/langkah', { payload: {}, aksi: 'x' });
    assert.deepEqual(unknown.body.error.details.issues, [{ path: '', message: "isian tidak dikenal: 'aksi'", code: 'unrecognized_keys' }]);
    const wrong = await post('/langkah', { payload: 'harga=1' });
    assert.equal(wrong.body.error.details.issues[0]?.message, 'harus objek');
  });
});

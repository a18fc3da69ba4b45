/**
 * Generated contract documents (E-Kontrak): the contract form by value and category (Perpres 16/2018 Pasal 28),
 * rupiah formatting, deterministic PDF rendering, idempotent storage in the test PostgreSQL, the generateDocument
 * service, and the download routes on a bare Express app.
 *
 * The pure parts run anywhere; the database parts need the services bin/test.ts starts
 * (`npx tsx bin/test.ts documents`) and fail, rather than skip, without them.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import type { Knex } from 'knex';
import { renderPdf } from '../activities/documents/render-pdf';
import { getDocument, listDocuments, storeDocument } from '../db/queries/documents';
import { documentServices } from '../activities/services/documents';
import type { ServiceContext } from '../activities/services/index';
import { documentRoutes } from '../api/routes/documents';
import { errorHandler } from '../api/errors';
import { createDb } from '../db/connection';
import { DOCUMENT_KINDS, contractForm, documentContent, formatRupiah, terbilang } from '../domain/documents/content';
import { testServices } from './support/services';

const JUTA = 1_000_000;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const AT = new Date(Date.UTC(2027, 0, 1));

const DATA = {
  package: {
    title: 'Pembangunan Gedung Puskesmas Sukamaju',
    opd: 'Dinas Kesehatan',
    workUnit: 'Bidang Sarana dan Prasarana',
    category: 'pekerjaan_konstruksi',
    pagu: 1_500 * JUTA,
    hps: 1_300 * JUTA,
    fiscalYear: 2027,
  },
  contract: {
    number: 'KTR/027/DINKES/2027',
    value: 1_250 * JUTA,
    providerId: 'penyedia.maju',
    providerName: 'PT Maju Jaya',
    startDate: '2027-02-01',
    durationDays: 120,
  },
  sppbj: { number: 'SPPBJ/011/2027' },
  spmk: { number: 'SPMK/004/2027', startDate: '2027-02-03' },
  handover: { number: 'BAST/001/2027', date: '2027-06-01' },
};

describe('contractForm (Perpres 16/2018 Pasal 28)', () => {
  test('jasa konsultansi: SPK up to Rp100.000.000, Surat Perjanjian one rupiah over', () => {
    assert.equal(contractForm('jasa_konsultansi', 0), 'spk');
    assert.equal(contractForm('jasa_konsultansi', 100 * JUTA), 'spk');
    assert.equal(contractForm('jasa_konsultansi', 100 * JUTA + 1), 'surat_perjanjian');
  });

  test('barang, pekerjaan konstruksi, jasa lainnya: SPK up to Rp200.000.000, Surat Perjanjian one rupiah over', () => {
    for (const c of ['barang', 'pekerjaan_konstruksi', 'jasa_lainnya'] as const) {
      assert.equal(contractForm(c, 100 * JUTA + 1), 'spk', c);
      assert.equal(contractForm(c, 200 * JUTA), 'spk', c);
      assert.equal(contractForm(c, 200 * JUTA + 1), 'surat_perjanjian', c);
    }
  });

  test('refuses non-integer, negative values and unknown categories', () => {
    assert.throws(() => contractForm('barang', 1.5), RangeError);
    assert.throws(() => contractForm('barang', -1), RangeError);
    assert.throws(() => contractForm('constructor' as never, 1), RangeError);
  });

  test('the kontrak document takes its title from the form', () => {
    const at = (category: string, value: number) =>
      documentContent('kontrak', { package: { category }, contract: { value } }, { packageId: 'pkt-aaaaaaaa', revision: 1 }).title;
    assert.equal(at('jasa_konsultansi', 100 * JUTA), 'Surat Perintah Kerja (SPK)');
    assert.equal(at('jasa_konsultansi', 100 * JUTA + 1), 'Surat Perjanjian');
    assert.equal(at('barang', 200 * JUTA), 'Surat Perintah Kerja (SPK)');
    assert.equal(at('barang', 200 * JUTA + 1), 'Surat Perjanjian');
  });
});

describe('formatRupiah and terbilang', () => {
  test('dot thousands, no decimals', () => {
    assert.equal(formatRupiah(0), 'Rp0');
    assert.equal(formatRupiah(999), 'Rp999');
    assert.equal(formatRupiah(1000), 'Rp1.000');
    assert.equal(formatRupiah(1_250_000_000), 'Rp1.250.000.000');
    assert.equal(formatRupiah(-1_500), '-Rp1.500');
    assert.equal(formatRupiah(9_007_199_254_740_991), 'Rp9.007.199.254.740.991');
  });

  test('refuses what is not a safe integer', () => {
    assert.throws(() => formatRupiah(0.5), RangeError);
    assert.throws(() => formatRupiah(Number.NaN), RangeError);
    assert.throws(() => formatRupiah(2 ** 53), RangeError);
  });

  test('amount in words', () => {
    assert.equal(terbilang(0), 'nol rupiah');
    assert.equal(terbilang(11), 'sebelas rupiah');
    assert.equal(terbilang(1_000), 'seribu rupiah');
    assert.equal(terbilang(1_115), 'seribu seratus lima belas rupiah');
    assert.equal(terbilang(200_000_001), 'dua ratus juta satu rupiah');
    assert.equal(terbilang(1_250_000_000), 'satu miliar dua ratus lima puluh juta rupiah');
  });
});

describe('documentContent', () => {
  test('every kind has a title, a number line and the package facts; missing values print as "-"', () => {
    for (const kind of DOCUMENT_KINDS) {
      const c = documentContent(kind, DATA, { packageId: 'pkt-aaaaaaaa', revision: 2 });
      assert.ok(c.title, kind);
      assert.equal(c.fileName, `${kind}-pkt-aaaaaaaa-r2.pdf`);
      assert.match(c.heading.at(-1)!, /^Nomor: /, kind);
      assert.ok(
        c.sections.some((s) => s.label === 'Nama Paket' && s.value === DATA.package.title),
        kind,
      );
      assert.ok(c.paragraphs.length > 0, kind);
      const empty = documentContent(kind, {}, { packageId: 'pkt-aaaaaaaa', revision: 1 });
      assert.ok(
        empty.sections.some((s) => s.value === '-'),
        kind,
      );
    }
    const sppbj = documentContent('sppbj', DATA, { packageId: 'pkt-aaaaaaaa', revision: 1 });
    assert.equal(sppbj.heading.at(-1), 'Nomor: SPPBJ/011/2027');
    const kontrak = documentContent('kontrak', DATA, { packageId: 'pkt-aaaaaaaa', revision: 1 });
    assert.equal(kontrak.title, 'Surat Perjanjian');
    assert.ok(kontrak.sections.some((s) => s.value === 'Rp1.250.000.000 (satu miliar dua ratus lima puluh juta rupiah)'));
    assert.ok(kontrak.sections.some((s) => s.label === 'Jangka Waktu Pelaksanaan' && s.value === '120 hari kalender'));
  });
});

describe('renderPdf', () => {
  const content = (value: number) => documentContent('kontrak', { ...DATA, contract: { ...DATA.contract, value } }, { packageId: 'pkt-aaaaaaaa', revision: 1 });

  test('is a PDF and is byte-identical for the same content and time', async () => {
    const a = await renderPdf(content(1_250 * JUTA), { createdAt: AT, subject: 'pkt-aaaaaaaa:kontrak:1' });
    await new Promise((r) => setTimeout(r, 1_100)); // a clock read anywhere would now differ by a second
    const b = await renderPdf(content(1_250 * JUTA), { createdAt: AT, subject: 'pkt-aaaaaaaa:kontrak:1' });
    assert.equal(a.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(a.subarray(-6).toString('latin1'), /%%EOF\s*$/);
    assert.equal(sha(a), sha(b));
    assert.ok(a.equals(b));
    assert.ok(!a.includes(sha(a)), 'the hash is not inside the file');
  });

  test('different content or time gives a different hash', async () => {
    const base = await renderPdf(content(1_250 * JUTA), { createdAt: AT });
    const otherValue = await renderPdf(content(1_250 * JUTA + 1), { createdAt: AT });
    const otherTime = await renderPdf(content(1_250 * JUTA), { createdAt: new Date(Date.UTC(2028, 0, 1)) });
    assert.notEqual(sha(base), sha(otherValue));
    assert.notEqual(sha(base), sha(otherTime));
  });

  test('refuses an invalid time', async () => {
    await assert.rejects(renderPdf(content(1), { createdAt: new Date(Number.NaN) }), TypeError);
  });
});

describe('documents in PostgreSQL, the generateDocument service and the download routes', () => {
  let db: Knex;
  let server: Server;
  let baseUrl: string;
  const suffix = randomBytes(6).toString('hex');
  const pkgWithDocs = `pkt-docs${suffix}`; // no packages row: documents may arrive first
  const pkgEmpty = `pkt-empty${suffix}`; // a packages row, no documents
  const pkgNone = `pkt-none${suffix}`; // neither

  before(async () => {
    db = createDb(testServices().databaseUrl, { pool: { min: 0, max: 2 } });
    const now = new Date();
    await db('packages').insert({
      id: pkgEmpty,
      workflow_id: `paket-${pkgEmpty}`,
      title: 'Paket uji dokumen',
      opd: 'Dinas Uji',
      work_unit: 'Satker Uji',
      category: 'barang',
      method: 'tender',
      definition_id: 'uji-dokumen',
      definition_version: 1,
      fiscal_year: 2027,
      pagu: 100 * JUTA,
      hps: 90 * JUTA,
      status: 'active',
      stage_id: 'draft',
      stage_name: 'Draft',
      created_by: 'uji',
      created_at: now,
      updated_at: now,
    });
    const app = express();
    app.use(express.json());
    app.use('/api/packages/:id/documents', documentRoutes(db));
    app.use(errorHandler);
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s)).on('error', reject);
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    if (server) {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    }
    if (db) {
      await db('documents').whereIn('package_id', [pkgWithDocs, pkgEmpty, pkgNone]).delete();
      await db('packages').where({ id: pkgEmpty }).delete();
      await db.destroy();
    }
  });

  test('storeDocument is idempotent: one row, and every call reports the hash of the first bytes', async () => {
    const first = Buffer.from('%PDF-1.7 first');
    const second = Buffer.from('%PDF-1.7 second, longer');
    const doc = { packageId: pkgWithDocs, kind: 'sppbj', revision: 1, title: 'SPPBJ', fileName: 'sppbj.pdf' };
    const a = await storeDocument(db, { ...doc, content: first });
    const b = await storeDocument(db, { ...doc, content: second });
    assert.deepEqual(a, { id: `${pkgWithDocs}:sppbj:1`, kind: 'sppbj', revision: 1, sha256: sha(first), size: first.length, fileName: 'sppbj.pdf' });
    assert.deepEqual(b, a);
    const rows = await db('documents').where({ package_id: pkgWithDocs, kind: 'sppbj' });
    assert.equal(rows.length, 1);
    const stored = await getDocument(db, pkgWithDocs, a.id);
    assert.ok(stored?.content.equals(first));
    assert.equal(await getDocument(db, pkgEmpty, a.id), null, 'a document is read only under its own package');
  });

  test('generateDocument renders, stores and returns only the reference and hash; retries give the same row', async () => {
    const generateDocument = documentServices(db).generateDocument!;
    const ctx = (args: Record<string, unknown>, data: Record<string, unknown> = DATA) =>
      ({ packageId: pkgWithDocs, node: 'contract_signing', service: 'generateDocument', args, data }) as unknown as ServiceContext;

    const r1 = (await generateDocument(ctx({ kind: 'kontrak' }))) as Record<string, unknown>;
    assert.deepEqual(Object.keys(r1).sort(), ['documentId', 'fileName', 'kind', 'revision', 'sha256', 'size']);
    assert.equal(r1.documentId, `${pkgWithDocs}:kontrak:1`);
    assert.equal(r1.revision, 1);
    assert.match(String(r1.sha256), /^[0-9a-f]{64}$/);
    const again = await generateDocument(ctx({ kind: 'kontrak' }));
    assert.deepEqual(again, r1, 'a retry renders the same bytes and finds the row');
    const stored = await getDocument(db, pkgWithDocs, String(r1.documentId));
    assert.equal(sha(stored!.content), r1.sha256);
    assert.equal(stored!.content.subarray(0, 5).toString('latin1'), '%PDF-');

    const withRevision = { ...DATA, contract: { ...DATA.contract, revision: 2 } };
    const r2 = (await generateDocument(ctx({ kind: 'kontrak', revisionPath: 'contract.revision' }, withRevision))) as Record<string, unknown>;
    assert.equal(r2.documentId, `${pkgWithDocs}:kontrak:2`);
    assert.notEqual(r2.sha256, r1.sha256);

    await assert.rejects(
      Promise.resolve().then(() => generateDocument(ctx({ kind: 'faktur' }))),
      (e: Error & { type?: string; nonRetryable?: boolean }) => {
        assert.equal(e.type, 'BadServiceArgs');
        assert.equal(e.nonRetryable, true);
        return true;
      },
    );
    await assert.rejects(
      Promise.resolve().then(() => generateDocument(ctx({ kind: 'kontrak', revisionPath: 'contract.number' }))),
      (e: Error & { type?: string }) => e.type === 'BadServiceArgs',
    );
  });

  test('GET / lists metadata ordered by kind and revision', async () => {
    const res = await fetch(`${baseUrl}/api/packages/${pkgWithDocs}/documents`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { data: Record<string, unknown>[] };
    assert.deepEqual(
      body.data.map((i) => i.id),
      [`${pkgWithDocs}:kontrak:1`, `${pkgWithDocs}:kontrak:2`, `${pkgWithDocs}:sppbj:1`],
    );
    const listed = await listDocuments(db, pkgWithDocs);
    assert.equal(listed.length, 3);
    const item = body.data[0]!;
    assert.deepEqual(Object.keys(item).sort(), ['createdAt', 'downloadUrl', 'fileName', 'id', 'kind', 'revision', 'sha256', 'size', 'title']);
    assert.equal(item.kind, 'kontrak');
    assert.equal(item.title, 'Surat Perjanjian');
    assert.equal(item.fileName, `kontrak-${pkgWithDocs}-r1.pdf`);
    assert.ok(!Number.isNaN(Date.parse(String(item.createdAt))));
    assert.equal(item.downloadUrl, `/api/packages/${pkgWithDocs}/documents/${encodeURIComponent(String(item.id))}`);

    const empty = await fetch(`${baseUrl}/api/packages/${pkgEmpty}/documents`);
    assert.equal(empty.status, 200);
    assert.deepEqual(await empty.json(), { data: [] });
  });

  test('GET /:docId sends the stored bytes with their hash', async () => {
    const list = (await (await fetch(`${baseUrl}/api/packages/${pkgWithDocs}/documents`)).json()) as {
      data: { id: string; sha256: string; size: number; fileName: string; downloadUrl: string }[];
    };
    const item = list.data[0]!;
    const res = await fetch(baseUrl + item.downloadUrl);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="${item.fileName}"`);
    assert.equal(res.headers.get('etag'), `"${item.sha256}"`);
    assert.equal(res.headers.get('x-content-sha256'), item.sha256);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.length, item.size);
    assert.equal(sha(bytes), item.sha256);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');

    // The id also works unencoded, and a matching If-None-Match gets 304 (node:http, because fetch adds
    // `Cache-Control: no-cache` to conditional requests, which rightly disables the check).
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get(`${baseUrl}/api/packages/${pkgWithDocs}/documents/${item.id}`, { headers: { 'If-None-Match': `"${item.sha256}"` } }, (r) => {
          r.resume();
          r.on('end', () => resolve(r.statusCode));
        })
        .on('error', reject);
    });
    assert.equal(status, 304);
  });

  test('404s and 422s have the structured error body', async () => {
    const get = async (path: string) => {
      const res = await fetch(baseUrl + path);
      return { status: res.status, body: (await res.json()) as { error: { code: string; message: string; details: Record<string, unknown> } } };
    };
    const noDoc = await get(`/api/packages/${pkgWithDocs}/documents/${pkgWithDocs}:spmk:1`);
    assert.equal(noDoc.status, 404);
    assert.equal(noDoc.body.error.code, 'document_not_found');
    assert.equal(typeof noDoc.body.error.message, 'string');
    assert.deepEqual(noDoc.body.error.details, { packageId: pkgWithDocs, documentId: `${pkgWithDocs}:spmk:1` });

    const otherPackage = await get(`/api/packages/${pkgEmpty}/documents/${pkgWithDocs}:kontrak:1`);
    assert.equal(otherPackage.status, 404);
    assert.equal(otherPackage.body.error.code, 'document_not_found');

    const noPackage = await get(`/api/packages/${pkgNone}/documents`);
    assert.equal(noPackage.status, 404);
    assert.equal(noPackage.body.error.code, 'package_not_found');
    assert.deepEqual(noPackage.body.error.details, { packageId: pkgNone });

    const badDoc = await get(`/api/packages/${pkgWithDocs}/documents/${encodeURIComponent('a.b')}`);
    assert.equal(badDoc.status, 422);
    assert.equal(badDoc.body.error.code, 'validation_failed');
    const longDoc = await get(`/api/packages/${pkgWithDocs}/documents/${'a'.repeat(201)}`);
    assert.equal(longDoc.status, 422);

    const badPackage = await get('/api/packages/PKT-1/documents');
    assert.equal(badPackage.status, 422);
    assert.equal(badPackage.body.error.code, 'validation_failed');
  });
});

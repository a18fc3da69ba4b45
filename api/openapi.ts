/**
 * The OpenAPI 3.1 document, generated from the zod schemas that validate requests and from the payload schemas of
 * every process definition (each step's body is documented with the schema its validator enforces).
 */
import { z } from 'zod';
import { actionsOf } from '../domain/process/definition';
import { FLAG_CODES } from '../domain/monitoring/red-flags';
import { listDefinitions } from '../workflows/definitions';
// Imported for their registration in zod's global registry (`.meta({ id })`).
import './errors';
import './schemas';

/** Every schema registered with `.meta({ id })` becomes a component; references between them stay references. */
function componentSchemas(): Record<string, Record<string, unknown>> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...rest }]) => [id, rest as Record<string, unknown>]),
  );
}
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string) => ({ 'application/json': { schema: ref(id) } });
const errors = Object.fromEntries(
  [
    ['400', 'Permintaan rusak (JSON tidak sah)'],
    ['401', 'Tanpa token atau token tidak sah'],
    ['403', 'Peran tidak berwenang atau tidak ditugaskan'],
    ['404', 'Tidak ditemukan'],
    ['409', 'Bukan tahap saat ini, atau jendela waktu sudah ditutup'],
    ['422', 'Isian tidak valid'],
  ].map(([code, description]) => [code, { description, content: json('Error') }]),
);

function stepPayloads() {
  const out: Record<string, unknown> = {};
  for (const d of listDefinitions()) {
    for (const n of d.nodes) {
      for (const a of actionsOf(n)) out[`${d.id}.v${d.version}.${a.id}`] = { ...a.payload, description: `${a.name} (${n.name})` };
    }
    for (const i of d.interrupts ?? []) out[`${d.id}.v${d.version}.${i.action.id}`] = { ...i.action.payload, description: i.action.name };
  }
  return out;
}

/**
 * /api/ocds: OCDS 1.1.5 publication, public (no token). Bodies are OCDS release or record packages
 * (https://standard.open-contracting.org/schema/1__1__5/), validated in tests against the official schemas.
 */
function ocdsPaths() {
  const ocdsJson = (schema: string) => ({ 'application/json': { schema: { $ref: `https://standard.open-contracting.org/schema/1__1__5/${schema}` } } });
  const pageParams = (max: number) => [
    { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100_000 } },
    { name: 'pageSize', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: max } },
  ];
  const fiscalYear = (where: 'path' | 'query') => ({ name: 'fiscalYear', in: where, required: true, schema: { type: 'integer', minimum: 2000, maximum: 2100 } });
  const paged = 'Berhalaman: header Link (rel="next"/"prev") dan X-Total-Count.';
  return {
    '/api/ocds/releases': {
      get: {
        security: [],
        summary: 'Publik (tanpa token): OCDS release package semua rilis satu paket (satu rilis per perubahan yang dipublikasikan)',
        description: paged,
        parameters: [{ name: 'packageId', in: 'query', required: true, schema: { type: 'string', pattern: '^pkt-[a-z0-9]{8,40}$' } }, ...pageParams(500)],
        responses: { 200: { description: 'Release package', content: ocdsJson('release-package-schema.json') }, ...errors },
      },
    },
    '/api/ocds/releases/{releaseId}': {
      get: {
        security: [],
        summary: 'Publik (tanpa token): OCDS release package berisi satu rilis (id `{ocid}-{seq}`, kontrak `{ocid}-k{n}-{seq}`)',
        parameters: [{ name: 'releaseId', in: 'path', required: true, schema: { type: 'string', maxLength: 120 } }],
        responses: { 200: { description: 'Release package', content: ocdsJson('release-package-schema.json') }, ...errors },
      },
    },
    '/api/ocds/records': {
      get: {
        security: [],
        summary: 'Publik (tanpa token): OCDS record package paket-paket satu tahun anggaran (rilis, compiled release, versioned release)',
        description: paged,
        parameters: [fiscalYear('query'), ...pageParams(50)],
        responses: { 200: { description: 'Record package', content: ocdsJson('record-package-schema.json') }, ...errors },
      },
    },
    '/api/ocds/records/{ocid}': {
      get: {
        security: [],
        summary: 'Publik (tanpa token): OCDS record package satu proses pengadaan (ocid = prefiks OCID_PREFIX + id paket)',
        parameters: [{ name: 'ocid', in: 'path', required: true, schema: { type: 'string', maxLength: 60 } }],
        responses: { 200: { description: 'Record package', content: ocdsJson('record-package-schema.json') }, ...errors },
      },
    },
    '/api/ocds/export/{fiscalYear}': {
      get: {
        security: [],
        summary: 'Publik (tanpa token): ekspor massal satu tahun anggaran sebagai satu release package (atau record package), dialirkan (streamed)',
        parameters: [
          fiscalYear('path'),
          { name: 'kind', in: 'query', required: false, schema: { type: 'string', enum: ['releases', 'records'] } },
        ],
        responses: { 200: { description: 'Release package atau record package', content: ocdsJson('release-package-schema.json') }, ...errors },
      },
    },
  };
}

export function buildOpenApi() {
  const components = componentSchemas();
  const querySchema = components.ListPackagesQuery as { properties: Record<string, unknown> };
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^pkt-[a-z0-9]{8,40}$' } };
  const idemHeader = { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 8, maxLength: 200 } };
  return {
    openapi: '3.1.0',
    info: { title: 'Pengadaan API', version: '0.1.0', description: 'Mesin alur kerja e-procurement pemerintah (LPSE/UKPBJ).' },
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      'x-step-payloads': stepPayloads(),
    },
    security: [{ bearer: [] }],
    paths: {
      '/health': { get: { security: [], summary: 'Kesehatan layanan', responses: { 200: { description: 'OK', content: json('Health') }, 503: { description: 'Terganggu', content: json('Health') } } } },
      '/api/packages': {
        post: {
          summary: 'Buat paket dan mulai prosesnya (PPK)',
          parameters: [idemHeader],
          requestBody: { required: true, content: json('CreatePackage') },
          responses: { 201: { description: 'Paket dibuat' }, ...errors },
        },
        get: {
          summary: 'Daftar paket',
          parameters: Object.entries(querySchema.properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s })),
          responses: { 200: { description: 'Daftar', content: json('PackageList') }, ...errors },
        },
      },
      '/api/packages/{id}': {
        get: { summary: 'Detail paket', parameters: [idParam], responses: { 200: { description: 'Detail', content: json('PackageDetail') }, ...errors } },
      },
      '/api/packages/{id}/tasks/{taskId}': {
        post: {
          summary: 'Lakukan langkah (pejabat atau penyedia)',
          description: 'Skema `payload` per langkah ada di components.x-step-payloads.',
          parameters: [idParam, { name: 'taskId', in: 'path', required: true, schema: { type: 'string' } }, idemHeader],
          requestBody: { required: true, content: json('TaskRequest') },
          responses: { 200: { description: 'Langkah diterima; keadaan baru', content: json('PackageState') }, ...errors },
        },
      },
      '/api/packages/{id}/contract': {
        get: {
          summary: 'Kontrak elektronik (E-Kontrak) paket: nilai, pembayaran, serapan anggaran, kemajuan fisik, kurva S, adendum, dokumen',
          parameters: [idParam],
          responses: { 200: { description: 'Kontrak' }, ...errors },
        },
      },
      '/api/packages/{id}/contract/payments': { get: { summary: 'Pembayaran kontrak (rupiah bulat)', parameters: [idParam], responses: { 200: { description: 'Daftar' }, ...errors } } },
      '/api/packages/{id}/contract/progress': { get: { summary: 'Laporan kemajuan dan kurva S (rencana vs realisasi per periode)', parameters: [idParam], responses: { 200: { description: 'Kemajuan' }, ...errors } } },
      '/api/packages/{id}/contract/addenda': { get: { summary: 'Adendum kontrak', parameters: [idParam], responses: { 200: { description: 'Daftar' }, ...errors } } },
      '/api/packages/{id}/contract/documents': { get: { summary: 'Dokumen kontrak (PDF) dengan SHA-256', parameters: [idParam], responses: { 200: { description: 'Daftar' }, ...errors } } },
      '/api/packages/{id}/contract/tasks/{taskId}': {
        post: {
          summary: 'Lakukan langkah kontrak (rancangan, tanda tangan atas hash dokumen, laporan, pembayaran, adendum, serah terima)',
          parameters: [idParam, { name: 'taskId', in: 'path', required: true, schema: { type: 'string' } }, idemHeader],
          requestBody: { required: true, content: json('TaskRequest') },
          responses: { 200: { description: 'Langkah diterima; keadaan baru kontrak', content: json('PackageState') }, ...errors },
        },
      },
      '/api/packages/{id}/documents': { get: { summary: 'Dokumen paket (SPPBJ, kontrak, SPMK, BAST)', parameters: [idParam], responses: { 200: { description: 'Daftar' }, ...errors } } },
      '/api/packages/{id}/documents/{docId}': {
        get: {
          summary: 'Unduh dokumen PDF (ETag dan X-Content-SHA256 = SHA-256 yang tercatat)',
          parameters: [idParam, { name: 'docId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...errors },
        },
      },
      '/api/packages/{id}/bidder-links': {
        get: {
          summary: 'Peserta paket yang berbagi NPWP atau direktur (indikasi persekongkolan; NPWP/NIK tersamar) — pejabat yang ditugaskan, auditor, admin',
          parameters: [idParam],
          responses: { 200: { description: 'Kelompok peserta terkait dan apa yang dibagi' }, ...errors },
        },
      },
      '/api/packages/{id}/bids': {
        get: {
          summary:
            'Tanda terima penawaran tersegel: id, komitmen SHA-256, waktu, status. Isi penawaran tidak pernah ada di sini; nama penyedia tampil setelah pembukaan (atau untuk penawarannya sendiri)',
          parameters: [idParam],
          responses: { 200: { description: 'Tanda terima' }, ...errors },
        },
      },
      '/api/packages/{id}/bids/{bidId}/document': {
        get: {
          summary: 'Dokumen penawaran yang sudah dibuka dan terverifikasi — pejabat yang ditugaskan dan auditor; sebelum pembukaan 409 bid_sealed untuk siapa pun',
          parameters: [idParam, { name: 'bidId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'Berkas dokumen' }, ...errors },
        },
      },
      '/api/tasks': {
        get: {
          summary: 'Kotak tugas pemanggil: langkah terbuka yang boleh ia lakukan, tenggat terdekat dulu',
          parameters: ['page', 'pageSize'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'integer', minimum: 1 } })),
          responses: { 200: { description: 'Daftar' }, ...errors },
        },
      },
      '/api/webhooks': {
        post: { summary: 'Daftarkan penerima webhook (admin); rahasia HMAC ditampilkan sekali', requestBody: { required: true, content: json('CreateWebhook') }, responses: { 201: { description: 'Dibuat' }, ...errors } },
        get: { summary: 'Daftar webhook (admin)', responses: { 200: { description: 'Daftar' }, ...errors } },
      },
      '/api/webhooks/{id}': { delete: { summary: 'Nonaktifkan webhook (admin)', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 204: { description: 'Nonaktif' }, ...errors } } },
      '/api/webhooks/{id}/deliveries': { get: { summary: 'Log pengiriman webhook (admin)', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'Log' }, ...errors } } },
      ...Object.fromEntries(
        [
          ['summary', 'Jumlah dan nilai paket per OPD, metode, tahap, status (tahun anggaran)'],
          ['overdue', 'Tugas terbuka yang melewati tenggat (berhalaman)'],
          ['stages', 'Paket pada satu tahap dengan lama di tahap itu (berhalaman)'],
          ['absorption', 'Serapan anggaran per OPD dan total: pagu, nilai kontrak, dibayar'],
          ['progress', 'Kemajuan fisik dan kurva S per kontrak (berhalaman)'],
        ].map(([p, summary]) => [
          `/api/dashboard/${p}`,
          {
            get: {
              summary: `${summary} — pejabat, auditor, admin`,
              parameters: [{ name: 'fiscalYear', in: 'query', required: true, schema: { type: 'integer' } }],
              responses: { 200: { description: 'OK' }, ...errors },
            },
          },
        ]),
      ),
      '/api/dashboard/red-flags': {
        get: {
          summary:
            'Indikasi risiko (red flags) tahun anggaran: jumlah per indikator dan per OPD, paket berindikasi (paling berat dulu, berhalaman) dengan angka di baliknya — pejabat, auditor, admin',
          parameters: [
            { name: 'fiscalYear', in: 'query', required: true, schema: { type: 'integer' } },
            { name: 'opd', in: 'query', required: false, schema: { type: 'string', maxLength: 300 } },
            { name: 'flag', in: 'query', required: false, schema: { type: 'string', enum: [...FLAG_CODES] } },
            ...['page', 'pageSize'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'integer', minimum: 1 } })),
          ],
          responses: { 200: { description: 'Ringkasan dan daftar' }, ...errors },
        },
      },
      '/api/public/packages': {
        get: {
          security: [],
          summary: 'Publik (tanpa token): daftar paket pengadaan (bukan kontrak turunan), dengan filter dan halaman',
          parameters: Object.entries(querySchema.properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s })),
          responses: { 200: { description: 'Daftar', content: json('PackageList') }, ...errors },
        },
      },
      '/api/public/packages/{id}': {
        get: {
          security: [],
          summary:
            'Publik (tanpa token): paket — OPD, metode, HPS, tahap, linimasa, tenggat; penawaran (nama perusahaan, harga) setelah pembukaan; pemenang setelah diumumkan; tautan OCDS. Tanpa data tersegel dan tanpa data pribadi',
          parameters: [idParam],
          responses: { 200: { description: 'Paket (tampilan publik)' }, ...errors },
        },
      },
      '/api/public/packages/{id}/red-flags': {
        get: {
          security: [],
          summary: 'Publik (tanpa token): indikasi risiko paket dengan penjelasan dan angkanya, dari data yang sudah publik pada tahap paket',
          parameters: [idParam],
          responses: { 200: { description: 'Indikasi risiko' }, ...errors },
        },
      },
      ...ocdsPaths(),
      '/api/audit': {
        get: {
          summary: 'Jejak audit berantai hash (urutan rantai), opsional satu paket — pejabat, auditor, admin',
          parameters: [
            { name: 'packageId', in: 'query', required: false, schema: { type: 'string', pattern: '^pkt-[a-z0-9]{8,40}$' } },
            ...['page', 'pageSize'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'integer', minimum: 1 } })),
          ],
          responses: { 200: { description: 'Daftar entri: pelaku, peran, aksi, paket, waktu, hash payload, hash sebelumnya, hash' }, ...errors },
        },
      },
      '/api/audit/verify': {
        get: {
          summary: 'Periksa seluruh rantai jejak audit: { ok, checked, brokenAt: { pos, reason } | null, head } — pejabat, auditor, admin',
          responses: { 200: { description: 'Hasil pemeriksaan' }, ...errors },
        },
      },
      '/api/notifications': {
        get: {
          summary: 'Notifikasi pemanggil (pengingat, eskalasi, ringkasan harian)',
          parameters: [
            ...['page', 'pageSize'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'integer', minimum: 1 } })),
            { name: 'unread', in: 'query', required: false, schema: { type: 'string', enum: ['true', 'false'] } },
          ],
          responses: { 200: { description: 'Daftar' }, ...errors },
        },
      },
      '/api/notifications/{id}/read': {
        post: { summary: 'Tandai notifikasi sudah dibaca', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'OK' }, ...errors } },
      },
      '/api/process-definitions': { get: { summary: 'Daftar definisi proses', responses: { 200: { description: 'Daftar' } } } },
      '/api/process-definitions/{id}': {
        get: { summary: 'Definisi proses', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'Definisi' }, ...errors } },
      },
      '/api/process-definitions/{id}/bpmn': {
        get: {
          summary: 'Definisi proses sebagai BPMN 2.0 XML dengan diagram (BPMNDI), siap dibuka di bpmn-js',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'version', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
          ],
          responses: { 200: { description: 'BPMN 2.0 XML', content: { 'application/xml': { schema: { type: 'string' } } } }, ...errors },
        },
      },
    },
  };
}

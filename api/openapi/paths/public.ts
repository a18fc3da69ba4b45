/**
 * /api/public (no token): packages in their public view, their red flags and their public documents
 * (api/routes/public.ts). Every answer is an allowlist (domain/monitoring/public-view.ts, domain/views/public-*.ts):
 * no sealed data, no official's user id or email. CORS: any origin may read these (GET, HEAD), without credentials.
 */
import { z } from 'zod';
import { PUBLIC_EVENT_KINDS } from '../../../domain/views/public-events';
import { PackageStatus } from '../../package-status';
import { PublicPackagesQuery } from '../../routes/public-schemas';
import { Category } from '../../schemas';
import { RedFlag } from './dashboard';
import { errorResponses, idParam, isoTime, json, Pagination, PUBLIC_READ, queryParams, rupiah, WITH_ID } from '../common';

const stage = z.strictObject({ id: z.string(), name: z.string(), enteredAt: isoTime.nullable(), closesAt: isoTime.nullable() });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const severity = z.enum(['rendah', 'sedang', 'tinggi']);

export const PublicPackageSummary = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    opd: z.string(),
    workUnit: z.string(),
    category: Category,
    method: z.string(),
    fiscalYear: z.number().int(),
    pagu: rupiah,
    hps: rupiah,
    status: PackageStatus,
    stage,
    schedule: z
      .strictObject({
        stageClosesAt: isoTime.nullable().describe('Penutupan tahap saat ini (jadwal)'),
        nextDueAt: isoTime.nullable().describe('Tenggat langkah terbuka paling awal, tanpa siapa yang harus bertindak'),
      })
      .describe('Jadwal'),
    winner: z
      .strictObject({ vendor: z.string().describe('Nama perusahaan'), price: rupiah.nullable().describe('Harga penawaran pemenang, bila ada') })
      .nullable()
      .describe('null sebelum pemenang diumumkan (atau kontrak ditandatangani, untuk metode tanpa pengumuman pemenang)'),
    contract: z
      .strictObject({
        status: PackageStatus,
        value: rupiah.describe('Nilai kontrak termasuk adendum'),
        signedAt: isoTime,
        physicalProgress: z.number().min(0).max(100).describe('Progres fisik (persen) menurut laporan yang diterima'),
      })
      .nullable()
      .describe('null sebelum kontrak ditandatangani'),
    redFlags: z
      .strictObject({ count: z.number().int().min(0), highest: severity.nullable() })
      .describe('Indikasi risiko dari data yang sudah publik pada tahap paket (rincian: links.redFlags)'),
    createdAt: isoTime,
    links: z.strictObject({ self: z.string(), redFlags: z.string() }),
  })
  .meta({ id: 'PublicPackageSummary' });

export const PublicPackageList = z.strictObject({ data: z.array(PublicPackageSummary), pagination: Pagination }).meta({ id: 'PublicPackageList' });

export const PublicEvent = z
  .strictObject({
    at: isoTime,
    kind: z.enum(PUBLIC_EVENT_KINDS),
    title: z.string(),
    stageId: z.string().nullable(),
    contract: z.boolean().describe('true: peristiwa kontrak (E-Kontrak) paket ini'),
  })
  .meta({ id: 'PublicEvent', description: 'Peristiwa yang dipublikasikan (allowlist): tanpa pelaku dan tanpa isi langkah' });

export const PublicDocument = z
  .strictObject({
    id: z.string(),
    kind: z.string().describe('Jenis dokumen (sppbj, kontrak, surat_pesanan, kesepakatan_swakelola, spmk, bast, bast_pho, bast_fho)'),
    title: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    sha256: sha256.describe('SHA-256 isi berkas (hex); sama dengan header X-Content-SHA256 unduhan'),
    size: z.number().int().min(0).describe('Ukuran (byte)'),
    createdAt: isoTime,
    contract: z.boolean().describe('true: dokumen kontrak (E-Kontrak) paket ini'),
    downloadUrl: z.string().describe('Unduhan tanpa token'),
  })
  .meta({ id: 'PublicDocument' });

const link = z.string().describe('URL absolut');
export const PublicOpenData = z
  .strictObject({
    ocds: z.strictObject({
      releasePackage: link.describe('OCDS release package semua rilis paket ini'),
      recordPackage: link.describe('OCDS record package paket ini'),
      bulkExport: z.strictObject({ releases: link, records: link }).describe('Ekspor massal tahun anggaran paket ini'),
    }),
    license: z.string().describe('URL lisensi data (OCDS_LICENSE)'),
    publicationPolicy: z.string().nullable().describe('URL kebijakan publikasi (OCDS_PUBLICATION_POLICY), bila ada'),
    publisher: z.strictObject({ name: z.string(), uri: z.string() }),
  })
  .meta({ id: 'PublicOpenData' });

export const PublicPackage = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    opd: z.string(),
    workUnit: z.string(),
    category: Category,
    method: z.string(),
    fiscalYear: z.number().int(),
    pagu: rupiah,
    hps: rupiah,
    status: PackageStatus,
    stage,
    createdAt: isoTime,
    timeline: z.array(z.strictObject({ stageId: z.string(), name: z.string(), enteredAt: isoTime, closesAt: isoTime.nullable(), leftAt: isoTime.nullable() })),
    events: z.array(PublicEvent).describe('Linimasa peristiwa yang dipublikasikan, paket dan kontraknya, urut waktu'),
    documents: z.array(PublicDocument).describe('Dokumen publik paket dan kontraknya (lihat domain/views/public-documents.ts)'),
    deadlines: z.strictObject({
      stageClosesAt: isoTime.nullable(),
      tasks: z.array(z.strictObject({ name: z.string(), dueAt: isoTime.nullable() })).describe('Tenggat langkah terbuka, tanpa siapa yang harus bertindak'),
    }),
    participation: z.strictObject({
      registrations: z.number().int(),
      bidsSubmitted: z.number().int().nullable().describe('null sebelum pembukaan: jumlah penawaran tidak diketahui siapa pun di luar'),
    }),
    opening: z
      .strictObject({
        opened: z.number().int(),
        rejected: z.number().int(),
        bids: z.array(z.strictObject({ vendor: z.string().describe('Nama perusahaan'), submittedAt: isoTime.nullable(), price: rupiah.optional() })),
      })
      .nullable()
      .describe('null sebelum pembukaan'),
    award: z
      .strictObject({ winner: z.strictObject({ vendor: z.string(), price: rupiah }) })
      .nullable()
      .describe('null sebelum pemenang diumumkan'),
    contract: z
      .strictObject({ status: PackageStatus, originalValue: rupiah, value: rupiah, signedAt: isoTime.nullable(), physicalProgress: z.number().min(0).max(100) })
      .nullable(),
    openData: PublicOpenData,
    links: z.strictObject({
      self: z.string(),
      redFlags: z.string(),
      ocds: z.string(),
      bpmn: z.string().describe('Diagram BPMN 2.0 (XML) versi definisi proses yang dijalankan paket ini, tanpa token'),
    }),
  })
  .meta({ id: 'PublicPackage', description: 'Tampilan publik (allowlist): tanpa data tersegel dan tanpa data pribadi' });

const publisher = z.strictObject({ name: z.string(), uri: z.string() });
export const PublicOpenDataOverview = z
  .strictObject({
    license: z.string().describe('URL lisensi data (OCDS_LICENSE)'),
    publicationPolicy: z.string().nullable().describe('URL kebijakan publikasi (OCDS_PUBLICATION_POLICY), bila ada'),
    publisher: publisher.describe('Penerbit data (OCDS_PUBLISHER, PUBLIC_BASE_URL)'),
    ocds: z.strictObject({
      version: z.literal('1.1.5').describe('Versi OCDS yang diterbitkan'),
      base: link.describe('Akar publikasi OCDS (/api/ocds)'),
      openapi: link.describe('Dokumen OpenAPI seluruh antarmuka'),
    }),
    years: z
      .array(
        z.strictObject({
          fiscalYear: z.number().int().min(2000).max(2100),
          packages: z.number().int().min(1).describe('Jumlah paket pengadaan tahun anggaran ini'),
          bulkExport: z.strictObject({ releases: link, records: link }).describe('Ekspor massal OCDS tahun anggaran ini'),
        }),
      )
      .describe('Tahun anggaran yang memiliki paket, terbaru lebih dulu; kosong bila belum ada paket'),
  })
  .meta({ id: 'PublicOpenDataOverview', description: 'Lisensi, penerbit, kebijakan publikasi dan ekspor massal per tahun, tanpa membaca paket' });

export const PublicRedFlags = z.strictObject({ packageId: z.string(), flags: z.array(RedFlag) }).meta({ id: 'PublicRedFlags' });

export const publicPaths = {
  '/api/public/packages': {
    get: {
      operationId: 'listPublicPackages',
      security: [],
      summary: 'Publik (tanpa token): daftar paket pengadaan (bukan kontrak turunan), dengan filter dan halaman',
      description:
        'Tiap paket dengan tahap dan jadwalnya, HPS, pemenang (setelah diumumkan), nilai kontrak dan progres fisik (setelah ditandatangani), dan jumlah indikasi risikonya. CORS: semua origin boleh membaca (tanpa kredensial).',
      parameters: queryParams(PublicPackagesQuery),
      responses: { 200: { description: 'Daftar', content: json('PublicPackageList') }, ...errorResponses(...PUBLIC_READ) },
    },
  },
  '/api/public/packages/{id}': {
    get: {
      operationId: 'getPublicPackage',
      security: [],
      summary:
        'Publik (tanpa token): paket — OPD, metode, HPS, tahap, linimasa, tenggat; penawaran (nama perusahaan, harga) setelah pembukaan; pemenang setelah diumumkan; dokumen publik; data terbuka (OCDS, lisensi, penerbit). Tanpa data tersegel dan tanpa data pribadi',
      parameters: [idParam],
      responses: { 200: { description: 'Paket (tampilan publik)', content: json('PublicPackage') }, ...errorResponses(...PUBLIC_READ, ...WITH_ID) },
    },
  },
  '/api/public/packages/{id}/red-flags': {
    get: {
      operationId: 'getPublicRedFlags',
      security: [],
      summary: 'Publik (tanpa token): indikasi risiko paket dengan penjelasan dan angkanya, dari data yang sudah publik pada tahap paket',
      parameters: [idParam],
      responses: { 200: { description: 'Indikasi risiko', content: json('PublicRedFlags') }, ...errorResponses(...PUBLIC_READ, ...WITH_ID) },
    },
  },
  '/api/public/packages/{id}/bpmn': {
    get: {
      operationId: 'getPublicPackageBpmn',
      security: [],
      summary: 'Publik (tanpa token): diagram proses paket sebagai BPMN 2.0 XML dengan BPMNDI (versi definisi yang dijalankan paket)',
      description:
        'Definisi proses adalah data (tahap, peran, jadwal), tanpa data tersegel dan tanpa nama orang. Tahap saat ini dan yang selesai ada di tampilan publik paket (timeline). Cache-Control: public, karena versi definisi sebuah paket tidak berubah.',
      parameters: [idParam],
      responses: {
        200: { description: 'BPMN 2.0 XML', content: { 'application/xml': { schema: { type: 'string' } } } },
        ...errorResponses(...PUBLIC_READ, ...WITH_ID),
      },
    },
  },
  '/api/public/open-data': {
    get: {
      operationId: 'getPublicOpenData',
      security: [],
      summary:
        'Publik (tanpa token): lisensi, penerbit dan kebijakan publikasi data terbuka, dan tahun anggaran yang berdata dengan tautan ekspor massal OCDS-nya',
      responses: { 200: { description: 'Data terbuka', content: json('PublicOpenDataOverview') }, ...errorResponses(...PUBLIC_READ) },
    },
  },
  '/api/public/packages/{id}/documents/{docId}': {
    get: {
      operationId: 'downloadPublicDocument',
      security: [],
      summary: 'Publik (tanpa token): unduh dokumen publik paket atau kontraknya (SPPBJ, kontrak yang ditandatangani, SPMK, BAST)',
      description:
        'Hanya jenis yang dipublikasikan menurut ketentuan (domain/views/public-documents.ts); kontrak hanya revisi yang ditandatangani. Dokumen lain, atau dokumen paket lain: 404 document_not_found. ETag dan X-Content-SHA256 = SHA-256 yang tercatat.',
      parameters: [idParam, { name: 'docId', in: 'path', required: true, schema: { type: 'string', maxLength: 200, pattern: '^[A-Za-z0-9:_-]+$' } }],
      responses: {
        200: {
          description: 'PDF',
          headers: {
            ETag: { description: 'SHA-256 dokumen dalam tanda kutip', schema: { type: 'string' } },
            'X-Content-SHA256': { description: 'SHA-256 dokumen (hex)', schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
          },
          content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
        },
        ...errorResponses(...PUBLIC_READ, ...WITH_ID),
      },
    },
  },
};

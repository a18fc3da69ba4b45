/** /api/packages: create, list, read, perform a step; the bidder links of a package (api/routes/packages.ts, bidder-links.ts). */
import { z } from 'zod';
import { ListPackagesQuery, PackageState } from '../../schemas';
import { AUTH_READ, errorResponses, idemHeader, idParam, json, queryParams, taskIdParam, WITH_BODY, WITH_ID } from '../common';

const maskedShare = z.union([
  z.strictObject({ kind: z.literal('npwp'), npwp: z.string().describe('NPWP tersamar (4 digit terakhir)'), vendors: z.array(z.string()) }),
  z.strictObject({
    kind: z.literal('director'),
    name: z.string(),
    nik: z.string().nullable().describe('NIK tersamar (4 digit terakhir)'),
    matchedBy: z.enum(['nik', 'name']),
    vendors: z.array(z.string()),
  }),
]);

export const BidderLinks = z
  .strictObject({
    packageId: z.string(),
    bidders: z.array(z.strictObject({ vendorId: z.string(), name: z.string().nullable(), org: z.string().nullable(), hasProfile: z.boolean() })),
    groups: z.array(z.strictObject({ vendors: z.array(z.string()), shared: z.array(maskedShare) })),
    unchecked: z.array(z.string()).describe('Peserta tanpa data profil: jawabannya sebagian'),
  })
  .meta({ id: 'BidderLinks' });

export const PackageLive = z
  .strictObject({
    packageId: z.string(),
    live: PackageState.describe('Keadaan menurut query alur kerja (Temporal)'),
    readModelSeq: z.number().int().describe('Nomor peristiwa terakhir di read model, untuk dibandingkan dengan live.seq'),
  })
  .meta({ id: 'PackageLive', description: 'Keadaan paket langsung dari alur kerjanya (untuk dukungan teknis)' });

export const packagesPaths = {
  '/api/packages': {
    post: {
      operationId: 'createPackage',
      summary: 'Buat paket dan mulai prosesnya (PPK)',
      description:
        'Metode harus diizinkan aturan untuk jenis dan nilai (HPS) pada hari ini (WIB); jadwal (parameter yang ditetapkan peraturan, mis. masa sanggah, tidak dapat diubah; lainnya dalam batas min–maks) dan penugasan pejabat diperiksa terhadap definisi proses. Pada metode yang Pokja/Pejabat Pengadaannya ditugaskan Kepala UKPBJ, PPK menyebut `kepalaUkpbj`, bukan anggota Pokja. Menunggu paling lama 15 detik sampai read model memuat paket; setelah itu `live` bisa null.',
      parameters: [idemHeader],
      requestBody: { required: true, content: json('CreatePackage') },
      responses: { 201: { description: 'Paket dibuat', content: json('PackageCreated') }, ...errorResponses(...AUTH_READ, ...WITH_BODY, 503) },
    },
    get: {
      operationId: 'listPackages',
      summary: 'Daftar paket',
      description:
        'Paket pemilihan (bukan kontrak turunan), terbaru dulu. Untuk penyedia `updatedAt` adalah awal tahap berjalan (perubahan lain, termasuk penawaran peserta lain, tidak terlihat).',
      parameters: queryParams(ListPackagesQuery),
      responses: { 200: { description: 'Daftar', content: json('PackageList') }, ...errorResponses(...AUTH_READ) },
    },
  },
  '/api/packages/{id}': {
    get: {
      operationId: 'getPackage',
      summary: 'Detail paket, dengan langkah yang boleh dilakukan pemanggil sekarang (`myActions`)',
      description:
        'Dijawab dari read model (keadaan `live`, tahap, linimasa), tanpa menunggu alur kerja, juga selama Temporal tidak dapat dihubungi; setiap langkah baru dijawab setelah tercatat di read model, jadi pemanggil selalu membaca langkahnya sendiri. ' +
        '`myActions`: langkah yang diterima server bila dikirim sekarang oleh pemanggil — tahap berjalan (atau pembatalan), jendela belum ditutup, belum dilakukan bila hanya sekali, peran dan penugasan (atau pihak), serta syarat yang dapat dinilai tanpa isian (mis. `registered` untuk `submit_bid`); termasuk langkah kontraknya (`target: contract`). ' +
        'Penyedia (semua perannya `penyedia`) mendapat tampilan penyedia, sebuah allowlist: sebelum pembukaan tidak ada identitas, jumlah atau waktu penawaran peserta lain (hanya miliknya); sesudahnya nama, harga terbaca dan terkoreksi, peringkat, hasil evaluasi (lulus/gugur per tahap) dan sanggahan yang sudah dijawab — tidak pernah rincian harga satuan atau dokumen penawaran peserta lain, catatan evaluator, atau id pengguna pejabat (diganti nama peran). Pejabat, auditor dan admin mendapat tampilan lengkap.',
      parameters: [idParam],
      responses: { 200: { description: 'Detail', content: json('PackageDetail') }, ...errorResponses(...AUTH_READ, ...WITH_ID) },
    },
  },
  '/api/packages/{id}/live': {
    get: {
      operationId: 'getPackageLiveState',
      summary: 'Keadaan paket langsung dari alur kerjanya, untuk dukungan teknis (admin, auditor)',
      description:
        'Query ke alur kerja Temporal, dibatasi 3 detik; bacaan lain (getPackage, daftar, kontrak, jadwal) memakai read model dan tidak pernah menunggu alur kerja. 503 `process_unavailable` dengan Retry-After bila Temporal atau worker tidak menjawab.',
      parameters: [idParam],
      responses: {
        200: { description: 'Keadaan menurut alur kerja, dengan nomor peristiwa terakhir read model', content: json('PackageLive') },
        ...errorResponses(...AUTH_READ, ...WITH_ID, 503),
      },
    },
  },
  '/api/packages/{id}/tasks/{taskId}': {
    post: {
      operationId: 'performPackageStep',
      summary: 'Lakukan langkah (pejabat atau penyedia)',
      description:
        'Skema `payload` per langkah ada di components.x-step-payloads (dan di definisi proses) dan di `myActions[].schema` paket. Langkah penawaran dihitung per pengguna per menit (429). Penyedia menerima keadaan baru dalam tampilan penyedia (lihat getPackage). ' +
        'Langkah menunggu worker selama diperlukan (503 `step_pending` bila belum terkonfirmasi); bila server Temporal sendiri tidak menjawab, 503 `temporal_unavailable` dalam 5 detik; paket yang baru dibuat dan prosesnya belum berjalan, 503 `package_starting`; langkah tersegel (penawaran) saat keadaan paket belum terbaca, 503 `state_unavailable`; langkah diterima tetapi keadaan barunya belum terbaca, 503 `state_pending`. Semuanya dengan Retry-After: ulangi dengan Idempotency-Key yang sama.',
      parameters: [idParam, taskIdParam, idemHeader],
      requestBody: { required: true, content: json('TaskRequest') },
      responses: {
        200: { description: 'Langkah diterima; keadaan baru', content: json('StepResult') },
        ...errorResponses(...AUTH_READ, ...WITH_BODY, ...WITH_ID, 409, 503),
      },
    },
  },
  '/api/packages/{id}/bidder-links': {
    get: {
      operationId: 'getBidderLinks',
      summary: 'Peserta paket yang berbagi NPWP atau direktur (indikasi persekongkolan; NPWP/NIK tersamar) — pejabat yang ditugaskan, auditor, admin',
      parameters: [idParam],
      responses: {
        200: { description: 'Kelompok peserta terkait dan apa yang dibagi', content: json('BidderLinks') },
        ...errorResponses(...AUTH_READ, ...WITH_ID),
      },
    },
  },
};

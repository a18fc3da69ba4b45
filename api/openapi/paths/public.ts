/** /api/public (no token): packages in their public view, and their red flags (api/routes/public.ts). */
import { z } from 'zod';
import { Category, ListPackagesQuery, PackageSummary } from '../../schemas';
import { RedFlag } from './dashboard';
import { errorResponses, idParam, isoTime, json, Pagination, PUBLIC_READ, queryParams, rupiah, WITH_ID } from '../common';

export const PublicPackageList = z
  .strictObject({
    data: z.array(PackageSummary.extend({ links: z.strictObject({ self: z.string() }) })),
    pagination: Pagination,
  })
  .meta({ id: 'PublicPackageList' });

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
    status: z.string(),
    stage: z.strictObject({ id: z.string(), name: z.string(), enteredAt: isoTime.nullable(), closesAt: isoTime.nullable() }),
    createdAt: isoTime,
    timeline: z.array(z.strictObject({ stageId: z.string(), name: z.string(), enteredAt: isoTime, closesAt: isoTime.nullable(), leftAt: isoTime.nullable() })),
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
    award: z.strictObject({ winner: z.strictObject({ vendor: z.string(), price: rupiah }) }).nullable().describe('null sebelum pemenang diumumkan'),
    contract: z.strictObject({ status: z.string(), originalValue: rupiah, value: rupiah }).nullable(),
    links: z.strictObject({ self: z.string(), redFlags: z.string(), ocds: z.string() }),
  })
  .meta({ id: 'PublicPackage', description: 'Tampilan publik (allowlist): tanpa data tersegel dan tanpa data pribadi' });

export const PublicRedFlags = z.strictObject({ packageId: z.string(), flags: z.array(RedFlag) }).meta({ id: 'PublicRedFlags' });

export const publicPaths = {
  '/api/public/packages': {
    get: {
      operationId: 'listPublicPackages',
      security: [],
      summary: 'Publik (tanpa token): daftar paket pengadaan (bukan kontrak turunan), dengan filter dan halaman',
      parameters: queryParams(ListPackagesQuery),
      responses: { 200: { description: 'Daftar', content: json('PublicPackageList') }, ...errorResponses(...PUBLIC_READ) },
    },
  },
  '/api/public/packages/{id}': {
    get: {
      operationId: 'getPublicPackage',
      security: [],
      summary:
        'Publik (tanpa token): paket — OPD, metode, HPS, tahap, linimasa, tenggat; penawaran (nama perusahaan, harga) setelah pembukaan; pemenang setelah diumumkan; tautan OCDS. Tanpa data tersegel dan tanpa data pribadi',
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
};

/**
 * /api/sanctions (PA/KPA, APIP, admin) and /api/public/daftar-hitam (no token): blacklist proposals, the PA/KPA's
 * decisions and the public list (api/routes/sanctions.ts, api/routes/public-sanctions.ts; domain/sanctions/SANKSI.md).
 */
import { z } from 'zod';
import { PublicBlacklistQuery } from '../../routes/public-sanctions';
import { SanctionListQuery } from '../../routes/sanctions';
import { SANCTION_CAUSE_IDS } from '../../../domain/sanctions/causes';
import { AUTH_READ, errorResponses, isoTime, json, Pagination, PUBLIC_READ, queryParams, WITH_BODY, WITH_ID } from '../common';
// The request body's component registers itself (`.meta({ id: 'SanctionDecisionRequest' })`) when the route is imported.

const cause = z.enum(SANCTION_CAUSE_IDS).describe('Penyebab (daftar tertutup, domain/sanctions/causes.ts)');
const causeFields = {
  cause,
  causeTitle: z.string(),
  pasal: z.string().describe('Pasal yang mengatur perbuatan dan lamanya sanksi'),
  years: z.union([z.literal(1), z.literal(2)]).describe('Lamanya daftar hitam dalam tahun, menurut penyebabnya'),
};

export const SanctionItem = z
  .strictObject({
    id: z.number().int().min(1),
    packageId: z.string().describe('Paket yang mengusulkan (paket kontrak bila usulan dari pemutusan kontrak)'),
    parentPackageId: z.string().nullable().describe('Paket pemilihan asal kontrak, bila ada'),
    packageTitle: z.string().nullable(),
    opd: z.string().nullable(),
    firmName: z.string().nullable().describe('Nama badan usaha penyedia'),
    providerOrg: z.string().nullable().describe('Id organisasi penyedia: sanksi mengikat badan usaha, bukan satu akun'),
    ...causeFields,
    reason: z.string().describe('Alasan usulan'),
    proposedAt: isoTime,
    status: z.enum(['diusulkan', 'ditetapkan', 'ditolak']),
    decisionNumber: z.string().nullable().describe('Nomor SK PA/KPA'),
    startsAt: isoTime.nullable().describe('Mulai berlaku (00.00 WIB tanggal mulai)'),
    endsAt: isoTime.nullable().describe('Berakhir (eksklusif): tanggal yang sama N tahun kemudian, 00.00 WIB'),
    decidedAt: isoTime.nullable(),
    decisionReason: z.string().nullable().describe('Alasan penolakan'),
    canDecide: z.boolean().describe('Pemanggil adalah PA/KPA paket pengusul dan usulan belum diputuskan'),
  })
  .meta({ id: 'SanctionItem' });

export const SanctionList = z.strictObject({ data: z.array(SanctionItem), pagination: Pagination }).meta({ id: 'SanctionList' });

export const PublicBlacklist = z
  .strictObject({
    asOf: isoTime.describe('Waktu jawaban: daftar berisi keputusan yang berlaku saat ini'),
    data: z.array(
      z.strictObject({
        id: z.number().int().min(1),
        firmName: z.string(),
        npwp: z.string().nullable().describe('NPWP badan usaha; NPWP berbasis NIK (orang perseorangan) disamarkan kecuali 4 digit terakhir'),
        ...causeFields,
        decisionNumber: z.string(),
        startsAt: isoTime,
        endsAt: isoTime.describe('Berakhir (eksklusif)'),
        packageId: z.string().describe('Paket pemilihan (halaman publik /publik/paket/{id})'),
        packageTitle: z.string().nullable(),
      }),
    ),
    pagination: Pagination,
  })
  .meta({ id: 'PublicBlacklist' });

const sanctionIdParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Id usulan sanksi',
  schema: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
};

export const sanctionsPaths = {
  '/api/sanctions': {
    get: {
      operationId: 'listSanctions',
      summary: 'Usulan dan keputusan daftar hitam: PA/KPA (paketnya sendiri), APIP dan admin (semua)',
      parameters: queryParams(SanctionListQuery),
      responses: { 200: { description: 'Usulan dan keputusan, terbaru dahulu', content: json('SanctionList') }, ...errorResponses(...AUTH_READ) },
    },
  },
  '/api/sanctions/{id}/decision': {
    post: {
      operationId: 'decideSanction',
      summary:
        'PA/KPA paket pengusul menetapkan (nomor SK, tanggal mulai; lamanya dari penyebab) atau menolak (alasan) usulan daftar hitam; sekali saja (409 bila sudah diputuskan); dicatat di jejak audit',
      parameters: [sanctionIdParam],
      requestBody: { required: true, content: json('SanctionDecisionRequest') },
      responses: {
        200: { description: 'Keputusan yang tercatat', content: json('SanctionItem') },
        ...errorResponses(...AUTH_READ, ...WITH_BODY, ...WITH_ID, 409),
      },
    },
  },
  '/api/public/daftar-hitam': {
    get: {
      operationId: 'getPublicBlacklist',
      security: [],
      summary: 'Publik (tanpa token): Daftar Hitam — keputusan yang berlaku saat ini (badan usaha, NPWP, penyebab, masa berlaku, nomor SK, paket)',
      parameters: queryParams(PublicBlacklistQuery),
      responses: { 200: { description: 'Daftar hitam yang berlaku', content: json('PublicBlacklist') }, ...errorResponses(...PUBLIC_READ) },
    },
  },
};

/**
 * Platform outages (issue 15 point 7; api/routes/outages.ts, which owns the request schemas): the admin's
 * declarations and ends, and the public list without who declared.
 */
import { z } from 'zod';
import '../../routes/outages'; // registers CreateOutageRequest and EndOutageRequest
import { AUTH_READ, errorResponses, isoTime, json, PUBLIC_READ, WITH_BODY, WITH_ID } from '../common';

const what = {
  id: z.string().describe('Nomor gangguan'),
  startsAt: isoTime,
  endsAt: isoTime.nullable().describe('null: masih berlangsung'),
  reason: z.string(),
  source: z.enum(['declared', 'detected']).describe('declared: dinyatakan admin LPSE; detected: terdeteksi sistem (jeda heartbeat)'),
};
export const PublicOutage = z.strictObject(what).meta({ id: 'PublicOutage' });
export const PublicOutageList = z.strictObject({ data: z.array(PublicOutage) }).meta({ id: 'PublicOutageList' });
export const Outage = z
  .strictObject({ ...what, declaredBy: z.string().nullable().describe('Admin yang menyatakan; null bila terdeteksi sistem'), createdAt: isoTime })
  .meta({ id: 'Outage' });
export const OutageList = z.strictObject({ data: z.array(Outage) }).meta({ id: 'OutageList', description: '200 terbaru, awal terbaru dulu' });
export const OutageDeclared = z
  .strictObject({
    ...Outage.shape,
    packages: z
      .strictObject({ signalled: z.number().int(), failed: z.number().int() })
      .describe('Paket berjalan yang diberi tahu (tahap yang mungkin terdampak); yang lain memeriksa sendiri saat tahapnya ditutup'),
  })
  .meta({ id: 'OutageDeclared' });

const outageId = { name: 'id', in: 'path', required: true, description: 'Nomor gangguan', schema: { type: 'string', pattern: '^[1-9][0-9]{0,17}$' } };
const RULE =
  'Setiap tahap berbatas waktu yang ditutup selama gangguan, atau dalam OUTAGE_GRACE_WORKING_HOURS jam kerja sesudahnya, ' +
  'diperpanjang sepanjang gangguan dan diumumkan kepada para pihak.';

export const outagesPaths = {
  '/api/admin/outages': {
    post: {
      operationId: 'declareOutage',
      summary: 'Admin: nyatakan gangguan teknis platform (awal, alasan, dan akhir bila sudah diketahui)',
      description:
        `${RULE} Periode tidak boleh bertumpang tindih dengan gangguan lain; ` +
        'pernyataan yang sama dikirim ulang: 200 tanpa perubahan. Dicatat di jejak audit.',
      requestBody: { required: true, content: json('CreateOutageRequest') },
      responses: {
        200: { description: 'Gangguan yang sama sudah tercatat; tidak ada yang diubah', content: json('OutageDeclared') },
        201: { description: 'Gangguan dicatat', content: json('OutageDeclared') },
        ...errorResponses(...AUTH_READ, ...WITH_BODY, 409),
      },
    },
    get: {
      operationId: 'listOutages',
      summary: 'Admin: daftar gangguan, dengan siapa yang menyatakan',
      responses: { 200: { description: 'Daftar', content: json('OutageList') }, ...errorResponses(...AUTH_READ) },
    },
  },
  '/api/admin/outages/{id}': {
    patch: {
      operationId: 'endOutage',
      summary: 'Admin: catat akhir gangguan yang masih berlangsung; paket yang terdampak diperpanjang',
      description: `${RULE} Akhir yang sama dikirim ulang: 200 tanpa perubahan; akhir lain untuk gangguan yang sudah berakhir: 409.`,
      parameters: [outageId],
      requestBody: { required: true, content: json('EndOutageRequest') },
      responses: {
        200: { description: 'Gangguan berakhir', content: json('OutageDeclared') },
        ...errorResponses(...AUTH_READ, ...WITH_BODY, ...WITH_ID, 409),
      },
    },
  },
  '/api/public/outages': {
    get: {
      operationId: 'listPublicOutages',
      summary: 'Gangguan teknis platform: apa dan kapan (tanpa siapa), untuk penyedia yang tenggatnya diperpanjang',
      security: [],
      responses: { 200: { description: 'Daftar', content: json('PublicOutageList') }, ...errorResponses(...PUBLIC_READ) },
    },
  },
};

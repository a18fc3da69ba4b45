/** /api/audit: the hash-chained audit trail (api/routes/audit.ts). */
import { z } from 'zod';
import { AUTH_READ, errorResponses, isoTime, json, PACKAGE_ID_PATTERN, pageParams, Pagination } from '../common';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const AuditEntryList = z
  .strictObject({
    data: z.array(
      z.strictObject({
        pos: z.number().int(),
        packageId: z.string(),
        workflowId: z.string(),
        seq: z.number().int(),
        at: isoTime,
        actorId: z.string().nullable(),
        actorRole: z.string().nullable(),
        action: z.string(),
        stageId: z.string(),
        payloadHash: sha256,
        prevHash: sha256,
        hash: sha256,
      }),
    ),
    pagination: Pagination,
  })
  .meta({ id: 'AuditEntryList' });

export const AuditVerification = z
  .strictObject({
    ok: z.boolean(),
    checked: z.number().int(),
    brokenAt: z
      .strictObject({
        pos: z.number().int(),
        reason: z.enum(['prev_hash_mismatch', 'hash_mismatch', 'anchor_prev_mismatch', 'anchor_hash_mismatch', 'anchor_head_mismatch']),
        anchor: z.number().int().optional().describe('Nomor jangkar yang tidak sah (alasan anchor_*); pos: kepala paket yang disebut jangkar itu'),
      })
      .nullable(),
    head: z.strictObject({ pos: z.number().int(), hash: sha256 }).nullable().describe('Entri terakhir yang sah; simpan hash-nya di luar basis data'),
    anchors: z
      .strictObject({
        checked: z.number().int(),
        last: z.strictObject({ seq: z.number().int(), hash: sha256 }).nullable(),
      })
      .nullable()
      .describe('Jangkar kepala paket yang diperiksa (hanya bila semua entri sah); hash jangkar terakhir mengikat kepala setiap paket'),
  })
  .meta({ id: 'AuditVerification' });

export const auditPaths = {
  '/api/audit': {
    get: {
      operationId: 'listAuditEntries',
      summary: 'Jejak audit berantai hash (urutan rantai), opsional satu paket — pejabat, auditor, admin',
      parameters: [{ name: 'packageId', in: 'query', required: false, schema: { type: 'string', pattern: PACKAGE_ID_PATTERN } }, ...pageParams(100, 50)],
      responses: {
        200: { description: 'Daftar entri: pelaku, peran, aksi, paket, waktu, hash payload, hash sebelumnya, hash', content: json('AuditEntryList') },
        ...errorResponses(...AUTH_READ),
      },
    },
  },
  '/api/audit/verify': {
    get: {
      operationId: 'verifyAuditChain',
      summary: 'Periksa seluruh rantai jejak audit: { ok, checked, brokenAt: { pos, reason } | null, head } — pejabat, auditor, admin',
      responses: { 200: { description: 'Hasil pemeriksaan', content: json('AuditVerification') }, ...errorResponses(...AUTH_READ) },
    },
  },
};

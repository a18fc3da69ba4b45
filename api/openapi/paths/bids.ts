/** /api/packages/{id}/bids: sealed-bid receipts and an opened bid's document (api/routes/bids.ts). */
import { z } from 'zod';
import { AUTH_READ, errorResponses, idParam, isoTime, json, WITH_ID } from '../common';

export const BidReceiptList = z
  .strictObject({
    packageId: z.string(),
    items: z.array(
      z.strictObject({
        bidId: z.uuid(),
        step: z.string().describe('Langkah tempat penawaran diajukan (mis. submit_bid)'),
        commitment: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 komitmen'),
        receivedAt: isoTime,
        status: z.string().describe('submitted, opened, rejected, …'),
        vendorId: z.string().optional().describe('Setelah pembukaan, atau untuk penawaran pemanggil sendiri'),
        rejectionReason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'BidReceiptList' });

export const bidsPaths = {
  '/api/packages/{id}/bids': {
    get: {
      operationId: 'listBidReceipts',
      summary:
        'Tanda terima penawaran tersegel: id, komitmen SHA-256, waktu, status. Isi penawaran tidak pernah ada di sini; nama penyedia tampil setelah pembukaan (atau untuk penawarannya sendiri)',
      parameters: [idParam],
      responses: { 200: { description: 'Tanda terima', content: json('BidReceiptList') }, ...errorResponses(...AUTH_READ, ...WITH_ID) },
    },
  },
  '/api/packages/{id}/bids/{bidId}/document': {
    get: {
      operationId: 'downloadBidDocument',
      summary: 'Dokumen penawaran yang sudah dibuka dan terverifikasi — pejabat yang ditugaskan dan auditor; sebelum pembukaan 409 bid_sealed untuk siapa pun',
      parameters: [idParam, { name: 'bidId', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f-]{36}$' } }],
      responses: {
        200: {
          description: 'Berkas dokumen dengan jenis media yang dikirim penyedia (Content-Disposition: attachment)',
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } }, '*/*': { schema: { type: 'string', format: 'binary' } } },
        },
        ...errorResponses(...AUTH_READ, ...WITH_ID, 409),
      },
    },
  },
};

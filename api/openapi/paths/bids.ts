/**
 * /api/packages/{id}/bids: sealed-bid receipts, an opened bid's document, and the bidder's own bid
 * (api/routes/bids.ts). The commitment scheme is domain/sealing/COMMITMENT.md, summarised in COMMITMENT below.
 */
import { z } from 'zod';
import { AUTH_READ, errorResponses, idParam, isoTime, json, WITH_ID } from '../common';

export const BidReceiptList = z
  .strictObject({
    packageId: z.string(),
    items: z.array(
      z.strictObject({
        bidId: z.uuid(),
        step: z.string().describe('Langkah tempat penawaran diajukan (mis. submit_bid)'),
        commitment: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .describe('SHA-256 komitmen'),
        receivedAt: isoTime,
        status: z.string().describe('submitted, opened, rejected, …'),
        vendorId: z.string().optional().describe('Setelah pembukaan, atau untuk penawaran pemanggil sendiri'),
        rejectionReason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'BidReceiptList' });

export const OwnBid = z
  .strictObject({
    bidId: z.uuid(),
    packageId: z.string(),
    step: z.string(),
    vendorId: z.string(),
    status: z.string().describe('received, submitted, opened, rejected'),
    receivedAt: isoTime,
    scheme: z.literal('pengadaan-bid-commitment-v1'),
    commitment: z.string().regex(/^[0-9a-f]{64}$/),
    nonce: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/)
      .describe('base64 standar (berpadding) dari 32 byte acak'),
    content: z.record(z.string(), z.unknown()).describe('Payload yang dikirim penawar, persis (termasuk dokumen dalam base64)'),
    canonicalInput: z.string().describe('Teks persis yang di-hash: SHA-256(UTF-8(canonicalInput)) = commitment'),
  })
  .meta({ id: 'OwnBid', description: 'Penawaran milik pemanggil sendiri, untuk memeriksa komitmennya' });

/** The commitment scheme, stated where every bids operation can point to it. */
const COMMITMENT =
  'Komitmen (skema pengadaan-bid-commitment-v1, domain/sealing/COMMITMENT.md): commitment = hex huruf kecil dari SHA-256 atas byte UTF-8 JSON kanonik objek ' +
  '{"action": id langkah, "content": payload yang dikirim penawar, "nonce": base64 standar berpadding dari 32 byte acak, "packageId": id paket, "v": 1, "vendorId": id pengguna penawar}. ' +
  'JSON kanonik: tanpa spasi; anggota objek diurutkan menurut kuncinya sebagai deret unit kode UTF-16; string dan angka ditulis seperti JSON.stringify ECMAScript (sama dengan RFC 8785). ' +
  'Penawar menerima nonce dan commitmentInput (semua anggota kecuali content) pada tanda terima jawaban langkahnya; nonce dipublikasikan saat pembukaan.';

const bidIdParam = { name: 'bidId', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f-]{36}$' } };

export const bidsPaths = {
  '/api/packages/{id}/bids': {
    get: {
      operationId: 'listBidReceipts',
      summary:
        'Tanda terima penawaran tersegel: id, komitmen SHA-256, waktu, status. Isi penawaran tidak pernah ada di sini; nama penyedia tampil setelah pembukaan (atau untuk penawarannya sendiri)',
      description: COMMITMENT,
      parameters: [idParam],
      responses: { 200: { description: 'Tanda terima', content: json('BidReceiptList') }, ...errorResponses(...AUTH_READ, ...WITH_ID) },
    },
  },
  '/api/packages/{id}/bids/{bidId}/document': {
    get: {
      operationId: 'downloadBidDocument',
      summary:
        'Dokumen penawaran: penawar pemiliknya kapan saja; pejabat yang ditugaskan dan auditor setelah pembukaan dan verifikasi (sebelumnya 409 bid_sealed); penyedia lain 403',
      description: `Byte persis dokumen yang dikirim penawar (content.document.contentBase64 didekode). ${COMMITMENT}`,
      parameters: [idParam, bidIdParam],
      responses: {
        200: {
          description: 'Berkas dokumen dengan jenis media yang dikirim penyedia (Content-Disposition: attachment)',
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } }, '*/*': { schema: { type: 'string', format: 'binary' } } },
        },
        ...errorResponses(...AUTH_READ, ...WITH_ID, 409),
      },
    },
  },
  '/api/packages/{id}/bids/{bidId}/own': {
    get: {
      operationId: 'getOwnBid',
      summary:
        'Penawaran milik pemanggil sendiri (identitas dari token), kapan saja: isi, nonce, dan teks persis yang di-hash — untuk memeriksa komitmen; 404 bagi siapa pun selain penawarnya',
      description: COMMITMENT,
      parameters: [idParam, bidIdParam],
      responses: { 200: { description: 'Penawaran sendiri', content: json('OwnBid') }, ...errorResponses(...AUTH_READ, ...WITH_ID, 409) },
    },
  },
};

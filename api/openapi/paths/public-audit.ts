/** /api/public/audit (no token): the audit chain in public form, for verification anywhere (api/routes/public-audit.ts). */
import { z } from 'zod';
import { PublicAnchorsQuery, PublicAuditEntriesQuery, PublicChainQuery } from '../../routes/public-audit';
import { errorResponses, idParam, isoTime, json, PUBLIC_READ, queryParams, WITH_ID } from '../common';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const pos = z.number().int().min(1);
const epochMs = z.number().int().describe('Waktu peristiwa dalam milidetik epoch (nilai persis yang di-hash)');

export const PublicAuditHead = z
  .strictObject({
    pos: z.number().int().nullable().describe('Posisi entri terakhir; null bila jejak masih kosong'),
    hash: sha256.describe('Hash entri terakhir (kepala rantai); bandingkan dengan salinan yang diterbitkan di tempat lain'),
    count: z.number().int().min(0).describe('Jumlah entri seluruh rantai (semua paket)'),
    hashVersion: z.literal('pengadaan-audit-v3').describe('Format entri baru: satu rantai per paket (v3); entri v1/v2 tetap di rantai global lama'),
    asOf: isoTime.describe('Waktu jawaban ini (bukan waktu entri kepala)'),
    legacy: z
      .strictObject({ pos, hash: sha256 })
      .nullable()
      .describe('Entri terakhir rantai global lama (v1/v2, sebelum rantai per paket); null bila tidak ada'),
    anchor: z
      .strictObject({ seq: z.number().int().min(1), at: epochMs, hash: sha256 })
      .nullable()
      .describe('Jangkar terakhir kepala-kepala paket; hash-nya mengikat kepala setiap paket. null sebelum jangkar pertama'),
  })
  .meta({ id: 'PublicAuditHead' });

const PublicAuditEntryV2 = z.strictObject({
  pos,
  v: z.literal(2),
  packageId: z.string(),
  workflowId: z.string(),
  seqRef: sha256.describe('SHA-256 dari garam per entri dan nomor urut peristiwa dalam paket (nomor urut polos akan menghitung entri tersegel dari celahnya)'),
  at: epochMs,
  actorRef: sha256.nullable().describe('SHA-256 dari garam per entri dan id pelaku; id pelaku dan garam tidak dipublikasikan. null: peristiwa sistem'),
  actorRole: z.string().nullable(),
  action: z.string(),
  stageId: z.string(),
  payloadHash: sha256,
  bodyHash: sha256.describe('SHA-256 JSON kanonik {action, actorRef, actorRole, at, packageId, payloadHash, seqRef, stageId, workflowId}'),
  prevHash: sha256,
  hash: sha256.describe('SHA-256 JSON kanonik {bodyHash, prevHash, v: "pengadaan-audit-v2"}'),
});
const PublicAuditEntryV3 = z.strictObject({
  pos,
  v: z.literal(3),
  packageId: z.string(),
  workflowId: z.string(),
  seqRef: sha256.describe('Seperti v2'),
  at: epochMs,
  actorRef: sha256.nullable().describe('Seperti v2'),
  actorRole: z.string().nullable(),
  action: z.string(),
  stageId: z.string(),
  payloadHash: sha256,
  bodyHash: sha256.describe('Seperti v2'),
  prevRef: sha256.describe('SHA-256 JSON kanonik {linkKey, prevHash, v: "pengadaan-audit-prev-v3"}: pengganti prevHash di dalam hash'),
  hash: sha256.describe('SHA-256 JSON kanonik {bodyHash, prevRef, v: "pengadaan-audit-v3"}'),
  prevHash: sha256
    .optional()
    .describe('Hash entri v3 sebelumnya dari paket yang sama (entri pertama: genesis paket); hanya bila tidak ada lagi langkah tersegel yang belum dibuka'),
  linkKey: sha256.optional().describe('Kunci sambungan entri (SHA-256 dari garamnya); hanya bersama prevHash'),
});
const PublicAuditEntryV1 = z.strictObject({
  pos,
  v: z.literal(1),
  packageId: z.string(),
  workflowId: z.string(),
  at: epochMs,
  actorRole: z.string().nullable(),
  action: z.string(),
  stageId: z.string(),
  payloadHash: sha256,
  prevHash: sha256,
  hash: sha256.describe('Format lama (pengadaan-audit-v1): mencakup id pelaku, jadi hanya sambungannya yang dapat diperiksa publik'),
});

export const PublicAuditEntries = z
  .strictObject({
    packageId: z.string(),
    stage: z.strictObject({ id: z.string(), name: z.string() }),
    sealedStepsUnopened: z.boolean().describe('Definisi paket punya langkah tersegel (penawaran) yang belum dibuka: entrinya belum ditampilkan di sini'),
    anchoredHead: z
      .strictObject({ anchor: z.number().int().min(1), pos, hash: sha256 })
      .nullable()
      .describe('Kepala rantai paket pada jangkar terakhir yang memuatnya; null selama ada langkah tersegel yang belum dibuka atau sebelum dijangkarkan'),
    actionNames: z
      .record(z.string(), z.string())
      .describe('Nama langkah (dari definisi paket) untuk kode langkah pada halaman ini; hanya untuk tampilan, tidak ikut di-hash'),
    stageNames: z
      .record(z.string(), z.string())
      .describe('Nama tahap (dari definisi paket) untuk kode tahap pada halaman ini; hanya untuk tampilan, tidak ikut di-hash'),
    data: z.array(z.discriminatedUnion('v', [PublicAuditEntryV3, PublicAuditEntryV2, PublicAuditEntryV1])),
    nextAfterPos: z.number().int().nullable().describe('afterPos halaman berikutnya; null pada halaman terakhir'),
  })
  .meta({ id: 'PublicAuditEntries', description: 'Entri publik satu paket: tanpa id pelaku, tanpa entri langkah tersegel sebelum pembukaannya' });

export const PublicAuditChainPage = z
  .strictObject({
    data: z.array(
      z.strictObject({
        pos,
        v: z.union([z.literal(1), z.literal(2), z.literal(3)]),
        prevHash: sha256.nullable().describe('null untuk v3: sambungannya ke entri paket sebelumnya tidak ditunjukkan di halaman rantai'),
        prevRef: sha256.optional().describe('Hanya v3: nilai pengganti prevHash yang dicakup hash'),
        bodyHash: sha256.nullable().describe('null untuk entri format lama (v1)'),
        hash: sha256,
      }),
    ),
    nextAfterPos: z.number().int().nullable().describe('afterPos halaman berikutnya; null pada halaman terakhir saat ini'),
  })
  .meta({ id: 'PublicAuditChainPage', description: 'Rantai dalam bentuk sambungan saja (tanpa id paket), untuk menghitung ulang setiap hash sampai kepala' });

export const PublicAuditAnchorPage = z
  .strictObject({
    data: z.array(
      z.strictObject({
        seq: z.number().int().min(1),
        at: epochMs,
        prevHash: sha256.describe('Hash jangkar sebelumnya (jangkar pertama: 64 nol)'),
        headsHash: sha256.describe('SHA-256 JSON kanonik [{hash, pos}, …] urut pos'),
        hash: sha256.describe('SHA-256 JSON kanonik {at, headsHash, prevHash, seq, v: "pengadaan-audit-anchor-v1"}'),
        heads: z.array(z.strictObject({ pos, hash: sha256 })).describe('Kepala paket yang bergerak sejak jangkar sebelumnya (tanpa id paket)'),
      }),
    ),
    nextAfterSeq: z.number().int().nullable().describe('afterSeq halaman berikutnya; null pada halaman terakhir saat ini'),
  })
  .meta({ id: 'PublicAuditAnchorPage', description: 'Jangkar berantai kepala-kepala rantai paket' });

export const publicAuditPaths = {
  '/api/public/audit/head': {
    get: {
      operationId: 'getPublicAuditHead',
      security: [],
      summary: 'Publik (tanpa token): kepala rantai jejak audit — posisi, hash, jumlah entri',
      responses: { 200: { description: 'Kepala rantai', content: json('PublicAuditHead') }, ...errorResponses(...PUBLIC_READ) },
    },
  },
  '/api/public/audit/packages/{id}': {
    get: {
      operationId: 'getPublicAuditEntries',
      security: [],
      summary:
        'Publik (tanpa token): entri jejak audit satu paket dalam bentuk publik (pelaku sebagai actorRef bergaram, tanpa id pelaku); entri langkah tersegel tidak ditampilkan sampai pembukaannya',
      parameters: [idParam, ...queryParams(PublicAuditEntriesQuery)],
      responses: { 200: { description: 'Entri paket', content: json('PublicAuditEntries') }, ...errorResponses(...PUBLIC_READ, ...WITH_ID) },
    },
  },
  '/api/public/audit/anchors': {
    get: {
      operationId: 'getPublicAuditAnchors',
      security: [],
      summary: 'Publik (tanpa token): jangkar rantai per paket sesudah afterSeq, masing-masing dengan kepala paket sebagai {pos, hash}',
      parameters: queryParams(PublicAnchorsQuery),
      responses: { 200: { description: 'Halaman jangkar', content: json('PublicAuditAnchorPage') }, ...errorResponses(...PUBLIC_READ) },
    },
  },
  '/api/public/audit/chain': {
    get: {
      operationId: 'getPublicAuditChain',
      security: [],
      summary: 'Publik (tanpa token): halaman rantai sesudah afterPos, setiap entri sebagai {pos, v, prevHash, bodyHash, hash}',
      parameters: queryParams(PublicChainQuery),
      responses: { 200: { description: 'Halaman rantai', content: json('PublicAuditChainPage') }, ...errorResponses(...PUBLIC_READ) },
    },
  },
};

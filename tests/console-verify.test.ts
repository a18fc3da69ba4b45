/**
 * The console's "Verifikasi penawaran saya" (web/src/bids/verify.ts) recomputes a sealed bid's commitment in the
 * browser with WebCrypto. It is a second, independent implementation of domain/sealing/COMMITMENT.md, so it is pinned
 * here against the server's own: receipts made by the real `sealBid` (in-memory store, real envelope encryption),
 * for plain prices, a bid with a document, non-ASCII text and keys in any order, must recompute to the same hash and
 * the same canonical text; a changed price, nonce, vendor, package or document must not. The receipt file the
 * console downloads must read back to the same verdict.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { SealedBidRow, SealedBidStore } from '../db/queries/sealed-bids';
import { COMMITMENT_SCHEME as SERVER_SCHEME, commitmentInputOf, commitmentOf } from '../domain/sealing/commitment';
import { LocalKeyProvider } from '../runtime/crypto/key-provider';
import { openBid, sealBid } from '../runtime/crypto/sealed-bid';
import { parseReceiptFile, receiptFileText, receiptRecord } from '../web/src/bids/receipts';
import { canonicalJson, COMMITMENT_SCHEME, commitmentText, recomputeCommitment, verifyCommitment } from '../web/src/bids/verify';

function memoryStore(): SealedBidStore & { rows: Map<string, SealedBidRow> } {
  const rows = new Map<string, SealedBidRow>();
  return {
    rows,
    insert: async (r) => void rows.set(r.id, r),
    load: async (ids) => ids.map((id) => rows.get(id)).filter((r): r is SealedBidRow => !!r),
    setStatus: async (id, status) => void (rows.get(id) && rows.set(id, { ...rows.get(id)!, status })),
    remove: async (id) => void rows.delete(id),
  };
}

const keys = new LocalKeyProvider([{ id: 'verify1', key: randomBytes(32) }]);
const packageId = 'PKT-2026-VERIFY01';

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096), Buffer.from('\n%%EOF\n')]).toString('base64');

/** Payloads as the console's forms send them. */
const CASES: { name: string; vendorId: string; action: string; content: Record<string, unknown> }[] = [
  { name: 'a price alone', vendorId: 'vendor.karya', action: 'submit_bid', content: { price: 1_450_000_000 } },
  { name: 'price and duration, keys in reverse order', vendorId: 'vendor.tirta', action: 'submit_bid', content: { durationDays: 120, price: 1_399_999_999 } },
  {
    name: 'a bid with a document',
    vendorId: 'vendor.cisadane',
    action: 'submit_bid',
    content: { price: 1_500_000_000, document: { fileName: 'penawaran.pdf', mediaType: 'application/pdf', contentBase64: pdf } },
  },
  {
    name: 'non-ASCII text (Indonesian, Javanese script, emoji, quotes, a line break)',
    vendorId: 'vendor.karya',
    action: 'submit_technical',
    content: {
      metodeKerja: 'Beton pracetak — “mutu K-350”, ꦥꦼꦔꦢꦄꦤ꧀, 工程 🚧\nbaris kedua \\ "kutip" é',
      items: [
        { uraian: 'Galian tanah', volume: 12.5, satuan: 'm³' },
        { uraian: 'Ñandú', volume: 0.1 },
      ],
      garansi: true,
      catatan: null,
    },
  },
];

describe('console bid verification (web/src/bids/verify.ts) against the server commitment', () => {
  it('names the same scheme as the server', () => {
    assert.equal(COMMITMENT_SCHEME, SERVER_SCHEME);
  });

  for (const c of CASES) {
    it(`recomputes the server's receipt for ${c.name}`, async () => {
      const store = memoryStore();
      const receipt = await sealBid(store, keys, { packageId, action: c.action, vendorId: c.vendorId, content: c.content });
      assert.ok(receipt.nonce && receipt.commitmentInput, 'the receipt gives back the nonce and the hashed fields');

      // Same canonical text and same hash as the server's functions, from the receipt and the vendor's own payload.
      const copy = JSON.parse(JSON.stringify(c.content)) as Record<string, unknown>; // what the browser kept
      const text = commitmentText(receipt.commitmentInput, copy);
      assert.equal(text, commitmentInputOf({ packageId, action: c.action, vendorId: c.vendorId, content: c.content, nonce: receipt.nonce }));
      assert.equal(await recomputeCommitment(receipt.commitmentInput, copy), receipt.commitment);
      const ok = await verifyCommitment(receipt.commitmentInput, copy, receipt.commitment);
      assert.deepEqual(ok, { match: true, recomputed: receipt.commitment, published: receipt.commitment });

      // The sealed row opens to the same content under the same commitment (what the opening publishes).
      const opened = await openBid(keys, store.rows.get(receipt.bidId), { packageId, vendorId: c.vendorId, commitment: receipt.commitment });
      assert.ok(opened.ok);
      assert.equal(await recomputeCommitment({ ...receipt.commitmentInput, nonce: opened.nonce }, opened.content), receipt.commitment);
    });
  }

  it('does not match a changed price, nonce, vendor, package, step or document', async () => {
    const store = memoryStore();
    const doc = CASES[2]!;
    const receipt = await sealBid(store, keys, { packageId, action: doc.action, vendorId: doc.vendorId, content: doc.content });
    const f = receipt.commitmentInput;
    const tampered: [string, Parameters<typeof verifyCommitment>[0], Record<string, unknown>][] = [
      ['price + 1', f, { ...doc.content, price: (doc.content.price as number) + 1 }],
      ['price as text', f, { ...doc.content, price: String(doc.content.price) }],
      ['another nonce', { ...f, nonce: randomBytes(32).toString('base64') }, doc.content],
      ['another vendor', { ...f, vendorId: 'vendor.tirta' }, doc.content],
      ['another package', { ...f, packageId: 'PKT-2026-VERIFY02' }, doc.content],
      ['another step', { ...f, action: 'submit_price' }, doc.content],
      ['one byte of the document', f, { ...doc.content, document: { ...(doc.content.document as object), contentBase64: `A${pdf.slice(1)}` } }],
      ['a member added', f, { ...doc.content, note: '' }],
    ];
    for (const [what, fields, content] of tampered) {
      const v = await verifyCommitment(fields, content, receipt.commitment);
      assert.equal(v.match, false, `${what} must not match`);
      assert.notEqual(v.recomputed, receipt.commitment);
      // and the server's own function agrees it is a different commitment
      assert.equal(v.recomputed, commitmentOf({ ...fields, content }), `${what}: same hash as the server would compute`);
    }
  });

  it('canonical JSON matches the server on edge values', async () => {
    const { canonicalJson: serverCanonical } = await import('../domain/hashing');
    const values: unknown[] = [
      { b: 1, a: [3, { z: undefined, y: 'ÿ', Y: 'Y' }], c: -0, d: 1e21, e: 0.1 + 0.2, f: '\u2028\u0000' },
      { '': 1, é: 2, e: 3, '😀': 4, ｚ: 5 },
      [undefined, null, true, 'x'],
    ];
    for (const v of values) assert.equal(canonicalJson(v), serverCanonical(v));
  });

  it('reads its own receipt file back to the same verdict', async () => {
    const store = memoryStore();
    const c = CASES[3]!;
    const receipt = await sealBid(store, keys, { packageId, action: c.action, vendorId: c.vendorId, content: c.content });
    const record = receiptRecord(packageId, receipt, c.content, { packageTitle: 'Rehabilitasi Jaringan Irigasi' });
    const back = parseReceiptFile(receiptFileText(record));
    assert.equal(back.bidId, receipt.bidId);
    assert.deepEqual(back.commitmentInput, receipt.commitmentInput);
    assert.equal((await verifyCommitment(back.commitmentInput, back.content!, receipt.commitment)).match, true);
    // The step's answer saved by hand ({receipt, payload}) reads too.
    const raw = parseReceiptFile(JSON.stringify({ receipt, payload: c.content }));
    assert.equal((await verifyCommitment(raw.commitmentInput!, raw.content!, receipt.commitment)).match, true);
    // A file without the nonce, or not a receipt at all, is refused with a message.
    assert.throws(() => parseReceiptFile(JSON.stringify({ bidId: randomUUID(), commitment: receipt.commitment, content: c.content })), /nonce/);
    assert.throws(() => parseReceiptFile('{"hello":1}'), /tanda terima|komitmen/);
    assert.throws(() => parseReceiptFile('not json'), /JSON/);
  });
});

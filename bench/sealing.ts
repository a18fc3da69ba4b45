/**
 * Cost of sealing: seal and open one bid (envelope encryption, commitment, an in-memory store so only the crypto is
 * timed) and the Temporal payload codec on a package view of typical size. Prints per-operation figures.
 * Run: npx tsx bench/sealing.ts
 */
import { performance } from 'node:perf_hooks';
import type { SealedBidRow, SealedBidStore } from '../db/queries/sealed-bids';
import { generateKeyRingSpec, LocalKeyProvider, parseKeyRing } from '../runtime/crypto/key-provider';
import { EncryptionCodec } from '../runtime/crypto/payload-codec';
import { openBid, sealBid } from '../runtime/crypto/sealed-bid';

const rows = new Map<string, SealedBidRow>();
const store: SealedBidStore = {
  insert: async (r) => void rows.set(r.id, r),
  load: async (ids) => ids.flatMap((id) => (rows.has(id) ? [rows.get(id)!] : [])),
  setStatus: async () => {},
  remove: async (id) => void rows.delete(id),
};

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function main() {
  const keys = new LocalKeyProvider(parseKeyRing(generateKeyRingSpec('bench')));
  const doc = Buffer.alloc(48 * 1024, 7).toString('base64'); // the largest document the API body limit allows
  const content = { price: 1_713_572_468, durationDays: 120, document: { fileName: 'p.pdf', mediaType: 'application/pdf', contentBase64: doc } };
  const n = 2000;
  const seal: number[] = [];
  const open: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    const r = await sealBid(store, keys, { packageId: 'pkt-bench0001', action: 'submit_bid', vendorId: `v${i}`, content });
    seal.push(performance.now() - t);
    t = performance.now();
    const o = await openBid(keys, rows.get(r.bidId), { packageId: 'pkt-bench0001', vendorId: `v${i}`, commitment: r.commitment });
    open.push(performance.now() - t);
    if (!o.ok) throw new Error('open failed');
  }
  console.log(`seal a 48 KB bid: p50 ${pct(seal, 50).toFixed(3)} ms, p99 ${pct(seal, 99).toFixed(3)} ms (n=${n})`);
  console.log(`open and verify it: p50 ${pct(open, 50).toFixed(3)} ms, p99 ${pct(open, 99).toFixed(3)} ms (n=${n})`);

  const codec = await EncryptionCodec.create(keys);
  const view = Buffer.from(JSON.stringify({ data: Array.from({ length: 200 }, (_, i) => ({ by: `vendor-${i}`, price: i * 1000, note: 'x'.repeat(100) })) }));
  const payload = { metadata: { encoding: new TextEncoder().encode('json/plain') }, data: view };
  const codecMs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await codec.decode(await codec.encode([payload]));
    codecMs.push(performance.now() - t);
  }
  console.log(
    `codec encode+decode of a ${(view.length / 1024).toFixed(0)} KB payload: p50 ${pct(codecMs, 50).toFixed(3)} ms, p99 ${pct(codecMs, 99).toFixed(3)} ms (n=${n})`,
  );
}

void main();

/**
 * Sealed means sealed in the database too, tried as an attacker with read access to every table would try it: while
 * the bid window is open, take every hash-looking value anywhere in the database (64-hex runs and every byte-aligned
 * 32-byte window of longer hex/bytea values, base64 digests) and hash every candidate price over 80–100% of the HPS
 * (every Rp1.000, as bids are usually rounded) in every form the code could have hashed it — the Idempotency-Key
 * request fingerprint for each vendor (knowing everything in the request but the price), the payload, the content,
 * the bare price. Nothing may match. The attack is checked to work: the same search finds the price once the plain
 * request fingerprint the store used to keep is among the values. The commitment's nonce (in the bidder's receipt)
 * is nowhere in the database in clear either, and a retried bid (same Idempotency-Key) gets its receipt and nonce back.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { tenderBody } from './support/auth-stack';
import { type BidStack, startBidStack } from './support/bid-stack';

const TIME_SCALE = 0.00002; // one day of the schedule ≈ 1.7 s
const HPS = 1_450_000_000;
const STEP = 1_000;
const DOC = { fileName: 'metode-kerja.txt', mediaType: 'text/plain', contentBase64: Buffer.from('Metode kerja: beton pracetak.\n').toString('base64') };
const BIDS = [
  { vendor: 'vendor.karya', payload: { price: 1_287_654_000, durationDays: 120, document: DOC } },
  { vendor: 'vendor.tirta', payload: { price: 1_333_777_000 } },
  { vendor: 'vendor.cisadane', payload: { price: 1_401_234_000, durationDays: 90 } },
];
/** What an attacker would assume about the rest of a bid: no duration, or a usual one. */
const DURATIONS = [undefined, 90, 120];

let stack: BidStack;
let packageId: string;

/** JSON with sorted keys, written here from scratch (the attacker's copy of the server's canonical form). */
function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Every text the server might have hashed for a bid at this price (the attacker's candidate preimages). */
function preimages(price: number, path: string): string[] {
  const out = [String(price), sortedJson({ price }), sortedJson({ payload: { price } })];
  for (const durationDays of DURATIONS) {
    const payload = { price, durationDays };
    out.push(sortedJson(payload), sortedJson(['POST', path, { payload }]));
  }
  return out;
}

/** Hash-looking values in a text: hex digests (also inside longer hex/bytea runs, byte-aligned) and base64 digests. */
function hashLikeValues(text: string, into: Set<string>): void {
  for (const m of text.matchAll(/[0-9a-fA-F]{64,}/g)) {
    const run = m[0].toLowerCase();
    for (let i = 0; i + 64 <= run.length; i += 2) into.add(run.slice(i, i + 64));
  }
  for (const m of text.matchAll(/[A-Za-z0-9+/_-]{43}=?/g)) {
    const b = Buffer.from(m[0].replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (b.length === 32) into.add(b.toString('hex'));
  }
}

/**
 * The brute force: every Rp1.000 from 80 % to 100 % of the HPS, each candidate hashed once in every form; per set of
 * values, the prices whose hashes are in it.
 */
function bruteForce(sets: Set<string>[], path: string): { found: number[][]; guesses: number } {
  const found: number[][] = sets.map(() => []);
  let guesses = 0;
  for (let price = Math.ceil((HPS * 0.8) / STEP) * STEP; price <= HPS; price += STEP) {
    guesses++;
    const hashes = preimages(price, path).map((t) => sha(t).toString('hex'));
    sets.forEach((set, i) => {
      if (hashes.some((h) => set.has(h))) found[i]!.push(price);
    });
  }
  return { found, guesses };
}

async function everyTableAsText(): Promise<Map<string, string>> {
  const tables = (await stack.db('pg_tables').where({ schemaname: 'public' }).select('tablename')).map((t) => t.tablename as string);
  const out = new Map<string, string>();
  for (const t of tables) {
    const rows = await stack.db.raw(`SELECT row_to_json(x)::text AS j FROM "${t}" x`);
    out.set(t, rows.rows.map((r: { j: string }) => r.j).join('\n'));
  }
  return out;
}

before(
  async () => {
    stack = await startBidStack({ timeScale: TIME_SCALE, security: { authFailuresPerMin: 0, bidsPerMin: 0 } });
    packageId = await stack.createPackage(
      tenderBody('Kebocoran Basis Data Penawaran Tertutup', { hps: HPS, schedule: { registrationDays: 4, clarificationDays: 1, bidSubmissionDays: 5 } }),
    );
  },
  { timeout: 120_000 },
);

after(
  async () => {
    await stack?.close();
  },
  { timeout: 60_000 },
);

describe('sealed bids in the database, before the opening', () => {
  test('no value in any table lets a price be found by trying every price over 80–100% of the HPS', { timeout: 240_000 }, async () => {
    assert.equal((await stack.call('pokja.sari', 'POST', `/api/packages/${packageId}/tasks/announce`, { body: { payload: {} } })).status, 200);
    for (const b of BIDS) {
      const r = await stack.call(b.vendor, 'POST', `/api/packages/${packageId}/tasks/register`, { body: { payload: {} } });
      assert.equal(r.status, 200, r.text);
    }
    await stack.waitForStage(packageId, 'bid_submission');
    const path = `/api/packages/${packageId}/tasks/submit_bid`;
    const receipts = new Map<string, { bidId: string; nonce: string; commitment: string }>();
    for (const b of BIDS) {
      // As the console sends a step: with an Idempotency-Key, so a retry cannot bid twice.
      const key = `bid-${b.vendor}-${packageId}`;
      const first = await stack.call(b.vendor, 'POST', path, { body: { payload: b.payload }, headers: { 'Idempotency-Key': key } });
      assert.equal(first.status, 200, first.text);
      receipts.set(b.vendor, first.body.receipt);
      const again = await stack.call(b.vendor, 'POST', path, { body: { payload: b.payload }, headers: { 'Idempotency-Key': key } });
      assert.equal(again.status, 200, again.text);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.body.receipt, first.body.receipt, 'a retry gets the same receipt, nonce included');
    }
    const dump = await everyTableAsText();
    const live = await stack.waitForStage(packageId, 'bid_submission', 1_000);
    assert.equal(live.stage.id, 'bid_submission', 'the database was read before the opening');
    assert.equal(
      Number(
        (
          await stack
            .db('idempotency_keys')
            .whereIn(
              'key',
              BIDS.map((b) => `bid-${b.vendor}-${packageId}`),
            )
            .count({ n: '*' })
        )[0]!.n,
      ),
      BIDS.length,
      'the idempotency store holds the three bids (what used to leak)',
    );

    const values = new Set<string>();
    for (const text of dump.values()) hashLikeValues(text, values);
    assert.ok(values.size > 0, 'the database holds hash-looking values (commitments, the audit chain)');
    // The attack is checked to work: with the plain request fingerprint the store kept before (SHA-256 of the
    // canonical request), the same search finds the price.
    const tirta = BIDS[1]!;
    const plainFingerprint = sha(sortedJson(['POST', path, { payload: tirta.payload }])).toString('hex');
    const t0 = Date.now();
    const attack = bruteForce([values, new Set([plainFingerprint])], path);
    assert.ok(attack.guesses > 290_000, `${attack.guesses} guesses`);
    assert.deepEqual(attack.found[1], [tirta.payload.price], 'the brute force finds a price from a plain fingerprint');
    assert.deepEqual(attack.found[0], [], `prices found in the database by brute force (${attack.guesses} guesses, ${Date.now() - t0} ms)`);

    // The nonce is the bidder's: in the database only inside the ciphertext, in no form an attacker could read.
    for (const [vendor, r] of receipts) {
      assert.match(r.nonce, /^[A-Za-z0-9+/]{43}=$/, `${vendor}: the receipt carries the 32-byte nonce`);
      const raw = Buffer.from(r.nonce, 'base64');
      const forms = [r.nonce, raw.toString('hex'), raw.toString('base64url'), JSON.stringify(r.nonce).slice(1, -1)];
      for (const [table, text] of dump) {
        for (const f of forms) assert.ok(!text.toLowerCase().includes(f.toLowerCase()), `table ${table} holds ${vendor}'s nonce in clear`);
      }
    }
  });
});

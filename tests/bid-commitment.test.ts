/**
 * A bidder can verify its own bid, and anyone can recompute a commitment from the documented scheme
 * (domain/sealing/COMMITMENT.md), against the real app, an in-process worker, Temporal and PostgreSQL:
 *  - the receipt of a sealed bid carries the nonce and every member of the hashed object but the bidder's own payload;
 *    a second implementation written here from the document (canonical JSON + WebCrypto `crypto.subtle.digest`, as a
 *    browser does it) gives back the commitment, for a bid with a document and one without;
 *  - the bidder reads its own bid back (`…/bids/{bidId}/own`: content, nonce, the exact hashed text) and downloads its
 *    own document byte for byte, before and after the opening; other vendors get 404/403, officers 409 bid_sealed
 *    before the opening;
 *  - after the opening the package publishes the same nonce, and the Pokja's download is the same bytes.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { buildOpenApi } from '../api/openapi';
import { after, before, describe, test } from 'node:test';
import { tenderBody } from './support/auth-stack';
import { type BidStack, startBidStack } from './support/bid-stack';

const TIME_SCALE = 0.00002; // one day of the schedule ≈ 1.7 s
const DOC_BYTES = Buffer.concat([Buffer.from('Metode kerja: beton pracetak, ümlaut ✓.\n'), randomBytes(64)]);
const DOC = { fileName: 'metode-kerja.zip', mediaType: 'application/zip', contentBase64: DOC_BYTES.toString('base64') };
const BIDS: { vendor: string; payload: Record<string, unknown> }[] = [
  // Members deliberately out of order: the commitment does not depend on the order they were sent in.
  { vendor: 'vendor.karya', payload: { document: DOC, price: 1_287_654_321, durationDays: 120 } },
  { vendor: 'vendor.tirta', payload: { price: 1_333_777_999 } },
  { vendor: 'vendor.cisadane', payload: { price: 1_401_234_567, durationDays: 90 } },
];

interface Receipt {
  bidId: string;
  commitment: string;
  receivedAt: string;
  scheme: string;
  nonce: string;
  commitmentInput: Record<string, unknown>;
}

let stack: BidStack;
let packageId: string;

/** The step answer and the own-bid answer as the OpenAPI document describes them (strict objects). */
const BASE = 'https://pengadaan.test/openapi.json';
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema({ ...JSON.parse(JSON.stringify(buildOpenApi())), $id: BASE });
function conforms(schema: string, value: unknown): void {
  const validate = ajv.compile({ $ref: `${BASE}#/components/schemas/${schema}` });
  assert.ok(validate(value), `${schema}: ${ajv.errorsText(validate.errors)}`);
}
const receipts = new Map<string, Receipt>();

/** Canonical JSON as COMMITMENT.md states it (sorted keys by UTF-16 code units, JSON.stringify for scalars). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** SHA-256 as a browser computes it. */
async function webSha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function download(as: string, bidId: string): Promise<{ status: number; bytes: Buffer; type: string | null; body: any }> {
  const res = await fetch(`${stack.baseUrl}/api/packages/${packageId}/bids/${bidId}/document`, {
    headers: { authorization: `Bearer ${await stack.tokenOf(as)}` },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    body = undefined;
  }
  return { status: res.status, bytes, type: res.headers.get('content-type'), body };
}

before(
  async () => {
    stack = await startBidStack({ timeScale: TIME_SCALE, security: { authFailuresPerMin: 0, bidsPerMin: 0 } });
    packageId = await stack.createPackage(
      tenderBody('Verifikasi Komitmen Penawaran', { schedule: { registrationDays: 4, clarificationDays: 1, bidSubmissionDays: 4 } }),
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

describe('bid commitments a bidder and a third party can recompute', () => {
  test('the receipt carries the nonce; the commitment recomputes from the documented scheme with WebCrypto', { timeout: 120_000 }, async () => {
    assert.equal((await stack.call('pokja.sari', 'POST', `/api/packages/${packageId}/tasks/announce`, { body: { payload: {} } })).status, 200);
    for (const b of BIDS)
      assert.equal((await stack.call(b.vendor, 'POST', `/api/packages/${packageId}/tasks/register`, { body: { payload: {} } })).status, 200);
    await stack.waitForStage(packageId, 'bid_submission');
    for (const b of BIDS) {
      const r = await stack.call(b.vendor, 'POST', `/api/packages/${packageId}/tasks/submit_bid`, { body: { payload: b.payload } });
      assert.equal(r.status, 200, r.text);
      const receipt = r.body.receipt as Receipt;
      receipts.set(b.vendor, receipt);
      conforms('BidReceipt', receipt);
      assert.equal(receipt.scheme, 'pengadaan-bid-commitment-v1');
      assert.equal(Buffer.from(receipt.nonce, 'base64').length, 32, 'a 32-byte nonce in standard base64');
      assert.equal(Buffer.from(receipt.nonce, 'base64').toString('base64'), receipt.nonce, 'padded standard base64');
      assert.deepEqual(receipt.commitmentInput, { v: 1, packageId, action: 'submit_bid', vendorId: b.vendor, nonce: receipt.nonce });
      // The bidder's own copy of what it sent, plus the receipt: nothing else is needed.
      const text = canonical({ ...receipt.commitmentInput, content: b.payload });
      assert.ok(text.startsWith('{"action":"submit_bid","content":{'), text.slice(0, 60));
      assert.equal(await webSha256Hex(text), receipt.commitment, `${b.vendor}: recomputed from the receipt and its own payload`);
      // The price is the bidder's; it is not echoed back in the answer.
      assert.ok(!r.text.includes(String(b.payload.price)), 'the answer does not repeat the price');
    }
    // Another member order, another nonce or another vendor gives another commitment (the check can fail).
    const karya = receipts.get('vendor.karya')!;
    assert.notEqual(await webSha256Hex(canonical({ ...karya.commitmentInput, vendorId: 'vendor.tirta', content: BIDS[0]!.payload })), karya.commitment);
    assert.notEqual(await webSha256Hex(canonical({ ...karya.commitmentInput, content: { ...BIDS[0]!.payload, price: 1_287_654_322 } })), karya.commitment);
    assert.notEqual(
      await webSha256Hex(JSON.stringify({ ...karya.commitmentInput, content: BIDS[0]!.payload })),
      karya.commitment,
      'unsorted JSON is not the input',
    );
  });

  test('before the opening the bidder reads its own bid and document; others do not', { timeout: 60_000 }, async () => {
    for (const b of BIDS) {
      const receipt = receipts.get(b.vendor)!;
      const own = await stack.call(b.vendor, 'GET', `/api/packages/${packageId}/bids/${receipt.bidId}/own`);
      assert.equal(own.status, 200, own.text);
      conforms('OwnBid', own.body);
      assert.deepEqual(own.body.content, b.payload);
      assert.equal(own.body.nonce, receipt.nonce);
      assert.equal(own.body.commitment, receipt.commitment);
      assert.equal(own.body.vendorId, b.vendor);
      assert.equal(own.body.step, 'submit_bid');
      assert.equal(own.body.canonicalInput, canonical({ ...receipt.commitmentInput, content: b.payload }), 'the exact hashed text');
      assert.equal(await webSha256Hex(own.body.canonicalInput), receipt.commitment);
    }
    const karya = receipts.get('vendor.karya')!;
    const mine = await download('vendor.karya', karya.bidId);
    assert.equal(mine.status, 200);
    assert.equal(mine.type, 'application/zip');
    assert.ok(mine.bytes.equals(DOC_BYTES), 'the bidder downloads its own document byte for byte');

    // Other vendors: neither the bid nor its document.
    const other = await stack.call('vendor.tirta', 'GET', `/api/packages/${packageId}/bids/${karya.bidId}/own`);
    assert.equal(other.status, 404, other.text);
    assert.equal(other.body.error.code, 'bid_not_found');
    assert.ok(!other.text.includes(karya.nonce));
    const otherDoc = await download('vendor.tirta', karya.bidId);
    assert.equal(otherDoc.status, 403);
    assert.equal(otherDoc.body.error.code, 'not_assigned');
    // Officers: sealed until the opening, not even through "own".
    assert.equal((await stack.call('pokja.sari', 'GET', `/api/packages/${packageId}/bids/${karya.bidId}/own`)).status, 404);
    for (const officer of ['pokja.sari', 'auditor.rina']) {
      const d = await download(officer, karya.bidId);
      assert.equal(d.status, 409, `${officer}: ${d.bytes.toString()}`);
      assert.equal(d.body.error.code, 'bid_sealed');
    }
    // A bid without a document: the bidder is told so.
    const tirta = await download('vendor.tirta', receipts.get('vendor.tirta')!.bidId);
    assert.equal(tirta.status, 404);
    assert.equal(tirta.body.error.code, 'bid_has_no_document');
  });

  test('after the opening the published nonce is the receipt’s, and every download is the same bytes', { timeout: 120_000 }, async () => {
    await stack.waitForStage(packageId, 'bid_opening');
    assert.equal((await stack.call('pokja.sari', 'POST', `/api/packages/${packageId}/tasks/open_bids`, { body: { payload: {} } })).status, 200);
    const live = await stack.waitForStage(packageId, 'evaluation');
    const opened = live.data.bids as { by: string; bidId: string; nonce: string; commitment: string; price: number }[];
    assert.equal(opened.length, BIDS.length);
    for (const b of BIDS) {
      const receipt = receipts.get(b.vendor)!;
      const pub = opened.find((x) => x.by === b.vendor)!;
      assert.equal(pub.nonce, receipt.nonce, `${b.vendor}: the published nonce is the one in the receipt`);
      assert.equal(pub.commitment, receipt.commitment);
      assert.equal(pub.price, b.payload.price);
    }
    // A third party with the opened content of a bid without a document recomputes its commitment.
    const tirta = receipts.get('vendor.tirta')!;
    const pub = opened.find((x) => x.by === 'vendor.tirta')!;
    assert.equal(
      await webSha256Hex(canonical({ v: 1, packageId, action: 'submit_bid', vendorId: 'vendor.tirta', nonce: pub.nonce, content: { price: pub.price } })),
      tirta.commitment,
    );

    const karya = receipts.get('vendor.karya')!;
    for (const who of ['vendor.karya', 'pokja.sari']) {
      const d = await download(who, karya.bidId);
      assert.equal(d.status, 200, `${who}: ${d.status}`);
      assert.ok(d.bytes.equals(DOC_BYTES), `${who}: the same bytes`);
    }
    assert.equal((await download('vendor.tirta', karya.bidId)).status, 403, 'another vendor never gets the document');
  });
});

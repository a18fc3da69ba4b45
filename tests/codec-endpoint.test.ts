/**
 * The remote codec for the Temporal Web UI and CLI (issue 15 point 10), on the real app, an in-process worker and
 * client that encrypt every payload as the start command's do, the run's Temporal server and PostgreSQL:
 *  - only admins and auditors: 401 without a token, 403 for a PPK and a vendor, 200 for admin and auditor;
 *  - decode(encode(x)) gives x back, the encoded form is the workers' (the in-process codec on the same key ring opens
 *    it), and a payload from a real history decodes to the JSON the workflow saw (the package input, the sealed step);
 *  - sealed bids stay sealed: a package with a bid of a distinctive price, its whole history decoded through the
 *    endpoint as an auditor, holds the bid's commitment and never its price or nonce;
 *  - CORS: a preflight from the configured UI origin answers with the origin, credentials and the headers the UI
 *    sends; another origin gets no CORS header at all; CODEC_CORS_ORIGINS and its defaults;
 *  - bad bodies: structured 400/415/422 in Bahasa Indonesia, a foreign or tampered ciphertext 422 naming the payload;
 *  - the Temporal CLI (`temporal workflow show --codec-endpoint … --codec-auth "Bearer …"`) shows the decoded history.
 */
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { codecCorsOrigins } from '../api/codec-cors';
import { defaultKeyProvider, generateKeyRingSpec, LocalKeyProvider, parseKeyRing } from '../runtime/crypto/key-provider';
import { ENCRYPTED_ENCODING, EncryptionCodec } from '../runtime/crypto/payload-codec';
import { tenderBody } from './support/auth-stack';
import { type BidStack, startBidStack } from './support/bid-stack';
import { testServices } from './support/services';

const UI_ORIGIN = 'https://temporal-ui.codec-uji.test';
const OTHER_ORIGIN = 'https://situs-lain.codec-uji.test';
const TITLE = 'Uji Codec Temporal Rehabilitasi Gorong-gorong Jl. Daan Mogot';
const PRICE = 1_327_946_185; // distinctive digits: must never appear in a decoded history before the opening
const PRICE_FORMS = [String(PRICE), PRICE.toLocaleString('id-ID'), PRICE.toLocaleString('en-US')];
const TIME_SCALE = 0.00004; // one day ≈ 3.5 s: the 30-day bid window stays open for the whole file

type Json = any;
interface WirePayload {
  metadata?: Record<string, string>;
  data?: string;
}

const enc = new TextEncoder();
const b64 = (s: string) => Buffer.from(s).toString('base64');
const fromB64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64').toString('utf8');
const toWire = (p: temporal.api.common.v1.IPayload): WirePayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});
const jsonPayload = (value: unknown): WirePayload => ({ metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify(value)) });

let stack: BidStack;
let raw: Client;
let packageId: string;
let receipt: { bidId: string; commitment: string; nonce: string };
const savedOrigins = process.env.CODEC_CORS_ORIGINS;

const codecCall = (as: string | null, op: 'decode' | 'encode', body: unknown, headers: Record<string, string> = {}) =>
  stack.call(as, 'POST', `/codec/${op}`, { body, headers: { 'x-namespace': 'default', ...headers } });

/** Every Payload anywhere in a history, in order. */
function payloadsIn(node: unknown, out: temporal.api.common.v1.IPayload[] = []): temporal.api.common.v1.IPayload[] {
  if (!node || typeof node !== 'object' || node instanceof Uint8Array) return out;
  const o = node as Record<string, unknown>;
  if (o.data instanceof Uint8Array && o.metadata && typeof o.metadata === 'object') {
    out.push(o);
    return out;
  }
  for (const v of Object.values(o)) (Array.isArray(v) ? v : [v]).forEach((x) => payloadsIn(x, out));
  return out;
}

/** The package's history as the server stores it, decoded through the endpoint as `as`, in batches like the UI's. */
async function decodedHistory(as: string): Promise<{ stored: temporal.api.common.v1.IPayload[]; decoded: WirePayload[] }> {
  const history = await raw.workflow.getHandle(`paket-${packageId}`).fetchHistory();
  const stored = payloadsIn(history);
  const decoded: WirePayload[] = [];
  for (let i = 0; i < stored.length; i += 100) {
    const r = await codecCall(as, 'decode', { payloads: stored.slice(i, i + 100).map(toWire) });
    assert.equal(r.status, 200, r.text.slice(0, 500));
    decoded.push(...r.body.payloads);
  }
  return { stored, decoded };
}

before(
  async () => {
    process.env.CODEC_CORS_ORIGINS = UI_ORIGIN; // read when the app is built
    stack = await startBidStack({ timeScale: TIME_SCALE, security: { authFailuresPerMin: 0, bidsPerMin: 0 }, codec: true });
    raw = new Client({ connection: await Connection.connect({ address: testServices().temporalAddress }) }); // sees ciphertext
    packageId = await stack.createPackage(tenderBody(TITLE, { schedule: { registrationDays: 2, clarificationDays: 1, bidSubmissionDays: 30 } }));
    assert.equal((await stack.call('pokja.sari', 'POST', `/api/packages/${packageId}/tasks/announce`, { body: { payload: {} } })).status, 200);
    const registered = await stack.call('vendor.karya', 'POST', `/api/packages/${packageId}/tasks/register`, { body: { payload: {} } });
    assert.equal(registered.status, 200, registered.text);
    await stack.waitForStage(packageId, 'bid_submission', 90_000);
    const bid = await stack.call('vendor.karya', 'POST', `/api/packages/${packageId}/tasks/submit_bid`, {
      body: { payload: { price: PRICE, durationDays: 120 } },
      headers: { 'Idempotency-Key': `codec-uji-${Date.now()}` },
    });
    assert.equal(bid.status, 200, bid.text);
    receipt = bid.body.receipt;
    assert.match(receipt.commitment, /^[0-9a-f]{64}$/);
  },
  { timeout: 180_000 },
);

after(
  async () => {
    if (savedOrigins === undefined) delete process.env.CODEC_CORS_ORIGINS;
    else process.env.CODEC_CORS_ORIGINS = savedOrigins;
    await raw?.connection.close().catch(() => undefined);
    await stack?.close();
  },
  { timeout: 60_000 },
);

describe('who may use the codec', () => {
  const body = { payloads: [jsonPayload({ uji: 'akses' })] };

  test('401 without a token, 403 for a PPK and a vendor, 200 for admin and auditor', async () => {
    for (const op of ['decode', 'encode'] as const) {
      const anonymous = await codecCall(null, op, body);
      assert.equal(anonymous.status, 401, anonymous.text);
      assert.equal(anonymous.body.error.code, 'unauthenticated');
      assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer');
      for (const who of ['ppk.budi', 'vendor.karya']) {
        const refused = await codecCall(who, op, body);
        assert.equal(refused.status, 403, `${who} ${op}: ${refused.text}`);
        assert.equal(refused.body.error.code, 'forbidden_role');
        assert.deepEqual(refused.body.error.details.required, ['admin', 'auditor']);
      }
      for (const who of ['admin.lpse', 'auditor.rina']) {
        const allowed = await codecCall(who, op, body);
        assert.equal(allowed.status, 200, `${who} ${op}: ${allowed.text}`);
        assert.equal(allowed.body.payloads.length, 1);
      }
    }
  });
});

describe('decode and encode', () => {
  test("decode(encode(x)) is x; the encoded form is the workers' codec on the same key ring", async () => {
    const x = [jsonPayload({ paket: 'uji', nilai: 42, teks: 'Rp1.000 — ✓' }), { metadata: { encoding: b64('binary/null') }, data: '' }];
    const encoded = await codecCall('admin.lpse', 'encode', { payloads: x });
    assert.equal(encoded.status, 200, encoded.text);
    const [sealed, nothing] = encoded.body.payloads as WirePayload[];
    assert.equal(fromB64(sealed!.metadata!.encoding), ENCRYPTED_ENCODING);
    assert.ok(!fromB64(sealed!.data).includes('paket'), 'the data is ciphertext');
    assert.deepEqual(nothing, x[1], 'a binary/null payload stays as it is (the codec leaves it)');
    // The in-process codec the worker and API build from the same key ring opens what the endpoint encoded.
    const worker = await EncryptionCodec.create(defaultKeyProvider());
    const metadata = Object.fromEntries(Object.entries(sealed!.metadata!).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
    const [opened] = await worker.decode([{ metadata, data: Buffer.from(sealed!.data!, 'base64') }]);
    assert.deepEqual(JSON.parse(Buffer.from(opened!.data!).toString()), { paket: 'uji', nilai: 42, teks: 'Rp1.000 — ✓' });

    const decoded = await codecCall('auditor.rina', 'decode', encoded.body);
    assert.equal(decoded.status, 200, decoded.text);
    assert.deepEqual(decoded.body.payloads, x);
    // A payload that is not encrypted (histories from before the codec) passes through decode unchanged.
    const plain = await codecCall('auditor.rina', 'decode', { payloads: [x[0]] });
    assert.deepEqual(plain.body.payloads, [x[0]]);
  });

  test('a payload from a real workflow history decodes to the JSON the workflow saw', async () => {
    const { stored, decoded } = await decodedHistory('auditor.rina');
    // As stored, the title is nowhere readable (the input is ciphertext); decoded through the endpoint, it is there.
    assert.ok(!stored.some((p) => Buffer.from(p.data ?? []).includes(Buffer.from(TITLE))), 'the stored history is ciphertext');
    assert.ok(
      stored.some((p) => Buffer.from(p.metadata?.encoding ?? []).toString() === ENCRYPTED_ENCODING),
      'the history is encrypted',
    );
    const values = decoded.filter((p) => fromB64(p.metadata?.encoding) === 'json/plain').map((p) => JSON.parse(fromB64(p.data)));
    // The workflow's input: the package as the API started it.
    const input = values.find((v) => v?.packageId === packageId && v?.facts);
    assert.ok(input, 'the package input decodes');
    assert.equal(input.facts.title, TITLE);
    assert.equal(input.createdBy.id, 'ppk.budi');
    // The sealed step exactly as the workflow received it: the envelope, nothing else.
    const step = values.find((v) => v?.action === 'submit_bid');
    assert.ok(step, 'the submit_bid update decodes');
    assert.equal(step.actor.id, 'vendor.karya');
    assert.deepEqual(step.payload, { sealedBid: { id: receipt.bidId, commitment: receipt.commitment } });
  });

  test('sealed bids stay sealed: the decoded history has the commitment, never the price or the nonce', async () => {
    const { decoded } = await decodedHistory('auditor.rina');
    const text = decoded.map((p) => fromB64(p.data)).join('\n');
    assert.ok(text.includes(receipt.commitment), 'the commitment is in the decoded history');
    assert.ok(text.includes(receipt.bidId));
    for (const form of PRICE_FORMS) assert.ok(!text.includes(form), `the price ${form} is not in the decoded history`);
    assert.ok(!text.includes(receipt.nonce), 'the nonce is not in the decoded history');
    // The check can fail: the price is in what the vendor sent, and the encoded form of it decodes back to it.
    const own = await codecCall('admin.lpse', 'encode', { payloads: [jsonPayload({ price: PRICE })] });
    const back = await codecCall('admin.lpse', 'decode', own.body);
    assert.ok(fromB64(back.body.payloads[0].data).includes(String(PRICE)));
  });
});

describe('CORS for the Temporal Web UI', () => {
  const preflight = (origin: string, path = '/codec/decode') =>
    fetch(stack.baseUrl + path, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace,authorization' },
    });

  test('a preflight from the configured UI origin is answered with the origin, credentials and the headers', async () => {
    for (const path of ['/codec/decode', '/codec/encode']) {
      const r = await preflight(UI_ORIGIN, path);
      assert.equal(r.status, 204);
      assert.equal(r.headers.get('access-control-allow-origin'), UI_ORIGIN);
      assert.equal(r.headers.get('access-control-allow-credentials'), 'true');
      assert.match(r.headers.get('access-control-allow-methods') ?? '', /\bPOST\b/);
      const allowed = (r.headers.get('access-control-allow-headers') ?? '')
        .toLowerCase()
        .split(',')
        .map((h) => h.trim());
      for (const h of ['content-type', 'x-namespace', 'authorization']) assert.ok(allowed.includes(h), `${h} allowed (${allowed.join(',')})`);
      assert.match(r.headers.get('vary') ?? '', /Origin/i);
    }
    // The answer itself (and a refusal, so the UI can show it) carries the origin too.
    const answer = await codecCall('auditor.rina', 'decode', { payloads: [] }, { origin: UI_ORIGIN });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.headers.get('access-control-allow-origin'), UI_ORIGIN);
    const refusal = await codecCall('ppk.budi', 'decode', { payloads: [] }, { origin: UI_ORIGIN });
    assert.equal(refusal.status, 403);
    assert.equal(refusal.headers.get('access-control-allow-origin'), UI_ORIGIN);
  });

  test('another origin gets no CORS header, and the rest of the API none either', async () => {
    const r = await preflight(OTHER_ORIGIN);
    assert.equal(r.headers.get('access-control-allow-origin'), null);
    assert.equal(r.headers.get('access-control-allow-credentials'), null);
    const answer = await codecCall('auditor.rina', 'decode', { payloads: [] }, { origin: OTHER_ORIGIN });
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
    const api = await stack.call('auditor.rina', 'GET', '/api/tasks', { headers: { origin: UI_ORIGIN } });
    assert.equal(api.status, 200);
    assert.equal(api.headers.get('access-control-allow-origin'), null, 'the UI origin is trusted for /codec only');
  });

  test('CODEC_CORS_ORIGINS: the dev server UI by default, none in production, origins only', () => {
    assert.deepEqual(codecCorsOrigins({}), ['http://localhost:8233', 'http://127.0.0.1:8233']);
    assert.deepEqual(codecCorsOrigins({ TEMPORAL_UI_PORT: '9233' }), ['http://localhost:9233', 'http://127.0.0.1:9233']);
    assert.deepEqual(codecCorsOrigins({ NODE_ENV: 'production' }), []);
    assert.deepEqual(codecCorsOrigins({ APP_ENV: 'production', CODEC_CORS_ORIGINS: ' https://ui.example.go.id , https://ui2.example.go.id:8443' }), [
      'https://ui.example.go.id',
      'https://ui2.example.go.id:8443',
    ]);
    for (const bad of ['*', 'https://ui.example.go.id/', 'https://ui.example.go.id/codec', 'ui.example.go.id', 'ftp://ui.example.go.id']) {
      assert.throws(() => codecCorsOrigins({ CODEC_CORS_ORIGINS: bad }), /CODEC_CORS_ORIGINS/, bad);
    }
  });
});

describe('bad input', () => {
  const expectError = (r: { status: number; body: Json; text: string }, status: number, code: string) => {
    assert.equal(r.status, status, r.text);
    assert.deepEqual(Object.keys(r.body.error).sort(), ['code', 'details', 'message']);
    assert.equal(r.body.error.code, code, r.text);
    return r.body.error;
  };

  test('a body that is not the protocol is a structured 4xx in Bahasa Indonesia, and echoes nothing', async () => {
    // No list at all is an empty one (proto JSON leaves empty lists out: the CLI sends `{}` for an event without payloads).
    const none = await codecCall('admin.lpse', 'decode', {});
    assert.equal(none.status, 200, none.text);
    assert.deepEqual(none.body, { payloads: [] });
    const notList = expectError(await codecCall('admin.lpse', 'decode', { payloads: 'x' }), 422, 'validation_failed');
    assert.match(notList.message, /tidak valid/);
    assert.deepEqual(
      notList.details.issues.map((i: Json) => i.path),
      ['payloads'],
    );
    expectError(await codecCall('admin.lpse', 'decode', { paylods: [] }), 422, 'validation_failed');
    const notBase64 = expectError(await codecCall('admin.lpse', 'decode', { payloads: [{ data: 'bukan base64!' }] }), 422, 'validation_failed');
    assert.deepEqual(
      notBase64.details.issues.map((i: Json) => [i.path, i.message]),
      [['payloads.0.data', 'harus berupa base64']],
    );
    expectError(await codecCall('admin.lpse', 'encode', { payloads: [{ data: '', rahasia: 1 }] }), 422, 'validation_failed');
    expectError(await codecCall('admin.lpse', 'encode', { payloads: 'x' }), 422, 'validation_failed');
    const tooMany = { payloads: Array.from({ length: 1001 }, () => ({ data: '' })) };
    expectError(await codecCall('admin.lpse', 'encode', tooMany), 422, 'validation_failed');
    const token = await stack.tokenOf('admin.lpse');
    const post = (body: string, contentType: string) =>
      fetch(`${stack.baseUrl}/codec/decode`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body }).then(
        async (r) => ({ status: r.status, text: await r.clone().text(), body: await r.json() }),
      );
    expectError(await post('{"payloads":', 'application/json'), 400, 'malformed_json');
    expectError(await post('{"payloads":[]}', 'text/plain'), 415, 'unsupported_media_type');
  });

  test('a tampered ciphertext or one from another key ring is 422 naming the payload, never its content', async () => {
    const encoded = await codecCall('admin.lpse', 'encode', { payloads: [jsonPayload({ a: 1 }), jsonPayload({ rahasia: 'JANGAN-BOCOR' })] });
    const [first, second] = encoded.body.payloads as WirePayload[];
    const bytes = Buffer.from(second!.data!, 'base64');
    bytes[20]! ^= 0xff;
    const broken = { payloads: [first, { ...second, data: bytes.toString('base64') }] };
    const tampered = expectError(await codecCall('auditor.rina', 'decode', broken), 422, 'codec_decode_failed');
    assert.deepEqual(tampered.details, { index: 1, reason: 'undecryptable' });
    assert.match(tampered.message, /Payload ke-1 tidak dapat didekripsi/);
    const foreign = await EncryptionCodec.create(new LocalKeyProvider(parseKeyRing(generateKeyRingSpec('asing'))));
    const [alien] = await foreign.encode([{ metadata: { encoding: enc.encode('json/plain') }, data: enc.encode('{"rahasia":"JANGAN-BOCOR"}') }]);
    const unknown = expectError(await codecCall('auditor.rina', 'decode', { payloads: [toWire(alien!)] }), 422, 'codec_decode_failed');
    assert.deepEqual(unknown.details, { index: 0, reason: 'unknown_key' });
    assert.ok(!JSON.stringify(unknown).includes('JANGAN-BOCOR'));
  });
});

describe('the Temporal CLI with --codec-endpoint', () => {
  test('temporal workflow show decodes the history through the endpoint; without it, ciphertext', { timeout: 60_000 }, async (t) => {
    const cli = process.env.TEMPORAL_CLI_PATH;
    if (!cli) return t.skip('TEMPORAL_CLI_PATH is not set (bin/test.ts sets it)');
    const run = promisify(execFile);
    const { temporalAddress } = testServices();
    const args = ['workflow', 'show', '--workflow-id', `paket-${packageId}`, '--address', temporalAddress, '--namespace', 'default', '--detailed'];
    const token = await stack.tokenOf('auditor.rina');
    const codecArgs = ['--codec-endpoint', `${stack.baseUrl}/codec`, '--codec-auth', `Bearer ${token}`];
    const withCodec = await run(cli, [...args, ...codecArgs], { maxBuffer: 64 * 1024 * 1024 });
    assert.ok(withCodec.stdout.includes(`input[0].facts.title: ${TITLE}`), `the decoded workflow input shows its fields: ${withCodec.stdout.slice(0, 2000)}`);
    assert.ok(withCodec.stdout.includes(receipt.commitment), 'the decoded sealed step shows its commitment');
    for (const form of PRICE_FORMS) assert.ok(!withCodec.stdout.includes(form), 'never the price');
    const without = await run(cli, args, { maxBuffer: 64 * 1024 * 1024 });
    assert.ok(!without.stdout.includes(TITLE), 'without the codec the CLI sees ciphertext only');
  });
});

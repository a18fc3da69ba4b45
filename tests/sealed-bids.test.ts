/**
 * Sealed means sealed, proved on the REAL start command (Temporal dev server, embedded PostgreSQL, worker and API as
 * separate processes, payload codec on, TIME_SCALE so a day lasts about 1.7 s):
 *
 *  - while the bid window is open, three bids (distinctive prices, one with a document carrying a marker string) are
 *    searched for in every API answer (every GET as every demo role, admin included, plus the bid answers
 *    themselves), in the worker and API logs, in the workflow history as stored (raw) AND decoded with the codec
 *    (only the envelope may be there), and in every table of the database: no price, no marker;
 *  - receipts carry a SHA-256 commitment and, for the bidder alone, its nonce (in no other answer, log, history or
 *    table before the opening); the document of a sealed bid is refused to everybody but its bidder (409 bid_sealed);
 *  - one bid's ciphertext is altered in PostgreSQL before the opening: the opening rejects and records it;
 *  - after the opening the Pokja sees the prices, each opened bid recomputes to its receipt's commitment, and the
 *    Pokja downloads the decrypted document with the marker; a vendor may not.
 */
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import knex, { type Knex } from 'knex';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commitmentOf } from '../domain/sealing/commitment';
import { defaultKeyProvider } from '../runtime/crypto/key-provider';
import { ENCRYPTED_ENCODING, EncryptionCodec } from '../runtime/crypto/payload-codec';
import { allocatePorts, logTails, redactTokens, type Stack, type StackPorts, startStack } from './support/start-stack';
import { type Api, api, expectStatus, type HookContext, type HttpResult, recordResponses, runTender } from './support/tender-http-driver';

const TIME_SCALE = 0.00002;
const MARKER = `RAHASIA-PENAWARAN-${randomBytes(6).toString('hex')}`;
const DOC_TEXT = `Dokumen penawaran teknis.\n${MARKER}\nMetode kerja: beton pracetak.\n`;
const DOC = { fileName: 'penawaran-teknis.txt', mediaType: 'text/plain', contentBase64: Buffer.from(DOC_TEXT).toString('base64') };
const BIDS = [
  { vendor: 'vendor.karya', price: 1_713_572_468, durationDays: 120, document: DOC }, // lowest within the HPS
  { vendor: 'vendor.tirta', price: 1_824_681_357, durationDays: 150 },
  { vendor: 'vendor.cisadane', price: 1_906_420_753, durationDays: 100 }, // tampered with before the opening
];
const TAMPERED = 'vendor.cisadane';
/** What must not appear anywhere before the opening: each price (plain and with thousands separators) and the marker. */
const SECRETS = [...BIDS.flatMap((b) => [String(b.price), b.price.toLocaleString('id-ID'), b.price.toLocaleString('en-US')]), MARKER, DOC.contentBase64];
const ROLES_TO_ASK = ['ppk.budi', 'pokja.sari', 'kpa.hendra', 'vendor.karya', 'vendor.tirta', 'auditor.rina', 'admin.lpse'];

function leaks(where: string, text: string): string[] {
  return SECRETS.filter((s) => text.includes(s)).map((s) => `${where} contains ${s === MARKER ? 'the marker' : s}`);
}

describe('sealed bids on the real start command', { timeout: 300_000 }, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-sealed-'));
  let ports: StackPorts;
  let stack: Stack | undefined;
  let a: Api;
  let db: Knex;
  let rawClient: Client;
  let codec: EncryptionCodec;
  const answers: HttpResult[] = [];
  let failed = false;

  before(async () => {
    ports = await allocatePorts();
    stack = await startStack({ dataDir, ports, timeScale: String(TIME_SCALE), readyTimeoutMs: 120_000 });
    a = api(stack.baseUrl, { dataDir });
    db = knex({ client: 'pg', connection: `postgres://postgres:postgres@127.0.0.1:${ports.embeddedPgPort}/pengadaan`, pool: { min: 0, max: 2 } });
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporalPort}` });
    rawClient = new Client({ connection }); // sees payloads as the server stores them
    // The same key ring the stack uses (ENCRYPTION_KEYS from the test run), to look inside the encrypted payloads.
    codec = await EncryptionCodec.create(defaultKeyProvider());
  });

  after(async () => {
    recordResponses(undefined);
    await db?.destroy();
    await rawClient?.connection.close().catch(() => undefined);
    if (stack) {
      const res = await stack.stop(30_000).catch(() => undefined);
      if (!res || res.timedOut) stack.kill();
    }
    if (failed) console.error(`${redactTokens(stack?.output() ?? '')}\n${logTails(dataDir, 80)}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('nothing reveals a bid before the opening; the Pokja sees verified bids after it', async () => {
    try {
      await run();
    } catch (e) {
      failed = true;
      throw e;
    }
  });

  async function searchEverything(ctx: HookContext): Promise<void> {
    const id = ctx.packageId;
    // 1. Every GET answer, as every role, admin included.
    const paths = [
      `/api/packages/${id}`,
      '/api/packages?pageSize=100',
      `/api/packages/${id}/bids`,
      `/api/packages/${id}/documents`,
      '/api/tasks',
      '/api/notifications',
      '/api/dashboard/summary?fiscalYear=2026',
      '/api/dashboard/stages?fiscalYear=2026',
      `/api/audit?packageId=${id}`,
    ];
    for (const who of ROLES_TO_ASK) for (const p of paths) await a.as(who).get(p);
    const receipts = expectStatus(await a.as('admin.lpse').get(`/api/packages/${id}/bids`), 200).body.items as {
      bidId: string;
      commitment: string;
      vendorId?: string;
    }[];
    assert.equal(receipts.length, BIDS.length, 'one receipt per bid');
    for (const r of receipts) {
      assert.match(r.commitment, /^[0-9a-f]{64}$/);
      assert.equal(r.vendorId, undefined, 'who bid stays hidden from others before the opening');
      // Nobody gets a sealed bid's document, not the admin, not the Pokja.
      for (const who of ['admin.lpse', 'pokja.sari', 'auditor.rina']) {
        const doc = await a.as(who).get(`/api/packages/${id}/bids/${r.bidId}/document`);
        assert.ok(doc.status === 409 || doc.status === 403, `${who} got ${doc.status} for a sealed document`);
      }
    }
    // A vendor sees its own receipt and nothing of the other bids: not who, how many or when (the vendor view).
    for (const b of BIDS) {
      const own = expectStatus(await a.as(b.vendor).get(`/api/packages/${id}/bids`), 200).body.items as { vendorId?: string }[];
      assert.deepEqual(
        own.map((r) => r.vendorId),
        [b.vendor],
        `${b.vendor} sees only its own receipt`,
      );
      const detail = expectStatus(await a.as(b.vendor).get(`/api/packages/${id}`), 200).text;
      for (const other of BIDS.filter((x) => x.vendor !== b.vendor))
        assert.ok(!detail.includes(other.vendor), `${b.vendor} sees ${other.vendor} before the opening`);
    }
    const problems = answers.flatMap((r) => leaks(`${r.method} ${r.path} (${r.status})`, r.text));
    // Each bidder got its commitment's nonce in its own answer, and nowhere else may it be before the opening.
    const nonces = answers.flatMap((r) => (r.body?.receipt?.nonce ? [r.body.receipt.nonce as string] : []));
    assert.equal(nonces.length, BIDS.length, 'every receipt carries its nonce');
    const nonceIn = (where: string, text: string) => nonces.filter((n) => text.includes(n)).map(() => `${where} contains a bid's nonce`);
    problems.push(...answers.filter((r) => !r.body?.receipt).flatMap((r) => nonceIn(`${r.method} ${r.path} (${r.status})`, r.text)));

    // 2. The logs of the worker and the API.
    for (const name of ['worker', 'api']) {
      const file = path.join(dataDir, 'logs', `${name}.log`);
      const log = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      problems.push(...leaks(`${name}.log`, log), ...nonceIn(`${name}.log`, log));
    }

    // 3. The workflow history: as stored (encrypted) and decoded with the key ring (only envelopes inside).
    const workflowId = `paket-${id}`;
    const raw = await rawClient.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId } });
    const rawBytes = Buffer.from(temporal.api.history.v1.History.encode(raw.history!).finish());
    problems.push(...SECRETS.filter((s) => rawBytes.includes(Buffer.from(s))).map((s) => `raw history contains ${s}`));
    const payloads = collectPayloads(raw.history);
    assert.ok(payloads.length > 10, 'the history has payloads');
    // Patch markers, a local activity marker's own record (its type, attempt and times) and search attributes are the
    // SDK's and the server's own (the server indexes them); everything the application puts in history goes through the
    // codec, except undefined (binary/null without data: a write that answers nothing has nothing to hide).
    const sdkOwn = (p: string) => /patch-data|searchAttributes|markerRecordedEventAttributes\.details\.data\./.test(p);
    const nothing = (p: temporal.api.common.v1.IPayload) => !p.data?.length && Buffer.from(p.metadata?.encoding ?? []).toString() === 'binary/null';
    const clear = payloads.filter(
      (p) => !sdkOwn(p.path) && !nothing(p.payload) && Buffer.from(p.payload.metadata?.encoding ?? []).toString() !== ENCRYPTED_ENCODING,
    );
    assert.deepEqual(
      clear.map((p) => `${p.path}: ${Buffer.from(p.payload.data ?? []).toString()}`),
      [],
      'every payload in history is encrypted',
    );
    const decodedPayloads = await codec.decode(payloads.map((p) => p.payload));
    const decodedText = decodedPayloads.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n');
    problems.push(...leaks('decoded history', decodedText), ...nonceIn('decoded history', decodedText));
    assert.match(decodedText, /sealedBid/, 'the decoded history holds the envelopes');

    // 4. Every table in the database, as text.
    const tables = (await db('pg_tables').where({ schemaname: 'public' }).select('tablename')).map((t) => t.tablename as string);
    assert.ok(tables.includes('sealed_bids') && tables.includes('package_events'));
    for (const t of tables) {
      const rows = await db.raw(`SELECT row_to_json(x)::text AS j FROM "${t}" x`);
      const text = rows.rows.map((r: { j: string }) => r.j).join('\n');
      problems.push(...leaks(`table ${t}`, text), ...nonceIn(`table ${t}`, text));
    }
    assert.deepEqual(problems, [], 'nothing reveals a bid before the opening');
    // The bidder itself reads its own document back (after the search above: this answer holds the marker).
    const own = answers.find((r) => r.body?.receipt?.commitmentInput?.vendorId === 'vendor.karya')?.body.receipt as { bidId: string } | undefined;
    assert.ok(own, 'vendor.karya got its receipt');
    const ownDoc = await a.as('vendor.karya').get(`/api/packages/${id}/bids/${own.bidId}/document`);
    assert.equal(ownDoc.status, 200, 'the bidder reads its own document before the opening');
    assert.equal(ownDoc.text, DOC_TEXT);

    // Alter one sealed bid at rest (an insider with database rights): the opening must reject it.
    const victim = await db('sealed_bids').where({ package_id: id, vendor_id: TAMPERED }).first();
    const flipped = Buffer.from(victim!.ciphertext);
    flipped[0] = flipped[0]! ^ 0xff;
    await db('sealed_bids').where({ id: victim!.id }).update({ ciphertext: flipped });
  }

  async function run(): Promise<void> {
    recordResponses((r) => answers.push(r));
    const result = await runTender(a, {
      bids: BIDS,
      schedule: { registrationDays: 2, clarificationDays: 2, bidSubmissionDays: 3, objectionDays: 5 },
      afterActions: {
        // The bid answers themselves are in `answers` already; the window is still open here.
        bid_submission: searchEverything,
      },
      onStage: {
        evaluation: async (ctx) => {
          recordResponses(undefined);
          const bidReceipts = new Map(answers.flatMap((r) => (r.body?.receipt ? [[r.body.receipt.bidId as string, r.body.receipt as { nonce: string }]] : [])));
          const live = expectStatus(await a.as('pokja.sari').getPackage(ctx.packageId), 200).body.live!;
          const bids = live.data.bids as { by: string; price: number; nonce: string; commitment: string; bidId: string; document?: { sha256: string } }[];
          const report = live.data.bidOpening as { opened: number; rejected: { vendorId: string; reason: string }[] };
          assert.deepEqual(
            report.rejected.map((r) => [r.vendorId, r.reason]),
            [[TAMPERED, 'decryption_failed']],
            'the altered bid is rejected',
          );
          assert.equal((await db('sealed_bids').where({ package_id: ctx.packageId, vendor_id: TAMPERED }).first())!.status, 'rejected');
          assert.deepEqual(
            bids.map((b) => [b.by, b.price]).sort(),
            BIDS.filter((b) => b.vendor !== TAMPERED)
              .map((b) => [b.vendor, b.price])
              .sort(),
          );
          const receipts = expectStatus(await a.as('vendor.tirta').get(`/api/packages/${ctx.packageId}/bids`), 200).body.items as {
            bidId: string;
            commitment: string;
            vendorId?: string;
          }[];
          for (const b of bids) {
            const sent = BIDS.find((x) => x.vendor === b.by)!;
            const content = { price: sent.price, durationDays: sent.durationDays, ...(sent.document ? { document: sent.document } : {}) };
            // Anyone can check: the published nonce and the original content give back the public commitment.
            const again = commitmentOf({ packageId: ctx.packageId, action: 'submit_bid', vendorId: b.by, content, nonce: b.nonce });
            assert.equal(again, b.commitment);
            assert.equal(receipts.find((r) => r.bidId === b.bidId)?.commitment, again, 'the receipt matches');
            assert.equal(receipts.find((r) => r.bidId === b.bidId)?.vendorId, b.by, 'bidders are named after the opening');
            assert.equal(bidReceipts.get(b.bidId)?.nonce, b.nonce, 'the published nonce is the one the bidder got');
          }
          const karya = bids.find((b) => b.by === 'vendor.karya')!;
          const doc = await a.as('pokja.sari').get(`/api/packages/${ctx.packageId}/bids/${karya.bidId}/document`);
          assert.equal(doc.status, 200);
          assert.ok(doc.text.includes(MARKER), 'the Pokja reads the opened document');
          assert.equal((await a.as('vendor.tirta').get(`/api/packages/${ctx.packageId}/bids/${karya.bidId}/document`)).status, 403);
        },
      },
    });
    assert.equal(result.winner.vendorId, 'vendor.karya');
    assert.equal(result.winner.price, 1_713_572_468);
  }
});

/** Every Payload object anywhere in a history, with where it was. */
function collectPayloads(
  node: unknown,
  out: { path: string; payload: temporal.api.common.v1.IPayload }[] = [],
  at = '',
): { path: string; payload: temporal.api.common.v1.IPayload }[] {
  if (!node || typeof node !== 'object' || node instanceof Uint8Array) return out;
  const o = node as Record<string, unknown>;
  if (o.data instanceof Uint8Array && o.metadata && typeof o.metadata === 'object') {
    out.push({ path: at, payload: o });
    return out;
  }
  for (const [k, v] of Object.entries(o)) {
    if (Array.isArray(v)) v.forEach((x, i) => collectPayloads(x, out, `${at}.${k}[${i}]`));
    else collectPayloads(v, out, `${at}.${k}`);
  }
  return out;
}

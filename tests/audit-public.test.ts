/**
 * The public audit chain (/api/public/audit) on the real app (Temporal + PostgreSQL, in-process worker, TIME_SCALE so
 * a day lasts ~2.6 s), verified by the browser's own verifier (web/src/audit/verify.ts) run under Node against the
 * entries the real read model wrote:
 *  - canonical JSON and hashes: the web module recomputes every stored row of a tender (hash version 3, one chain
 *    per package) — sealed ones included — to the hash PostgreSQL holds, byte for byte the server's canonical text;
 *  - before the opening the package's public entries hold no bid entry (not even a placeholder to count), no actor
 *    id and no salt; chain pages name no package; the browser verification still holds through the sealed entries;
 *    (each entry recomputed; the package's links, which would count the sealed entries, are not shown yet);
 *  - after the opening the bids' entries appear in full, the package's chain is followed from its genesis, and its
 *    head found in the anchor written then (activities/audit-anchor.ts) and followed to the last anchor;
 *  - a row changed in PostgreSQL (as a DBA, triggers off for one transaction) makes the browser verification fail
 *    at exactly that entry; a changed actor id, which the public never sees, is caught by GET /api/audit/verify.
 */
import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { after, before, describe, test } from 'node:test';
import { writeAuditAnchor } from '../activities/audit-anchor';
import { canonicalJson as serverCanonical, publicBodyOf, sha256Hex } from '../domain/audit/chain';
import * as web from '../web/src/audit/verify';
import { type AuthStack, startAuthStack, tenderBody } from './support/auth-stack';

const TIME_SCALE = 0.00003;
const VENDORS = ['vendor.karya', 'vendor.tirta'];

describe('public audit chain', { timeout: 300_000 }, () => {
  let stack: AuthStack;
  let id: string;
  let source: web.PublicAuditSource;
  const rawGet = async (path: string) => {
    const res = await fetch(stack.baseUrl + path);
    return { status: res.status, text: await res.text() };
  };
  const ok = async (who: string, method: string, path: string, body?: unknown) => {
    const r = await stack.request(who, method, path, body);
    assert.equal(r.status, 200, `${method} ${path} as ${who} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    return r.body;
  };
  const step = (who: string, action: string, payload: Record<string, unknown> = {}) => ok(who, 'POST', `/api/packages/${id}/tasks/${action}`, { payload });
  const waitFor = async (stage: string, timeoutMs = 120_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const r = await stack.request('ppk.budi', 'GET', `/api/packages/${id}`);
      if (r.body?.live?.stage?.id === stage) return;
      if (Date.now() > until) throw new Error(`not in ${stage} after ${timeoutMs} ms: ${r.body?.live?.stage?.id}`);
      await new Promise((res) => setTimeout(res, 150));
    }
  };
  const rows = () => stack.db('audit_log').where({ package_id: id }).orderBy('pos');
  /** Changes stored rows as a DBA would: with triggers skipped for this transaction only. */
  const asDba = (fn: (trx: Knex.Transaction) => Promise<unknown>) =>
    stack.db.transaction(async (trx) => {
      await trx.raw('set local session_replication_role = replica');
      await fn(trx);
    });
  /** The package's public entries and every chain page from its first entry, as raw text. */
  const publicTexts = async () => {
    const entries = await rawGet(`/api/public/audit/packages/${id}`);
    assert.equal(entries.status, 200, entries.text);
    const first = (JSON.parse(entries.text) as { data: { pos: number }[] }).data[0]!.pos;
    assert.equal((JSON.parse(entries.text) as { actionNames: Record<string, string> }).actionNames.announce, 'Umumkan Tender', 'steps named by the definition');
    assert.equal(
      (JSON.parse(entries.text) as { stageNames: Record<string, string> }).stageNames.announcement,
      'Pengumuman Pascakualifikasi',
      'stages named by the definition',
    );
    const chain = await rawGet(`/api/public/audit/chain?afterPos=${first - 1}&limit=1000`);
    return {
      entries: JSON.parse(entries.text) as { data: web.PublicEntry[]; sealedStepsUnopened: boolean },
      text: entries.text + chain.text,
      chain: chain.text,
    };
  };

  before(async () => {
    stack = await startAuthStack({ timeScale: TIME_SCALE });
    source = web.publicAuditSource(async (path) => {
      const r = await rawGet(path);
      if (r.status !== 200) throw new Error(`${path} → ${r.status} ${r.text}`);
      return JSON.parse(r.text);
    });
    id = await stack.createPackage(
      tenderBody('Pembangunan Turap Kali Sabi (uji verifikasi jejak audit publik)', {
        schedule: { registrationDays: 2, clarificationDays: 1, bidSubmissionDays: 2 },
      }),
    );
    await step('pokja.sari', 'announce');
    await waitFor('registration');
    for (const v of VENDORS) await step(v, 'register');
    await waitFor('bid_submission');
    await step(VENDORS[0]!, 'submit_bid', { price: 1_333_444_555 });
    await step(VENDORS[1]!, 'submit_bid', { price: 1_222_333_444 });
  });
  after(async () => {
    await stack?.close();
  });

  test('the web module recomputes every stored v3 row, sealed ones too, byte for byte the server canonical JSON', async () => {
    const stored = await rows();
    assert.ok(stored.length >= 8 && stored.every((r) => r.version === 3 && /^[0-9a-f]{64}$/.test(r.salt ?? '')), 'new entries are v3 with a salt');
    assert.equal(new Set(stored.map((r) => r.salt)).size, stored.length, 'every entry has its own salt');
    assert.ok(stored.some((r) => r.action === 'submit_bid'));
    for (const r of stored) {
      // Built from the raw row, not through the server's public-form code.
      const seqRef = sha256Hex(`{"salt":"${r.salt}","seq":${r.seq},"v":"pengadaan-audit-seq-v2"}`);
      const linkKey = sha256Hex(`{"salt":"${r.salt}","v":"pengadaan-audit-link-v3"}`);
      const prevRef = await web.prevRefOf(linkKey, r.prev_hash);
      const e: web.PublicEntryV3 = {
        pos: Number(r.pos),
        v: 3,
        packageId: r.package_id,
        workflowId: r.workflow_id,
        seqRef,
        at: r.at.getTime(),
        actorRef: r.actor_ref,
        actorRole: r.actor_role,
        action: r.action,
        stageId: r.stage_id,
        payloadHash: r.payload_hash,
        bodyHash: '',
        prevRef,
        hash: r.hash,
      };
      const server = publicBodyOf({ ...e, seq: r.seq, salt: r.salt }, r.actor_ref);
      assert.equal(web.canonicalJson(web.bodyOf(e)), serverCanonical(server), `pos ${r.pos}`);
      assert.equal(await web.linkHashV3(prevRef, await web.bodyHashOf(e)), r.hash, `pos ${r.pos} (${r.action})`);
      if (r.actor_id) assert.equal(r.actor_ref, sha256Hex(serverCanonical({ v: 'pengadaan-audit-actor-v2', salt: r.salt, actorId: r.actor_id })));
    }
  });

  test('before the opening: no bid entry, no actor id, no salt; chain pages name no package; the browser check holds', async () => {
    const { entries, text, chain } = await publicTexts();
    const upTo = entries.data[entries.data.length - 1]!.pos; // entries appended after the answer are not in it
    const stored = (await rows()).filter((r) => Number(r.pos) <= upTo);
    assert.equal(entries.sealedStepsUnopened, true);
    assert.deepEqual(
      entries.data.filter((e) => e.action === 'submit_bid'),
      [],
      'bids are not listed, not even as placeholders',
    );
    assert.deepEqual(
      entries.data.map((e) => e.pos),
      stored.filter((r) => r.action !== 'submit_bid').map((r) => Number(r.pos)),
      'every other entry is',
    );
    for (const s of [...new Set(stored.flatMap((r) => [r.actor_id, r.salt]).filter((s) => s !== null))])
      assert.ok(!text.includes(s), `a public answer contains ${s}`);
    assert.ok(!text.includes('actorId') && !text.includes('salt'));
    assert.ok(!text.includes('linkKey') && !entries.data.some((e) => 'prevHash' in e), 'no link of the package shown while bids are sealed');
    assert.ok(!text.includes('"seq"'), 'no plain seq: its gaps would count the bids left out');
    assert.ok(!chain.includes(id) && !chain.includes('packageId'), 'chain pages name no package');
    for (const r of stored.filter((x) => x.action === 'submit_bid')) assert.ok(chain.includes(r.hash), 'the sealed entries are in the chain as links');

    const result = await web.verifyPackage(source, id, { pageSize: 7 });
    assert.equal(result.ok, true, JSON.stringify(result.brokenAt));
    assert.equal(result.packageChain, 'sealed');
    assert.ok(result.entries.every((e) => e.status === 'dihitung_ulang'));
    assert.equal(result.linksChecked, entries.data.length);
  });

  test('after the opening the bid entries appear in full and verify', async () => {
    await waitFor('bid_opening');
    await step('pokja.sari', 'open_bids');
    await waitFor('evaluation');
    const { entries, text } = await publicTexts();
    const upTo = entries.data[entries.data.length - 1]!.pos;
    const stored = (await rows()).filter((r) => Number(r.pos) <= upTo);
    assert.equal(entries.sealedStepsUnopened, false);
    const bids = entries.data.filter((e): e is web.PublicEntryV3 => e.action === 'submit_bid' && e.v === 3);
    assert.equal(bids.length, 2);
    assert.ok(bids.every((b) => b.actorRole === 'penyedia' && /^[0-9a-f]{64}$/.test(b.actorRef ?? '')));
    assert.deepEqual(
      entries.data.map((e) => e.pos),
      stored.map((r) => Number(r.pos)),
    );
    for (const s of [...new Set(stored.flatMap((r) => [r.actor_id, r.salt]).filter((s) => s !== null))])
      assert.ok(!text.includes(s), `a public answer contains ${s}`);
    const anchor = await writeAuditAnchor(stack.db);
    assert.ok(anchor, 'the package moved since the last anchor');
    const result = await web.verifyPackage(source, id);
    assert.equal(result.ok, true, JSON.stringify(result.brokenAt));
    assert.equal(result.packageChain, 'linked');
    assert.ok(result.entries.every((e) => e.status === 'utuh'));
    assert.ok(result.anchored && result.anchored.to >= anchor.seq, JSON.stringify(result.anchored));
  });

  test('a row changed in PostgreSQL fails the browser check at exactly that entry', async () => {
    const stored = await rows();
    const announce = stored.find((r) => r.action === 'announce')!;
    const bid = stored.find((r) => r.action === 'submit_bid')!;
    const serverVerify = async () => (await ok('auditor.rina', 'GET', '/api/audit/verify')) as { ok: boolean; brokenAt: unknown };
    const cases: [string, Record<string, unknown>, typeof announce, boolean][] = [
      ['payload hash', { payload_hash: sha256Hex('palsu') }, announce, true],
      ['actor reference', { actor_ref: sha256Hex('pejabat lain') }, bid, true],
      ['event time', { at: new Date(announce.at.getTime() + 1000) }, announce, true],
    ];
    for (const [what, change, row, publiclyVisible] of cases) {
      try {
        await asDba((trx) => trx('audit_log').where({ pos: row.pos }).update(change));
        const result = await web.verifyPackage(source, id);
        assert.equal(result.ok, !publiclyVisible, what);
        assert.deepEqual(result.brokenAt, { pos: Number(row.pos), reason: 'hash_mismatch' }, what);
        assert.equal(result.entries.find((e) => e.entry.pos === Number(row.pos))?.status, 'rusak', what);
        assert.ok(
          result.entries.filter((e) => e.entry.pos > Number(row.pos)).every((e) => e.status === 'tidak_diperiksa'),
          what,
        );
        assert.ok(
          result.entries.filter((e) => e.entry.pos < Number(row.pos)).every((e) => e.status === 'utuh'),
          what,
        );
        assert.deepEqual((await serverVerify()).brokenAt, { pos: Number(row.pos), reason: 'hash_mismatch' }, `${what}: the server check agrees`);
      } finally {
        await asDba((trx) => trx('audit_log').where({ pos: row.pos }).update({ payload_hash: row.payload_hash, actor_ref: row.actor_ref, at: row.at }));
      }
    }

    // The actor id is not public, so only the server check (which holds the salt) can see it changed.
    try {
      await asDba((trx) => trx('audit_log').where({ pos: announce.pos }).update({ actor_id: 'pokja.agus' }));
      assert.equal((await web.verifyPackage(source, id)).ok, true, 'nothing public changed');
      assert.deepEqual((await serverVerify()).brokenAt, { pos: Number(announce.pos), reason: 'hash_mismatch' });
    } finally {
      await asDba((trx) => trx('audit_log').where({ pos: announce.pos }).update({ actor_id: announce.actor_id }));
    }
    assert.equal((await serverVerify()).ok, true, 'restored');
    assert.equal((await web.verifyPackage(source, id)).ok, true, 'restored');
  });

  test('bad input gets a structured 422, an unknown package 404, anything else under /api/public/audit 404', async () => {
    for (const q of [`packages/${id}?limit=0`, `packages/${id}?afterPos=-1`, 'chain?limit=5000', 'chain?x=1', 'head?x=1', 'packages/PKT-1%27']) {
      const r = await stack.request(null, 'GET', `/api/public/audit/${q}`);
      assert.equal(r.status, 422, q);
      assert.ok(r.body.error.code && r.body.error.message, q);
    }
    const missing = await stack.request(null, 'GET', '/api/public/audit/packages/pkt-tidakada00000001');
    assert.deepEqual([missing.status, missing.body.error.code], [404, 'package_not_found']);
    assert.equal((await stack.request(null, 'GET', '/api/public/audit/lainnya')).status, 404);
    const head = await stack.request(null, 'GET', '/api/public/audit/head');
    const last = await stack.db('audit_log').orderBy('pos', 'desc').first('pos', 'hash');
    assert.ok(head.body.pos >= Number(last!.pos) && head.body.count >= 1 && /^[0-9a-f]{64}$/.test(head.body.hash));
  });
});

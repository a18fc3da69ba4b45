/**
 * Audit hash version 2 and its public form, as pure functions (domain/audit/chain.ts, domain/audit/public.ts) and the
 * browser's verifier (web/src/audit/verify.ts) run under Node:
 *  - the v2 hash format is fixed (two-level: body, then {v, prevHash, bodyHash}); the actor and the seq are covered
 *    only as salted references (actorRef, seqRef), and every salt appendAudit draws is a different one;
 *  - the server's chain check breaks at a v2 entry whose actor id, actor reference, salt or any field was changed;
 *  - the public form never carries the actor id, the salt or the plain seq; chain links carry no package id;
 *  - which entries are sealed follows the definition's `sealedUntil` and the package's data;
 *  - the browser verifier, given public answers built from a chain of v1 then v2 entries, recomputes every v2 entry,
 *    links the v1 ones, and names the first position where a changed answer (field, link, head, order) breaks.
 * The same verifier against entries written by the real read model and the real API: tests/audit-public.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { auditEntryOf } from '../activities/audit';
import {
  actorRefOf,
  type AuditEntry,
  bodyHashOf,
  canonicalJson,
  type ChainedEntry,
  chainEntries,
  entryHash,
  GENESIS_HASH,
  payloadHash,
  publicBodyOf,
  seqRefOf,
  sha256Hex,
  verifyChain,
} from '../domain/audit/chain';
import { chainLinkOf, type PublicEntry, publicEntryOf, sealedEntryTest } from '../domain/audit/public';
import { getDefinition } from '../workflows/definitions';
import * as web from '../web/src/audit/verify';

const T0 = Date.UTC(2026, 11, 1, 2, 0, 0);
const SALT = 'a'.repeat(64);

function entry(i: number, version: 1 | 2, packageId = 'pkt-v2uji0001'): AuditEntry {
  const actor = i % 3 !== 0;
  return {
    packageId,
    workflowId: `paket-${packageId}`,
    seq: i + 1,
    at: T0 + i * 1000,
    actorId: actor ? `pokja.${i}` : null,
    actorRole: actor ? 'pokja' : null,
    action: actor ? 'announce' : 'stage_entered',
    stageId: 'announcement',
    payloadHash: payloadHash({ i }),
    ...(version === 2 ? { version: 2 as const, salt: sha256Hex(`garam-${i}`) } : {}),
  };
}

/** Rows as the database gives them back: v1 entries, then v2 entries, positions with gaps. */
function stored(v1: number, v2: number): ChainedEntry[] {
  const list = [...Array.from({ length: v1 }, (_, i) => entry(i, 1)), ...Array.from({ length: v2 }, (_, i) => entry(v1 + i, 2))];
  return chainEntries(GENESIS_HASH, list).map((e, i) => ({ ...e, pos: 10 + i * 2 }));
}

/** The public answers of /api/public/audit over stored rows, as the routes build them (no HTTP, no database). */
function sourceOver(
  rows: ChainedEntry[],
  packageId: string,
  alter?: { entries?: (e: PublicEntry[]) => void; links?: (l: web.ChainLink[]) => void; headHash?: string },
): web.PublicAuditSource {
  const entries = rows.filter((r) => r.packageId === packageId).map((r) => publicEntryOf(r)) as web.PublicEntry[];
  const links = rows.map(chainLinkOf);
  alter?.entries?.(entries);
  alter?.links?.(links);
  const last = rows[rows.length - 1]!;
  return {
    head: async () => ({ pos: last.pos, hash: alter?.headHash ?? last.hash, count: rows.length }),
    entries: async (_id, afterPos) => ({
      stage: { id: 'announcement', name: 'Pengumuman' },
      sealedStepsUnopened: false,
      data: entries.filter((e) => e.pos > afterPos),
      nextAfterPos: null,
    }),
    chain: async (afterPos, limit) => {
      const page = links.filter((l) => l.pos > afterPos).slice(0, limit);
      return { data: page, nextAfterPos: page.length === limit ? page[page.length - 1]!.pos : null };
    },
    anchors: async () => ({ data: [], nextAfterSeq: null }),
  };
}

describe('audit hash v2', () => {
  test('the v2 format is fixed: actorRef and seqRef from the salt, body hash, then {v, prevHash, bodyHash}', () => {
    const e: AuditEntry = { ...entry(1, 2), salt: SALT, actorId: 'pokja.sari' };
    const actorRef = sha256Hex(`{"actorId":"pokja.sari","salt":"${SALT}","v":"pengadaan-audit-actor-v2"}`);
    const seqRef = sha256Hex(`{"salt":"${SALT}","seq":2,"v":"pengadaan-audit-seq-v2"}`);
    assert.equal(actorRefOf(SALT, 'pokja.sari'), actorRef);
    assert.equal(actorRefOf(SALT, null), null);
    assert.equal(seqRefOf(SALT, 2), seqRef);
    const body =
      `{"action":"announce","actorRef":"${actorRef}","actorRole":"pokja","at":${T0 + 1000},"packageId":"pkt-v2uji0001",` +
      `"payloadHash":"${payloadHash({ i: 1 })}","seqRef":"${seqRef}","stageId":"announcement","workflowId":"paket-pkt-v2uji0001"}`;
    assert.equal(bodyHashOf(publicBodyOf(e, actorRef)), sha256Hex(body));
    assert.equal(entryHash(GENESIS_HASH, e), sha256Hex(`{"bodyHash":"${sha256Hex(body)}","prevHash":"${GENESIS_HASH}","v":"pengadaan-audit-v2"}`));
    assert.notEqual(actorRefOf('b'.repeat(64), 'pokja.sari'), actorRef, 'another salt, another reference');
  });

  test('appendAudit draws a fresh salt for every entry (v3 since issue 14, salted as v2)', () => {
    const events = Array.from({ length: 50 }, (_, i) => ({
      seq: i + 1,
      at: T0,
      type: 'action_performed' as const,
      node: 'x',
      action: 'announce',
      actor: { id: 'pokja.sari', role: 'pokja' as const },
    }));
    const entries = events.map((e) => auditEntryOf('pkt-v2uji0001', 'paket-pkt-v2uji0001', e));
    assert.ok(entries.every((e) => e.version === 3 && /^[0-9a-f]{64}$/.test(e.salt ?? '')));
    assert.equal(new Set(entries.map((e) => e.salt)).size, 50);
    const refs = chainEntries(GENESIS_HASH, entries).map((c) => c.actorRef);
    assert.equal(new Set(refs).size, 50, 'the same official acting 50 times gives 50 unrelated references');
  });

  test('the server check breaks at a v2 entry whose actor, reference, salt or any field changed', () => {
    const rows = stored(2, 6);
    assert.deepEqual(verifyChain(rows).ok, true);
    const target = rows.findIndex((r, i) => i >= 2 && r.actorId !== null);
    const changes: Partial<ChainedEntry>[] = [
      { actorId: 'ppk.budi' },
      { actorRef: sha256Hex('lain') },
      { actorRef: null },
      { salt: SALT },
      { version: 1 },
      { payloadHash: payloadHash({ forged: true }) },
      { at: rows[target]!.at + 1 },
      { seq: rows[target]!.seq + 1 },
      { stageId: 'evaluation' },
    ];
    for (const change of changes) {
      const altered = rows.map((r, i) => (i === target ? { ...r, ...change } : r));
      assert.deepEqual(verifyChain(altered).brokenAt, { pos: rows[target]!.pos, reason: 'hash_mismatch' }, JSON.stringify(change));
    }
  });

  test('the public form never carries the actor id or the salt; links carry no package id', () => {
    const rows = stored(2, 6);
    for (const r of rows) {
      const pub = publicEntryOf(r);
      const text = JSON.stringify(pub);
      if (r.actorId) assert.ok(!text.includes(r.actorId), `pos ${r.pos}: ${text}`);
      if (r.salt) assert.ok(!text.includes(r.salt), `pos ${r.pos}: salt`);
      assert.ok(!('actorId' in pub) && !('salt' in pub) && !('seq' in pub), `pos ${r.pos}: ${Object.keys(pub).join(',')}`);
      assert.deepEqual(Object.keys(chainLinkOf(r)).sort(), ['bodyHash', 'hash', 'pos', 'prevHash', 'v']);
      if (r.version === 2) {
        assert.equal(pub.v, 2);
        assert.equal((pub as { actorRef: string | null }).actorRef, r.actorRef);
      }
    }
  });

  test('entries of a sealed step are sealed until the definition’s sealedUntil path exists', () => {
    const def = getDefinition('tender-pasca-1file')!;
    const bid = { action: 'submit_bid', stageId: 'bid_submission', actorRole: 'penyedia' };
    const reg = { action: 'register', stageId: 'registration', actorRole: 'penyedia' };
    assert.equal(sealedEntryTest(def, { bids: [] })(bid), true);
    assert.equal(sealedEntryTest(def, { bids: [], opening: { at: 1 } })(bid), false);
    assert.equal(sealedEntryTest(def, {})(reg), false, 'registrations are public');
    assert.equal(sealedEntryTest(def, {})({ action: 'stage_entered', stageId: 'bid_submission', actorRole: null }), false);
    assert.equal(sealedEntryTest(undefined, undefined)(reg), true, 'unknown definition: every vendor entry stays hidden');
  });
});

describe('the browser verifier (web/src/audit/verify.ts) under Node', () => {
  test('canonical JSON and hashes agree with the server for every entry', async () => {
    for (const r of stored(0, 6)) {
      const pub = publicEntryOf(r) as web.PublicEntryV2;
      assert.equal(web.canonicalJson(web.bodyOf(pub)), canonicalJson(publicBodyOf(r, r.actorRef ?? null)));
      assert.equal(await web.bodyHashOf(pub), pub.bodyHash);
      assert.equal(await web.linkHash(pub.prevHash, pub.bodyHash), r.hash);
    }
  });

  test('a chain of v1 then v2 entries verifies: v2 recomputed, v1 linked only', async () => {
    const rows = [
      ...stored(3, 5).map((r) => ({ ...r })),
      ...chainEntries(stored(3, 5).at(-1)!.hash, [entry(20, 2, 'pkt-lain00001'), entry(21, 2, 'pkt-lain00001')]).map((e, i) => ({ ...e, pos: 100 + i })),
    ];
    const r = await web.verifyPackage(sourceOver(rows, 'pkt-v2uji0001'), 'pkt-v2uji0001', { pageSize: 3 });
    assert.equal(r.ok, true, JSON.stringify(r.brokenAt));
    assert.deepEqual(
      r.entries.map((e) => e.status),
      ['tertaut', 'tertaut', 'tertaut', 'utuh', 'utuh', 'utuh', 'utuh', 'utuh'],
    );
    assert.equal(r.linksChecked, 10, 'to the head, through the other package');
    assert.equal(r.legacyLinks, 3);
  });

  test('a changed answer breaks the verification at exactly its position', async () => {
    const rows = stored(0, 8);
    const pos = (i: number) => rows[i]!.pos;
    const cases: [string, Parameters<typeof sourceOver>[2], { pos: number; reason: web.Failure }][] = [
      [
        'a field of an entry',
        { entries: (e) => void ((e[4] as { payloadHash: string }).payloadHash = payloadHash('palsu')) },
        { pos: pos(4), reason: 'hash_mismatch' },
      ],
      ['a link whose body changed', { links: (l) => void (l[5]!.bodyHash = sha256Hex('palsu')) }, { pos: pos(5), reason: 'hash_mismatch' }],
      ['a removed link', { links: (l) => void l.splice(3, 1) }, { pos: pos(3), reason: 'entry_not_in_chain' }],
      [
        'two entries swapped in place',
        {
          links: (l) =>
            void ([l[2], l[3]] = [
              { ...l[3]!, pos: l[2]!.pos },
              { ...l[2]!, pos: l[3]!.pos },
            ]),
        },
        { pos: pos(2), reason: 'prev_hash_mismatch' },
      ],
      ['links out of position order', { links: (l) => void l.splice(2, 2, l[3]!, l[2]!) }, { pos: pos(2), reason: 'entry_not_in_chain' }],
      ['another head', { headHash: sha256Hex('kepala lain') }, { pos: pos(7), reason: 'head_mismatch' }],
      ['a v1 link after v2', { links: (l) => void (l[6] = { ...l[6]!, v: 1, bodyHash: null }) }, { pos: pos(6), reason: 'version_regression' }],
    ];
    for (const [what, alter, at] of cases) {
      const r = await web.verifyPackage(sourceOver(rows, 'pkt-v2uji0001', alter), 'pkt-v2uji0001');
      assert.equal(r.ok, false, what);
      assert.deepEqual(r.brokenAt, at, what);
      const statuses = r.entries.map((e) => [e.entry.pos, e.status]);
      for (const [p, s] of statuses) assert.equal(s, (p as number) < at.pos ? 'utuh' : p === at.pos ? 'rusak' : 'tidak_diperiksa', `${what}: pos ${p}`);
    }
  });
});

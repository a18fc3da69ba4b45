/**
 * Audit hash version 3 (one chain per package, domain/audit/chain.ts) and anchors (domain/audit/anchor.ts), as pure
 * functions, with the browser's verifier (web/src/audit/verify.ts) over the public forms the routes build:
 *  - the v3 format is pinned (prevRef from the link key and prevHash, then {v, prevRef, bodyHash}; package genesis);
 *  - a mixed trail verifies: v1/v2 rows in the old global chain, v3 rows of two packages interleaved, each following
 *    its own package; changing a field, deleting a row, reordering two rows or splicing one package's entry into
 *    another is caught at exactly that row;
 *  - anchors chain and cover heads; a changed anchor or head is caught;
 *  - public forms: a v3 link shows prevRef, never prevHash, so links cannot be grouped by package; a package's
 *    entries carry prevHash/linkKey only when opened; the browser follows the package chain and the anchors, and
 *    catches a changed, removed or reordered v3 entry and a changed anchor.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AnchorVerifier, nextAnchor } from '../domain/audit/anchor';
import {
  type AuditEntry,
  type ChainedEntry,
  chainEntries,
  GENESIS_HASH,
  linkKeyOf,
  packageGenesis,
  payloadHash,
  sha256Hex,
  verifyChain,
} from '../domain/audit/chain';
import { chainLinkOf, type PublicEntry, publicEntryOf } from '../domain/audit/public';
import * as web from '../web/src/audit/verify';

const T0 = Date.UTC(2026, 11, 14, 2, 0, 0);
const A = 'pkt-auditv3a0001';
const B = 'pkt-auditv3b0001';

function entry(i: number, packageId: string, version: 1 | 2 | 3): AuditEntry {
  return {
    packageId,
    workflowId: `paket-${packageId}`,
    seq: i + 1,
    at: T0 + i * 1000,
    actorId: i % 2 ? `pokja.${i}` : null,
    actorRole: i % 2 ? 'pokja' : null,
    action: i % 2 ? 'announce' : 'stage_entered',
    stageId: 'announcement',
    payloadHash: payloadHash({ i, packageId }),
    ...(version === 1 ? {} : { version, salt: sha256Hex(`garam-${packageId}-${i}`) }),
  };
}

/** A trail as stored: 2 v1 and 2 v2 rows of A in the global chain, then v3 rows of A and B interleaved. */
function trail(): ChainedEntry[] {
  const legacy = chainEntries(GENESIS_HASH, [entry(0, A, 1), entry(1, A, 1), entry(2, A, 2), entry(3, A, 2)]);
  const a = chainEntries(
    packageGenesis(A),
    [4, 5, 6, 7].map((i) => entry(i, A, 3)),
  );
  const b = chainEntries(
    packageGenesis(B),
    [0, 1, 2].map((i) => entry(i, B, 3)),
  );
  const interleaved = [a[0]!, b[0]!, a[1]!, b[1]!, a[2]!, b[2]!, a[3]!];
  return [...legacy, ...interleaved].map((e, i) => ({ ...e, pos: 100 + i * 2 }));
}

describe('audit hash v3', () => {
  test('the v3 format is fixed: link key from the salt, prevRef, then {v, prevRef, bodyHash}; genesis per package', () => {
    const salt = 'ab'.repeat(32);
    const e: AuditEntry = { ...entry(1, A, 3), salt };
    const [c] = chainEntries(packageGenesis(A), [e]);
    const genesis = sha256Hex(`{"packageId":"${A}","v":"pengadaan-audit-genesis-v3"}`);
    assert.equal(packageGenesis(A), genesis);
    assert.notEqual(packageGenesis(B), genesis);
    const linkKey = sha256Hex(`{"salt":"${salt}","v":"pengadaan-audit-link-v3"}`);
    assert.equal(linkKeyOf(salt), linkKey);
    const prevRef = sha256Hex(`{"linkKey":"${linkKey}","prevHash":"${genesis}","v":"pengadaan-audit-prev-v3"}`);
    const pub = publicEntryOf({ ...c!, pos: 1 }) as Extract<PublicEntry, { v: 3 }>;
    assert.equal(pub.prevRef, prevRef);
    assert.equal(c!.hash, sha256Hex(`{"bodyHash":"${pub.bodyHash}","prevRef":"${prevRef}","v":"pengadaan-audit-v3"}`));
    assert.equal(c!.prevHash, genesis);
  });

  test('a mixed trail verifies: the old global chain, then each package its own', () => {
    const rows = trail();
    assert.deepEqual(verifyChain(rows), { ok: true, checked: rows.length, head: { pos: rows.at(-1)!.pos, hash: rows.at(-1)!.hash } });
  });

  test('a changed field, a removed row, two rows swapped or an entry moved to another package is caught where it is', () => {
    const rows = trail();
    const target = rows.findIndex((r) => r.packageId === A && r.version === 3 && r.seq === 6); // A's second v3 entry
    for (const change of [{ payloadHash: payloadHash('palsu') }, { at: T0 + 1 }, { actorRef: sha256Hex('lain') }, { stageId: 'lain' }, { salt: null }]) {
      const altered = rows.map((r, i) => (i === target ? { ...r, ...change } : r));
      assert.deepEqual(verifyChain(altered).brokenAt, { pos: rows[target]!.pos, reason: 'hash_mismatch' }, JSON.stringify(change));
    }
    // Removed: A's next entry no longer follows its package's previous one.
    const next = rows.findIndex((r, i) => i > target && r.packageId === A);
    assert.deepEqual(verifyChain(rows.filter((_, i) => i !== target)).brokenAt, { pos: rows[next]!.pos, reason: 'prev_hash_mismatch' });
    // Reordered within the package: A's two entries swapped (positions swapped as a DBA would).
    const swapped = rows.map((r, i) => (i === target ? { ...rows[next]!, pos: r.pos } : i === next ? { ...rows[target]!, pos: r.pos } : r));
    assert.deepEqual(verifyChain(swapped).brokenAt, { pos: rows[target]!.pos, reason: 'prev_hash_mismatch' });
    // Reordering rows of two packages changes nothing in either chain — their order across packages is the anchors' job.
    const bFirst = rows.findIndex((r) => r.packageId === B);
    const crossSwap = rows.map((r, i) => (i === bFirst - 1 ? { ...rows[bFirst]!, pos: r.pos } : i === bFirst ? { ...rows[bFirst - 1]!, pos: r.pos } : r));
    assert.equal(verifyChain(crossSwap).ok, true);
    // Spliced: B's entry claimed by A (package id changed) breaks both the hash and A's chain.
    const spliced = rows.map((r, i) => (i === bFirst ? { ...r, packageId: A } : r));
    assert.deepEqual(verifyChain(spliced).brokenAt, { pos: rows[bFirst]!.pos, reason: 'prev_hash_mismatch' });
    // A v3 row moved to another package's genesis: a first entry must follow its own package's genesis.
    const foreign = rows.map((r, i) => (i === bFirst ? { ...r, prevHash: packageGenesis(A) } : r));
    assert.deepEqual(verifyChain(foreign).brokenAt, { pos: rows[bFirst]!.pos, reason: 'prev_hash_mismatch' });
  });

  test('anchors chain and cover their heads; a changed head or a changed anchor is caught', () => {
    const a1 = nextAnchor(undefined, T0, [
      { pos: 110, hash: 'a'.repeat(64) },
      { pos: 108, hash: 'b'.repeat(64) },
    ]);
    const a2 = nextAnchor(a1, T0 + 60_000, [{ pos: 120, hash: 'c'.repeat(64) }]);
    const v = new AnchorVerifier();
    assert.ok(v.push(a1) && v.push(a2));
    assert.deepEqual(
      a1.heads.map((h) => h.pos),
      [108, 110],
      'heads in position order',
    );
    const bad = (a: typeof a1, b: typeof a2) => {
      const w = new AnchorVerifier();
      w.push(a);
      w.push(b);
      return w.broken;
    };
    assert.deepEqual(bad({ ...a1, heads: [{ pos: 108, hash: 'd'.repeat(64) }, a1.heads[1]!] }, a2), { seq: 1, reason: 'anchor_hash_mismatch' });
    assert.deepEqual(bad({ ...a1, at: T0 + 1 }, a2), { seq: 1, reason: 'anchor_hash_mismatch' });
    assert.deepEqual(bad(a1, { ...a2, prevHash: GENESIS_HASH }), { seq: 2, reason: 'anchor_prev_mismatch' });
    assert.deepEqual(bad(a1, { ...a2, seq: 3 }), { seq: 3, reason: 'anchor_prev_mismatch' });
  });
});

/** The public answers over stored rows and anchors, as the routes build them (no HTTP, no database). */
function sourceOver(
  rows: ChainedEntry[],
  anchors: ReturnType<typeof nextAnchor>[],
  packageId: string,
  opened: boolean,
  alter?: { entries?: (e: web.PublicEntry[]) => web.PublicEntry[] },
): web.PublicAuditSource {
  let entries = rows.filter((r) => r.packageId === packageId).map((r) => publicEntryOf(r, opened)) as web.PublicEntry[];
  if (alter?.entries) entries = alter.entries(entries);
  const legacy = rows.filter((r) => r.version !== 3).at(-1)!;
  const last = anchors.at(-1);
  const anchoredHead = (() => {
    for (const a of [...anchors].reverse()) {
      // As audit_anchor_heads names it: the package of the row when the anchor was written (the unaltered trail).
      const h = a.heads.find((x) => trail().find((r) => r.pos === x.pos)?.packageId === packageId);
      if (h) return { anchor: a.seq, ...h };
    }
    return null;
  })();
  return {
    head: async () => ({
      pos: rows.at(-1)!.pos,
      hash: rows.at(-1)!.hash,
      count: rows.length,
      legacy: { pos: legacy.pos, hash: legacy.hash },
      anchor: last ? { seq: last.seq, at: last.at, hash: last.hash } : null,
    }),
    entries: async (_id, afterPos) => ({
      stage: { id: 'announcement', name: 'Pengumuman' },
      sealedStepsUnopened: !opened,
      anchoredHead: opened ? anchoredHead : null,
      data: entries.filter((e) => e.pos > afterPos),
      nextAfterPos: null,
    }),
    chain: async (afterPos, limit) => {
      const page = rows
        .map(chainLinkOf)
        .filter((l) => l.pos > afterPos)
        .slice(0, limit);
      return { data: page, nextAfterPos: page.length === limit ? page[page.length - 1]!.pos : null };
    },
    anchors: async (afterSeq, limit) => {
      const page = anchors.filter((a) => a.seq > afterSeq).slice(0, limit);
      return { data: page, nextAfterSeq: page.length === limit ? page[page.length - 1]!.seq : null };
    },
  };
}

/** Anchors over the trail: one after A's and B's second v3 entries, one at the end. */
function anchorsOf(rows: ChainedEntry[]) {
  const v3 = rows.filter((r) => r.version === 3);
  const headsUpTo = (n: number) => {
    const heads = new Map<string, { pos: number; hash: string }>();
    for (const r of v3.slice(0, n)) heads.set(r.packageId, { pos: r.pos, hash: r.hash });
    return [...heads.values()];
  };
  const a1 = nextAnchor(undefined, T0, headsUpTo(4));
  const a2 = nextAnchor(
    a1,
    T0 + 60_000,
    headsUpTo(v3.length).filter((h) => !a1.heads.some((x) => x.pos === h.pos)),
  );
  return [a1, a2];
}

describe('public verification of v3 entries (web/src/audit/verify.ts)', () => {
  test('a v3 link shows prevRef, never prevHash; entries show prevHash and linkKey only once opened', () => {
    const rows = trail();
    const links = rows.map(chainLinkOf).filter((l) => l.v === 3);
    assert.ok(links.every((l) => l.prevHash === null && /^[0-9a-f]{64}$/.test(l.prevRef ?? '')));
    const hashes = new Set(rows.map((r) => r.hash));
    assert.ok(
      links.every((l) => !hashes.has(l.prevRef!)),
      "no prevRef is another entry's hash: links cannot be followed",
    );
    const sealed = rows.filter((r) => r.version === 3).map((r) => publicEntryOf(r, false));
    assert.ok(sealed.every((e) => !('prevHash' in e) && !('linkKey' in e)));
    const opened = rows.filter((r) => r.version === 3).map((r) => publicEntryOf(r, true));
    assert.ok(opened.every((e) => 'prevHash' in e && 'linkKey' in e));
    assert.ok(!JSON.stringify(opened).includes(rows.find((r) => r.version === 3)!.salt!), 'the link key is not the salt');
  });

  test('opened: the package chain from its genesis, its anchored head and the anchors to the last all hold', async () => {
    const rows = trail();
    const anchors = anchorsOf(rows);
    const r = await web.verifyPackage(sourceOver(rows, anchors, A, true), A, { pageSize: 3 });
    assert.equal(r.ok, true, JSON.stringify(r.brokenAt));
    assert.equal(r.packageChain, 'linked');
    assert.deepEqual(r.anchored, { from: 2, to: 2, pos: rows.filter((x) => x.packageId === A).at(-1)!.pos });
    assert.ok(
      r.entries.every((e) => e.status === (e.entry.v === 1 ? 'tertaut' : 'utuh')),
      JSON.stringify(r.entries.map((e) => e.status)),
    );
    const b = await web.verifyPackage(sourceOver(rows, anchors, B, true), B);
    assert.equal(b.ok, true, JSON.stringify(b.brokenAt));
    assert.equal(b.entries.length, 3);
  });

  test('sealed: v3 entries are recomputed only, and still hold', async () => {
    const rows = trail();
    const r = await web.verifyPackage(sourceOver(rows, anchorsOf(rows), B, false), B);
    assert.equal(r.ok, true, JSON.stringify(r.brokenAt));
    assert.equal(r.packageChain, 'sealed');
    assert.ok(r.entries.every((e) => e.status === 'dihitung_ulang'));
  });

  test('the browser catches a changed, removed or reordered v3 entry and a changed anchor', async () => {
    const rows = trail();
    const anchors = anchorsOf(rows);
    const aRows = rows.filter((r) => r.packageId === A && r.version === 3);
    const target = aRows[1]!;
    const changed = rows.map((r) => (r.pos === target.pos ? { ...r, payloadHash: payloadHash('palsu') } : r));
    assert.deepEqual((await web.verifyPackage(sourceOver(changed, anchors, A, true), A)).brokenAt, { pos: target.pos, reason: 'hash_mismatch' });
    assert.deepEqual((await web.verifyPackage(sourceOver(changed, anchors, A, false), A)).brokenAt, { pos: target.pos, reason: 'hash_mismatch' }, 'sealed too');
    const removed = rows.filter((r) => r.pos !== target.pos);
    assert.deepEqual((await web.verifyPackage(sourceOver(removed, anchors, A, true), A)).brokenAt, { pos: aRows[2]!.pos, reason: 'prev_hash_mismatch' });
    const reordered = sourceOver(rows, anchors, A, true, {
      entries: (es) => {
        const i = es.findIndex((e) => e.pos === target.pos);
        const out = [...es];
        [out[i], out[i + 1]] = [
          { ...es[i + 1]!, pos: es[i]!.pos },
          { ...es[i]!, pos: es[i + 1]!.pos },
        ];
        return out;
      },
    });
    assert.deepEqual((await web.verifyPackage(reordered, A)).brokenAt, { pos: target.pos, reason: 'prev_hash_mismatch' });
    // The package's last entry cut off: its anchored head is no longer there.
    const cut = rows.filter((r) => r.pos !== aRows.at(-1)!.pos);
    assert.deepEqual((await web.verifyPackage(sourceOver(cut, anchors, A, true), A)).brokenAt, { pos: aRows.at(-1)!.pos, reason: 'anchor_mismatch' });
    const forged = [anchors[0]!, { ...anchors[1]!, at: anchors[1]!.at + 1 }];
    assert.deepEqual((await web.verifyPackage(sourceOver(rows, forged, A, true), A)).brokenAt, { pos: aRows.at(-1)!.pos, reason: 'anchor_mismatch' });
  });
});

/**
 * The audit hash chain as pure functions: canonical JSON, payload hashes, chaining from the genesis hash, and a
 * verification that names exactly the first entry that does not hold — for a changed field, a changed field whose
 * hash was recomputed, a removed entry and a reordering.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type AuditEntry,
  canonicalJson,
  type ChainedEntry,
  chainEntries,
  entryHash,
  GENESIS_HASH,
  payloadHash,
  sha256Hex,
  verifyChain,
} from '../domain/audit/chain';

const T0 = Date.UTC(2026, 11, 1, 2, 0, 0);

function entries(n: number): AuditEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    packageId: `pkt-chain000${i % 2}`,
    workflowId: `paket-pkt-chain000${i % 2}`,
    seq: Math.floor(i / 2) + 1,
    at: T0 + i * 1000,
    actorId: i % 3 === 0 ? null : `pokja.${i}`,
    actorRole: i % 3 === 0 ? null : 'pokja',
    action: i % 3 === 0 ? 'stage_entered' : 'announce',
    stageId: 'announcement',
    payloadHash: payloadHash({ i }),
  }));
}

/** Stored rows as the database gives them back: positions with gaps (a rolled-back append draws a number too). */
function stored(n: number): ChainedEntry[] {
  return chainEntries(GENESIS_HASH, entries(n)).map((e, i) => ({ ...e, pos: 10 + i * 3 }));
}

describe('audit chain', () => {
  test('canonical JSON sorts keys at every depth and leaves out undefined members', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' }, u: undefined }), '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
    assert.equal(payloadHash({ x: 1, y: [1, 2] }), payloadHash({ y: [1, 2], x: 1 }), 'key order does not matter');
    assert.notEqual(payloadHash({ x: 1, y: [1, 2] }), payloadHash({ x: 1, y: [2, 1] }), 'array order does');
    assert.equal(payloadHash(undefined), sha256Hex('null'));
    assert.match(payloadHash({ price: 1_713_572_468 }), /^[0-9a-f]{64}$/);
  });

  test('the first entry chains from the genesis hash, every later one from the hash before it', () => {
    const rows = stored(5);
    assert.equal(rows[0]!.prevHash, GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prevHash, rows[i - 1]!.hash);
    assert.equal(rows[2]!.hash, entryHash(rows[1]!.hash, entries(5)[2]!));
    assert.deepEqual(verifyChain(rows), { ok: true, checked: 5, head: { pos: rows[4]!.pos, hash: rows[4]!.hash } });
    assert.deepEqual(verifyChain([]), { ok: true, checked: 0 });
  });

  test('the hash format is fixed: stored chains keep verifying after a release', () => {
    const e: AuditEntry = {
      packageId: 'pkt-0123456789',
      workflowId: 'paket-pkt-0123456789',
      seq: 7,
      at: T0,
      actorId: 'pokja.sari',
      actorRole: 'pokja',
      action: 'announce',
      stageId: 'announcement',
      payloadHash: payloadHash(null),
    };
    assert.equal(
      entryHash(GENESIS_HASH, e),
      sha256Hex(
        '{"action":"announce","actorId":"pokja.sari","actorRole":"pokja","at":1796090400000,"packageId":"pkt-0123456789",' +
          `"payloadHash":"${payloadHash(null)}","prevHash":"${GENESIS_HASH}","seq":7,"stageId":"announcement",` +
          '"v":"pengadaan-audit-v1","workflowId":"paket-pkt-0123456789"}',
      ),
    );
  });

  test('changing any one field of one entry breaks the chain at exactly that entry', () => {
    const changes: Record<Exclude<keyof AuditEntry, 'version' | 'salt'>, unknown> = {
      packageId: 'pkt-other0000',
      workflowId: 'paket-pkt-other0000',
      seq: 99,
      at: T0 + 1,
      actorId: 'ppk.budi',
      actorRole: 'ppk',
      action: 'cancel',
      stageId: 'evaluation',
      payloadHash: payloadHash({ forged: true }),
    };
    for (const [field, value] of Object.entries(changes)) {
      const rows = stored(6);
      rows[3] = { ...rows[3]!, [field]: value };
      assert.deepEqual(
        verifyChain(rows),
        { ok: false, checked: 4, brokenAt: { pos: rows[3].pos, reason: 'hash_mismatch' }, head: { pos: rows[2]!.pos, hash: rows[2]!.hash } },
        field,
      );
    }
  });

  test('a changed entry whose own hash was recomputed breaks the link to the next one', () => {
    const rows = stored(6);
    const forged = { ...rows[2]!, actorId: 'ppk.budi' };
    rows[2] = { ...forged, hash: entryHash(forged.prevHash, forged) };
    assert.deepEqual(verifyChain(rows).brokenAt, { pos: rows[3]!.pos, reason: 'prev_hash_mismatch' });
  });

  test('a removed or reordered entry is found where the links no longer meet', () => {
    const rows = stored(6);
    assert.deepEqual(verifyChain([...rows.slice(0, 2), ...rows.slice(3)]).brokenAt, { pos: rows[3]!.pos, reason: 'prev_hash_mismatch' });
    assert.deepEqual(verifyChain([rows[0]!, rows[2]!, rows[1]!, ...rows.slice(3)]).brokenAt, { pos: rows[2]!.pos, reason: 'prev_hash_mismatch' });
    assert.deepEqual(verifyChain(rows.slice(1)).brokenAt, { pos: rows[1]!.pos, reason: 'prev_hash_mismatch' }, 'the first entry must start at genesis');
  });
});

/**
 * The audit trail's hash chain, as pure functions (no database): each entry's hash covers its fields and the hash of
 * the entry before it, so changing, removing or reordering any stored entry breaks every check from that entry on.
 * Payloads are never stored in the trail, only their SHA-256 (`payloadHash`), so the trail can be shown to auditors
 * without revealing bid contents; a holder of the payload can still prove it matches.
 *
 * Two hash versions, both verified here:
 *  - `pengadaan-audit-v1` (entries written before v2): hash = SHA-256(canonical {v, prevHash, every field, actorId}).
 *    The actor's user id is inside the hash, so nobody without that id (the public) can recompute it.
 *  - `pengadaan-audit-v2` (every entry from then on): the actor is covered as `actorRef` = SHA-256 of a random
 *    per-entry salt and the actor id (the salt stays in the database, so the public cannot try user ids against it),
 *    the event's seq within its package as `seqRef` the same way (plain seqs would show, by their gaps, how many
 *    sealed entries — bids — a package's public list leaves out), and the hash is two-level: bodyHash = SHA-256(canonical body), hash = SHA-256(canonical {v, prevHash, bodyHash}).
 *    Anyone can then recompute every entry's hash: from its public body, or — for an entry still sealed (a bid
 *    before the opening) — from its bodyHash alone, so the chain links through it although its content stays hidden
 *    and is proven once it is revealed. domain/audit/public.ts builds those public forms.
 */
import { canonicalJson, sha256Hex } from '../hashing';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
/** Part of every hashed entry, so a later change of the hashed fields is a new version, never a silent collision. */
const HASH_VERSION_1 = 'pengadaan-audit-v1';
export const HASH_VERSION_2 = 'pengadaan-audit-v2';
/** Domain separation of the actor and seq references from every other hash in the system. */
export const ACTOR_REF_SCHEME = 'pengadaan-audit-actor-v2';
export const SEQ_REF_SCHEME = 'pengadaan-audit-seq-v2';

export type HashVersion = 1 | 2;

/** One audited event, as written by the read-model transaction. */
export interface AuditEntry {
  packageId: string;
  workflowId: string;
  /** The process event seq within the workflow: with the workflow id, the entry's idempotency key. */
  seq: number;
  /** Event time, epoch milliseconds. */
  at: number;
  actorId: string | null;
  actorRole: string | null;
  /** The step id for a step taken by a person, otherwise the event type (stage_entered, window_closed, ...). */
  action: string;
  /** The stage the event happened in. */
  stageId: string;
  payloadHash: string;
  /** Absent or 1: the first hash format; 2: actor as actorRef, two-level hash. */
  version?: HashVersion;
  /** v2: hex of 32 random bytes drawn for this entry; never published (see actorRefOf). */
  salt?: string | null;
}

/** An entry as stored: its position in the chain and both hashes (and, for v2, the stored actor reference). */
export interface ChainedEntry extends AuditEntry {
  pos: number;
  prevHash: string;
  hash: string;
  actorRef?: string | null;
}

/** The hashed body of a v2 entry: every field, the actor and the seq only as their salted references. */
export interface PublicBody {
  packageId: string;
  workflowId: string;
  seqRef: string;
  at: number;
  actorRef: string | null;
  actorRole: string | null;
  action: string;
  stageId: string;
  payloadHash: string;
}

export type BreakReason = 'prev_hash_mismatch' | 'hash_mismatch';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry that does not hold; entries after it are not checked. */
  brokenAt?: { pos: number; reason: BreakReason };
  /** The last entry that holds: publish or store its hash elsewhere to also detect a cut-off tail. */
  head?: { pos: number; hash: string };
}

export { canonicalJson, sha256Hex };

/** SHA-256 of an event's details (absent details hash as `null`). */
export const payloadHash = (payload: unknown) => sha256Hex(canonicalJson(payload ?? null));

/**
 * The actor of a v2 entry as the chain covers it. With the salt (kept server-side) and a user id, an auditor proves
 * who acted; without the salt, the public cannot test the few dozen officials' ids against it.
 */
export function actorRefOf(salt: string | null | undefined, actorId: string | null): string | null {
  if (actorId === null) return null;
  if (!salt) throw new Error('a v2 audit entry with an actor needs its salt');
  return sha256Hex(canonicalJson({ v: ACTOR_REF_SCHEME, salt, actorId }));
}

/** The seq of a v2 entry as the chain covers it: with the salt, an auditor proves it; without, nothing is counted. */
export function seqRefOf(salt: string | null | undefined, seq: number): string {
  if (!salt) throw new Error('a v2 audit entry needs its salt');
  return sha256Hex(canonicalJson({ v: SEQ_REF_SCHEME, salt, seq }));
}

/** The public body of a v2 entry; the seq reference is derived from the salt (only the server holds it). */
export function publicBodyOf(e: Omit<AuditEntry, 'actorId'>, actorRef: string | null): PublicBody {
  return {
    packageId: e.packageId,
    workflowId: e.workflowId,
    seqRef: seqRefOf(e.salt, e.seq),
    at: e.at,
    actorRef,
    actorRole: e.actorRole,
    action: e.action,
    stageId: e.stageId,
    payloadHash: e.payloadHash,
  };
}

export const bodyHashOf = (body: PublicBody) => sha256Hex(canonicalJson(body));

/** A v2 entry's hash from the hash before it and its body's hash. */
export const linkHashV2 = (prevHash: string, bodyHash: string) => sha256Hex(canonicalJson({ v: HASH_VERSION_2, prevHash, bodyHash }));

/** The hash of an entry chained after `prevHash`. Every field of AuditEntry is covered (v2: the actor via actorRef). */
export function entryHash(prevHash: string, e: AuditEntry): string {
  if (e.version === 2) return linkHashV2(prevHash, bodyHashOf(publicBodyOf(e, actorRefOf(e.salt, e.actorId))));
  return sha256Hex(
    canonicalJson({
      v: HASH_VERSION_1,
      prevHash,
      packageId: e.packageId,
      workflowId: e.workflowId,
      seq: e.seq,
      at: e.at,
      actorId: e.actorId,
      actorRole: e.actorRole,
      action: e.action,
      stageId: e.stageId,
      payloadHash: e.payloadHash,
    }),
  );
}

/** Chains new entries after the current head (GENESIS_HASH for an empty trail). */
export function chainEntries(
  headHash: string,
  entries: AuditEntry[],
): (AuditEntry & { prevHash: string; hash: string; actorRef: string | null })[] {
  let prev = headHash;
  return entries.map((e) => {
    const hash = entryHash(prev, e);
    const out = { ...e, prevHash: prev, hash, actorRef: e.version === 2 ? actorRefOf(e.salt, e.actorId) : null };
    prev = hash;
    return out;
  });
}

/** A v2 entry whose stored actor reference is not the one its salt and actor id give (either column was changed). */
function actorRefBroken(row: ChainedEntry): boolean {
  if (row.version !== 2) return false;
  try {
    return (row.actorRef ?? null) !== actorRefOf(row.salt, row.actorId);
  } catch {
    return true; // an actor without a salt: the salt was removed
  }
}

/**
 * Checks entries in chain order one at a time, so a long trail can be read page by page. Stops at the first entry
 * that does not hold: its prev hash is not the hash of the entry before it (one was removed, inserted or reordered),
 * or its own hash is not the hash of its fields (a field was changed; for v2 also the stored actor reference, which
 * is what the public sees, must be the one the salt and the actor id give).
 */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private checked = 0;
  private head?: { pos: number; hash: string };
  private broken?: { pos: number; reason: BreakReason };

  /** False once the chain is broken; later entries are ignored. */
  push(row: ChainedEntry): boolean {
    if (this.broken) return false;
    this.checked += 1;
    if (row.prevHash !== this.prev) this.broken = { pos: row.pos, reason: 'prev_hash_mismatch' };
    else if (actorRefBroken(row) || row.hash !== entryHash(row.prevHash, row)) this.broken = { pos: row.pos, reason: 'hash_mismatch' };
    if (this.broken) return false;
    this.prev = row.hash;
    this.head = { pos: row.pos, hash: row.hash };
    return true;
  }

  result(): VerifyResult {
    return {
      ok: !this.broken,
      checked: this.checked,
      ...(this.broken ? { brokenAt: this.broken } : {}),
      ...(this.head ? { head: this.head } : {}),
    };
  }
}

/** Verifies a whole chain given in position order. */
export function verifyChain(rows: Iterable<ChainedEntry>): VerifyResult {
  const v = new ChainVerifier();
  for (const r of rows) if (!v.push(r)) break;
  return v.result();
}

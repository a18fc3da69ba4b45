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
 *  - `pengadaan-audit-v3` (every entry since issue 14): ONE CHAIN PER PACKAGE, so packages append in parallel (no
 *    global lock; activities/audit.ts). The body and bodyHash are v2's (same salted actorRef/seqRef); the link is
 *    hash = SHA-256(canonical {v, prevRef, bodyHash}) with prevHash = the hash of the previous entry OF THE SAME
 *    PACKAGE (by pos; any version-3 entry), or for its first v3 entry the package's own genesis
 *    `packageGenesis(packageId)` (a package's chain cannot be spliced onto another's). The hash does not cover
 *    prevHash itself but prevRef = SHA-256(canonical {v, linkKey, prevHash}), linkKey = SHA-256 of the entry's salt
 *    (domain-separated): the public chain pages list every entry as a link without naming its package, and bare
 *    prevHashes would let anyone follow one package's links and count its sealed entries (bids). Without linkKey a
 *    link is recomputable (hash from prevRef and bodyHash) but not attributable; with it (published once nothing of
 *    the package is sealed, and to the server verifier, which holds the salts) the package's chain is followed end to
 *    end. v1/v2 entries stay in the single global chain they were written in (ordered by pos, v3 rows skipped).
 *    Order across packages is committed by periodic ANCHORS (domain/audit/anchor.ts): the heads of every package,
 *    chained anchor to anchor, so cutting a package's tail or rewriting a chain after an anchor is detected.
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
export const HASH_VERSION_3 = 'pengadaan-audit-v3';
const LINK_KEY_SCHEME = 'pengadaan-audit-link-v3';
const PREV_REF_SCHEME = 'pengadaan-audit-prev-v3';
const GENESIS_SCHEME = 'pengadaan-audit-genesis-v3';

export type HashVersion = 1 | 2 | 3;

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
  /** Absent or 1: the first hash format; 2: actor as actorRef, two-level hash; 3: as 2, chained per package. */
  version?: HashVersion;
  /** v2/v3: hex of 32 random bytes drawn for this entry; never published (see actorRefOf). */
  salt?: string | null;
}

/**
 * An entry as stored: its position and both hashes (and, for v2/v3, the stored actor reference). For v3, prevHash is
 * the hash of the package's previous v3 entry (or its genesis), not of the previous position.
 */
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

/**
 * Entries: prev_hash_mismatch, hash_mismatch. Anchors (domain/audit/anchor.ts; `anchor` names it): the anchor does not
 * follow the one before (anchor_prev_mismatch), is not the hash of its heads (anchor_hash_mismatch), or names a head
 * that is not stored with that hash at that position, or is behind its package's earlier anchored head
 * (anchor_head_mismatch: a package's anchored tail was cut or rewritten).
 */
export type BreakReason = 'prev_hash_mismatch' | 'hash_mismatch' | 'anchor_prev_mismatch' | 'anchor_hash_mismatch' | 'anchor_head_mismatch';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry (or anchor) that does not hold; entries after it are not checked. */
  brokenAt?: { pos: number; reason: BreakReason; anchor?: number };
  /** The last entry that holds: publish or store its hash elsewhere to also detect a cut-off tail. */
  head?: { pos: number; hash: string };
  /** Anchors checked (only once every entry holds) and the last one: its hash pins every package's head. */
  anchors?: { checked: number; last: { seq: number; hash: string } | null };
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

/** The previous hash of a package's first v3 entry: its own, so no package's chain can be passed off as another's. */
export const packageGenesis = (packageId: string) => sha256Hex(canonicalJson({ v: GENESIS_SCHEME, packageId }));

/** A v3 entry's link key: derived from its salt (one-way), so publishing it reveals nothing of actorRef or seqRef. */
export function linkKeyOf(salt: string | null | undefined): string {
  if (!salt) throw new Error('a v3 audit entry needs its salt');
  return sha256Hex(canonicalJson({ v: LINK_KEY_SCHEME, salt }));
}

/** What a v3 hash covers in place of prevHash: linkable to the package's previous entry only with the link key. */
export const prevRefOf = (linkKey: string, prevHash: string) => sha256Hex(canonicalJson({ v: PREV_REF_SCHEME, linkKey, prevHash }));

/** A v3 entry's hash from its prevRef and its body's hash (anyone can recompute it from a public link). */
export const linkHashV3 = (prevRef: string, bodyHash: string) => sha256Hex(canonicalJson({ v: HASH_VERSION_3, prevRef, bodyHash }));

/** The hash of an entry chained after `prevHash`. Every field of AuditEntry is covered (v2/v3: the actor via actorRef). */
export function entryHash(prevHash: string, e: AuditEntry): string {
  if (e.version === 3) return linkHashV3(prevRefOf(linkKeyOf(e.salt), prevHash), bodyHashOf(publicBodyOf(e, actorRefOf(e.salt, e.actorId))));
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

/** Chains new entries after the current head (GENESIS_HASH for an empty trail; packageGenesis for a package's first v3). */
export function chainEntries(headHash: string, entries: AuditEntry[]): (AuditEntry & { prevHash: string; hash: string; actorRef: string | null })[] {
  let prev = headHash;
  return entries.map((e) => {
    const hash = entryHash(prev, e);
    const out = { ...e, prevHash: prev, hash, actorRef: e.version === 2 || e.version === 3 ? actorRefOf(e.salt, e.actorId) : null };
    prev = hash;
    return out;
  });
}

/** A v2/v3 entry whose stored actor reference is not the one its salt and actor id give (either column was changed). */
function actorRefBroken(row: ChainedEntry): boolean {
  if (row.version !== 2 && row.version !== 3) return false;
  try {
    return (row.actorRef ?? null) !== actorRefOf(row.salt, row.actorId);
  } catch {
    return true; // an actor without a salt: the salt was removed
  }
}

/**
 * Checks a trail in position order one at a time, so a long trail can be read page by page. v1/v2 entries form the
 * global chain (each follows the previous v1/v2 entry); each v3 entry follows the previous v3 entry of its package
 * (or the package's genesis). Stops at the first entry that does not hold: its prev hash is not the hash of the entry
 * it must follow (one was removed, inserted or reordered), or its own hash is not the hash of its fields (a field was
 * changed; for v2/v3 also the stored actor reference, which is what the public sees, must be the one the salt and the
 * actor id give). A removed LAST entry of a package is only caught against an anchor (domain/audit/anchor.ts).
 */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private checked = 0;
  private head?: { pos: number; hash: string };
  private broken?: VerifyResult['brokenAt'];
  /** Per package: its last v3 entry so far. */
  private readonly packageHeads = new Map<string, { pos: number; hash: string }>();

  /** False once the chain is broken; later entries are ignored. */
  push(row: ChainedEntry): boolean {
    if (this.broken) return false;
    this.checked += 1;
    const v3 = row.version === 3;
    const expected = v3 ? (this.packageHeads.get(row.packageId)?.hash ?? packageGenesis(row.packageId)) : this.prev;
    if (row.prevHash !== expected) this.broken = { pos: row.pos, reason: 'prev_hash_mismatch' };
    else if (actorRefBroken(row) || row.hash !== entryHash(row.prevHash, row)) this.broken = { pos: row.pos, reason: 'hash_mismatch' };
    if (this.broken) return false;
    if (v3) this.packageHeads.set(row.packageId, { pos: row.pos, hash: row.hash });
    else this.prev = row.hash;
    this.head = { pos: row.pos, hash: row.hash };
    return true;
  }

  /** A package's last verified v3 entry (for checking anchors against the rows). */
  packageHead(packageId: string) {
    return this.packageHeads.get(packageId);
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

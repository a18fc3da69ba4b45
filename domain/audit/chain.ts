/**
 * The audit trail's hash chain, as pure functions (no database): each entry's hash covers its fields and the hash of
 * the entry before it, so changing, removing or reordering any stored entry breaks every check from that entry on.
 * Payloads are never stored in the trail, only their SHA-256 (`payloadHash`), so the trail can be shown to auditors
 * without revealing bid contents; a holder of the payload can still prove it matches.
 */
import { canonicalJson, sha256Hex } from '../hashing';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
/** Part of every hashed entry, so a later change of the hashed fields is a new version, never a silent collision. */
const HASH_VERSION = 'pengadaan-audit-v1';

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
}

/** An entry as stored: its position in the chain and both hashes. */
export interface ChainedEntry extends AuditEntry {
  pos: number;
  prevHash: string;
  hash: string;
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

/** The hash of an entry chained after `prevHash`. Every field of AuditEntry is covered. */
export function entryHash(prevHash: string, e: AuditEntry): string {
  return sha256Hex(
    canonicalJson({
      v: HASH_VERSION,
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
export function chainEntries(headHash: string, entries: AuditEntry[]): (AuditEntry & { prevHash: string; hash: string })[] {
  let prev = headHash;
  return entries.map((e) => {
    const hash = entryHash(prev, e);
    const out = { ...e, prevHash: prev, hash };
    prev = hash;
    return out;
  });
}

/**
 * Checks entries in chain order one at a time, so a long trail can be read page by page. Stops at the first entry
 * that does not hold: its prev hash is not the hash of the entry before it (one was removed, inserted or reordered),
 * or its own hash is not the hash of its fields (a field was changed).
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
    else if (row.hash !== entryHash(row.prevHash, row)) this.broken = { pos: row.pos, reason: 'hash_mismatch' };
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

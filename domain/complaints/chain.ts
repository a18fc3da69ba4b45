/**
 * Each complaint's events form a small hash chain of their own: hash = SHA-256(prev_hash + canonical JSON of the
 * event's fields). With the append-only trigger on complaint_events this shows any row changed with triggers off.
 */
import { canonicalJson, sha256Hex } from '../hashing';

export const COMPLAINT_GENESIS = '0'.repeat(64);

export interface ComplaintEventFields {
  complaintId: string;
  seq: number;
  kind: string;
  /** Milliseconds since the epoch (what a timestamptz gives back). */
  at: number;
  actorId: string;
  actorRole: string;
  note: string | null;
  details: Record<string, unknown>;
}

export function complaintEventHash(prevHash: string, e: ComplaintEventFields): string {
  return sha256Hex(prevHash + canonicalJson({ ...e, v: 1 }));
}

/** The first position where the chain breaks, or null when every hop holds. */
export function brokenAt(events: (ComplaintEventFields & { prevHash: string; hash: string })[]): number | null {
  let prev = COMPLAINT_GENESIS;
  for (const e of events) {
    const { prevHash, hash, ...fields } = e;
    if (prevHash !== prev || complaintEventHash(prev, fields) !== hash) return e.seq;
    prev = hash;
  }
  return null;
}

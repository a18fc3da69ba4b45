/**
 * Anchors of the per-package audit chains (hash version 3, domain/audit/chain.ts), as pure functions. Packages chain
 * their entries independently, so nothing in one package's chain says what the others held at a moment; an anchor
 * does. Every anchor period (runtime/audit-anchor-schedule.ts) the job in activities/audit-anchor.ts writes the heads
 * of the packages whose head moved since the previous anchor, each as {pos, hash} of that package's last v3 entry,
 * and chains the anchor to the one before:
 *
 *   headsHash = SHA-256(canonical [{pos, hash}, …] in pos order)
 *   hash      = SHA-256(canonical {v: "pengadaan-audit-anchor-v1", seq, at, prevHash, headsHash})
 *
 * The set of ALL package heads at anchor k is the set at anchor k-1 updated with anchor k's heads, so the chain of
 * anchors commits to every package's head at every anchor without storing every package again each period. A head is
 * named by its position only, not its package id: the public anchors must not say which package moved while its
 * bids are sealed; the row at that position names the package, and the server check (db/queries/audit.ts) verifies
 * that each anchored head is still stored with that hash (cutting a package's tail after an anchor, or rewriting its
 * chain, is caught) and that no package's anchored head ever moves backwards.
 */
import { canonicalJson, GENESIS_HASH, sha256Hex } from './chain';

export const ANCHOR_VERSION = 'pengadaan-audit-anchor-v1';
export const ANCHOR_GENESIS = GENESIS_HASH;

export interface AnchorHead {
  pos: number;
  hash: string;
}

export interface Anchor {
  seq: number;
  /** epoch milliseconds */
  at: number;
  prevHash: string;
  headsHash: string;
  hash: string;
  heads: AnchorHead[];
}

export const headsHashOf = (heads: readonly AnchorHead[]) =>
  sha256Hex(canonicalJson([...heads].sort((a, b) => a.pos - b.pos).map((h) => ({ pos: h.pos, hash: h.hash }))));

export const anchorHashOf = (a: { seq: number; at: number; prevHash: string; headsHash: string }) =>
  sha256Hex(canonicalJson({ v: ANCHOR_VERSION, seq: a.seq, at: a.at, prevHash: a.prevHash, headsHash: a.headsHash }));

/** The next anchor after `prev` (undefined for the first). */
export function nextAnchor(prev: { seq: number; hash: string } | undefined, at: number, heads: AnchorHead[]): Anchor {
  const seq = (prev?.seq ?? 0) + 1;
  const prevHash = prev?.hash ?? ANCHOR_GENESIS;
  const headsHash = headsHashOf(heads);
  return { seq, at, prevHash, headsHash, hash: anchorHashOf({ seq, at, prevHash, headsHash }), heads: [...heads].sort((a, b) => a.pos - b.pos) };
}

export type AnchorBreak = 'anchor_prev_mismatch' | 'anchor_hash_mismatch';

/** Checks anchors in seq order one at a time (their own chain; the heads against the rows are checked by the caller). */
export class AnchorVerifier {
  private prev: { seq: number; hash: string } | undefined;
  checked = 0;
  broken?: { seq: number; reason: AnchorBreak };

  push(a: Anchor): boolean {
    if (this.broken) return false;
    this.checked += 1;
    const seqExpected = (this.prev?.seq ?? 0) + 1;
    if (a.seq !== seqExpected || a.prevHash !== (this.prev?.hash ?? ANCHOR_GENESIS)) this.broken = { seq: a.seq, reason: 'anchor_prev_mismatch' };
    else if (a.headsHash !== headsHashOf(a.heads) || a.hash !== anchorHashOf(a)) this.broken = { seq: a.seq, reason: 'anchor_hash_mismatch' };
    if (this.broken) return false;
    this.prev = { seq: a.seq, hash: a.hash };
    return true;
  }

  get last() {
    return this.prev;
  }
}

/**
 * The public commitment of a sealed bid: SHA-256 over the canonical JSON of what was sealed, who sealed it, for which
 * package and step, and a random nonce. The nonce matters: a price alone has so few possible values that a hash of it
 * could be reversed by trying them all; with 32 random bytes inside, the commitment reveals nothing until the opening
 * publishes the nonce, after which anyone can recompute it. The exact scheme, for third parties: COMMITMENT.md.
 */
import { canonicalJson, sha256Hex } from '../hashing';

/** Names the scheme in receipts, so a verifier knows which rules (COMMITMENT.md) to apply. */
export const COMMITMENT_SCHEME = 'pengadaan-bid-commitment-v1';

export interface CommittedBid {
  packageId: string;
  action: string;
  vendorId: string;
  content: Record<string, unknown>;
  /** base64 of 32 random bytes */
  nonce: string;
}

/** Every member of the hashed object except `content` (the bidder's own payload): what a receipt gives back. */
export function commitmentFieldsOf(b: Omit<CommittedBid, 'content'>) {
  return { v: 1 as const, packageId: b.packageId, action: b.action, vendorId: b.vendorId, nonce: b.nonce };
}

/** The exact text whose SHA-256 is the commitment (canonical JSON, hashed as UTF-8). */
export function commitmentInputOf(b: CommittedBid): string {
  return canonicalJson({ ...commitmentFieldsOf(b), content: b.content });
}

export function commitmentOf(b: CommittedBid): string {
  return sha256Hex(commitmentInputOf(b));
}

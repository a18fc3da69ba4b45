/**
 * The public commitment of a sealed bid: SHA-256 over the canonical JSON of what was sealed, who sealed it, for which
 * package and step, and a random nonce. The nonce matters: a price alone has so few possible values that a hash of it
 * could be reversed by trying them all; with 32 random bytes inside, the commitment reveals nothing until the opening
 * publishes the nonce, after which anyone can recompute it.
 */
import { canonicalJson, sha256Hex } from '../hashing';

export interface CommittedBid {
  packageId: string;
  action: string;
  vendorId: string;
  content: Record<string, unknown>;
  /** base64 of 32 random bytes */
  nonce: string;
}

export function commitmentOf(b: CommittedBid): string {
  const body = canonicalJson({ v: 1, packageId: b.packageId, action: b.action, vendorId: b.vendorId, content: b.content, nonce: b.nonce });
  return sha256Hex(body);
}

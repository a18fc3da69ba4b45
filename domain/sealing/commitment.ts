/**
 * The public commitment of a sealed bid: SHA-256 over the canonical JSON of what was sealed, who sealed it, for which
 * package and step, and a random nonce. The nonce matters: a price alone has so few possible values that a hash of it
 * could be reversed by trying them all; with 32 random bytes inside, the commitment reveals nothing until the opening
 * publishes the nonce, after which anyone can recompute it.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

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
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

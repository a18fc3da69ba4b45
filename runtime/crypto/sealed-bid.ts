/**
 * Sealing a bid on arrival and opening it at the bid opening. Sealing encrypts the content with a fresh nonce inside
 * (envelope encryption) and returns the public commitment; opening decrypts, recomputes the commitment from what was
 * decrypted, and says whether it matches the one the workflow holds. The associated data ties each ciphertext to its
 * bid id, package, step and vendor.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { SealedBidRow, SealedBidStore } from '../../db/queries/sealed-bids';
import { COMMITMENT_SCHEME, commitmentFieldsOf, commitmentOf } from '../../domain/sealing/commitment';
import { openBytes, sealBytes } from './envelope';
import type { KeyProvider } from './key-provider';

export interface BidToSeal {
  packageId: string;
  action: string;
  vendorId: string;
  content: Record<string, unknown>;
}

/**
 * What the bidder gets back. The nonce is given to the bidder alone (its answer; the copy kept for Idempotency-Key
 * retries is encrypted) and is otherwise only inside the sealed row until the opening publishes it; with
 * `commitmentInput` and its own payload as `content` the bidder recomputes `commitment` (COMMITMENT.md).
 */
export interface SealReceipt {
  bidId: string;
  commitment: string;
  receivedAt: string;
  scheme: typeof COMMITMENT_SCHEME;
  /** base64 of the 32 random bytes inside the commitment */
  nonce: string;
  /** Every member of the hashed object but `content`, which is the payload the bidder sent. */
  commitmentInput: ReturnType<typeof commitmentFieldsOf>;
}

const aadOf = (r: { id: string; packageId: string; action: string; vendorId: string }) => `sealed-bid:v1:${r.id}:${r.packageId}:${r.action}:${r.vendorId}`;

/** Seals a bid without storing it: the row to store and the bidder's receipt (callers that store it themselves). */
export async function sealBidRow(keys: KeyProvider, bid: BidToSeal, now = new Date()): Promise<{ row: SealedBidRow; receipt: SealReceipt }> {
  const id = randomUUID();
  const nonce = randomBytes(32).toString('base64');
  const commitment = commitmentOf({ ...bid, nonce });
  const plaintext = Buffer.from(JSON.stringify({ content: bid.content, nonce }), 'utf8');
  const envelope = await sealBytes(keys, plaintext, aadOf({ id, ...bid }));
  plaintext.fill(0);
  const { packageId, action, vendorId } = bid;
  const row: SealedBidRow = { id, packageId, action, vendorId, commitment, receivedAt: now, status: 'received', ...envelope };
  return { row, receipt: receiptOf(row, nonce) };
}

export async function sealBid(store: SealedBidStore, keys: KeyProvider, bid: BidToSeal, now = new Date()): Promise<SealReceipt> {
  const { row, receipt } = await sealBidRow(keys, bid, now);
  await store.insert(row);
  return receipt;
}

/** The receipt of a stored bid, given its nonce (from sealing, or decrypted again for a retried request). */
export function receiptOf(row: Pick<SealedBidRow, 'id' | 'packageId' | 'action' | 'vendorId' | 'commitment' | 'receivedAt'>, nonce: string): SealReceipt {
  return {
    bidId: row.id,
    commitment: row.commitment,
    receivedAt: new Date(row.receivedAt).toISOString(),
    scheme: COMMITMENT_SCHEME,
    nonce,
    commitmentInput: commitmentFieldsOf({ packageId: row.packageId, action: row.action, vendorId: row.vendorId, nonce }),
  };
}

export type OpenResult =
  | { ok: true; content: Record<string, unknown>; nonce: string }
  | { ok: false; reason: 'not_found' | 'wrong_package' | 'wrong_vendor' | 'decryption_failed' | 'commitment_mismatch' };

/** Opens one sealed bid the package holds as `{by, sealedBid: {id, commitment}}`, verifying it against the commitment. */
export async function openBid(
  keys: KeyProvider,
  row: SealedBidRow | undefined,
  held: { packageId: string; action?: string; vendorId: string; commitment: string },
): Promise<OpenResult> {
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.packageId !== held.packageId) return { ok: false, reason: 'wrong_package' };
  if (row.vendorId !== held.vendorId) return { ok: false, reason: 'wrong_vendor' };
  let parsed: { content: Record<string, unknown>; nonce: string };
  try {
    parsed = JSON.parse((await openBytes(keys, row, aadOf(row))).toString('utf8'));
  } catch {
    return { ok: false, reason: 'decryption_failed' };
  }
  const recomputed = commitmentOf({ packageId: row.packageId, action: row.action, vendorId: row.vendorId, content: parsed.content, nonce: parsed.nonce });
  if (recomputed !== held.commitment || recomputed !== row.commitment) return { ok: false, reason: 'commitment_mismatch' };
  return { ok: true, ...parsed };
}

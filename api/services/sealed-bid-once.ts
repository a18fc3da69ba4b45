/**
 * A sealed bid sent with an Idempotency-Key is stored once per package, vendor and key (issue 15 point 4). The key is
 * also the Temporal update id, so the workflow applies a repeated step once, with the envelope of the FIRST attempt;
 * a retry must therefore send that same envelope and answer that same receipt, not seal the content again. A retry
 * happens exactly when the first answer was lost (the API died, or answered 503 state_pending), i.e. when the
 * idempotency store holds no answer: then the stored row is found by the HMAC of the key and reused (its nonce
 * decrypted again for the receipt). The same key with other content (or another step) is refused, nothing stored.
 *
 * Content is compared by an HMAC of its canonical JSON, never decrypted for the comparison nor logged; both HMACs use
 * a key derived from the ring for this purpose, and each row names the ring key, so a retry after a rotation still
 * finds and checks its row (the vendor's few keyed rows in the package are each checked under their own key).
 */
import type { Knex } from 'knex';
import { type BidKeyMacs, insertKeyedBid, keyedBidsOf, type SealedBidRow } from '../../db/queries/sealed-bids';
import { canonicalJson } from '../../domain/hashing';
import type { KeyProvider } from '../../runtime/crypto/key-provider';
import { hmacHex, PurposeKeys, sameMac } from '../../runtime/crypto/purpose-keys';
import { type BidToSeal, openBid, receiptOf, type SealReceipt, sealBidRow } from '../../runtime/crypto/sealed-bid';
import { ApiError } from '../errors';

const MAC_PURPOSE = 'sealed bid idempotency mac';

export interface SealedOnce {
  row: SealedBidRow;
  receipt: SealReceipt;
  macs?: BidKeyMacs;
  /** The row was stored by an earlier attempt with the same key: the workflow may already hold it. */
  reused: boolean;
}

const keyText = (b: BidToSeal, key: string) => canonicalJson(['sealed-bid-key:v1', b.packageId, b.vendorId, key]);
const contentText = (b: BidToSeal) => canonicalJson(['sealed-bid-content:v1', b.packageId, b.action, b.vendorId, b.content]);

/** Seals and stores the bid, or finds the one an earlier attempt with the same Idempotency-Key stored. */
export async function sealOnce(db: Knex, keys: KeyProvider, bid: BidToSeal, idempotencyKey: string): Promise<SealedOnce> {
  const macKeys = await PurposeKeys.of(keys, MAC_PURPOSE);
  const earlier = await findEarlier(db, keys, macKeys, bid, idempotencyKey);
  if (earlier) return earlier;
  const { row, receipt } = await sealBidRow(keys, bid);
  const mk = macKeys.current;
  const macs: BidKeyMacs = { requestKeyMac: hmacHex(mk.key, keyText(bid, idempotencyKey)), contentMac: hmacHex(mk.key, contentText(bid)), macKeyId: mk.id };
  try {
    await insertKeyedBid(db, row, macs);
  } catch (e) {
    // Two attempts with the same key at the same moment: the other one stored first; this one takes its row.
    if ((e as { code?: string }).code !== '23505') throw e;
    const raced = await findEarlier(db, keys, macKeys, bid, idempotencyKey);
    if (!raced) throw e;
    return raced;
  }
  return { row, receipt, macs, reused: false };
}

async function findEarlier(db: Knex, keys: KeyProvider, macKeys: PurposeKeys, bid: BidToSeal, idempotencyKey: string): Promise<SealedOnce | undefined> {
  for (const row of await keyedBidsOf(db, bid.packageId, bid.vendorId)) {
    const mk = macKeys.byId(row.macKeyId);
    // A row made under a ring key since removed can be neither matched nor read: it is not this request's.
    if (!mk || !sameMac(row.requestKeyMac, hmacHex(mk.key, keyText(bid, idempotencyKey)))) continue;
    if (!sameMac(row.contentMac, hmacHex(mk.key, contentText(bid)))) {
      throw new ApiError(422, 'idempotency_key_reused', 'Idempotency-Key ini sudah dipakai untuk permintaan lain.', { packageId: bid.packageId });
    }
    const opened = await openBid(keys, row, { packageId: bid.packageId, vendorId: bid.vendorId, commitment: row.commitment });
    if (!opened.ok) throw new ApiError(409, 'bid_unverifiable', 'Penawaran tidak dapat diverifikasi.', { bidId: row.id, reason: opened.reason });
    const { requestKeyMac, contentMac, macKeyId, ...stored } = row;
    return { row: stored, receipt: receiptOf(stored, opened.nonce), macs: { requestKeyMac, contentMac, macKeyId }, reused: true };
  }
  return undefined;
}

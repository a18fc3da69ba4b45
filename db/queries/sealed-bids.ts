/** Rows of sealed_bids (see the migrations): stored ciphertext, status changes at submission and opening. */
import type { Knex } from 'knex';
import type { QueryResult } from 'pg';
import type { Envelope } from '../../runtime/crypto/envelope';
import type { SealedBidsRow } from '../tables';

export interface SealedBidRow extends Envelope {
  id: string;
  packageId: string;
  action: string;
  vendorId: string;
  commitment: string;
  receivedAt: Date;
  status: 'received' | 'submitted' | 'opened' | 'rejected';
}

/**
 * What ties a bid to the Idempotency-Key it came with (api/services/sealed-bid-once.ts): HMACs of the key and of the
 * content under a key derived from the ring, never either in clear, and the ring key's id.
 */
export interface BidKeyMacs {
  requestKeyMac: string;
  contentMac: string;
  macKeyId: string;
}

/** Where sealed bids live; the database in every process, an in-memory map in state-machine tests. */
export interface SealedBidStore {
  insert(row: SealedBidRow): Promise<void>;
  load(ids: string[]): Promise<SealedBidRow[]>;
  setStatus(id: string, status: SealedBidRow['status'], reason?: string): Promise<void>;
  remove(id: string): Promise<void>;
}

const columnsOf = (r: SealedBidRow, macs?: BidKeyMacs) => ({
  id: r.id,
  package_id: r.packageId,
  action: r.action,
  vendor_id: r.vendorId,
  commitment: r.commitment,
  key_id: r.keyId,
  wrapped_key: r.wrappedKey,
  iv: r.iv,
  tag: r.tag,
  ciphertext: r.ciphertext,
  received_at: r.receivedAt,
  status: r.status,
  ...(macs ? { request_key_mac: macs.requestKeyMac, content_mac: macs.contentMac, mac_key_id: macs.macKeyId } : {}),
});

const rowOf = (x: SealedBidsRow): SealedBidRow => ({
  id: x.id,
  packageId: x.package_id,
  action: x.action,
  vendorId: x.vendor_id,
  commitment: x.commitment,
  keyId: x.key_id,
  wrappedKey: x.wrapped_key,
  iv: x.iv,
  tag: x.tag,
  ciphertext: x.ciphertext,
  receivedAt: x.received_at,
  status: x.status as SealedBidRow['status'],
});

export function dbSealedBidStore(db: Knex): SealedBidStore {
  return {
    async insert(r) {
      await db('sealed_bids').insert(columnsOf(r));
    },
    async load(ids) {
      if (!ids.length) return [];
      return (await db('sealed_bids').whereIn('id', ids)).map(rowOf);
    },
    async setStatus(id, status, reason) {
      await db('sealed_bids')
        .where({ id })
        .update({ status, rejection_reason: reason ?? null, ...(status === 'opened' || status === 'rejected' ? { opened_at: db.fn.now() } : {}) });
    },
    async remove(id) {
      await db('sealed_bids').where({ id, status: 'received' }).delete();
    },
  };
}

/** Stores a bid sent with an Idempotency-Key; a second row for the same package, vendor and key fails (23505). */
export async function insertKeyedBid(db: Knex, row: SealedBidRow, macs: BidKeyMacs): Promise<void> {
  await db('sealed_bids').insert(columnsOf(row, macs));
}

/** The vendor's bids in the package that came with an Idempotency-Key (a handful at most), with their MACs. */
export async function keyedBidsOf(db: Knex, packageId: string, vendorId: string): Promise<(SealedBidRow & BidKeyMacs)[]> {
  const rows = await db('sealed_bids').where({ package_id: packageId, vendor_id: vendorId }).whereNotNull('request_key_mac');
  // A keyed bid is written with all three MACs at once (columnsOf), so the filter on one stands for all.
  return rows.map((x) => ({ ...rowOf(x), requestKeyMac: x.request_key_mac!, contentMac: x.content_mac!, macKeyId: x.mac_key_id! }));
}

/**
 * The workflow accepted the bid: 'received' becomes 'submitted'. The row is written again should a sweep have deleted
 * it meanwhile (the update waited longer than UNSENT_BID_AGE_MS for a worker): the workflow now holds its envelope,
 * so its ciphertext must be there at the opening. A row already opened or rejected is left as it is.
 */
export async function markAccepted(db: Knex, row: SealedBidRow, macs?: BidKeyMacs): Promise<void> {
  await db('sealed_bids')
    .insert(columnsOf({ ...row, status: 'submitted' }, macs))
    .onConflict('id')
    .merge({ status: 'submitted' })
    .where('sealed_bids.status', 'received');
}

/**
 * Housekeeping of bids stored but never confirmed (api/services/seal-bid.ts says when it runs): every row still
 * 'received' and older than `before`, in any package with a read model. The package's events decide: a row whose id
 * an event of its step names (the envelope `{sealedBid: {id, commitment}}` the workflow accepted) did reach the
 * workflow (the API died before confirming it) and becomes 'submitted'; any other never did (the API died between
 * storing and sending, or before deleting a refused bid) and is deleted. Events, not the view: the view shows a
 * sealed entry only as who and when. A bid id is a random UUID, so finding it in an event's text is exact.
 */
export async function sweepUnsentBids(db: Knex, before: Date): Promise<{ confirmed: number; deleted: number }> {
  const stale = `s.status = 'received' AND s.received_at < ? AND EXISTS (SELECT 1 FROM packages p WHERE p.id = s.package_id)`;
  const held = `EXISTS (SELECT 1 FROM package_events e WHERE e.package_id = s.package_id AND e.action = s.action AND strpos(e.details::text, s.id) > 0)`;
  const confirmed = await db.raw<QueryResult>(`UPDATE sealed_bids s SET status = 'submitted' WHERE ${stale} AND ${held}`, [before]);
  // Deleted only once its step is no longer open in the package: while the window is open, an update the server admitted
  // before the API died may still be accepted when a worker comes back, and the opening would then miss its row. Once
  // the window has closed the workflow refuses it, so the row can never be needed.
  const open = `EXISTS (SELECT 1 FROM package_tasks t WHERE t.package_id = s.package_id AND t.action = s.action AND t.status = 'open')`;
  const deleted = await db.raw<QueryResult>(`DELETE FROM sealed_bids s WHERE ${stale} AND NOT ${held} AND NOT ${open}`, [before]);
  return { confirmed: confirmed.rowCount ?? 0, deleted: deleted.rowCount ?? 0 };
}

/** Receipts of a package's sealed bids (public: commitment and time, never content); a bid not yet confirmed is left out. */
export async function listSealedBidReceipts(db: Knex, packageId: string) {
  return db('sealed_bids')
    .where({ package_id: packageId })
    .whereNot({ status: 'received' })
    .orderBy('received_at')
    .select(
      'id',
      'action',
      'vendor_id as vendorId',
      'commitment',
      'received_at as receivedAt',
      'status',
      'opened_at as openedAt',
      'rejection_reason as rejectionReason',
    );
}

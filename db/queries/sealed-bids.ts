/** Rows of sealed_bids (see the migration): stored ciphertext, status changes at submission and opening. */
import type { Knex } from 'knex';
import type { Envelope } from '../../runtime/crypto/envelope';

export interface SealedBidRow extends Envelope {
  id: string;
  packageId: string;
  action: string;
  vendorId: string;
  commitment: string;
  receivedAt: Date;
  status: 'received' | 'submitted' | 'opened' | 'rejected';
}

/** Where sealed bids live; the database in every process, an in-memory map in state-machine tests. */
export interface SealedBidStore {
  insert(row: SealedBidRow): Promise<void>;
  load(ids: string[]): Promise<SealedBidRow[]>;
  setStatus(id: string, status: SealedBidRow['status'], reason?: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export function dbSealedBidStore(db: Knex): SealedBidStore {
  return {
    async insert(r) {
      await db('sealed_bids').insert({
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
      });
    },
    async load(ids) {
      if (!ids.length) return [];
      const rows = await db('sealed_bids').whereIn('id', ids);
      return rows.map((x) => ({
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
        status: x.status,
      }));
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

/** Receipts of a package's sealed bids (public: commitment and time, never content). */
export async function listSealedBidReceipts(db: Knex, packageId: string) {
  return db('sealed_bids')
    .where({ package_id: packageId })
    .whereNot({ status: 'received' })
    .orderBy('received_at')
    .select('id', 'action', 'vendor_id as vendorId', 'commitment', 'received_at as receivedAt', 'status', 'opened_at as openedAt', 'rejection_reason as rejectionReason');
}

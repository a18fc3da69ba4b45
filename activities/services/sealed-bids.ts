/**
 * `unsealBids`: the bid opening. The package holds only envelopes `{by, at, sealedBid: {id, commitment}}`; this
 * decrypts each bid from sealed_bids, verifies it against the commitment the package recorded at submission, and
 * returns the list with the verified content in place of each envelope. A bid that fails (missing row, wrong vendor
 * or package, tampered ciphertext, commitment mismatch) is left out of the list and reported as rejected, with its
 * row marked so; the rejection is in the package data, the read model and the audit trail.
 *
 * args.list: the data path of the list; args.onlyVendorsIn (optional): a data path to the vendors whose bids open now
 * (File II of a two-file tender opens only for those who passed File I; the others stay sealed for good).
 *
 * A bid document travels inside the ciphertext; the opened entry keeps its name, size and SHA-256, not its bytes,
 * which the Pokja downloads decrypted from GET /api/packages/{id}/bids/{bidId}/document after the opening.
 * Idempotent: opening is deterministic for the same rows, and the status update is a plain overwrite.
 */
import { createHash } from 'node:crypto';
import type { SealedBidStore } from '../../db/queries/sealed-bids';
import { getPath } from '../../domain/process/predicate';
import type { KeyProvider } from '../../runtime/crypto/key-provider';
import { openBid } from '../../runtime/crypto/sealed-bid';
import type { Service } from '.';

interface Held {
  by: string;
  at: number;
  sealedBid?: { id: string; commitment: string };
  [k: string]: unknown;
}

export interface RejectedBid {
  vendorId: string;
  bidId: string;
  commitment: string;
  reason: string;
}

/** The content as the package keeps it: a document is described, not carried. */
export function publishedContent(content: Record<string, unknown>): Record<string, unknown> {
  const doc = content.document as { fileName?: string; mediaType?: string; contentBase64?: string } | undefined;
  if (!doc?.contentBase64) return content;
  const bytes = Buffer.from(doc.contentBase64, 'base64');
  return {
    ...content,
    document: { fileName: doc.fileName, mediaType: doc.mediaType, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
  };
}

function selectedVendors(data: Record<string, unknown>, path: unknown): Set<string> | undefined {
  if (typeof path !== 'string') return undefined;
  const list = (getPath(data, path) ?? []) as unknown[];
  return new Set(list.map((x) => (typeof x === 'string' ? x : String((x as { vendorId?: unknown; by?: unknown }).vendorId ?? (x as { by?: unknown }).by))));
}

export function sealedBidServices(store: SealedBidStore, keys: KeyProvider): Record<string, Service> {
  return {
    unsealBids: async ({ packageId, data, args }) => {
      const held = (getPath(data, String(args.list)) ?? []) as Held[];
      const only = selectedVendors(data, args.onlyVendorsIn);
      const rows = new Map((await store.load(held.flatMap((h) => (h.sealedBid ? [h.sealedBid.id] : [])))).map((r) => [r.id, r]));
      const bids: Held[] = [];
      const rejected: RejectedBid[] = [];
      for (const h of held) {
        if (!h.sealedBid || (only && !only.has(h.by))) {
          bids.push(h); // already open, or not opened at this opening
          continue;
        }
        const { id, commitment } = h.sealedBid;
        const r = await openBid(keys, rows.get(id), { packageId, vendorId: h.by, commitment });
        if (r.ok) {
          await store.setStatus(id, 'opened');
          bids.push({ ...publishedContent(r.content), by: h.by, at: h.at, bidId: id, commitment, nonce: r.nonce });
        } else {
          await store.setStatus(id, 'rejected', r.reason);
          rejected.push({ vendorId: h.by, bidId: id, commitment, reason: r.reason });
        }
      }
      return { bids, opened: bids.filter((b) => b.bidId !== undefined && !b.sealedBid).length, rejected };
    },
  };
}

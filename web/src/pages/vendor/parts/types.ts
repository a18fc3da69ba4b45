/**
 * The answers these pages read, typed locally: web/src/api/schema.d.ts (generated from /openapi.json) is being
 * completed in parallel; these name only the members the pages use, as the server answers them (api/schemas.ts
 * PackageSummary, api/routes/bids.ts, api/services/seal-bid.ts ownBidView).
 */
import type { CommitmentFields } from '../../../bids/verify';

export interface PackageSummary {
  id: string;
  title: string;
  opd: string;
  workUnit: string;
  category: string;
  method: string;
  fiscalYear: number;
  pagu: number | string;
  hps: number | string;
  status: string;
  stage: { id: string; name: string; enteredAt: string | null; closesAt: string | null };
}

export interface PackageList {
  data: PackageSummary[];
  pagination: { page: number; pageSize: number; total: number };
}

/** GET /api/packages/{id}/bids: a vendor sees its own receipts, and others' only once opened. */
export interface BidReceiptItem {
  bidId: string;
  step: string;
  commitment: string;
  receivedAt: string;
  status: string;
  vendorId?: string;
  rejectionReason?: string;
}

export interface BidList {
  packageId: string;
  items: BidReceiptItem[];
}

/** GET /api/packages/{id}/bids/{bidId}/own: the bidder's own bid as the server holds it. */
export interface OwnBid {
  bidId: string;
  packageId: string;
  step: string;
  vendorId: string;
  status: string;
  receivedAt: string;
  scheme: string;
  commitment: string;
  nonce: string;
  content: Record<string, unknown>;
  canonicalInput: string;
}

export type { CommitmentFields };

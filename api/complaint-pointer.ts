/**
 * A sanggah that cannot be one — the masa sanggah closed or not yet open, a filer who did not bid, a method without
 * sanggah — is treated as a complaint to the APIP (docs/regulation.md §2.2 row 10, §3.1; domain/complaints/PENGADUAN.md).
 * So a refused `file_objection` tells the vendor where that complaint goes: `details.complaint`. A 422 (the form is
 * wrong) and a 503 (not yet known) point nowhere: the sanggah may still be possible.
 */
import { ApiError } from './errors';

/**
 * The sanggah steps: the selection's (workflows/definitions/objections.ts, in every masa sanggah of a definition,
 * e.g. after the award and after "no bidder passed") and the prequalification's (prequalification.ts).
 */
export const SANGGAH_ACTIONS: readonly string[] = ['file_objection', 'file_pq_objection'];

/** Where a package's complaints are filed (api/routes/complaints.ts). */
export const complaintRouteOf = (packageId: string) => `/api/packages/${packageId}/complaints`;

export function withComplaintPointer(err: unknown, action: string, packageId: string): unknown {
  if (!SANGGAH_ACTIONS.includes(action) || !(err instanceof ApiError) || ![403, 404, 409].includes(err.status)) return err;
  return new ApiError(err.status, err.code, err.message, { ...err.details, complaint: complaintRouteOf(packageId) });
}

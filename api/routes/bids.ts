/**
 * /api/packages/{id}/bids: the receipts of the package's sealed bids, and an opened bid's document.
 *
 * A receipt (bid id, SHA-256 commitment, time, status) is public: anyone can later check an opened bid against it.
 * Who bid stays hidden until the opening (only the bidder sees its own receipts as its own), as SPSE does, so bidders
 * cannot learn their competitors while the window is open. Content is never here before the opening: it is encrypted
 * in sealed_bids and not in the workflow; after the opening the package view shows the verified prices, and the
 * document of an opened bid is decrypted for the officers assigned to the package and the auditor. The bidder reads
 * its own bid at any time (`…/{bidId}/own`: content, nonce, the exact hashed text; `…/{bidId}/document`).
 */
import { type Request, Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { dbSealedBidStore, listSealedBidReceipts } from '../../db/queries/sealed-bids';
import { getPackageRow } from '../../db/queries/packages';
import { OFFICER_ROLES } from '../../domain/process/definition';
import type { KeyProvider } from '../../runtime/crypto/key-provider';
import { openBid } from '../../runtime/crypto/sealed-bid';
import type { Role } from '../auth/roles';
import { ApiError, parseOr422 } from '../errors';
import { PackageIdParam } from '../schemas';
import { isVendorOnly, vendorReceipts } from '../../domain/views/vendor-view';
import { ownBid, ownBidView } from '../services/seal-bid';

const BidIdParam = z.string().regex(/^[0-9a-f-]{36}$/, 'id penawaran tidak sah');
const OPENED = new Set(['opened', 'rejected']);

/** A receipt as listSealedBidReceipts selects it from sealed_bids: its `as` aliases leave knex's result untyped. */
interface Receipt {
  id: string;
  action: string;
  vendorId: string;
  commitment: string;
  receivedAt: Date;
  status: string;
  openedAt: Date | null;
  rejectionReason: string | null;
}

export function bidRoutes(db: Knex, keys: KeyProvider): Router {
  const r = Router({ mergeParams: true });

  const loadPackage = async (raw: unknown) => {
    const id = parseOr422(PackageIdParam, raw, 'id paket');
    const row = await getPackageRow(db, id);
    if (!row) throw new ApiError(404, 'package_not_found', `Paket ${id} tidak ditemukan.`, { packageId: id });
    return row;
  };

  r.get('/', async (req, res) => {
    const row = await loadPackage((req.params as { id?: unknown }).id);
    const me = req.actor!.id;
    const receipts = (await listSealedBidReceipts(db, row.id)) as Receipt[];
    // A vendor sees its own receipts, and another's only once opened: not even how many others bid (domain/views).
    if (isVendorOnly(req.actor!.roles)) {
      const items = receipts.map((b) => ({
        bidId: b.id,
        step: b.action,
        commitment: b.commitment,
        receivedAt: b.receivedAt.toISOString(), // the text res.json would write for the Date
        status: b.status,
        ownerId: b.vendorId,
        ...(b.rejectionReason ? { rejectionReason: b.rejectionReason } : {}),
      }));
      res.json({ packageId: row.id, items: vendorReceipts(items, me) });
      return;
    }
    res.json({
      packageId: row.id,
      items: receipts.map((b) => ({
        bidId: b.id,
        step: b.action,
        commitment: b.commitment,
        receivedAt: b.receivedAt,
        status: b.status,
        ...(OPENED.has(b.status) || b.vendorId === me ? { vendorId: b.vendorId } : {}),
        ...(b.rejectionReason ? { rejectionReason: b.rejectionReason } : {}),
      })),
    });
  });

  r.get('/:bidId/document', async (req, res) => {
    const row = await loadPackage((req.params as { id?: unknown }).id);
    const bidId = parseOr422(BidIdParam, req.params.bidId, 'id penawaran');
    const actor = req.actor!;
    // The bidder reads its own document at any time (it is its own content); everyone else only after the opening.
    const opened = (await ownBid({ db, keys }, row.id, bidId, actor.id)) ?? (await openedForOfficer(row, bidId, actor));
    const doc = opened.content.document as { fileName?: string; mediaType?: string; contentBase64?: string } | undefined;
    if (!doc?.contentBase64) throw new ApiError(404, 'bid_has_no_document', 'Penawaran ini tidak menyertakan dokumen.', { bidId });
    req.log.info({ packageId: row.id, bidId }, 'opened bid document served');
    res
      .status(200)
      .type(doc.mediaType ?? 'application/octet-stream')
      .set('Content-Disposition', `attachment; filename="${(doc.fileName ?? 'penawaran').replace(/[^A-Za-z0-9._-]/g, '_')}"`)
      .send(Buffer.from(doc.contentBase64, 'base64'));
  });

  r.get('/:bidId/own', async (req, res) => {
    const row = await loadPackage((req.params as { id?: unknown }).id);
    const bidId = parseOr422(BidIdParam, req.params.bidId, 'id penawaran');
    const view = await ownBidView({ db, keys }, row.id, bidId, req.actor!.id);
    req.log.info({ packageId: row.id, bidId }, 'own bid served to its bidder');
    res.json(view);
  });

  /** An opened bid, for the officers assigned to the package and the auditor. */
  async function openedForOfficer(row: { id: string; view: unknown }, bidId: string, actor: NonNullable<Request['actor']>) {
    const assignments = (row.view as { assignments?: Partial<Record<Role, string[]>> } | null)?.assignments ?? {};
    const assigned = OFFICER_ROLES.some((role) => actor.roles.includes(role) && (assignments[role] ?? []).includes(actor.id));
    if (!assigned && !actor.roles.includes('auditor')) {
      throw new ApiError(
        403,
        'not_assigned',
        'Dokumen penawaran hanya untuk pejabat yang ditugaskan pada paket ini, auditor, dan penyedia pemilik penawaran.',
        {},
      );
    }
    const [bid] = await dbSealedBidStore(db).load([bidId]);
    if (!bid || bid.packageId !== row.id) throw new ApiError(404, 'bid_not_found', 'Penawaran tidak ditemukan.', { bidId });
    // Sealed means sealed: before the opening nobody but the bidder, admin or auditor included, gets the content.
    if (bid.status !== 'opened') throw new ApiError(409, 'bid_sealed', 'Penawaran belum dibuka.', { bidId, status: bid.status });
    const opened = await openBid(keys, bid, { packageId: row.id, vendorId: bid.vendorId, commitment: bid.commitment });
    if (!opened.ok) throw new ApiError(409, 'bid_unverifiable', 'Penawaran tidak dapat diverifikasi.', { bidId, reason: opened.reason });
    return opened;
  }

  return r;
}

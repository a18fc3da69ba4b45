/**
 * /api/public/audit (no token): the audit chain as the public may verify it (issue 12 point 10; forms in
 * domain/audit/public.ts). GET /head: the last entry's position and hash and the number of entries; GET
 * /packages/{id}: a procurement package's entries (actor as its salted actorRef, sealed steps left out until their
 * opening); GET /chain: chain pages in bare link form, to recompute every hop from a package's entries to the head;
 * GET /anchors: the anchors of the per-package (v3) chains, each with its heads as {pos, hash}.
 * The console's /publik/verifikasi does exactly that in the browser (web/src/audit/verify.ts).
 *
 * Mounted in api/app.ts before /api/public, whose catch-all answers 404 for anything it does not know.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { anchorPage, auditHead, chainLinks, publicPackageEntries } from '../../db/queries/public-audit';
import { HASH_VERSION_3 } from '../../domain/audit/chain';
import { ApiError, notFound as noRoute, parseOr422 } from '../errors';
import { PackageIdParam } from '../schemas';

// Digits only: z.coerce would read an empty `afterPos=` as 0 and answer a page nobody asked for.
const position = z
  .string()
  .regex(/^\d{1,15}$/, 'posisi harus bilangan bulat ≥ 0')
  .transform(Number);
export const PublicChainQuery = z.strictObject({
  afterPos: position.default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const PublicAuditEntriesQuery = z.strictObject({
  afterPos: position.default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const PublicAnchorsQuery = z.strictObject({
  afterSeq: position.default(0),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
const NoQuery = z.strictObject({});

export function publicAuditRoutes(db: Knex): Router {
  const r = Router();

  r.get('/head', async (req, res) => {
    parseOr422(NoQuery, req.query, 'filter');
    // `asOf` is the time of this answer, not of the head entry: the head may be a sealed entry whose time is not public.
    res.json({ ...(await auditHead(db)), hashVersion: HASH_VERSION_3, asOf: new Date().toISOString() });
  });

  r.get('/packages/:id', async (req, res) => {
    const id = parseOr422(PackageIdParam, String(req.params.id), 'id paket');
    const { afterPos, limit } = parseOr422(PublicAuditEntriesQuery, req.query, 'filter');
    const page = await publicPackageEntries(db, id, afterPos, limit);
    if (!page) throw new ApiError(404, 'package_not_found', `Paket ${id} tidak ditemukan.`, { packageId: id });
    res.json({ packageId: id, ...page });
  });

  r.get('/chain', async (req, res) => {
    const { afterPos, limit } = parseOr422(PublicChainQuery, req.query, 'filter');
    res.json(await chainLinks(db, afterPos, limit));
  });

  r.get('/anchors', async (req, res) => {
    const { afterSeq, limit } = parseOr422(PublicAnchorsQuery, req.query, 'filter');
    res.json(await anchorPage(db, afterSeq, limit));
  });

  r.use(noRoute);
  return r;
}

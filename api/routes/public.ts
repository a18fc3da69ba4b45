/**
 * /api/public: transparency without a token (PRODUCT.md: the public follows every package). Procurement packages
 * only (an E-Kontrak child belongs to its package), in a public view built from an allowlist
 * (domain/monitoring/public-view.ts): no sealed bid data before the opening (not even how many bids there are), no
 * official's user id or email, vendors by company name from the opening on. Red flags here use only what is public at the package's stage. The OCDS
 * data of a package is linked (`links.ocds`), served by /api/ocds.
 *
 * Mounted before authentication in api/app.ts; a token, if sent, is simply not looked at.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { listPackages } from '../../db/queries/packages';
import { publicPackage } from '../../db/queries/public-packages';
import { packageRedFlags } from '../../db/queries/red-flags';
import { ApiError, notFound as noRoute, parseOr422 } from '../errors';
import { ListPackagesQuery, PackageIdParam } from '../schemas';

/** `timeScale`: the API's TIME_SCALE, to read real window lengths in the schedule's time (red flags). */
export function publicRoutes(db: Knex, timeScale = 1): Router {
  const r = Router();
  const idOf = (raw: unknown) => parseOr422(PackageIdParam, String(raw), 'id paket');
  const notFound = (id: string) => new ApiError(404, 'package_not_found', `Paket ${id} tidak ditemukan.`, { packageId: id });

  r.get('/packages', async (req, res) => {
    const { page, pageSize, ...filters } = parseOr422(ListPackagesQuery, req.query, 'filter');
    const list = await listPackages(db, filters, page, pageSize);
    res.json({ ...list, data: list.data.map((p) => ({ ...p, links: { self: `/api/public/packages/${p.id}` } })) });
  });

  r.get('/packages/:id', async (req, res) => {
    const id = idOf(req.params.id);
    const view = await publicPackage(db, id);
    if (!view) throw notFound(id);
    // How many bids a package holds is not known to anyone outside until the opening (no count before it, issue 11).
    const participation = { registrations: view.participation.registrations, bidsSubmitted: view.opening ? view.participation.bidsSubmitted : null };
    res.json({ ...view, participation });
  });

  r.get('/packages/:id/red-flags', async (req, res) => {
    const id = idOf(req.params.id);
    const flags = await packageRedFlags(db, id, 'public', { timeScale });
    if (!flags) throw notFound(id);
    res.json({ packageId: id, flags });
  });

  // Anything else under /api/public is not found here, rather than falling through to the token check (401).
  r.use(noRoute);
  return r;
}

/**
 * GET /api/packages/{id}/bidder-links: bidders of the package that share an NPWP or a director
 * (domain/integrity/vendor-links.ts), for the officers assigned to the package, the auditor (APIP) and the LPSE
 * admin. Never for vendors: it names other bidders and their directors. NPWP and NIK come back masked.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { biddersOf } from '../../db/queries/bidders';
import { getPackageRow } from '../../db/queries/packages';
import { linkedBidders } from '../../domain/integrity/vendor-links';
import { OFFICER_ROLES } from '../../domain/process/definition';
import { requireRole } from '../auth/middleware';
import type { Role } from '../auth/roles';
import { ApiError, parseOr422 } from '../errors';
import { PackageIdParam } from '../schemas';

/** Monitors read every package; officers only the packages they are assigned to. */
const MONITORS: readonly Role[] = ['auditor', 'admin'];

export function bidderLinkRoutes(db: Knex): Router {
  const r = Router({ mergeParams: true });
  r.use(requireRole(...OFFICER_ROLES, ...MONITORS));

  r.get('/', async (req, res) => {
    const id = parseOr422(PackageIdParam, (req.params as { id?: unknown }).id, 'id paket');
    const row = await getPackageRow(db, id);
    if (!row) throw new ApiError(404, 'package_not_found', `Paket ${id} tidak ditemukan.`, { packageId: id });
    const actor = req.actor!;
    // The assignments the package was started with, as its workflow reports them in the read model's view.
    const assignments = (row.view as { assignments?: Partial<Record<Role, string[]>> } | null)?.assignments ?? {};
    const monitor = actor.roles.some((role) => MONITORS.includes(role));
    const assigned = OFFICER_ROLES.some((role) => actor.roles.includes(role) && (assignments[role] ?? []).includes(actor.id));
    if (!monitor && !assigned) {
      throw new ApiError(403, 'not_assigned', 'Anda tidak ditugaskan pada paket ini.', { roles: actor.roles.filter((x) => OFFICER_ROLES.includes(x)) });
    }

    const bidders = await biddersOf(db, id);
    const groups = linkedBidders(bidders.flatMap((b) => (b.profile ? [b.profile] : [])));
    res.json({
      packageId: id,
      bidders: bidders.map((b) => ({ vendorId: b.vendorId, name: b.name, org: b.org, hasProfile: b.profile !== null })),
      groups,
      // Bidders without profile data cannot be checked: the Pokja should know the answer is partial.
      unchecked: bidders.filter((b) => !b.profile).map((b) => b.vendorId),
    });
  });

  return r;
}

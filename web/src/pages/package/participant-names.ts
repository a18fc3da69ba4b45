/**
 * Company names of a package's participants, by vendor user id, for officers: step forms (a select of vendors reads
 * "PT Karya Beton Nusantara (vendor.karya)"), the timeline and the bids table. The officers' package view carries
 * vendor ids only; GET /api/packages/{id}/bidder-links (answered to the officers assigned to the package, the auditor
 * and the admin) carries each bidder's name. One query for the whole page; others are never asked, and a refusal
 * just leaves the ids.
 */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';

/** Roles the server lets read a package's bidders (api/routes/bidder-links.ts). */
const BIDDER_READERS = ['ppk', 'pokja', 'pejabat_pengadaan', 'pa_kpa', 'auditor', 'admin'];
const NONE: Readonly<Record<string, string>> = Object.freeze({});

export function useParticipantNames(packageId: string, wanted = true): Readonly<Record<string, string>> {
  const { hasRole } = useSession();
  const q = useQuery({
    queryKey: ['package', packageId, 'participant-names'],
    enabled: wanted && !!packageId && hasRole(...BIDDER_READERS),
    retry: false,
    staleTime: 60_000,
    queryFn: async () => {
      const body = await call(api.GET('/api/packages/{id}/bidder-links', { params: { path: { id: packageId } } }));
      return Object.fromEntries(body.bidders.flatMap((b) => (b.name ? [[b.vendorId, b.name] as const] : [])));
    },
  });
  return q.data ?? NONE;
}

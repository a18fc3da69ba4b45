/**
 * Company names of the package's participants for an officer's step forms, so a select of vendors (evaluation
 * results, the qualification check of the candidate) reads "PT Karya Beton Nusantara (vendor.karya)" rather than an
 * account id. The officers' package view carries vendor ids only; the package's bidders
 * (GET /api/packages/{id}/bidder-links, answered to the officers assigned to the package) carry each vendor's name.
 * Asked only by an officer who has a step here (hence is assigned); a refusal just leaves the ids.
 */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import type { MyAction } from '../../forms/ActionForm';

const OFFICER_ROLES = ['ppk', 'pokja', 'pejabat_pengadaan', 'pa_kpa'];
const NONE: Readonly<Record<string, string>> = Object.freeze({});

export function useParticipantNames(packageId: string, actions: readonly MyAction[] | undefined): Readonly<Record<string, string>> {
  const { hasRole } = useSession();
  const wanted = hasRole(...OFFICER_ROLES) && (actions ?? []).some((a) => a.target === 'package');
  const q = useQuery({
    queryKey: ['package', packageId, 'participant-names'],
    enabled: wanted && !!packageId,
    retry: false,
    staleTime: 60_000,
    queryFn: async () => {
      const body = await call(api.GET('/api/packages/{id}/bidder-links', { params: { path: { id: packageId } } }));
      return Object.fromEntries(body.bidders.flatMap((b) => (b.name ? [[b.vendorId, b.name] as const] : [])));
    },
  });
  return q.data ?? NONE;
}

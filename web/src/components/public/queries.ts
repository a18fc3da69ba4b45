/** The public portal's queries (no token: public-api.ts), defined once so the route can start them early. */
import { queryClient } from '../../api/queries';
import { call, publicApi } from './public-api';
import { apiQueryOf, filtersOf } from './usePublicListParams';

/** Rows per page of the public list. */
export const PUBLIC_PAGE_SIZE = 25;

type ListQuery = ReturnType<typeof apiQueryOf>;

export const publicListQuery = (query: ListQuery) => ({
  queryKey: ['public', 'packages', query] as const,
  queryFn: () => call(publicApi.GET('/api/public/packages', { params: { query } })),
});

/** Started by the list's route while the page's code loads (the page would otherwise ask only once it has arrived). */
export function prefetchPublicList(url: string): void {
  const u = new URL(url);
  const n = Number(u.searchParams.get('halaman'));
  const page = Number.isInteger(n) && n >= 1 ? n : 1;
  void queryClient.prefetchQuery(publicListQuery(apiQueryOf(filtersOf(u.searchParams), page, PUBLIC_PAGE_SIZE)));
}

export const publicPackageQuery = (id: string) => ({
  queryKey: ['public', 'package', id] as const,
  queryFn: () => call(publicApi.GET('/api/public/packages/{id}', { params: { path: { id } } })),
});

export const publicRedFlagsQuery = (id: string) => ({
  queryKey: ['public', 'package', id, 'red-flags'] as const,
  queryFn: async () => (await call(publicApi.GET('/api/public/packages/{id}/red-flags', { params: { path: { id } } }))).flags,
});

/**
 * The licence, publisher, publication policy and the years with data and their bulk exports (footer, open-data
 * page): GET /api/public/open-data, read once per visit.
 */
export const openDataQuery = () => ({
  queryKey: ['public', 'open-data'] as const,
  staleTime: Infinity,
  queryFn: () => call(publicApi.GET('/api/public/open-data')),
});

/** Started by the route while the page's code loads: the package and its red flags. */
export function prefetchPublicPackage(id: string): void {
  if (!id) return;
  void queryClient.prefetchQuery(publicPackageQuery(id));
  void queryClient.prefetchQuery(publicRedFlagsQuery(id));
}

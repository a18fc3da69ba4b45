/**
 * The queries the first screens of a visit need, defined once: the page uses them, and its route's loader starts
 * them while the page's code is still loading (the data and the code arrive in parallel instead of one after the
 * other; bench/console.ts measures the difference).
 */
import { QueryClient } from '@tanstack/react-query';
import { api, ApiFailure, call } from './client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // Refusals (4xx) are answers, not glitches: retrying them only delays the message.
      retry: (count, err) => !(err instanceof ApiFailure && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

export const INBOX_PAGE_SIZE = 50;

export const tasksQuery = (page: number) => ({
  queryKey: ['tasks', page] as const,
  queryFn: () => call(api.GET('/api/tasks', { params: { query: { page, pageSize: INBOX_PAGE_SIZE } } })),
});

export const packageQuery = (id: string) => ({
  queryKey: ['package', id] as const,
  queryFn: () => call(api.GET('/api/packages/{id}', { params: { path: { id } } })),
});

export const packageDocumentsQuery = (id: string) => ({
  queryKey: ['package', id, 'documents'] as const,
  queryFn: async () => (await call(api.GET('/api/packages/{id}/documents', { params: { path: { id } } }))).data,
});

/** The inbox page number as the page reads it (`?halaman=`). */
export function pageOf(url: string): number {
  const n = Number(new URL(url).searchParams.get('halaman'));
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

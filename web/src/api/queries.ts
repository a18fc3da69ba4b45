/**
 * The queries the first screens of a visit need, defined once: the page uses them, and its route's loader starts
 * them while the page's code is still loading (the data and the code arrive in parallel instead of one after the
 * other; bench/console.ts measures the difference).
 */
import { QueryClient } from '@tanstack/react-query';
import { api, ApiFailure, call, fetchRaw } from './client';

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

export const definitionQuery = (id: string, version: number) => ({
  queryKey: ['definition', id, version] as const,
  queryFn: () => call(api.GET('/api/process-definitions/{id}', { params: { path: { id }, query: { version } } })),
  staleTime: Infinity,
});

export const bpmnQuery = (id: string, version: number) => ({
  queryKey: ['bpmn', id, version] as const,
  queryFn: () => fetchRaw(`/api/process-definitions/${encodeURIComponent(id)}/bpmn?version=${version}`, 'text') as Promise<string>,
  staleTime: Infinity,
});

/**
 * Everything the package page draws, started at once: the package and its documents; once the package names its
 * definition, the definition and its BPMN diagram; and the diagram's code (its own chunk) meanwhile.
 */
export function prefetchPackagePage(id: string): void {
  void queryClient.prefetchQuery(packageDocumentsQuery(id));
  void import('../diagram/BpmnCanvas');
  void queryClient.fetchQuery(packageQuery(id)).then(
    (p) => {
      const d = p.live?.definition ?? p.definition;
      if (!d) return;
      void queryClient.prefetchQuery(definitionQuery(d.id, d.version));
      void queryClient.prefetchQuery(bpmnQuery(d.id, d.version));
    },
    () => undefined, // the page shows the refusal from its own query
  );
}

/** The inbox page number as the page reads it (`?halaman=`). */
export function pageOf(url: string): number {
  const n = Number(new URL(url).searchParams.get('halaman'));
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/**
 * The console's pages. Each page is its own chunk, loaded when first visited, so the inbox does not pay for the
 * package page's forms or the diagram. URLs are Indonesian, like the labels.
 */
import { createBrowserRouter, Navigate } from 'react-router';
import { Layout } from './Layout';
import { RequireSession } from '../auth/RequireSession';
import { RouteError } from './RouteError';
import { pageOf, prefetchPackagePage, queryClient, tasksQuery } from '../api/queries';
import { readSession } from '../auth/token-store';

/** Shown while a page's code loads (the first page of a visit is lazy too). */
const loading = (
  <p className="page" role="status">
    Memuat…
  </p>
);

/** Starts the page's queries without waiting for them (the page shows its own loading and refusal states). */
function prefetch(...queries: { queryKey: readonly unknown[]; queryFn: () => Promise<unknown> }[]): null {
  if (readSession()) for (const q of queries) void queryClient.prefetchQuery(q);
  return null;
}

const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({ Component: (await load()).default });

export const router = createBrowserRouter([
  { path: '/masuk', lazy: page(() => import('../pages/SignInPage')), errorElement: <RouteError />, hydrateFallbackElement: loading },
  { path: '/masuk/callback', lazy: page(() => import('../pages/SignInCallbackPage')), errorElement: <RouteError />, hydrateFallbackElement: loading },
  {
    element: (
      <RequireSession>
        <Layout />
      </RequireSession>
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: loading,
    children: [
      { index: true, element: <Navigate to="/tugas" replace /> },
      {
        path: '/tugas',
        lazy: page(() => import('../pages/InboxPage')),
        loader: ({ request }) => prefetch(tasksQuery(pageOf(request.url))),
      },
      { path: '/notifikasi', lazy: page(() => import('../pages/NotificationsPage')) },
      { path: '/paket', lazy: page(() => import('../pages/PackageListPage')) },
      { path: '/paket/baru', lazy: page(() => import('../pages/CreatePackagePage')) },
      {
        path: '/paket/:id',
        lazy: page(() => import('../pages/package/PackagePage')),
        loader: ({ params }) => {
          if (readSession()) prefetchPackagePage(params.id ?? '');
          return null;
        },
      },
      { path: '/paket/:id/kontrak', lazy: page(() => import('../pages/contract/ContractPage')) },
      { path: '/tender', lazy: page(() => import('../pages/vendor/OpenTendersPage')) },
      { path: '/penawaran', lazy: page(() => import('../pages/vendor/MyBidsPage')) },
      { path: '*', lazy: page(() => import('../pages/NotFoundPage')) },
    ],
  },
]);

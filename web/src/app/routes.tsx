/**
 * The console's pages. Each page is its own chunk, loaded when first visited, so the inbox does not pay for the
 * package page's forms or the diagram. URLs are Indonesian, like the labels.
 */
import { createBrowserRouter, Navigate } from 'react-router';
import { Layout } from './Layout';
import { RequireSession } from '../auth/RequireSession';
import { RouteError } from './RouteError';

/** Shown while a page's code loads (the first page of a visit is lazy too). */
const loading = (
  <p className="page" role="status">
    Memuat…
  </p>
);

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
      { path: '/tugas', lazy: page(() => import('../pages/InboxPage')) },
      { path: '/notifikasi', lazy: page(() => import('../pages/NotificationsPage')) },
      { path: '/paket', lazy: page(() => import('../pages/PackageListPage')) },
      { path: '/paket/baru', lazy: page(() => import('../pages/CreatePackagePage')) },
      { path: '/paket/:id', lazy: page(() => import('../pages/package/PackagePage')) },
      { path: '/paket/:id/kontrak', lazy: page(() => import('../pages/contract/ContractPage')) },
      { path: '/tender', lazy: page(() => import('../pages/vendor/OpenTendersPage')) },
      { path: '/penawaran', lazy: page(() => import('../pages/vendor/MyBidsPage')) },
      { path: '*', lazy: page(() => import('../pages/NotFoundPage')) },
    ],
  },
]);

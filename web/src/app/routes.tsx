/**
 * The console's pages. Each page is its own chunk, loaded when first visited, so the inbox does not pay for the
 * package page's forms or the diagram. URLs are Indonesian, like the labels.
 */
import { createBrowserRouter, Navigate } from 'react-router';
import { Layout } from './Layout';
import { PublicLayout } from './PublicLayout';
import { prefetchPublicList, prefetchPublicPackage } from '../components/public/queries';
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
  // The public portal: outside RequireSession, no sign-in and no token (components/public/public-api.ts).
  {
    path: '/publik',
    element: <PublicLayout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: loading,
    children: [
      {
        index: true,
        lazy: page(() => import('../pages/public/PublicListPage')),
        loader: ({ request }) => {
          prefetchPublicList(request.url);
          return null;
        },
      },
      {
        path: 'paket/:id',
        lazy: page(() => import('../pages/public/PublicPackagePage')),
        loader: ({ params }) => {
          prefetchPublicPackage(params.id ?? '');
          return null;
        },
      },
      { path: 'data-terbuka', lazy: page(() => import('../pages/public/OpenDataPage')) },
      { path: 'verifikasi', lazy: page(() => import('../pages/public/AuditVerifyPage')) },
      { path: 'daftar-hitam', lazy: page(() => import('../pages/public/BlacklistPage')) },
      { path: '*', lazy: page(() => import('../pages/public/PublicNotFoundPage')) },
    ],
  },
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
      { path: '/paket/:id/jadwal', lazy: page(() => import('../pages/package/SchedulePage')) },
      { path: '/tender', lazy: page(() => import('../pages/vendor/OpenTendersPage')) },
      { path: '/penawaran', lazy: page(() => import('../pages/vendor/MyBidsPage')) },
      // Pengaduan to the APIP (Pasal 76–77): the APIP's desk; other users see their own complaints there.
      { path: '/pengaduan', lazy: page(() => import('../pages/complaints/ComplaintsPage')) },
      // Blacklist proposals and the PA/KPA's decisions (the API refuses other roles).
      { path: '/sanksi', lazy: page(() => import('../pages/sanctions/SanctionsPage')) },
      // Monitoring (PA/KPA, Kepala UKPBJ, APIP, admin): the layout refuses other roles, each page is its own chunk.
      {
        path: '/pantau',
        lazy: page(() => import('../pages/monitoring/MonitoringLayout')),
        children: [
          { index: true, element: <Navigate to="/pantau/ringkasan" replace /> },
          { path: 'ringkasan', lazy: page(() => import('../pages/monitoring/YearSummaryPage')) },
          { path: 'terlambat', lazy: page(() => import('../pages/monitoring/OverduePage')) },
          { path: 'kontrak', lazy: page(() => import('../pages/monitoring/ContractsPage')) },
          { path: 'indikasi-risiko', lazy: page(() => import('../pages/monitoring/RedFlagsPage')) },
        ],
      },
      { path: '*', lazy: page(() => import('../pages/NotFoundPage')) },
    ],
  },
]);

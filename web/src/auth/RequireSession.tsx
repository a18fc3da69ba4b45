import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './session';

/** Pages behind sign-in: without a session, go to /masuk and come back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to={`/masuk?kembali=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

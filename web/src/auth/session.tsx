/**
 * The signed-in user for the whole console. The token is refreshed a few minutes before it expires (development
 * issuer: POST /api/auth/dev/refresh; OpenID Connect: the provider's refresh through oidc-client-ts), so an officer
 * who keeps a form open does not lose it to an expired token.
 */
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { onSessionChange, readSession, type StoredSession, writeSession } from './token-store';
import { refreshSession } from './refresh';

interface SessionContextValue {
  session: StoredSession | null;
  signOut: () => void;
  hasRole: (...roles: string[]) => boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Refresh when this much of the token's lifetime is left (or at 80% of a short one). */
const REFRESH_BEFORE_MS = 5 * 60_000;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<StoredSession | null>(() => readSession());
  useEffect(() => onSessionChange(setSession), []);

  useEffect(() => {
    if (!session) return;
    const left = Date.parse(session.expiresAt) - Date.now();
    const wait = Math.max(5_000, Math.min(left - REFRESH_BEFORE_MS, left * 0.8));
    const t = setTimeout(() => {
      refreshSession(session).then(
        (next) => writeSession(next),
        // A refused refresh (user removed, role changed to none) ends the session; a network failure retries later.
        (e: unknown) => {
          if ((e as { status?: number }).status === 401 || (e as { status?: number }).status === 403) writeSession(null);
        },
      );
    }, wait);
    return () => clearTimeout(t);
  }, [session]);

  const value: SessionContextValue = {
    session,
    signOut: () => writeSession(null),
    hasRole: (...roles) => !!session && session.user.roles.some((r) => roles.includes(r)),
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

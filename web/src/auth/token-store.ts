/**
 * Where the signed-in user's access token lives: sessionStorage (one browser tab = one session; closing the tab signs
 * out, and nothing survives on a shared office computer). The API client reads it on every request; `auth/session.tsx`
 * writes it and refreshes it before it expires.
 */
export interface StoredSession {
  accessToken: string;
  /** ISO time the token expires. */
  expiresAt: string;
  user: { id: string; name: string; roles: string[]; org: string };
  /** How it was obtained: the development issuer, or the OpenID Connect provider. */
  mode: 'development' | 'oidc';
}

const KEY = 'pengadaan.session';
type Listener = (s: StoredSession | null) => void;
const listeners = new Set<Listener>();

export function readSession(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as StoredSession;
    return Date.parse(s.expiresAt) > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function writeSession(s: StoredSession | null): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l(s);
}

export function onSessionChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

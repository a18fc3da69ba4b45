/** Gets a fresh token for the current session from wherever it came from. */
import type { StoredSession } from './token-store';

export async function refreshSession(s: StoredSession): Promise<StoredSession> {
  if (s.mode === 'oidc') {
    const { refreshOidcSession } = await import('./oidc');
    return refreshOidcSession();
  }
  const res = await fetch('/api/auth/dev/refresh', { method: 'POST', headers: { Authorization: `Bearer ${s.accessToken}` } });
  if (!res.ok) throw Object.assign(new Error(`refresh ${res.status}`), { status: res.status });
  const body = (await res.json()) as { accessToken: string; expiresAt: string; user: StoredSession['user'] };
  return { mode: 'development', accessToken: body.accessToken, expiresAt: body.expiresAt, user: body.user };
}

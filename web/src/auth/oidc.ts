/**
 * Production sign-in: OpenID Connect authorization code with PKCE through oidc-client-ts, against the issuer the API
 * verifies tokens of (GET /api/auth/config gives authority and client id). The API's claims (sub, name, roles, org)
 * travel in the access token, which the API verifies; the console only reads them to label its pages.
 */
import { type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { StoredSession } from './token-store';

export interface OidcConfig {
  mode: 'oidc';
  authority: string;
  clientId: string;
  scope?: string;
  audience?: string;
}

const CONFIG_KEY = 'pengadaan.oidc-config';
let manager: UserManager | null = null;

function managerFor(cfg: OidcConfig): UserManager {
  sessionStorage.setItem(CONFIG_KEY, JSON.stringify(cfg));
  manager ??= new UserManager({
    authority: cfg.authority,
    client_id: cfg.clientId,
    redirect_uri: `${location.origin}/masuk/callback`,
    post_logout_redirect_uri: `${location.origin}/masuk`,
    response_type: 'code', // PKCE is oidc-client-ts's default for the code flow
    scope: cfg.scope ?? 'openid profile',
    // No `resource` parameter: RFC 8707 wants an absolute URI, while JWT_AUDIENCE is often a plain name; which
    // audience the access token carries is the identity provider's configuration for this client.
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: false, // session.tsx refreshes, the same way for both sign-in modes
  });
  return manager;
}

function storedConfig(): OidcConfig {
  const raw = sessionStorage.getItem(CONFIG_KEY);
  if (!raw) throw new Error('konfigurasi OIDC tidak ada');
  return JSON.parse(raw) as OidcConfig;
}

/** The claims of a JWT access token (not verified here: the API verifies it on every request). */
function claimsOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const json = atob(
    part
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(part.length / 4) * 4, '='),
  );
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

function sessionOf(user: User): StoredSession {
  const c = claimsOf(user.access_token);
  return {
    mode: 'oidc',
    accessToken: user.access_token,
    expiresAt: new Date((user.expires_at ?? Number(c.exp)) * 1000).toISOString(),
    user: {
      id: String(c.sub),
      name: String(c.name ?? user.profile.name ?? c.sub),
      roles: Array.isArray(c.roles) ? c.roles.map(String) : [],
      org: typeof c.org === 'string' ? c.org : '',
    },
  };
}

export async function startOidcSignIn(cfg: OidcConfig, returnTo: string): Promise<void> {
  await managerFor(cfg).signinRedirect({ state: { returnTo } });
}

export async function completeOidcSignIn(): Promise<{ session: StoredSession; returnTo: string }> {
  const user = await managerFor(storedConfig()).signinRedirectCallback();
  const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo ?? '/tugas';
  return { session: sessionOf(user), returnTo: returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/tugas' };
}

export async function refreshOidcSession(): Promise<StoredSession> {
  const user = await managerFor(storedConfig()).signinSilent();
  if (!user) throw Object.assign(new Error('refresh refused'), { status: 401 });
  return sessionOf(user);
}

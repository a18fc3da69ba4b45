/**
 * How the console signs people in, as GET /api/auth/config tells it: with the development issuer ("Masuk sebagai",
 * only when that issuer is the API's verifier) or with the OpenID Connect provider the API verifies tokens of
 * (authorization code + PKCE). Decided once at start-up from the configuration, never from a request.
 */
import type { AppConfig } from '../../runtime/config';
import type { DevIssuer } from './dev-issuer';

/** The OpenID Connect client settings the console needs; public values only (a PKCE client has no secret). */
export interface OidcSignIn {
  /** The issuer (JWT_ISSUER): the console discovers the endpoints at {authority}/.well-known/openid-configuration. */
  authority: string;
  clientId: string;
  scope: string;
  /** The audience the API requires in access tokens (JWT_AUDIENCE). */
  audience: string;
}

export type SignInConfig = { mode: 'development'; devUsersUrl: string } | ({ mode: 'oidc' } & OidcSignIn);

/** The console's client id outside production when OIDC_CLIENT_ID is not set (production requires it, see config). */
export const DEFAULT_CONSOLE_CLIENT_ID = 'pengadaan-console';

export const DEV_USERS_PATH = '/api/auth/dev/users';

/**
 * The OpenID Connect settings when the API verifies tokens from a provider (JWKS_URL), else undefined. Outside
 * production a missing client id falls back to DEFAULT_CONSOLE_CLIENT_ID so a local provider works unconfigured.
 */
export function oidcSignInOf(cfg: AppConfig): OidcSignIn | undefined {
  if (!cfg.jwksUrl || !cfg.jwtIssuer) return undefined;
  const clientId = cfg.oidc.clientId ?? (cfg.env === 'production' ? undefined : DEFAULT_CONSOLE_CLIENT_ID);
  if (!clientId) return undefined; // production without a client id refuses to start (loadConfig) when the console is served
  return { authority: cfg.jwtIssuer, clientId, scope: cfg.oidc.scope, audience: cfg.jwtAudience };
}

/** Development sign-in wins only when its issuer is the active verifier; otherwise the provider, if any. */
export function signInConfigOf(devIssuer: DevIssuer | undefined, oidc: OidcSignIn | undefined): SignInConfig | undefined {
  if (devIssuer) return { mode: 'development', devUsersUrl: DEV_USERS_PATH };
  if (oidc) return { mode: 'oidc', ...oidc };
  return undefined;
}

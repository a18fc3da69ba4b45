// Turns a bearer token into an Actor. This is the only place a client's roles
// become trusted, and only after the signature, issuer, audience and expiry check out.
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWK } from 'jose';
import { z } from 'zod';
import type { Actor } from './actor';
import { conflictingRoles, ROLES } from './roles';

export type AuthErrorCode = 'unauthenticated' | 'invalid_token' | 'token_expired' | 'conflicting_roles' | 'user_inactive';

export class AuthError extends Error {
  override name = 'AuthError';
  // Messages are fixed texts chosen here; they never contain the token or claim values.
  constructor(
    public code: AuthErrorCode,
    message: string,
    /** 401: no usable identity. 403: the identity is genuine but may not act at all (logging in again cannot help). */
    public status: 401 | 403 = 401,
  ) {
    super(message);
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<Actor>;
}

export type VerifierOptions = { issuer: string; audience: string; jwks: { keys: JWK[] } } | { issuer: string; audience: string; jwksUrl: string };

// Unknown roles fail the enum check, which rejects the whole token: dropping them
// would hide an identity-provider misconfiguration.
const claimsSchema = z.object({
  sub: z.string().min(1).max(128),
  name: z.string().max(256).optional(),
  roles: z.array(z.enum(ROLES)).min(1),
  // Non-empty: org scopes what a penyedia or OPD may see, and '' must never
  // match another record's missing org.
  org: z.string().min(1).max(128),
});

export function createVerifier(opts: VerifierOptions): TokenVerifier {
  const keys = 'jwks' in opts ? createLocalJWKSet(opts.jwks) : createRemoteJWKSet(new URL(opts.jwksUrl));

  return {
    async verify(token) {
      if (!token) throw new AuthError('unauthenticated', 'Token tidak ada / No token provided.');

      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: opts.issuer,
          audience: opts.audience,
          algorithms: ['ES256', 'RS256'],
          clockTolerance: 30,
          requiredClaims: ['exp'], // a token without expiry would be valid forever
        }));
      } catch (err) {
        throw toAuthError(err);
      }

      const parsed = claimsSchema.safeParse(payload);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '?')))];
        throw new AuthError('invalid_token', `Klaim token tidak valid / Invalid token claims: ${fields.join(', ')}.`);
      }
      const c = parsed.data;
      // A vendor account holding a government role is refused whole, not trimmed to one side: which side is
      // genuine cannot be known here, and acting as either would break the conflict-of-interest rule.
      const conflicting = conflictingRoles(c.roles);
      if (conflicting.length) {
        throw new AuthError(
          'conflicting_roles',
          'Akun penyedia tidak boleh memegang peran pejabat, auditor atau admin / A vendor account cannot hold a government role.',
          403,
        );
      }
      return { id: c.sub, name: c.name || c.sub, roles: [...new Set(c.roles)], org: c.org };
    },
  };
}

function toAuthError(err: unknown): Error {
  if (err instanceof errors.JWTExpired) {
    return new AuthError('token_expired', 'Token kedaluwarsa / Token has expired.');
  }
  // An unreachable or broken JWKS endpoint is our outage, not a bad token: pass
  // it through so it surfaces as a 5xx instead of telling clients to re-login.
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) return err;
  if (err instanceof errors.JOSEError) {
    return new AuthError('invalid_token', 'Token tidak valid / Invalid token.');
  }
  // Non-jose errors (e.g. fetch failures of a remote JWKS) are infrastructure too.
  return err instanceof Error ? err : new Error(String(err));
}

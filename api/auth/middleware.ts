// Express glue for verifier.ts. Errors use the API's structured error body.
// The token itself is never logged or echoed back.
import type { RequestHandler, Response } from 'express';
import type { Role } from './roles';
import { AuthError, type TokenVerifier } from './verifier';

const NO_TOKEN = new AuthError('unauthenticated', 'Autentikasi diperlukan: kirim header Authorization: Bearer <token> / Authentication required.');

/** Requires a valid bearer token; sets req.actor. */
export function authenticate(verifier: TokenVerifier): RequestHandler {
  return bearerAuth(verifier, true);
}

/** Sets req.actor when a token is sent; no token is fine, a bad token is still 401. */
export function optionalAuth(verifier: TokenVerifier): RequestHandler {
  return bearerAuth(verifier, false);
}

/** 403 unless the actor holds at least one of `roles`. Mount after authenticate(). */
export function requireRole(...roles: Role[]): RequestHandler {
  // An empty list would deny everyone; that is a wiring mistake, so fail at startup.
  if (roles.length === 0) throw new Error('requireRole() needs at least one role');
  return (req, res, next) => {
    const actor = req.actor;
    if (!actor) return sendAuthError(res, NO_TOKEN);
    if (actor.roles.some((r) => roles.includes(r))) return next();
    res.status(403).json({
      error: {
        code: 'forbidden_role',
        message: `Peran tidak diizinkan; diperlukan salah satu dari: ${roles.join(', ')} / Role not permitted.`,
        details: { required: roles },
      },
    });
  };
}

function bearerAuth(verifier: TokenVerifier, required: boolean): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) {
      if (required) return sendAuthError(res, NO_TOKEN);
      return next();
    }
    const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
    if (!match) {
      return sendAuthError(res, new AuthError('invalid_token', 'Header Authorization harus "Bearer <token>" / Malformed Authorization header.'));
    }
    try {
      req.actor = await verifier.verify(match[1]!);
    } catch (err) {
      if (err instanceof AuthError) return sendAuthError(res, err);
      return next(err); // infrastructure failure (e.g. JWKS unreachable) -> error handler, 5xx
    }
    next();
  };
}

function sendAuthError(res: Response, err: AuthError): void {
  // The challenge belongs to 401 only: a 403 identity would get the same answer with a fresh token.
  if (err.status === 401) res.set('WWW-Authenticate', 'Bearer');
  res.status(err.status).json({ error: { code: err.code, message: err.message, details: {} } });
}

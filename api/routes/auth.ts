/**
 * /api/auth: how the console signs in (public), and in development only "Masuk sebagai": the demo users, a token for
 * one of them, and a refresh of a still-valid token. The development endpoints exist only when the development issuer
 * is the API's verifier (it is passed in); otherwise, and always in production, they answer 404 dev_signin_disabled.
 */
import { type RequestHandler, Router } from 'express';
import type { Knex } from 'knex';
import { getUser, listUsers } from '../../db/queries/users';
import type { DevIssuer } from '../auth/dev-issuer';
import { actorOfUser, mintDevToken } from '../auth/dev-token';
import { authenticate } from '../auth/middleware';
import { ROLES } from '../auth/roles';
import { DevTokenRequest } from '../auth/schemas';
import type { SignInConfig } from '../auth/sign-in';
import { createVerifier } from '../auth/verifier';
import { ApiError, parseOr422 } from '../errors';

export interface AuthRouteDeps {
  db: Knex;
  /** Present only when the development issuer is the active verifier. */
  devIssuer?: DevIssuer;
  signIn?: SignInConfig;
  /** Lifetime of a development token (default 1 hour). */
  devTokenTtlSeconds?: number;
}

const DEV_DISABLED = () =>
  new ApiError(404, 'dev_signin_disabled', 'Masuk sebagai pengguna demo hanya tersedia pada lingkungan pengembangan dengan penerbit token pengembangan.');

/** A user the table holds but whose roles no verifier would accept (an unknown role, or a vendor with an officer's). */
/** 422 where the caller names the user (like unknown_user), 403 where a genuine token is refreshed. */
const inactive = (id: string, status: 403 | 422) =>
  new ApiError(status, 'user_inactive', `Pengguna '${id}' telah dinonaktifkan oleh admin dan tidak dapat masuk.`, {
    issues: [{ path: 'userId', message: 'pengguna dinonaktifkan' }],
  });

const unsignable = (id: string) =>
  new ApiError(422, 'user_not_signable', `Pengguna '${id}' memiliki peran yang tidak sah dan tidak dapat masuk.`, {
    issues: [{ path: 'userId', message: 'peran pengguna tidak sah' }],
  });

export function authRoutes(deps: AuthRouteDeps): Router {
  const r = Router();
  const ttl = deps.devTokenTtlSeconds ?? 3600;

  r.get('/config', (_req, res) => {
    if (!deps.signIn) throw new ApiError(503, 'sign_in_unconfigured', 'Cara masuk belum dikonfigurasi pada server ini.');
    res.set('Cache-Control', 'no-cache').json(deps.signIn);
  });

  const issuer = deps.devIssuer;
  if (!issuer) {
    r.use('/dev', () => {
      throw DEV_DISABLED();
    });
    return r;
  }
  // Refresh accepts only this issuer's tokens, whatever else the app might be configured with.
  const devVerifier = createVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks });
  const noStore: RequestHandler = (_req, res, next) => {
    res.set('Cache-Control', 'no-store'); // tokens must not sit in any cache (RFC 6749 §5.1)
    next();
  };

  r.get('/dev/users', async (_req, res) => {
    const rank = (roles: string[]) => Math.min(...roles.map((x) => ROLES.indexOf(x as (typeof ROLES)[number])).map((i) => (i < 0 ? ROLES.length : i)));
    const users = (await listUsers(deps.db))
      .filter((u) => u.active && actorOfUser(u))
      .sort((a, b) => rank(a.roles) - rank(b.roles) || a.id.localeCompare(b.id));
    res.json({ data: users.map((u) => ({ id: u.id, name: u.name, roles: u.roles, org: u.orgId, orgName: u.orgName })) });
  });

  r.post('/dev/token', noStore, async (req, res) => {
    const { userId } = parseOr422(DevTokenRequest, req.body ?? {}, 'masuk');
    const user = await getUser(deps.db, userId);
    if (!user) {
      throw new ApiError(422, 'unknown_user', `Pengguna '${userId}' tidak terdaftar.`, {
        issues: [{ path: 'userId', message: 'pengguna tidak terdaftar' }],
      });
    }
    if (!user.active) throw inactive(userId, 422);
    const actor = actorOfUser(user);
    if (!actor) throw unsignable(userId);
    res.json(await mintDevToken(issuer, actor, ttl));
  });

  r.post('/dev/refresh', noStore, authenticate(devVerifier), async (req, res) => {
    const id = req.actor!.id;
    const user = await getUser(deps.db, id);
    // The token is genuine but its user is gone: signing in again is the only way on.
    if (!user) res.set('WWW-Authenticate', 'Bearer');
    if (!user) throw new ApiError(401, 'unknown_user', 'Pengguna token ini tidak lagi terdaftar; silakan masuk kembali.');
    if (!user.active) throw inactive(id, 403);
    const actor = actorOfUser(user);
    if (!actor) throw unsignable(id);
    res.json(await mintDevToken(issuer, actor, ttl));
  });

  return r;
}

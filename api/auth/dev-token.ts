/**
 * Development tokens for a user of the users table, shared by the console's "Masuk sebagai" endpoints
 * (api/routes/auth.ts) and `npm run token` (bin/token.ts). Claims always come from the table, never from the caller,
 * so a refreshed token carries the user's roles as they are now.
 */
import { decodeJwt } from 'jose';
import type { UserRow } from '../../db/queries/users';
import type { Actor } from './actor';
import type { DevIssuer } from './dev-issuer';
import { conflictingRoles, isRole } from './roles';

export interface DevToken {
  accessToken: string;
  tokenType: 'Bearer';
  /** ISO time the token stops being accepted. */
  expiresAt: string;
  user: Actor;
}

/** The actor a user row signs in as, or null when the row could not pass the verifier (unknown or conflicting roles). */
export function actorOfUser(u: UserRow): Actor | null {
  const roles = [...new Set(u.roles)];
  if (roles.length === 0 || !roles.every(isRole) || conflictingRoles(roles).length) return null;
  return { id: u.id, name: u.name, roles: roles, org: u.orgId };
}

export async function mintDevToken(issuer: DevIssuer, actor: Actor, ttlSeconds: number): Promise<DevToken> {
  const accessToken = await issuer.sign(actor, { expiresIn: `${ttlSeconds}s` });
  const { exp } = decodeJwt(accessToken);
  return { accessToken, tokenType: 'Bearer', expiresAt: new Date(exp! * 1000).toISOString(), user: actor };
}

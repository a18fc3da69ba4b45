/**
 * A deactivated user's tokens are refused from the next request on (issue 15 point 2). Tokens are self-contained
 * (a development token lives an hour, an identity provider's as long as it says), so the verifier's answer alone
 * would let a user an admin deactivated act until the token expires; this wraps the verifier with one primary-key
 * read of `users.active` per authenticated request. A user the table does not hold (an identity provider may know
 * users the admin never created here) is left to the token: only an explicit deactivation refuses.
 *
 * When PostgreSQL does not answer, the read fails and the request is refused as the API refuses every request it
 * cannot serve without the database (503 database_unavailable), rather than letting a possibly deactivated user in.
 */
import type { Knex } from 'knex';
import { userActive } from '../../db/queries/active-users';
import { AuthError, type TokenVerifier } from './verifier';

export const INACTIVE_MESSAGE = 'Akun ini telah dinonaktifkan oleh admin; tokennya tidak lagi diterima / This account has been deactivated.';

export function refuseInactiveUsers(verifier: TokenVerifier, db: Knex): TokenVerifier {
  return {
    async verify(token) {
      const actor = await verifier.verify(token);
      // 403: the identity is genuine, and signing in again cannot help.
      if ((await userActive(db, actor.id)) === false) throw new AuthError('user_inactive', INACTIVE_MESSAGE, 403);
      return actor;
    },
  };
}

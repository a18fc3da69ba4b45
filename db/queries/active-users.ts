/** Whether a user may still act (api/auth/active-users.ts): one primary-key read per authenticated request. */
import type { Knex } from 'knex';

/** The user's `active` flag; undefined when the table does not hold the user (an identity provider's own user). */
export async function userActive(db: Knex, id: string): Promise<boolean | undefined> {
  const row: { active: boolean } | undefined = await db('users').where({ id }).first('active');
  return row?.active;
}

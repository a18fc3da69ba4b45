/** Users as the sign-in endpoints need them: who they are, their roles and organisation; never their email. */
import type { Knex } from 'knex';

export interface UserRow {
  id: string;
  name: string;
  roles: string[];
  orgId: string;
  orgName: string;
}

const columns = ['u.id', 'u.name', 'u.roles', 'u.org_id as orgId', 'o.name as orgName'];

export async function listUsers(db: Knex): Promise<UserRow[]> {
  return db('users as u').join('organisations as o', 'o.id', 'u.org_id').select(columns).orderBy('u.id');
}

/** One user by id (the query, for callers that run it on their own connection). */
export function userQuery(db: Knex, id: string) {
  return db('users as u').join('organisations as o', 'o.id', 'u.org_id').where('u.id', id).first(columns);
}

export async function getUser(db: Knex, id: string): Promise<UserRow | undefined> {
  return userQuery(db, id);
}

/**
 * The writes of user administration (api/services/user-admin.ts holds the rules): users and organisations, the
 * `user_changes` log, and the lock that puts every change in one line. Each runs in the caller's transaction.
 */
import type { Knex } from 'knex';
import { lockPackageAudit } from './audit-writes';

type Trx = Knex.Transaction;

/**
 * Takes the advisory lock appendAudit takes for this audit chain, first, so that two admins' changes run one after
 * the other (neither passes the last-admin check on a state the other is changing).
 */
export async function lockAuditChain(trx: Trx, chain: string): Promise<void> {
  await lockPackageAudit(trx, chain);
}

export interface NewUserChange {
  at: Date;
  actorId: string;
  kind: 'user' | 'organisation';
  subjectId: string;
  action: string;
  details: Record<string, unknown>;
}

/** Logs a change and answers its id (the seq of its audit entry). */
export async function insertUserChange(trx: Trx, c: NewUserChange): Promise<number> {
  const [row] = await trx('user_changes')
    .insert({ at: c.at, actor_id: c.actorId, subject_kind: c.kind, subject_id: c.subjectId, action: c.action, details: JSON.stringify(c.details) })
    .returning('id');
  return Number(row!.id); // one row inserted, one returned
}

export async function organisationKind(trx: Trx, id: string): Promise<{ id: string; kind: string } | undefined> {
  return trx('organisations').where({ id }).first('id', 'kind');
}

export async function getOrganisation(trx: Trx, id: string): Promise<{ id: string; name: string; kind: string } | undefined> {
  return trx('organisations').where({ id }).first('id', 'name', 'kind');
}

/** How many active users the organisation has. */
export async function activeMembers(trx: Trx, orgId: string): Promise<number> {
  return Number((await trx('users').where({ org_id: orgId, active: true }).count({ n: '*' }).first())?.n ?? 0);
}

/** How many active admins there are besides `userId`. */
export async function otherActiveAdmins(trx: Trx, userId: string): Promise<number> {
  const others = await trx('users').where('active', true).whereNot('id', userId).whereRaw(`'admin' = any(roles)`).count({ n: '*' }).first();
  return Number(others?.n ?? 0);
}

export interface UserFields {
  name: string;
  email: string | null;
  org: string;
  roles: string[];
}

export async function insertUser(trx: Trx, id: string, u: UserFields): Promise<void> {
  await trx('users').insert({ id, name: u.name, email: u.email, org_id: u.org, roles: u.roles, active: true, updated_at: trx.fn.now() });
}

export async function updateUserFields(trx: Trx, id: string, u: UserFields): Promise<void> {
  await trx('users').where({ id }).update({ name: u.name, email: u.email, org_id: u.org, roles: u.roles, updated_at: trx.fn.now() });
}

export async function updateUserActive(trx: Trx, id: string, active: boolean): Promise<void> {
  await trx('users').where({ id }).update({ active, updated_at: trx.fn.now() });
}

export async function insertOrganisation(trx: Trx, o: { id: string; name: string; kind: string }): Promise<void> {
  await trx('organisations').insert({ id: o.id, name: o.name, kind: o.kind });
}

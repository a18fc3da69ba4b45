/**
 * Users as the sign-in endpoints need them (who they are, their roles and organisation, whether they may still sign
 * in; never their email), and the reads of the admin's user list (api/routes/admin-users.ts, `npm run users`).
 */
import type { Knex } from 'knex';
import type { UsersRow } from '../tables';

export interface UserRow {
  id: string;
  name: string;
  roles: string[];
  orgId: string;
  orgName: string;
  /** false once an admin deactivated the user: no token is minted for it and the API refuses its tokens. */
  active: boolean;
}

const columns = ['u.id', 'u.name', 'u.roles', 'u.org_id as orgId', 'o.name as orgName', 'u.active'];

export async function listUsers(db: Knex): Promise<UserRow[]> {
  return db('users as u').join('organisations as o', 'o.id', 'u.org_id').select<UserRow[]>(columns).orderBy('u.id');
}

/** One user by id (the query, for callers that run it on their own connection). */
export function userQuery(db: Knex, id: string) {
  return db('users as u').join('organisations as o', 'o.id', 'u.org_id').where('u.id', id).first<UserRow | undefined>(columns);
}

export async function getUser(db: Knex, id: string): Promise<UserRow | undefined> {
  return userQuery(db, id);
}

/** The names of the users among `ids`, by id (an unknown id is absent). */
export async function userNames(db: Knex, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db('users')
    .whereIn('id', [...new Set(ids)])
    .select('id', 'name');
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The active users holding `role`, by name (the UKPBJ head's choice of officers). */
export async function activeUsersWithRole(db: Knex, role: string): Promise<{ id: string; name: string }[]> {
  return db('users').whereRaw('? = any(roles)', [role]).where('active', true).orderBy('name').orderBy('id').select('id', 'name');
}

// ---- the admin's view: email and timestamps too --------------------------------------------------------------------

export interface AdminUser {
  id: string;
  name: string;
  email: string | null;
  roles: string[];
  org: string;
  orgName: string;
  active: boolean;
  createdAt: string;
  updatedAt: string | null;
}

export interface UserChange {
  id: number;
  at: string;
  actorId: string;
  action: string;
  details: Record<string, unknown>;
}

/** A user as the admin's reads select it (adminColumns). */
interface AdminUserDbRow extends Pick<UsersRow, 'id' | 'name' | 'email' | 'roles' | 'org_id' | 'active' | 'created_at' | 'updated_at'> {
  org_name: string;
}

const adminColumns = ['u.id', 'u.name', 'u.email', 'u.roles', 'u.org_id', 'o.name as org_name', 'u.active', 'u.created_at', 'u.updated_at'];

export function adminUserOf(r: AdminUserDbRow): AdminUser {
  return {
    id: r.id,
    name: r.name,
    email: r.email ?? null,
    roles: r.roles,
    org: r.org_id,
    orgName: r.org_name,
    active: r.active,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at ? r.updated_at.toISOString() : null,
  };
}

export interface AdminUserFilter {
  role?: string;
  org?: string;
  active?: boolean;
  page: number;
  pageSize: number;
}

export async function listAdminUsers(db: Knex, f: AdminUserFilter): Promise<{ data: AdminUser[]; total: number }> {
  const base = db('users as u').join('organisations as o', 'o.id', 'u.org_id');
  if (f.role) base.whereRaw('? = any(u.roles)', [f.role]);
  if (f.org) base.where('u.org_id', f.org);
  if (f.active !== undefined) base.where('u.active', f.active);
  const [{ n }] = (await base.clone().count({ n: '*' })) as [{ n: string }];
  const rows = await base
    .clone()
    .select<AdminUserDbRow[]>(adminColumns)
    .orderBy('u.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { data: rows.map(adminUserOf), total: Number(n) };
}

export async function getAdminUser(db: Knex | Knex.Transaction, id: string): Promise<AdminUser | undefined> {
  const r = await db('users as u').join('organisations as o', 'o.id', 'u.org_id').where('u.id', id).first<AdminUserDbRow | undefined>(adminColumns);
  return r ? adminUserOf(r) : undefined;
}

/** The latest changes of a user or an organisation, newest first. */
export async function changesOf(db: Knex, kind: 'user' | 'organisation', id: string, limit = 50): Promise<UserChange[]> {
  const rows = await db('user_changes').where({ subject_kind: kind, subject_id: id }).orderBy('id', 'desc').limit(limit);
  return rows.map((r) => ({ id: Number(r.id), at: r.at.toISOString(), actorId: r.actor_id, action: r.action, details: r.details }));
}

export interface Organisation {
  id: string;
  name: string;
  kind: string;
  /** Active users of the organisation. */
  users: number;
}

export async function listOrganisations(db: Knex): Promise<Organisation[]> {
  const rows = await db('organisations as o')
    .leftJoin('users as u', function () {
      this.on('u.org_id', 'o.id').andOn('u.active', db.raw('true'));
    })
    .groupBy('o.id', 'o.name', 'o.kind')
    .orderBy('o.id')
    .select<Organisation[]>('o.id', 'o.name', 'o.kind', db.raw('count(u.id)::int as users'));
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, users: Number(r.users) }));
}

/**
 * What an admin may do to users and organisations, shared by the API (/api/admin/*, api/routes/admin-users.ts) and
 * the command line (`npm run users`, bin/users.ts), so both check the same rules and both audit:
 * - users are created, changed (name, email, organisation, roles) and deactivated or activated again, never deleted
 *   (audit entries, events and packages name them);
 * - roles follow api/auth/roles.ts (closed set; a vendor holds no other role) and the organisation's kind (a vendor
 *   belongs to a `penyedia` organisation, an official never does);
 * - the last active admin is neither deactivated nor stripped of the role (nobody could administer users then;
 *   the command line can still add one);
 * - a create of an id that exists with the same content answers that row (`created: false`) and writes nothing, with
 *   other content 409; a change that changes nothing writes nothing: a retried request is harmless.
 *
 * Every change writes a `user_changes` row (before/after) and, in the same transaction, an entry of the hash-chained
 * audit trail (activities/audit.ts): chain `admin-pengguna`, seq = the change's id, the SHA-256 of the same details.
 * All writes take that chain's advisory lock first, so two admins never both pass the last-admin check.
 */
import type { Knex } from 'knex';
import { appendAudit } from '../../activities/audit';
import {
  activeMembers,
  getOrganisation,
  insertOrganisation,
  insertUser,
  insertUserChange,
  lockAuditChain,
  organisationKind,
  otherActiveAdmins,
  updateUserActive,
  updateUserFields,
} from '../../db/queries/user-admin';
import { type AdminUser, getAdminUser, type Organisation } from '../../db/queries/users';
import { conflictingRoles, isRole, type Role, ROLES } from '../auth/roles';
import { ApiError } from '../errors';
import type { CreateOrg, CreateUser, UpdateUser } from '../routes/admin-user-schemas';

/** The audit chain (package_id and workflow_id of the entries) of user administration. */
export const ADMIN_AUDIT_CHAIN = 'admin-pengguna';

/** Who makes a change: an admin's user id (API), or `cli:<os user>` (command line). */
export interface AdminActor {
  id: string;
  via: 'api' | 'cli';
}

type Trx = Knex.Transaction;

async function lockAdminChain(trx: Trx): Promise<void> {
  await lockAuditChain(trx, ADMIN_AUDIT_CHAIN);
}

async function record(trx: Trx, actor: AdminActor, kind: 'user' | 'organisation', subjectId: string, action: string, details: Record<string, unknown>) {
  const at = new Date();
  const full = { [kind === 'user' ? 'userId' : 'orgId']: subjectId, via: actor.via, ...details };
  const seq = await insertUserChange(trx, { at, actorId: actor.id, kind, subjectId, action, details: full });
  await appendAudit(trx, ADMIN_AUDIT_CHAIN, ADMIN_AUDIT_CHAIN, [
    {
      seq,
      at: at.getTime(),
      type: 'action_performed',
      node: kind === 'user' ? 'pengguna' : 'organisasi',
      action,
      actor: { id: actor.id, role: 'admin' },
      details: full,
    },
  ]);
}

const notFound = (id: string) => new ApiError(404, 'user_not_found', `Pengguna '${id}' tidak ditemukan.`);

async function orgOf(trx: Trx, id: string): Promise<{ id: string; kind: string }> {
  const org = await organisationKind(trx, id);
  if (!org) {
    const how = 'POST /api/admin/organisations atau npm run users -- add-org';
    throw new ApiError(422, 'unknown_org', `Organisasi '${id}' tidak terdaftar. Daftarkan dahulu (${how}).`, {
      issues: [{ path: 'org', message: 'organisasi tidak terdaftar' }],
    });
  }
  return org;
}

/** The roles a user may hold in an organisation of this kind (422 otherwise); also the rules of roles.ts. */
function checkRoles(roles: string[], orgKind: string, orgId: string): asserts roles is Role[] {
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length) {
    throw new ApiError(422, 'unknown_role', `Peran tidak dikenal: ${unknown.join(', ')}. Pilihan: ${ROLES.join(', ')}.`, {
      issues: [{ path: 'roles', message: 'peran tidak dikenal' }],
    });
  }
  if (!roles.length) {
    throw new ApiError(422, 'no_roles', 'Pengguna harus memegang minimal satu peran.', { issues: [{ path: 'roles', message: 'minimal satu peran' }] });
  }
  if (conflictingRoles(roles as Role[]).length) {
    throw new ApiError(422, 'conflicting_roles', 'Akun penyedia tidak boleh memegang peran lain (Perpres 16/2018 Pasal 7).', {
      issues: [{ path: 'roles', message: 'penyedia tidak boleh digabung dengan peran lain' }],
      rule: 'Perpres 16/2018 Pasal 7',
    });
  }
  const vendor = roles.includes('penyedia');
  if (vendor !== (orgKind === 'penyedia')) {
    throw new ApiError(
      422,
      'org_kind_mismatch',
      vendor
        ? `Akun penyedia harus berada pada organisasi penyedia; '${orgId}' berjenis ${orgKind}.`
        : `Pejabat, auditor dan admin tidak boleh berada pada organisasi penyedia ('${orgId}').`,
      { issues: [{ path: 'org', message: 'jenis organisasi tidak cocok dengan peran' }] },
    );
  }
}

/** 409 when this change would leave no active admin. */
async function keepOneAdmin(trx: Trx, userId: string): Promise<void> {
  if ((await otherActiveAdmins(trx, userId)) === 0) {
    throw new ApiError(409, 'last_admin', 'Ini admin aktif terakhir: tambahkan admin lain dahulu.', { userId });
  }
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
const snapshot = (u: AdminUser) => ({ name: u.name, email: u.email, org: u.org, roles: u.roles, active: u.active });

export async function createUser(db: Knex, actor: AdminActor, body: CreateUser): Promise<{ user: AdminUser; created: boolean }> {
  return db.transaction(async (trx) => {
    await lockAdminChain(trx);
    const existing = await getAdminUser(trx, body.id);
    if (existing) {
      const differs = [
        existing.name !== body.name && 'name',
        existing.email !== body.email && 'email',
        existing.org !== body.org && 'org',
        !sameSet(existing.roles, body.roles) && 'roles',
        !existing.active && 'active',
      ].filter((x): x is string => !!x);
      if (differs.length) {
        throw new ApiError(409, 'user_exists', `Pengguna '${body.id}' sudah ada dengan isi lain (${differs.join(', ')}); ubah dengan PATCH.`, { differs });
      }
      return { user: existing, created: false };
    }
    const org = await orgOf(trx, body.org);
    checkRoles(body.roles, org.kind, org.id);
    await insertUser(trx, body.id, { name: body.name, email: body.email, org: body.org, roles: body.roles });
    const user = (await getAdminUser(trx, body.id))!;
    await record(trx, actor, 'user', user.id, 'pengguna_dibuat', { before: null, after: snapshot(user) });
    return { user, created: true };
  });
}

export async function updateUser(db: Knex, actor: AdminActor, id: string, change: UpdateUser): Promise<AdminUser> {
  return db.transaction(async (trx) => {
    await lockAdminChain(trx);
    const before = await getAdminUser(trx, id);
    if (!before) throw notFound(id);
    let roles = change.roles ?? before.roles;
    if (change.addRoles) roles = [...new Set([...roles, ...change.addRoles])];
    if (change.removeRoles) roles = roles.filter((r) => !change.removeRoles!.includes(r as Role));
    const next = { name: change.name ?? before.name, email: change.email ?? before.email, org: change.org ?? before.org, roles };
    const unchanged = next.name === before.name && next.email === before.email && next.org === before.org && sameSet(next.roles, before.roles);
    if (unchanged) return before;
    const org = await orgOf(trx, next.org);
    checkRoles(next.roles, org.kind, org.id);
    if (before.active && before.roles.includes('admin') && !next.roles.includes('admin')) await keepOneAdmin(trx, id);
    await updateUserFields(trx, id, next);
    const after = (await getAdminUser(trx, id))!;
    const rolesChanged = !sameSet(before.roles, after.roles);
    await record(trx, actor, 'user', id, rolesChanged ? 'pengguna_peran_diubah' : 'pengguna_diubah', { before: snapshot(before), after: snapshot(after) });
    return after;
  });
}

/** Deactivates (`active: false`) or activates a user again; the same state again writes nothing. */
export async function setUserActive(db: Knex, actor: AdminActor, id: string, active: boolean): Promise<AdminUser> {
  return db.transaction(async (trx) => {
    await lockAdminChain(trx);
    const before = await getAdminUser(trx, id);
    if (!before) throw notFound(id);
    if (before.active === active) return before;
    if (!active && before.roles.includes('admin')) await keepOneAdmin(trx, id);
    await updateUserActive(trx, id, active);
    const after = (await getAdminUser(trx, id))!;
    await record(trx, actor, 'user', id, active ? 'pengguna_diaktifkan' : 'pengguna_dinonaktifkan', { before: snapshot(before), after: snapshot(after) });
    return after;
  });
}

export async function createOrganisation(db: Knex, actor: AdminActor, body: CreateOrg): Promise<{ org: Organisation; created: boolean }> {
  return db.transaction(async (trx) => {
    await lockAdminChain(trx);
    const existing = await getOrganisation(trx, body.id);
    const users = () => activeMembers(trx, body.id);
    if (existing) {
      const differs = [existing.name !== body.name && 'name', existing.kind !== body.kind && 'kind'].filter((x): x is string => !!x);
      if (differs.length) {
        throw new ApiError(409, 'organisation_exists', `Organisasi '${body.id}' sudah ada dengan isi lain (${differs.join(', ')}).`, { differs });
      }
      return { org: { ...existing, users: await users() }, created: false };
    }
    await insertOrganisation(trx, body);
    await record(trx, actor, 'organisation', body.id, 'organisasi_dibuat', { before: null, after: { name: body.name, kind: body.kind } });
    return { org: { id: body.id, name: body.name, kind: body.kind, users: 0 }, created: true };
  });
}

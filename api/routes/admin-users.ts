/**
 * /api/admin (admin only): users and organisations of an installation that runs against its own PostgreSQL and
 * identity provider (issue 15 point 2). The rules and the audit are in api/services/user-admin.ts, shared with
 * `npm run users`. Refusals are the API's structured 4xx and change nothing; a create of an existing id with the same
 * content answers 200 with the row (201 when created), so a retried request is harmless.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { changesOf, getAdminUser, listAdminUsers, listOrganisations } from '../../db/queries/users';
import { requireRole } from '../auth/middleware';
import { ApiError, parseOr422 } from '../errors';
import { type AdminActor, createOrganisation, createUser, setUserActive, updateUser } from '../services/user-admin';
import { CreateOrgBody, CreateUserBody, UpdateUserBody, UserIdParam, UserListQuery } from './admin-user-schemas';

export function adminUserRoutes(db: Knex): Router {
  const r = Router();
  // Only these paths: other /api/admin routes (platform outages) decide their own roles.
  r.use(['/users', '/organisations'], requireRole('admin'));
  const actorOf = (req: { actor?: { id: string } }): AdminActor => ({ id: req.actor!.id, via: 'api' });
  const idOf = (raw: unknown) => parseOr422(UserIdParam, raw, 'id pengguna');

  r.get('/users', async (req, res) => {
    const q = parseOr422(UserListQuery, req.query, 'filter');
    const active = q.active === undefined ? undefined : q.active === 'true';
    const { data, total } = await listAdminUsers(db, { role: q.role, org: q.org, active, page: q.page, pageSize: q.pageSize });
    res.json({ data, pagination: { page: q.page, pageSize: q.pageSize, total } });
  });

  r.post('/users', async (req, res) => {
    const body = parseOr422(CreateUserBody, req.body ?? {}, 'pengguna');
    const { user, created } = await createUser(db, actorOf(req), body);
    res.status(created ? 201 : 200).json(user);
  });

  r.get('/users/:userId', async (req, res) => {
    const id = idOf(req.params.userId);
    const user = await getAdminUser(db, id);
    if (!user) throw new ApiError(404, 'user_not_found', `Pengguna '${id}' tidak ditemukan.`);
    res.json({ ...user, changes: await changesOf(db, 'user', id) });
  });

  r.patch('/users/:userId', async (req, res) => {
    const id = idOf(req.params.userId);
    const change = parseOr422(UpdateUserBody, req.body ?? {}, 'perubahan pengguna');
    res.json(await updateUser(db, actorOf(req), id, change));
  });

  r.post('/users/:userId/deactivate', async (req, res) => {
    res.json(await setUserActive(db, actorOf(req), idOf(req.params.userId), false));
  });

  r.post('/users/:userId/activate', async (req, res) => {
    res.json(await setUserActive(db, actorOf(req), idOf(req.params.userId), true));
  });

  r.get('/organisations', async (_req, res) => {
    res.json({ data: await listOrganisations(db) });
  });

  r.post('/organisations', async (req, res) => {
    const body = parseOr422(CreateOrgBody, req.body ?? {}, 'organisasi');
    const { org, created } = await createOrganisation(db, actorOf(req), body);
    res.status(created ? 201 : 200).json(org);
  });

  return r;
}

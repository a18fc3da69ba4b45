/**
 * The caller's inbox (GET /api/tasks: open steps they may take, with due times, soonest first) and notifications
 * (GET /api/notifications, POST /api/notifications/{id}/read). Identity comes from the token only.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { ApiError, parseOr422 } from '../errors';

const Page = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
const NotificationsQuery = Page.extend({ unread: z.enum(['true', 'false']).optional() });
const NotificationId = z.string().min(1).max(300).regex(/^[A-Za-z0-9:._@-]+$/, 'id notifikasi tidak sah');
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function inboxRoutes(db: Knex): Router {
  const r = Router();

  r.get('/tasks', async (req, res) => {
    const { page, pageSize } = parseOr422(Page, req.query, 'filter');
    const actor = req.actor!;
    // Assigned to me by id, or open to one of my roles when the step names no assignees (a vendor's window).
    const base = db('package_tasks as t')
      .join('packages as p', 'p.id', 't.package_id')
      .where('t.status', 'open')
      .where((q) => {
        q.whereRaw('? = any(t.assignees)', [actor.id]).orWhere((q2) => q2.whereNull('t.assignees').whereRaw('t.roles && ?::text[]', [actor.roles]));
      });
    const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: string }];
    const rows = await base
      .clone()
      .select('t.*', 'p.title', 'p.opd', 'p.stage_name', 'p.parent_package_id')
      .orderByRaw('t.due_at asc nulls last')
      .orderBy('t.package_id')
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const now = Date.now();
    res.json({
      data: rows.map((t) => ({
        packageId: t.package_id,
        packageTitle: t.title,
        opd: t.opd,
        stageId: t.stage_id,
        stageName: t.stage_name,
        action: t.action,
        name: t.name,
        roles: t.roles,
        dueAt: iso(t.due_at),
        overdue: t.due_at ? t.due_at.getTime() < now : false,
        ...(t.parent_package_id ? { parentPackageId: t.parent_package_id } : {}),
      })),
      pagination: { page, pageSize, total: Number(count) },
    });
  });

  r.get('/notifications', async (req, res) => {
    const { page, pageSize, unread } = parseOr422(NotificationsQuery, req.query, 'filter');
    const base = db('notifications').where({ user_id: req.actor!.id });
    if (unread === 'true') base.whereNull('read_at');
    const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: string }];
    const rows = await base.clone().orderBy('created_at', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize);
    res.json({
      data: rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        packageId: n.package_id,
        title: n.title,
        body: n.body,
        dueAt: iso(n.due_at),
        createdAt: iso(n.created_at),
        readAt: iso(n.read_at),
      })),
      pagination: { page, pageSize, total: Number(count) },
    });
  });

  r.post('/notifications/:id/read', async (req, res) => {
    const id = parseOr422(NotificationId, String(req.params.id), 'id notifikasi');
    // Only the owner's row matches: someone else's id answers 404 like an unknown one.
    const n = await db('notifications').where({ id, user_id: req.actor!.id }).first();
    if (!n) throw new ApiError(404, 'notification_not_found', `Notifikasi ${id} tidak ditemukan.`, { id });
    if (!n.read_at) await db('notifications').where({ id }).update({ read_at: new Date() });
    const row = await db('notifications').where({ id }).first();
    res.json({ id, readAt: iso(row.read_at) });
  });

  return r;
}

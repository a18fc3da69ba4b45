/**
 * A user's notifications as the inbox reads them (api/routes/inbox.ts): a page, newest first, and marking one read.
 * They are written with the read model (activities/notify/record.ts).
 */
import type { Knex } from 'knex';

export interface Notification {
  id: string;
  kind: string;
  packageId: string | null;
  title: string;
  body: string;
  dueAt: Date | null;
  createdAt: Date;
  readAt: Date | null;
}

/** One page of the user's notifications (only unread ones when asked), newest first, and how many there are in all. */
export async function notificationsOf(
  db: Knex,
  userId: string,
  q: { unread: boolean; page: number; pageSize: number },
): Promise<{ data: Notification[]; total: number }> {
  const base = db('notifications').where({ user_id: userId });
  if (q.unread) base.whereNull('read_at');
  const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: string }];
  const rows = await base
    .clone()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const data = rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    packageId: n.package_id,
    title: n.title,
    body: n.body,
    dueAt: n.due_at,
    createdAt: n.created_at,
    readAt: n.read_at,
  }));
  return { data, total: Number(count) };
}

/**
 * Marks the user's notification read (once: the first reading time stays) and answers when it was read; undefined
 * when the user has no notification with this id (someone else's is as unknown as a missing one).
 */
export async function markNotificationRead(db: Knex, userId: string, id: string): Promise<{ readAt: Date | null } | undefined> {
  const n = await db('notifications').where({ id, user_id: userId }).first();
  if (!n) return undefined;
  if (!n.read_at) await db('notifications').where({ id }).update({ read_at: new Date() });
  const row = await db('notifications').where({ id }).first();
  return { readAt: row?.read_at ?? null };
}

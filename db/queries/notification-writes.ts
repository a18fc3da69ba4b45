/**
 * Writing notices: in-app notifications and outbox rows (activities/notify/record.ts in the read-model transaction,
 * activities/notify/digest.ts for the daily digest), and what they are addressed with. Every row's id is derived from
 * what it notifies (package, event seq and recipient, or the digest's date and user), and an id already written is
 * skipped (`onConflict('id').ignore()`), so a retried batch or digest never notifies twice.
 */
import type { Knex } from 'knex';
import type { NotificationOutboxInsert, NotificationsInsert } from '../tables';

type Db = Knex | Knex.Transaction;

/** In-app notifications; those already written (by id) stay as they are. */
export async function insertNotifications(db: Db, rows: NotificationsInsert[]): Promise<void> {
  if (rows.length) await db('notifications').insert(rows).onConflict('id').ignore();
}

/** Outbox rows (email or webhook) for the deliverer; those already written (by id) stay as they are, sent or not. */
export async function insertOutboxRows(db: Db, rows: NotificationOutboxInsert[]): Promise<void> {
  if (rows.length) await db('notification_outbox').insert(rows).onConflict('id').ignore();
}

/** The users among `ids` with their email (null when they have none); an unknown id is absent. */
export async function recipientEmails(db: Db, ids: string[]): Promise<{ id: string; email: string | null }[]> {
  if (!ids.length) return [];
  return db('users').whereIn('id', ids).select('id', 'email');
}

/** The ids of the active webhook subscriptions: each notice gets one outbox row per subscription. */
export async function activeWebhookIds(db: Db): Promise<string[]> {
  return (await db('webhook_subscriptions').where({ active: true }).select('id')).map((s) => s.id);
}

/** The name of the package's stage `stageId` as it was last entered; undefined when the read model has no such stage. */
export async function latestStageName(db: Db, packageId: string, stageId: string): Promise<string | undefined> {
  const stage = await db('package_stages').where({ package_id: packageId, stage_id: stageId }).orderBy('entered_seq', 'desc').first('stage_name');
  return stage?.stage_name;
}

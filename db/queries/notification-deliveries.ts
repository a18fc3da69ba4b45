/**
 * The outbox as its deliverer (activities/notify/deliver.ts) reads and marks it: pending rows of a package or of a
 * day's digest, one row's success or failure, a webhook's subscription and its delivery log. A row is marked only
 * while it is still pending, so a retried delivery never turns a sent row back or counts an attempt twice.
 */
import type { Knex } from 'knex';
import type { NotificationOutboxRow, WebhookSubscriptionsRow } from '../tables';

/** Whose rows: a package's, or with `digest` (a WIB date) that day's digest rows (they belong to no package). */
export interface OutboxScope {
  packageId?: string;
  digest?: string;
}

const pendingOf = (db: Knex, { packageId, digest }: OutboxScope) =>
  db('notification_outbox')
    .where({ status: 'pending' })
    .where((w) => {
      if (digest) w.whereLike('id', `digest:${digest}:%`);
      else w.where({ package_id: packageId });
    });

/** The scope's pending rows, oldest first; with `dueOnly`, only those whose next attempt is due now (or never failed). */
export async function pendingOutboxRows(db: Knex, scope: OutboxScope, dueOnly: boolean): Promise<NotificationOutboxRow[]> {
  // modify() would type its result as any; the rows are still the table's own
  return pendingOf(db, scope)
    .modify<NotificationOutboxRow, NotificationOutboxRow[]>((q) => {
      if (dueOnly)
        q.where((w) => {
          w.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', new Date());
        });
    })
    .orderBy('created_at')
    .orderBy('id');
}

/**
 * Every pending row of the scope, not only the due ones: how many, and when the earliest one waiting after a failure
 * is due again (epoch ms; undefined when none waits).
 */
export async function outboxBacklog(db: Knex, scope: OutboxScope): Promise<{ pending: number; nextAttemptAt: number | undefined }> {
  const waiting = await pendingOf(db, scope).whereNotNull('next_attempt_at').min({ at: 'next_attempt_at' }).first();
  const pending = Number((await pendingOf(db, scope).count({ n: '*' }).first())?.n ?? 0);
  const nextAttemptAt = waiting?.at ? new Date(waiting.at as string).getTime() : undefined;
  return { pending, nextAttemptAt };
}

/** A delivered row: sent, with the attempts it took. A row no longer pending is left as it is. */
export async function markOutboxSent(db: Knex, id: string, attempts: number): Promise<void> {
  await db('notification_outbox').where({ id, status: 'pending' }).update({ status: 'sent', sent_at: new Date(), attempts, next_attempt_at: null });
}

/** A failed attempt: its count, its error and when the row is due again. A row no longer pending is left as it is. */
export async function markOutboxFailed(db: Knex, id: string, failure: { attempts: number; error: string; nextAttemptAt: Date }): Promise<void> {
  await db('notification_outbox')
    .where({ id, status: 'pending' })
    .update({ attempts: failure.attempts, last_error: failure.error, next_attempt_at: failure.nextAttemptAt });
}

/** A webhook row's subscription (its url and secret), active or not; undefined once deleted. */
export async function webhookSubscription(db: Knex, id: string): Promise<WebhookSubscriptionsRow | undefined> {
  return db('webhook_subscriptions').where({ id }).first();
}

/** One webhook attempt in the delivery log (the admin reads it through db/queries/webhooks.ts). */
export async function logWebhookDelivery(
  db: Knex,
  d: { outboxId: string; subscriptionId: string; attempt: number; statusCode: number | null; error: string | null; at: Date },
): Promise<void> {
  await db('webhook_deliveries').insert({
    outbox_id: d.outboxId,
    subscription_id: d.subscriptionId,
    attempt: d.attempt,
    status_code: d.statusCode,
    error: d.error,
    at: d.at,
  });
}

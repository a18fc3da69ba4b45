/**
 * The admin's webhook subscriptions and their delivery log (api/routes/webhooks.ts). Deliveries are written by the
 * outbox (activities/notify/deliver.ts); here they are only read.
 */
import type { Knex } from 'knex';

export interface WebhookSubscription {
  id: string;
  url: string;
  active: boolean;
  createdAt: Date;
}

export interface WebhookDelivery {
  outboxId: string;
  attempt: number;
  statusCode: number | null;
  error: string | null;
  at: Date;
}

export async function insertWebhook(db: Knex, w: { id: string; url: string; secret: string }): Promise<void> {
  await db('webhook_subscriptions').insert({ id: w.id, url: w.url, secret: w.secret, active: true });
}

/** Every subscription, oldest first, without its secret. */
export async function listWebhooks(db: Knex): Promise<WebhookSubscription[]> {
  const rows = await db('webhook_subscriptions').orderBy('created_at').select('id', 'url', 'active', 'created_at');
  return rows.map((w) => ({ id: w.id, url: w.url, active: w.active, createdAt: w.created_at }));
}

/** Stops deliveries to the subscription (kept for its log); false when there is no such subscription. */
export async function deactivateWebhook(db: Knex, id: string): Promise<boolean> {
  return (await db('webhook_subscriptions').where({ id }).update({ active: false })) > 0;
}

export async function webhookExists(db: Knex, id: string): Promise<boolean> {
  return (await db('webhook_subscriptions').where({ id }).first()) !== undefined;
}

/** The subscription's latest 100 delivery attempts, newest first. */
export async function webhookDeliveries(db: Knex, subscriptionId: string): Promise<WebhookDelivery[]> {
  const rows = await db('webhook_deliveries').where({ subscription_id: subscriptionId }).orderBy('id', 'desc').limit(100);
  return rows.map((d) => ({ outboxId: d.outbox_id, attempt: d.attempt, statusCode: d.status_code, error: d.error, at: d.at }));
}

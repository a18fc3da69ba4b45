/**
 * Delivers a package's pending outbox rows: email through SMTP (nodemailer) and webhooks signed with HMAC-SHA256.
 * A row is marked sent right after its delivery succeeds, and a retried activity skips sent rows, so each reminder
 * reaches each recipient once. A failed row makes the activity fail after trying the others; Temporal retries it
 * with backoff, and every webhook attempt is written to the delivery log.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';

export interface NotifyConfig {
  /** smtp://user:pass@host:port; without it, email rows wait (in-app notifications still work). */
  smtpUrl?: string;
  mailFrom: string;
  webhookTimeoutMs?: number;
}

export const SIGNATURE_HEADER = 'X-Pengadaan-Signature';

/** `sha256=<hex>` of the exact body bytes, keyed by the subscription's secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function createDeliverer(db: Knex, cfg: NotifyConfig) {
  const transport = cfg.smtpUrl ? nodemailer.createTransport(cfg.smtpUrl) : undefined;

  const sendEmail = async (row: Record<string, any>) => {
    if (!transport) return false; // no SMTP configured: leave it pending
    const payload = row.payload as { text: string };
    await transport.sendMail({
      from: cfg.mailFrom,
      to: row.recipient,
      subject: row.subject,
      text: payload.text,
      headers: row.package_id ? { 'X-Pengadaan-Package': row.package_id } : {},
      // Stable per outbox row: a receiving system can drop a duplicate if the marking after a send was lost.
      messageId: `<${Buffer.from(row.id).toString('base64url').slice(0, 120)}@pengadaan.local>`,
    });
    return true;
  };

  const sendWebhook = async (row: Record<string, any>) => {
    const sub = await db('webhook_subscriptions').where({ id: row.recipient }).first();
    if (!sub || !sub.active) return true; // unsubscribed since: nothing to deliver
    const body = JSON.stringify(row.payload);
    const attempt = Number(row.attempts) + 1;
    let status: number | undefined;
    let error: string | undefined;
    try {
      const res = await fetch(sub.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signBody(sub.secret, body), 'X-Pengadaan-Delivery': row.id },
        body,
        signal: AbortSignal.timeout(cfg.webhookTimeoutMs ?? 10_000),
      });
      status = res.status;
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (e) {
      error = (e as Error).message;
    }
    await db('webhook_deliveries').insert({ outbox_id: row.id, subscription_id: sub.id, attempt, status_code: status ?? null, error: error ?? null, at: new Date() });
    if (error) throw new Error(`webhook ${sub.id}: ${error}`);
    return true;
  };

  /** A package's pending rows, or with `digest` the day's digest rows (they belong to no package). */
  return async function deliverNotifications({ packageId, digest }: { packageId?: string; digest?: string }): Promise<{ sent: number; pending: number }> {
    const rows = await db('notification_outbox')
      .where({ status: 'pending' })
      .where((q) => (digest ? q.whereLike('id', `digest:${digest}:%`) : q.where({ package_id: packageId })))
      .orderBy('created_at')
      .orderBy('id');
    let sent = 0;
    const failures: string[] = [];
    for (const row of rows) {
      try {
        const done = row.channel === 'email' ? await sendEmail(row) : await sendWebhook(row);
        if (!done) continue;
        await db('notification_outbox').where({ id: row.id, status: 'pending' }).update({ status: 'sent', sent_at: new Date(), attempts: Number(row.attempts) + 1 });
        sent++;
      } catch (e) {
        failures.push((e as Error).message);
        await db('notification_outbox').where({ id: row.id }).update({ attempts: Number(row.attempts) + 1, last_error: (e as Error).message });
      }
    }
    if (failures.length) throw ApplicationFailure.retryable(`${failures.length} deliveries failed: ${failures.join('; ')}`, 'DeliveryFailed');
    return { sent, pending: rows.length - sent };
  };
}

/**
 * Delivers a package's pending outbox rows: email through SMTP (nodemailer) and webhooks signed with HMAC-SHA256.
 * A row is marked sent right after its delivery succeeds and only pending rows are read, so each reminder reaches
 * each recipient once however often the activity runs. Every webhook attempt is written to the delivery log.
 *
 * Each row (channel × recipient) is attempted on its own (issue 15 point 6): a few at a time, each with its own
 * timeout, so SMTP refusing or hanging neither stops nor starves the webhook rows (and the other way round). A failed
 * row records its attempts, error and next attempt (exponential, 5 s up to 30 minutes).
 *
 * Why per-row backoff rather than failing the activity: with the activity failing, Temporal retried the whole package
 * together, and a notice recorded meanwhile (an escalation) waited for that retry, up to 30 minutes, while its
 * receiver was up. With `rowBackoff` the activity succeeds and answers when the earliest failed row is due
 * (`retryInMs`); the workflow waits for that or for a new notice, whichever comes first, and the next run attempts only
 * due rows. The activity still fails (and Temporal retries it) when the database itself fails. Without `rowBackoff`
 * (workflows started before the patch, and the daily digest) it fails retryably when a row failed, as before, and
 * every pending row is attempted on each retry.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import {
  logWebhookDelivery,
  markOutboxFailed,
  markOutboxSent,
  outboxBacklog,
  pendingOutboxRows,
  webhookSubscription,
} from '../../db/queries/notification-deliveries';
import type { NotificationOutboxRow } from '../../db/tables';

export interface NotifyConfig {
  /** smtp://user:pass@host:port; without it, email rows wait (in-app notifications still work). */
  smtpUrl?: string;
  mailFrom: string;
  webhookTimeoutMs?: number;
}

/** How long one row may take: well inside the activity's 1-minute start-to-close timeout. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
/** Rows attempted at the same time (SMTP connections and webhook requests in flight). */
const PARALLEL = 4;
const FIRST_RETRY_MS = 5_000;
/** How long a delivered row's marking may retry: inside the activity's 1-minute start-to-close timeout. */
const MARK_SENT_WITHIN_MS = 40_000;
const LAST_RETRY_MS = 30 * 60_000;

/** Delay before a row's next attempt after its `attempts`-th failure: 5 s, 10 s, 20 s … at most 30 minutes. */
export const retryDelayMs = (attempts: number) => Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(attempts - 1, 20)));

export interface DeliveryResult {
  sent: number;
  pending: number;
  /** Rows that failed in this run. */
  failed: number;
  /** With `rowBackoff`: when the earliest failed row is due again (ms from now); absent when none waits. */
  retryInMs?: number;
}

export const SIGNATURE_HEADER = 'X-Pengadaan-Signature';

/** `sha256=<hex>` of the exact body bytes, keyed by the subscription's secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function createDeliverer(db: Knex, cfg: NotifyConfig) {
  const transport = cfg.smtpUrl ? nodemailer.createTransport({ url: cfg.smtpUrl, ...SMTP_TIMEOUTS } as never) : undefined;

  const sendEmail = async (row: NotificationOutboxRow) => {
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

  const sendWebhook = async (row: NotificationOutboxRow) => {
    const sub = await webhookSubscription(db, row.recipient);
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
    await logWebhookDelivery(db, {
      outboxId: row.id,
      subscriptionId: sub.id,
      attempt,
      statusCode: status ?? null,
      error: error ?? null,
      at: new Date(),
    });
    if (error) throw new Error(`webhook ${sub.id}: ${error}`);
    return true;
  };

  /**
   * Marks a delivered row sent, retrying through a database that is away for a moment (a PostgreSQL restart): once the
   * SMTP server or the receiver has the message, failing here would make Temporal retry the activity and send it again
   * (seen in the fault run: the same email twice after a restart). Only past MARK_SENT_WITHIN_MS does it give up.
   */
  const markSent = async (row: NotificationOutboxRow, attempts: number) => {
    const started = Date.now();
    for (let wait = 250; ; wait = Math.min(wait * 2, 4_000)) {
      try {
        await markOutboxSent(db, row.id, attempts);
        return;
      } catch (e) {
        if (Date.now() - started + wait > MARK_SENT_WITHIN_MS) throw e;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  };

  /** One row: sent and marked, or its failure recorded with its next attempt. Never throws for the row's own failure. */
  const attempt = async (row: NotificationOutboxRow): Promise<{ outcome: 'sent' | 'waiting' | 'failed'; error?: string }> => {
    const attempts = Number(row.attempts) + 1;
    let done: boolean;
    try {
      done = row.channel === 'email' ? await sendEmail(row) : await sendWebhook(row);
    } catch (e) {
      const error = String((e as Error).message).slice(0, 2000);
      await markOutboxFailed(db, row.id, { attempts, error, nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)) });
      return { outcome: 'failed', error: `${row.id}: ${error}` };
    }
    if (!done) return { outcome: 'waiting' };
    await markSent(row, attempts);
    return { outcome: 'sent' };
  };

  /**
   * A package's pending rows, or with `digest` the day's digest rows (they belong to no package). With `rowBackoff`,
   * only rows that are due; the answer says when the next failed row is.
   */
  return async function deliverNotifications(input: { packageId?: string; digest?: string; rowBackoff?: boolean }): Promise<DeliveryResult> {
    const { packageId, digest, rowBackoff } = input;
    const scope = { packageId, digest };
    const rows = await pendingOutboxRows(db, scope, rowBackoff === true);
    const outcomes: Awaited<ReturnType<typeof attempt>>[] = [];
    let next = 0;
    const lane = async () => {
      while (next < rows.length) {
        const i = next++;
        outcomes[i] = await attempt(rows[i]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, rows.length) }, lane));
    const sent = outcomes.filter((o) => o.outcome === 'sent').length;
    const errors = outcomes.flatMap((o) => (o.error ? [o.error] : []));
    if (!rowBackoff) {
      if (errors.length) throw ApplicationFailure.retryable(`${errors.length} deliveries failed: ${errors.join('; ')}`, 'DeliveryFailed');
      return { sent, pending: rows.length - sent, failed: 0 };
    }
    // Every pending row of the scope, not only this run's: a row in backoff that was not due now counts too.
    const { pending, nextAttemptAt: at } = await outboxBacklog(db, scope);
    return { sent, pending, failed: errors.length, ...(at !== undefined ? { retryInMs: Math.max(1_000, at - Date.now()) } : {}) };
  };
}

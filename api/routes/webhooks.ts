/**
 * /api/webhooks (admin): subscriptions that receive reminder and escalation events as JSON POSTs signed with
 * HMAC-SHA256 of the body (`X-Pengadaan-Signature: sha256=<hex>`), retried with backoff; the delivery log per
 * subscription. The secret is shown once, when created.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { deactivateWebhook, insertWebhook, listWebhooks, webhookDeliveries, webhookExists } from '../../db/queries/webhooks';
import { requireRole } from '../auth/middleware';
import { ApiError, parseOr422 } from '../errors';

const CreateWebhook = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .describe('Penerima (http/https)'),
    secret: z.string().min(16).max(200).optional().describe('Rahasia HMAC; dibuat acak bila kosong'),
  })
  .meta({ id: 'CreateWebhook' });
const WebhookId = z.string().regex(/^wh-[a-f0-9]{12}$/, 'id webhook tidak sah');

export function webhookRoutes(db: Knex): Router {
  const r = Router();
  r.use(requireRole('admin'));

  r.post('/', async (req, res) => {
    const body = parseOr422(CreateWebhook, req.body ?? {}, 'webhook');
    const id = `wh-${randomBytes(6).toString('hex')}`;
    const secret = body.secret ?? randomBytes(24).toString('base64url');
    await insertWebhook(db, { id, url: body.url, secret });
    res.status(201).json({ id, url: body.url, secret, active: true });
  });

  r.get('/', async (_req, res) => {
    const rows = await listWebhooks(db);
    res.json({ data: rows.map((w) => ({ id: w.id, url: w.url, active: w.active, createdAt: w.createdAt.toISOString() })) });
  });

  r.delete('/:id', async (req, res) => {
    const id = parseOr422(WebhookId, String(req.params.id), 'id webhook');
    if (!(await deactivateWebhook(db, id))) throw new ApiError(404, 'webhook_not_found', `Webhook ${id} tidak ditemukan.`, { id });
    res.status(204).end();
  });

  r.get('/:id/deliveries', async (req, res) => {
    const id = parseOr422(WebhookId, String(req.params.id), 'id webhook');
    if (!(await webhookExists(db, id))) throw new ApiError(404, 'webhook_not_found', `Webhook ${id} tidak ditemukan.`, { id });
    const rows = await webhookDeliveries(db, id);
    res.json({ data: rows.map((d) => ({ ...d, at: d.at.toISOString() })) });
  });

  return r;
}

/** /api/webhooks (admin): subscriptions and their delivery log (api/routes/webhooks.ts, which owns CreateWebhook). */
import { z } from 'zod';
import '../../routes/webhooks'; // registers CreateWebhook
import { AUTH_READ, errorResponses, isoTime, json, WITH_BODY, WITH_ID } from '../common';

const webhookId = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^wh-[a-f0-9]{12}$' } };

export const WebhookCreated = z
  .strictObject({ id: z.string(), url: z.string(), secret: z.string().describe('Rahasia HMAC; hanya ditampilkan sekali'), active: z.literal(true) })
  .meta({ id: 'WebhookCreated' });
export const WebhookList = z
  .strictObject({ data: z.array(z.strictObject({ id: z.string(), url: z.string(), active: z.boolean(), createdAt: isoTime })) })
  .meta({ id: 'WebhookList' });
export const WebhookDeliveries = z
  .strictObject({
    data: z.array(
      z.strictObject({ outboxId: z.string(), attempt: z.number().int(), statusCode: z.number().int().nullable(), error: z.string().nullable(), at: isoTime }),
    ),
  })
  .meta({ id: 'WebhookDeliveries', description: '100 percobaan terakhir, terbaru dulu' });

export const webhooksPaths = {
  '/api/webhooks': {
    post: {
      operationId: 'createWebhook',
      summary: 'Daftarkan penerima webhook (admin); rahasia HMAC ditampilkan sekali',
      requestBody: { required: true, content: json('CreateWebhook') },
      responses: { 201: { description: 'Dibuat', content: json('WebhookCreated') }, ...errorResponses(...AUTH_READ, ...WITH_BODY) },
    },
    get: {
      operationId: 'listWebhooks',
      summary: 'Daftar webhook (admin)',
      responses: { 200: { description: 'Daftar', content: json('WebhookList') }, ...errorResponses(...AUTH_READ) },
    },
  },
  '/api/webhooks/{id}': {
    delete: {
      operationId: 'deactivateWebhook',
      summary: 'Nonaktifkan webhook (admin)',
      parameters: [webhookId],
      responses: { 204: { description: 'Nonaktif' }, ...errorResponses(...AUTH_READ, ...WITH_ID, ...WITH_BODY) },
    },
  },
  '/api/webhooks/{id}/deliveries': {
    get: {
      operationId: 'listWebhookDeliveries',
      summary: 'Log pengiriman webhook (admin)',
      parameters: [webhookId],
      responses: { 200: { description: 'Log', content: json('WebhookDeliveries') }, ...errorResponses(...AUTH_READ, ...WITH_ID) },
    },
  },
};

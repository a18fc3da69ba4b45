/** /health: PostgreSQL and Temporal answering (api/routes/health.ts); outside /api, so never rate limited. */
import { json } from '../common';

export const healthPaths = {
  '/health': {
    get: {
      operationId: 'getHealth',
      security: [],
      summary: 'Kesehatan layanan',
      responses: {
        200: { description: 'OK', content: json('Health') },
        503: {
          description: 'Terganggu',
          headers: { 'Retry-After': { description: 'Detik sebelum mencoba lagi', required: true, schema: { type: 'integer', minimum: 1 } } },
          content: json('Health'),
        },
      },
    },
  },
};

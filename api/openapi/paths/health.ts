/**
 * /health, /health/live, /health/ready (api/routes/health.ts); outside /api, so never rate limited. A 503 here has the
 * health body, not the Error body: it says which dependency is down.
 */
import { json } from '../common';

const retryAfter = { 'Retry-After': { description: 'Detik sebelum mencoba lagi', required: true, schema: { type: 'integer', minimum: 1 } } };

export const healthPaths = {
  '/health': {
    get: {
      operationId: 'getHealth',
      security: [],
      summary: 'Kesehatan layanan',
      description: 'PostgreSQL dan Temporal (layanan history) diperiksa dengan panggilan nyata berbatas 2 detik; jumlah worker yang mengambil tugas.',
      responses: {
        200: { description: 'OK', content: json('Health') },
        503: { description: 'Terganggu: `checks` menyebut dependensi yang tidak menjawab', headers: retryAfter, content: json('Health') },
      },
    },
  },
  '/health/live': {
    get: {
      operationId: 'getLiveness',
      security: [],
      summary: 'Proses API hidup (liveness)',
      description: 'Tanpa memeriksa dependensi: dependensi yang terputus tidak boleh membuat orkestrator memulai ulang API.',
      responses: { 200: { description: 'Proses menjawab', content: json('Liveness') } },
    },
  },
  '/health/ready': {
    get: {
      operationId: 'getReadiness',
      security: [],
      summary: 'API siap menerima permintaan (readiness)',
      description: '200 hanya bila PostgreSQL dan Temporal menjawab; 503 bila tidak (keluarkan dari load balancer, jangan mulai ulang).',
      responses: {
        200: { description: 'Siap', content: json('Readiness') },
        503: { description: 'Belum siap: `checks` menyebut dependensi yang tidak menjawab', headers: retryAfter, content: json('Readiness') },
      },
    },
  },
};

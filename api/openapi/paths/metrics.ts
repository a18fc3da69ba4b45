/** GET /metrics (api/routes/metrics.ts): Prometheus text format, outside /api, read without a token. */
export const metricsPaths = {
  '/metrics': {
    get: {
      operationId: 'getMetrics',
      security: [],
      summary: 'Metrik Prometheus',
      description:
        'Format teks Prometheus 0.0.4, tanpa token (batasi di jaringan bila perlu). Label hanya dari himpunan terbatas: pola rute, ' +
        'metode, status, id definisi, id aksi, kode galat; tidak ada id paket, penyedia atau pengguna. Waktu jawab HTTP per rute dan status, ' +
        'langkah per definisi, aksi dan hasil, penolakan per kode, ketertinggalan read model, kedalaman outbox notifikasi dan kegagalan ' +
        'pengirimannya, penawaran tersegel per status. Angka dari PostgreSQL dibaca saat diminta dengan batas 2 detik: bila basis data ' +
        'tidak menjawab, `pengadaan_database_up 0` dan angka itu tidak disertakan.',
      responses: {
        200: {
          description: 'Metrik saat ini',
          content: { 'text/plain': { schema: { type: 'string', description: 'text/plain; version=0.0.4; charset=utf-8' } } },
        },
      },
    },
  },
};

/**
 * Metrics read from PostgreSQL when /metrics is scraped: the notification outbox, sealed bids by status and the
 * read model's lag (db/queries/metrics.ts: one short read-only transaction with a statement timeout), raced against
 * a deadline: with the database away the scrape still answers at once, with `pengadaan_database_up 0` and none of
 * these series (a stale or zero value would be read as the truth). A fresh registry per scrape, so a series that
 * vanished is not repeated.
 */
import type { Knex } from 'knex';
import { Counter, Gauge, Registry } from 'prom-client';
import { type MetricFigures, readMetricFigures } from '../db/queries/metrics';

/** A scrape must stay well under a Prometheus scrape timeout (10 s by default). */
export const SCRAPE_DB_TIMEOUT_MS = 2_000;
const SEALED_BID_STATUSES = ['received', 'submitted', 'opened', 'rejected'];
const CHANNELS = ['email', 'webhook'];

/** The scrape-time series; `database_up` 0 (and nothing else) when PostgreSQL does not answer within the timeout. */
export async function scrapeDatabase(db: Knex, timeoutMs = SCRAPE_DB_TIMEOUT_MS): Promise<Registry> {
  const registry = new Registry();
  const registers = [registry];
  const up = new Gauge({ name: 'pengadaan_database_up', help: 'PostgreSQL menjawab kueri metrik dalam batas waktu (1) atau tidak (0).', registers });
  let timer: NodeJS.Timeout | undefined;
  const reading = readMetricFigures(db, SCRAPE_DB_TIMEOUT_MS);
  reading.catch(() => undefined); // after the deadline nobody awaits it
  let figures: MetricFigures;
  try {
    figures = await Promise.race([reading, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)))]);
  } catch {
    up.set(0);
    return registry;
  } finally {
    clearTimeout(timer);
  }
  up.set(1);

  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers });
  const byChannel = ['channel'];
  const depth = gauge(
    'pengadaan_notification_outbox_pending',
    'Kedalaman outbox notifikasi: baris belum terkirim per kanal (email menunggu bila SMTP tidak diatur).',
    byChannel,
  );
  const failing = gauge('pengadaan_notification_outbox_failing', 'Baris outbox belum terkirim yang sudah gagal dikirim, per kanal.', byChannel);
  // Counted from the rows at each scrape: it only grows while rows are kept, which is what a counter promises.
  const failures = new Counter({
    name: 'pengadaan_notification_delivery_failures_total',
    help: 'Percobaan pengiriman notifikasi (email, webhook) yang gagal, dihitung dari baris outbox, per kanal.',
    labelNames: byChannel,
    registers,
  });
  const oldestHelp = 'Umur baris outbox tertua yang belum terkirim, per kanal (0 bila tidak ada).';
  const oldest = gauge('pengadaan_notification_outbox_oldest_pending_seconds', oldestHelp, byChannel);
  for (const channel of CHANNELS) {
    for (const g of [depth, failing, oldest]) g.set({ channel }, 0);
    failures.inc({ channel }, 0);
  }
  for (const r of figures.outbox) {
    const channel = CHANNELS.includes(r.channel) ? r.channel : 'other';
    depth.inc({ channel }, Number(r.pending));
    failing.inc({ channel }, Number(r.failing));
    failures.inc({ channel }, Number(r.failed_attempts));
    oldest.set({ channel }, Math.max(Number(r.oldest_pending_s ?? 0), 0));
  }
  const sealed = gauge('pengadaan_sealed_bids', 'Penawaran tersegel tersimpan per status (received, submitted, opened, rejected); tanpa isi.', ['status']);
  for (const status of SEALED_BID_STATUSES) sealed.set({ status }, 0);
  for (const r of figures.sealedBids) sealed.inc({ status: SEALED_BID_STATUSES.includes(r.status) ? r.status : 'other' }, Number(r.n));
  gauge(
    'pengadaan_read_model_lag_seconds',
    'Ketertinggalan read model: detik sejak tutup jendela waktu tertua yang masih tampil terbuka pada paket aktif ' +
      '(workflow menutupnya tepat pada waktunya; 0 bila tidak ada).',
  ).set(Math.max(Number(figures.lag?.lag_s ?? 0), 0));
  gauge('pengadaan_read_model_packages_behind', 'Paket aktif yang read model-nya masih menampilkan jendela waktu yang sudah lewat waktu tutupnya.').set(
    Number(figures.lag?.behind ?? 0),
  );
  return registry;
}

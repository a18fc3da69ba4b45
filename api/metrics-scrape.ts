/**
 * Metrics read from PostgreSQL when /metrics is scraped: the notification outbox, sealed bids by status and the
 * read model's lag. One short read-only transaction with a statement timeout, raced against a deadline: with the
 * database away the scrape still answers at once, with `pengadaan_database_up 0` and none of these series (a stale
 * or zero value would be read as the truth). A fresh registry per scrape, so a series that vanished is not repeated.
 */
import type { Knex } from 'knex';
import { Counter, Gauge, Registry } from 'prom-client';

/** A scrape must stay well under a Prometheus scrape timeout (10 s by default). */
export const SCRAPE_DB_TIMEOUT_MS = 2_000;
const SEALED_BID_STATUSES = ['received', 'submitted', 'opened', 'rejected'];
const CHANNELS = ['email', 'webhook'];

interface DbFigures {
  outbox: { channel: string; pending: number; failing: number; failed_attempts: number; oldest_pending_s: number | null }[];
  sealedBids: { status: string; n: number }[];
  lag: { lag_s: number | null; behind: number };
}

async function readFigures(db: Knex): Promise<DbFigures> {
  return db.transaction(
    async (trx) => {
      await trx.raw(`SET LOCAL statement_timeout = ${SCRAPE_DB_TIMEOUT_MS}`);
      // A delivery increments `attempts` on every try and marks the row sent on the one that succeeds: on a sent row
      // all attempts but one failed, on a pending row all of them did (activities/notify/deliver.ts).
      const outbox = await trx.raw<{ rows: DbFigures['outbox'] }>(`
        SELECT channel,
               count(*) FILTER (WHERE status = 'pending')::int AS pending,
               count(*) FILTER (WHERE status = 'pending' AND attempts > 0)::int AS failing,
               coalesce(sum(greatest(attempts - CASE WHEN status = 'sent' THEN 1 ELSE 0 END, 0)), 0)::bigint AS failed_attempts,
               extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending'))::float8 AS oldest_pending_s
          FROM notification_outbox GROUP BY channel`);
      const sealed = await trx.raw<{ rows: DbFigures['sealedBids'] }>(`SELECT status, count(*)::int AS n FROM sealed_bids GROUP BY status`);
      // Read-model lag, as far as the database alone can tell: a time window closes by the workflow's own timer at
      // its `closesAt` (domain/process/engine.ts onTimer), and the read model records the next stage in the same
      // activity. So an active package whose read model still shows a time window past its close is behind its
      // workflow (worker away, read-model writes failing, a workflow gone): how long, for the worst one. Steps are
      // not counted here: each step answers only once the read model holds it.
      const lag = await trx.raw<{ rows: DbFigures['lag'][] }>(`
        SELECT extract(epoch FROM now() - min(stage_closes_at))::float8 AS lag_s, count(*)::int AS behind
          FROM packages
         WHERE status = 'active' AND stage_closes_at < now() AND view -> 'stage' ->> 'type' = 'timeWindow'`);
      return { outbox: outbox.rows, sealedBids: sealed.rows, lag: lag.rows[0]! }; // an aggregate without GROUP BY: one row
    },
    { readOnly: true },
  );
}

/** The scrape-time series; `database_up` 0 (and nothing else) when PostgreSQL does not answer within the timeout. */
export async function scrapeDatabase(db: Knex, timeoutMs = SCRAPE_DB_TIMEOUT_MS): Promise<Registry> {
  const registry = new Registry();
  const registers = [registry];
  const up = new Gauge({ name: 'pengadaan_database_up', help: 'PostgreSQL menjawab kueri metrik dalam batas waktu (1) atau tidak (0).', registers });
  let timer: NodeJS.Timeout | undefined;
  const reading = readFigures(db);
  reading.catch(() => undefined); // after the deadline nobody awaits it
  let figures: DbFigures;
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

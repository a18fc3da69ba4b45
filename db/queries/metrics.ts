/**
 * The figures /metrics reads from PostgreSQL at each scrape (api/metrics-scrape.ts turns them into series): the
 * notification outbox by channel, sealed bids by status and the read model's lag. One short read-only transaction
 * with a statement timeout, so a slow database fails the read instead of holding the scrape.
 */
import type { Knex } from 'knex';

export interface MetricFigures {
  outbox: { channel: string; pending: number; failing: number; failed_attempts: number; oldest_pending_s: number | null }[];
  sealedBids: { status: string; n: number }[];
  lag: { lag_s: number | null; behind: number };
}

/** @param statementTimeoutMs PostgreSQL's statement_timeout for the transaction (a whole number of milliseconds). */
export async function readMetricFigures(db: Knex, statementTimeoutMs: number): Promise<MetricFigures> {
  // Written into the SQL (SET takes no bind parameter): only a whole number may get there.
  if (!Number.isSafeInteger(statementTimeoutMs) || statementTimeoutMs < 0) throw new Error(`statement timeout ${statementTimeoutMs}: not a whole number of ms`);
  return db.transaction(
    async (trx) => {
      await trx.raw(`SET LOCAL statement_timeout = ${statementTimeoutMs}`);
      // A delivery increments `attempts` on every try and marks the row sent on the one that succeeds: on a sent row
      // all attempts but one failed, on a pending row all of them did (activities/notify/deliver.ts).
      const outbox = await trx.raw<{ rows: MetricFigures['outbox'] }>(`
        SELECT channel,
               count(*) FILTER (WHERE status = 'pending')::int AS pending,
               count(*) FILTER (WHERE status = 'pending' AND attempts > 0)::int AS failing,
               coalesce(sum(greatest(attempts - CASE WHEN status = 'sent' THEN 1 ELSE 0 END, 0)), 0)::bigint AS failed_attempts,
               extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending'))::float8 AS oldest_pending_s
          FROM notification_outbox GROUP BY channel`);
      const sealed = await trx.raw<{ rows: MetricFigures['sealedBids'] }>(`SELECT status, count(*)::int AS n FROM sealed_bids GROUP BY status`);
      // Read-model lag, as far as the database alone can tell: a time window closes by the workflow's own timer at
      // its `closesAt` (domain/process/engine.ts onTimer), and the read model records the next stage in the same
      // activity. So an active package whose read model still shows a time window past its close is behind its
      // workflow (worker away, read-model writes failing, a workflow gone): how long, for the worst one. Steps are
      // not counted here: each step answers only once the read model holds it.
      const lag = await trx.raw<{ rows: MetricFigures['lag'][] }>(`
        SELECT extract(epoch FROM now() - min(stage_closes_at))::float8 AS lag_s, count(*)::int AS behind
          FROM packages
         WHERE status = 'active' AND stage_closes_at < now() AND view -> 'stage' ->> 'type' = 'timeWindow'`);
      return { outbox: outbox.rows, sealedBids: sealed.rows, lag: lag.rows[0]! }; // an aggregate without GROUP BY: one row
    },
    { readOnly: true },
  );
}

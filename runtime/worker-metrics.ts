/**
 * The worker's SDK metrics (issue 15 point 9): Temporal Core's own Prometheus exporter, which serves /metrics on its
 * own port (task slots, poll latencies, workflow and activity task counts and failures, RPC requests to the server).
 * Only with WORKER_METRICS_PORT set: two workers on one machine must not fight over a default port, and an exporter
 * nobody scrapes is an open port for nothing. Bound on every interface, as a scraper runs elsewhere; the series carry
 * task queue, namespace and workflow/activity type names only — nothing of a package.
 */
import type { MetricsExporterConfig } from '@temporalio/worker';

/** `telemetryOptions.metrics` for Runtime.install, or undefined (no exporter) when WORKER_METRICS_PORT is unset. */
export function workerMetricsOptions(env: NodeJS.ProcessEnv = process.env): MetricsExporterConfig | undefined {
  const raw = env.WORKER_METRICS_PORT?.trim();
  if (!raw) return undefined;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65_535) {
    throw new Error(`WORKER_METRICS_PORT must be a port number (1-65535), got '${raw}'`);
  }
  const host = env.WORKER_METRICS_HOST?.trim() || '0.0.0.0';
  // Durations in seconds, counters with _total: the names Prometheus conventions (and the API's /metrics) use.
  return { prometheus: { bindAddress: `${host}:${port}`, useSecondsForDurations: true, countersTotalSuffix: true } };
}

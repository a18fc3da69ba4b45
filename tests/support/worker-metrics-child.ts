/**
 * A child process for tests/metrics.test.ts: installs the Temporal runtime with the worker's metrics option
 * (runtime/worker-metrics.ts, from WORKER_METRICS_PORT) — Runtime.install may run once per process, hence a child —
 * runs an activity-only worker on a throwaway task queue against the test server for a moment, then prints what the
 * SDK's Prometheus endpoint serves. The parent parses it.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { setTimeout as sleep } from 'node:timers/promises';
import { workerMetricsOptions } from '../../runtime/worker-metrics';

async function main(): Promise<void> {
  const metrics = workerMetricsOptions();
  if (!metrics || !('prometheus' in metrics)) throw new Error('WORKER_METRICS_PORT is not set');
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { metrics } });
  const port = metrics.prometheus.bindAddress.split(':').pop();
  const connection = await NativeConnection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: `metrik-${process.pid}`,
    activities: { noop: async () => undefined },
  });
  let text = '';
  await worker.runUntil(async () => {
    // The exporter answers once the runtime is up; the worker's series once it has started polling.
    for (let i = 0; i < 50 && !/^temporal_worker_start/m.test(text); i++) {
      await sleep(200);
      text = await fetch(`http://127.0.0.1:${port}/metrics`).then(
        (r) => r.text(),
        () => '',
      );
    }
  });
  await connection.close();
  process.stdout.write(text);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

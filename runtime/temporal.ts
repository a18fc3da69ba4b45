/**
 * Connections to Temporal. Address, namespace, TLS and API key come from @temporalio/envconfig (TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_*; or a TOML profile), so Temporal Cloud needs no code change.
 */
import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { PayloadCodec } from '@temporalio/common';
import { NativeConnection } from '@temporalio/worker';

export interface TemporalTarget {
  address: string;
  namespace: string;
}

function connectOptions(target: TemporalTarget) {
  const cfg = loadClientConnectConfig();
  return {
    namespace: cfg.namespace ?? target.namespace,
    options: { ...cfg.connectionOptions, address: cfg.connectionOptions.address ?? target.address },
  };
}

/** With a codec, every payload the client sends is encrypted and every one it receives decrypted (payload-codec.ts). */
export async function connectClient(target: TemporalTarget, opts: { codec?: PayloadCodec } = {}): Promise<Client> {
  const { namespace, options } = connectOptions(target);
  const connection = await Connection.connect(options as Parameters<typeof Connection.connect>[0]);
  return new Client({ connection, namespace, ...(opts.codec ? { dataConverter: { payloadCodecs: [opts.codec] } } : {}) });
}

export async function connectWorker(target: TemporalTarget): Promise<{ connection: NativeConnection; namespace: string }> {
  const { namespace, options } = connectOptions(target);
  return { connection: await NativeConnection.connect(options), namespace };
}

/**
 * Waits until a worker process polls the task queue. The SDK's default worker identity is `<pid>@<host>`, so a
 * poller left listed by an earlier run does not count.
 */
export async function waitForWorkerPoller(client: Client, taskQueue: string, pid: number, timeoutMs: number, isAlive: () => boolean): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
    });
    if ((res.pollers ?? []).some((p) => p.identity?.startsWith(`${pid}@`))) return;
    if (!isAlive()) throw new Error('the worker exited during start-up');
    if (Date.now() > until) throw new Error(`no worker polled task queue '${taskQueue}' within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

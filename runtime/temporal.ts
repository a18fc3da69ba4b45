/**
 * Connections to Temporal. Address, namespace, TLS and API key come from @temporalio/envconfig (TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_*; or a TOML profile), so Temporal Cloud needs no code change.
 */
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
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

/**
 * With a codec, every payload the client sends is encrypted and every one it receives decrypted (payload-codec.ts).
 * With `whenAway`, a server that cannot be reached at start is reported to it and the connection made lazily: the API
 * starts anyway, serves reads from the read model and answers 503 temporal_unavailable until the server is back
 * (gRPC reconnects by itself); without it, the start fails as before.
 */
export async function connectClient(
  target: TemporalTarget,
  opts: { codec?: PayloadCodec; whenAway?: (err: unknown) => void; failFast?: boolean } = {},
): Promise<Client> {
  const { namespace, options } = connectOptions(target);
  const connectWith = { ...options, ...(opts.failFast ? { interceptors: [failFastRetries()] } : {}) } as Parameters<typeof Connection.connect>[0];
  let connection: Connection;
  try {
    connection = await Connection.connect(connectWith);
  } catch (err) {
    if (!opts.whenAway) throw err;
    opts.whenAway(err);
    connection = Connection.lazy(connectWith);
  }
  return new Client({ connection, namespace, ...(opts.codec ? { dataConverter: { payloadCodecs: [opts.codec] } } : {}) });
}

// gRPC status UNAVAILABLE; status.code is grpc-js's enum, which this package does not depend on directly
const GRPC_UNAVAILABLE = 14;
/** Attempts of a call that finds no server: backoff 170 + 289 + 491 + 835 ms ≈ 1.8 s between them. */
const UNAVAILABLE_ATTEMPTS = 5;

/**
 * The SDK's gRPC retries with a shorter patience for UNAVAILABLE (the API's connection, `failFast`): the default of
 * 10 attempts, ~20 s of backoff, made the API answer a step after ~20 s with Temporal away, and kept a cancelled call
 * retrying that long (its retries are new calls a cancel does not reach). Every other code as the SDK does it:
 * RESOURCE_EXHAUSTED keeps its ~35 s (api/temporal-limits.ts relies on it).
 */
function failFastRetries() {
  const sdk = defaultGrpcRetryOptions();
  return makeGrpcRetryInterceptor({
    delayFunction: sdk.delayFunction,
    retryableDecider: (attempt, status) => (Number(status.code) === GRPC_UNAVAILABLE ? attempt < UNAVAILABLE_ATTEMPTS : sdk.retryableDecider(attempt, status)),
  });
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

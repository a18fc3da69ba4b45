/**
 * Connections to Temporal. Address, namespace, TLS and API key come from @temporalio/envconfig (TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_*; or a TOML profile), so Temporal Cloud needs no code change.
 */
import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
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

export async function connectClient(target: TemporalTarget): Promise<Client> {
  const { namespace, options } = connectOptions(target);
  const connection = await Connection.connect(options as Parameters<typeof Connection.connect>[0]);
  return new Client({ connection, namespace });
}

export async function connectWorker(target: TemporalTarget): Promise<{ connection: NativeConnection; namespace: string }> {
  const { namespace, options } = connectOptions(target);
  return { connection: await NativeConnection.connect(options), namespace };
}

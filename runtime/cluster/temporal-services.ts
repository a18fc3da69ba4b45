/**
 * The four Temporal services as separate processes of the one server binary, as a real cluster runs them:
 * `server --config-file <file> --allow-no-auth start --service <name>`. A start counts as done once the service's
 * gRPC port accepts connections; whether the services found each other is the cluster health check's question.
 */
import { type ChildSpec, type RunningChild, startChild } from './child-process';
import { clusterPaths } from './paths';
import type { ClusterPorts } from './ports';
import { listening } from './tcp';

export type TemporalService = 'frontend' | 'history' | 'matching' | 'worker';

export function temporalServiceLauncher(service: TemporalService, configFile: string, ports: ClusterPorts, logDir: string) {
  const grpcPort = { frontend: ports.frontend, history: ports.history, matching: ports.matching, worker: ports.worker }[service];
  const spec: ChildSpec = {
    name: `temporal-${service}`,
    command: clusterPaths.server,
    args: ['--config-file', configFile, '--allow-no-auth', 'start', '--service', service],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' },
    logDir,
    ready: () => listening('127.0.0.1', grpcPort),
    readyTimeoutMs: 60_000,
    // A graceful stop hands shards and task queue partitions over; history may take several seconds.
    stopGraceMs: 20_000,
  };
  return (): Promise<RunningChild> => startChild(spec);
}

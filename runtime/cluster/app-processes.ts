/**
 * The project's processes on the cluster, each `node` on the compiled entry point (dist/, npm run build) with the
 * same environment the all-in-one start gives them: one data folder (the development token issuer's key and the
 * payload key ring live there, so tokens and encrypted payloads work across every API and worker), the cluster's
 * PostgreSQL and Temporal frontend, and the prebuilt workflow bundle. Workers each get their own SDK metrics port;
 * APIs their own HTTP port and trust the one proxy hop in front of them (client addresses for rate limits and logs).
 */
import { type RunningChild, startChild } from './child-process';
import { clusterPaths } from './paths';
import { listening } from './tcp';

export function workerLauncher(name: string, env: NodeJS.ProcessEnv, metricsPort: number, logDir: string) {
  return (): Promise<RunningChild> =>
    startChild({
      name,
      command: process.execPath,
      args: [clusterPaths.workerEntry],
      env: { ...env, WORKER_METRICS_PORT: String(metricsPort) },
      logDir,
      // In-flight activities finish first (worker.shutdown()); a long one is cut after this.
      stopGraceMs: 20_000,
    });
}

export function apiLauncher(name: string, env: NodeJS.ProcessEnv, port: number, logDir: string) {
  return (): Promise<RunningChild> =>
    startChild({
      name,
      command: process.execPath,
      args: [clusterPaths.apiEntry],
      env: { ...env, PORT: String(port), TRUST_PROXY: env.TRUST_PROXY ?? '1' },
      logDir,
      ready: async () => (await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => undefined))?.ok === true,
      readyTimeoutMs: 60_000,
    });
}

export function proxyLauncher(port: number, apiPorts: number[], logDir: string) {
  return (): Promise<RunningChild> =>
    startChild({
      name: 'proxy',
      command: process.execPath,
      args: [clusterPaths.proxyEntry],
      env: { PATH: process.env.PATH, PROXY_PORT: String(port), PROXY_BACKENDS: apiPorts.map((p) => `127.0.0.1:${p}`).join(',') },
      logDir,
      ready: () => listening('127.0.0.1', port),
      readyTimeoutMs: 20_000,
    });
}

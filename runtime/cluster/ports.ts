/**
 * The cluster's ports, kept per data folder (<data dir>/config/ports.json) and reused on the next start while they
 * are free: Temporal's membership table remembers each service's address for a while after it stops, and a restart
 * on the same addresses joins at once instead of first timing out against the old ones. A port taken meanwhile, or
 * never chosen, is drawn afresh (runtime/free-port.ts); fixed ones (the CLI's PORT / TEMPORAL_PORT) override.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort } from '../free-port';

export interface ClusterPorts {
  postgres: number;
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
  apis: number[];
  workerMetrics: number[];
  proxy: number;
}

const SINGLE = [
  'postgres',
  'frontend',
  'frontendHttp',
  'frontendMembership',
  'history',
  'historyMembership',
  'matching',
  'matchingMembership',
  'worker',
  'workerMembership',
  'proxy',
] as const;

export async function clusterPorts(
  dir: string,
  counts: { apis: number; workers: number },
  fixed: Partial<Pick<ClusterPorts, 'frontend' | 'proxy' | 'postgres'>> = {},
): Promise<ClusterPorts> {
  const file = path.join(dir, 'ports.json');
  let saved: Partial<ClusterPorts> = {};
  try {
    saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ClusterPorts>;
  } catch {
    // first start in this folder
  }
  const taken = new Set<number>();
  const pick = async (want: number | undefined, mustHave?: number): Promise<number> => {
    if (mustHave !== undefined) {
      if (!(await bindable(mustHave))) throw new Error(`port ${mustHave} sudah dipakai; pilih port lain`);
      taken.add(mustHave);
      return mustHave;
    }
    if (want !== undefined && !taken.has(want) && (await bindable(want))) {
      taken.add(want);
      return want;
    }
    for (;;) {
      const p = await freePort();
      if (!taken.has(p)) {
        taken.add(p);
        return p;
      }
    }
  };
  // Fixed ones first, so a saved port cannot take them.
  for (const p of Object.values(fixed)) if (p !== undefined) taken.add(p);
  const ports = {} as ClusterPorts;
  for (const key of SINGLE) {
    const f = fixed[key as keyof typeof fixed];
    if (f !== undefined) taken.delete(f);
    ports[key] = await pick(saved[key], f);
  }
  ports.apis = [];
  for (let i = 0; i < counts.apis; i++) ports.apis.push(await pick(saved.apis?.[i]));
  ports.workerMetrics = [];
  for (let i = 0; i < counts.workers; i++) ports.workerMetrics.push(await pick(saved.workerMetrics?.[i]));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(ports, null, 2) + '\n');
  return ports;
}

/** Whether nothing listens on the port (on every interface: the APIs and the proxy bind 0.0.0.0). */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '0.0.0.0', () => srv.close(() => resolve(true)));
  });
}

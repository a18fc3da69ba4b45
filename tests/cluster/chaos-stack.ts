/**
 * What the chaos run runs on, and how it hurts it. By default the production-like cluster (runtime/cluster: four
 * Temporal services, two workers and two APIs behind one proxy, embedded PostgreSQL holding both databases); with
 * CHAOS_STACK=dev the all-in-one start command (tests/support/start-stack.ts), where Temporal is one dev server, so
 * "history" and "matching" both kill it — only for working on the driver and the checks on a smaller machine.
 *
 * Every fault is on a process this test started (by its pid, never by name): SIGKILL of one of the two workers or
 * APIs (picked by the seeded RNG), of the history or matching service, and a PostgreSQL restart (stop, a pause, start).
 * The supervisors restart killed processes on their own; the test only waits for the kill to have happened.
 */
import { execFileSync } from 'node:child_process';
import { type ClusterProcess, startCluster } from '../../runtime/cluster';
import { allocatePorts, startStack } from '../support/start-stack';
import { isAlive } from '../support/step-until-done';
import type { FaultKind, Injector } from './chaos-faults';

export interface ChaosStack {
  apiUrl: string;
  dataDir: string;
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  inject: Injector;
  /** Restarts per process, as the supervisors counted them (cluster only). */
  restarts(): Record<string, number>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)]!;

export async function startChaosStack(o: { dataDir: string; env: Record<string, string>; log: (line: string) => void }): Promise<ChaosStack> {
  return process.env.CHAOS_STACK === 'dev' ? devStack(o) : clusterStack(o);
}

async function clusterStack(o: { dataDir: string; env: Record<string, string>; log: (line: string) => void }): Promise<ChaosStack> {
  // The driver acts as the demo users (development tokens from the data folder's issuer).
  const c = await startCluster({ dataDir: o.dataDir, env: o.env, log: o.log, seedDemo: true });
  const p = c.processes;
  const kill = async (proc: ClusterProcess) => {
    const pid = proc.pid();
    await proc.kill('SIGKILL');
    return `${proc.name} pid ${pid}`;
  };
  const inject: Injector = async (kind: FaultKind, rnd) => {
    if (kind === 'worker') return kill(pick(p.workers, rnd));
    if (kind === 'api') return kill(pick(p.apis, rnd));
    if (kind === 'history') return kill(p.history);
    if (kind === 'matching') return kill(p.matching);
    if (!p.postgres) throw new Error('the cluster runs on an external PostgreSQL: the chaos run needs the embedded one');
    const pid = p.postgres.pid();
    await p.postgres.stop();
    await sleep(2_000 + Math.floor(rnd() * 3_000));
    await p.postgres.start();
    return `${p.postgres.name} pid ${pid} stopped and started`;
  };
  const all = (): ClusterProcess[] => [
    ...[p.frontend, p.history, p.matching, p.temporalWorker, ...p.workers, ...p.apis, p.proxy],
    ...(p.postgres ? [p.postgres] : []),
  ];
  return {
    apiUrl: c.apiUrl.replace(/\/+$/, ''),
    dataDir: c.dataDir,
    databaseUrl: c.databaseUrl,
    temporalAddress: c.temporalAddress,
    namespace: c.namespace,
    inject,
    restarts: () => Object.fromEntries(all().map((x) => [x.name, x.restarts()])),
    stop: () => c.stop(),
  };
}

/** The children of a process, by pid and command line. */
function children(pid: number): { pid: number; args: string }[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => /^\s*(\d+)\s+(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => ({ pid: Number(m[1]), args: m[2]! }));
  } catch {
    return []; // ps exits 1 when there are none
  }
}

async function devStack(o: { dataDir: string; env: Record<string, string>; log: (line: string) => void }): Promise<ChaosStack> {
  Object.assign(process.env, o.env); // the start command's children inherit this process's environment
  const ports = await allocatePorts();
  const stack = await startStack({ dataDir: o.dataDir, ports, timeScale: o.env.TIME_SCALE, readyTimeoutMs: 240_000 });
  const pgUrl = `postgres://postgres:postgres@127.0.0.1:${ports.embeddedPgPort}/pengadaan`; // runtime/config.ts databaseUrlOf
  const find = (re: RegExp) => children(stack.proc.pid!).filter((c) => re.test(c.args));
  const hit = async (re: RegExp, signal: NodeJS.Signals, rnd: () => number) => {
    const found = find(re);
    if (!found.length) throw new Error(`no child of the start command matches ${re}: ${JSON.stringify(children(stack.proc.pid!))}`);
    const c = pick(found, rnd);
    process.kill(c.pid, signal);
    for (let i = 0; i < 200 && isAlive(c.pid); i++) await sleep(100);
    return `pid ${c.pid} (${c.args.slice(0, 60)}) ${signal}`;
  };
  const inject: Injector = async (kind, rnd) => {
    if (kind === 'worker') return hit(/bin\/worker\.ts/, 'SIGKILL', rnd);
    if (kind === 'api') return hit(/bin\/api\.ts/, 'SIGKILL', rnd);
    if (kind === 'history' || kind === 'matching') return hit(/temporal.*start-dev|start-dev/, 'SIGKILL', rnd);
    return hit(/postgres/, 'SIGINT', rnd); // a fast shutdown; the start command's supervisor starts it again
  };
  return {
    apiUrl: stack.baseUrl,
    dataDir: o.dataDir,
    databaseUrl: pgUrl,
    temporalAddress: `127.0.0.1:${ports.temporalPort}`,
    namespace: 'default',
    inject,
    restarts: () => ({ restarts: (stack.output().match(/dimulai ulang|restart/gi) ?? []).length }),
    stop: async () => {
      await stack.stop(60_000);
    },
  };
}

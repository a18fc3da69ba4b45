/**
 * CPU time and memory per process of a running stack, read from /proc every second (Linux only). The processes are
 * the descendants of one root (the start command), grouped by the root's direct child they descend from — Temporal,
 * PostgreSQL (the postmaster and its backends), the worker, the API — plus the root itself and any extra pids (the
 * benchmark's own client). CPU of a group is the time of its live processes plus what its leaders have reaped
 * (cutime/cstime: a PostgreSQL backend that exited), so connections coming and going are not lost.
 */
import fs from 'node:fs';
import { type ProcStat, procStat } from '../runtime/proc-stat';

interface ProcSample extends ProcStat {
  rssKb: number;
}

function readStat(pid: number): ProcSample | undefined {
  const s = procStat(pid);
  if (!s) return undefined;
  try {
    const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return { ...s, rssKb };
  } catch {
    return undefined; // gone between listing and reading
  }
}

/** Proportional set size (shared pages divided among their users), kB; undefined when not readable. */
function readPssKb(pid: number): number | undefined {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

function allProcs(): ProcSample[] {
  const out: ProcSample[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) out.push(s);
  }
  return out;
}

/**
 * What a direct child of the start command (or of the cluster's launcher) is, by its command line. The cluster's
 * Temporal services are one binary started with `--service <name>`; its workers and APIs run the compiled entries.
 */
export function classify(cmd: string): string {
  const service = /temporal-server.*--service (\w+)/.exec(cmd);
  if (service) return `Temporal ${service[1]}`;
  if (/bin\/worker\.(ts|js)/.test(cmd)) return 'worker';
  if (/bin\/api\.(ts|js)/.test(cmd)) return 'API';
  if (/cluster-proxy\.(ts|js)/.test(cmd)) return 'proxy';
  if (/postgres/.test(cmd)) return 'PostgreSQL';
  if (/temporal/.test(cmd)) return 'Temporal';
  return cmd.split(' ')[0]?.split('/').pop() || 'other';
}

interface GroupState {
  name: string;
  pids: Set<number>;
  /** CPU seconds at the first and the latest sample. */
  cpu0?: number;
  cpu?: number;
  peakRssKb: number;
  peakPssKb: number;
  lastRssKb: number;
  peakProcs: number;
}

export interface GroupFigures {
  name: string;
  /** The pids seen in the group (leaders first). */
  pids: number[];
  cpuSecs: number;
  /** Percent of one core over the sampled interval. */
  pctCore: number;
  peakRssMb: number;
  /** Peak proportional set size: for a group of processes sharing memory (PostgreSQL) the honest total. */
  peakPssMb: number;
  lastRssMb: number;
  peakProcs: number;
  cmd: string;
}

export class ProcSampler {
  private readonly groups = new Map<string, GroupState>();
  private readonly leaders = new Map<number, { group: string; cmd: string; kind: string }>();
  private timer?: NodeJS.Timeout;
  private t0 = 0;
  private t1 = 0;
  samples = 0;

  constructor(
    private readonly rootPid: number,
    private readonly extra: { name: string; pid: number }[] = [],
    /** Kinds that run as several processes (the cluster's workers and APIs), named `worker 1`, `worker 2`, … */
    private readonly numbered: ReadonlySet<string> = new Set(),
    /** The root's own group name. */
    private readonly rootName = 'start command',
  ) {}

  /** Takes a first sample (the baseline CPU) and one every intervalMs until stop(). */
  start(intervalMs = 1000): void {
    this.t0 = Date.now();
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }

  /** The direct children of the root with their group names, for the header. */
  processes(): { pid: number; group: string; cmd: string }[] {
    return [...this.leaders.entries()].map(([pid, x]) => ({ pid, ...x }));
  }

  sample(): void {
    const procs = allProcs();
    const byPid = new Map(procs.map((p) => [p.pid, p]));
    const children = new Map<number, ProcSample[]>();
    for (const p of procs) {
      const list = children.get(p.ppid) ?? [];
      list.push(p);
      children.set(p.ppid, list);
    }
    const groupOf = new Map<string, ProcSample[]>();
    const add = (group: string, p: ProcSample) => {
      const list = groupOf.get(group) ?? [];
      list.push(p);
      groupOf.set(group, list);
    };
    const root = byPid.get(this.rootPid);
    if (root) add(this.rootName, root);
    for (const child of children.get(this.rootPid) ?? []) {
      let leader = this.leaders.get(child.pid);
      if (!leader) {
        const cmd = cmdline(child.pid);
        const kind = classify(cmd);
        // Two workers or two APIs (the cluster) are two groups: a target such as worker RSS is per process. A
        // restarted one (new pid) takes the next number.
        const n = [...this.leaders.values()].filter((l) => l.kind === kind).length + 1;
        leader = { group: this.numbered.has(kind) ? `${kind} ${n}` : kind, cmd, kind };
        this.leaders.set(child.pid, leader);
      }
      // The leader and everything below it.
      const stack = [child];
      while (stack.length) {
        const p = stack.pop()!;
        add(leader.group, p);
        stack.push(...(children.get(p.pid) ?? []));
      }
    }
    for (const x of this.extra) {
      const p = byPid.get(x.pid);
      if (p) add(x.name, p);
    }
    const isLeader = (pid: number) => pid === this.rootPid || this.leaders.has(pid) || this.extra.some((x) => x.pid === pid);
    for (const [name, list] of groupOf) {
      let g = this.groups.get(name);
      if (!g) {
        g = { name, pids: new Set(), peakRssKb: 0, peakPssKb: 0, lastRssKb: 0, peakProcs: 0 };
        this.groups.set(name, g);
      }
      // Reaped children count for the leaders only; the root's would be its own groups' processes again.
      const cpu = list.reduce((s, p) => s + p.cpu + (isLeader(p.pid) && p.pid !== this.rootPid ? p.childCpu : 0), 0);
      const rss = list.reduce((s, p) => s + p.rssKb, 0);
      const pss = list.reduce((s, p) => s + (readPssKb(p.pid) ?? p.rssKb), 0);
      g.cpu0 ??= cpu;
      g.cpu = cpu;
      g.lastRssKb = rss;
      g.peakRssKb = Math.max(g.peakRssKb, rss);
      g.peakPssKb = Math.max(g.peakPssKb, pss);
      g.peakProcs = Math.max(g.peakProcs, list.length);
      for (const p of list) g.pids.add(p.pid);
    }
    this.samples++;
    this.t1 = Date.now();
  }

  figures(): GroupFigures[] {
    const secs = Math.max(0.001, (this.t1 - this.t0) / 1000);
    const cmdOf = (name: string) => {
      const pid =
        this.processes().find((p) => p.group === name)?.pid ??
        this.extra.find((x) => x.name === name)?.pid ??
        (name === this.rootName ? this.rootPid : undefined);
      return pid === undefined ? '' : cmdline(pid);
    };
    return [...this.groups.values()].map((g) => {
      const cpuSecs = (g.cpu ?? 0) - (g.cpu0 ?? 0);
      return {
        name: g.name,
        pids: [...g.pids].slice(0, 4),
        cpuSecs,
        pctCore: (cpuSecs / secs) * 100,
        peakRssMb: g.peakRssKb / 1024,
        peakPssMb: g.peakPssKb / 1024,
        lastRssMb: g.lastRssKb / 1024,
        peakProcs: g.peakProcs,
        cmd: cmdOf(g.name),
      };
    });
  }

  /** Seconds between the first and the last sample. */
  get seconds(): number {
    return (this.t1 - this.t0) / 1000;
  }
}

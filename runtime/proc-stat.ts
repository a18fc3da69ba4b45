/**
 * CPU time of processes from /proc (Linux only): used by the test runner's CPU accounting (bin/test-cpu.ts) and the
 * benchmarks' per-process sampler (bench/proc-sampler.ts).
 */
import fs from 'node:fs';

/** USER_HZ: /proc/<pid>/stat counts CPU time in these ticks (100 on every Linux this runs on). */
const TICKS_PER_SEC = 100;

export interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, seconds. */
  cpu: number;
  /** cutime + cstime (children it has reaped), seconds. */
  childCpu: number;
}

/** One process's figures, or undefined when it is gone (or this is not Linux). */
export function procStat(pid: number): ProcStat | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after its closing one.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state); field n is rest[n - 3].
    const n = (field: number) => Number(rest[field - 3]);
    return { pid, ppid: n(4), cpu: (n(14) + n(15)) / TICKS_PER_SEC, childCpu: (n(16) + n(17)) / TICKS_PER_SEC };
  } catch {
    return undefined; // gone between listing and reading
  }
}

/** Every process's figures (empty where there is no /proc). */
export function allProcStats(): ProcStat[] {
  if (!fs.existsSync('/proc/self/stat')) return [];
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => procStat(Number(name)))
    .filter((s): s is ProcStat => s !== undefined);
}

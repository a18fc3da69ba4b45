/**
 * Where the test run's CPU goes (issue 16 point 9: the suite's time on two cores is bounded by its CPU, not by its
 * waiting). Each test file runs under `/usr/bin/time`, which reports the file's process and every child it waited for
 * (API and worker children, Chromium); the services the lanes share (Temporal dev servers, PostgreSQL) are read from
 * /proc before they stop. Linux only: elsewhere, or without /usr/bin/time, the figures are left out.
 */
import fs from 'node:fs';
import { allProcStats } from '../runtime/proc-stat';

export const TIME_BINARY = '/usr/bin/time';

/** `/usr/bin/time` when it is there: the file's user and system seconds go to `outFile`. */
export function timedCommand(command: string, args: string[], outFile: string): [string, string[]] {
  if (!fs.existsSync(TIME_BINARY)) return [command, args];
  return [TIME_BINARY, ['-f', '%U %S', '-o', outFile, command, ...args]];
}

/** The user + system seconds `/usr/bin/time` wrote, or undefined. */
export function readTimed(outFile: string): number | undefined {
  try {
    // The last line: a killed child makes time write "Command terminated by signal" first.
    const last = fs.readFileSync(outFile, 'utf8').trim().split('\n').pop() ?? '';
    const [user, system] = last.split(' ').map(Number);
    return Number.isFinite(user) && Number.isFinite(system) ? user! + system! : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds of a process and its live descendants (exited ones are in their parent's reaped times). */
export function treeCpuSeconds(root: number): number | undefined {
  const all = allProcStats();
  if (!all.some((s) => s.pid === root)) return undefined;
  const inTree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const s of all) {
      if (!inTree.has(s.pid) && inTree.has(s.ppid)) {
        inTree.add(s.pid);
        grew = true;
      }
    }
  }
  return all.filter((s) => inTree.has(s.pid)).reduce((sum, s) => sum + s.cpu + s.childCpu, 0);
}

/** The postmaster's pid from its data directory (the first line of postmaster.pid). */
export function postmasterPid(databaseDir: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(`${databaseDir}/postmaster.pid`, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Start-up and memory of the production-like cluster (issue 15 point 12), from its real command (node on
 * dist/bin/cluster.js, what bin/cluster.sh execs once the build exists): a cold start on an empty data folder (Temporal
 * schemas created), then a warm start on the same folder (schemas exist); after each, RSS and PSS of every process
 * once idle (PostgreSQL: the postmaster and its backends together), then Ctrl-C and how long the stop took. Prints
 * figures; asserts nothing. Needs `npm run build` and bin/install-temporal-server.sh first.
 *   npx tsx bench/cluster-start.ts [--idle-seconds 20]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../runtime/config';
import { freePort } from '../runtime/free-port';

const { values } = parseArgs({ options: { 'idle-seconds': { type: 'string', default: '20' } } });
const IDLE_MS = Number(values['idle-seconds']) * 1000;

function kb(pid: number, field: 'VmRSS' | 'Pss'): number {
  try {
    const file = field === 'Pss' ? `/proc/${pid}/smaps_rollup` : `/proc/${pid}/status`;
    return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(file, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function once(label: string, dataDir: string, ports: { proxy: number; frontend: number }): Promise<void> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'bin', 'cluster.js')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(ports.proxy), TEMPORAL_PORT: String(ports.frontend) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  while (!/Tekan Ctrl-C/.test(out)) {
    if (child.exitCode !== null) throw new Error(`${label}: the launcher exited ${child.exitCode}\n${out}`);
    if (performance.now() - t0 > 300_000) throw new Error(`${label}: not ready after 300 s\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const readyS = (performance.now() - t0) / 1000;
  console.log(`\n${label}: ready in ${readyS.toFixed(1)} s (measured from spawn; the launcher's own line follows)`);
  console.log(
    out
      .split('\n')
      .filter((l) => /Klaster siap|Tahap/.test(l))
      .join('\n'),
  );
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const pids = [...(/Proses\s+(.*)/.exec(out)?.[1] ?? '').matchAll(/([\w-]+)=(\d+)/g)].map((m) => ({ name: m[1]!, pid: Number(m[2]) }));
  const rows = [{ name: 'launcher', pid: child.pid! }, ...pids].map(({ name, pid }) => {
    // The postmaster's backends are PostgreSQL's memory too (one per open connection).
    const backends = name === 'postgres' ? childrenOf(pid) : [];
    const all = [pid, ...backends];
    const rss = all.reduce((s, p) => s + kb(p, 'VmRSS'), 0) / 1024;
    const pss = all.reduce((s, p) => s + kb(p, 'Pss'), 0) / 1024;
    return { name: backends.length ? `${name} (+${backends.length} backends)` : name, rss, pss };
  });
  console.log(`idle ${IDLE_MS / 1000} s later:`);
  for (const r of rows) console.log(`  ${r.name.padEnd(28)} RSS ${r.rss.toFixed(0).padStart(5)} MB   PSS ${r.pss.toFixed(0).padStart(5)} MB`);
  const total = (k: 'rss' | 'pss', filter: (n: string) => boolean) =>
    rows
      .filter((r) => filter(r.name))
      .reduce((s, r) => s + r[k], 0)
      .toFixed(0);
  console.log(`  ${'Temporal (4 services)'.padEnd(28)} RSS ${total('rss', (n) => n.startsWith('temporal-')).padStart(5)} MB`);
  console.log(`  ${'all'.padEnd(28)} RSS ${total('rss', () => true).padStart(5)} MB   PSS ${total('pss', () => true).padStart(5)} MB`);
  const s0 = performance.now();
  child.kill('SIGINT');
  const code = await exited;
  const left = pids.filter(({ pid }) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
  console.log(`Ctrl-C: stopped in ${((performance.now() - s0) / 1000).toFixed(1)} s, exit code ${code}, processes left: ${left.length}`);
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-cluster-bench-'));
  const ports = { proxy: await freePort(), frontend: await freePort() };
  try {
    await once('cold start (empty data folder)', dataDir, ports);
    await once('warm start (same folder)', dataDir, ports);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

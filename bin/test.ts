/**
 * Runs every test. The files run in lanes, side by side: each lane has its own Temporal dev server and its own
 * database (one embedded PostgreSQL server holds them all), and runs its files one at a time, so within a lane a file
 * sees what it saw when the whole suite ran in one line — other files' packages, never a neighbour's task queue,
 * schedule or half-written rows. A free lane takes the next file, the slowest first (tests/durations.json).
 * `zz-branch-coverage` runs after every lane has finished, over all lanes' databases.
 *
 * The workflow bundle is built once for the run (runtime/workflow-bundle.ts) and every worker loads it: bundling
 * costs about 4 s of CPU per worker, and the suite creates dozens. Services stop at the end whatever happened.
 *
 * `TEST_LANES` sets the number of lanes (default: one more than the CPUs, since most of a test's time is waiting);
 * arguments select files by a part of their name.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, migrateLatest } from '../db/connection';
import { REPO_ROOT } from '../runtime/config';
import { freePort } from '../runtime/free-port';
import { generateKeyRingSpec } from '../runtime/crypto/key-provider';
import { createLogger } from '../runtime/logger';
import { startEmbeddedPostgres } from '../runtime/services/embedded-postgres';
import { startTemporalDevServer, type TemporalDevServer } from '../runtime/services/temporal-dev-server';
import { resolveTemporalCli, resolveTemporalTestServer } from '../runtime/temporal-binaries';
import { writeWorkflowBundle } from '../runtime/workflow-bundle';
import { type CoverageTotals, keepRepoCoverage, reportCoverage } from './coverage';
import { TapFailures } from './tap-failures';
import { postmasterPid, readTimed, timedCommand, treeCpuSeconds } from './test-cpu';
import { testFileArgs } from './test-file-command';

/** Runs after the lanes, over all of their databases (it checks what the other files reached). */
const LAST = 'tests/zz-branch-coverage.test.ts';
/**
 * Each file's wall time in a recorded full run, to start the slowest first (the 5,000-step test alone takes a lane
 * for minutes: started last, it would be the run's tail). Rewritten by a full run with TEST_RECORD_DURATIONS=1.
 */
const DURATIONS = path.join(REPO_ROOT, 'tests', 'durations.json');

interface Lane {
  n: number;
  temporal: TemporalDevServer;
  databaseUrl: string;
}

interface FileResult {
  file: string;
  lane: number;
  seconds: number;
  pass: number;
  fail: number;
  code: number;
  /** CPU seconds of the file's process and the children it waited for (bin/test-cpu.ts), when measurable. */
  cpu?: number;
}

/** CPU seconds of the services the lanes share, read just before they stop. */
interface ServiceCpu {
  temporal?: number;
  postgres?: number;
  runner: number;
}

async function main() {
  const t0 = Date.now();
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(path.join(REPO_ROOT, 'tests'))
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) => !only.length || only.some((o) => f.includes(o)))
    .sort()
    .map((f) => path.join('tests', f));
  const fullRun = !only.length;
  // Coverage of the whole run by default (bin/coverage.ts); of a few files only when asked.
  const coverage = process.env.TEST_COVERAGE === '1' || (fullRun && process.env.TEST_COVERAGE !== '0');
  // The console tests serve web/dist: rebuild it first if its sources changed (a no-op when it is current).
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'bin/build-web.ts'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the web console failed');
  const logger = createLogger('test-services', 'warn');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-test-'));
  console.log(`test services in ${dir}`);
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  const laneCount = Math.max(1, Math.min(files.length, Number(process.env.TEST_LANES ?? os.cpus().length + 1)));
  const temporals: TemporalDevServer[] = [];
  let pg: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  const results: FileResult[] = [];
  const failures = new TapFailures();
  const keptCoverage = path.join(dir, 'coverage');
  let coverageTotals: CoverageTotals | undefined;
  let serviceCpu: ServiceCpu | undefined;
  try {
    const [, servers] = await Promise.all([
      writeWorkflowBundle(bundlePath),
      Promise.all(
        Array.from({ length: laneCount }, async (_, i) => {
          const server = await startTemporalDevServer({ dataDir: path.join(dir, `temporal-${i + 1}`), port: await freePort(), headless: true, logger });
          temporals.push(server);
          return server;
        }),
      ),
      (async () => {
        pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), logger });
      })(),
    ]);
    const databaseUrls = await laneDatabases(pg!.url, laneCount);
    const lanes: Lane[] = servers.map((temporal, i) => ({ n: i + 1, temporal, databaseUrl: databaseUrls[i]! }));
    console.log(`services ready in ${((Date.now() - t0) / 1000).toFixed(1)} s; running ${files.length} test files in ${laneCount} lanes`);

    const keyRing = generateKeyRingSpec('test1');
    const env = (lane: Lane, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
      ...process.env,
      NODE_ENV: 'test',
      // Tests read figures right after changing the rows behind them: no kept year summaries (db/queries/kept.ts).
      MONITORING_MAX_AGE_SECONDS: process.env.MONITORING_MAX_AGE_SECONDS ?? '0',
      // The branch-coverage check needs every workflow test to have run first.
      TEST_FULL_RUN: process.env.TEST_FULL_RUN ?? (fullRun ? '1' : '0'),
      TEST_TEMPORAL_ADDRESS: lane.temporal.address,
      TEST_DATABASE_URL: lane.databaseUrl,
      TEST_LANE: String(lane.n),
      WORKFLOW_BUNDLE_PATH: bundlePath,
      // One key ring for the run, shared by test processes, workers and API children (sealed bids, codec).
      ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS ?? keyRing,
      TEMPORAL_CLI_PATH: resolveTemporalCli(),
      TEMPORAL_TEST_SERVER_PATH: resolveTemporalTestServer(),
      ...extra,
    });
    const queue = slowestFirst(files.filter((f) => f !== LAST));
    let fileNo = 0;
    /** A file's run, with its processes' coverage collected into keptCoverage when it ends. */
    const run = async (file: string, lane: Lane, extra: Record<string, string> = {}) => {
      const raw = path.join(dir, 'coverage-raw', String(++fileNo));
      const cpuFile = path.join(dir, 'cpu', `${fileNo}.txt`);
      const result = await runFile(file, lane, env(lane, coverage ? { ...extra, NODE_V8_COVERAGE: raw } : extra), failures, cpuFile);
      if (coverage) keepRepoCoverage(raw, keptCoverage);
      return result;
    };
    await Promise.all(
      lanes.map(async (lane) => {
        for (let file = queue.shift(); file; file = queue.shift()) results.push(await run(file, lane));
      }),
    );
    if (files.includes(LAST)) results.push(await run(LAST, lanes[0]!, { TEST_LANE_DATABASE_URLS: databaseUrls.join(' ') }));
    if (fullRun && process.env.TEST_RECORD_DURATIONS === '1') rememberDurations(results);
    if (coverage) {
      const t = Date.now();
      coverageTotals = reportCoverage(keptCoverage);
      console.log(`coverage report in ${((Date.now() - t) / 1000).toFixed(1)} s (test-artifacts/coverage/)`);
    }
    serviceCpu = servicesCpu(temporals, path.join(dir, 'postgres'));
  } finally {
    await pg?.stop();
    await Promise.all(temporals.map((t) => t.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  summarise(results, failures, laneCount, serviceCpu, (Date.now() - t0) / 1000);
  if (coverageTotals) {
    const { lines, branches, functions } = coverageTotals;
    console.log(`# coverage: lines ${lines}%, branches ${branches}%, functions ${functions}% (production code; bin/coverage.ts)`);
  }
  console.log(`test suite wall time: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exitCode = results.length === files.length && results.every((r) => r.code === 0) ? 0 : 1;
}

/** One database per lane: the first migrated, the others copied from it (a template copy takes well under a second). */
async function laneDatabases(firstUrl: string, count: number): Promise<string[]> {
  const db = createDb(firstUrl);
  await migrateLatest(db);
  await db.destroy();
  const first = new URL(firstUrl);
  const template = first.pathname.slice(1);
  const admin = createDb(Object.assign(new URL(firstUrl), { pathname: '/postgres' }).toString());
  try {
    const urls = [firstUrl];
    for (let n = 2; n <= count; n++) {
      const name = `${template}_lane${n}`;
      await admin.raw('CREATE DATABASE ?? TEMPLATE ??', [name, template]);
      urls.push(Object.assign(new URL(firstUrl), { pathname: `/${name}` }).toString());
    }
    return urls;
  } finally {
    await admin.destroy();
  }
}

/** Longer than any file takes (the 5,000-step test: about 15–20 minutes with three lanes on two CPUs). */
const FILE_TIMEOUT_MS = 50 * 60_000;
/** Process groups of the files running now: killed if this runner is stopped. */
const running = new Set<number>();
const killGroup = (pid: number) => {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const pid of running) killGroup(pid);
    process.exit(130);
  });
}

function runFile(file: string, lane: Lane, env: NodeJS.ProcessEnv, failures: TapFailures, cpuFile: string): Promise<FileResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    // A file's output is printed whole when it ends, so lanes running side by side do not interleave their lines.
    const out: Buffer[] = [];
    // Node on the file itself (bin/test-file-command.ts), in its own process group, so that a file past
    // FILE_TIMEOUT_MS is killed with everything it started.
    fs.mkdirSync(path.dirname(cpuFile), { recursive: true });
    const [command, args] = timedCommand(process.execPath, testFileArgs(file), cpuFile);
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
      detached: true,
    });
    running.add(child.pid!);
    const guard = setTimeout(() => {
      out.push(Buffer.from(`\n# ${file}: killed after ${FILE_TIMEOUT_MS / 60_000} minutes\n`));
      killGroup(child.pid!);
    }, FILE_TIMEOUT_MS);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => out.push(b));
    child.on('close', (c, signal) => {
      clearTimeout(guard);
      running.delete(child.pid!);
      const seconds = (Date.now() - started) / 1000;
      const text = Buffer.concat(out).toString('utf8');
      const count = (name: string) =>
        Number(
          /^# (?:\w+ )?(\d+)$/m.exec(
            text
              .split('\n')
              .filter((l) => l.startsWith(`# ${name} `))
              .pop() ?? '',
          )?.[1] ?? 0,
        );
      const code = c ?? (signal ? 1 : 0);
      process.stdout.write(`\n# ── ${file} (lane ${lane.n}, ${seconds.toFixed(1)} s, exit ${code}) ──\n${text}`);
      failures.read(file, text);
      resolve({ file, lane: lane.n, seconds, pass: count('pass'), fail: count('fail'), code, cpu: readTimed(cpuFile) });
    });
  });
}

function slowestFirst(files: string[]): string[] {
  let last: Record<string, number> = {};
  try {
    last = JSON.parse(fs.readFileSync(DURATIONS, 'utf8')) as Record<string, number>;
  } catch {
    // No recorded run: name order.
  }
  return [...files].sort((a, b) => (last[b] ?? 0) - (last[a] ?? 0));
}

function rememberDurations(results: FileResult[]): void {
  fs.writeFileSync(DURATIONS, JSON.stringify(Object.fromEntries(results.map((r) => [r.file, Math.round(r.seconds * 10) / 10])), null, 1));
}

function servicesCpu(temporals: TemporalDevServer[], databaseDir: string): ServiceCpu {
  const sumOf = (xs: (number | undefined)[]) => (xs.some((x) => x === undefined) ? undefined : xs.reduce<number>((s, x) => s + x!, 0));
  const pg = postmasterPid(databaseDir);
  const { user, system } = process.cpuUsage();
  return {
    temporal: sumOf(temporals.map((t) => treeCpuSeconds(t.pid))),
    postgres: pg === undefined ? undefined : treeCpuSeconds(pg),
    runner: (user + system) / 1e6,
  };
}

/** The run's CPU, and what it means for its wall time: no schedule beats CPU seconds ÷ cores. */
function printCpu(results: FileResult[], services: ServiceCpu | undefined, wallSeconds: number): void {
  const measured = results.filter((r) => r.cpu !== undefined);
  if (!measured.length || !services) return;
  const files = measured.reduce((s, r) => s + r.cpu!, 0);
  const total = files + (services.temporal ?? 0) + (services.postgres ?? 0) + services.runner;
  const min = (s: number | undefined) => (s === undefined ? 'not measured' : s < 600 ? `${s.toFixed(1)} s` : `${(s / 60).toFixed(1)} min`);
  const cores = os.cpus().length;
  console.log(
    `# CPU: ${min(total)} in all — test files ${min(files)} (${measured.length} files), Temporal dev servers ${min(services.temporal)}, ` +
      `PostgreSQL ${min(services.postgres)}, runner ${min(services.runner)}; ${cores} CPUs: at least ${min(total / cores)} of wall ` +
      `(this run ${min(wallSeconds)}, ${((total / wallSeconds / cores) * 100).toFixed(0)}% of the CPUs busy)`,
  );
  console.log('# most CPU:');
  for (const r of [...measured].sort((a, b) => b.cpu! - a.cpu!).slice(0, 10)) console.log(`#   ${r.cpu!.toFixed(1).padStart(6)} s CPU  ${r.file}`);
}

function summarise(results: FileResult[], failures: TapFailures, laneCount: number, services: ServiceCpu | undefined, wallSeconds: number): void {
  const sum = (f: (r: FileResult) => number) => results.reduce((s, r) => s + f(r), 0);
  console.log(`\n# ${results.length} files in ${laneCount} lanes: ${sum((r) => r.pass)} tests passed, ${sum((r) => r.fail)} failed`);
  for (let n = 1; n <= laneCount; n++) {
    const mine = results.filter((r) => r.lane === n);
    console.log(`#   lane ${n}: ${mine.length} files, ${mine.reduce((s, r) => s + r.seconds, 0).toFixed(0)} s`);
  }
  console.log('# slowest files:');
  for (const r of [...results].sort((a, b) => b.seconds - a.seconds).slice(0, 10)) console.log(`#   ${r.seconds.toFixed(1).padStart(6)} s  ${r.file}`);
  printCpu(results, services, wallSeconds);
  const crashed = results.filter((r) => r.code !== 0 && r.fail === 0);
  for (const r of crashed) console.log(`# ${r.file} exited with ${r.code} without a failing test (see its output above)`);
  failures.print();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

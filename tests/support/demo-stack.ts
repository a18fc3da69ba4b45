/**
 * A real stack filled with `npm run demo` data, for tests that need something to look at (monitoring pages, public
 * portal, exports): the real start command on free ports with its own data folder (startStack), then
 * `npm run demo -- --packages N --url … --data-dir …` spawned as a user would type it; resolves once the demo exited 0.
 *
 * Options (all optional):
 *   packages    how many packages the demo creates (default 16: the demo takes about 2 minutes on a busy 2-core
 *               machine, plus ~25 s to start the stack). Every demo method appears from 10 up; every monitoring
 *               story (a failed tender and its re-tender, a cancelled package, contracts in execution on plan and
 *               critical with payments, an SPMK left overdue) from 12 up. The engine adds the re-tender package,
 *               and packages the demo left in a bid window may fail later and get theirs, so the year holds at
 *               least packages + 1 packages.
 *   fiscalYear  their fiscal year (default 2046); pick one per test file so reruns never mix with other data
 *   timeScale   the stack's TIME_SCALE (default '0.00002': a 7-day window closes in about 12 seconds). Time runs on
 *               after the demo: its contracts' 360-day execution ends about 10 minutes after their SPMK, then the
 *               50-day late window (~1.5 min) and termination; read the Kontrak page within a few minutes
 *   seed        the demo's --seed (default 7): the same seed gives the same packages and the same story
 *   timeLimitS  the demo's --time-limit in seconds (default 170)
 *   extraArgs   more demo arguments (e.g. ['--concurrency', '6'])
 *   label       prefix of the temporary data folder (default 'demo-stack')
 *
 * Returns the Stack, its baseUrl and dataDir, `api` (tests/support/tender-http-driver) for calls as any demo user,
 * `token(userId)` (a dev bearer token for a demo user, e.g. for a browser session or curl), the demo's stdout
 * `summary` and its stderr, and `stop()`, which stops the stack and removes the data folder.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateDevIssuer } from '../../api/auth/dev-issuer';
import { DEMO_USERS } from '../../db/seed-demo';
import { REPO_ROOT } from '../../runtime/config';
import { allocatePorts, logTails, redactTokens, type Stack, startStack } from './start-stack';
import { type Api, api as httpApi } from './tender-http-driver';

export interface DemoStackOptions {
  packages?: number;
  fiscalYear?: number;
  timeScale?: string;
  seed?: number;
  timeLimitS?: number;
  extraArgs?: string[];
  label?: string;
}

export interface DemoStack {
  stack: Stack;
  baseUrl: string;
  dataDir: string;
  fiscalYear: number;
  api: Api;
  /** A dev bearer token (without "Bearer ") for a demo user id (db/seed-demo.ts). */
  token(userId: string): Promise<string>;
  /** The demo's stdout (its summary). */
  summary: string;
  /** The demo's stderr (progress lines). */
  stderr: string;
  stop(): Promise<void>;
}

export interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run demo -- …args` as a user types it (not a test child), killed after timeoutMs. */
export function runDemo(args: string[], timeoutMs: number): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const child = spawn('npm', ['run', '--silent', 'demo', '--', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`demo did not finish in ${timeoutMs} ms\n--- stdout ---\n${stdout}\n--- stderr ---\n${redactTokens(stderr).slice(-4000)}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export async function startDemoStack(o: DemoStackOptions = {}): Promise<DemoStack> {
  const packages = o.packages ?? 16;
  const fiscalYear = o.fiscalYear ?? 2046;
  const timeLimitS = o.timeLimitS ?? 170;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `pengadaan-${o.label ?? 'demo-stack'}-`));
  let stack: Stack | undefined;
  const stop = async () => {
    if (stack) {
      const res = await stack.stop(45_000).catch(() => undefined);
      if (!res || res.timedOut) stack.kill();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    stack = await startStack({ dataDir, ports: await allocatePorts(), timeScale: o.timeScale ?? '0.00002', readyTimeoutMs: 120_000 });
    const args = [
      '--packages',
      String(packages),
      '--url',
      stack.baseUrl,
      '--data-dir',
      dataDir,
      '--fiscal-year',
      String(fiscalYear),
      '--time-limit',
      String(timeLimitS),
    ];
    if (o.seed !== undefined) args.push('--seed', String(o.seed));
    const run = await runDemo([...args, ...(o.extraArgs ?? [])], (timeLimitS + 60) * 1000);
    if (run.code !== 0) {
      throw new Error(
        `demo exited ${run.code}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${redactTokens(run.stderr).slice(-4000)}\n${logTails(dataDir, 20)}`,
      );
    }
    const issuer = await loadOrCreateDevIssuer(dataDir);
    const s = stack;
    return {
      stack: s,
      baseUrl: s.baseUrl,
      dataDir,
      fiscalYear,
      api: httpApi(s.baseUrl, { dataDir }),
      token: async (userId) => {
        const u = DEMO_USERS.find((x) => x.id === userId);
        if (!u) throw new Error(`unknown demo user '${userId}'`);
        return issuer.sign({ id: u.id, name: u.name, roles: u.roles, org: u.org });
      },
      summary: run.stdout,
      stderr: run.stderr,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * Line and branch coverage of the test command (bin/test.ts), from V8's own counters: every test file's process, and
 * every API and worker process a test starts, writes its coverage to NODE_V8_COVERAGE when it exits; c8 maps it back
 * to the TypeScript through the source maps tsx registers, and reports over all source files, loaded or not.
 *
 * A process's raw file also counts every module of node_modules (about 8 MB each): only the repository's own scripts
 * are kept, as each test file ends, so a whole run keeps a few hundred MB instead of gigabytes.
 *
 * Not counted: workflow code as it runs inside the worker's sandbox (a bundle evaluated in a V8 context, whose source
 * map c8 does not follow). The engine and definitions it runs are counted where tests call them directly.
 * Processes killed with SIGKILL (the fault tests kill some on purpose) write nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../runtime/config';

/** Production code; tests, benchmarks and the console (tested in the browser, built by Vite) are not counted. */
const INCLUDE = ['activities', 'api', 'bin', 'db', 'domain', 'runtime', 'workflows'];
const EXCLUDE = ['**/*.d.ts', 'bin/test.ts', 'bin/coverage.ts', 'bin/tap-failures.ts', 'db/migrations/**'];
export const COVERAGE_REPORT_DIR = path.join(REPO_ROOT, 'test-artifacts', 'coverage');

interface RawCoverage {
  result: { url: string }[];
  timestamp?: number;
  'source-map-cache'?: Record<string, unknown>;
}

const REPO_URL = pathToFileURL(REPO_ROOT).href + '/';
const ours = (url: string) => url.startsWith(REPO_URL) && !url.includes('/node_modules/') && !url.startsWith(`${REPO_URL}tests/`);

/** Moves what `rawDir` holds into `keptDir`, keeping only the repository's own scripts. */
export function keepRepoCoverage(rawDir: string, keptDir: string): void {
  if (!fs.existsSync(rawDir)) return;
  fs.mkdirSync(keptDir, { recursive: true });
  for (const name of fs.readdirSync(rawDir)) {
    const file = path.join(rawDir, name);
    try {
      const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as RawCoverage;
      const result = raw.result.filter((r) => ours(r.url));
      if (result.length) {
        const urls = new Set(result.map((r) => r.url));
        const maps = Object.fromEntries(Object.entries(raw['source-map-cache'] ?? {}).filter(([url]) => urls.has(url)));
        fs.writeFileSync(path.join(keptDir, name), JSON.stringify({ result, timestamp: raw.timestamp, 'source-map-cache': maps }));
      }
    } catch {
      // A process that died while writing leaves a partial file: it counts for nothing.
    }
  }
  fs.rmSync(rawDir, { recursive: true, force: true });
}

export interface CoverageTotals {
  lines: number;
  branches: number;
  functions: number;
}

/** Runs c8 over the kept files: prints its summary, writes test-artifacts/coverage/coverage-summary.json. */
export function reportCoverage(keptDir: string): CoverageTotals | undefined {
  if (!fs.existsSync(keptDir) || !fs.readdirSync(keptDir).length) return undefined;
  fs.rmSync(COVERAGE_REPORT_DIR, { recursive: true, force: true });
  const args = [
    path.join(REPO_ROOT, 'node_modules', 'c8', 'bin', 'c8.js'),
    'report',
    `--temp-directory=${keptDir}`,
    `--reports-dir=${COVERAGE_REPORT_DIR}`,
    '--reporter=text-summary',
    '--reporter=json-summary',
    '--all',
    `--src=${REPO_ROOT}`,
    ...INCLUDE.map((d) => `--include=${d}/**`),
    ...EXCLUDE.map((e) => `--exclude=${e}`),
    '--exclude-after-remap',
  ];
  const run = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(run.stdout ?? '');
  if (run.status !== 0) {
    process.stdout.write(`# coverage report failed: ${run.stderr}\n`);
    return undefined;
  }
  const summary = JSON.parse(fs.readFileSync(path.join(COVERAGE_REPORT_DIR, 'coverage-summary.json'), 'utf8')) as {
    total: Record<'lines' | 'branches' | 'functions', { pct: number }>;
  };
  return { lines: summary.total.lines.pct, branches: summary.total.branches.pct, functions: summary.total.functions.pct };
}

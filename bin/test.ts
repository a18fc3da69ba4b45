/**
 * Runs every test: starts one Temporal dev server and one embedded PostgreSQL (fresh, on free ports) for the whole
 * run, migrates, then runs each tests/*.test.ts file with node's test runner, one file at a time (the Temporal
 * native bridge does not like parallel workers in one machine). Services stop at the end whatever happened.
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
import { startTemporalDevServer } from '../runtime/services/temporal-dev-server';
import { resolveTemporalCli, resolveTemporalTestServer } from '../runtime/temporal-binaries';
import { TapFailures } from './tap-failures';

async function main() {
  const t0 = Date.now();
  const failures = new TapFailures();
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(path.join(REPO_ROOT, 'tests'))
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) => !only.length || only.some((o) => f.includes(o)))
    .sort()
    .map((f) => path.join('tests', f));
  // The console tests serve web/dist: rebuild it first if its sources changed (a no-op when it is current).
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'bin/build-web.ts'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the web console failed');
  const logger = createLogger('test-services', 'warn');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-test-'));
  console.log(`test services in ${dir}`);
  const temporal = await startTemporalDevServer({ dataDir: path.join(dir, 'temporal'), port: await freePort(), headless: true, logger });
  let pg: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  let code = 1;
  try {
    pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), logger });
    const db = createDb(pg.url);
    await migrateLatest(db);
    await db.destroy();
    console.log(`services ready in ${((Date.now() - t0) / 1000).toFixed(1)} s; running ${files.length} test files`);
    code = await new Promise<number>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--test', '--test-concurrency=1', ...files],
        {
          cwd: REPO_ROOT,
          stdio: ['inherit', 'pipe', 'inherit'],
          env: {
            ...process.env,
            NODE_ENV: 'test',
            // Tests read figures right after changing the rows behind them: no kept year summaries (db/queries/kept.ts).
            MONITORING_MAX_AGE_SECONDS: process.env.MONITORING_MAX_AGE_SECONDS ?? '0',
            // The branch-coverage check needs every workflow test to have run first.
            TEST_FULL_RUN: process.env.TEST_FULL_RUN ?? (only.length ? '0' : '1'),
            TEST_TEMPORAL_ADDRESS: temporal.address,
            TEST_DATABASE_URL: pg!.url,
            // One key ring for the run, shared by test processes, workers and API children (sealed bids, codec).
            ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS ?? generateKeyRingSpec('test1'),
            TEMPORAL_CLI_PATH: resolveTemporalCli(),
            TEMPORAL_TEST_SERVER_PATH: resolveTemporalTestServer(),
          },
        },
      );
      // CI shows only the end of the output: pass it through, and repeat every failure at the end.
      child.stdout!.pipe(process.stdout);
      child.stdout!.pipe(failures.tap);
      child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    });
  } finally {
    await pg?.stop();
    await temporal.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  failures.print();
  console.log(`test suite wall time: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exitCode = code;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

/**
 * Starts everything on one machine: Temporal dev server (SQLite in the data folder), embedded PostgreSQL, migrations,
 * demo users, one worker and the API. With TEMPORAL_ADDRESS and/or DATABASE_URL set, those are used and nothing
 * embedded is started for them. With DATABASE_URL or JWKS_URL set (an installation's own users), the demo users are
 * not seeded (runtime/demo-seed-policy.ts): `npm run users` adds users, `npm run seed-demo` the demo. Once ready, a
 * child that dies is restarted with backoff (runtime/supervise.ts), on the same port and data folder. Ctrl-C stops
 * every child; starting again reuses the data folder.
 */
import path from 'node:path';
import { createDb, migrateLatest } from '../db/connection';
import { seedDemo } from '../db/seed-demo';
import { demoSeedDecision, noSeedLine } from '../runtime/demo-seed-policy';
import { runEntry, spawnEntry, waitForHealth } from '../runtime/children';
import { databaseUrlOf, loadConfig, temporalAddressOf } from '../runtime/config';
import { createLogger } from '../runtime/logger';
import { startEmbeddedPostgres } from '../runtime/services/embedded-postgres';
import { startTemporalDevServer } from '../runtime/services/temporal-dev-server';
import { exitOf, type Supervised, Supervisor } from '../runtime/supervise';
import { connectClient, waitForWorkerPoller } from '../runtime/temporal';

async function main() {
  const t0 = Date.now();
  const cfg = loadConfig();
  const logger = createLogger('start', process.env.START_LOG_LEVEL ?? 'warn');
  // In start order: Temporal, PostgreSQL, worker, API; stopped in reverse.
  const supervisors: Supervisor<Supervised>[] = [];
  const supervise = async <T extends Supervised>(name: string, start: () => Promise<T>, hint?: string): Promise<T> => {
    const s = new Supervisor<T>({ name, start, hint });
    supervisors.push(s);
    return s.start();
  };
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\nMenghentikan layanan…');
    for (const s of [...supervisors].reverse()) await s.stop().catch((e) => console.error(e));
    console.log('Semua layanan berhenti.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  // The workflow code is bundled once, beside the services' start-up, in a process of its own (bin/bundle-workflows.ts),
  // unless WORKFLOW_BUNDLE_PATH names a bundle already. Caught here and awaited before the worker starts.
  const logDir = path.join(cfg.dataDir, 'logs');
  const bundlePath = process.env.WORKFLOW_BUNDLE_PATH ?? path.join(cfg.dataDir, 'workflow-bundle.js');
  const bundled = process.env.WORKFLOW_BUNDLE_PATH
    ? Promise.resolve<unknown>(undefined)
    : runEntry('bundle', 'bin/bundle-workflows.ts', [bundlePath], process.env, logDir).catch((e: unknown) => e);

  try {
    let uiUrl: string | null = null;
    if (!cfg.temporalAddress) {
      step('Temporal dev server');
      const tds = await supervise('Temporal dev server', () =>
        startTemporalDevServer({
          dataDir: cfg.dataDir,
          port: cfg.temporalPort,
          uiPort: cfg.temporalUiPort,
          namespace: cfg.temporalNamespace,
          headless: process.env.TEMPORAL_HEADLESS === '1',
          logger,
        }),
      );
      uiUrl = tds.uiUrl;
    }
    if (!cfg.databaseUrl) {
      step('PostgreSQL (embedded)');
      await supervise('PostgreSQL', () => startEmbeddedPostgres({ dataDir: cfg.dataDir, port: cfg.embeddedPgPort, logger }));
    }
    const databaseUrl = databaseUrlOf(cfg);
    const temporalAddress = temporalAddressOf(cfg);

    const seeding = demoSeedDecision(cfg);
    step(seeding.seed ? 'migrasi dan pengguna demo' : 'migrasi');
    const db = createDb(databaseUrl, { pool: { min: 0, max: 2 } });
    await migrateLatest(db);
    const users = seeding.seed ? await seedDemo(db) : [];
    await db.destroy();

    const env = { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, DATA_DIR: cfg.dataDir, WORKFLOW_BUNDLE_PATH: bundlePath };
    step('worker dan API');
    const bundleError = await bundled;
    if (bundleError) throw bundleError instanceof Error ? bundleError : new Error('bundel workflow gagal dibuat', { cause: bundleError });
    const entry = (name: string, file: string) =>
      supervise(
        name,
        async () => {
          const child = spawnEntry(name, file, env, logDir);
          return { ...child, exited: exitOf(child.proc) };
        },
        `log: ${path.join(logDir, `${name}.log`)}`,
      );
    const worker = await entry('worker', 'bin/worker.ts');
    const api = await entry('api', 'bin/api.ts');
    const apiUrl = `http://localhost:${cfg.port}`;
    // Until ready, a child that dies fails the start (a crash loop would only hide why); afterwards it is restarted.
    const alive = (c: typeof api) => c.proc.exitCode === null && c.proc.signalCode === null;
    await waitForHealth(`http://127.0.0.1:${cfg.port}/health`, 120_000, () => alive(api));
    // Ready means steps are served, so wait for the worker too.
    const client = await connectClient({ address: temporalAddress, namespace: cfg.temporalNamespace });
    await waitForWorkerPoller(client, cfg.taskQueue, worker.proc.pid!, 120_000, () => alive(worker));
    await client.connection.close();
    for (const s of supervisors) s.supervise();

    console.log(`\nPengadaan siap dalam ${((Date.now() - t0) / 1000).toFixed(1)} detik.`);
    if (cfg.serveConsole) console.log(`  Konsol       ${apiUrl}/`);
    console.log(`  API          ${apiUrl}   (OpenAPI: ${apiUrl}/openapi.json)`);
    console.log(`  Temporal UI  ${uiUrl ?? '(eksternal: ' + temporalAddress + ')'}`);
    console.log(`  PostgreSQL   ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
    console.log(`  Log          ${logDir}/{worker,api}.log`);
    console.log(`  Skala waktu  ${cfg.timeScale}${cfg.timeScale === 1 ? ' (waktu nyata)' : ''}`);
    if (!seeding.seed) {
      console.log(`\n${noSeedLine(seeding.why)}`);
    } else if (!cfg.jwksUrl) {
      // Tokens are not printed (they would sit in terminal scrollback and CI logs): the console signs in with
      // "Masuk sebagai", and a token for curl comes from the token command, signed with the same key.
      console.log('\nPengguna demo (konsol: "Masuk sebagai"; token: npm run -s token -- <pengguna>):');
      for (const u of users) console.log(`  ${u.id.padEnd(16)} ${u.roles.join(',').padEnd(18)} ${u.name}`);
    }
    console.log('\nTekan Ctrl-C untuk berhenti.');
  } catch (e) {
    console.error(`Gagal memulai: ${(e as Error).message}`);
    await shutdown(1);
  }

  function step(what: string) {
    console.log(`… ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
}

void main();

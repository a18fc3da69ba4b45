/**
 * Starts everything on one machine: Temporal dev server (SQLite in the data folder), embedded PostgreSQL, migrations,
 * demo users, one worker and the API. With TEMPORAL_ADDRESS and/or DATABASE_URL set, those are used and nothing
 * embedded is started for them. Ctrl-C stops every child; starting again reuses the data folder.
 */
import path from 'node:path';
import { createDb, migrateLatest } from '../db/connection';
import { seedDemo } from '../db/seed-demo';
import { type Child, spawnEntry, waitForHealth } from '../runtime/children';
import { databaseUrlOf, loadConfig, temporalAddressOf } from '../runtime/config';
import { createLogger } from '../runtime/logger';
import { startEmbeddedPostgres } from '../runtime/services/embedded-postgres';
import { startTemporalDevServer } from '../runtime/services/temporal-dev-server';
import { connectClient, waitForWorkerPoller } from '../runtime/temporal';

async function main() {
  const t0 = Date.now();
  const cfg = loadConfig();
  const logger = createLogger('start', process.env.START_LOG_LEVEL ?? 'warn');
  const stops: (() => Promise<void>)[] = [];
  const children: Child[] = [];
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\nMenghentikan layanan…');
    for (const c of [...children].reverse()) await c.stop();
    for (const stop of [...stops].reverse()) await stop().catch((e) => console.error(e));
    console.log('Semua layanan berhenti.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    let uiUrl: string | null = null;
    if (!cfg.temporalAddress) {
      step('Temporal dev server');
      const tds = await startTemporalDevServer({
        dataDir: cfg.dataDir,
        port: cfg.temporalPort,
        uiPort: cfg.temporalUiPort,
        namespace: cfg.temporalNamespace,
        headless: process.env.TEMPORAL_HEADLESS === '1',
        logger,
      });
      stops.push(() => tds.stop());
      uiUrl = tds.uiUrl;
    }
    if (!cfg.databaseUrl) {
      step('PostgreSQL (embedded)');
      const pg = await startEmbeddedPostgres({ dataDir: cfg.dataDir, port: cfg.embeddedPgPort, logger });
      stops.push(() => pg.stop());
    }
    const databaseUrl = databaseUrlOf(cfg);
    const temporalAddress = temporalAddressOf(cfg);

    step('migrasi dan pengguna demo');
    const db = createDb(databaseUrl, { pool: { min: 0, max: 2 } });
    await migrateLatest(db);
    const users = await seedDemo(db);
    await db.destroy();

    const env = { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, DATA_DIR: cfg.dataDir };
    const logDir = path.join(cfg.dataDir, 'logs');
    step('worker dan API');
    children.push(spawnEntry('worker', 'bin/worker.ts', env, logDir));
    const api = spawnEntry('api', 'bin/api.ts', env, logDir);
    children.push(api);
    for (const c of children) {
      c.proc.once('exit', (code, signal) => {
        if (shuttingDown) return;
        console.error(`${c.name} berhenti tiba-tiba (${signal ?? code}); log: ${c.logFile}`);
        void shutdown(1);
      });
    }
    const apiUrl = `http://localhost:${cfg.port}`;
    await waitForHealth(`http://127.0.0.1:${cfg.port}/health`, 120_000, () => api.proc.exitCode === null);
    // Ready means steps are served, so wait for the worker too (it bundles the workflow code first).
    const worker = children[0]!;
    const client = await connectClient({ address: temporalAddress, namespace: cfg.temporalNamespace });
    await waitForWorkerPoller(client, cfg.taskQueue, worker.proc.pid!, 120_000, () => worker.proc.exitCode === null);
    await client.connection.close();

    console.log(`\nPengadaan siap dalam ${((Date.now() - t0) / 1000).toFixed(1)} detik.`);
    if (cfg.serveConsole) console.log(`  Konsol       ${apiUrl}/`);
    console.log(`  API          ${apiUrl}   (OpenAPI: ${apiUrl}/openapi.json)`);
    console.log(`  Temporal UI  ${uiUrl ?? '(eksternal: ' + temporalAddress + ')'}`);
    console.log(`  PostgreSQL   ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
    console.log(`  Log          ${logDir}/{worker,api}.log`);
    console.log(`  Skala waktu  ${cfg.timeScale}${cfg.timeScale === 1 ? ' (waktu nyata)' : ''}`);
    if (!cfg.jwksUrl) {
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

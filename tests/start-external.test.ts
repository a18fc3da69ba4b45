/**
 * With TEMPORAL_ADDRESS and DATABASE_URL set, the start command uses those services and starts nothing embedded:
 * no SQLite file, no PostgreSQL cluster in the data folder, and the API it starts works against them. It is an
 * installation's own database, so the start seeds no demo user into it (issue 15 point 2; a database of this test's
 * own, empty before): it says how to add users, and `npm run seed-demo` adds the demo users on purpose.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { loadOrCreateDevIssuer } from '../api/auth/dev-issuer';
import { createDb } from '../db/connection';
import { freePort } from '../runtime/free-port';
import { freshDatabase, type FreshDatabase } from './support/fresh-database';
import { testServices } from './support/services';

let child: ChildProcess | undefined;
let fresh: FreshDatabase | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-ext-'));

after(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGINT');
    await new Promise((r) => child!.once('exit', r));
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  await fresh?.drop();
});

test('start uses external Temporal and PostgreSQL when they are configured', async () => {
  const { temporalAddress } = testServices();
  fresh = await freshDatabase('startext');
  const databaseUrl = fresh.url;
  const port = await freePort();
  let out = '';
  child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_ADDRESS: temporalAddress,
      DATABASE_URL: databaseUrl,
      TASK_QUEUE: 'tq-start-external',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setInterval(() => {
      if (out.includes('Tekan Ctrl-C')) resolve(true);
      if (child!.exitCode !== null) resolve(false);
    }, 100);
    setTimeout(() => resolve(false), 120_000).unref();
    child!.once('exit', () => clearInterval(timer));
  });
  assert.ok(ready, `start did not become ready:\n${out}`);
  assert.match(out, /Temporal UI\s+\(eksternal: /);
  assert.ok(!out.includes('Temporal dev server ('), 'no dev server was started');
  assert.ok(!out.includes('PostgreSQL (embedded)'), 'no embedded PostgreSQL was started');
  assert.ok(!fs.existsSync(path.join(dataDir, 'postgres')), 'no cluster in the data folder');
  assert.ok(!fs.readdirSync(dataDir).some((f) => f.endsWith('.sqlite')), 'no SQLite file in the data folder');

  assert.match(out, /Mode eksternal \(DATABASE_URL diatur \(PostgreSQL sendiri\)\): pengguna demo tidak dibuat\. Tambah pengguna: npm run users -- add/);
  assert.ok(!out.includes('Pengguna demo ('), 'no demo user list');
  const db = createDb(databaseUrl);
  try {
    assert.equal(Number((await db('users').count({ n: '*' }).first())!.n), 0, 'the start seeded no user');
    assert.equal(Number((await db('organisations').count({ n: '*' }).first())!.n), 0, 'nor an organisation');
  } finally {
    await db.destroy();
  }
  // The demo on purpose: its own command (the package below names the demo head of UKPBJ and PA/KPA).
  const seeder = spawn(process.execPath, ['--import', 'tsx', 'bin/seed-demo.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seeded = '';
  seeder.stdout.on('data', (b) => (seeded += b));
  seeder.stderr.on('data', (b) => (seeded += b));
  assert.equal(await new Promise((r) => seeder.once('close', r)), 0, seeded);
  assert.match(seeded, /Data demo siap/);

  const { workers, ...health } = await (await fetch(`http://127.0.0.1:${port}/health`)).json();
  assert.deepEqual(health, { status: 'ok', checks: { postgres: 'ok', temporal: 'ok' } });
  assert.ok(workers >= 1, `the worker the start command launched polls its task queue (${workers})`);

  // The API it started writes to the external database.
  const issuer = await loadOrCreateDevIssuer(dataDir);
  const token = await issuer.sign({ id: 'ppk.budi', name: 'Budi', roles: ['ppk'], org: 'kota-tangerang-pupr' });
  const res = await fetch(`http://127.0.0.1:${port}/api/packages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Pengadaan Lampu Penerangan Jalan Umum',
      opd: 'Dinas Perhubungan Kota Tangerang',
      workUnit: 'Bidang PJU',
      category: 'barang',
      method: 'tender',
      pagu: 900_000_000,
      hps: 880_000_000,
      fiscalYear: 2027,
      kepalaUkpbj: 'ukpbj.ratna',
      paKpa: 'kpa.hendra',
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const created = (await res.json()) as { id: string };
  const db2 = createDb(databaseUrl);
  try {
    const row = await db2('packages').where({ id: created.id }).first();
    assert.equal(row?.title, 'Pengadaan Lampu Penerangan Jalan Umum');
  } finally {
    await db2.destroy();
  }

  child.kill('SIGINT');
  const code = await new Promise((r) => child!.once('exit', r));
  assert.equal(code, 0);
  assert.match(out, /Semua layanan berhenti\./);
});

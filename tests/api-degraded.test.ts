/**
 * The API degrades clearly while Temporal or PostgreSQL is away (issue 15 point 8), on the real app against a Temporal
 * dev server and an embedded PostgreSQL of this test's own, stopped and started again here (the shared ones of the
 * test run are never stopped):
 *  - Temporal up, no worker polling: a step waits for the worker as before (still unanswered after 7 s, no 503
 *    temporal_unavailable for a merely slow step);
 *  - Temporal stopped: that pending step, a new step and a create answer 503 temporal_unavailable with Retry-After,
 *    the new ones within 5 s, the create writing no row; the package and the list still answer 200 from the read
 *    model; /health and /health/ready answer 503 naming temporal, /health/live 200;
 *  - Temporal started again: /health/ready 200, and a step is answered by Temporal again (its run terminated: 409);
 *  - an API started while Temporal is away starts anyway (lazy connection) and says so on /health/ready;
 *  - a Temporal that takes connections and never answers (the cluster's dead history service): a step answers 503
 *    temporal_unavailable within 5 s all the same (the probe's deadline), /health/ready 503;
 *  - PostgreSQL stopped: a read and a step answer 503 database_unavailable with Retry-After within 5 s; /health and
 *    /health/ready name postgres, /health/live 200; started again: the same read answers 200.
 */
import { type Client } from '@temporalio/client';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { createApp } from '../api/app';
import { loadOrCreateDevIssuer, type DevIssuer } from '../api/auth/dev-issuer';
import { createVerifier } from '../api/auth/verifier';
import { buildOpenApi } from '../api/openapi';
import { createPackage } from '../api/services/create-package';
import { API_DB_CONNECT_TIMEOUT_MS, createDb, migrateLatest } from '../db/connection';
import { DEMO_USERS, seedDemo } from '../db/seed-demo';
import { freePort } from '../runtime/free-port';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../runtime/services/embedded-postgres';
import { startTemporalDevServer, type TemporalDevServer } from '../runtime/services/temporal-dev-server';
import { connectClient } from '../runtime/temporal';
import { ASSIGNMENT_LETTER, DEMO_MEMBERS } from './support/preparation';
import { testServices } from './support/services';
import { tenderBody } from './support/auth-stack';

/** The bound the issue names; the margin is the test's own requests and a busy CI machine. */
const BOUND_MS = 5_000;
const TITLE = 'Uji Degradasi Dependensi Rehabilitasi Gorong-Gorong';
/** The package both the create and the refused create send. */
const PACKAGE = tenderBody(TITLE);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-degraded-'));
let issuer: DevIssuer;
const closers: (() => Promise<unknown>)[] = [];

interface Answer {
  status: number;
  headers: Headers;
  body: any;
  ms: number;
}

async function send(base: string, as: string | null, method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const user = DEMO_USERS.find((u) => u.id === as);
  const all: Record<string, string> = { accept: 'application/json', ...headers };
  if (user) all.authorization = `Bearer ${await issuer.sign({ id: user.id, name: user.name, roles: user.roles, org: user.org })}`;
  if (body !== undefined) all['content-type'] = 'application/json';
  const started = Date.now();
  const res = await fetch(base + p, {
    method,
    headers: all,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, ms: Date.now() - started };
}

/** The app as runtime/api-server.ts builds it (bounded database pool), on a free port. */
async function startApp(db: Knex, client: Client, taskQueue: string): Promise<string> {
  const verifier = createVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks });
  const app = createApp({ db, client, verifier, logger: pino({ level: 'silent' }), taskQueue, timeScale: 1, console: false });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s)).on('error', reject);
  });
  closers.push(async () => {
    const closed = new Promise((r) => server.close(r));
    server.closeAllConnections();
    await closed;
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function assertUnavailable(a: Answer, code: string, where: string) {
  assert.equal(a.status, 503, `${where}: ${JSON.stringify(a.body)}`);
  assert.equal(a.body.error.code, code, where);
  assert.match(a.body.error.message, /tidak dapat dihubungi/, `${where}: the message says so in Bahasa Indonesia`);
  assert.ok(Number(a.headers.get('retry-after')) >= 1, `${where}: Retry-After`);
}

async function waitFor(what: string, ms: number, ok: () => Promise<boolean>) {
  const until = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > until) assert.fail(`${what} not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

before(async () => {
  issuer = await loadOrCreateDevIssuer(path.join(dataDir, 'keys'));
});

after(
  async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
  { timeout: 60_000 },
);

test('the OpenAPI document names the new 503 codes and the health endpoints', () => {
  const doc = buildOpenApi() as any;
  const step = doc.paths['/api/packages/{id}/tasks/{taskId}'].post.responses['503'];
  assert.match(step.description, /temporal_unavailable/);
  assert.match(doc.paths['/api/packages/{id}'].get.responses['503'].description, /database_unavailable/);
  assert.ok(doc.paths['/health/live'].get.responses['200']);
  assert.ok(doc.paths['/health/ready'].get.responses['503'].headers['Retry-After']);
});

describe('Temporal away', { timeout: 300_000 }, () => {
  let temporal: TemporalDevServer;
  let port: number;
  let client: Client;
  let db: Knex;
  let base: string;
  let packageId: string;
  let pending: Promise<Answer>;
  const temporalDir = path.join(dataDir, 'temporal');
  const taskQueue = `tq-degraded-${process.pid}`;
  const assign = { payload: { letterNumber: ASSIGNMENT_LETTER, members: DEMO_MEMBERS } };
  const stepPath = () => `/api/packages/${packageId}/tasks/assign_officers`;

  before(
    async () => {
      port = await freePort();
      temporal = await startTemporalDevServer({ dataDir: temporalDir, port, headless: true });
      closers.push(() => temporal.stop());
      client = await connectClient({ address: temporal.address, namespace: 'default' }, { failFast: true }); // as the API's
      closers.push(() => client.connection.close());
      db = createDb(testServices().databaseUrl, { connectTimeoutMs: API_DB_CONNECT_TIMEOUT_MS });
      closers.push(() => db.destroy());
      await seedDemo(db);
      base = await startApp(db, client, taskQueue);
      // Started on this test's server, on a task queue no worker polls: its steps wait for a worker.
      const ppk = DEMO_USERS.find((u) => u.id === 'ppk.budi')!;
      ({ packageId } = await createPackage({ db, client, taskQueue, timeScale: 1 }, ppk, PACKAGE as Parameters<typeof createPackage>[2]));
    },
    { timeout: 120_000 },
  );

  test('with Temporal up and no worker, a step waits for the worker: slow is not "unavailable"', async () => {
    const health = await send(base, null, 'GET', '/health');
    assert.equal(health.status, 200, JSON.stringify(health.body));
    assert.deepEqual(health.body, { status: 'ok', checks: { postgres: 'ok', temporal: 'ok' }, workers: 0 });
    pending = send(base, 'ukpbj.ratna', 'POST', stepPath(), assign, { 'idempotency-key': 'degraded-slow-1' });
    const first = await Promise.race([
      pending.then((a) => `answered ${a.status} ${JSON.stringify(a.body)}`),
      new Promise((r) => setTimeout(() => r('still waiting'), 7_000)),
    ]);
    assert.equal(first, 'still waiting', 'the step kept waiting for a worker (the server answers the probes)');
  });

  test('Temporal stopped: steps and creates answer 503 temporal_unavailable within 5 s', async (t) => {
    const stoppedAt = Date.now();
    await temporal.stop();
    const slow = await pending;
    assertUnavailable(slow, 'temporal_unavailable', 'the step that was waiting');
    assert.ok(Date.now() - stoppedAt < 10_000, `the waiting step answered ${Date.now() - stoppedAt} ms after the stop`);

    const step = await send(base, 'ukpbj.ratna', 'POST', stepPath(), assign, { 'idempotency-key': 'degraded-step-2' });
    assertUnavailable(step, 'temporal_unavailable', 'a new step');
    t.diagnostic(`waiting step answered ${slow.ms} ms after its request, a new step in ${step.ms} ms`);
    assert.ok(step.ms < BOUND_MS, `the step answered in ${step.ms} ms`);
    assert.equal(step.body.error.details.packageId, packageId);

    const before = await db('packages').where({ title: TITLE }).count<{ n: string }[]>({ n: '*' });
    const create = await send(base, 'ppk.budi', 'POST', '/api/packages', PACKAGE);
    assertUnavailable(create, 'temporal_unavailable', 'a create');
    assert.ok(create.ms < BOUND_MS, `the create answered in ${create.ms} ms`);
    assert.deepEqual(await db('packages').where({ title: TITLE }).count<{ n: string }[]>({ n: '*' }), before, 'the create wrote no row');
  });

  test('Temporal stopped: reads answer from the read model; health names temporal', async () => {
    const detail = await send(base, 'ppk.budi', 'GET', `/api/packages/${packageId}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.equal(detail.body.id, packageId);
    assert.equal(detail.body.status, 'active');
    const list = await send(base, 'ppk.budi', 'GET', '/api/packages?pageSize=5');
    assert.equal(list.status, 200, JSON.stringify(list.body));

    const health = await send(base, null, 'GET', '/health');
    assert.equal(health.status, 503);
    assert.equal(health.body.status, 'degraded');
    assert.equal(health.body.checks.postgres, 'ok');
    assert.match(health.body.checks.temporal, /^error: /);
    assert.equal(health.body.workers, null);
    assert.ok(Number(health.headers.get('retry-after')) >= 1);
    assert.ok(health.ms < BOUND_MS, `/health answered in ${health.ms} ms`);
    const ready = await send(base, null, 'GET', '/health/ready');
    assert.equal(ready.status, 503);
    assert.match(ready.body.checks.temporal, /^error: /);
    assert.equal(ready.body.checks.postgres, 'ok');
    assert.deepEqual((await send(base, null, 'GET', '/health/live')).body, { status: 'ok' });
    assert.equal((await send(base, null, 'GET', '/health/live')).status, 200);
  });

  test('Temporal started again: ready again, and steps are answered by Temporal', async () => {
    temporal = await startTemporalDevServer({ dataDir: temporalDir, port, headless: true });
    closers.push(() => temporal.stop());
    await waitFor('/health/ready 200', 90_000, async () => (await send(base, null, 'GET', '/health/ready')).status === 200);
    assert.deepEqual((await send(base, null, 'GET', '/health')).body, { status: 'ok', checks: { postgres: 'ok', temporal: 'ok' }, workers: 0 });
    // Its run ended (so that nothing waits on a worker): the step is refused by Temporal's answer, not unavailable.
    await client.workflow.getHandle(`paket-${packageId}`).terminate('uji degradasi selesai');
    const step = await send(base, 'ukpbj.ratna', 'POST', stepPath(), assign, { 'idempotency-key': 'degraded-step-3' });
    assert.equal(step.status, 409, JSON.stringify(step.body));
    assert.equal(step.body.error.code, 'package_not_running');
  });

  test('an API started while Temporal is away starts anyway and says it is not ready', async () => {
    const closed = await freePort();
    const warned: unknown[] = [];
    const away = await connectClient({ address: `127.0.0.1:${closed}`, namespace: 'default' }, { failFast: true, whenAway: (e) => warned.push(e) });
    closers.push(() => away.connection.close());
    assert.equal(warned.length, 1, 'the start reported Temporal away');
    const url = await startApp(db, away, taskQueue);
    const ready = await send(url, null, 'GET', '/health/ready');
    assert.equal(ready.status, 503);
    assert.match(ready.body.checks.temporal, /^error: /);
    assert.equal((await send(url, 'ppk.budi', 'GET', `/api/packages/${packageId}`)).status, 200);
    const step = await send(url, 'ukpbj.ratna', 'POST', stepPath(), assign, { 'idempotency-key': 'degraded-step-4' });
    assertUnavailable(step, 'temporal_unavailable', 'a step on an API started without Temporal');
    assert.ok(step.ms < BOUND_MS, `the step answered in ${step.ms} ms`);
  });

  test('a Temporal that takes connections but never answers (a dead history service behind its frontend): 503 within 5 s', async (t) => {
    // The cluster case: the frontend port open, nothing answered. Each call would wait for ever; the probe's deadline
    // is what ends the step.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    closers.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => silent.close(r));
    });
    const address = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const mute = await connectClient({ address, namespace: 'default' }, { failFast: true, whenAway: () => undefined });
    closers.push(() => mute.connection.close());
    const url = await startApp(db, mute, taskQueue);
    const step = await send(url, 'ukpbj.ratna', 'POST', stepPath(), assign, { 'idempotency-key': 'degraded-step-5' });
    assertUnavailable(step, 'temporal_unavailable', 'a step against a silent server');
    assert.ok(step.ms < BOUND_MS, `the step answered in ${step.ms} ms`);
    t.diagnostic(`a step against a silent server answered in ${step.ms} ms`);
    const ready = await send(url, null, 'GET', '/health/ready');
    assert.equal(ready.status, 503);
    assert.match(ready.body.checks.temporal, /^error: /);
    assert.ok(ready.ms < BOUND_MS, `/health/ready answered in ${ready.ms} ms`);
    assert.equal((await send(url, 'ppk.budi', 'GET', `/api/packages/${packageId}`)).status, 200);
  });
});

describe('PostgreSQL away', { timeout: 300_000 }, () => {
  let pg: EmbeddedPostgresHandle;
  let port: number;
  let db: Knex;
  let client: Client;
  let base: string;
  let packageId: string;
  const pgDir = path.join(dataDir, 'pg');

  before(
    async () => {
      port = await freePort();
      pg = await startEmbeddedPostgres({ dataDir: pgDir, port });
      closers.push(() => pg.stop());
      db = createDb(pg.url, { connectTimeoutMs: API_DB_CONNECT_TIMEOUT_MS });
      closers.push(() => db.destroy());
      await migrateLatest(db);
      await seedDemo(db);
      client = await connectClient({ address: testServices().temporalAddress, namespace: 'default' }, { failFast: true });
      closers.push(() => client.connection.close());
      const taskQueue = `tq-degraded-pg-${process.pid}`;
      base = await startApp(db, client, taskQueue);
      const ppk = DEMO_USERS.find((u) => u.id === 'ppk.budi')!;
      ({ packageId } = await createPackage(
        { db, client, taskQueue, timeScale: 1 },
        ppk,
        tenderBody(`${TITLE} (PostgreSQL)`) as Parameters<typeof createPackage>[2],
      ));
      // The shared server's run waits on no worker: ended when this test ends.
      closers.push(() => client.workflow.getHandle(`paket-${packageId}`).terminate('uji degradasi selesai'));
    },
    { timeout: 120_000 },
  );

  test('PostgreSQL stopped: reads and steps answer 503 database_unavailable within 5 s; health names postgres', async (t) => {
    assert.equal((await send(base, 'ppk.budi', 'GET', `/api/packages/${packageId}`)).status, 200);
    await pg.stop();

    const read = await send(base, 'ppk.budi', 'GET', `/api/packages/${packageId}`);
    assertUnavailable(read, 'database_unavailable', 'a read');
    t.diagnostic(`a read answered in ${read.ms} ms`);
    assert.ok(read.ms < BOUND_MS, `the read answered in ${read.ms} ms`);
    const list = await send(base, 'ppk.budi', 'GET', '/api/packages');
    assertUnavailable(list, 'database_unavailable', 'the list');
    assert.ok(list.ms < BOUND_MS, `the list answered in ${list.ms} ms`);
    const stepPath = `/api/packages/${packageId}/tasks/assign_officers`;
    const step = await send(base, 'ukpbj.ratna', 'POST', stepPath, { payload: {} }, { 'idempotency-key': 'degraded-pg-1' });
    assertUnavailable(step, 'database_unavailable', 'a step');
    assert.ok(step.ms < BOUND_MS, `the step answered in ${step.ms} ms`);

    const health = await send(base, null, 'GET', '/health');
    assert.equal(health.status, 503);
    assert.match(health.body.checks.postgres, /^error: /);
    assert.equal(health.body.checks.temporal, 'ok');
    assert.ok(Number(health.headers.get('retry-after')) >= 1);
    const ready = await send(base, null, 'GET', '/health/ready');
    assert.equal(ready.status, 503);
    assert.match(ready.body.checks.postgres, /^error: /);
    assert.equal((await send(base, null, 'GET', '/health/live')).status, 200);
  });

  test('PostgreSQL started again: the API answers again', async () => {
    pg = await startEmbeddedPostgres({ dataDir: pgDir, port });
    closers.push(() => pg.stop());
    await waitFor('/health/ready 200', 30_000, async () => (await send(base, null, 'GET', '/health/ready')).status === 200);
    const read = await send(base, 'ppk.budi', 'GET', `/api/packages/${packageId}`);
    assert.equal(read.status, 200, JSON.stringify(read.body));
    assert.equal(read.body.id, packageId);
  });
});

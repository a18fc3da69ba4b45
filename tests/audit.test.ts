/**
 * The hash-chained audit trail on the real Temporal dev server and PostgreSQL, with an in-process worker and the
 * real app: a tender created and moved a few steps through the API leaves one audit entry per process event, with
 * actor, role and action, and only the SHA-256 of each event's details; the chain verifies through
 * GET /api/audit/verify and through `bin/audit-verify.ts` (spawned); a replayed batch adds nothing, and concurrent
 * appends from many packages keep every package's chain unforked (tests/audit-parallel.test.ts shows they no
 * longer wait for each other); vendors are refused.
 *
 * Tampering: the table refuses UPDATE and DELETE (trigger). An attacker with DBA rights can still switch triggers
 * off — simulated here with `SET LOCAL session_replication_role = replica`, which skips ordinary triggers for that
 * transaction only — and change one row's payload_hash: the API and the CLI then report the break at exactly that
 * row's position. The row is put back the same way afterwards, as other test files share this database.
 */
import './support/quiet-runtime';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { appendAudit } from '../activities/audit';
import { recordProgress } from '../activities/read-model';
import type { Actor } from '../api/auth/actor';
import { createDb } from '../db/connection';
import { DEMO_USERS, seedDemo } from '../db/seed-demo';
import { payloadHash, sha256Hex } from '../domain/audit/chain';
import type { PackageView } from '../domain/process/engine';
import type { ProcessEvent } from '../domain/process/state';
import { REPO_ROOT } from '../runtime/config';
import { connectClient, connectWorker } from '../runtime/temporal';
import { createWorker } from '../runtime/worker';
import { testServices } from './support/services';
import { tenderBody } from './support/auth-stack';
import { ASSIGNMENT_LETTER, DEMO_HEAD, DEMO_MEMBERS, REVIEW_SESUAI } from './support/preparation';
import { startTestApi, type TestApi } from './support/test-api';

const run = randomBytes(4).toString('hex');
const taskQueue = `tq-audit-${run}`;
const user = (id: string) => DEMO_USERS.find((u) => u.id === id)! as Actor;

let db: Knex;
let databaseUrl: string;
let client: Client;
let workerConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let api: TestApi;
let packageId = '';

before(
  async () => {
    const services = testServices();
    databaseUrl = services.databaseUrl;
    db = createDb(databaseUrl);
    await seedDemo(db);
    const target = { address: services.temporalAddress, namespace: 'default' };
    client = await connectClient(target);
    const { connection, namespace } = await connectWorker(target);
    workerConnection = connection;
    worker = await createWorker({ connection, namespace, taskQueue, db });
    running = worker.run();
    api = await startTestApi({ db, client, taskQueue });
  },
  { timeout: 120_000 },
);

after(
  async () => {
    if (packageId)
      await client?.workflow
        .getHandle(`paket-${packageId}`)
        .terminate('test selesai')
        .catch(() => {});
    await api?.close();
    worker?.shutdown();
    await running;
    await workerConnection?.close();
    await client?.connection.close();
    await db?.destroy();
  },
  { timeout: 60_000 },
);

async function call(method: string, path: string, as: Actor | null, body?: unknown) {
  const res = await fetch(api.baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json', ...(as ? { authorization: `Bearer ${await api.tokenOf(as)}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

/** Runs the CLI against the test database; resolves with its exit code and output. */
function cli(...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/audit-verify.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** Changes one stored row as a DBA would: with triggers skipped for this transaction only. */
async function asDba(fn: (trx: Knex.Transaction) => Promise<unknown>) {
  await db.transaction(async (trx) => {
    await trx.raw('set local session_replication_role = replica');
    await fn(trx);
  });
}

const auditRows = () => db('audit_log').where({ package_id: packageId }).orderBy('pos');

describe('audit trail', () => {
  test('a tender moved through the API leaves one entry per event, with actor, role and action', { timeout: 60_000 }, async () => {
    const created = await call(
      'POST',
      '/api/packages',
      user('ppk.budi'),
      tenderBody(`Paket uji jejak audit ${run}`, { workUnit: 'Bidang Sarana dan Prasarana' }),
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    packageId = created.body.id;
    // The preparation (issue 13): the head of the UKPBJ assigns the Pokja, a member records the Reviu DPP, the PPK co-signs.
    const steps: [string, string, Record<string, unknown>][] = [
      ['assign_officers', DEMO_HEAD, { letterNumber: ASSIGNMENT_LETTER, members: DEMO_MEMBERS }],
      ['review_dpp', 'pokja.sari', REVIEW_SESUAI],
      ['cosign_dpp_review', 'ppk.budi', {}],
      ['announce', 'pokja.sari', {}],
      ['register', 'vendor.karya', {}],
      ['register', 'vendor.tirta', {}],
    ];
    for (const [step, as, payload] of steps) {
      const r = await call('POST', `/api/packages/${packageId}/tasks/${step}`, user(as), { payload });
      assert.equal(r.status, 200, `${step} by ${as}: ${JSON.stringify(r.body)}`);
    }

    const rows = await auditRows();
    const events = await db('package_events').where({ package_id: packageId }).orderBy('seq');
    assert.deepEqual(
      rows.map((r) => r.seq),
      events.map((e) => e.seq),
      'every stored event has exactly one entry',
    );
    const byAction = (a: string) => rows.filter((r) => r.action === a).map((r) => [r.actor_id, r.actor_role]);
    assert.deepEqual(byAction('package_created'), [['ppk.budi', 'ppk']]);
    assert.deepEqual(byAction('assign_officers'), [['ukpbj.ratna', 'kepala_ukpbj']]);
    assert.deepEqual(byAction('review_dpp'), [['pokja.sari', 'pokja']]);
    assert.deepEqual(byAction('cosign_dpp_review'), [['ppk.budi', 'ppk']]);
    assert.deepEqual(byAction('announce'), [['pokja.sari', 'pokja']]);
    assert.deepEqual(byAction('register'), [
      ['vendor.karya', 'penyedia'],
      ['vendor.tirta', 'penyedia'],
    ]);
    assert.deepEqual(
      rows.filter((r) => r.action === 'stage_entered').map((r) => [r.stage_id, r.actor_id]),
      [
        ['officer_assignment', null],
        ['dpp_review', null],
        ['dpp_review_minutes', null],
        ['announcement', null],
        ['registration', null],
      ],
    );
    for (const [i, r] of rows.entries()) {
      const e = events[i]!;
      assert.equal(r.at.getTime(), e.at.getTime());
      assert.equal(r.workflow_id, `paket-${packageId}`);
      assert.equal(r.payload_hash, payloadHash(e.details), `seq ${r.seq}: the hash of the event's details`);
    }
    const columns = Object.keys(rows[0]!);
    assert.ok(!columns.some((c) => /details|payload$/.test(c)), `no payload column: ${columns.join(',')}`);
  });

  test('the API lists the trail to officers and auditors, never to vendors; the chain verifies', async () => {
    const list = await call('GET', `/api/audit?packageId=${packageId}&pageSize=3`, user('auditor.rina'));
    assert.equal(list.status, 200);
    assert.equal(list.body.pagination.total, (await auditRows()).length);
    assert.deepEqual(Object.keys(list.body.data[0]).sort(), [
      'action',
      'actorId',
      'actorRole',
      'at',
      'hash',
      'packageId',
      'payloadHash',
      'pos',
      'prevHash',
      'seq',
      'stageId',
      'workflowId',
    ]);
    assert.deepEqual([list.body.data[0].action, list.body.data[0].actorId], ['package_created', 'ppk.budi']);
    assert.equal(list.body.data[1].prevHash, list.body.data[0].hash, 'one batch is written as consecutive, linked entries');
    assert.equal((await call('GET', `/api/audit?packageId=${packageId}`, user('pokja.sari'))).status, 200);

    for (const path of ['/api/audit', '/api/audit/verify']) {
      const refused = await call('GET', path, user('vendor.karya'));
      assert.equal(refused.status, 403, path);
      assert.equal(refused.body.error.code, 'forbidden_role');
      assert.equal((await call('GET', path, null)).status, 401, path);
    }
    for (const q of ['packageId=1%27%3BDROP', 'pageSize=1000', 'page=0', 'extra=1']) {
      const bad = await call('GET', `/api/audit?${q}`, user('auditor.rina'));
      assert.equal(bad.status, 422, q);
      assert.ok(bad.body.error.code && bad.body.error.message, q);
    }
    assert.equal((await call('GET', '/api/audit/verify?x=1', user('admin.lpse'))).status, 422);

    const total = Number((await db('audit_log').count({ n: '*' }))[0]!.n);
    const verified = await call('GET', '/api/audit/verify', user('auditor.rina'));
    assert.equal(verified.status, 200);
    assert.equal(verified.body.ok, true);
    assert.equal(verified.body.brokenAt, null);
    assert.ok(verified.body.checked >= total, `${verified.body.checked} of ${total}`);
    assert.equal((await call('GET', '/api/audit/verify', user('ppk.budi'))).body.ok, true);
  });

  test('the CLI verifies the chain page by page and exits 0', { timeout: 60_000 }, async () => {
    const { code, out } = await cli('--batch-size=2');
    assert.equal(code, 0, out);
    assert.match(out, /rantai audit utuh: \d+ entri/);
    assert.ok(out.split('\n').filter((l) => l.startsWith('diperiksa ')).length >= 3, `progress every 2 entries:\n${out}`);
  });

  test('recording the same batch again adds nothing; concurrent appends of many packages fork no chain', { timeout: 60_000 }, async () => {
    const before = Number((await db('audit_log').count({ n: '*' }))[0]!.n);
    const stored = await db('package_events').where({ package_id: packageId }).orderBy('seq');
    const events = stored.map(
      (e) =>
        ({
          seq: e.seq,
          at: e.at.getTime(),
          type: e.type,
          node: e.stage_id,
          ...(e.action ? { action: e.action } : {}),
          ...(e.actor_id ? { actor: { id: e.actor_id, role: e.actor_role } } : {}),
          ...(e.details ? { details: e.details } : {}),
        }) as ProcessEvent,
    );
    const view = (await db('packages').where({ id: packageId }).first('view'))!.view as PackageView;
    await recordProgress(db, { packageId, workflowId: `paket-${packageId}`, events, view });
    await recordProgress(db, { packageId, workflowId: `paket-${packageId}`, events: events.slice(-2), view });
    assert.equal(Number((await db('audit_log').count({ n: '*' }))[0]!.n), before, 'a replayed batch adds no entry');

    // Twelve packages appending at once, through the pool: each starts its own chain at its own genesis.
    const fake = (i: number) => `pkt-auditconc${run}${String(i).padStart(2, '0')}`;
    const batch = (i: number): ProcessEvent[] =>
      [1, 2, 3].map((seq) => ({ seq, at: Date.now(), type: 'stage_entered', node: 'announcement', details: { n: i * 10 + seq } }));
    await Promise.all(Array.from({ length: 12 }, (_, i) => db.transaction((trx) => appendAudit(trx, fake(i), `paket-${fake(i)}`, batch(i)))));
    const added = await db('audit_log').where('package_id', 'like', `pkt-auditconc${run}%`).orderBy('pos');
    assert.equal(added.length, 36);
    const links = await db('audit_log').select('prev_hash').count({ n: '*' }).groupBy('prev_hash').havingRaw('count(*) > 1');
    assert.deepEqual(links, [], 'no two entries follow the same entry: the chain never forks');
    assert.equal((await call('GET', '/api/audit/verify', user('auditor.rina'))).body.ok, true);
  });

  test('a row changed directly in PostgreSQL is reported at exactly its position by the API and the CLI', { timeout: 60_000 }, async () => {
    const target = (await auditRows()).find((r) => r.action === 'announce')!;
    await assert.rejects(db('audit_log').where({ pos: target.pos }).update({ actor_id: 'ppk.budi' }), /append-only/);
    await assert.rejects(db('audit_log').where({ pos: target.pos }).delete(), /append-only/);
    assert.equal((await db('audit_log').where({ pos: target.pos }).first())!.actor_id, 'pokja.sari', 'refused, unchanged');

    try {
      await asDba((trx) =>
        trx('audit_log')
          .where({ pos: target.pos })
          .update({ payload_hash: sha256Hex('forged') }),
      );
      const verified = await call('GET', '/api/audit/verify', user('auditor.rina'));
      assert.equal(verified.status, 200);
      assert.equal(verified.body.ok, false);
      assert.deepEqual(verified.body.brokenAt, { pos: Number(target.pos), reason: 'hash_mismatch' });
      const { code, out } = await cli();
      assert.equal(code, 1, out);
      assert.match(out, new RegExp(`RUSAK pada pos ${target.pos} \\(hash_mismatch\\)`));
    } finally {
      await asDba((trx) => trx('audit_log').where({ pos: target.pos }).update({ payload_hash: target.payload_hash }));
    }
    assert.equal((await call('GET', '/api/audit/verify', user('auditor.rina'))).body.ok, true, 'restored');
  });
});

/**
 * The daily digest on the real Temporal dev server and PostgreSQL: the Schedule is created once (a second worker
 * finds it) at 07:00 Asia/Jakarta; triggering it runs the digest workflow, which writes each officer's and each
 * PA/KPA's digest and mails it through a real SMTP server in this process; a second run on the same day sends nothing.
 */
import './support/quiet-runtime';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../api/auth/actor';
import { createActivities } from '../activities';
import { endOfWibDay } from '../activities/notify/digest';
import { createDb } from '../db/connection';
import { wibDate } from '../domain/calendar/working-time';
import { DIGEST_SCHEDULE_ID, ensureDigestSchedule } from '../runtime/digest-schedule';
import { connectClient, connectWorker } from '../runtime/temporal';
import { createWorker } from '../runtime/worker';
import { testServices } from './support/services';
import { startTestApi, type TestApi } from './support/test-api';
import { startSmtpCapture } from './support/smtp-capture';

const run = randomBytes(3).toString('hex');
const taskQueue = `tq-digest-${run}`;
const officer = `pokja.digest.${run}`;
const head = `kpa.digest.${run}`;
const HOUR = 3_600_000;

let db: Knex;
let client: Client;
let workerConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let api: TestApi;
let baseUrl: string;
let tokenOf: (a: Actor) => Promise<string>;
const mails = () => smtp.mails;

before(async () => {
  const { temporalAddress, databaseUrl } = testServices();
  db = createDb(databaseUrl);
  smtp = await startSmtpCapture();
  const smtpUrl = smtp.url;

  await db('organisations').insert({ id: 'org-digest', name: 'Dinas Uji Ringkasan', kind: 'opd' }).onConflict('id').merge();
  await db('users').insert([
    { id: officer, name: 'Pokja Ringkasan', roles: ['pokja'], org_id: 'org-digest', email: `${officer}@example.go.id` },
    { id: head, name: 'Kepala Dinas', roles: ['pa_kpa'], org_id: 'org-digest', email: `${head}@example.go.id` },
  ]);
  // Two open tasks in the read model: one due later today, one overdue since yesterday.
  const now = Date.now();
  // "Later today" is halfway to WIB midnight: an hour ahead would be tomorrow when the suite runs after 23:00 WIB.
  const laterToday = now + Math.floor((endOfWibDay(now) - now) / 2);
  for (const [i, due] of [
    [1, laterToday],
    [2, now - 24 * HOUR],
  ] as const) {
    const id = `pkt-digest${run}${i}`;
    await db('packages').insert({
      id,
      workflow_id: `paket-${id}`,
      title: `Paket ringkasan ${i}`,
      opd: 'Dinas Uji Ringkasan',
      work_unit: 'Bagian Umum',
      category: 'barang',
      method: 'tender',
      definition_id: 'tender-pasca-1file',
      definition_version: 3,
      fiscal_year: 2026,
      pagu: 500_000_000,
      hps: 450_000_000,
      status: 'active',
      stage_id: 'evaluation',
      stage_name: 'Evaluasi',
      created_by: 'ppk-x',
      created_at: new Date(now),
      updated_at: new Date(now),
      view: JSON.stringify({ assignments: { pa_kpa: [head], pokja: [officer] } }),
    });
    await db('package_tasks').insert({
      package_id: id,
      stage_seq: 5,
      action: 'evaluate',
      stage_id: 'evaluation',
      name: 'Evaluasi Penawaran',
      roles: ['pokja'],
      assignees: [officer],
      due_at: new Date(due),
      status: 'open',
    });
  }

  const target = { address: temporalAddress, namespace: 'default' };
  client = await connectClient(target);
  const { connection, namespace } = await connectWorker(target);
  workerConnection = connection;
  worker = await createWorker({
    connection,
    namespace,
    taskQueue,
    db,
    overrides: { activities: createActivities({ db, client, taskQueue, notify: { smtpUrl, mailFrom: 'Pengadaan <noreply@pengadaan.local>' } }) },
  });
  running = worker.run();
  api = await startTestApi({ db, client, taskQueue });
  baseUrl = api.baseUrl;
  tokenOf = api.tokenOf;
});

after(async () => {
  await api?.close();
  await client?.schedule
    .getHandle(DIGEST_SCHEDULE_ID)
    .delete()
    .catch(() => undefined);
  worker?.shutdown();
  await running;
  await workerConnection?.close();
  await db?.destroy();
  await smtp?.close();
});

describe('daily digest', () => {
  test('the schedule is created once, at the WIB time', async () => {
    await client.schedule
      .getHandle(DIGEST_SCHEDULE_ID)
      .delete()
      .catch(() => undefined);
    assert.equal(await ensureDigestSchedule(client, taskQueue), 'created');
    assert.equal(await ensureDigestSchedule(client, taskQueue), 'exists', 'a second worker finds it');
    const d = await client.schedule.getHandle(DIGEST_SCHEDULE_ID).describe();
    assert.equal(d.spec.timezone, 'Asia/Jakarta');
    const cal = d.spec.calendars?.[0];
    assert.deepEqual([cal?.hour, cal?.minute], [[{ start: 7, end: 7, step: 1 }], [{ start: 0, end: 0, step: 1 }]]);
    assert.equal(d.action.type, 'startWorkflow');
  });

  test('a triggered run mails each officer and PA/KPA their digest; a second run the same day sends nothing', async () => {
    const handle = client.schedule.getHandle(DIGEST_SCHEDULE_ID);
    const runOnce = async (seen: number) => {
      await handle.trigger();
      for (let i = 0; i < 100; i++) {
        const actions = (await handle.describe()).info.recentActions;
        if (actions.length > seen) return client.workflow.getHandle(actions[actions.length - 1]!.action.workflow.workflowId).result();
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('the schedule did not start the digest');
    };
    const first = await runOnce(0);
    assert.equal(first.date, wibDate(Date.now()));
    const toOfficer = () => mails().filter((m) => m.to === `${officer}@example.go.id`);
    const toHead = () => mails().filter((m) => m.to === `${head}@example.go.id`);
    assert.equal(toOfficer().length, 1);
    assert.equal(toHead().length, 1);
    const officerMail = toOfficer()[0]!.raw.replace(/=\r?\n/g, '');
    assert.match(officerMail, /Paket ringkasan 1/, 'due today');
    assert.match(officerMail, /Paket ringkasan 2/, 'overdue');
    assert.match(toHead()[0]!.raw.replace(/=\r?\n/g, ''), /Paket ringkasan 2/, 'the PA/KPA sees the overdue task of a package they supervise');
    const notes = await db('notifications').whereIn('user_id', [officer, head]).where({ kind: 'digest' });
    assert.equal(notes.length, 2);
    // Dates and times as the console writes them: `Ringkasan harian Minggu, 6 Desember 2026`, `tenggat … 17.19 WIB`.
    const day = /(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \p{L}+ \d{4}/u;
    for (const n of notes) {
      assert.match(n.title, new RegExp(`^Ringkasan harian ${day.source}:`, 'u'), n.title);
      assert.match(n.body, new RegExp(`tenggat ${day.source} \\d{2}\\.\\d{2} WIB`, 'u'), n.body);
      assert.doesNotMatch(`${n.title}\n${n.body}`, /\d{4}-\d{2}-\d{2}/, 'no raw ISO dates');
    }

    await runOnce(1);
    assert.equal(toOfficer().length, 1, 'not mailed again the same day');
    assert.equal(toHead().length, 1);
  });

  test('the inbox and the notification list through the API', async () => {
    const asUser = async (a: Actor) => ({ Authorization: `Bearer ${await tokenOf(a)}` });
    const officerActor = { id: officer, name: 'Pokja Ringkasan', roles: ['pokja'], org: 'org-digest' } as Actor;
    const headActor = { id: head, name: 'Kepala Dinas', roles: ['pa_kpa'], org: 'org-digest' } as Actor;
    const get = async (p: string, a: Actor) => {
      const res = await fetch(baseUrl + p, { headers: await asUser(a) });
      return { status: res.status, body: await res.json() };
    };
    assert.equal((await fetch(`${baseUrl}/api/tasks`)).status, 401);
    const tasks = await get('/api/tasks', officerActor);
    assert.equal(tasks.status, 200);
    const mine = tasks.body.data.filter((t: { packageId: string }) => t.packageId.startsWith(`pkt-digest${run}`));
    assert.deepEqual(
      mine.map((t: { packageId: string; overdue: boolean }) => [t.packageId, t.overdue]),
      [
        [`pkt-digest${run}2`, true],
        [`pkt-digest${run}1`, false],
      ],
      'soonest due first, overdue flagged',
    );
    assert.ok(mine.every((t: { dueAt: string | null }) => t.dueAt));
    const headTasks = await get('/api/tasks', headActor);
    assert.ok(!headTasks.body.data.some((t: { packageId: string }) => t.packageId.startsWith(`pkt-digest${run}`)), "not the PA/KPA's task");
    assert.equal((await get('/api/tasks?pageSize=0', officerActor)).status, 422);

    const list = await get('/api/notifications?unread=true', officerActor);
    assert.equal(list.status, 200);
    assert.equal(list.body.data.length, 1);
    const id = list.body.data[0].id as string;
    assert.equal(list.body.data[0].kind, 'digest');
    const foreign = await fetch(`${baseUrl}/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST', headers: await asUser(headActor) });
    assert.equal(foreign.status, 404, "someone else's notification is not found");
    const read = await fetch(`${baseUrl}/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST', headers: await asUser(officerActor) });
    assert.equal(read.status, 200);
    assert.ok(((await read.json()) as { readAt: string }).readAt);
    assert.equal((await get('/api/notifications?unread=true', officerActor)).body.data.length, 0);
    assert.equal((await get('/api/notifications', officerActor)).body.pagination.total, 1);
  });

  test('webhook subscriptions: admin only, validated, secret shown once, deactivated by DELETE', async () => {
    const admin = { id: `admin.${run}`, name: 'Admin', roles: ['admin'], org: 'org-digest' } as Actor;
    const officerActor = { id: officer, name: 'Pokja', roles: ['pokja'], org: 'org-digest' } as Actor;
    const call = async (method: string, p: string, a: Actor | null, body?: unknown) => {
      const res = await fetch(baseUrl + p, {
        method,
        headers: { 'content-type': 'application/json', ...(a ? { Authorization: `Bearer ${await tokenOf(a)}` } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
    };
    assert.equal((await call('POST', '/api/webhooks', null, { url: 'https://example.go.id/hook' })).status, 401);
    assert.equal((await call('POST', '/api/webhooks', officerActor, { url: 'https://example.go.id/hook' })).status, 403);
    const bad = await call('POST', '/api/webhooks', admin, { url: 'ftp://example.go.id/hook' });
    assert.equal(bad.status, 422);
    assert.ok(bad.body.error.code);
    const created = await call('POST', '/api/webhooks', admin, { url: 'https://example.go.id/hook' });
    assert.equal(created.status, 201);
    assert.ok(created.body.secret.length >= 16);
    const listed = await call('GET', '/api/webhooks', admin);
    const mine = listed.body.data.find((w: { id: string }) => w.id === created.body.id);
    assert.deepEqual(Object.keys(mine).sort(), ['active', 'createdAt', 'id', 'url'], 'the secret is not listed');
    assert.equal((await call('DELETE', `/api/webhooks/${created.body.id}`, admin)).status, 204);
    assert.equal((await db('webhook_subscriptions').where({ id: created.body.id }).first())!.active, false);
    assert.equal((await call('GET', `/api/webhooks/${created.body.id}/deliveries`, admin)).body.data.length, 0);
    assert.equal((await call('DELETE', '/api/webhooks/wh-000000000000', admin)).status, 404);
  });
});

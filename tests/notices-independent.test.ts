/**
 * Notices do not wait on each other (issue 15 point 6). The delivery activity, on the real database with a real SMTP
 * server in this process and a real webhook receiver: with SMTP down, a package's webhook row is delivered on the
 * first run while its email row keeps failing with its own attempts and next attempt; a notice recorded meanwhile is
 * delivered at once; once SMTP is back the email goes out once and no webhook twice. On the time-skipping Temporal
 * server: a registered vendor who has not bid gets the bid window's H-2 and H-1 reminders after a competitor bid, the
 * vendor who bid does not, and the texts name which reminder they are.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleOption } from '@temporalio/worker';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createActivities } from '../activities';
import { createDeliverer, retryDelayMs, signBody } from '../activities/notify/deliver';
import { createDb } from '../db/connection';
import { DEFAULT_CALENDAR, workingDaysBefore } from '../domain/calendar/working-time';
import type { PackageInput } from '../domain/process/state';
import { freePort } from '../runtime/free-port';
import { resolveTemporalTestServer } from '../runtime/temporal-binaries';
import { workflowBundle } from '../runtime/workflow-bundle';
import { packageProcess, packageState, performStep, readModelSynced } from '../workflows/package-process';
import './support/quiet-runtime';
import { prepareHandle } from './support/preparation';
import { sealedStepArgs } from './support/sealing';
import { testServices } from './support/services';
import { startSmtpCapture } from './support/smtp-capture';
import { step as decide } from './support/tender-driver';
import { pokja, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';

let db: Knex;
let hook: Server;
let hookUrl: string;
const hookCalls: { delivery: string; signatureOk: boolean }[] = [];

before(async () => {
  db = createDb(testServices().databaseUrl);
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const signatureOk = req.headers['x-pengadaan-signature'] === signBody('rahasia-ni', body);
      hookCalls.push({ delivery: String(req.headers['x-pengadaan-delivery']), signatureOk });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
});

after(async () => {
  await db?.destroy();
  hook?.close();
});

describe('each outbox row is delivered on its own', () => {
  const PKG = 'pkt-notind-dlv01';
  const SUB = 'wh-notind';
  const at = new Date('2026-03-02T02:00:00Z');
  /** Outbox rows as recordNotices writes them for one notice (seq): an email to a Pokja member and the webhook. */
  const notice = (seq: number) =>
    [
      { id: `${PKG}:${seq}:pokja-1:email`, package_id: PKG, channel: 'email', recipient: 'pokja-1@notind.go.id', subject: `Pengingat H-1 (${seq})` },
      { id: `${PKG}:${seq}:webhook:${SUB}`, package_id: PKG, channel: 'webhook', recipient: SUB, subject: `Eskalasi (${seq})` },
    ].map((r) => ({ ...r, payload: JSON.stringify({ text: 'isi', seq }), created_at: at }));
  const row = (id: string) => db('notification_outbox').where({ id }).first();

  test('SMTP down: the webhook goes on the first run, the email keeps failing on its own; SMTP back: the email once', async () => {
    await db('notification_outbox').where({ package_id: PKG }).delete();
    await db('notification_outbox').insert(notice(1));
    const port = await freePort(); // nothing listens there yet: SMTP refuses
    const smtpUrl = `smtp://127.0.0.1:${port}`;
    // Active only while this test delivers: other files' notices would get rows for it otherwise.
    await db('webhook_subscriptions').insert({ id: SUB, url: hookUrl, secret: 'rahasia-ni', active: true }).onConflict('id').merge();
    let smtp: Awaited<ReturnType<typeof startSmtpCapture>> | undefined;
    try {
      const deliver = createDeliverer(db, { smtpUrl, mailFrom: 'Pengadaan <noreply@pengadaan.local>' });
      const first = await deliver({ packageId: PKG, rowBackoff: true });
      assert.deepEqual({ sent: first.sent, failed: first.failed, pending: first.pending }, { sent: 1, failed: 1, pending: 1 });
      assert.equal((await row(`${PKG}:1:webhook:${SUB}`))!.status, 'sent', 'the webhook did not wait for SMTP');
      const email1 = await row(`${PKG}:1:pokja-1:email`);
      assert.equal(email1!.status, 'pending');
      assert.equal(email1!.attempts, 1);
      assert.ok(email1!.last_error, 'the SMTP error is kept on the row');
      const wait = email1!.next_attempt_at!.getTime() - Date.now();
      assert.ok(wait > 0 && wait <= retryDelayMs(1), `next attempt in ${wait} ms`);
      assert.ok(first.retryInMs! >= 1_000 && first.retryInMs! <= retryDelayMs(1), 'the workflow is told when to come back');

      // A notice recorded while the email waits (an escalation): delivered by the next run at once, the waiting
      // email not tried before its time.
      await db('notification_outbox').insert(notice(2));
      const second = await deliver({ packageId: PKG, rowBackoff: true });
      assert.equal((await row(`${PKG}:2:webhook:${SUB}`))!.status, 'sent');
      assert.equal((await row(`${PKG}:1:pokja-1:email`))!.attempts, 1, 'a row in backoff waits for its own time');
      assert.equal((await row(`${PKG}:2:pokja-1:email`))!.attempts, 1, 'the new email was tried (and failed) on its own');
      assert.equal(second.failed, 1);

      // The older workflows' mode: every pending row tried, and the activity fails (Temporal retries it).
      await assert.rejects(deliver({ packageId: PKG }), (e: Error & { type?: string }) => e.type === 'DeliveryFailed' && /2 deliveries failed/.test(e.message));
      assert.equal((await row(`${PKG}:1:pokja-1:email`))!.attempts, 2);

      smtp = await startSmtpCapture(port);
      // Their time has come.
      await db('notification_outbox')
        .where({ package_id: PKG, status: 'pending' })
        .update({ next_attempt_at: new Date(Date.now() - 1) });
      const third = await deliver({ packageId: PKG, rowBackoff: true });
      assert.deepEqual(third, { sent: 2, failed: 0, pending: 0 }, 'both emails out, nothing left to wait for');
      assert.deepEqual(await deliver({ packageId: PKG, rowBackoff: true }), { sent: 0, failed: 0, pending: 0 }, 'a repeated run sends nothing');
      await deliver({ packageId: PKG });
    } finally {
      await db('webhook_subscriptions').where({ id: SUB }).update({ active: false });
      await smtp?.close();
    }
    assert.deepEqual(smtp.mails.map((m) => m.header('Subject')).sort(), ['Pengingat H-1 (1)', 'Pengingat H-1 (2)'], 'each email once');
    const mine = hookCalls.filter((c) => c.delivery.startsWith(`${PKG}:`));
    assert.deepEqual(
      mine.map((c) => c.delivery),
      [`${PKG}:1:webhook:${SUB}`, `${PKG}:2:webhook:${SUB}`],
      'each webhook once',
    );
    assert.ok(mine.every((c) => c.signatureOk));
    const rows = await db('notification_outbox').where({ package_id: PKG }).orderBy('id');
    assert.ok(
      rows.every((r) => r.status === 'sent' && r.next_attempt_at === null),
      JSON.stringify(rows),
    );
  });
});

describe('bid-window reminders per vendor', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleOption;

  before(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: resolveTemporalTestServer() } },
    });
    bundle = await workflowBundle();
  });
  after(async () => {
    await env?.teardown();
  });

  const passWindow = async (h: Awaited<ReturnType<typeof start>>) => {
    const s = await h.query(packageState);
    await env.sleep(s.stage.closesAt! - (await env.currentTimeMs()) + 1000);
  };
  const start = (taskQueue: string, input: PackageInput) =>
    env.client.workflow.start(packageProcess, { taskQueue, workflowId: `paket-${input.packageId}`, args: [input] });

  test('a vendor who has not bid is reminded (H-2, H-1) after a competitor bid; the vendor who bid is not', async () => {
    const input = tenderInput('pkt-notind-bid01');
    const taskQueue = 'tq-notind-bid';
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: createActivities({ db, client: env.client, taskQueue, notify: { mailFrom: 'Pengadaan <noreply@pengadaan.local>' } }),
    });
    await worker.runUntil(async () => {
      const h = await start(taskQueue, input);
      await prepareHandle(h, input);
      await decide(h, 'announce', pokja);
      for (const v of [vendorA, vendorB, vendorC]) await h.executeUpdate(performStep, { args: [{ action: 'register', actor: v, payload: {} }] });
      await passWindow(h);
      await passWindow(h); // clarification
      const bidding = await h.query(packageState);
      assert.equal(bidding.stage.id, 'bid_submission');
      assert.ok(workingDaysBefore(bidding.stage.nominalClosesAt!, 2, DEFAULT_CALENDAR) > bidding.stage.enteredAt, 'both reminders fall inside the window');
      await h.executeUpdate(performStep, await sealedStepArgs(db, h, 'submit_bid', vendorA, { price: 1_390_000_000 }));
      const after = await h.query(packageState);
      await env.sleep(after.stage.closesAt! - (await env.currentTimeMs()) - 60_000);
      await h.executeUpdate(readModelSynced);
      await h.terminate('done');
    });

    const events = await db('package_events').where({ package_id: input.packageId, stage_id: 'bid_submission', type: 'reminder_sent' }).orderBy('seq');
    assert.deepEqual(
      events.map((e) => e.details!.key),
      ['reminder-2', 'reminder-1'],
    );
    for (const e of events) {
      const recipients = e.details!.recipients as string[];
      assert.ok(recipients.includes(vendorB.id) && recipients.includes(vendorC.id), JSON.stringify(e.details));
      assert.ok(!recipients.includes(vendorA.id), 'the vendor who bid is not reminded');
    }
    const notes = await db('notifications')
      .where({ package_id: input.packageId, kind: 'reminder' })
      .whereIn(
        'seq',
        events.map((e) => e.seq),
      )
      .orderBy('seq');
    const titles = (user: string) => notes.filter((n) => n.user_id === user).map((n) => n.title.split(':')[0]);
    for (const v of [vendorB, vendorC]) assert.deepEqual(titles(v.id), ['Pengingat H-2', 'Pengingat H-1'], v.id);
    assert.deepEqual(titles(vendorA.id), []);
    const h1 = notes.find((n) => n.user_id === vendorB.id && n.title.startsWith('Pengingat H-1'))!;
    assert.match(h1.body, /Pengingat 1 hari kerja sebelum tenggat\./);
    assert.match(notes.find((n) => n.user_id === vendorB.id)!.body, /Pengingat 2 hari kerja sebelum tenggat\./);
  });
});

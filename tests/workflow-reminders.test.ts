/**
 * Deadline reminders on the time-skipping server, delivered by the real activities to a real SMTP server running in
 * this process: a Pokja that misses its evaluation deadline gets the reminders two and one working days before, then
 * the escalation reaches the PA/KPA, each email exactly once; a task done early gets no further reminder; a webhook
 * receiver that fails first gets the signed delivery on the retry; a national holiday moves a due time.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleOption } from '@temporalio/worker';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createActivities } from '../activities';
import { createDeliverer, signBody } from '../activities/notify/deliver';
import { createDb } from '../db/connection';
import { sealedStepArgs } from './support/sealing';
import { addWorkingDays, DEFAULT_CALENDAR, deadlineFor, workingDaysBefore, wibDate } from '../domain/calendar/working-time';
import type { StepCommand } from '../domain/process/engine';
import type { PackageInput } from '../domain/process/state';
import { resolveTemporalTestServer } from '../runtime/temporal-binaries';
import { workflowBundle } from '../runtime/workflow-bundle';
import { packageProcess, packageState, performStep, readModelSynced } from '../workflows/package-process';
import './support/quiet-runtime';
import { testServices } from './support/services';
import { startSmtpCapture } from './support/smtp-capture';
import { evaluationAllPass, paKpa, pokja, tenderInput, vendorA, vendorB } from './support/tender-fixture';
import { prepareHandle } from './support/preparation';
import { step as decide } from './support/tender-driver';

let env: TestWorkflowEnvironment;
let db: Knex;
let bundle: WorkflowBundleOption;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
/** Received mails as the assertions read them. */
const mails = () =>
  smtp.mails.map((m) => ({ to: m.to, subject: m.header('Subject'), messageId: m.header('Message-ID'), packageId: m.header('X-Pengadaan-Package') }));
let hook: Server;
let hookUrl: string;
const hookCalls: { status: number; signatureOk: boolean; body: { packageId: string; key: string } }[] = [];
let failNextHook = true;

const POKJA = ['pokja-1', 'pokja-2', 'pokja-3'];
const email = (id: string) => `${id}@tangerangkota.go.id`;

before(async () => {
  db = createDb(testServices().databaseUrl);
  await db('organisations').insert({ id: 'org-reminder-test', name: 'Dinas Uji', kind: 'opd' }).onConflict('id').merge();
  await db('users')
    .insert(
      [...POKJA, paKpa.id].map((id) => ({ id, name: id, roles: id.startsWith('pa') ? ['pa_kpa'] : ['pokja'], org_id: 'org-reminder-test', email: email(id) })),
    )
    .onConflict('id')
    .merge(['email']);
  smtp = await startSmtpCapture();

  // A webhook receiver that refuses the first delivery, then accepts; it checks the HMAC signature.
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const signatureOk = req.headers['x-pengadaan-signature'] === signBody('rahasia-webhook', body);
      const status = failNextHook ? 500 : 200;
      failNextHook = false;
      hookCalls.push({ status, signatureOk, body: JSON.parse(body) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;

  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: resolveTemporalTestServer() } },
  });
  bundle = await workflowBundle();
});

after(async () => {
  await env?.teardown();
  await db?.destroy();
  await smtp?.close();
  hook?.close();
});

async function withWorker<T>(taskQueue: string, fn: () => Promise<T>): Promise<T> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: createActivities({ db, client: env.client, taskQueue, notify: { smtpUrl: smtp.url, mailFrom: 'Pengadaan <noreply@pengadaan.local>' } }),
  });
  return worker.runUntil(fn());
}

const step = (action: string, actor: StepCommand['actor'], payload: Record<string, unknown> = {}) => ({
  args: [{ action, actor, payload }] as [StepCommand],
});

async function start(taskQueue: string, input: PackageInput) {
  return env.client.workflow.start(packageProcess, { taskQueue, workflowId: `paket-${input.packageId}`, args: [input] });
}
type Handle = Awaited<ReturnType<typeof start>>;

async function passWindow(h: Handle) {
  const s = await h.query(packageState);
  await env.sleep(s.stage.closesAt! - (await env.currentTimeMs()) + 1000);
}

/**
 * Prepare (assignment, Reviu DPP), announce, register, bid and open at once (no reminders for steps done in time), up
 * to the evaluation. The Pokja's decisions are collegial: `decide` has a second member agree.
 */
async function toEvaluation(h: Handle, input: PackageInput) {
  await prepareHandle(h, input);
  await decide(h, 'announce', pokja);
  for (const v of [vendorA, vendorB]) await h.executeUpdate(performStep, step('register', v));
  await passWindow(h);
  await passWindow(h); // clarification
  await h.executeUpdate(performStep, await sealedStepArgs(db, h, 'submit_bid', vendorA, { price: 1_390_000_000 }));
  await h.executeUpdate(performStep, await sealedStepArgs(db, h, 'submit_bid', vendorB, { price: 1_350_000_000 }));
  await passWindow(h);
  await decide(h, 'open_bids', pokja);
  const v = await h.query(packageState);
  assert.equal(v.stage.id, 'evaluation');
  return v;
}

/** Lets the delivery activity (which runs beside the workflow) finish. */
async function settle(packageId: string) {
  for (let i = 0; i < 300; i++) {
    const pending = await db('notification_outbox').where({ package_id: packageId, status: 'pending' }).count().first();
    if (Number(pending!.count) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`notifications of ${packageId} still pending`);
}

const mailsAbout = (packageId: string) => mails().filter((m) => m.packageId === packageId);

describe('deadline reminders and escalation', () => {
  test('a national holiday inside the period moves the due time by a working day', async () => {
    await withWorker('tq-holiday', async () => {
      const now = await env.currentTimeMs();
      const holiday = wibDate(addWorkingDays(now, 1, DEFAULT_CALENDAR));
      const plain = await start('tq-holiday', tenderInput('pkt-remholiday1'));
      const withHoliday = await start('tq-holiday', tenderInput('pkt-remholiday2', { calendar: { ...DEFAULT_CALENDAR, holidays: [holiday] } }));
      const [a, b] = [await plain.query(packageState), await withHoliday.query(packageState)];
      // The first stage is the officers' assignment by the head of the UKPBJ (assignmentDue: 2 working days).
      assert.equal(a.stage.id, 'officer_assignment');
      const spec = { amount: 2, unit: 'workingDays' as const };
      assert.equal(a.stage.dueAt, deadlineFor(a.stage.enteredAt, spec, DEFAULT_CALENDAR));
      assert.equal(b.stage.dueAt, deadlineFor(b.stage.enteredAt, spec, { ...DEFAULT_CALENDAR, holidays: [holiday] }));
      assert.ok(
        b.stage.dueAt - a.stage.dueAt >= 86_400_000 - 60_000,
        `${holiday} pushes the first stage's due time (the officers' assignment, 2 working days) a day later`,
      );
      // Terminate only with no activity in flight: the test server would keep its clock locked for a lost one.
      for (const h of [plain, withHoliday]) {
        await h.executeUpdate(readModelSynced);
        await h.terminate('done');
      }
    });
  });

  test('a Pokja that misses its evaluation deadline: two reminders, then the escalation to the PA/KPA, each mailed once', async () => {
    await db('webhook_subscriptions').insert({ id: 'wh-test', url: hookUrl, secret: 'rahasia-webhook', active: true }).onConflict('id').merge();
    const input = tenderInput('pkt-remmissed01');
    // Deactivated whatever happens: left active, its dead receiver would make every later file's deliveries retry forever.
    await withWorker('tq-missed', async () => {
      const h = await start('tq-missed', input);
      const ev = await toEvaluation(h, input);
      const due = ev.stage.dueAt!;
      assert.equal(workingDaysBefore(due, 2, DEFAULT_CALENDAR) > ev.stage.enteredAt, true, 'both reminders fall inside the 4-working-day evaluation period');
      await env.sleep(due - (await env.currentTimeMs()) + 60_000);
      const after = await h.query(packageState);
      assert.equal(after.stage.id, 'evaluation', 'the task stays open; the PA/KPA is told');
      await settle(input.packageId);
      // A duplicate activity run (a retry after a lost answer) must not mail again.
      await createDeliverer(db, { smtpUrl: smtp.url, mailFrom: 'x@y' })({ packageId: input.packageId });
      await h.terminate('done');
    }).finally(() => db('webhook_subscriptions').where({ id: 'wh-test' }).update({ active: false }));

    const events = await db('package_events')
      .where({ package_id: input.packageId, stage_id: 'evaluation' })
      .whereIn('type', ['reminder_sent', 'task_escalated'])
      .orderBy('seq');
    assert.deepEqual(
      events.map((e) => [e.type, e.details!.key]),
      [
        ['reminder_sent', 'reminder-2'],
        ['reminder_sent', 'reminder-1'],
        ['task_escalated', 'escalation'],
      ],
    );
    const mine = mailsAbout(input.packageId);
    const evaluation = mine.filter((m) => m.subject.includes('Evaluasi'));
    // Subjects may arrive as RFC 2047 encoded words; the plain words survive inside them.
    const count = (to: string, what: string) => evaluation.filter((m) => m.to === to && m.subject.includes(what)).length;
    for (const id of POKJA) assert.equal(count(email(id), 'Pengingat'), 2, `${id}: two reminders`);
    assert.equal(count(email(paKpa.id), 'Eskalasi'), 1, 'the PA/KPA gets the escalation once');
    assert.equal(count(email(paKpa.id), 'Pengingat'), 0);
    for (const id of POKJA) assert.equal(count(email(id), 'Eskalasi'), 0);
    assert.equal(new Set(evaluation.map((m) => `${m.to}|${m.messageId}`)).size, evaluation.length, 'no email twice');
    // Steps done in time never caused a reminder.
    assert.deepEqual(
      mine.filter((m) => /Pengumuman|Pembukaan/.test(m.subject)),
      [],
    );

    const notes = await db('notifications').where({ package_id: input.packageId, user_id: paKpa.id });
    assert.deepEqual(
      notes.map((n) => n.kind),
      ['escalation'],
    );
    // The two reminders share the due time; their titles say which is which (H-2, H-1), the time as the console writes it.
    const reminded = (await db('notifications').where({ package_id: input.packageId, user_id: POKJA[0], kind: 'reminder' }).orderBy('seq')).filter((n) =>
      n.title.includes('Evaluasi'),
    );
    assert.deepEqual(
      reminded.map((n) => n.title.split(':')[0]),
      ['Pengingat H-2', 'Pengingat H-1'],
    );
    for (const n of [...reminded, ...notes]) {
      assert.match(n.title, /(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \p{L}+ \d{4} \d{2}\.\d{2} WIB \(/u, n.title);
      assert.doesNotMatch(`${n.title}\n${n.body}`, /\d{4}-\d{2}-\d{2}/, 'no raw ISO dates');
    }

    // The webhook: refused once (500), delivered on the retry with a valid signature; both attempts logged.
    const forEscalation = hookCalls.filter((c) => c.body.packageId === input.packageId && c.body.key === 'escalation');
    assert.ok(
      hookCalls.every((c) => c.signatureOk),
      'every delivery is signed with the subscription secret',
    );
    assert.equal(forEscalation.filter((c) => c.status === 200).length, 1);
    const log = await db('webhook_deliveries').where('outbox_id', 'like', `${input.packageId}:%`).orderBy('id');
    assert.ok(log.some((l) => l.status_code === 500) && log.some((l) => l.status_code === 200), JSON.stringify(log));
    const webhooks = await db('notification_outbox').where({ package_id: input.packageId, channel: 'webhook' });
    const notices = await db('package_events').where({ package_id: input.packageId }).whereIn('type', ['reminder_sent', 'task_escalated']);
    assert.equal(webhooks.length, notices.length, 'one webhook per notice');
    assert.ok(
      webhooks.every((w) => w.status === 'sent'),
      'all delivered',
    );
  });

  test('a task done after the first reminder gets no further reminder and no escalation', async () => {
    const input = tenderInput('pkt-remearly001');
    await withWorker('tq-early', async () => {
      const h = await start('tq-early', input);
      const ev = await toEvaluation(h, input);
      const firstReminder = workingDaysBefore(ev.stage.dueAt!, 2, DEFAULT_CALENDAR);
      await env.sleep(firstReminder - (await env.currentTimeMs()) + 60_000);
      await decide(h, 'evaluate', pokja, evaluationAllPass(vendorA, vendorB));
      await env.sleep(ev.stage.dueAt! - (await env.currentTimeMs()) + 86_400_000);
      await settle(input.packageId);
      await h.terminate('done');
    });
    const events = await db('package_events')
      .where({ package_id: input.packageId, stage_id: 'evaluation' })
      .whereIn('type', ['reminder_sent', 'task_escalated']);
    assert.deepEqual(
      events.map((e) => e.details!.key),
      ['reminder-2'],
    );
    const evaluation = mailsAbout(input.packageId).filter((m) => m.subject.includes('Evaluasi'));
    assert.deepEqual(evaluation.map((m) => m.to).sort(), POKJA.map(email).sort(), 'one reminder to each Pokja member, nothing after');
  });
});

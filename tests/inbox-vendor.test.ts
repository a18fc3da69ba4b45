/**
 * A vendor's inbox (GET /api/tasks) lists the window steps it can still take, exactly as the package page offers them
 * (`myActions`), against the real app, an in-process worker, Temporal and PostgreSQL at a time scale:
 *  - registration: every vendor, registered for nothing, has `register` until it registers, also after another did;
 *  - bid window: three vendors registered, one bids; the engine's own open actions drop `submit_bid`, yet the two
 *    others still have it with the window's closing time, the bidder has what `myActions` says (a window step may be
 *    repeated until it closes), a vendor who did not register has nothing for the package;
 *  - the Pokja's window step stays too; the PPK's cancellation is an option, not a task;
 *  - once the window closes no vendor has anything for the package, and the Pokja has the opening;
 *  - every answer conforms to TaskList, is sorted soonest due first, and its pages add up to its total.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../api/auth/actor';
import { buildOpenApi } from '../api/openapi';
import { tenderBody } from './support/auth-stack';
import { type BidStack, startBidStack } from './support/bid-stack';

const TIME_SCALE = 0.00005; // one day of the schedule ≈ 4.3 s
const VENDORS = ['vendor.karya', 'vendor.tirta', 'vendor.cisadane'] as const;
const run = randomBytes(3).toString('hex');
/** A vendor with a valid token who never registers for the package. */
const OUTSIDER: Actor = { id: `vendor.luar-${run}`, name: 'PT Luar Pendaftaran', roles: ['penyedia'], org: `pt-luar-${run}` };
type Who = string | Actor;

interface Task {
  packageId: string;
  stageId: string;
  stageName: string;
  action: string;
  name: string;
  roles: string[];
  dueAt: string | null;
  closesAt: string | null;
  overdue: boolean;
}
interface MyAction {
  id: string;
  name: string;
  stageId: string;
  stageName: string;
  target: string;
  dueAt: string | null;
  closesAt: string | null;
}

let stack: BidStack;
let packageId: string;

const BASE = 'https://pengadaan.test/openapi.json';
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema({ ...JSON.parse(JSON.stringify(buildOpenApi())), $id: BASE });
const validateTaskList = ajv.compile({ $ref: `${BASE}#/components/schemas/TaskList` });

const idOf = (who: Who) => (typeof who === 'string' ? who : who.id);

async function get(who: Who, path: string): Promise<any> {
  const res = typeof who === 'string' ? await stack.call(who, 'GET', path) : await stack.call(null, 'GET', path, { token: await stack.issuer.sign(who) });
  assert.equal(res.status, 200, `${idOf(who)} GET ${path}: ${res.text.slice(0, 500)}`);
  return res.body;
}

/** Every page of the caller's inbox; checks the shape, the order and that the pages add up to the total. */
async function inbox(who: Who, pageSize = 100): Promise<Task[]> {
  const all: Task[] = [];
  let total = Number.NaN;
  for (let page = 1; page === 1 || all.length < total; page++) {
    const body: { data: Task[]; pagination: { total: number } } = await get(who, `/api/tasks?page=${page}&pageSize=${pageSize}`);
    assert.ok(validateTaskList(body), `TaskList: ${ajv.errorsText(validateTaskList.errors)}`);
    if (page > 1) assert.equal(body.pagination.total, total, 'the total does not change between pages');
    total = body.pagination.total;
    assert.ok(body.data.length <= pageSize);
    if (!body.data.length) break;
    all.push(...body.data);
  }
  assert.equal(all.length, total, `${idOf(who)}: the pages hold exactly the total`);
  const due = (t: Task) => (t.dueAt === null ? Number.POSITIVE_INFINITY : Date.parse(t.dueAt));
  for (let i = 1; i < all.length; i++) assert.ok(due(all[i - 1]!) <= due(all[i]!), 'soonest due first, no due time last');
  return all;
}

/** The caller's steps on our package, from the inbox and from the package page, in one comparable form. */
async function bothViews(who: Who): Promise<{ inbox: object[]; myActions: object[]; tasks: Task[] }> {
  const tasks = (await inbox(who)).filter((t) => t.packageId === packageId);
  const mine = ((await get(who, `/api/packages/${packageId}`)).myActions as MyAction[]).filter((a) => a.target === 'package');
  return {
    tasks,
    inbox: tasks.map((t) => ({ id: t.action, name: t.name, stageId: t.stageId, stageName: t.stageName, dueAt: t.dueAt, closesAt: t.closesAt })),
    myActions: mine.map((a) => ({ id: a.id, name: a.name, stageId: a.stageId, stageName: a.stageName, dueAt: a.dueAt ?? a.closesAt, closesAt: a.closesAt })),
  };
}

/** Asserts inbox == myActions for the caller (interrupts excepted) and returns the inbox's steps on our package. */
async function agree(who: Who, interrupts: string[] = []): Promise<Task[]> {
  const b = await bothViews(who);
  const myActions = b.myActions.filter((a) => !interrupts.includes((a as { id: string }).id));
  assert.deepEqual(b.inbox, myActions, `${idOf(who)}: the inbox lists exactly the package page's myActions`);
  return b.tasks;
}

/** Waits until the read model holds everything the workflow did so far (the inbox reads the read model). */
async function synced(): Promise<Record<string, any>> {
  const until = Date.now() + 30_000;
  for (;;) {
    const live = (await get('ppk.budi', `/api/packages/${packageId}`)).live;
    const row = await stack.db('packages').where({ id: packageId }).first('last_seq');
    if (live && row && row.last_seq >= live.seq) return live;
    if (Date.now() > until) throw new Error(`read model at ${row?.last_seq}, workflow at ${live?.seq}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function step(who: string, action: string, payload: Record<string, unknown> = {}) {
  const res = await stack.call(who, 'POST', `/api/packages/${packageId}/tasks/${action}`, { body: { payload } });
  assert.equal(res.status, 200, `${who} ${action}: ${res.text.slice(0, 500)}`);
  return res.body;
}

const ids = (tasks: Task[]) => tasks.map((t) => t.action);

before(
  async () => {
    stack = await startBidStack({ timeScale: TIME_SCALE, security: { authFailuresPerMin: 0, bidsPerMin: 0 } });
    packageId = await stack.createPackage(
      tenderBody(`Inbox Penyedia ${run}`, { schedule: { registrationDays: 3, clarificationDays: 1, bidSubmissionDays: 3 } }),
    );
  },
  { timeout: 120_000 },
);

after(
  async () => {
    await stack?.close();
  },
  { timeout: 60_000 },
);

describe("a vendor's inbox lists the window steps it can still take", () => {
  test('registration, the bid window after one bid, and after it closes: inbox == myActions', { timeout: 240_000 }, async () => {
    await step('pokja.sari', 'announce');
    let live = await synced();
    assert.equal(live.stage.id, 'registration');
    const registrationCloses = new Date(live.stage.closesAt).toISOString();
    for (const v of [...VENDORS, OUTSIDER]) {
      const tasks = await agree(v);
      assert.deepEqual(ids(tasks), ['register'], `${idOf(v)} may register`);
      assert.equal(tasks[0]!.closesAt, registrationCloses, 'with the time registration closes');
      assert.equal(tasks[0]!.dueAt, registrationCloses);
      assert.equal(tasks[0]!.overdue, false);
    }

    await step('vendor.karya', 'register');
    await synced();
    assert.deepEqual(ids(await agree('vendor.karya')), [], 'registered once: nothing more to do here');
    assert.deepEqual(ids(await agree('vendor.tirta')), ['register'], 'another vendor may still register after the first did');
    for (const v of ['vendor.tirta', 'vendor.cisadane']) await step(v, 'register');

    await stack.waitForStage(packageId, 'bid_submission', 90_000);
    live = await synced();
    const bidCloses = new Date(live.stage.closesAt).toISOString();
    for (const v of VENDORS) assert.deepEqual(ids(await agree(v)), ['submit_bid'], `${v}, registered, may bid`);
    // LKPP 12/2021 (issue 13): registration stays open until the bid deadline, so the unregistered vendor may still
    // register, until the window closes — and only register, not bid.
    const late = await agree(OUTSIDER);
    assert.deepEqual(ids(late), ['register'], 'a vendor who did not register may still register, nothing else');
    assert.equal(late[0]!.closesAt, bidCloses, 'until the bid window closes');

    const bid = await step('vendor.karya', 'submit_bid', { price: 1_287_000_000 });
    assert.ok(bid.receipt?.bidId, 'the bid was taken');
    live = await synced();
    assert.equal(live.stage.id, 'bid_submission', 'the window is still open');
    // What the read model's tasks used to mirror: the engine's open actions, which drop the step after one bid.
    assert.ok(!(live.openActions as { id: string }[]).some((a) => a.id === 'submit_bid'), "the engine's openActions no longer list submit_bid");
    for (const v of ['vendor.tirta', 'vendor.cisadane']) {
      const tasks = await agree(v);
      assert.deepEqual(ids(tasks), ['submit_bid'], `${v} has not bid and still may`);
      assert.equal(tasks[0]!.name, 'Unggah Dokumen Penawaran');
      assert.equal(tasks[0]!.stageName, 'Upload Dokumen Penawaran');
      assert.equal(tasks[0]!.closesAt, bidCloses, 'with the time the window closes');
      assert.equal(tasks[0]!.dueAt, bidCloses);
      assert.deepEqual(tasks[0]!.roles, ['penyedia']);
    }
    // The bidder may send a new bid until the window closes (the definition allows it): the inbox says what myActions says.
    assert.deepEqual(ids(await agree('vendor.karya')), ['submit_bid']);
    assert.deepEqual(ids(await agree(OUTSIDER)), ['register'], 'the unregistered vendor still may only register');
    // The Pokja's schedule change (issue 13, a non-interrupting step) is an option on the page like the cancellation, not a task.
    const pokjaTasks = ids(await agree('pokja.sari', ['change_schedule']));
    assert.ok(pokjaTasks.includes('publish_addendum'), "the Pokja's window step stays listed");
    assert.ok(!pokjaTasks.includes('change_schedule'), 'the schedule change is not a task');
    assert.ok(
      ((await get('pokja.sari', `/api/packages/${packageId}`)).myActions as MyAction[]).some((a) => a.id === 'change_schedule'),
      'the page offers it',
    );
    assert.deepEqual(ids(await agree('ppk.budi', ['cancel'])), [], "the PPK's cancellation is an option on the page, not a task");
    assert.ok(
      ((await get('ppk.budi', `/api/packages/${packageId}`)).myActions as MyAction[]).some((a) => a.id === 'cancel'),
      'the page still offers it',
    );

    // Small pages hold the same lines in the same order, and count them all.
    const whole = await inbox('vendor.tirta');
    assert.deepEqual(await inbox('vendor.tirta', 1), whole, 'page by page, the same lines');

    await stack.waitForStage(packageId, 'bid_opening', 120_000);
    await synced();
    for (const v of [...VENDORS, OUTSIDER]) assert.deepEqual(ids(await agree(v)), [], `${idOf(v)}: nothing once the window has closed`);
    assert.deepEqual(ids(await agree('pokja.sari', ['change_schedule'])), ['open_bids'], 'the Pokja has the opening');
  });
});

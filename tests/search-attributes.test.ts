/**
 * Search attributes on package workflows (issue 15 point 11), on the real dev server: packages created by the API's
 * create path in two OPDs and two methods, driven to different stages, are found by Stage, Opd, Method, FiscalYear,
 * PackageStatus and StageName queries (the SDK's list and the CLI's `temporal workflow list`); a step that does not move the
 * stage adds no upsert to the history; Overdue is set when a task's due time passes unacted (time scale) and cleared
 * when the stage moves; a package that continued as new keeps them current. A namespace without the attributes gets
 * them from ensureSearchAttributes, or, when registering is refused, the worker refuses to start and says how.
 */
import './support/quiet-runtime';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { createPackage, type CreateDeps } from '../api/services/create-package';
import { createDb } from '../db/connection';
import { DEMO_USERS, seedDemo } from '../db/seed-demo';
import { DEFAULT_CALENDAR } from '../domain/calendar/working-time';
import type { ActorRef, PackageStart } from '../domain/process/state';
import { freePort } from '../runtime/free-port';
import { workflowBundle } from '../runtime/workflow-bundle';
import { ensureSearchAttributes, PACKAGE_SEARCH_ATTRIBUTES, SearchAttributesMissing, searchAttributesStatus } from '../runtime/search-attributes';
import { startTemporalDevServer, type TemporalDevServer } from '../runtime/services/temporal-dev-server';
import { resolveTemporalCli } from '../runtime/temporal-binaries';
import { getDefinition } from '../workflows/definitions';
import { packageProcess, packageState } from '../workflows/package-process';
import { startSearchAttributes } from '../workflows/search-attributes';
import { DEMO_HEAD, DEMO_MEMBERS, REVIEW_SESUAI, ASSIGNMENT_LETTER } from './support/preparation';
import { testServices } from './support/services';
import { startSharedWorker, type SharedWorker } from './support/shared-worker';
import { step, type PackageHandle } from './support/tender-driver';
import { spawnWorker } from './support/worker-process';

const run = promisify(execFile);
const tag = randomBytes(3).toString('hex');
const taskQueue = `tq-h4-search-attributes-${tag}`;
// OPD names of this run only: every query names them, so other files' packages on the lane's server never match.
const PUPR = `Dinas PUPR h4-${tag}`;
const DINKES = `Dinas Kesehatan h4-${tag}`;
const OVERDUE_OPD = `Dinas Perhubungan h4-${tag}`;
const CAN_OPD = `Dinas Pendidikan h4-${tag}`;
const BOTH = `Opd IN ('${PUPR}', '${DINKES}')`;
const JUTA = 1_000_000;

const user = (id: string): ActorRef => DEMO_USERS.find((u) => u.id === id)!;
const ppk = user('ppk.budi');

let db: Knex;
let shared: SharedWorker;
const workflowIds: string[] = [];

before(
  async () => {
    db = createDb(testServices().databaseUrl);
    await seedDemo(db);
    shared = await startSharedWorker(db, taskQueue);
  },
  { timeout: 120_000 },
);

after(
  async () => {
    await shared?.stop(workflowIds);
    await db?.destroy();
  },
  { timeout: 60_000 },
);

/** A package through the API's create path (api/services/create-package.ts), as POST /api/packages creates it. */
async function create(opts: { method: string; opd: string; fiscalYear: number; timeScale?: number; schedule?: Record<string, number> }) {
  const deps: CreateDeps = { db, client: shared.client, taskQueue, timeScale: opts.timeScale ?? 1 };
  const tender = opts.method === 'tender';
  const value = tender ? 2_500 * JUTA : 30 * JUTA;
  const { workflowId } = await createPackage(deps, ppk, {
    title: `Paket h4 ${opts.method} ${randomBytes(3).toString('hex')}`,
    opd: opts.opd,
    workUnit: 'Bidang Sarana dan Prasarana',
    category: tender ? 'pekerjaan_konstruksi' : 'barang',
    method: opts.method,
    pagu: value,
    hps: value,
    fiscalYear: opts.fiscalYear,
    paKpa: 'kpa.hendra',
    // The tender's Pokja is assigned by the head of the UKPBJ after creation (assign_officers below).
    ...(tender ? { kepalaUkpbj: DEMO_HEAD } : { pejabatPengadaan: 'pp.rudi' }),
    ...(opts.schedule ? { schedule: opts.schedule } : {}),
  } as never);
  workflowIds.push(workflowId);
  return shared.client.workflow.getHandle<typeof packageProcess>(workflowId);
}

/** The preparation of a tender, through the steps' workflow updates: assigned, reviewed "sesuai", co-signed. */
async function assign(h: PackageHandle) {
  return step(h, 'assign_officers', user(DEMO_HEAD), { letterNumber: ASSIGNMENT_LETTER, members: DEMO_MEMBERS });
}
async function reviewAndCosign(h: PackageHandle) {
  await step(h, 'review_dpp', user(DEMO_MEMBERS[0]!), REVIEW_SESUAI);
  return step(h, 'cosign_dpp_review', ppk, {});
}

/** The ids a visibility query lists once it lists exactly `expected` (visibility trails the workflow: polled, bounded). */
async function listed(query: string, expected: string[], timeoutMs = 20_000): Promise<string[]> {
  const want = [...expected].sort();
  const until = Date.now() + timeoutMs;
  let got: string[] = [];
  while (Date.now() < until) {
    got = [];
    for await (const w of shared.client.workflow.list({ query })) got.push(w.workflowId);
    got.sort();
    if (JSON.stringify(got) === JSON.stringify(want)) return got;
    await sleep(250);
  }
  return got;
}

/**
 * The package attributes each upsert in the history set, in order. The SDK's own upserts of TemporalChangeVersion
 * (one with each patch marker) are left out.
 */
const upserts = async (h: PackageHandle) =>
  (await h.fetchHistory())
    .events!.map((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}))
    .map((names) =>
      names
        .filter((n) => n !== 'TemporalChangeVersion')
        .sort()
        .join(','),
    )
    .filter((names) => names !== '');

describe('search attributes on package workflows (dev server)', () => {
  test('packages of two OPDs and two methods are found by stage, OPD, method, fiscal year, status and stage name', { timeout: 240_000 }, async () => {
    const [a, b, c, d] = await Promise.all([
      create({ method: 'tender', opd: PUPR, fiscalYear: 2027 }),
      create({ method: 'tender', opd: DINKES, fiscalYear: 2027 }),
      create({ method: 'pengadaan-langsung-a', opd: PUPR, fiscalYear: 2028 }),
      create({ method: 'pengadaan-langsung-a', opd: DINKES, fiscalYear: 2028 }),
    ]);
    // Listed with their first stage from the start, before any step.
    const ab = [a.workflowId, b.workflowId].sort();
    const cd = [c.workflowId, d.workflowId].sort();
    assert.deepEqual(await listed(`Stage='officer_assignment' AND Method='tender' AND ${BOTH}`, ab), ab);

    await assign(a);
    await reviewAndCosign(a); // a: announcement
    await assign(b); // b: dpp_review
    const cView = await c.query(packageState);
    await step(d, 'cancel', ppk, { reason: 'Anggaran dialihkan untuk penanganan bencana.' }); // d: ended, batal

    assert.deepEqual(await listed(`Stage='announcement' AND Opd='${PUPR}'`, [a.workflowId]), [a.workflowId]);
    assert.deepEqual(await listed(`Stage='dpp_review' AND Opd='${DINKES}'`, [b.workflowId]), [b.workflowId]);
    assert.deepEqual(await listed(`Stage='announcement' AND Opd='${DINKES}'`, []), []);
    assert.deepEqual(await listed(`Stage='${cView.stage.id}' AND Opd='${PUPR}' AND Method='pengadaan-langsung-a'`, [c.workflowId]), [c.workflowId]);
    assert.deepEqual(await listed(`Method='pengadaan-langsung-a' AND ${BOTH}`, cd), cd);
    assert.deepEqual(await listed(`FiscalYear=2027 AND ${BOTH}`, ab), ab);
    assert.deepEqual(await listed(`FiscalYear>=2028 AND ${BOTH}`, cd), cd);
    assert.deepEqual(await listed(`PackageStatus='batal' AND ${BOTH}`, [d.workflowId]), [d.workflowId]);
    const abc = [a.workflowId, b.workflowId, c.workflowId].sort();
    assert.deepEqual(await listed(`PackageStatus='active' AND ${BOTH}`, abc), abc);
    assert.deepEqual(await listed(`StageName='Pengumuman Pascakualifikasi' AND ${BOTH}`, [a.workflowId]), [a.workflowId]);

    const described = await a.describe();
    assert.deepEqual(
      Object.fromEntries(
        described.typedSearchAttributes
          .getAll()
          .filter((p) => PACKAGE_SEARCH_ATTRIBUTES.some((k) => k.name === p.key.name))
          .map((p) => [p.key.name, p.value]),
      ),
      {
        Stage: 'announcement',
        StageName: 'Pengumuman Pascakualifikasi',
        Method: 'tender',
        Opd: PUPR,
        FiscalYear: 2027,
        PackageStatus: 'active',
        Overdue: false,
      },
    );
    // Started with its attributes, a's history upserts only when its stage moved: officer_assignment → dpp_review →
    // announcement (through the Reviu DPP's minutes, a service task, upserted once with its outcome). The review
    // and its vote left the stage where it was and added none.
    assert.deepEqual(await upserts(a), ['Stage,StageName', 'Stage,StageName']);
    // The history with its upserts replays on the same code (the decisions use workflow time and history only).
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, await a.fetchHistory(), a.workflowId);

    // The CLI the README names, as support would type it.
    const { stdout } = await run(resolveTemporalCli(), [
      'workflow',
      'list',
      '--address',
      testServices().temporalAddress,
      '--namespace',
      'default',
      '--query',
      `Stage='announcement' AND Opd='${PUPR}'`,
      '--output',
      'json',
    ]);
    assert.match(stdout, new RegExp(a.workflowId));
    assert.doesNotMatch(stdout, new RegExp(b.workflowId));
  });

  test('Overdue is set when a task passes its due time unacted, and cleared when the stage moves', { timeout: 240_000 }, async () => {
    // A working day lasts about 9 s at this scale: the UKPBJ head's assignment falls due while nobody acts.
    const schedule = { assignmentDue: 1, dppReviewDue: 20 };
    const h = await create({ method: 'tender', opd: OVERDUE_OPD, fiscalYear: 2029, timeScale: 0.0001, schedule });
    const query = (overdue: boolean) => `Overdue=${overdue} AND Opd='${OVERDUE_OPD}'`;
    assert.deepEqual(await listed(query(false), [h.workflowId]), [h.workflowId]);
    assert.deepEqual(await listed(`${query(true)} AND Stage='officer_assignment'`, [h.workflowId], 120_000), [h.workflowId]);
    const view = await h.query(packageState);
    assert.ok(view.stage.dueAt! <= Date.now(), 'overdue only once the due time passed');

    await assign(h); // the stage moves on to the Reviu DPP, due in 20 working days (minutes at this scale)
    assert.deepEqual(await listed(`${query(false)} AND Stage='dpp_review'`, [h.workflowId]), [h.workflowId]);
    assert.deepEqual(await listed(query(true), []), []);
  });

  test('a package that continued as new keeps its attributes current', { timeout: 120_000 }, async () => {
    const def = getDefinition('tender-pasca-1file')!;
    const start: PackageStart = {
      packageId: `h4-can-${tag}`,
      definitionRef: { id: def.id, version: def.version },
      facts: {
        title: 'Paket h4 continue-as-new',
        opd: CAN_OPD,
        workUnit: 'Bidang Umum',
        category: 'pekerjaan_konstruksi',
        pagu: 2_500 * JUTA,
        hps: 2_500 * JUTA,
        fiscalYear: 2027,
      },
      assignments: { ppk: [ppk.id], kepala_ukpbj: [DEMO_HEAD], pokja: DEMO_MEMBERS, pa_kpa: ['kpa.hendra'] },
      schedule: {},
      calendar: DEFAULT_CALENDAR,
      timeScale: 1,
      createdBy: ppk,
      updatesPerRun: 2, // the preparation's four steps take the package into a second run (and a third)
    };
    const workflowId = `paket-${start.packageId}`;
    workflowIds.push(workflowId);
    const started = await shared.client.workflow.start(packageProcess, {
      workflowId,
      taskQueue,
      args: [start],
      typedSearchAttributes: startSearchAttributes(start, def, Date.now()),
    });
    const firstRun = started.firstExecutionRunId;
    const h = shared.client.workflow.getHandle<typeof packageProcess>(workflowId);
    await assign(h);
    await reviewAndCosign(h);
    const described = await h.describe();
    assert.notEqual(described.runId, firstRun, 'the package continued as new');
    assert.deepEqual(await listed(`Stage='announcement' AND Opd='${CAN_OPD}' AND Method='tender'`, [workflowId]), [workflowId]);
  });
});

describe('a namespace without the attributes', () => {
  let server: TemporalDevServer;
  let dir: string;
  before(
    async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-h4-sa-'));
      server = await startTemporalDevServer({ dataDir: dir, port: await freePort(), headless: true, searchAttributes: false });
    },
    { timeout: 90_000 },
  );
  after(
    async () => {
      await server?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
    { timeout: 30_000 },
  );

  test('ensureSearchAttributes registers what is missing, and again changes nothing', { timeout: 60_000 }, async () => {
    const connection = await Connection.connect({ address: server.address });
    try {
      const ns = 'h4-adds';
      await connection.workflowService.registerNamespace({ namespace: ns, workflowExecutionRetentionPeriod: msToTs('1 day') });
      // A namespace just registered may be unknown to the frontend for a moment.
      for (let i = 0; ; i++) {
        const ok = await searchAttributesStatus(connection, ns).then(
          () => true,
          () => false,
        );
        if (ok || i > 100) break;
        await sleep(200);
      }
      assert.equal((await searchAttributesStatus(connection, ns)).missing.length, PACKAGE_SEARCH_ATTRIBUTES.length);
      await ensureSearchAttributes(connection, ns);
      await ensureSearchAttributes(connection, ns);
      assert.deepEqual(await searchAttributesStatus(connection, ns), { missing: [], conflicting: [] });
    } finally {
      await connection.close();
    }
  });

  test('a worker whose namespace refuses them does not start, and names them with the command to register them', { timeout: 120_000 }, async () => {
    const connection = await Connection.connect({ address: server.address });
    try {
      // The SQL visibility store holds 3 custom Bool attributes: with 3 taken, adding Overdue is refused, as an API key
      // without the right to register attributes would be refused.
      await connection.operatorService.addSearchAttributes({
        namespace: 'default',
        searchAttributes: { H4Bool1: 5, H4Bool2: 5, H4Bool3: 5 }, // INDEXED_VALUE_TYPE_BOOL
      });
      await assert.rejects(ensureSearchAttributes(connection, 'default'), (e: unknown) => {
        assert.ok(e instanceof SearchAttributesMissing);
        assert.deepEqual(
          e.missing.map((k) => k.name),
          PACKAGE_SEARCH_ATTRIBUTES.map((k) => k.name),
        );
        return true;
      });
    } finally {
      await connection.close();
    }
    const worker = spawnWorker({ temporalAddress: server.address, databaseUrl: testServices().databaseUrl, taskQueue: `${taskQueue}-refused` });
    const exit = await Promise.race([worker.exited, sleep(90_000).then(() => undefined)]);
    await worker.kill();
    assert.ok(exit, `the worker kept running:\n${worker.tail()}`);
    assert.equal(exit.code, 78, worker.tail());
    assert.match(worker.tail(), /lacks the package search attributes/);
    assert.match(worker.tail(), /temporal operator search-attribute create --namespace default --name Stage --type Keyword/);
    assert.match(worker.tail(), /Overdue \(Bool\)/);
    assert.doesNotMatch(worker.tail(), /worker running/);
  });
});

/**
 * A follow-up package (re-tender, switch to Penunjukan Langsung; Perpres 16/2018 Pasal 51) starts the one way a
 * package starts (activities/start-package.ts): the checks of the API's create, the schedule kept, the same starting
 * row. Against the real Temporal server and PostgreSQL, on a task queue without a worker, so a started follow-up
 * stays as its start left it. A follow-up whose facts a create refuses is refused with the create's own 422 (code,
 * message, details) and starts nothing — were it to skip the shared checks, it would start and these tests fail.
 */
import './support/quiet-runtime';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { followUpPackageId, type FollowUpResult, startFollowUpPackage } from '../activities/follow-up';
import type { RunServiceInput } from '../activities/types';
import { ApiError } from '../api/errors';
import { createPackage } from '../api/services/create-package';
import { createDb } from '../db/connection';
import { startingPackageRow } from '../db/queries/packages';
import { seedDemo } from '../db/seed-demo';
import { DEFAULT_CALENDAR } from '../domain/calendar/working-time';
import { methodDecision } from '../domain/process/start-checks';
import type { ActorRef, PackageFacts, PackageStart } from '../domain/process/state';
import { workflowIdOf } from '../domain/process/workflow-id';
import { definitionForMethod } from '../workflows/definitions';
import { testServices } from './support/services';

const TASK_QUEUE = 'follow-up-start-no-worker';
const RUN = Date.now().toString(36);
const PPK: ActorRef = { id: 'ppk.budi', name: 'Budi Santoso (PPK)', roles: ['ppk'], org: 'kota-tangerang-pupr' };
const POKJA = ['pokja.sari', 'pokja.agus', 'pokja.dewi'];

let db: Knex;
let connection: Connection;
let client: Client;
const started: string[] = [];

before(async () => {
  db = createDb(testServices().databaseUrl);
  await seedDemo(db);
  connection = await Connection.connect({ address: testServices().temporalAddress });
  client = new Client({ connection, namespace: 'default' });
});
after(async () => {
  await Promise.all(
    started.map((id) =>
      client.workflow
        .getHandle(workflowIdOf(id))
        .terminate('uji selesai')
        .catch(() => undefined),
    ),
  );
  await db('packages').whereIn('id', started).delete();
  await connection?.close();
  await db?.destroy();
});

const FACTS: PackageFacts = {
  title: 'Rehabilitasi Gedung Puskesmas (tindak lanjut)',
  opd: 'Dinas Kesehatan Uji Tindak Lanjut',
  workUnit: 'Bidang Sarana',
  category: 'pekerjaan_konstruksi',
  pagu: 900_000_000,
  hps: 850_000_000,
  fiscalYear: 2026,
  ruleSet: 'perpres-16-2018-jo-12-2021', // the failed package's, from its own creation day
};

/** The failed tender asking for its follow-up; `over` changes the origin (what the failed package was created with). */
function failedTender(name: string, over: Partial<RunServiceInput['origin']> = {}, data: Record<string, unknown> = {}): RunServiceInput {
  return {
    packageId: `pkt-g1followup-${name}-${RUN}`,
    node: 'start_retender',
    service: 'startFollowUpPackage',
    args: {},
    // The Pokja the head of the UKPBJ assigned, and the Pokja's own schedule over the creation's.
    data: { assignments: { pokja: POKJA }, schedule: { bidSubmissionDays: 7 }, ...data },
    origin: {
      definitionId: 'tender-pasca-1file',
      facts: FACTS,
      assignments: { ppk: [PPK.id], kepala_ukpbj: ['ukpbj.ratna'], pa_kpa: ['kpa.hendra'] },
      schedule: { registrationDays: 4, bidSubmissionDays: 5, sppbjDue: 7, awardDue: 2 },
      calendar: DEFAULT_CALENDAR,
      timeScale: 1,
      createdBy: PPK,
      ...over,
    },
  };
}

const deps = () => ({ db, client, taskQueue: TASK_QUEUE });

/** The start input the workflow got: the first event of its history, as the server holds it. */
async function startInput(packageId: string): Promise<PackageStart> {
  const history = await client.workflow.getHandle(workflowIdOf(packageId)).fetchHistory();
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  assert.ok(payload, 'the workflow was started with an input');
  return defaultPayloadConverter.fromPayload<PackageStart>(payload);
}

async function startedFollowUp(ctx: RunServiceInput, method: string, reason: string): Promise<string> {
  const result = await startFollowUpPackage(deps(), ctx, method, reason);
  assert.ok('packageId' in result, `the follow-up started: ${JSON.stringify(result)}`);
  started.push(result.packageId);
  assert.deepEqual(result, { packageId: followUpPackageId(ctx.packageId, ctx.node, method), method, reason });
  return result.packageId;
}

describe('a follow-up package starts the way a create does', () => {
  test('a re-tender keeps the schedule and the officers, takes the rule set of its day, and writes the shared starting row', async () => {
    const ctx = failedTender('retender');
    const packageId = await startedFollowUp(ctx, 'tender', 'tender_ulang');
    const definition = definitionForMethod('tender')!;
    const ruleSet = methodDecision('tender', FACTS.category, FACTS.hps, Date.now()).ruleSet.id;
    const facts = { ...FACTS, ruleSet, previousPackageId: ctx.packageId, followUpReason: 'tender_ulang' };

    const input = await startInput(packageId);
    assert.deepEqual(input.definitionRef, { id: definition.id, version: definition.version });
    assert.deepEqual(input.facts, facts);
    // The creation's schedule, with the Pokja's change over it (data.schedule), not the method's defaults.
    assert.deepEqual(input.schedule, { registrationDays: 4, bidSubmissionDays: 7, sppbjDue: 7, awardDue: 2 });
    assert.deepEqual(input.assignments, { ppk: [PPK.id], pa_kpa: ['kpa.hendra'], pokja: POKJA, kepala_ukpbj: ['ukpbj.ratna'] });
    assert.deepEqual(input.calendar, DEFAULT_CALENDAR);
    assert.deepEqual(input.createdBy, PPK);

    // The read model's row is the one startingPackageRow builds, the link to the failed package included.
    const row = await db('packages').where({ id: packageId }).first();
    assert.ok(row, 'the follow-up is in the read model');
    const expected = startingPackageRow({ packageId, definition, facts, createdBy: PPK.id, at: row.created_at });
    assert.equal(expected.previous_package_id, ctx.packageId);
    assert.equal(expected.workflow_id, workflowIdOf(packageId));
    const stored: Record<string, unknown> = { ...row };
    assert.deepEqual(Object.fromEntries(Object.keys(expected).map((k) => [k, stored[k]])), expected);
  });

  test('a switch to Penunjukan Langsung keeps the periods both methods count alike, and checks them', async () => {
    const ctx = failedTender('switch-pl');
    const packageId = await startedFollowUp(ctx, 'penunjukan-langsung', 'tender_ulang_gagal');
    const input = await startInput(packageId);
    assert.equal(input.definitionRef?.id, definitionForMethod('penunjukan-langsung')!.id);
    // registrationDays and bidSubmissionDays are not periods of a Penunjukan Langsung; its SPPBJ counts working days
    // where the tender counted calendar days, so it starts at its default; the award period is kept.
    assert.deepEqual(input.schedule, { awardDue: 2 });
    assert.deepEqual(input.facts.previousPackageId, ctx.packageId);
    const row = await db('packages').where({ id: packageId }).first();
    assert.deepEqual([row?.method, row?.previous_package_id], ['penunjukan-langsung', ctx.packageId]);
  });
});

describe('a follow-up whose facts a create refuses is refused the same way, and starts nothing', () => {
  /** The API's create of the same package (same method, facts, officers, schedule) by the same PPK. */
  async function createRefusal(body: Record<string, unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
    const base = {
      method: 'tender',
      title: FACTS.title,
      opd: FACTS.opd,
      workUnit: FACTS.workUnit,
      category: FACTS.category,
      pagu: FACTS.pagu,
      hps: FACTS.hps,
      fiscalYear: FACTS.fiscalYear,
      paKpa: 'kpa.hendra',
      kepalaUkpbj: 'ukpbj.ratna',
    };
    const e = await createPackage({ ...deps(), timeScale: 1 }, PPK, { ...base, ...body }).then(
      () => assert.fail('the create was refused'),
      (err: unknown) => err,
    );
    assert.ok(e instanceof ApiError && e.status === 422, String(e));
    return { code: e.code, message: e.message, details: e.details };
  }

  const cases: { name: string; origin: Partial<RunServiceInput['origin']>; body: Record<string, unknown>; code: string }[] = [
    {
      name: 'method',
      // A tender is not for consultancy (Pasal 41): the re-tender of such a package breaks the same rule.
      origin: { facts: { ...FACTS, category: 'jasa_konsultansi' } },
      body: { category: 'jasa_konsultansi' },
      code: 'method_not_allowed',
    },
    {
      name: 'officer',
      // The PA/KPA carried is no PA/KPA (a Pejabat Pengadaan).
      origin: { assignments: { ppk: [PPK.id], kepala_ukpbj: ['ukpbj.ratna'], pa_kpa: ['pp.rudi'] } },
      body: { paKpa: 'pp.rudi' },
      code: 'invalid_assignment',
    },
    {
      name: 'schedule',
      // The masa sanggah is fixed by law at 5 calendar days.
      origin: { schedule: { objectionDays: 3 } },
      body: { schedule: { objectionDays: 3 } },
      code: 'invalid_schedule',
    },
  ];

  for (const c of cases) {
    test(`${c.code}: the create's refusal, word for word`, async () => {
      const ctx = failedTender(`refused-${c.name}`, c.origin, c.name === 'schedule' ? { schedule: {} } : {});
      const result: FollowUpResult = await startFollowUpPackage(deps(), ctx, 'tender', 'tender_ulang');
      const refusal = await createRefusal(c.body);
      assert.equal(refusal.code, c.code);
      assert.deepEqual(result, { method: 'tender', reason: 'tender_ulang', refused: refusal });

      const packageId = followUpPackageId(ctx.packageId, ctx.node, 'tender');
      assert.equal(await db('packages').where({ id: packageId }).first(), undefined, 'no read-model row');
      await assert.rejects(client.workflow.getHandle(workflowIdOf(packageId)).describe(), WorkflowNotFoundError, 'no workflow');
    });
  }
});

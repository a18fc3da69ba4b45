/**
 * A long-lived package continues as new before Temporal's limits (issue 14 point 2): a swakelola agreement (the
 * current pelaksanaan-swakelola, started as an awarding package starts it: the definition named, not carried) runs
 * more than 5,000 steps — progress reports handed in and returned, 2,500 times, then accepted, the BAST — on the
 * shared Temporal dev server with an in-process worker and the real read model. Temporal refuses the 2,001st update of
 * a run (history.maxTotalUpdates), so without continue-as-new this package would stop answering at step 2,001.
 *
 * It checks what an auditor would: every step answered; the chain of runs, none above the updates per run; the state
 * carried across (reports, the execution window's deadline, the assignments); the read model and the audit trail
 * holding every event exactly once; each run's history replaying against the current code (across the boundary);
 * and the agreement ending `selesai`.
 */
import './support/quiet-runtime';
import type { Client } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { Worker as ReplayWorker } from '@temporalio/worker';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createDb } from '../db/connection';
import type { PackageView } from '../domain/process/engine';
import type { ActorRef, PackageStart } from '../domain/process/state';
import { workflowBundle } from '../runtime/workflow-bundle';
import { packageProcess, packageState, UPDATES_PER_RUN } from '../workflows/package-process';
import { contractInput, evidence, JUTA, leader } from './support/contract-fixture';
import { testServices } from './support/services';
import { type SharedWorker, startSharedWorker } from './support/shared-worker';
import { performRetryingHandover, refusalOf } from './support/tender-driver';
import { ppk, vendorA } from './support/tender-fixture';

/** Each: a report handed in and returned. LONG_LIVED_CYCLES lowers it for a quick local run (the suite runs 2,500). */
const CYCLES = Number(process.env.LONG_LIVED_CYCLES ?? 2_500);
const taskQueue = `tq-long-lived-${randomBytes(4).toString('hex')}`;
const packageId = `pkt-longlived${randomBytes(2).toString('hex')}`;
const workflowId = `paket-${packageId}`;

let db: Knex;
let client: Client;
let shared: SharedWorker;

before(
  async () => {
    db = createDb(testServices().databaseUrl);
    shared = await startSharedWorker(db, taskQueue);
    client = shared.client;
  },
  { timeout: 120_000 },
);

after(
  async () => {
    await shared?.stop([workflowId]);
    await db?.destroy();
  },
  { timeout: 60_000 },
);

// The timeout guards against a hang, not a speed: with the suite's lanes sharing two CPUs this test has taken 19 minutes
// (5,007 steps one after another, each written to the read model): 1,154 s in one lane run, over 1,200 s in the next.
test(`a swakelola agreement with ${2 * CYCLES + 7} steps continues as new and ends selesai`, { timeout: 2_700_000 }, async () => {
  const { definition, ...rest } = contractInput(packageId, {
    definition: 'pelaksanaan-swakelola',
    kind: 'swakelola',
    category: 'jasa_lainnya',
    value: 500 * JUTA,
    provider: leader.id,
  });
  const start: PackageStart = { ...rest, definitionRef: { id: definition.id, version: definition.version } };
  const h = await client.workflow.start(packageProcess, { taskQueue, workflowId, args: [start] });
  const firstRunId = h.firstExecutionRunId;
  let steps = 0;
  const step = async (action: string, actor: ActorRef, payload: Record<string, unknown>) => {
    const answer = await performRetryingHandover(h, { action, actor, payload });
    steps++;
    return answer;
  };
  const hashOf = (v: PackageView) => (v.data.documents as Record<string, { sha256: string }>).kesepakatan_swakelola!.sha256;

  // Ten years of execution at real time: the window's timer must survive every continue-as-new unchanged.
  await step('draft_contract', ppk, { number: 'KSP/LONG/2027', durationDays: 3650, plannedProgress: [100] });
  const drafted = await h.query(packageState);
  await step('sign_contract_penyedia', leader, { documentHash: hashOf(drafted) });
  await step('sign_contract_ppk', ppk, { documentHash: hashOf(drafted) });
  const executing = await h.query(packageState);
  assert.equal(executing.stage.id, 'execution');
  assert.ok(executing.stage.closesAt! > Date.now() + 3000 * 86_400_000, 'the execution window closes years from now');

  for (let i = 1; i <= CYCLES; i++) {
    const handed = await step('submit_progress_report', leader, { period: 1, physicalPercent: 10, evidence });
    assert.equal(handed.stageId, 'execution');
    await step('review_progress_report', ppk, { reportId: `laporan-${i}`, decision: 'kembalikan', note: `Kembali ${i}` });
  }
  await step('submit_progress_report', leader, { period: 1, physicalPercent: 100, evidence });
  const last = await h.query(packageState);
  assert.equal(last.stage.closesAt, executing.stage.closesAt, 'the deadline carried across every run unchanged');
  assert.deepEqual(last.assignments, executing.assignments);
  assert.equal((last.data.reports as unknown[]).length, CYCLES + 1, 'every report carried');
  await step('review_progress_report', ppk, { reportId: `laporan-${CYCLES + 1}`, decision: 'terima' });
  await step('request_handover', leader, {});
  const ended = await step('accept_handover', ppk, { bastNumber: 'BAST-SWA/LONG' });
  assert.equal(ended.status, 'selesai');
  const outcome = await h.result(); // follows the chain of runs to the last
  assert.equal(outcome.status, 'selesai');
  assert.equal(steps, 2 * CYCLES + 7);

  // The chain of runs, from the first: each ended by continuing as new, none with more updates than a run takes.
  const runs: { runId: string; updates: number; events: number }[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history: History = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = history.events ?? [];
    const updates = events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
    runs.push({ runId, updates, events: events.length });
    // Across the boundary: every run's history replays against the current workflow code.
    await ReplayWorker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, workflowId);
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  console.log(`runs: ${runs.map((r) => `${r.updates} updates / ${r.events} events`).join('; ')}`);
  assert.ok(runs.length >= Math.floor(steps / UPDATES_PER_RUN), `${runs.length} runs for ${steps} steps`);
  for (const r of runs) assert.ok(r.updates <= UPDATES_PER_RUN, `a run took ${r.updates} updates`);
  assert.equal(
    runs.reduce((n, r) => n + r.updates, 0),
    steps,
    'every step in exactly one run',
  );

  // The read model and the audit trail hold every event once, across the runs.
  const row = await db('packages').where({ id: packageId }).first();
  assert.equal(row!.status, 'selesai');
  assert.equal(Number(row!.last_seq), outcome.seq);
  const count = async (table: string) => Number((await db(table).where({ package_id: packageId }).count({ n: '*' }).first())?.n);
  assert.equal(await count('package_events'), outcome.seq, 'package_events: seq 1..n, no gap, no duplicate');
  assert.equal(await count('audit_log'), outcome.seq, 'one audit entry per event');
  assert.equal(((row!.view as PackageView).data.reports as unknown[]).length, CYCLES + 1, 'the stored view has every report');
});

test('a run full while a step brings a service task hands over after the service (no wait on itself)', { timeout: 180_000 }, async () => {
  // A new run after every update: the draft (document service) and the termination (sanction service) each arrive
  // while a run is draining for its hand-over; the run must run the service before it can hand over.
  const id = `pkt-longsvc${randomBytes(2).toString('hex')}`;
  const { definition, ...rest } = contractInput(id, { value: 190 * JUTA, provider: vendorA.id });
  const start: PackageStart = { ...rest, definitionRef: { id: definition.id, version: definition.version }, updatesPerRun: 1 };
  const h = await client.workflow.start(packageProcess, { taskQueue, workflowId: `paket-${id}`, args: [start] });
  try {
    const step = (action: string, actor: ActorRef, payload: Record<string, unknown>) =>
      performRetryingHandover(h, { action, actor, payload }).catch((e: unknown) => {
        throw new Error(`${action}: ${JSON.stringify(refusalOf(e) ?? String(e))}`);
      });
    await step('draft_contract', ppk, { number: 'K-SVC/2027', durationDays: 300, plannedProgress: [50, 100], maintenanceDays: 90, semiPermanent: true });
    const hash = ((await h.query(packageState)).data.documents as Record<string, { sha256: string }>).kontrak!.sha256;
    await step('sign_contract_ppk', ppk, { documentHash: hash });
    await step('sign_contract_penyedia', vendorA, { documentHash: hash });
    await step('issue_spmk', ppk, { number: 'SPMK/SVC', startDate: '2027-03-01' });
    const ended = await step('terminate_contract', ppk, { reason: 'Uji: pemutusan tepat saat run penuh.', grounds: 'lainnya' });
    assert.equal(ended.status, 'diputus');
    assert.equal((await h.result()).status, 'diputus');
    assert.equal((await db('packages').where({ id }).first('status'))!.status, 'diputus');
  } finally {
    await h.terminate('test selesai').catch(() => {});
  }
});

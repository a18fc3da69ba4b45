/**
 * The tender on Temporal's time-skipping test server with the real read-model activities on PostgreSQL: the whole
 * path to a signed contract with the objection period over a weekend, the zero-bid extension then gagal, and
 * refused steps staying out of the history.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleOption } from '@temporalio/worker';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Knex } from 'knex';
import { createActivities } from '../activities';
import { createDb } from '../db/connection';
import { sealedStepArgs } from './support/sealing';
import { wibDateTime, wibParts } from '../domain/calendar/working-time';
import type { StepCommand } from '../domain/process/engine';
import type { PackageInput } from '../domain/process/state';
import { resolveTemporalTestServer } from '../runtime/temporal-binaries';
import { workflowBundle } from '../runtime/workflow-bundle';
import { secondVote } from './support/tender-driver';
import { packageProcess, packageState, performStep } from '../workflows/package-process';
import './support/quiet-runtime';
import { contractIdOf, DEFAULT_DRAFT, signContract } from './support/contract-signing';
import { testServices } from './support/services';
import { prepareHandle } from './support/preparation';
import { evaluationAllPass, pokja, ppk, qualificationVerified, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let env: TestWorkflowEnvironment;
let db: Knex;
let bundle: WorkflowBundleOption;

before(async () => {
  db = createDb(testServices().databaseUrl);
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: resolveTemporalTestServer() } },
  });
  bundle = await workflowBundle();
});

after(async () => {
  await env?.teardown();
  await db?.destroy();
});

async function withWorker<T>(taskQueue: string, fn: () => Promise<T>): Promise<T> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: createActivities({ db, client: env.client, taskQueue }),
  });
  return worker.runUntil(fn());
}

/** Starts the package and passes its preparation (assignment by the head of the UKPBJ, Reviu DPP; issue 13). */
async function starter(taskQueue: string, input: PackageInput) {
  const h = await env.client.workflow.start(packageProcess, { taskQueue, workflowId: `paket-${input.packageId}`, args: [input] });
  await prepareHandle(h, input);
  return h;
}

/** Skips time to just after the current window's deadline. */
async function passWindow(handle: Awaited<ReturnType<typeof starter>>) {
  const s = await handle.query(packageState);
  assert.ok(s.stage.closesAt, `stage ${s.stage.id} has no deadline`);
  await env.sleep(s.stage.closesAt - (await env.currentTimeMs()) + 1000);
}

const step = (action: string, actor: StepCommand['actor'], payload: Record<string, unknown> = {}) => ({
  args: [{ action, actor, payload }] as [StepCommand],
});

/** A collegial Pokja decision: the member's proposal, then a second member's agreement (2 of 3). */
async function collegially(h: Awaited<ReturnType<typeof starter>>, action: string, actor: StepCommand['actor'], payload: Record<string, unknown> = {}) {
  await h.executeUpdate(performStep, step(action, actor, payload));
  const view = await h.query(packageState);
  await secondVote(view, action, actor, (voter, p) => h.executeUpdate(performStep, step('vote_decision', voter, p)));
}

describe('tender workflow on the time-skipping server', () => {
  test('main path to contract_signed; the objection period spans a weekend and ends on Monday', async () => {
    const taskQueue = 'tq-main';
    const input = tenderInput('pkt-tsmain0001');
    await withWorker(taskQueue, async () => {
      const h = await starter(taskQueue, input);
      await h.executeUpdate(performStep, step('announce', pokja));
      for (const v of [vendorA, vendorB, vendorC]) await h.executeUpdate(performStep, step('register', v));
      await passWindow(h);
      assert.equal((await h.query(packageState)).stage.id, 'clarification');
      await h.executeUpdate(performStep, step('ask_question', vendorB, { question: 'Berapa lama masa pemeliharaan?' }));
      await h.executeUpdate(performStep, step('answer_question', pokja, { questionId: 'questions-1', answer: '180 hari kalender.' }));
      await passWindow(h);
      await h.executeUpdate(performStep, await sealedStepArgs(db, h, 'submit_bid', vendorA, { price: 1_390_000_000 }));
      await h.executeUpdate(performStep, await sealedStepArgs(db, h, 'submit_bid', vendorB, { price: 1_350_000_000 }));
      await h.executeUpdate(performStep, await sealedStepArgs(db, h, 'submit_bid', vendorC, { price: 1_480_000_000 }));
      await passWindow(h);
      await assert.rejects(h.executeUpdate(performStep, step('submit_bid', vendorA, { price: 1 })), WorkflowUpdateFailedError);
      await collegially(h, 'open_bids', pokja);
      await collegially(h, 'evaluate', pokja, evaluationAllPass(vendorA, vendorB, vendorC));
      await h.executeUpdate(performStep, step('verify_qualification', pokja, qualificationVerified(vendorB)));
      const ranked = await h.query(packageState);
      assert.equal(ranked.stage.id, 'award_decision');
      assert.deepEqual((ranked.data.award as { winner: unknown }).winner, { vendorId: vendorB.id, price: 1_350_000_000 });
      await collegially(h, 'decide_award', pokja);

      // Announce the winner on a Monday at 10:00 WIB: 5 calendar days end on Saturday, so the period runs to Monday.
      const now = await env.currentTimeMs();
      const p = wibParts(now);
      const daysToMonday = (8 - p.dayOfWeek) % 7 || 7;
      const monday = wibDateTime(p.year, p.month, p.day, 10, 0) + daysToMonday * DAY;
      await env.sleep(monday - now);
      await h.executeUpdate(performStep, step('announce_award', pokja));
      const objection = await h.query(packageState);
      assert.equal(objection.stage.id, 'objection_period');
      const closes = objection.stage.closesAt!;
      assert.equal(wibParts(closes).dayOfWeek, 1, 'closes on a Monday');
      assert.equal(closes, monday + 7 * DAY - 2 * HOUR, 'Monday 08:00 WIB a week later');

      await env.sleep(5 * DAY + HOUR); // Saturday 11:00: still inside the period
      assert.equal((await h.query(packageState)).stage.id, 'objection_period');
      await env.sleep(closes - (await env.currentTimeMs()) + 1000);
      assert.equal((await h.query(packageState)).stage.id, 'sppbj');

      await h.executeUpdate(performStep, step('issue_sppbj', ppk, { number: '027/SPPBJ/PUPR/2026' }));
      // The contract is an E-Kontrak child; signing it there ends the tender as contract_signed.
      assert.equal((await h.query(packageState)).stage.id, 'contract_execution');
      const contract = env.client.workflow.getHandle<typeof packageProcess>(`paket-${contractIdOf(await h.query(packageState))}`);
      await signContract(contract, h, { ppk, provider: vendorB, draft: { ...DEFAULT_DRAFT, number: '027/KONTRAK/PUPR/2026' } }, 'tender');
      const link = (await h.query(packageState)).data.contractLink as { milestone: string; packageId: string };
      assert.equal(link.milestone, 'signed');
      assert.equal((await contract.query(packageState)).stage.id, 'spmk', 'the contract runs on to the SPMK');
      // The contract outlives the tender; here it would hold the test server's clock, which skips to its timeout.
      await contract.terminate('test done');
      const result = await h.result();
      assert.equal(result.status, 'contract_signed');

      const events = await db('package_events').where({ package_id: input.packageId }).orderBy('seq');
      assert.deepEqual(
        events.map((e) => e.seq),
        Array.from({ length: result.seq }, (_, i) => i + 1),
      );
      const row = await db('packages').where({ id: input.packageId }).first();
      assert.equal(row!.status, 'contract_signed');
      assert.equal(row!.last_seq, result.seq);
      const stages = await db('package_stages').where({ package_id: input.packageId }).orderBy('entered_seq');
      assert.deepEqual(
        stages.map((s) => s.stage_id),
        [
          'officer_assignment',
          'dpp_review',
          'dpp_review_minutes',
          'announcement',
          'registration',
          'clarification',
          'bid_submission',
          'bid_opening',
          'bid_unsealing',
          'evaluation',
          'ranking',
          'qualification_verification',
          'award_decision',
          'award_announcement',
          'objection_period',
          'sppbj',
          'sppbj_document',
          'prepare_contract',
          'contract_execution',
          'contract_signed',
        ],
      );
      assert.equal(
        await db('package_tasks')
          .where({ package_id: input.packageId, status: 'open' })
          .count()
          .first()
          .then((r) => Number(r!.count)),
        0,
      );
    });
  });

  test('no bids: the window is extended once, then the tender fails (gagal)', async () => {
    const taskQueue = 'tq-nobids';
    const input = tenderInput('pkt-tsnobids01');
    await withWorker(taskQueue, async () => {
      const h = await starter(taskQueue, input);
      await h.executeUpdate(performStep, step('announce', pokja));
      await h.executeUpdate(performStep, step('register', vendorA));
      await passWindow(h); // registration
      await passWindow(h); // clarification
      assert.equal((await h.query(packageState)).stage.id, 'bid_submission');
      await passWindow(h);
      const extended = await h.query(packageState);
      assert.equal(extended.stage.id, 'bid_extension');
      assert.equal(extended.status, 'active');
      await passWindow(h);
      // Pasal 51(2)b: the Pokja declares the tender failed (collegially: a second member agrees) → tender ulang.
      assert.equal((await h.query(packageState)).stage.id, 'failure_no_bids');
      const declaration = { cause: 'b', followUp: 'tender_ulang', reason: 'Tidak ada penawaran setelah perpanjangan.' };
      await h.executeUpdate(performStep, step('declare_failure', pokja, declaration));
      await h.executeUpdate(performStep, step('vote_decision', { ...pokja, id: 'pokja-2' }, { action: 'declare_failure', agree: true }));
      const result = await h.result();
      assert.deepEqual([result.status, result.outcome], ['gagal', 'failed']);
      const row = await db('packages').where({ id: input.packageId }).first();
      assert.deepEqual([row!.status, row!.stage_id], ['gagal', 'failed_retender']);
      const followUp = (await h.query(packageState)).data.followUp as { packageId: string };
      await env.client.workflow
        .getHandle(`paket-${followUp.packageId}`)
        .terminate('uji selesai')
        .catch(() => undefined);
    });
  });

  test('refused steps are answered synchronously and never enter the history', async () => {
    const taskQueue = 'tq-refusals';
    const input = tenderInput('pkt-tsrefuse01');
    await withWorker(taskQueue, async () => {
      const h = await starter(taskQueue, input);
      const refusal = async (p: Promise<unknown>) => {
        const e = await p.then(
          () => assert.fail('expected a refusal'),
          (x: unknown) => x,
        );
        assert.ok(e instanceof WorkflowUpdateFailedError);
        const cause = e.cause as { type?: string; details?: { status: number; code: string }[] };
        assert.equal(cause.type, 'StepRefused');
        return cause.details![0]!;
      };
      assert.deepEqual(await refusal(h.executeUpdate(performStep, step('announce', vendorA))), {
        status: 403,
        code: 'forbidden_role',
        details: { required: ['pokja'] },
      });
      assert.equal((await refusal(h.executeUpdate(performStep, step('submit_bid', vendorA, { price: 5 })))).code, 'wrong_stage');
      assert.equal((await refusal(h.executeUpdate(performStep, step('announce', pokja, { note: 7 })))).status, 422);
      await h.executeUpdate(performStep, step('announce', pokja));
      await h.executeUpdate(performStep, step('cancel', ppk, { reason: 'Perubahan kebijakan anggaran daerah.' }));
      assert.equal((await h.result()).status, 'batal');

      const history = await h.fetchHistory();
      const accepted = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
      // The three preparation steps (assignment, Reviu DPP, co-signature), then the announcement and the cancellation.
      assert.equal(accepted.length, 5, 'only the accepted steps are in the history');
    });
  });
});

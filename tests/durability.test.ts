/**
 * Durability: a tender survives its worker process being killed (SIGKILL, no graceful shutdown) twice — once in the
 * bid window, with a bid sent while no worker runs, and once right after a step was accepted, while its read-model
 * write is in flight — and the read model ends up exactly as if nothing had happened: events 1..N without gaps or
 * duplicates, one stage row per stage entered, no open tasks.
 *
 * Runs against the shared dev server and database that bin/test.ts starts, with real `bin/worker.ts` processes on a
 * task queue of its own.
 */
import { Client, Connection, WorkflowUpdateStage } from '@temporalio/client';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb } from '../db/connection';
import { defaultKeyProvider } from '../runtime/crypto/key-provider';
import { EncryptionCodec } from '../runtime/crypto/payload-codec';
import type { PackageView } from '../domain/process/engine';
import { packageProcess, packageState, performStep } from '../workflows/package-process';
import { testServices } from './support/services';
import { bid as sealedBid, step, waitForStage, type PackageHandle, proposeOnly, pokjaMember } from './support/tender-driver';
import { contractIdOf, DEFAULT_DRAFT, signContract } from './support/contract-signing';
import { prepareHandle } from './support/preparation';
import { evaluationAllPass, pokja, ppk, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';
import { spawnWorker, type WorkerProcess } from './support/worker-process';

const uid = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const packageId = `pkt-dur${uid}`;
const workflowId = `paket-${packageId}`;
const taskQueue = `durability-${uid}`;

/** A day lasts about 1.7 s. */
const TIME_SCALE = 0.00002;
/**
 * Windows long enough for what happens inside them. The bid window (about 20 calendar days, some 35 s) must outlast a
 * worker restart: a few seconds of bundling plus up to 10 s before the server gives up on the dead worker's sticky
 * queue and hands the workflow task to the new worker. The objection period keeps its legal minimum of 5 days.
 */
const SCHEDULE = { registrationDays: 3, clarificationDays: 2, bidSubmissionDays: 14 };

/** temporal.api.enums.v1.PendingActivityState, for the diagnostics. */
const ACTIVITY_STATE: Record<number, string> = { 1: 'scheduled', 2: 'started', 3: 'cancel requested', 4: 'paused' };

describe('durability: the worker process is killed mid-tender', { timeout: 300_000 }, () => {
  const { temporalAddress, databaseUrl } = testServices();
  const workers: WorkerProcess[] = [];
  let connection: Connection;
  let client: Client;
  let db: Knex;
  let handle: PackageHandle | undefined;

  const startWorker = async (): Promise<WorkerProcess> => {
    const w = spawnWorker({ temporalAddress, databaseUrl, taskQueue });
    workers.push(w);
    await w.ready;
    return w;
  };

  before(async () => {
    connection = await Connection.connect({ address: temporalAddress });
    // The worker child is bin/worker.ts, which encrypts every payload: this client talks to it with the same codec.
    client = new Client({ connection, namespace: 'default', dataConverter: { payloadCodecs: [await EncryptionCodec.create(defaultKeyProvider())] } });
    db = createDb(databaseUrl, { pool: { min: 0, max: 2 } });
  });

  after(async () => {
    // Whatever happened: no worker outlives the test, and a half-run tender does not keep timers on the shared server.
    await Promise.all(workers.map((w) => w.kill()));
    if (handle) {
      const { status } = await handle.describe().catch(() => ({ status: { name: 'UNKNOWN' } }));
      if (status.name === 'RUNNING') await handle.terminate('durability test ended').catch(() => undefined);
    }
    await connection?.close();
    await db?.destroy();
  });

  test('a tender finishes to contract_signed across two SIGKILLed workers, read model intact', async (t) => {
    const t0 = Date.now();
    const mark = (what: string) => t.diagnostic(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);

    const w1 = await startWorker();
    mark(`worker 1 (pid ${w1.pid}) running`);
    const input = tenderInput(packageId, { timeScale: TIME_SCALE, schedule: SCHEDULE });
    handle = await client.workflow.start(packageProcess, {
      workflowId,
      taskQueue,
      args: [input],
    });
    const h = handle;

    // The preparation since issue 13: the head of the UKPBJ assigns the Pokja, the Reviu DPP is recorded and co-signed.
    await prepareHandle(h, input);
    await step(h, 'announce', pokja, { note: 'Uji ketahanan.' });
    for (const v of [vendorA, vendorB, vendorC]) await step(h, 'register', v);
    await waitForStage(h, 'clarification');
    await step(h, 'ask_question', vendorB, { question: 'Apakah jaminan penawaran diperlukan?' });
    await step(h, 'answer_question', pokja, { questionId: 'questions-1', answer: 'Tidak diperlukan.' });
    const bidWindow = await waitForStage(h, 'bid_submission');
    await sealedBid(db, h, input, vendorA, { price: 1_250_000_000 });
    await sealedBid(db, h, input, vendorB, { price: 1_300_000_000 });
    mark(`two bids in; bid window closes in ${((bidWindow.stage.closesAt! - Date.now()) / 1000).toFixed(1)} s`);

    // ---- kill 1: in the bid window --------------------------------------------------------------------------------
    await w1.kill();
    assert.equal((await w1.exited).signal, 'SIGKILL');
    mark('worker 1 killed (SIGKILL)');

    // A bid sent while no worker runs: it must wait, not fail, and complete once a worker is back.
    const sentAt = Date.now();
    const pendingBid = sealedBid(db, h, input, vendorC, { price: 1_400_000_000 });
    const settled = pendingBid.then(
      (v) => ({ ok: true as const, v, at: Date.now() }),
      (e: unknown) => ({ ok: false as const, e, at: Date.now() }),
    );
    const early = await Promise.race([settled, sleep(3_000, 'still pending' as const)]);
    assert.equal(early, 'still pending', 'with no worker running, a step cannot complete');

    const w2 = await startWorker();
    mark(`worker 2 (pid ${w2.pid}) running`);
    const bid = await settled;
    if (!bid.ok) throw bid.e;
    mark(`the bid sent while no worker ran completed ${((bid.at - sentAt) / 1000).toFixed(1)} s after it was sent`);
    assert.equal((bid.v.data.bids as unknown[]).length, 3, 'the third bid is in (sealed, but counted)');
    assert.equal(bid.v.stage.id, 'bid_submission', 'and it landed inside the window');

    await waitForStage(h, 'bid_opening', 90_000);

    // ---- kill 2: right after a step, while its read-model write is in flight ---------------------------------------
    // Accepted means the worker ran the step; its read-model write (a local activity since compact histories) runs in
    // the same workflow task, and the update answers only once that write is done. Kill now: whatever was in flight is
    // done again by the next worker (the write is idempotent). (Not `evaluate`: the ranking service task it starts
    // would, lost with the worker, only be retried after its 2-minute start-to-close timeout.)
    // The opening is collegial: one member proposes it, the kill comes right after the second member's agreement.
    await proposeOnly(h, 'open_bids', pokja, { note: 'Dibuka oleh Pokja.' });
    const opening = await h.startUpdate(performStep, {
      args: [{ action: 'vote_decision', actor: pokjaMember('pokja-2'), payload: { action: 'open_bids', agree: true } }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await w2.kill();
    const pending = ((await h.describe()).raw.pendingActivities ?? []).map(
      (a) => `${a.activityType?.name} ${ACTIVITY_STATE[a.state ?? 0] ?? a.state} (attempt ${a.attempt})`,
    );
    mark(`worker 2 killed right after 'open_bids' was accepted; in flight: ${pending.join(', ') || 'nothing'}`);

    const w3 = await startWorker();
    mark(`worker 3 (pid ${w3.pid}) running`);
    // A workflow task lost with its worker is retried after its timeout; a local activity in it runs again.
    const opened = await opening.result();
    assert.equal(opened.stageId, 'evaluation');
    mark(`'open_bids' answered (seq ${opened.seq})`);

    await step(h, 'evaluate', pokja, evaluationAllPass(vendorA, vendorB, vendorC));
    await step(h, 'verify_qualification', pokja, { vendorId: vendorA.id, passed: true });
    const award: PackageView = await waitForStage(h, 'award_decision', 60_000);
    assert.deepEqual((award.data.award as { winner?: unknown }).winner, { vendorId: vendorA.id, price: 1_250_000_000 });
    mark('evaluated and ranked: vendor-a wins');

    await step(h, 'decide_award', pokja);
    await step(h, 'announce_award', pokja);
    await waitForStage(h, 'sppbj', 60_000);
    await step(h, 'issue_sppbj', ppk, { number: 'SPPBJ/DUR/2026' });
    // The contract is the E-Kontrak child workflow, run by the same (third) worker.
    const contract = client.workflow.getHandle<typeof packageProcess>(`paket-${contractIdOf(await h.query(packageState))}`);
    await signContract(contract, h, { ppk, provider: vendorA, draft: { ...DEFAULT_DRAFT, number: 'K-DUR/2026' } }, 'durability');
    const result = await h.result();
    mark(`workflow completed: ${JSON.stringify(result)}`);
    assert.equal(result.status, 'contract_signed');
    assert.equal(result.outcome, 'completed');
    const N = result.seq;
    assert.equal((await h.query(packageState)).seq, N, 'the query and the result agree on the last seq');

    // ---- the read model ---------------------------------------------------------------------------------------------
    const events: { seq: number; type: string; stage_id: string }[] = await db('package_events')
      .where({ package_id: packageId })
      .orderBy('seq')
      .select('seq', 'type', 'stage_id');
    assert.deepEqual(
      events.map((e) => e.seq),
      Array.from({ length: N }, (_, i) => i + 1),
      'package_events holds seqs 1..N, no gaps, no duplicates',
    );
    assert.equal(events[0]!.type, 'package_created');
    assert.deepEqual(events[N - 1], { seq: N, type: 'package_ended', stage_id: 'contract_signed' });
    // 3 preparation steps (assignment, Reviu DPP, co-signature) + 15 of the selection; a vote is a decision_voted event.
    assert.equal(events.filter((e) => e.type === 'action_performed').length, 18, 'every accepted step exactly once');
    const contractEvents = await db('package_events')
      .where({ package_id: contract.workflowId.slice('paket-'.length) })
      .orderBy('seq');
    const childSeq = (await contract.query(packageState)).seq;
    assert.deepEqual(
      contractEvents.map((e) => e.seq),
      Array.from({ length: childSeq }, (_, i) => i + 1),
      'the contract read model: 1..N',
    );

    const stages: { entered_seq: number; stage_id: string; left_at: Date | null }[] = await db('package_stages')
      .where({ package_id: packageId })
      .orderBy('entered_seq')
      .select('entered_seq', 'stage_id', 'left_at');
    const entered = events.filter((e) => e.type === 'stage_entered');
    assert.deepEqual(
      stages.map((s) => [s.entered_seq, s.stage_id]),
      entered.map((e) => [e.seq, e.stage_id]),
      'one package_stages row per stage_entered event',
    );
    assert.deepEqual(
      stages.filter((s) => s.left_at === null).map((s) => s.stage_id),
      ['contract_signed'],
      'every stage but the last was left',
    );

    const pkg = await db('packages').where({ id: packageId }).first('last_seq', 'status', 'stage_id', 'workflow_id');
    assert.deepEqual(pkg, { last_seq: N, status: 'contract_signed', stage_id: 'contract_signed', workflow_id: workflowId });

    const open = await db('package_tasks').where({ package_id: packageId, status: 'open' }).select('action', 'stage_id');
    assert.deepEqual(open, [], 'no open tasks remain');
    mark(`read model verified: ${N} events, ${stages.length} stages`);
  });
});

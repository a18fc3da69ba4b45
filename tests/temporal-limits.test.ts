/**
 * Issue 14 point 2: a package that hits a Temporal server limit gets a structured refusal naming the limit, in Bahasa
 * Indonesia, never a 500 (api/temporal-limits.ts). Four dev servers of this file's own, each started with tiny limits
 * (dynamic config), the run's PostgreSQL, the real app and worker; real tenders driven through the API:
 *  - history.maxInFlightUpdates = 1: with the worker away one registration stays in flight; a second vendor's is
 *    refused 503 process_busy + Retry-After and not applied; the production client (SDK retries) rides the same burst
 *    out; the refused step goes through when retried;
 *  - history.maxTotalUpdates = 8 (continue-as-new suggested only at the cap): the workflow continues as new before a
 *    sequence of steps meets the cap, so a burst of 9 held in flight meets it: the surplus is refused 429
 *    process_limit_reached + Retry-After, not applied, and goes through once retried (the next run takes it);
 *  - limit.historyCount.error: registrations until the server ends the run; the step that pushed it over and every
 *    later one get 409 process_limit_reached naming the limit (the later ones are not applied);
 *  - limit.blobSize.error and frontend.namespaceRPS (no worker: the frontend refuses): a create is refused 413 naming
 *    the blob limit, concurrent creates beyond the rate 503 naming the rate limit; no package is created.
 */
import './support/quiet-runtime';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { WorkflowBundleOption } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import type { Knex } from 'knex';
import type { Actor } from '../api/auth/actor';
import { type DevIssuer, loadOrCreateDevIssuer } from '../api/auth/dev-issuer';
import { createDb } from '../db/connection';
import { seedDemo } from '../db/seed-demo';
import { workflowBundle } from '../runtime/workflow-bundle';
import { tenderBody } from './support/auth-stack';
import { type LimitStack, type Reply, startLimitStack } from './support/limit-stack';
import { prepareCreated } from './support/preparation';
import { testServices } from './support/services';

const TOTAL_UPDATES = 8;
/** More registrations at once than a run can take (TOTAL_UPDATES), fewer than the in-flight cap (10). */
const BURST = TOTAL_UPDATES + 1;
const HISTORY_EVENTS = 150;
const vendor = (tag: string, n: number): Actor => ({ id: `lim-${tag}-v${n}`, name: `CV Uji Batas ${n}`, roles: ['penyedia'], org: `lim-${tag}-firm-${n}` });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Temporal limits: a named refusal, never a 500', { timeout: 240_000 }, () => {
  let db: Knex;
  let issuer: DevIssuer;
  let keyDir: string;
  let bundle: WorkflowBundleOption;
  const stacks: LimitStack[] = [];
  let inflight: LimitStack;
  let total: LimitStack;
  let history: LimitStack;
  let frontend: LimitStack; // blob size and namespace rate, no worker

  before(async () => {
    db = createDb(testServices().databaseUrl);
    await seedDemo(db);
    keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-limits-keys-'));
    issuer = await loadOrCreateDevIssuer(keyDir);
    bundle = await workflowBundle();
    [inflight, total, history, frontend] = await Promise.all([
      startLimitStack({ db, issuer, bundle, dynamicConfig: { 'history.maxInFlightUpdates': 1 } }),
      startLimitStack({
        db,
        issuer,
        bundle,
        dynamicConfig: {
          'history.maxTotalUpdates': TOTAL_UPDATES,
          // The server suggests continuing as new at 90% of the cap by default, which the workflow follows; at 100% the
          // suggestion comes only once the cap is reached, so the cap itself is what a burst meets.
          'history.maxTotalUpdates.suggestContinueAsNewThreshold': 1,
        },
      }),
      startLimitStack({ db, issuer, bundle, dynamicConfig: { 'limit.historyCount.error': HISTORY_EVENTS, 'limit.historyCount.warn': HISTORY_EVENTS - 10 } }),
      startLimitStack({
        db,
        issuer,
        dynamicConfig: { 'limit.blobSize.error': 512, 'limit.blobSize.warn': 256, 'frontend.namespaceRPS': 1, 'frontend.namespaceBurstRatio': 1 },
      }),
    ]);
    stacks.push(inflight, total, history, frontend);
  });
  after(async () => {
    await Promise.all(stacks.map((s) => s.close()));
    await db?.destroy();
    if (keyDir) fs.rmSync(keyDir, { recursive: true, force: true });
  });

  /** A tender created and prepared through the API, announced, in its registration window. */
  const tenderInRegistration = async (s: LimitStack, title: string): Promise<string> => {
    const created = await s.call('ppk.budi', 'POST', '/api/packages', tenderBody(title));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    await prepareCreated((who, p, b) => s.call(who, 'POST', p, b), id, created.body.live?.stage?.id ?? created.body.stageId);
    const announced = await s.call('pokja.sari', 'POST', `/api/packages/${id}/tasks/announce`, { payload: {} });
    assert.equal(announced.status, 200, JSON.stringify(announced.body));
    assert.equal((await stageOf(id)).stage_id, 'registration');
    return id;
  };
  const stageOf = (id: string) => db('packages').where({ id }).first('stage_id', 'last_seq') as Promise<{ stage_id: string; last_seq: number }>;
  const registered = async (id: string) =>
    (await db('package_events').where({ package_id: id, action: 'register' }).orderBy('seq').pluck('actor_id')) as string[];
  const register = (s: LimitStack, id: string, v: Actor, key: string, base?: string): Promise<Reply> =>
    s.call(v, 'POST', `/api/packages/${id}/tasks/register`, { payload: {} }, { base, headers: { 'idempotency-key': key } });
  /**
   * Until the run has a workflow task waiting for a worker and, when named, that update is admitted (in flight): a
   * pending task alone may be another's (a timer), and the request after it must not overtake it.
   */
  const untilAdmitted = async (st: LimitStack, id: string, updateId?: string) => {
    const handle = st.client.workflow.getHandle(`paket-${id}`);
    const admitted = async () => {
      if (!updateId) return true;
      const updateRef = { workflowExecution: { workflowId: `paket-${id}` }, updateId };
      const waitPolicy = { lifecycleStage: temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED };
      return st.client
        .withDeadline(Date.now() + 1000, () =>
          st.client.workflowService.pollWorkflowExecutionUpdate({ namespace: 'default', updateRef, waitPolicy, identity: 'uji' }),
        )
        .then(
          () => true,
          () => false,
        ); // NOT_FOUND until the server has it
    };
    for (let i = 0; i < 200; i++) {
      if ((await handle.describe()).raw.pendingWorkflowTask && (await admitted())) return;
      await sleep(25);
    }
    throw new Error('the update was not admitted');
  };

  test('in-flight updates: 503 process_busy + Retry-After naming history.maxInFlightUpdates; not applied; a retry goes through', async () => {
    const id = await tenderInRegistration(inflight, 'Rehabilitasi Saluran Cirarab (uji batas update bersamaan)');
    const [first, second, third] = [1, 2, 3].map((n) => vendor('inflight', n)) as [Actor, Actor, Actor];
    const before = await stageOf(id);
    // No worker: the first registration is admitted and stays in flight until one comes back.
    await inflight.stopWorker();
    // Through the production-like client (it retries RESOURCE_EXHAUSTED): while the worker comes back, its own wait for
    // the outcome may meet the limit too, which that client rides out as production does.
    const firstAnswer = register(inflight, id, first, 'lim-inflight-1', inflight.retryingUrl);
    await untilAdmitted(inflight, id, `${first.id}:lim-inflight-1`);
    const refused = await register(inflight, id, second, 'lim-inflight-2');
    // The production client retries RESOURCE_EXHAUSTED itself (from 1 s on): this one waits out the same burst.
    const thirdAnswer = register(inflight, id, third, 'lim-inflight-3', inflight.retryingUrl);
    await sleep(300);
    assert.equal((await stageOf(id)).last_seq, before.last_seq, 'nothing applied while no worker runs');
    await inflight.startWorker();

    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal(refused.headers.get('retry-after'), '5');
    assert.equal(refused.body.error.code, 'process_busy');
    assert.deepEqual(refused.body.error.details, { limit: 'history.maxInFlightUpdates', packageId: id, retryable: true });
    assert.match(refused.body.error.message, /sekaligus \(batas Temporal history\.maxInFlightUpdates\)\. Langkah ini belum diterapkan; ulangi/);
    const first200 = await firstAnswer;
    assert.equal(first200.status, 200, JSON.stringify(first200.body));
    const third200 = await thirdAnswer;
    assert.equal(third200.status, 200, `the retrying client rides the burst out: ${JSON.stringify(third200.body)}`);
    // Not applied: only the first and third vendors registered, and the read model is at the last applied event.
    // In either order: the first, admitted while no worker ran, may be dropped by the server when the returning worker's
    // first task does not take it up; the SDK then sends it again under the same update id, after the third.
    assert.deepEqual((await registered(id)).sort(), [first.id, third.id].sort());
    const { last_seq } = await stageOf(id);
    assert.equal(last_seq, Number((await db('package_events').where({ package_id: id }).max({ m: 'seq' }).first())!.m));
    // Transient: the same step, retried with the same key, goes through.
    const retried = await register(inflight, id, second, 'lim-inflight-2');
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    assert.deepEqual((await registered(id)).sort(), [first.id, third.id, second.id].sort());
    assert.equal((await registered(id)).at(-1), second.id, 'the retried step came last');
  });

  test('total updates per run: a burst beyond the cap is refused 429 process_limit_reached + Retry-After; not applied; retried, it goes through', async () => {
    const id = await tenderInRegistration(total, 'Pembangunan Jembatan Cikokol (uji batas jumlah update)');
    const vendors = Array.from({ length: BURST }, (_, n) => vendor('total', n));
    // No worker: every admitted registration stays in flight while the rest of the burst arrives, so the run cannot
    // continue as new in between (it waits for its handlers), whatever it took before.
    await total.stopWorker();
    const pending = vendors.map((v, n) => register(total, id, v, `lim-total-${n}`));
    await untilAdmitted(total, id);
    await sleep(500);
    await total.startWorker();
    const answers = await Promise.all(pending);
    assert.deepEqual(
      answers.filter((r) => r.status !== 200 && r.status !== 429).map((r) => r.body),
      [],
      'only steps taken and the named refusal',
    );
    const refused = answers.flatMap((r, n) => (r.status === 429 ? [{ r, v: vendors[n]!, n }] : []));
    assert.ok(refused.length >= 1, 'the burst met the cap');
    for (const { r } of refused) {
      assert.equal(r.headers.get('retry-after'), '5');
      assert.equal(r.body.error.code, 'process_limit_reached');
      assert.deepEqual(r.body.error.details, { limit: 'history.maxTotalUpdates', packageId: id, retryable: true });
      assert.match(r.body.error.message, /langkah maksimum untuk satu putaran \(batas Temporal history\.maxTotalUpdates\)\. Langkah ini tidak diterapkan/);
    }
    // Not applied: exactly the vendors answered 200 are registered, and the read model is at its last event.
    const taken = vendors.filter((_, n) => answers[n]!.status === 200).map((v) => v.id);
    assert.deepEqual((await registered(id)).sort(), taken.sort());
    const { last_seq } = await stageOf(id);
    assert.equal(last_seq, Number((await db('package_events').where({ package_id: id }).max({ m: 'seq' }).first())!.m));
    // Retryable: the run continues as new at the cap, and the next one takes the step.
    for (const { v, n } of refused) {
      let r = await register(total, id, v, `lim-total-${n}`);
      for (let i = 0; i < 20 && r.status === 429; i++) {
        await sleep(250);
        r = await register(total, id, v, `lim-total-${n}`);
      }
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    assert.deepEqual((await registered(id)).sort(), vendors.map((v) => v.id).sort());
  });

  test('history count: the server ends the run; the step that did it and every later one: 409 process_limit_reached, limit.historyCount.error', async () => {
    const id = await tenderInRegistration(history, 'Normalisasi Kali Angke (uji batas panjang riwayat)');
    const answers: Reply[] = [];
    let refused: Reply | undefined;
    for (let n = 0; n < 80 && !refused; n++) {
      const r = await register(history, id, vendor('history', n), `lim-history-${n}`);
      answers.push(r);
      if (r.status !== 200) refused = r;
    }
    assert.ok(refused, 'the history limit was never reached');
    assert.ok(answers.length > 1, 'registrations were taken before the limit');
    const described = await history.client.workflow.getHandle(`paket-${id}`).describe();
    assert.equal(described.status.name, 'TERMINATED', 'the server ended the run');
    const named = { limit: 'limit.historyCount.error', packageId: id, retryable: false, reason: 'Workflow history count exceeds limit.' };
    // The step that pushed the history over was accepted, and its read-model write may be done: not said unapplied.
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'process_limit_reached');
    const during = refused.body.error.details.stepRecorded === 'unknown';
    assert.deepEqual(refused.body.error.details, during ? { ...named, stepRecorded: 'unknown' } : named);
    assert.match(refused.body.error.message, /dihentikan server Temporal karena riwayatnya melampaui batas \(limit\.historyCount\.error\)\. .*hubungi admin/);
    // Every later step is told why, and nothing of it is written.
    const before = await stageOf(id);
    const again = await register(history, id, vendor('history', 99), 'lim-history-99');
    assert.equal(again.status, 409, JSON.stringify(again.body));
    assert.equal(again.body.error.code, 'process_limit_reached');
    assert.deepEqual(again.body.error.details, named);
    assert.match(again.body.error.message, /melampaui batas \(limit\.historyCount\.error\)\. Langkah tidak diterapkan; hubungi admin untuk memulihkan paket\./);
    assert.equal((await stageOf(id)).last_seq, before.last_seq, 'nothing written for the refused step');
    assert.ok(!(await registered(id)).includes(vendor('history', 99).id));
  });

  test('blob size and namespace rate at the frontend: 413 and 503 naming the limit; no package created', async () => {
    await sleep(1_100); // the rate bucket (1 per second) full again
    const title = 'Pengadaan Alat Berat (uji batas ukuran blob)';
    const big = await frontend.call('ppk.budi', 'POST', '/api/packages', tenderBody(title));
    assert.equal(big.status, 413, JSON.stringify(big.body));
    assert.equal(big.body.error.code, 'process_limit_reached');
    assert.deepEqual(big.body.error.details, { limit: 'limit.blobSize.error', retryable: false });
    assert.match(big.body.error.message, /melampaui ukuran yang diterima server Temporal \(batas limit\.blobSize\.error\)\. Tidak ada yang diubah/);
    const burst = await Promise.all([1, 2, 3].map(() => frontend.call('ppk.budi', 'POST', '/api/packages', tenderBody(title))));
    assert.deepEqual(
      burst.filter((r) => r.status !== 413 && r.status !== 503).map((r) => r.body),
      [],
      'only the two named refusals',
    );
    const limited = burst.find((r) => r.status === 503);
    assert.ok(limited, `a create beyond the rate is refused 503: ${burst.map((r) => r.status).join(',')}`);
    assert.equal(limited.headers.get('retry-after'), '5');
    assert.equal(limited.body.error.code, 'process_busy');
    assert.deepEqual(limited.body.error.details, { limit: 'frontend.namespaceRPS', retryable: true });
    assert.match(limited.body.error.message, /terlalu banyak permintaan \(batas Temporal frontend\.namespaceRPS\)\. Permintaan ini belum diproses/);
    assert.equal(Number((await db('packages').where({ title }).count({ n: '*' }).first())!.n), 0, 'no package row');
  });
});

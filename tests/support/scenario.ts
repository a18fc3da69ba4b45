/**
 * Table-driven workflow tests on the time-skipping server: a scenario is a package input and a list of steps
 * (perform, expect a refusal, skip past the current deadline, check the stage), run by the real interpreter workflow
 * with the real activities on the test PostgreSQL. Each method's test file is a list of scenarios.
 */
import './quiet-runtime';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleOption } from '@temporalio/worker';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createActivities } from '../../activities';
import { createDb } from '../../db/connection';
import type { PackageView, StepCommand } from '../../domain/process/engine';
import type { ActorRef, PackageInput } from '../../domain/process/state';
import { resolveTemporalTestServer } from '../../runtime/temporal-binaries';
import { workflowBundle } from '../../runtime/workflow-bundle';
import { packageProcess, packageState, performStep, readModelSynced } from '../../workflows/package-process';
import { ApiError } from '../../api/errors';
import { contractIdOf, type Handle, signContract } from './contract-signing';
import { secondVote } from './tender-driver';
import { prepareHandle, startsWithPreparation, withHead } from './preparation';
import { fixtureOfficersAreUsers } from './fixture-officers';
import { workflowPayload } from './sealing';
import { testServices } from './services';

/** A payload, or a function of the live view for payloads that quote it (a signature on the current hash). */
type Payload = Record<string, unknown> | ((view: PackageView) => Record<string, unknown>);

export type ScenarioStep =
  /**
   * Perform a step. A collegial Pokja step becomes a proposal, which a second assigned member approves at once unless
   * `alone` (a test of the collegial rule itself).
   */
  | { do: string; as: ActorRef; payload?: Payload; alone?: boolean }
  | { refuse: string; as: ActorRef; payload?: Payload; status: number; code?: string }
  /** Skip time to just after the current stage's deadline (a window closing, a task timing out). */
  | { passDeadline: true }
  | { sleep: number }
  | { expectStage: string }
  | { check: (view: PackageView, ctx: ScenarioContext) => void | Promise<void> }
  /**
   * From a package waiting in its E-Kontrak hand-off: draft the contract (a default draft unless given), hand in the
   * performance security when one is required, and sign the contract document's hash as the PPK and the provider.
   */
  | { signContract: { ppk: ActorRef; provider: ActorRef; draft?: Record<string, unknown> } }
  /** Direct the following steps to the package's E-Kontrak child ('contract') or back to the package itself. */
  | { in: 'contract' | 'package' };

/** What a check may look at besides the live view: the read model and the Temporal client (for linked packages). */
export interface ScenarioContext {
  db: Knex;
  client: TestWorkflowEnvironment['client'];
}

export interface Scenario {
  name: string;
  input: PackageInput;
  steps: ScenarioStep[];
  /** The package's final status; the workflow must have ended with it. Omit when the scenario stops mid-way. */
  endStatus?: string;
  /** The E-Kontrak child's final status, when the scenario drives the contract to its end. */
  contractEndStatus?: string;
  /**
   * A definition that starts with the preparation (assignment by the head of the UKPBJ, Reviu DPP) is prepared before
   * the steps (tests/support/preparation.ts), unless `preparation: false` (a test of the preparation itself).
   */
  preparation?: false;
}

let seq = 0;

export function runScenarios(title: string, scenarios: Scenario[]): void {
  describe(title, () => {
    let env: TestWorkflowEnvironment;
    let db: Knex;
    let bundle: WorkflowBundleOption;
    before(async () => {
      db = createDb(testServices().databaseUrl);
      await fixtureOfficersAreUsers(
        db,
        scenarios.map((sc) => withHead(sc.input)),
      );
      env = await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: resolveTemporalTestServer() } },
      });
      bundle = await workflowBundle();
    });
    after(async () => {
      await env?.teardown();
      await db?.destroy();
    });

    for (const sc of scenarios) {
      test(sc.name, async () => {
        const taskQueue = `tq-scenario-${++seq}`;
        const worker = await Worker.create({
          connection: env.nativeConnection,
          taskQueue,
          workflowBundle: bundle,
          activities: createActivities({ db, client: env.client, taskQueue }),
        });
        await worker.runUntil(async () => {
          const prepare = sc.preparation !== false && startsWithPreparation(sc.input);
          const input = prepare ? withHead(sc.input) : sc.input;
          const h = await env.client.workflow.start(packageProcess, {
            taskQueue,
            workflowId: `paket-${sc.input.packageId}`,
            args: [input],
          });
          const parent: Handle = h;
          if (prepare) await prepareHandle(h, input);
          try {
            let target: Handle = h;
            const sealed = async (on: Handle, action: string, as: ActorRef, payload: Record<string, unknown> = {}) =>
              on === parent
                ? workflowPayload(db, { definition: sc.input.definition, packageId: sc.input.packageId, action, vendorId: as.id, payload })
                : payload;
            const child = async (): Promise<Handle> =>
              env.client.workflow.getHandle<typeof packageProcess>(`paket-${contractIdOf(await parent.query(packageState))}`);
            for (const [i, s] of sc.steps.entries()) {
              const where = `step ${i + 1} of '${sc.name}'`;
              const h = target;
              if ('in' in s) {
                target = s.in === 'contract' ? await child() : parent;
              } else if ('signContract' in s) {
                await signContract(await child(), parent, s.signContract, where);
              } else if ('do' in s) {
                const given = typeof s.payload === 'function' ? s.payload(await h.query(packageState)) : s.payload;
                // A sealed bid goes in as the API sends it: encrypted and stored, the workflow gets its envelope.
                const payload = await sealed(h, s.do, s.as, given);
                await h.executeUpdate(performStep, { args: [cmd(s.do, s.as, payload)] }).catch((e: unknown) => {
                  throw new Error(`${where}: ${s.do} by ${s.as.id} refused: ${describeRefusal(e)}`);
                });
                const view = await h.query(packageState);
                if (!s.alone) {
                  await secondVote(view, s.do, s.as, (voter, p) => h.executeUpdate(performStep, { args: [cmd('vote_decision', voter, p)] })).catch(
                    (e: unknown) => {
                      throw new Error(`${where}: the second vote on ${s.do} was refused: ${describeRefusal(e)}`);
                    },
                  );
                }
              } else if ('refuse' in s) {
                const given = typeof s.payload === 'function' ? s.payload(await h.query(packageState)) : s.payload;
                let payload: Record<string, unknown>;
                try {
                  payload = await sealed(h, s.refuse, s.as, given);
                } catch (err) {
                  // The content of a sealed bid is validated where it is sealed (the API), not in the workflow.
                  assert.ok(err instanceof ApiError, `${where}: ${String(err)}`);
                  assert.equal(err.status, s.status, `${where}: ${err.code}`);
                  if (s.code) assert.equal(err.code, s.code, where);
                  continue;
                }
                const e = await h.executeUpdate(performStep, { args: [cmd(s.refuse, s.as, payload)] }).then(
                  () => assert.fail(`${where}: ${s.refuse} by ${s.as.id} was accepted`),
                  (x: unknown) => x,
                );
                assert.ok(e instanceof WorkflowUpdateFailedError, `${where}: ${String(e)}`);
                const d = (e.cause as { details?: { status: number; code: string }[] }).details?.[0];
                assert.equal(d?.status, s.status, `${where}: ${describeRefusal(e)}`);
                if (s.code) assert.equal(d?.code, s.code, where);
              } else if ('passDeadline' in s) {
                const v = await h.query(packageState);
                assert.ok(v.stage.closesAt, `${where}: stage '${v.stage.id}' has no deadline`);
                await env.sleep(Math.max(v.stage.closesAt - (await env.currentTimeMs()) + 1000, 1));
              } else if ('sleep' in s) {
                await env.sleep(s.sleep);
              } else if ('expectStage' in s) {
                assert.equal((await h.query(packageState)).stage.id, s.expectStage, where);
              } else {
                await s.check(await h.query(packageState), { db, client: env.client });
              }
            }
            if (sc.contractEndStatus) {
              const result = await (await child()).result();
              assert.equal(result.status, sc.contractEndStatus, 'contract end status');
            }
            // A contract the scenario left running would outlive this worker and hold the test server's clock.
            const started = (await parent.query(packageState)).data.contractStart as { packageId?: string } | undefined;
            if (started?.packageId) {
              const c = env.client.workflow.getHandle(`paket-${started.packageId}`);
              // Only with no activity in flight: the test server keeps its clock locked for an activity it lost.
              await c.executeUpdate(readModelSynced).catch(() => undefined);
              await c.terminate('scenario done').catch(() => undefined);
            }
            if (sc.endStatus) {
              const h = parent;
              const result = await h.result();
              assert.equal(result.status, sc.endStatus);
              const events = await db('package_events').where({ package_id: sc.input.packageId }).orderBy('seq');
              assert.deepEqual(
                events.map((e) => e.seq),
                Array.from({ length: result.seq }, (_, k) => k + 1),
                'read model events 1..N',
              );
              const row = await db('packages').where({ id: sc.input.packageId }).first();
              assert.equal(row!.status, sc.endStatus, 'read model status');
            }
          } finally {
            await stopLeftovers(env.client, parent);
          }
        });
      });
    }
  });
}

/**
 * Ends what a scenario leaves running — its contract, a linked follow-up package, the package itself when the scenario
 * stopped mid-way or failed — after letting in-flight activities finish. Left behind without a worker, their deadline
 * and reminder timers would fire during a later scenario and hold the time-skipping server's clock.
 */
async function stopLeftovers(client: TestWorkflowEnvironment['client'], parent: Handle): Promise<void> {
  const view = await parent.query(packageState).catch(() => undefined);
  const ids = [
    (view?.data.contractStart as { packageId?: string } | undefined)?.packageId,
    (view?.data.followUp as { packageId?: string } | undefined)?.packageId,
  ].filter((x): x is string => !!x);
  for (const h of [...ids.map((id) => client.workflow.getHandle(`paket-${id}`)), parent]) {
    const running = await h.describe().then(
      (d) => d.status.name === 'RUNNING',
      () => false,
    );
    if (!running) continue;
    await h.executeUpdate(readModelSynced).catch(() => undefined);
    await h.terminate('scenario done').catch(() => undefined);
  }
}

function cmd(action: string, actor: ActorRef, payload: Record<string, unknown> = {}): StepCommand {
  return { action, actor, payload };
}

function describeRefusal(e: unknown): string {
  const cause = (e as { cause?: { message?: string; details?: unknown[] } }).cause;
  return cause ? `${cause.message} ${JSON.stringify(cause.details ?? [])}` : String(e);
}

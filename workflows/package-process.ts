/**
 * The one interpreter workflow: it runs any process definition. It only wires Temporal to the PackageProcess state
 * machine — updates for steps, a query for the live state, a timer for the next deadline, activities for service
 * tasks and for the read model. Everything procurement-specific is in the definition it was started with.
 */
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities/types';
import { PackageProcess, type PackageView, type StepCommand } from '../domain/process/engine';
import { StepRefused } from '../domain/process/errors';
import { NOTICE_EVENT_TYPES, type PackageInput, type ProcessEvent } from '../domain/process/state';

export const performStep = wf.defineUpdate<PackageView, [StepCommand]>('performStep');
export const packageState = wf.defineQuery<PackageView>('packageState');
/** Answers once everything that happened so far is in the read model (the API calls it after creating a package). */
export const readModelSynced = wf.defineUpdate<PackageView>('readModelSynced');

/** A child process (E-Kontrak) tells its parent that it reached a milestone (the contract is signed). */
export interface ChildMilestone {
  packageId: string;
  milestone: string;
  status: string;
}
export const childMilestone = wf.defineSignal<[ChildMilestone]>('childMilestone');

/** What a callActivity stage records about its child. */
export interface CallResult {
  packageId: string;
  workflowId: string;
  /** The milestone reached, or absent when the child ended first. */
  milestone?: string;
  status: string;
  outcome?: string;
}

const { recordProgress } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds', // one short transaction; a lost attempt is retried soon
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// Email and webhooks: retried with backoff until the receiver takes them (a row already sent is never sent again).
const { deliverNotifications } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});
const { runService } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface PackageOutcome {
  status: string;
  outcome: string;
  seq: number;
}

/** A refusal crosses to the API as an ApplicationFailure whose details carry the HTTP status and code. */
function asFailure(e: unknown): unknown {
  if (e instanceof StepRefused) {
    return wf.ApplicationFailure.create({
      type: 'StepRefused',
      message: e.message,
      nonRetryable: true,
      details: [{ status: e.status, code: e.code, details: e.details }],
    });
  }
  return e;
}

export async function packageProcess(input: PackageInput): Promise<PackageOutcome> {
  // Date.now() in workflow code is the SDK's workflow time: fixed per activation and replayed from history.
  const proc = new PackageProcess(input, Date.now());
  // Reminder timers exist only for packages started with them; older histories replay without them.
  proc.remindersOn = wf.patched('deadline-reminders');
  const outbox: ProcessEvent[] = [];
  let version = 0; // bumps on every change, so waits re-evaluate deadlines
  let persistedSeq = 0;
  let persisting = false;
  const milestones: ChildMilestone[] = [];
  const changed = () => {
    const events = proc.drainEvents();
    outbox.push(...events);
    version++;
    // A child tells its parent about milestones; a parent that has ended no longer listens, which is fine.
    if (input.parent) {
      for (const e of events.filter((x) => x.type === 'milestone_reached')) {
        const signal: ChildMilestone = { packageId: input.packageId, milestone: String(e.details?.milestone), status: proc.state.status };
        void wf.getExternalWorkflowHandle(input.parent.workflowId).signal(childMilestone, signal).catch(() => undefined);
      }
    }
  };
  changed();

  const untilPersisted = async () => {
    // A step that leads into a service task (evaluation → ranking) answers with the service's outcome, so the caller
    // never sees a half-finished stage. Histories recorded before this change answered earlier: keep them replaying.
    if (wf.patched('answer-after-service-tasks')) await wf.condition(() => !proc.pendingService());
    const mine = proc.state.seq;
    await wf.condition(() => persistedSeq >= mine);
    return proc.view();
  };
  wf.setHandler(packageState, () => proc.view());
  wf.setHandler(childMilestone, (m) => {
    milestones.push(m);
    version++;
  });
  wf.setHandler(readModelSynced, untilPersisted);
  wf.setHandler(
    performStep,
    async (cmd) => {
      try {
        proc.perform(cmd, Date.now());
      } catch (e) {
        throw asFailure(e);
      }
      changed();
      // Answer only once the read model holds this step, so the caller reads its own write.
      return untilPersisted();
    },
    {
      validator: (cmd) => {
        try {
          proc.check(cmd, Date.now());
        } catch (e) {
          throw asFailure(e);
        }
      },
    },
  );

  // The read model is written in order, in batches, by one loop: an activity per batch, keyed by event seq.
  let deliveriesDue = 0;
  const persist = async () => {
    for (;;) {
      await wf.condition(() => outbox.length > 0);
      persisting = true;
      const events = outbox.splice(0, outbox.length);
      await recordProgress({ packageId: input.packageId, workflowId: wf.workflowInfo().workflowId, events, view: proc.view() });
      persistedSeq = events[events.length - 1]!.seq;
      if (events.some((e) => NOTICE_EVENT_TYPES.includes(e.type))) deliveriesDue++;
      persisting = false;
    }
  };
  void persist();
  // Deliveries run beside the read model, so a receiver that is down never holds up the package.
  let delivering = false;
  const deliver = async () => {
    for (;;) {
      await wf.condition(() => deliveriesDue > 0);
      deliveriesDue = 0;
      delivering = true;
      await deliverNotifications({ packageId: input.packageId });
      delivering = false;
    }
  };
  void deliver();

  while (!proc.ended) {
    const call = proc.pendingCall();
    if (call) {
      proc.completeCall(call.node, await runChild(call.input as PackageInput, call.waitFor), Date.now());
      changed();
      continue;
    }
    const service = proc.pendingService();
    if (service) {
      const result = await runService({
        packageId: input.packageId,
        node: service.node,
        service: service.service,
        args: service.args,
        data: proc.state.data,
        origin: {
          facts: input.facts,
          assignments: input.assignments,
          calendar: input.calendar,
          timeScale: input.timeScale,
          createdBy: input.createdBy,
          definitionId: input.definition.id,
        },
      });
      proc.completeService(service.node, result, Date.now());
      changed();
      continue;
    }
    const seen = version;
    const deadline = proc.nextDeadline();
    if (deadline) {
      const moved = await wf.condition(() => version !== seen, Math.max(deadline.at - Date.now(), 1));
      if (!moved && proc.onTimer(Date.now())) changed();
    } else {
      await wf.condition(() => version !== seen);
    }
  }

  /**
   * Starts the child process and waits for its milestone or its end. The child is abandoned when the parent closes:
   * a contract runs on after the tender that awarded it has ended.
   */
  async function runChild(childInput: PackageInput, waitFor: string | undefined): Promise<CallResult> {
    const workflowId = `paket-${childInput.packageId}`;
    const child = await wf.startChild(packageProcess, {
      workflowId,
      args: [{ ...childInput, parent: { workflowId: wf.workflowInfo().workflowId, packageId: input.packageId } }],
      parentClosePolicy: 'ABANDON',
    });
    let ended: PackageOutcome | undefined;
    void child.result().then(
      (r) => {
        ended = r;
        version++;
      },
      // Terminated, timed out or failed from outside the process: the package goes on as if the contract ended badly.
      () => {
        ended = { status: 'dihentikan', outcome: 'failed', seq: 0 };
        version++;
      },
    );
    const reached = () => (waitFor ? milestones.find((m) => m.packageId === childInput.packageId && m.milestone === waitFor) : undefined);
    await wf.condition(() => ended !== undefined || reached() !== undefined);
    const m = reached();
    return m
      ? { packageId: childInput.packageId, workflowId, milestone: m.milestone, status: m.status }
      : { packageId: childInput.packageId, workflowId, status: ended!.status, outcome: ended!.outcome };
  }

  await wf.condition(() => outbox.length === 0 && !persisting && deliveriesDue === 0 && !delivering && wf.allHandlersFinished());
  return { status: proc.state.status, outcome: proc.state.outcome!, seq: proc.state.seq };
}

/**
 * The one interpreter workflow: it runs any process definition. It only wires Temporal to the PackageProcess state
 * machine — updates for steps, a query for the live state, a timer for the next deadline, activities for service
 * tasks and for the read model. Everything procurement-specific is in the definition it was started with.
 */
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities/types';
import { PackageProcess, type PackageView, type StepCommand } from '../domain/process/engine';
import { StepRefused } from '../domain/process/errors';
import { NOTICE_EVENT_TYPES, type PackageInput, type PackageStart, type ProcessEvent } from '../domain/process/state';
import { resolveCalendar } from '../domain/calendar/calendar-ref';
import { viewChange } from '../domain/process/view-change';
import type { OutageCheck } from '../domain/process/outage';
import type { PackageStatus } from '../domain/process/statuses';
import { workflowIdOf } from '../domain/process/workflow-id';
import { definitionFor } from './definitions/lazy-registry';
import { changedSearchAttributes, packageSearchAttributes, startedWithSearchAttributes, startSearchAttributes } from './search-attributes';

/**
 * What a step answers: where the package is now. The caller reads the package itself from the read model, which holds
 * the step by then. Runs started before compact histories answered the whole PackageView (it has `seq` and `status` too).
 */
export interface StepAnswer {
  seq: number;
  status: string;
  stageId: string;
}
export const performStep = wf.defineUpdate<StepAnswer, [StepCommand]>('performStep');
export const packageState = wf.defineQuery<PackageView>('packageState');
/** Answers once everything that happened so far is in the read model (the API calls it after creating a package). */
export const readModelSynced = wf.defineUpdate<StepAnswer>('readModelSynced');

/** A child process (E-Kontrak) tells its parent that it reached a milestone (the contract is signed). */
export interface ChildMilestone {
  packageId: string;
  milestone: string;
  status: string;
}
export const childMilestone = wf.defineSignal<[ChildMilestone]>('childMilestone');
/** A platform outage with an end was declared or detected (api/services/outage-signal.ts): extend what it affected. */
export const platformOutage = wf.defineSignal<[OutageCheck]>('platformOutage');

/** What a callActivity stage records about its child. */
export interface CallResult {
  packageId: string;
  workflowId: string;
  /** The milestone reached, or absent when the child ended first. */
  milestone?: string;
  status: string;
  outcome?: string;
}

// A step answers once its events are in the read model, so while PostgreSQL is down the write is retried every few
// seconds, not backed off to a minute: after PostgreSQL returns, steps answer within seconds (issue 15 point 5). Only
// the retry policy changed, which the history does not check, so replays of earlier runs are unaffected.
const READ_MODEL_RETRY = { initialInterval: '1 second', maximumInterval: '3 seconds' } as const;
const { recordProgress } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds', // one short transaction; a lost attempt is retried soon
  retry: READ_MODEL_RETRY,
});
/**
 * The same write as a local activity (compact histories): it runs in the worker that runs the workflow, inside the
 * workflow task, and leaves one marker in the history instead of three activity events carrying the view. Retried by
 * the worker; the write is idempotent (activities/read-model.ts).
 */
const { recordProgress: recordProgressLocally } = wf.proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: READ_MODEL_RETRY,
});
// Email and webhooks: retried with backoff until the receiver takes them (a row already sent is never sent again).
const { deliverNotifications } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});
/** The outages around a closing (activities/outages.ts): one local activity marker per closing, nothing per step. */
const { outagesAt } = wf.proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds' },
});
const { runService } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
/**
 * Service tasks as local activities (compact runs): evaluation, opening, documents and follow-ups are short and
 * idempotent, and the package data they read then stays out of the history (a marker keeps only the result).
 */
const { runService: runServiceLocally } = wf.proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface PackageOutcome {
  status: PackageStatus;
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

/**
 * Continue as new after this many updates in one run: Temporal refuses an update beyond `history.maxTotalUpdates`
 * (2,000 by default). The server's own suggestion (about 4,100 events, which at about 6 events a step comes after some
 * 680 steps) usually ends a run first; 1,000 is the bound when it does not.
 */
export const UPDATES_PER_RUN = 1000;

/** The input as the engine wants it: the definition resolved from the worker's registry when the start names it. */
function resolveInput(start: PackageStart): PackageInput {
  const { definitionRef, calendarRef, carried: _carried, updatesPerRun: _updatesPerRun, ...rest } = start;
  const definition = start.definition ?? definitionFor(definitionRef!.id, definitionRef!.version);
  // A plain Error fails the workflow task, which Temporal retries: a worker without this version (a rollback) leaves
  // the package waiting for one that has it, instead of failing the package.
  if (!definition || definition.version !== (start.definition ?? definitionRef)!.version) {
    throw new Error(`definition ${definitionRef?.id}@${definitionRef?.version} is not in this worker's registry`);
  }
  // An unknown frozen year (a build without it) throws a RangeError: likewise a failed task, retried.
  return { ...rest, definition, calendar: start.calendar ?? resolveCalendar(calendarRef!) };
}

export async function packageProcess(start: PackageStart): Promise<PackageOutcome> {
  const input = resolveInput(start);
  const carried = start.carried;
  // Date.now() in workflow code is the SDK's workflow time: fixed per activation and replayed from history.
  const proc = new PackageProcess(input, Date.now(), carried?.state);
  /**
   * Every patch below at once: a run started now records this one marker instead of one per patch, each of which
   * Temporal's core follows with a TemporalChangeVersion upsert (up to 7 patches: 14 events a run, now 2; issue 14's
   * history size). A run recorded before has no such marker, so `patched` answers false on its replay and each patch
   * is asked on its own, as then. Decided once per run, at its start, so a run keeps one way to its end.
   */
  const allPatches = wf.patched('patches-2026-12');
  const patchedHere = (id: string) => allPatches || wf.patched(id);
  // Reminder timers exist only for packages started with them; older histories replay without them.
  proc.remindersOn = carried ? carried.remindersOn : patchedHere('deadline-reminders');
  /**
   * Compact histories: the read model written by a local activity, steps answering a StepAnswer, one timer per
   * deadline, continue-as-new. Decided once per run: a run started before keeps the older behaviour to its end.
   */
  const compact = patchedHere('compact-history');
  // Outbox rows retried each on its own (issue 15 point 6): see deliver below. Runs before keep the activity's retries.
  const rowBackoff = patchedHere('delivery-row-backoff');
  // Window steps per actor (one vendor's bid does not end the others' reminders): a package keeps what it started with.
  proc.windowStepsPerActor = carried ? carried.windowStepsPerActor === true : patchedHere('window-steps-per-actor');
  // Closings checked against platform outages (issue 15 point 7): a local activity at each closing, so patched.
  proc.outageExtension = carried ? carried.outageExtension === true : patchedHere('outage-extension');
  const outageSignals: OutageCheck[] = [];
  // Search attributes kept current (issue 15 point 11) for a package started with them (the API, a follow-up, the
  // E-Kontrak child: workflows/search-attributes.ts). A start without them (tests on the time-skipping server, which
  // registers none and refuses the unknown) upserts none. An upsert is a command, so histories recorded before replay
  // without them; a package keeps what it started with across runs.
  const searchAttributes = carried ? carried.searchAttributes === true : startedWithSearchAttributes() && patchedHere('search-attributes');
  /**
   * Upserts the attributes that changed, only those (each upsert is a history event). Not while a service task is
   * pending: its stage lasts a moment, and the step that led into it is upserted once with the service's outcome.
   */
  const syncSearchAttributes = () => {
    if (!searchAttributes || proc.pendingService()) return;
    const changes = changedSearchAttributes(packageSearchAttributes(proc, Date.now()), wf.workflowInfo().typedSearchAttributes);
    if (changes.length) wf.upsertSearchAttributes(changes);
  };
  const updatesPerRun = start.updatesPerRun ?? UPDATES_PER_RUN;
  let updatesThisRun = 0;
  let handingOver = false; // draining for continue-as-new: new steps are refused, retryable
  const outbox: ProcessEvent[] = [];
  let version = 0; // bumps on every change, so waits re-evaluate deadlines
  let persistedSeq = carried?.state.seq ?? 0;
  let persisting = false;
  const milestones: ChildMilestone[] = [];
  const changed = () => {
    const events = proc.drainEvents();
    outbox.push(...events);
    version++;
    syncSearchAttributes();
    // A child tells its parent about milestones; a parent that has ended no longer listens, which is fine.
    if (input.parent) {
      for (const e of events.filter((x) => x.type === 'milestone_reached')) {
        const signal: ChildMilestone = { packageId: input.packageId, milestone: String(e.details?.milestone), status: proc.state.status };
        void wf
          .getExternalWorkflowHandle(input.parent.workflowId)
          .signal(childMilestone, signal)
          .catch(() => undefined);
      }
    }
  };
  changed();

  const untilPersisted = async () => {
    // A step that leads into a service task (evaluation → ranking) answers with the service's outcome, so the caller
    // never sees a half-finished stage. Histories recorded before this change answered earlier: keep them replaying.
    if (patchedHere('answer-after-service-tasks')) await wf.condition(() => !proc.pendingService());
    const mine = proc.state.seq;
    await wf.condition(() => persistedSeq >= mine);
    return compact ? answer() : (proc.view() as unknown as StepAnswer);
  };
  const answer = (): StepAnswer => ({ seq: proc.state.seq, status: proc.state.status, stageId: proc.state.current.node });
  wf.setHandler(packageState, () => proc.view());
  wf.setHandler(childMilestone, (m) => {
    milestones.push(m);
    version++;
  });
  if (proc.outageExtension) {
    wf.setHandler(platformOutage, (check) => {
      outageSignals.push(check);
      version++;
    });
  }
  wf.setHandler(readModelSynced, () => {
    updatesThisRun++;
    return untilPersisted();
  });
  /**
   * Steps this worker's copy of the run has applied, by update id (`actor:Idempotency-Key`). Temporal never delivers
   * an update id twice to one history, so a second delivery means this cached copy is ahead of the history: a workflow
   * task it completed (a step applied, its read-model row written) was lost with a killed history service, and the
   * client's retry of that step arrives again (seen in the fault run: the step recorded twice, seq 25 and 26). Failing
   * the task evicts the copy; the run is rebuilt from the history, where the step is not yet, and applies it once.
   * Replay never sees a duplicate, so this changes no command of any recorded history.
   */
  const appliedUpdates = new Set<string>();
  const updateId = () => wf.currentUpdateInfo()?.id;
  wf.setHandler(
    performStep,
    async (cmd) => {
      const id = updateId();
      if (id !== undefined && appliedUpdates.has(id)) {
        throw new Error(`step ${id} was already applied by this cached run but is not in the history: rebuild from history`);
      }
      if (id !== undefined) appliedUpdates.add(id);
      updatesThisRun++;
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
        // A duplicate (see appliedUpdates) is not judged against a state that already holds it: the handler fails the
        // task instead, so the step is judged again on the run rebuilt from history.
        const id = updateId();
        if (id !== undefined && appliedUpdates.has(id)) return;
        try {
          // While the run hands over to the next (a moment, once per run), a new step would keep it from ever closing
          // under steady traffic: it is refused, retryable, and the same step goes to the next run.
          if (handingOver) {
            throw new StepRefused(503, 'process_handover', 'Paket sedang berpindah ke run berikutnya; ulangi sebentar lagi dengan Idempotency-Key yang sama.', {
              retryable: true,
            });
          }
          proc.check(cmd, Date.now());
        } catch (e) {
          throw asFailure(e);
        }
      },
    },
  );

  // The read model is written in order, in batches, by one loop: an activity per batch, keyed by event seq.
  let deliveriesDue = carried?.deliveriesDue ? 1 : 0;
  let sent: PackageView | undefined; // the view the read model holds (compact runs): the base of the next change
  const persist = async () => {
    for (;;) {
      // Compact runs write a step that leads into a service task together with the service's outcome: one write.
      await wf.condition(() => outbox.length > 0 && !(compact && proc.pendingService()));
      persisting = true;
      const events = outbox.splice(0, outbox.length);
      const view = proc.view();
      const batch = { packageId: input.packageId, workflowId: wf.workflowInfo().workflowId, events };
      if (compact) {
        let result = sent ? await recordProgressLocally({ ...batch, change: viewChange(sent, view) }) : 'stale';
        // The first write of a run, or a read model that does not hold the view the change was made against.
        if (result === 'stale') result = await recordProgressLocally({ ...batch, view });
        sent = view;
        // A delivery only when the batch left something to send (without SMTP or webhooks, nothing is).
        if (result === 'deliver') deliveriesDue++;
      } else {
        await recordProgress({ ...batch, view });
        if (events.some((e) => NOTICE_EVENT_TYPES.includes(e.type))) deliveriesDue++;
      }
      persistedSeq = events[events.length - 1]!.seq;
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
      if (!rowBackoff) await deliverNotifications({ packageId: input.packageId });
      else {
        let r = await deliverNotifications({ packageId: input.packageId, rowBackoff });
        // A failed row waits for its own next attempt; a notice recorded meanwhile is delivered at once, not after it.
        while (r.retryInMs !== undefined && proc.state.outcome === undefined) {
          await wf.condition(() => deliveriesDue > 0, r.retryInMs);
          deliveriesDue = 0;
          r = await deliverNotifications({ packageId: input.packageId, rowBackoff });
        }
        // Once the package has ended no new notice can wait behind a failing row; the rest is left to the activity's
        // own retries, which add nothing to the history (each round above adds about 8 events, and an ended package
        // cannot continue as new: a receiver down for weeks would otherwise grow its history without bound).
        if (r.retryInMs !== undefined) await deliverNotifications({ packageId: input.packageId });
      }
      delivering = false;
    }
  };
  void deliver();

  /** The timer of the current deadline (compact runs): kept while the deadline stays, replaced when it moves. */
  const deadlineTimer = {
    current: undefined as { at: number; fired: boolean; scope: wf.CancellationScope } | undefined,
    arm(at: number | undefined) {
      const t = this.current;
      if (t && t.at === at) return t;
      if (t && !t.fired) t.scope.cancel();
      if (at === undefined) return (this.current = undefined);
      const scope = new wf.CancellationScope();
      const next = { at, fired: false, scope };
      this.current = next;
      scope
        .run(() => wf.sleep(Math.max(at - Date.now(), 1)))
        .then(
          () => void (next.fired = true),
          () => undefined, // cancelled: the deadline moved
        );
      return next;
    },
  };

  while (!proc.ended) {
    const call = proc.pendingCall();
    if (call) {
      proc.completeCall(call.node, await runChild(call.input as PackageStart, call.waitFor), Date.now());
      changed();
      continue;
    }
    const service = proc.pendingService();
    if (service) {
      const result = await (compact ? runServiceLocally : runService)({
        packageId: input.packageId,
        node: service.node,
        service: service.service,
        args: service.args,
        data: proc.state.data,
        origin: {
          facts: input.facts,
          assignments: input.assignments,
          // Follow-ups and contracts keep the package's calendar: named when the start named it.
          ...(start.calendarRef ? { calendarRef: start.calendarRef } : { calendar: input.calendar }),
          timeScale: input.timeScale,
          createdBy: input.createdBy,
          definitionId: input.definition.id,
          // A follow-up keeps the creation's schedule (activities/start-package.ts). An activity's input is not part of
          // what replay compares, so histories recorded before replay unchanged (tests/replay.test.ts).
          ...(input.schedule ? { schedule: input.schedule } : {}),
        },
        // A follow-up package is listed with search attributes only where this one is (a server that has them).
        ...(searchAttributes ? { searchAttributes: true } : {}),
      });
      proc.completeService(service.node, result, Date.now());
      changed();
      continue;
    }
    // A full run hands over once drained; a step that meanwhile brought a service task or a call is run first.
    if (compact && runIsFull()) {
      handingOver = true;
      if (await drainedForClose(() => outbox.length === 0 && !persisting && wf.allHandlersFinished())) await continueAsNew(); // never returns
      handingOver = false; // a step brought a service task or a call: run it, then try again
      continue;
    }
    // Outages signalled meanwhile: applied in the loop, not the handler, so their events follow the order of changes.
    let outageChanged = false;
    for (const check of outageSignals.splice(0)) outageChanged = proc.applyOutages(check, Date.now()) || outageChanged;
    if (outageChanged) changed();
    const seen = version;
    const deadline = proc.nextDeadline();
    if (compact) {
      // One timer per deadline: a step that leaves the deadline where it was keeps the timer (no cancel, no new timer).
      const timer = deadlineTimer.arm(deadline?.at);
      await wf.condition(() => version !== seen || timer?.fired === true);
      if (timer?.fired && timer === deadlineTimer.current && version === seen) {
        deadlineTimer.current = undefined;
        // A closing is first checked against platform outages: one that covers it extends or holds the stage instead.
        if (proc.closingDue(Date.now())) {
          const c = proc.state.current;
          const check = await outagesAt({ enteredAt: c.enteredAt, closesAt: c.closesAt! });
          if (proc.applyOutages(check, Date.now())) {
            changed();
            continue;
          }
        }
        if (proc.onTimer(Date.now())) changed();
      }
    } else if (deadline) {
      const moved = await wf.condition(() => version !== seen, Math.max(deadline.at - Date.now(), 1));
      if (!moved && proc.onTimer(Date.now())) changed();
    } else {
      await wf.condition(() => version !== seen);
    }
  }

  /** Whether this run should hand over to a new one: its own update count, or the server's suggestion. */
  function runIsFull(): boolean {
    const info = wf.workflowInfo();
    return updatesThisRun >= updatesPerRun || info.continueAsNewSuggested;
  }

  /**
   * Continues as new, called once nothing is in flight (drainedForClose): every step answered (an accepted update must
   * complete in the run that accepted it), the read model holds every event. Updates arriving meanwhile go to the new
   * run. Pending deadlines follow from the carried state; a child (E-Kontrak) is never running here (calls are not
   * interrupted).
   */
  async function continueAsNew(): Promise<never> {
    const { carried: previous, ...same } = start;
    return wf.continueAsNew<typeof packageProcess>({
      ...same,
      carried: {
        state: proc.state,
        remindersOn: proc.remindersOn,
        windowStepsPerActor: proc.windowStepsPerActor,
        outageExtension: proc.outageExtension,
        searchAttributes,
        deliveriesDue: deliveriesDue > 0 || delivering,
        run: (previous?.run ?? 1) + 1,
      },
    });
  }

  /**
   * Starts the child process and waits for its milestone or its end. The child is abandoned when the parent closes:
   * a contract runs on after the tender that awarded it has ended.
   */
  async function runChild(childInput: PackageStart, waitFor: string | undefined): Promise<CallResult> {
    const workflowId = workflowIdOf(childInput.packageId);
    const childStart: PackageStart = { ...childInput, parent: { workflowId: wf.workflowInfo().workflowId, packageId: input.packageId } };
    // The child is listed with its attributes from its start, like a package the API starts (a definition this worker
    // lacks leaves them to the child, whose task waits for a worker that has it).
    const childDefinition = childStart.definition ?? definitionFor(childStart.definitionRef.id, childStart.definitionRef.version);
    const child = await wf.startChild(packageProcess, {
      workflowId,
      args: [childStart],
      parentClosePolicy: 'ABANDON',
      ...(searchAttributes && childDefinition ? { typedSearchAttributes: startSearchAttributes(childStart, childDefinition, Date.now()) } : {}),
    });
    let ended: PackageOutcome | undefined;
    void child.result().then(
      (r) => {
        ended = r;
        version++;
      },
      // Terminated, timed out or failed from outside the process: the package goes on as if the contract ended badly.
      // 'dihentikan' is declared with the other statuses (domain/process/statuses.ts), as a failed one.
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

  const drained = () => outbox.length === 0 && !persisting && deliveriesDue === 0 && !delivering && wf.allHandlersFinished();
  if (compact) while (!(await drainedForClose(drained)));
  else await wf.condition(drained);
  return { status: proc.state.status, outcome: proc.state.outcome!, seq: proc.state.seq };

  /**
   * Waits until `ready` in a workflow task of its own, so that the caller closes the run (completion or
   * continue-as-new) in it. The read model is written by local activities, which run inside the task that asked for
   * them: were the closing command in that task, the server could refuse the task (UNHANDLED_COMMAND, when a timer
   * fires or an update arrives meanwhile) after the write was made, dropping a step the read model already holds. A
   * 1 ms timer ends the task first; its firing starts a task with nothing in flight, which may be refused and retried
   * without harm. False when a step brought a service task or a call meanwhile: the main loop runs it first (waiting
   * here for that step's handler, which waits for the service, would never end).
   */
  async function drainedForClose(ready: () => boolean): Promise<boolean> {
    const busy = () => proc.pendingService() !== undefined || proc.pendingCall() !== undefined;
    await wf.condition(() => ready() || busy());
    if (busy()) return false;
    await wf.sleep(1);
    return ready() && !busy();
  }
}

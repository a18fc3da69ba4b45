/**
 * The BPMN-style process definition format. A definition is plain data (JSON-serialisable), so a package can carry
 * the exact definition it started with in its workflow input and keep it for its whole life.
 *
 * Node kinds mirror BPMN: userTask (a person acts), timeWindow (a period opened on entry and closed by a timer, in
 * which people may act many times: registration, bid submission, objections), serviceTask (an activity computes
 * something), exclusiveGateway (first matching branch, else the default flow), endEvent (completed, failed, cancelled).
 */
import type { DurationUnit } from '../calendar/working-time';
import type { Predicate } from './predicate';
import type { PackageStatus } from './statuses';

export type Role = 'ppk' | 'pokja' | 'pejabat_pengadaan' | 'pa_kpa' | 'kepala_ukpbj' | 'penyedia' | 'auditor' | 'admin';

/** JSON Schema (draft 2020-12) for an action's payload; also published in the OpenAPI document. */
export type JsonSchema = Record<string, unknown>;

/** Who may perform an action. */
export interface Performer {
  role: Role;
  /** Officers act only on packages they are assigned to (the package's `assignments[role]`). Default true for officers. */
  assignedOnly?: boolean;
  /** The actor's id must equal the value at this data path (e.g. the winner signs the contract). */
  actorIs?: string;
}

/** The keys a patched item records who patched it and when under (PatchItem effect). */
export interface PatchStamp {
  by: string;
  at: string;
}

/** How an accepted action's payload is written into the package data. */
export type Effect =
  | { kind: 'none' }
  /** data[path] = payload (plus actor and time) */
  | { kind: 'set'; path: string }
  /** data[path].push(payload) with a generated `id` */
  | { kind: 'append'; path: string }
  /** one entry per actor in data[path]; a repeat replaces the actor's earlier entry (a vendor re-submits a bid) */
  | { kind: 'upsertByActor'; path: string }
  /**
   * merge the payload into the item of data[path] whose `id` equals payload[matchField], stamped with who patched it
   * and when under the keys `stamp` names (an answer: `answeredBy`, `answeredAt`). Without `stamp` the keys are
   * `<action id>By` / `<action id>At` (`answer_questionBy`), as definitions written before stamps were named keep.
   */
  | { kind: 'patchItem'; path: string; matchField: string; stamp?: PatchStamp }
  /** a named reducer from the rule book (domain/process/rulebook.ts) computes the change: payments net of retention */
  | { kind: 'apply'; reducer: string }
  /**
   * The head of the UKPBJ assigns the selection officers: data.assignments[role] = payload.members (which the engine
   * then authorises instead of the creation's assignments), and data[path] = the payload (the assignment letter).
   */
  | { kind: 'assign'; role: Role; path: string }
  /** A Pokja member's vote on a collegial decision another member proposed (see ActionDef.collegial). */
  | { kind: 'vote' };

/**
 * A precondition: a predicate over data, actor and payload with the refusal it gives, or a named check from the rule
 * book for rules that need arithmetic (an addendum's 10% cap), which names its own refusal.
 */
export type Requirement =
  /** `rule` names the regulation in the refusal's details (who may file a sanggah). */
  { when: Predicate; code: string; message: string; status?: 403 | 409 | 422; rule?: string } | { rule: string };

/**
 * A notice an action publishes (an addendum to the selection document reaches every registered vendor): the engine
 * records it as an event, which the read model turns into in-app notifications and outbox emails.
 */
export interface NoticeDef {
  /** Notification kind, e.g. 'addendum'; the read model words the message by it. */
  kind: string;
  /** Who hears it: the value at `field` of every item of the list at data path `path` (registrations → `by`). */
  to: { path: string; field: string };
  /** Payload fields quoted in the notice. Public facts only: never anything from a sealed bid. */
  fields?: string[];
}

export interface ActionDef {
  id: string;
  /** Bahasa Indonesia label shown to users */
  name: string;
  performers: Performer[];
  payload: JsonSchema;
  /** Preconditions on the data and the actor, each with the message given when it fails. */
  requires?: Requirement[];
  effect: Effect;
  /** Leaves the stage to this one once done (a handover request ends the execution window early). */
  to?: string;
  /** Each performer may do this at most once in this node (e.g. one signature each). */
  oncePerActor?: boolean;
  /**
   * The regulation that limits when the action may be taken: a refusal because it is not this action's stage, or its
   * window has closed, names it in `details.rule` (a late sanggah is refused with the masa sanggah rule).
   */
  rule?: string;
  /** Performing the action notifies these people (see NoticeDef). */
  notify?: NoticeDef;
  /**
   * Entries written by this action show only who and when until the data path exists (bids stay sealed until the
   * opening is recorded).
   */
  sealedUntil?: string;
  /**
   * The content never reaches the workflow: `payload` describes what the API validates, encrypts and stores (sealed
   * bids), and the workflow accepts only the sealed envelope `{sealedBid: {id, commitment}}`. An `unsealBids` service
   * task after the opening replaces the envelopes with the verified content.
   */
  envelope?: boolean;
  /**
   * A collegial decision of the Pokja (SPSE: opening, evaluation result, winner, answers to objections, failure): the
   * first member's step is a proposal; it takes effect, as that member's step, only when a majority of the assigned
   * members agreed through the node's `vote` action, each vote recorded. A Pokja of one (or a Pejabat Pengadaan)
   * decides alone.
   */
  collegial?: boolean;
  /** The step changes the package's schedule (data.schedule): the current stage's deadlines are derived again. */
  reschedules?: boolean;
}

/**
 * A schedule parameter: a per-package duration with a default and bounds. `fixed` names the rule that fixes it (the
 * masa sanggah is 5 days by LKPP 12/2021): a package may not set it differently. Otherwise a Pokja sets it within
 * [min, max].
 */
export interface ScheduleParam {
  name: string;
  unit: DurationUnit;
  default: number;
  min: number;
  max?: number;
  fixed?: string;
  /** Calendar-day periods that must end on a working day within office hours (the sanggah rule). */
  endOnWorkingTime?: boolean;
}

interface NodeBase {
  id: string;
  /** Bahasa Indonesia stage name */
  name: string;
  /**
   * Data paths removed when the stage is entered: a re-submission of bids (penawaran ulang) starts from no bids,
   * no opening and no evaluation, so earlier ones cannot leak into the new round.
   */
  resets?: string[];
  /**
   * Entering this stage reaches a named milestone, which a parent waiting in a callActivity hears (the contract is
   * signed, so the tender that awarded it may end while the contract runs on).
   */
  milestone?: string;
}

export interface UserTaskNode extends NodeBase {
  type: 'userTask';
  actions: ActionDef[];
  /** 'any': the first accepted action completes the task; 'all': every action must be done once (two signatures). */
  completion: 'any' | 'all';
  /** Schedule parameter for the due time shown in inboxes (reminders come later). */
  due?: string;
  /**
   * Interrupting boundary timer: when the schedule parameter `after` elapses before the task is done, the process
   * flows to `to` (an e-purchasing order cancels itself when the PPK does not approve within 3 working days).
   */
  timeout?: { after: string; to: string };
  next: string;
}

export interface TimeWindowNode extends NodeBase {
  type: 'timeWindow';
  /** Schedule parameter giving how long the window stays open (this or `durationFrom`). */
  duration?: string;
  /**
   * Data path holding the window's length in calendar days, read again after every step in the window, so an
   * addendum that extends the contract period moves the closing timer.
   */
  durationFrom?: string;
  /**
   * Data path holding a number of working days added to the window's closing, read on entry and again after every
   * step in the window: an addendum to the selection document extends the bid deadline (docs/regulation.md §2.2 row 3).
   */
  extendedBy?: string;
  actions: ActionDef[];
  next: string;
}

export interface ServiceTaskNode extends NodeBase {
  type: 'serviceTask';
  /** Name of a service in the activity-side registry. */
  service: string;
  /** Fixed arguments for the service, from the definition (e.g. the method of a follow-up package). */
  args?: Record<string, unknown>;
  /** Data path the result is written to. */
  resultPath: string;
  /** Fields of the result written to other data paths as well (the opened bids replace the sealed list). */
  resultPaths?: Record<string, string>;
  next: string;
}

/**
 * BPMN call activity: starts a child process (the same interpreter workflow, with the definition and input a service
 * task prepared at `inputFrom`) and waits for its milestone `waitFor`, or for its end when none is given. The child
 * outlives the parent: a tender ends when its contract is signed; the contract runs on to its handover.
 */
export interface CallActivityNode extends NodeBase {
  type: 'callActivity';
  inputFrom: string;
  waitFor?: string;
  resultPath: string;
  next: string;
}

export interface GatewayNode extends NodeBase {
  type: 'exclusiveGateway';
  branches: { when: Predicate; to: string; name?: string }[];
  default: string;
}

export type EndOutcome = 'completed' | 'failed' | 'cancelled';
export interface EndNode extends NodeBase {
  type: 'endEvent';
  outcome: EndOutcome;
  /** Package status after this end, one of the closed set in ./statuses.ts (e.g. 'contract_signed', 'gagal', 'batal'). */
  status: PackageStatus;
}

export type ProcessNode = UserTaskNode | TimeWindowNode | ServiceTaskNode | CallActivityNode | GatewayNode | EndNode;

/** An interrupting action available at many stages (BPMN: an interrupting boundary event), e.g. cancellation. */
export interface InterruptDef {
  action: ActionDef;
  /** Stages at which it is not allowed any more. */
  notAt: string[];
  /** Where the package goes; absent for a non-interrupting step that stays in the stage (a schedule change). */
  to?: string;
  /** Stages at which it is allowed, when it is allowed only there (a schedule change, until the award). */
  onlyAt?: string[];
}

/**
 * Reminders before a task's due time (or a window's closing), in working days, and whether an overdue officer task is
 * escalated to the PA/KPA. Default: 2 and 1 working days before, with escalation.
 */
export interface ReminderPolicy {
  beforeWorkingDays: number[];
  escalate: boolean;
}
export const DEFAULT_REMINDERS: ReminderPolicy = { beforeWorkingDays: [2, 1], escalate: true };

export interface ProcessDefinition {
  id: string;
  version: number;
  name: string;
  /** Method code, e.g. 'tender' */
  method: string;
  description?: string;
  /** Roles that appear in this process; used to check assignments on package creation. */
  roles: Role[];
  /** Officer roles that must be assigned when a package is created. */
  assignments: Role[];
  params: Record<string, ScheduleParam>;
  start: string;
  nodes: ProcessNode[];
  interrupts?: InterruptDef[];
  reminders?: ReminderPolicy;
}

export const OFFICER_ROLES: readonly Role[] = ['ppk', 'pokja', 'pejabat_pengadaan', 'pa_kpa', 'kepala_ukpbj'];

export function findNode(def: ProcessDefinition, id: string): ProcessNode | undefined {
  return def.nodes.find((n) => n.id === id);
}

export function actionsOf(node: ProcessNode): ActionDef[] {
  return node.type === 'userTask' || node.type === 'timeWindow' ? node.actions : [];
}

export function successors(node: ProcessNode): string[] {
  switch (node.type) {
    case 'userTask':
      return [node.next, ...(node.timeout ? [node.timeout.to] : []), ...actionExits(node)];
    case 'timeWindow':
      return [node.next, ...actionExits(node)];
    case 'serviceTask':
    case 'callActivity':
      return [node.next];
    case 'exclusiveGateway':
      return [...node.branches.map((b) => b.to), node.default];
    case 'endEvent':
      return [];
  }
}

/** Stages that actions of a node lead to directly (`to`), besides its own next. */
export function actionExits(node: UserTaskNode | TimeWindowNode): string[] {
  return node.actions.flatMap((a) => (a.to ? [a.to] : []));
}

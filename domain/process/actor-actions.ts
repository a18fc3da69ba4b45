/**
 * The steps one signed-in user may perform on a package right now (`myActions`), computed outside the workflow from
 * the package's definition and its current state, so the console offers exactly what the engine would accept.
 *
 * Why not the engine's own `openActions`: they hide a window's step once anybody has taken it (the first vendor's bid
 * hides `submit_bid` from the others), and changing what running workflows compute breaks their replay. So the rules
 * of `PackageProcess.check` are applied again here, read-only: the stage's actions (or the interrupts allowed at it),
 * the window not closed, the step not already done where it may be done once, the actor's role and assignment (or
 * party), and every `requires` predicate that can be judged without the payload (`registered` for `submit_bid`).
 * Named rule-book checks and predicates over `$payload` depend on what will be sent; the server judges those.
 */
import { actionsOf, type ActionDef, findNode, type JsonSchema, OFFICER_ROLES, type ProcessDefinition, type Role } from './definition';
import { evaluate, getPath, type Predicate } from './predicate';

export type ActionTarget = 'package' | 'contract';

export interface ActorAction {
  id: string;
  name: string;
  stageId: string;
  stageName: string;
  /** Where the step is posted: /api/packages/{id}/tasks/{id} or /api/packages/{id}/contract/tasks/{id}. */
  target: ActionTarget;
  /** JSON Schema of the payload the API accepts (for a sealed step: the content it validates before sealing). */
  schema: JsonSchema;
  /** The content is encrypted on arrival and the workflow gets only its envelope (sealed bids). */
  sealed: boolean;
  dueAt: string | null;
  closesAt: string | null;
}

/** The part of a package's state the computation reads (a live `PackageView` or the read model's copy of it). */
export interface ActorActionsState {
  outcome?: string;
  stage: { id: string; enteredSeq: number; closesAt?: number; dueAt?: number };
  data: Record<string, unknown>;
  assignments: Partial<Record<Role, string[]>>;
}

export interface ActorActionsInput {
  definition: ProcessDefinition;
  state: ActorActionsState;
  actor: { id: string; roles: readonly Role[]; org?: string };
  /** Steps recorded since the current stage was entered (`action_performed` events with seq > stage.enteredSeq). */
  doneInStage: readonly { action: string | null; actorId: string | null }[];
  target: ActionTarget;
  /** Now, in the workflow's clock (epoch ms). */
  now: number;
}

const iso = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString());

/** Whether a predicate reads the step's payload, which is not known until the step is sent. */
function readsPayload(p: Predicate): boolean {
  if ('all' in p) return p.all.some(readsPayload);
  if ('any' in p) return p.any.some(readsPayload);
  if ('not' in p) return readsPayload(p.not);
  const operands = p.op === 'exists' ? [p.operand] : p.op === 'someItem' ? [p.right] : [p.left, p.right];
  return operands.some((o) => 'path' in o && o.path.startsWith('$payload.'));
}

/** The engine's authorisation (PackageProcess.authorise) as a yes/no. */
function mayPerform(action: ActionDef, input: ActorActionsInput): boolean {
  const { actor, state } = input;
  return action.performers.some((p) => {
    if (!actor.roles.includes(p.role)) return false;
    const assignedOnly = p.assignedOnly ?? OFFICER_ROLES.includes(p.role);
    if (assignedOnly && !(state.assignments[p.role] ?? []).includes(actor.id)) return false;
    if (p.actorIs !== undefined && getPath(state.data, p.actorIs) !== actor.id) return false;
    return true;
  });
}

/** Every precondition that can be judged before the payload is known holds. */
function preconditionsHold(action: ActionDef, input: ActorActionsInput): boolean {
  const { actor, state } = input;
  for (const r of action.requires ?? []) {
    if (!('when' in r) || readsPayload(r.when)) continue; // a rule-book check or a payload rule: the server decides
    if (!evaluate(r.when, { data: state.data, actor: { id: actor.id, org: actor.org ?? '' } })) return false;
  }
  // Collegial decisions (engine: propose/vote): a vote only while another member's proposal waits for this member's
  // position; a proposal is not offered while one of the same step waits (the others vote on it; the proposer waits).
  const proposals = Object.values((state.data.proposals as Record<string, { by?: unknown; votes?: { by?: unknown }[] }> | undefined) ?? {});
  if (action.effect.kind === 'vote') {
    return proposals.some((p) => p.by !== actor.id && !(p.votes ?? []).some((v) => v.by === actor.id));
  }
  if (action.collegial) {
    if ((state.data.proposals as Record<string, unknown> | undefined)?.[action.id]) return false;
  }
  // A patch needs an item to patch (an answer needs a question).
  if (action.effect.kind === 'patchItem') {
    const list = getPath(state.data, action.effect.path);
    if (!Array.isArray(list) || list.length === 0) return false;
  }
  return true;
}

export function actorActions(input: ActorActionsInput): ActorAction[] {
  const { definition, state, actor, target, now } = input;
  if (state.outcome !== undefined) return [];
  const node = findNode(definition, state.stage.id);
  if (!node || node.type === 'endEvent') return [];
  const closed = state.stage.closesAt !== undefined && now >= state.stage.closesAt;
  const done = (action: ActionDef) => input.doneInStage.some((d) => d.action === action.id && (!action.oncePerActor || d.actorId === actor.id));
  // In a window people act repeatedly (bids, questions); a task's step, or a once-per-actor one, is done once.
  const once = (action: ActionDef) => node.type === 'userTask' || action.oncePerActor === true;

  const local = closed ? [] : actionsOf(node).filter((a) => !(once(a) && done(a)));
  // As the engine's interruptOpen: not at `notAt`, and only at `onlyAt` when given (a schedule change).
  const interrupts = (definition.interrupts ?? [])
    .filter((i) => !i.notAt.includes(node.id) && (i.onlyAt === undefined || i.onlyAt.includes(node.id)))
    .map((i) => i.action);
  const stageTimes = { dueAt: iso(state.stage.dueAt), closesAt: iso(state.stage.closesAt) };
  const describe = (a: ActionDef, times: { dueAt: string | null; closesAt: string | null }): ActorAction => ({
    id: a.id,
    name: a.name,
    stageId: node.id,
    stageName: node.name,
    target,
    schema: a.payload,
    sealed: a.envelope === true,
    ...times,
  });
  return [
    ...local.filter((a) => mayPerform(a, input) && preconditionsHold(a, input)).map((a) => describe(a, stageTimes)),
    // An interrupt (cancellation) is not bound to the stage's deadline.
    ...interrupts
      .filter((a) => !local.some((l) => l.id === a.id) && mayPerform(a, input) && preconditionsHold(a, input))
      .map((a) => describe(a, { dueAt: null, closesAt: null })),
  ];
}

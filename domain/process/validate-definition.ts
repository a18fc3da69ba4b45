/**
 * Load-time validation of a process definition: structure (zod), then the graph and references. A definition that
 * fails is refused with every problem listed, each naming the stage it concerns.
 */
import { Validator } from '@cfworker/json-schema';
import { ProcessDefinitionSchema } from './definition-schema';
import { RULEBOOK } from './rulebook';
import { PACKAGE_STATUSES } from './statuses';
import { type ActionDef, actionsOf, type ProcessDefinition, type ProcessNode, successors } from './definition';

export interface DefinitionProblem {
  stage?: string;
  message: string;
}

export class DefinitionError extends Error {
  constructor(
    readonly definitionId: string,
    readonly problems: DefinitionProblem[],
  ) {
    super(`process definition '${definitionId}' is invalid: ` + problems.map((p) => (p.stage ? `[${p.stage}] ${p.message}` : p.message)).join('; '));
    this.name = 'DefinitionError';
  }
}

/** Nodes a package waits in (a person or a timer); a cycle must pass through one, or it would spin forever. */
const isWaitState = (n: ProcessNode) => n.type === 'userTask' || n.type === 'timeWindow' || n.type === 'callActivity';

export function validateDefinition(raw: unknown): ProcessDefinition {
  const parsed = ProcessDefinitionSchema.safeParse(raw);
  const rawId = (raw as { id?: unknown } | null)?.id;
  const defId = typeof rawId === 'string' ? rawId : '(unknown)';
  if (!parsed.success) {
    throw new DefinitionError(
      defId,
      parsed.error.issues.map((i) => ({ ...stageOf(raw, i.path), message: `${i.path.join('.') || '(root)'}: ${i.message}` })),
    );
  }
  const def = parsed.data;
  const problems: DefinitionProblem[] = [];
  const byId = new Map<string, ProcessNode>();
  for (const n of def.nodes) {
    if (byId.has(n.id)) problems.push({ stage: n.id, message: 'duplicate stage id' });
    byId.set(n.id, n);
  }
  if (!byId.has(def.start)) problems.push({ message: `start stage '${def.start}' does not exist` });
  for (const r of def.assignments) {
    if (!def.roles.includes(r)) problems.push({ message: `assigned role '${r}' is not declared in roles` });
  }

  for (const [k, p] of Object.entries(def.params)) {
    if (p.default < p.min || (p.max !== undefined && (p.default > p.max || p.max < p.min))) {
      problems.push({ message: `schedule parameter '${k}': default ${p.default} outside [${p.min}, ${p.max ?? '∞'}]` });
    }
  }

  for (const n of def.nodes) {
    for (const to of successors(n)) {
      if (!byId.has(to)) problems.push({ stage: n.id, message: `flow to unknown stage '${to}'` });
    }
    if (n.type === 'timeWindow') {
      if ((n.duration === undefined) === (n.durationFrom === undefined)) {
        problems.push({ stage: n.id, message: 'a time window needs exactly one of duration and durationFrom' });
      } else if (n.duration !== undefined && !def.params[n.duration]) {
        problems.push({ stage: n.id, message: `duration parameter '${n.duration}' is not declared` });
      }
    }
    // Every task shows a due time in the inbox and gets reminders (Perpres deadlines, or an assumed default).
    if (n.type === 'userTask' && !n.due && !n.timeout) {
      problems.push({ stage: n.id, message: 'a user task needs a due time (due or timeout)' });
    }
    if (n.type === 'userTask' && n.due && !def.params[n.due]) {
      problems.push({ stage: n.id, message: `due parameter '${n.due}' is not declared` });
    }
    if (n.type === 'userTask' && n.timeout && !def.params[n.timeout.after]) {
      problems.push({ stage: n.id, message: `timeout parameter '${n.timeout.after}' is not declared` });
    }
    // A status belongs to one outcome (statuses.ts): dashboards and OCDS read 'gagal' as failed wherever it ends.
    if (n.type === 'endEvent') {
      const expected = PACKAGE_STATUSES[n.status].outcome;
      if (expected === null) problems.push({ stage: n.id, message: `status '${n.status}' is not a final status` });
      else if (expected !== n.outcome) problems.push({ stage: n.id, message: `status '${n.status}' goes with outcome ${expected}, not ${n.outcome}` });
    }
    // A collegial decision needs the vote of the other members in the same stage.
    if (actionsOf(n).some((a) => a.collegial) && !actionsOf(n).some((a) => a.effect.kind === 'vote')) {
      problems.push({ stage: n.id, message: 'a stage with a collegial decision needs a vote action' });
    }
    const seen = new Set<string>();
    for (const a of actionsOf(n)) {
      if (seen.has(a.id)) problems.push({ stage: n.id, message: `duplicate action '${a.id}'` });
      seen.add(a.id);
      checkAction(def, n.id, a, problems);
    }
  }
  for (const it of def.interrupts ?? []) {
    if (it.to !== undefined && !byId.has(it.to)) problems.push({ stage: it.action.id, message: `interrupt flows to unknown stage '${it.to}'` });
    for (const s of [...it.notAt, ...(it.onlyAt ?? [])]) {
      if (!byId.has(s)) problems.push({ stage: it.action.id, message: `interrupt names unknown stage '${s}'` });
    }
    checkAction(def, `interrupt:${it.action.id}`, it.action, problems);
  }

  // Reachability from the start (interrupt targets count as reachable).
  const reached = new Set<string>();
  const stack = [def.start, ...(def.interrupts ?? []).flatMap((i) => (i.to ? [i.to] : []))];
  while (stack.length) {
    const cur = stack.pop()!;
    const node = byId.get(cur);
    if (!node || reached.has(cur)) continue;
    reached.add(cur);
    stack.push(...successors(node));
  }
  for (const n of def.nodes) if (!reached.has(n.id)) problems.push({ stage: n.id, message: 'unreachable stage' });
  if (!def.nodes.some((n) => n.type === 'endEvent')) problems.push({ message: 'no end event' });

  // A cycle made only of gateways and service tasks would loop without waiting for anyone.
  for (const n of def.nodes) {
    if (isWaitState(n)) continue;
    const seen = new Set<string>();
    const walk = [...successors(n)];
    while (walk.length) {
      const cur = walk.pop()!;
      const node = byId.get(cur);
      if (!node || isWaitState(node) || seen.has(cur)) continue;
      if (cur === n.id) {
        problems.push({ stage: n.id, message: 'cycle without a user task or time window' });
        break;
      }
      seen.add(cur);
      walk.push(...successors(node));
    }
  }

  if (problems.length) throw new DefinitionError(def.id, problems);
  return def;
}

/** The stage a structural problem under `nodes.<i>` concerns, read from the raw definition (it failed to parse). */
function stageOf(raw: unknown, path: PropertyKey[]): { stage?: string } {
  if (path[0] !== 'nodes' || typeof path[1] !== 'number') return {};
  const nodes = (raw as { nodes?: unknown } | null)?.nodes;
  const id = Array.isArray(nodes) ? (nodes[path[1]] as { id?: unknown } | null)?.id : undefined;
  return typeof id === 'string' ? { stage: id } : {};
}

function checkAction(def: ProcessDefinition, stage: string, a: ActionDef, problems: DefinitionProblem[]) {
  for (const r of a.requires ?? []) {
    if (!('when' in r) && !RULEBOOK.checks[r.rule]) problems.push({ stage, message: `action '${a.id}' names unknown check '${r.rule}'` });
  }
  if (a.effect.kind === 'apply' && !RULEBOOK.reducers[a.effect.reducer]) {
    problems.push({ stage, message: `action '${a.id}' names unknown reducer '${a.effect.reducer}'` });
  }
  // A notice quotes only fields the payload declares (never free-form data from elsewhere in the step).
  const declared = Object.keys((a.payload.properties as Record<string, unknown> | undefined) ?? {});
  for (const f of a.notify?.fields ?? []) {
    if (!declared.includes(f)) problems.push({ stage, message: `action '${a.id}' notifies with field '${f}' that its payload does not declare` });
  }
  // A stamp names keys of its own: it would otherwise overwrite what the payload or the item already says.
  if (a.effect.kind === 'patchItem' && a.effect.stamp) {
    const { by, at } = a.effect.stamp;
    const taken = [...declared, 'id', 'by', 'at'];
    if (by === at) problems.push({ stage, message: `action '${a.id}' stamps who and when under the same key '${by}'` });
    for (const k of [by, at]) {
      if (taken.includes(k)) problems.push({ stage, message: `action '${a.id}' stamps under '${k}', which its payload or the item already uses` });
    }
  }
  if (a.to !== undefined && !def.nodes.some((n) => n.id === a.to)) {
    problems.push({ stage, message: `action '${a.id}' flows to unknown stage '${a.to}'` });
  }
  for (const p of a.performers) {
    if (!def.roles.includes(p.role)) {
      problems.push({ stage, message: `action '${a.id}' names role '${p.role}' that the process does not declare` });
    }
  }
  if (a.collegial && a.performers.some((p) => p.role !== 'pokja')) {
    problems.push({ stage, message: `action '${a.id}' is collegial: only the Pokja decides collegially` });
  }
  // A sealed envelope replaces one vendor's entry in a list that stays sealed until a named data path exists.
  if (a.envelope && (!a.sealedUntil || a.effect.kind !== 'upsertByActor')) {
    problems.push({ stage, message: `action '${a.id}' is a sealed envelope: it needs sealedUntil and an upsertByActor effect` });
  }
  // Payloads are closed objects, so a client's unknown field is refused rather than silently stored.
  if (a.payload.type !== 'object' || a.payload.additionalProperties !== false) {
    problems.push({ stage, message: `action '${a.id}' payload schema must be an object with additionalProperties: false` });
  }
  try {
    new Validator(a.payload, '2020-12');
  } catch (e) {
    problems.push({ stage, message: `action '${a.id}' has an invalid payload schema: ${(e as Error).message}` });
  }
}

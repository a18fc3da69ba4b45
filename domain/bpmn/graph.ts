/**
 * Maps a process definition onto BPMN 2.0 concepts (still plain data, no XML): which BPMN element each stage
 * becomes, the boundary events, the sequence flows and the event subprocesses. `export.ts` turns this into
 * bpmn-moddle elements and `layout.ts` places it.
 *
 * Choices, each made so that bpmn-js draws the process the way the engine runs it:
 * - userTask → bpmn:userTask; the roles are bpmn:potentialOwner resources (a role may act in several stages, and
 *   a stage such as contract signing has several roles, so lanes would split stages); actions in documentation.
 * - timeWindow with actions → a bpmn:userTask with a standard loop (people act repeatedly inside) whose loop
 *   condition is the window's schedule parameter: the task repeats while the window is open and completes when it
 *   closes, then flows to the window's `next`. (An interrupting timer boundary with no normal exit, as drawn before,
 *   reads as a token sink to BPMN tools: bpmnlint's no-implicit-end.) A window without actions (a waiting period
 *   such as the masa sanggah) → an intermediate timer catch event, which is all it is.
 * - actions that leave a stage (`to`) → an exclusive gateway after the stage: one conditioned flow per target (the
 *   action ids as the condition), the stage's `next` as the default flow. Two unconditioned flows out of a task would
 *   read as "both" (an implicit parallel split), which the engine never does.
 * - a gateway stage reached from several places gets a converging gateway before it, so no gateway both joins and
 *   forks (bpmnlint's no-gateway-join-fork).
 * - userTask `timeout` → an interrupting (cancelActivity) timer boundary event on the task's bottom edge.
 * - Timers carry the schedule-parameter name as a formal expression (working days are no ISO 8601 duration, and each
 *   package sets its own jadwal); their names show the default ("3 hari kerja").
 * - exclusiveGateway → conditioned sequence flows (the predicate as JSON) and the `default` flow.
 * - endEvent: completed → none end event; failed → error end event (bpmn:Error with the status as errorCode: the
 *   package ends in failure, nobody catches it); cancelled → terminate end event (every open window and timer stops).
 *   BPMN's cancel end event belongs to transaction subprocesses only, so it is not used.
 * - interrupts (cancellation) → an interrupting event subprocess started by a message (the officer's request),
 *   flowing to the interrupt's end event; `notAt` is stated in its documentation, since an event subprocess has no
 *   notion of excluded stages. The end event moves into the event subprocess when nothing else reaches it;
 *   otherwise the subprocess ends in a copy of it. An interrupt that leads to a non-end stage becomes interrupting
 *   message boundary events on every activity where it is allowed.
 * - non-interrupting steps (`to` absent: the Pokja's schedule change) → a non-interrupting event subprocess
 *   (isInterrupting=false on its message start event) that ends in a none end event: the stage keeps running and
 *   only its deadlines move. The stages where it is open (`onlyAt`) are stated in its documentation and name.
 *
 * Ids: stage ids (lower_snake_case, valid NCNames) are the element ids; generated elements start with an upper-case
 * prefix, so they can never collide with a stage.
 */
import type { ActionDef, EndOutcome, ProcessDefinition, ProcessNode, Role } from '../process/definition';
import type { Predicate } from '../process/predicate';
import { describeParam, describeProcess, describeStage, durationLabel, ROLE_NAMES, rolesOf } from './describe';

/** `language` of a choice gateway's conditions: the body is the ids of the actions that take this flow. */
export const ACTION_LANGUAGE = 'urn:pengadaan:action';

export interface TimerSpec {
  param: string;
  label: string;
  docs: string;
}

export type GNodeKind = 'startEvent' | 'userTask' | 'windowTask' | 'serviceTask' | 'callActivity' | 'exclusiveGateway' | 'timerCatchEvent' | 'endEvent';

export interface GNode {
  id: string;
  kind: GNodeKind;
  name: string;
  docs: string;
  roles?: Role[];
  timer?: TimerSpec;
  end?: { outcome: EndOutcome; status: string };
  /** For a window task: the schedule that closes it (the loop condition: repeat while the window is open). */
  loop?: TimerSpec;
  /** For a gateway: the id of its default flow. */
  defaultFlow?: string;
  /** For a start event inside an event subprocess: the message that starts it. */
  message?: string;
  /** For such a start event: the subprocess runs beside the stage instead of ending it (a schedule change). */
  nonInterrupting?: boolean;
}

export interface GBoundary {
  id: string;
  host: string;
  side: 'right' | 'bottom' | 'top';
  name: string;
  docs: string;
  timer?: TimerSpec;
  message?: string;
}

export interface GFlow {
  id: string;
  source: string;
  target: string;
  name?: string;
  condition?: Predicate;
  /** After a choice gateway: the actions that lead here. */
  actions?: string[];
}

export interface GEventSubprocess {
  id: string;
  name: string;
  docs: string;
  start: GNode;
  /** Copies of the stages the interrupt runs before its end (a contract's termination service), in order. */
  inner: GNode[];
  end: GNode;
  /** start → inner… → end. */
  flows: GFlow[];
}

export interface BpmnGraph {
  def: ProcessDefinition;
  processId: string;
  processDocs: string;
  /** Main-process flow nodes, the start event first. */
  nodes: GNode[];
  boundaries: GBoundary[];
  flows: GFlow[];
  eventSubprocesses: GEventSubprocess[];
  /** Messages that start interrupts: id → name. */
  messages: Map<string, string>;
}

/** A valid NCName from any string (definition ids may contain characters that ids may not). */
export function ncName(raw: string): string {
  const s = raw.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(s) ? s : `_${s}`;
}

export const START_ID = 'StartEvent';

function timerOf(def: ProcessDefinition, param: string): TimerSpec {
  const p = def.params[param];
  return { param, label: p ? durationLabel(p) : param, docs: `Timer: ${describeParam(param, p)}` };
}

/** A window's timer: a schedule parameter, or a number of calendar days held in the package data. */
function windowTimer(def: ProcessDefinition, n: Extract<ProcessNode, { type: 'timeWindow' }>): TimerSpec {
  if (n.duration !== undefined) return timerOf(def, n.duration);
  // The label is what a reader sees: the number of days is the package's own, so no data path goes into it.
  return { param: n.durationFrom!, label: 'jangka waktu paket', docs: `Timer: hari kalender pada data '${n.durationFrom}'` };
}

function stageNode(def: ProcessDefinition, n: ProcessNode): GNode {
  const base = { id: n.id, name: n.name, docs: describeStage(def, n) };
  switch (n.type) {
    case 'userTask':
      return { ...base, kind: 'userTask', roles: rolesOf(n.actions) };
    case 'timeWindow':
      return n.actions.length
        ? { ...base, kind: 'windowTask', roles: rolesOf(n.actions), loop: windowTimer(def, n) }
        : { ...base, kind: 'timerCatchEvent', timer: windowTimer(def, n) };
    case 'serviceTask':
      return { ...base, kind: 'serviceTask' };
    case 'callActivity':
      return { ...base, kind: 'callActivity' };
    case 'exclusiveGateway':
      return { ...base, kind: 'exclusiveGateway' };
    case 'endEvent':
      return { ...base, kind: 'endEvent', end: { outcome: n.outcome, status: n.status } };
  }
}

export function buildGraph(def: ProcessDefinition): BpmnGraph {
  const flows: GFlow[] = [];
  const flowIds = new Set<string>();
  const addFlow = (source: string, target: string, extra: Partial<GFlow> = {}): string => {
    let id = `Flow_${source}__${target}`;
    for (let i = 2; flowIds.has(id); i++) id = `Flow_${source}__${target}_${i}`;
    flowIds.add(id);
    flows.push({ id, source, target, ...extra });
    return id;
  };

  const nodes: GNode[] = [{ id: START_ID, kind: 'startEvent', name: 'Paket dibuat', docs: `Paket dibuat; tahap pertama: ${def.start}` }];
  const boundaries: GBoundary[] = [];
  addFlow(START_ID, def.start);
  /** The stage's way out: straight to `next`, or through a choice gateway when some actions lead elsewhere. */
  const leave = (id: string, next: string, actions: ActionDef[], nextName?: string) => {
    const byTarget = new Map<string, ActionDef[]>();
    for (const a of actions) if (a.to) byTarget.set(a.to, [...(byTarget.get(a.to) ?? []), a]);
    if (!byTarget.size) {
      addFlow(id, next, nextName ? { name: nextName } : {});
      return;
    }
    const choice: GNode = {
      id: `Choice_${id}`,
      kind: 'exclusiveGateway',
      name: 'Langkah?',
      docs: `Pilihan langkah pada tahap ${id}: langkah yang dipilih menentukan tahap berikutnya`,
    };
    nodes.push(choice);
    addFlow(id, choice.id);
    choice.defaultFlow = addFlow(choice.id, next, nextName ? { name: nextName } : {});
    for (const [to, acts] of byTarget) addFlow(choice.id, to, { name: acts.map((a) => a.name).join(' / '), actions: acts.map((a) => a.id) });
  };

  for (const n of def.nodes) {
    const g = stageNode(def, n);
    nodes.push(g);
    switch (n.type) {
      case 'userTask':
        leave(n.id, n.next, n.actions);
        if (n.timeout) {
          const timer = timerOf(def, n.timeout.after);
          const id = `Timeout_${n.id}`;
          boundaries.push({ id, host: n.id, side: 'bottom', name: `batas ${timer.label}`, docs: timer.docs, timer });
          addFlow(id, n.timeout.to);
        }
        break;
      case 'timeWindow':
        if (g.kind === 'windowTask') {
          leave(n.id, n.next, n.actions, `ditutup: ${g.loop!.label}`);
        } else {
          addFlow(n.id, n.next);
        }
        break;
      case 'serviceTask':
      case 'callActivity':
        addFlow(n.id, n.next);
        break;
      case 'exclusiveGateway':
        // Neighbouring branches to the same stage are one flow (either condition): two flows between the same two
        // elements would be drawn on top of each other. Only neighbours merge, because the first true branch wins.
        for (const run of runsByTarget(n.branches)) {
          const condition: Predicate = run.length === 1 ? run[0]!.when : { any: run.map((b) => b.when) };
          addFlow(n.id, run[0]!.to, { name: run.map((b) => b.name).join(' / '), condition });
        }
        g.defaultFlow = addFlow(n.id, n.default);
        break;
      case 'endEvent':
        break;
    }
  }

  const messages = new Map<string, string>();
  const eventSubprocesses: GEventSubprocess[] = [];
  const interrupts = def.interrupts ?? [];
  for (const it of interrupts) {
    const a = it.action;
    const messageId = `Message_${a.id}`;
    messages.set(messageId, a.name);
    const who = a.performers.map((p) => ROLE_NAMES[p.role]).join(', ');
    const docs = [
      `Interupsi: ${a.id} — ${a.name} (${who})`,
      `Tidak tersedia pada tahap: ${it.notAt.join(', ') || '-'}`,
      ...(it.onlyAt ? [`Hanya pada tahap: ${it.onlyAt.join(', ')}`] : []),
      it.to ? `Menuju: ${it.to}` : 'Tidak menghentikan tahap berjalan (non-interrupting)',
    ].join('\n');
    const target = def.nodes.find((n) => n.id === it.to);
    if (target?.type === 'endEvent') {
      const onlyHere = !flows.some((f) => f.target === it.to) && interrupts.filter((o) => o.to === it.to).length === 1;
      const idx = nodes.findIndex((n) => n.id === it.to);
      const original = nodes[idx]!;
      let end: GNode;
      if (onlyHere) {
        nodes.splice(idx, 1);
        end = original;
      } else {
        end = { ...original, id: `End_${it.to}_${a.id}`, docs: `${original.docs}\n(Salinan tahap ${it.to} untuk interupsi ${a.id})` };
      }
      const id = `Interrupt_${a.id}`;
      const start: GNode = { id: `${id}_start`, kind: 'startEvent', name: `${a.name} (${who})`, docs, message: messageId };
      const flow: GFlow = { id: `Flow_${start.id}__${end.id}`, source: start.id, target: end.id };
      flowIds.add(flow.id);
      const excluded = it.notAt.map((s) => def.nodes.find((n) => n.id === s)?.name ?? s).join(', ');
      eventSubprocesses.push({ id, name: excluded ? `${a.name} (kecuali pada ${excluded})` : a.name, docs, start, inner: [], end, flows: [flow] });
    } else if (!it.to) {
      const id = `Interrupt_${a.id}`;
      const start: GNode = { id: `${id}_start`, kind: 'startEvent', name: `${a.name} (${who})`, docs, message: messageId, nonInterrupting: true };
      const end: GNode = {
        id: `${id}_end`,
        kind: 'endEvent',
        name: 'Selesai; tahap berjalan berlanjut',
        docs,
        end: { outcome: 'completed', status: 'lanjut' },
      };
      const flow: GFlow = { id: `Flow_${start.id}__${end.id}`, source: start.id, target: end.id };
      flowIds.add(flow.id);
      eventSubprocesses.push({ id, name: `${a.name} (tanpa menghentikan tahap berjalan)`, docs, start, inner: [], end, flows: [flow] });
    } else if (automaticChainToEnd(def, it.to)) {
      // Termination from many stages: one interrupting event subprocess running copies of the stages it leads to
      // (system steps only, ending the package), instead of a message boundary and a flow on every stage.
      const chain = automaticChainToEnd(def, it.to)!;
      const id = `Interrupt_${a.id}`;
      const start: GNode = { id: `${id}_start`, kind: 'startEvent', name: `${a.name} (${who})`, docs, message: messageId };
      const copies = chain.map((n) => ({
        ...stageNode(def, n),
        id: `${id}_${n.id}`,
        docs: `${describeStage(def, n)}\n(Salinan tahap ${n.id} untuk interupsi ${a.id})`,
      }));
      const path = [start, ...copies];
      const subFlows = path.slice(1).map((n, i) => ({ id: `Flow_${path[i]!.id}__${n.id}`, source: path[i]!.id, target: n.id }));
      for (const f of subFlows) flowIds.add(f.id);
      const excluded = it.notAt.map((s) => def.nodes.find((n) => n.id === s)?.name ?? s).join(', ');
      eventSubprocesses.push({
        id,
        name: excluded ? `${a.name} (kecuali pada ${excluded})` : a.name,
        docs,
        start,
        inner: copies.slice(0, -1),
        end: copies[copies.length - 1]!,
        flows: subFlows,
      });
    } else {
      const hosts = nodes.filter((n) => ['userTask', 'windowTask', 'serviceTask', 'callActivity'].includes(n.kind) && !it.notAt.includes(n.id));
      for (const h of hosts) {
        const id = `Interrupt_${a.id}_${h.id}`;
        boundaries.push({ id, host: h.id, side: 'top', name: a.name, docs, message: messageId });
        addFlow(id, it.to);
      }
    }
  }

  joinBeforeForks(nodes, flows, flowIds);
  return { def, processId: `Process_${ncName(def.id)}`, processDocs: describeProcess(def), nodes, boundaries, flows, eventSubprocesses, messages };
}

/**
 * The stages from `id` to an end when they are all system steps in a line (service tasks, then the end event), so an
 * interrupt leading there can be drawn as an event subprocess running copies of them; otherwise undefined.
 */
function automaticChainToEnd(def: ProcessDefinition, id: string): ProcessNode[] | undefined {
  const chain: ProcessNode[] = [];
  for (let n = def.nodes.find((x) => x.id === id); n; n = n.type === 'serviceTask' ? def.nodes.find((x) => x.id === n.next) : undefined) {
    chain.push(n);
    if (n.type === 'endEvent') return chain.length > 1 ? chain : undefined;
    if (n.type !== 'serviceTask' || chain.length > 4) return undefined;
  }
  return undefined;
}

/** Consecutive branches grouped while they lead to the same stage. */
function runsByTarget<B extends { to: string }>(branches: B[]): B[][] {
  const runs: B[][] = [];
  for (const b of branches) {
    const last = runs[runs.length - 1];
    if (last && last[0]!.to === b.to) last.push(b);
    else runs.push([b]);
  }
  return runs;
}

/** A gateway reached by several flows that also forks gets a converging gateway in front of it. */
function joinBeforeForks(nodes: GNode[], flows: GFlow[], flowIds: Set<string>): void {
  for (const gw of nodes.filter((n) => n.kind === 'exclusiveGateway')) {
    const incoming = flows.filter((f) => f.target === gw.id);
    if (incoming.length < 2 || flows.filter((f) => f.source === gw.id).length < 2) continue;
    const join: GNode = { id: `Join_${gw.id}`, kind: 'exclusiveGateway', name: '', docs: `Pertemuan alur menuju ${gw.id}` };
    nodes.splice(nodes.indexOf(gw), 0, join);
    for (const f of incoming) {
      flowIds.delete(f.id);
      const old = f.id;
      f.target = join.id;
      f.id = `Flow_${f.source}__${join.id}`;
      for (let i = 2; flowIds.has(f.id); i++) f.id = `Flow_${f.source}__${join.id}_${i}`;
      flowIds.add(f.id);
      for (const n of nodes) if (n.defaultFlow === old) n.defaultFlow = f.id;
    }
    const id = `Flow_${join.id}__${gw.id}`;
    flowIds.add(id);
    flows.push({ id, source: join.id, target: gw.id });
  }
}

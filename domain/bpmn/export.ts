/**
 * BPMN 2.0 export of a process definition, with diagram interchange (shapes and edges with coordinates), so a
 * standard viewer such as bpmn-js draws it as it is, without a layout step of its own.
 *
 * The XML is written by bpmn-moddle from a tree of its own model elements, so the output follows the BPMN 2.0 schema
 * (element order, references, escaping). bpmn-moddle serialises asynchronously, hence the Promise. The mapping of
 * each stage kind is explained in `graph.ts`, the layout in `layout.ts`.
 */
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import type { ProcessDefinition, Role } from '../process/definition';
import { ROLE_NAMES } from './describe';
import { ACTION_LANGUAGE, buildGraph, type GBoundary, type GFlow, type GNode, ncName, type TimerSpec } from './graph';
import { layoutGraph } from './layout';

/** `language` of the formal expressions: what the body of a timer or a condition means in this engine. */
export const SCHEDULE_PARAM_LANGUAGE = 'urn:pengadaan:schedule-param';
export const PREDICATE_LANGUAGE = 'urn:pengadaan:predicate+json';

export async function toBpmnXml(def: ProcessDefinition): Promise<string> {
  const g = buildGraph(def);
  const layout = layoutGraph(g);
  const moddle = new BpmnModdle();
  const ids = new Set<string>();
  /** Creates an element; ids must be unique in the document, so a clash is a bug in the mapping. */
  const el = (type: string, attrs: Record<string, unknown> = {}): ModdleElement => {
    const id = attrs.id;
    if (typeof id === 'string') {
      if (ids.has(id)) throw new Error(`BPMN export of ${def.id}: duplicate id '${id}'`);
      ids.add(id);
    }
    return moddle.create(type, attrs);
  };
  const docs = (text: string) => [el('bpmn:Documentation', { text, textFormat: 'text/plain' })];

  const resources = new Map<Role, ModdleElement>();
  const resource = (r: Role) => {
    if (!resources.has(r)) resources.set(r, el('bpmn:Resource', { id: `Role_${r}`, name: ROLE_NAMES[r] }));
    return resources.get(r)!;
  };
  for (const r of def.roles) resource(r);
  const errors = new Map<string, ModdleElement>();
  const error = (status: string) => {
    if (!errors.has(status)) {
      errors.set(status, el('bpmn:Error', { id: `Error_${ncName(status)}`, name: status, errorCode: status }));
    }
    return errors.get(status)!;
  };
  const messages = new Map([...g.messages].map(([id, name]) => [id, el('bpmn:Message', { id, name })]));

  const timer = (owner: string, t: TimerSpec) =>
    el('bpmn:TimerEventDefinition', {
      id: `Def_${owner}`,
      timeDuration: el('bpmn:FormalExpression', { body: t.param, language: SCHEDULE_PARAM_LANGUAGE }),
    });

  const flowNode = (n: GNode): ModdleElement => {
    const common = { id: n.id, name: n.name, documentation: docs(n.docs) };
    switch (n.kind) {
      case 'startEvent':
        return n.message
          ? el('bpmn:StartEvent', {
              ...common,
              isInterrupting: !n.nonInterrupting,
              eventDefinitions: [el('bpmn:MessageEventDefinition', { id: `Def_${n.id}`, messageRef: messages.get(n.message) })],
            })
          : el('bpmn:StartEvent', common);
      case 'userTask':
      case 'windowTask': {
        const owners = (n.roles ?? []).map((r) => el('bpmn:PotentialOwner', { name: ROLE_NAMES[r], resourceRef: resource(r) }));
        // A window repeats while it is open: the loop condition is the schedule parameter that closes it.
        const loop = n.loop
          ? {
              loopCharacteristics: el('bpmn:StandardLoopCharacteristics', {
                id: `Loop_${n.id}`,
                testBefore: true,
                loopCondition: el('bpmn:FormalExpression', { body: n.loop.param, language: SCHEDULE_PARAM_LANGUAGE }),
              }),
            }
          : {};
        return el('bpmn:UserTask', { ...common, resources: owners, ...loop });
      }
      case 'serviceTask':
        return el('bpmn:ServiceTask', common);
      case 'callActivity':
        return el('bpmn:CallActivity', { ...common, calledElement: 'packageProcess' });
      case 'exclusiveGateway':
        return el('bpmn:ExclusiveGateway', common);
      case 'timerCatchEvent':
        return el('bpmn:IntermediateCatchEvent', { ...common, eventDefinitions: [timer(n.id, n.timer!)] });
      case 'endEvent': {
        const outcome = n.end!.outcome;
        const defs =
          outcome === 'failed'
            ? [el('bpmn:ErrorEventDefinition', { id: `Def_${n.id}`, errorRef: error(n.end!.status) })]
            : outcome === 'cancelled'
              ? [el('bpmn:TerminateEventDefinition', { id: `Def_${n.id}` })]
              : [];
        return el('bpmn:EndEvent', { ...common, eventDefinitions: defs });
      }
    }
  };

  const nodes = new Map<string, ModdleElement>();
  for (const n of g.nodes) nodes.set(n.id, flowNode(n));
  const boundary = (b: GBoundary) =>
    el('bpmn:BoundaryEvent', {
      id: b.id,
      name: b.name,
      documentation: docs(b.docs),
      attachedToRef: nodes.get(b.host),
      cancelActivity: true,
      eventDefinitions: [b.timer ? timer(b.id, b.timer) : el('bpmn:MessageEventDefinition', { id: `Def_${b.id}`, messageRef: messages.get(b.message!) })],
    });
  for (const b of g.boundaries) nodes.set(b.id, boundary(b));
  const subNodes = new Map<string, ModdleElement>();
  for (const sp of g.eventSubprocesses) for (const n of [sp.start, ...sp.inner, sp.end]) subNodes.set(n.id, flowNode(n));

  const sequenceFlow = (f: GFlow, scope: Map<string, ModdleElement>) => {
    const source = scope.get(f.source)!;
    const target = scope.get(f.target)!;
    const flow = el('bpmn:SequenceFlow', {
      id: f.id,
      ...(f.name ? { name: f.name } : {}),
      sourceRef: source,
      targetRef: target,
      ...(f.condition
        ? { conditionExpression: el('bpmn:FormalExpression', { body: JSON.stringify(f.condition), language: PREDICATE_LANGUAGE }) }
        : f.actions
          ? { conditionExpression: el('bpmn:FormalExpression', { body: f.actions.join(' '), language: ACTION_LANGUAGE }) }
          : {}),
    });
    (source.get('outgoing') as ModdleElement[]).push(flow);
    (target.get('incoming') as ModdleElement[]).push(flow);
    return flow;
  };
  const flows = new Map(g.flows.map((f) => [f.id, sequenceFlow(f, nodes)]));
  for (const n of g.nodes) if (n.defaultFlow) nodes.get(n.id)!.set('default', flows.get(n.defaultFlow));

  const subprocesses = g.eventSubprocesses.map((sp) => {
    const inner = sp.flows.map((f) => {
      const flow = sequenceFlow(f, subNodes);
      flows.set(f.id, flow);
      return flow;
    });
    return el('bpmn:SubProcess', {
      id: sp.id,
      name: sp.name,
      documentation: docs(sp.docs),
      triggeredByEvent: true,
      flowElements: [...[sp.start, ...sp.inner, sp.end].map((n) => subNodes.get(n.id)), ...inner],
    });
  });
  for (const sp of subprocesses) nodes.set(sp.id!, sp);
  for (const [id, n] of subNodes) nodes.set(id, n);

  const process = el('bpmn:Process', {
    id: g.processId,
    name: def.name,
    documentation: docs(g.processDocs),
    isExecutable: false,
    flowElements: [
      ...g.nodes.map((n) => nodes.get(n.id)),
      ...g.boundaries.map((b) => nodes.get(b.id)),
      ...g.flows.map((f) => flows.get(f.id)),
      ...subprocesses,
    ],
  });

  const shapes = [...layout.shapes].map(([id, b]) => {
    const element = nodes.get(id)!;
    const extra: Record<string, unknown> =
      element.$type === 'bpmn:ExclusiveGateway' ? { isMarkerVisible: true } : element.$type === 'bpmn:SubProcess' ? { isExpanded: true } : {};
    const label = layout.labels.get(id);
    if (label) Object.assign(extra, { label: el('bpmndi:BPMNLabel', { bounds: el('dc:Bounds', { ...label }) }) });
    return el('bpmndi:BPMNShape', { id: `Shape_${id}`, bpmnElement: element, bounds: el('dc:Bounds', { ...b }), ...extra });
  });
  const edges = [...layout.edges].map(([id, points]) => {
    const label = layout.labels.get(id);
    return el('bpmndi:BPMNEdge', {
      id: `Edge_${id}`,
      bpmnElement: flows.get(id),
      waypoint: points.map((p) => el('dc:Point', { ...p })),
      ...(label ? { label: el('bpmndi:BPMNLabel', { bounds: el('dc:Bounds', { ...label }) }) } : {}),
    });
  });
  const plane = el('bpmndi:BPMNPlane', { id: `Plane_${g.processId}`, bpmnElement: process, planeElement: [...shapes, ...edges] });
  const definitions = el('bpmn:Definitions', {
    id: `Definitions_${ncName(def.id)}_v${def.version}`,
    name: `${def.name} (versi ${def.version})`,
    targetNamespace: `urn:pengadaan:process:${def.id}:v${def.version}`,
    exporter: 'pengadaan',
    exporterVersion: `${def.id}@${def.version}`,
    rootElements: [...resources.values(), ...errors.values(), ...messages.values(), process],
    diagrams: [el('bpmndi:BPMNDiagram', { id: `Diagram_${g.processId}`, name: def.name, plane })],
  });
  const { xml } = await moddle.toXML(definitions, { format: true });
  return xml;
}

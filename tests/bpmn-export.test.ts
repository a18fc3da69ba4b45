/**
 * BPMN 2.0 export: every shipped definition (new ones are covered without touching this file) is parsed back with
 * bpmn-moddle without a single warning, keeps every stage and flow, and carries a drawable diagram: a shape with
 * bounds for each flow node, an edge with waypoints from border to border for each flow, no overlapping shapes and
 * no flow running through a shape. The route is tested on a tiny express app.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import express from 'express';
import { errorHandler } from '../api/errors';
import { buildOpenApi } from '../api/openapi';
import { definitionRoutes } from '../api/routes/definitions';
import { PREDICATE_LANGUAGE, SCHEDULE_PARAM_LANGUAGE, toBpmnXml } from '../domain/bpmn/export';
import { ACTION_LANGUAGE } from '../domain/bpmn/graph';
import type { Bounds, Point } from '../domain/bpmn/layout';
import type { GatewayNode, ProcessDefinition } from '../domain/process/definition';
import { validateDefinition } from '../domain/process/validate-definition';
import { getDefinition, listDefinitions } from '../workflows/definitions';

const list = (el: ModdleElement | undefined, prop: string) => (el?.get(prop) as ModdleElement[] | undefined) ?? [];
const ref = (el: ModdleElement, prop: string) => el.get(prop) as ModdleElement | undefined;
const eventDefs = (el: ModdleElement) => list(el, 'eventDefinitions').map((d) => d.$type);

async function parse(def: ProcessDefinition) {
  const xml = await toBpmnXml(def);
  const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
  const process = list(rootElement, 'rootElements').find((e) => e.$type === 'bpmn:Process');
  assert.ok(process, 'a bpmn:Process');
  const all: ModdleElement[] = [];
  const containerOf = new Map<string, string>();
  const walk = (container: ModdleElement) => {
    for (const e of list(container, 'flowElements')) {
      all.push(e);
      if (container !== process) containerOf.set(e.id!, container.id!);
      if (e.$type === 'bpmn:SubProcess') walk(e);
    }
  };
  walk(process);
  const byId = new Map(all.map((e) => [e.id!, e]));
  const plane = ref(list(rootElement, 'diagrams')[0]!, 'plane');
  const di = list(plane, 'planeElement');
  const shapes = new Map(di.filter((d) => d.$type === 'bpmndi:BPMNShape').map((d) => [ref(d, 'bpmnElement')!.id!, ref(d, 'bounds') as unknown as Bounds]));
  const edges = new Map(di.filter((d) => d.$type === 'bpmndi:BPMNEdge').map((d) => [ref(d, 'bpmnElement')!.id!, list(d, 'waypoint') as unknown as Point[]]));
  return { xml, warnings, process, all, byId, containerOf, shapes, edges };
}

const flows = (all: ModdleElement[]) => all.filter((e) => e.$type === 'bpmn:SequenceFlow');
/** Sequence flows leaving a stage, directly or from one of its boundary events. */
function flowsLeaving(all: ModdleElement[], stage: string) {
  return flows(all).filter((f) => {
    const src = ref(f, 'sourceRef')!;
    return src.id === stage || (src.$type === 'bpmn:BoundaryEvent' && ref(src, 'attachedToRef')?.id === stage);
  });
}
/** The stage a flow leads to, through a converging gateway put in front of a gateway stage that also forks. */
const targetOf = (f: ModdleElement): string | undefined => {
  const t = ref(f, 'targetRef')!;
  const out = list(t, 'outgoing');
  return t.$type === 'bpmn:ExclusiveGateway' && t.id!.startsWith('Join_') && out.length === 1 ? targetOf(out[0]!) : t.id;
};
/**
 * Where a stage's own completion leads: straight to a stage, or through its choice gateway (the default flow is the
 * stage's `next`, each conditioned flow names the actions that take it).
 */
function exitsOf(all: ModdleElement[], el: ModdleElement) {
  const own = flows(all).filter((f) => ref(f, 'sourceRef') === el);
  assert.equal(own.length, 1, `${el.id} has one way out (a choice is a gateway, not several flows)`);
  const first = ref(own[0]!, 'targetRef')!;
  if (first.$type !== 'bpmn:ExclusiveGateway' || first.id !== `Choice_${el.id}`)
    return { next: targetOf(own[0]!), nextFlow: own[0]!, byAction: new Map<string, ModdleElement>() };
  const dflt = ref(first, 'default');
  assert.ok(dflt, `${first.id} has a default flow`);
  const byAction = new Map<string, ModdleElement>();
  for (const f of list(first, 'outgoing').filter((x) => x !== dflt)) {
    const c = ref(f, 'conditionExpression');
    assert.ok(c, `${f.id} is conditioned`);
    assert.equal(c.get('language'), ACTION_LANGUAGE);
    for (const a of String(c.get('body')).split(' ')) byAction.set(a, f);
  }
  return { next: targetOf(dflt), nextFlow: dflt, byAction };
}
const isRound = (e: ModdleElement) => e.$instanceOf('bpmn:Event') || e.$instanceOf('bpmn:Gateway');

/** On the shape's outline: anywhere on a task's box; on a circle or diamond only the middle of a side of its box is. */
const onBorder = (p: Point, b: Bounds, round: boolean) => {
  if (round) {
    const mids = [
      [b.x, b.y + b.height / 2],
      [b.x + b.width, b.y + b.height / 2],
      [b.x + b.width / 2, b.y],
      [b.x + b.width / 2, b.y + b.height],
    ];
    return mids.some(([x, y]) => Math.abs(p.x - x!) < 0.5 && Math.abs(p.y - y!) < 0.5);
  }
  const inX = p.x >= b.x - 0.5 && p.x <= b.x + b.width + 0.5;
  const inY = p.y >= b.y - 0.5 && p.y <= b.y + b.height + 0.5;
  const onX = Math.abs(p.x - b.x) < 0.5 || Math.abs(p.x - (b.x + b.width)) < 0.5;
  const onY = Math.abs(p.y - b.y) < 0.5 || Math.abs(p.y - (b.y + b.height)) < 0.5;
  return (onX && inY) || (onY && inX);
};
const overlap = (a: Bounds, b: Bounds) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Bounds, b: Bounds) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
/** Does the segment pass through the interior of the box (touching its border is fine)? */
function crosses(p: Point, q: Point, b: Bounds) {
  const [x1, x2] = [Math.min(p.x, q.x), Math.max(p.x, q.x)];
  const [y1, y2] = [Math.min(p.y, q.y), Math.max(p.y, q.y)];
  if (x1 !== x2 && y1 !== y2) return false; // only orthogonal segments are produced; diagonals are not checked
  return x1 < b.x + b.width && x2 > b.x && y1 < b.y + b.height && y2 > b.y;
}

/** Everything the export must keep of a definition, and a diagram a viewer can draw as it is. */
async function checkExport(def: ProcessDefinition) {
  const { warnings, process, all, byId, containerOf, shapes, edges } = await parse(def);
  assert.deepEqual(
    warnings.map((w) => w.message),
    [],
    'bpmn-moddle parses without warnings',
  );
  assert.equal(process.get('isExecutable'), false);

  // A start event before the first stage.
  const start = all.find((e) => e.$type === 'bpmn:StartEvent' && !containerOf.has(e.id!))!;
  assert.deepEqual(list(start, 'outgoing').map(targetOf), [def.start]);

  for (const n of def.nodes) {
    const el = byId.get(n.id);
    assert.ok(el, `stage ${n.id} is exported`);
    assert.equal(el.get('name'), n.name);
    // Flows of the process itself; an interrupt's message boundaries are checked with the interrupts below.
    const out = flowsLeaving(all, n.id).filter((f) => !eventDefs(ref(f, 'sourceRef')!).includes('bpmn:MessageEventDefinition'));
    switch (n.type) {
      case 'userTask': {
        assert.equal(el.$type, 'bpmn:UserTask');
        const doc = list(el, 'documentation')
          .map((d) => d.get('text'))
          .join('\n');
        for (const a of n.actions) assert.match(doc, new RegExp(`\\b${a.id}\\b`), `${n.id} documents action ${a.id}`);
        const owners = list(el, 'resources').map((r) => ref(r, 'resourceRef')!.id);
        const roles = [...new Set(n.actions.flatMap((a) => a.performers.map((p) => `Role_${p.role}`)))];
        assert.deepEqual(owners.sort(), roles.sort(), `${n.id} names its roles`);
        const exits = exitsOf(all, el);
        assert.equal(exits.next, n.next, `${n.id} → ${n.next}`);
        for (const a of n.actions.filter((x) => x.to)) {
          const f = exits.byAction.get(a.id);
          assert.ok(f && targetOf(f) === a.to && String(f.get('name')).split(' / ').includes(a.name), `${n.id} —${a.id}→ ${a.to}`);
        }
        assert.equal(exits.byAction.size, n.actions.filter((x) => x.to).length, `${n.id}: only actions with a target are choices`);
        if (n.timeout) {
          const t = out.find((f) => ref(f, 'sourceRef')!.$type === 'bpmn:BoundaryEvent' && targetOf(f) === n.timeout!.to);
          assert.ok(t, `${n.id} has a timeout boundary to ${n.timeout.to}`);
          const b = ref(t, 'sourceRef')!;
          assert.equal(b.get('cancelActivity'), true);
          assert.deepEqual(eventDefs(b), ['bpmn:TimerEventDefinition']);
        }
        break;
      }
      case 'timeWindow': {
        assert.equal(el.$type, n.actions.length ? 'bpmn:UserTask' : 'bpmn:IntermediateCatchEvent');
        const exits = exitsOf(all, el);
        assert.equal(exits.next, n.next, `${n.id} leads to ${n.next} when it closes`);
        if (n.actions.length) {
          // People act repeatedly while the window is open: a standard loop whose condition is the closing schedule.
          const loop = ref(el, 'loopCharacteristics')!;
          assert.equal(loop.$type, 'bpmn:StandardLoopCharacteristics');
          const cond = ref(loop, 'loopCondition')!;
          assert.equal(cond.get('language'), SCHEDULE_PARAM_LANGUAGE);
          assert.equal(cond.get('body'), n.duration ?? n.durationFrom);
          assert.match(String(exits.nextFlow.get('name')), /^ditutup: /, `${n.id}: the flow on closing says so`);
          assert.ok(
            !out.some((f) => ref(f, 'sourceRef')!.$type === 'bpmn:BoundaryEvent' && eventDefs(ref(f, 'sourceRef')!).includes('bpmn:TimerEventDefinition')),
          );
        } else {
          assert.deepEqual(eventDefs(el), ['bpmn:TimerEventDefinition']);
          const duration = ref(list(el, 'eventDefinitions')[0]!, 'timeDuration')!;
          assert.equal(duration.get('body'), n.duration ?? n.durationFrom);
        }
        for (const a of n.actions.filter((x) => x.to)) {
          assert.equal(exits.byAction.get(a.id) && targetOf(exits.byAction.get(a.id)!), a.to, `${n.id} —${a.id}→ ${a.to}`);
        }
        break;
      }
      case 'serviceTask':
        assert.equal(el.$type, 'bpmn:ServiceTask');
        assert.deepEqual(out.map(targetOf), [n.next]);
        break;
      case 'callActivity':
        // The child process (E-Kontrak) is the same interpreter workflow with its own definition.
        assert.equal(el.$type, 'bpmn:CallActivity');
        assert.equal(el.get('calledElement'), 'packageProcess');
        assert.deepEqual(out.map(targetOf), [n.next]);
        break;
      case 'exclusiveGateway': {
        assert.equal(el.$type, 'bpmn:ExclusiveGateway');
        const dflt = ref(el, 'default');
        assert.ok(dflt, `${n.id} has a default flow`);
        assert.equal(targetOf(dflt), n.default);
        assert.equal(ref(dflt, 'conditionExpression'), undefined);
        const conditioned = out.filter((f) => f !== dflt);
        // Neighbouring branches to the same stage are drawn as one flow whose condition is either of theirs.
        const runs: (typeof n.branches)[] = [];
        for (const b of n.branches) {
          if (runs.at(-1)?.[0]!.to === b.to) runs.at(-1)!.push(b);
          else runs.push([b]);
        }
        assert.equal(conditioned.length, runs.length);
        runs.forEach((run, i) => {
          const f = conditioned[i]!;
          assert.equal(targetOf(f), run[0]!.to);
          const c = ref(f, 'conditionExpression')!;
          assert.equal(c.get('language'), PREDICATE_LANGUAGE);
          assert.deepEqual(JSON.parse(String(c.get('body'))), run.length === 1 ? run[0]!.when : { any: run.map((b) => b.when) });
          assert.equal(f.get('name'), run.map((b) => b.name).join(' / '));
        });
        break;
      }
      case 'endEvent': {
        assert.equal(el.$type, 'bpmn:EndEvent');
        const expected = { completed: [], failed: ['bpmn:ErrorEventDefinition'], cancelled: ['bpmn:TerminateEventDefinition'] };
        assert.deepEqual(eventDefs(el), expected[n.outcome]);
        assert.equal(out.length, 0);
        break;
      }
    }
  }

  // Interrupts: an interrupting event subprocess started by a message, ending in the interrupt's end event.
  for (const it of def.interrupts ?? []) {
    if (!it.to) {
      // A non-interrupting step (the Pokja's schedule change): an event subprocess whose message start event does
      // not interrupt (isInterrupting=false) and ends in a none end event; the stage it happens in keeps running.
      const start = all.find((e) => e.$type === 'bpmn:StartEvent' && e.id === `Interrupt_${it.action.id}_start`);
      assert.ok(start, `non-interrupting ${it.action.id} has a start event`);
      assert.equal(start.get('isInterrupting'), false);
      assert.deepEqual(eventDefs(start), ['bpmn:MessageEventDefinition']);
      assert.equal(byId.get(containerOf.get(start.id!)!)!.get('triggeredByEvent'), true);
      const out = all.find((f) => f.$type === 'bpmn:SequenceFlow' && ref(f, 'sourceRef') === start)!;
      assert.equal(ref(out, 'targetRef')!.$type, 'bpmn:EndEvent');
      assert.deepEqual(eventDefs(ref(out, 'targetRef')!), []);
      continue;
    }
    const sub = byId.get(`Interrupt_${it.action.id}`);
    if (sub?.$type === 'bpmn:SubProcess') {
      // Termination from many stages: one interrupting event subprocess that runs copies of the system stages the
      // interrupt leads to, in the same order, ending as the process's own end does.
      assert.equal(sub.get('triggeredByEvent'), true);
      const start = list(sub, 'flowElements').find((e) => e.$type === 'bpmn:StartEvent')!;
      assert.equal(start.get('isInterrupting'), true);
      assert.deepEqual(eventDefs(start), ['bpmn:MessageEventDefinition']);
      const names: string[] = [];
      let at = start;
      for (let out = list(at, 'outgoing'); out.length; out = list(at, 'outgoing')) {
        assert.equal(out.length, 1);
        at = ref(out[0]!, 'targetRef')!;
        names.push(String(at.get('name')));
      }
      const expected: ProcessDefinition['nodes'] = [];
      for (let n = def.nodes.find((x) => x.id === it.to); n; n = n.type === 'serviceTask' ? def.nodes.find((x) => x.id === n.next) : undefined)
        expected.push(n);
      assert.deepEqual(
        names,
        expected.map((n) => n.name),
        `interrupt ${it.action.id} runs ${it.to}… to its end`,
      );
      assert.deepEqual(eventDefs(at), eventDefs(byId.get(expected.at(-1)!.id)!));
      assert.ok(!all.some((e) => e.$type === 'bpmn:BoundaryEvent' && e.id!.startsWith(`Interrupt_${it.action.id}_`)), 'no boundary staircase');
      continue;
    }
    const reached = all.filter(
      (f) =>
        f.$type === 'bpmn:SequenceFlow' &&
        eventDefs(ref(f, 'sourceRef')!).includes('bpmn:MessageEventDefinition') &&
        (targetOf(f) === it.to || targetOf(f) === `End_${it.to}_${it.action.id}`),
    );
    assert.ok(reached.length > 0, `interrupt ${it.action.id} flows to ${it.to}`);
    for (const f of reached) {
      const src = ref(f, 'sourceRef')!;
      if (src.$type === 'bpmn:StartEvent') {
        const sub = byId.get(containerOf.get(src.id!)!)!;
        assert.equal(sub.get('triggeredByEvent'), true);
        assert.equal(src.get('isInterrupting'), true);
      } else {
        assert.equal(src.get('cancelActivity'), true);
      }
    }
  }

  // Diagram: every flow node drawn, every flow routed from border to border.
  for (const e of all) {
    if (e.$type === 'bpmn:SequenceFlow') {
      const pts = edges.get(e.id!);
      assert.ok(pts && pts.length >= 2, `flow ${e.id} has an edge with ≥ 2 waypoints`);
      const [src, tgt] = [ref(e, 'sourceRef')!, ref(e, 'targetRef')!];
      assert.ok(onBorder(pts[0]!, shapes.get(src.id!)!, isRound(src)), `${e.id} starts on its source's border`);
      assert.ok(onBorder(pts[pts.length - 1]!, shapes.get(tgt.id!)!, isRound(tgt)), `${e.id} ends on its target's border`);
    } else {
      const b = shapes.get(e.id!);
      assert.ok(b, `flow node ${e.id} has a shape`);
      for (const v of [b.x, b.y, b.width, b.height]) assert.ok(Number.isFinite(v));
      assert.ok(b.width > 0 && b.height > 0);
    }
  }

  // No two shapes overlap, except a boundary event on its host and a node inside its event subprocess.
  const hostOf = new Map(all.filter((e) => e.$type === 'bpmn:BoundaryEvent').map((e) => [e.id!, ref(e, 'attachedToRef')!.id!]));
  const related = (a: string, b: string) => hostOf.get(a) === b || hostOf.get(b) === a || containerOf.get(a) === b || containerOf.get(b) === a;
  const ids = [...shapes.keys()];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const [a, b] = [ids[i]!, ids[j]!];
      if (related(a, b)) {
        if (containerOf.get(a) === b) assert.ok(inside(shapes.get(a)!, shapes.get(b)!), `${a} inside ${b}`);
        continue;
      }
      assert.ok(!overlap(shapes.get(a)!, shapes.get(b)!), `${a} and ${b} overlap`);
    }
  }

  // No flow runs through a shape other than its own ends (and their hosts).
  for (const f of flows(all)) {
    const src = ref(f, 'sourceRef')!.id!;
    const own = new Set([src, targetOf(f)!, hostOf.get(src), containerOf.get(src)]);
    const pts = edges.get(f.id!)!;
    for (const [id, b] of shapes) {
      if (own.has(id) || byId.get(id)?.$type === 'bpmn:SubProcess') continue;
      for (let i = 0; i + 1 < pts.length; i++) {
        assert.ok(!crosses(pts[i]!, pts[i + 1]!, b), `flow ${f.id} runs through ${id}`);
      }
    }
  }
}

describe('BPMN export of every definition', () => {
  for (const def of listDefinitions()) {
    test(`${def.id} v${def.version}`, () => checkExport(def));
  }

  // Shapes of definitions that the shipped ones do not have (yet): the other mapping of interrupts and ends.
  const tender = () => structuredClone(getDefinition('tender-pasca-1file')!);
  test('an end event reached both by an interrupt and by a flow', async () => {
    const def = tender();
    const gateway = def.nodes.find((n) => n.id === 'winner_found') as GatewayNode;
    gateway.branches.push({ name: 'batal', when: { op: 'exists', operand: { path: 'cancellation' } }, to: 'cancelled' });
    await checkExport(validateDefinition(def));
  });
  test('an interrupt that leads to a stage, not an end', async () => {
    const def = tender();
    const cancel = def.interrupts![0]!;
    def.interrupts!.push({ action: { ...cancel.action, id: 'restart', name: 'Ulangi dari Pengumuman' }, notAt: cancel.notAt, to: 'announcement' });
    await checkExport(validateDefinition(def));
    const { all } = await parse(def);
    const boundaries = all.filter((e) => e.$type === 'bpmn:BoundaryEvent' && eventDefs(e).includes('bpmn:MessageEventDefinition'));
    const activities = def.nodes.filter(
      (n) => !cancel.notAt.includes(n.id) && (n.type === 'userTask' || n.type === 'serviceTask' || (n.type === 'timeWindow' && n.actions.length)),
    );
    assert.deepEqual(boundaries.map((b) => ref(b, 'attachedToRef')!.id).sort(), activities.map((n) => n.id).sort());
  });

  test('names are escaped and ids stay valid NCNames', async () => {
    const base = listDefinitions()[0]!;
    const def: ProcessDefinition = JSON.parse(JSON.stringify(base));
    def.name = 'Tender <uji> & "kutip" \'tunggal\'';
    def.nodes[0]!.name = 'Tahap <a> & b';
    const { warnings, byId, process } = await parse(def);
    assert.deepEqual(warnings, []);
    assert.equal(process.get('name'), def.name);
    assert.equal(byId.get(def.nodes[0]!.id)!.get('name'), 'Tahap <a> & b');
  });

  test('the export is deterministic', async () => {
    const def = listDefinitions()[0]!;
    assert.equal(await toBpmnXml(def), await toBpmnXml(def));
  });
});

describe('GET /api/process-definitions/:id/bpmn', () => {
  test('is documented in the OpenAPI document', () => {
    const op = (buildOpenApi().paths as Record<string, { get?: { responses: Record<string, { content?: object }> } }>)['/api/process-definitions/{id}/bpmn']
      ?.get;
    assert.ok(op, 'OpenAPI has the BPMN path');
    assert.ok(op.responses['200']?.content && 'application/xml' in op.responses['200'].content);
    assert.ok(op.responses['404']);
  });

  async function withServer(fn: (base: string) => Promise<void>) {
    const app = express();
    app.use('/api/process-definitions', definitionRoutes());
    app.use(errorHandler);
    const server = await new Promise<import('node:http').Server>((resolve, reject) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s)).on('error', reject);
    });
    try {
      await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/process-definitions`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  test('returns the BPMN XML of a definition, and 404 for an unknown one', async () => {
    await withServer(async (base) => {
      const def = listDefinitions()[0]!;
      const ok = await fetch(`${base}/${def.id}/bpmn`);
      assert.equal(ok.status, 200);
      assert.match(ok.headers.get('content-type') ?? '', /^application\/xml/);
      const xml = await ok.text();
      assert.equal(xml, await toBpmnXml(def));
      const { warnings } = await new BpmnModdle().fromXML(xml);
      assert.deepEqual(warnings, []);

      const again = await fetch(`${base}/${def.id}/bpmn?version=${def.version}`);
      assert.equal(await again.text(), xml);

      for (const url of [`${base}/tidak-ada/bpmn`, `${base}/${def.id}/bpmn?version=999`]) {
        const missing = await fetch(url);
        assert.equal(missing.status, 404);
        const body = (await missing.json()) as { error: { code: string; message: string; details: unknown } };
        assert.equal(body.error.code, 'definition_not_found');
        assert.equal(typeof body.error.message, 'string');
      }
    });
  });
});

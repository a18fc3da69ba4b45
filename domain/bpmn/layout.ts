/**
 * A layered (Sugiyama-style) layout for the BPMN export, so a viewer draws the process without a layout step:
 * - cycles (re-evaluation, re-submission loops) are broken at the back edges a depth-first search from the start finds;
 * - rank = longest path from the start → column (x); flows spanning several ranks get a dummy slot in each rank
 *   between, so they never run through a shape;
 * - order within a rank by barycenter sweeps (fewest crossings kept) → row (y), each node as close to the median
 *   row of its predecessors as the order allows;
 * - flows are orthogonal: horizontal inside a row, vertical only in the gaps between columns (each vertical gets its
 *   own slot in its gap), back edges run in corridors above the rows (below for timeout boundaries).
 * Event subprocesses go in a row of their own under the process.
 */
import type { BpmnGraph, GBoundary, GNodeKind } from './graph';
import { type LabelRequest, placeLabels } from './labels';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Point {
  x: number;
  y: number;
}
export interface Layout {
  shapes: Map<string, Bounds>;
  edges: Map<string, Point[]>;
  /** External label positions (events, gateways, named flows), placed to cover nothing (labels.ts). */
  labels: Map<string, Bounds>;
}

export const SIZES: Record<GNodeKind, { width: number; height: number }> = {
  startEvent: { width: 36, height: 36 },
  userTask: { width: 100, height: 80 },
  windowTask: { width: 100, height: 80 },
  serviceTask: { width: 100, height: 80 },
  callActivity: { width: 100, height: 80 },
  exclusiveGateway: { width: 50, height: 50 },
  timerCatchEvent: { width: 36, height: 36 },
  endEvent: { width: 36, height: 36 },
};
const EVENT = 36;
/** Row pitch: the tallest shape (80) plus room for event labels and the corridor of timeout flows. */
const PITCH = 140;
const MARGIN = 50;
const GAP_MIN = 80;
const GAP_PAD = 30;
const SLOT = 14;
const CORRIDOR = 14;
const SUB_WIDTH = 360;
const SUB_HEIGHT = 140;

type Exit = 'right' | GBoundary['side'];

export function layoutGraph(g: BpmnGraph): Layout {
  const boundaryOf = new Map(g.boundaries.map((b) => [b.id, b]));
  const hostOf = (src: string) => boundaryOf.get(src)?.host ?? src;
  const exitOf = (src: string): Exit => boundaryOf.get(src)?.side ?? 'right';
  const sizeOf = new Map(g.nodes.map((n) => [n.id, SIZES[n.kind]]));
  const flowsFrom = new Map<string, typeof g.flows>(g.nodes.map((n) => [n.id, []]));
  for (const f of g.flows) flowsFrom.get(hostOf(f.source))!.push(f);

  // Depth-first search from the start: postorder (a topological order once back edges are left out), back edges.
  const state = new Map<string, 'open' | 'done'>();
  const postorder: string[] = [];
  const back = new Set<string>();
  const visit = (n: string) => {
    state.set(n, 'open');
    for (const f of flowsFrom.get(n)!) {
      const s = state.get(f.target);
      if (s === 'open') back.add(f.id);
      else if (!s) visit(f.target);
    }
    state.set(n, 'done');
    postorder.push(n);
  };
  for (const n of g.nodes) if (!state.has(n.id)) visit(n.id);

  // Longest path from the sources over the forward edges.
  const rank = new Map<string, number>(g.nodes.map((n) => [n.id, 0]));
  for (const n of [...postorder].reverse()) {
    for (const f of flowsFrom.get(n)!) {
      if (!back.has(f.id)) rank.set(f.target, Math.max(rank.get(f.target)!, rank.get(n)! + 1));
    }
  }
  const layerCount = Math.max(...rank.values()) + 1;

  // Layers of real nodes and dummies; each forward flow is a chain of keys, one per rank it spans.
  const layers: string[][] = Array.from({ length: layerCount }, () => []);
  const layerOf = new Map<string, number>();
  const chains = new Map<string, string[]>();
  const place = (key: string, r: number) => {
    layers[r]!.push(key);
    layerOf.set(key, r);
  };
  // Initial order: depth first, each flow's dummies placed when the flow is followed, so the first branch of a
  // gateway (the way forward in these definitions) comes before the default (usually the failure path).
  const placeFrom = (n: string) => {
    place(n, rank.get(n)!);
    for (const f of flowsFrom.get(n)!) {
      if (back.has(f.id)) continue;
      const chain = [n];
      for (let r = rank.get(n)! + 1; r < rank.get(f.target)!; r++) {
        const key = `~${f.id}~${r}`;
        place(key, r);
        chain.push(key);
      }
      chain.push(f.target);
      chains.set(f.id, chain);
      if (!layerOf.has(f.target)) placeFrom(f.target);
    }
  };
  for (const n of g.nodes) if (!layerOf.has(n.id)) placeFrom(n.id);
  const up = new Map<string, string[]>();
  const down = new Map<string, string[]>();
  for (const chain of chains.values()) {
    for (let i = 0; i + 1 < chain.length; i++) {
      const [a, b] = [chain[i]!, chain[i + 1]!];
      down.set(a, [...(down.get(a) ?? []), b]);
      up.set(b, [...(up.get(b) ?? []), a]);
    }
  }

  orderLayers(layers, up, down);

  // Rows: as close to the median row of the predecessors as the order within the layer allows.
  const row = new Map<string, number>();
  for (const layer of layers) {
    let prev = -1;
    for (const key of layer) {
      const ps = (up.get(key) ?? []).map((p) => row.get(p)!).sort((a, b) => a - b);
      const desired = ps.length ? ps[Math.floor((ps.length - 1) / 2)]! : prev + 1;
      prev = Math.max(desired, prev + 1);
      row.set(key, prev);
    }
  }
  const rowCount = Math.max(...row.values()) + 1;

  const backFlows = g.flows.filter((f) => back.has(f.id));
  const belowBack = backFlows.filter((f) => exitOf(f.source) === 'bottom');
  const aboveBack = backFlows.filter((f) => exitOf(f.source) !== 'bottom');
  const rowTop = MARGIN + (aboveBack.length ? 20 + aboveBack.length * CORRIDOR : 0);
  const cyOfRow = (r: number) => rowTop + r * PITCH + PITCH / 2;
  const cyOf = (key: string) => cyOfRow(row.get(key)!);
  const rowBottom = rowTop + rowCount * PITCH;
  // A window's own flows (an action that leaves it early) start below its closing timer on the right edge.
  const rightHosts = new Set(g.boundaries.filter((b) => b.side === 'right').map((b) => b.host));
  const startY = (f: (typeof g.flows)[number]) => {
    const cy = cyOf(hostOf(f.source));
    const exit = exitOf(f.source);
    if (rightHosts.has(f.source)) return cy + EVENT / 2 + 10;
    return exit === 'bottom' ? cy + PITCH / 2 : exit === 'top' ? cy - PITCH / 2 : cy;
  };

  // Vertical segments per gap (gap k lies right of column k; gap -1 left of column 0).
  const verticals = new Map<number, Map<string, number>>();
  const needVertical = (gap: number, key: string, y1: number, y2: number) => {
    const m = verticals.get(gap) ?? new Map<string, number>();
    m.set(key, Math.min(m.get(key) ?? Infinity, (y1 + y2) / 2));
    verticals.set(gap, m);
  };
  const verticalKey = (f: (typeof g.flows)[number], i: number) => (i === 0 && exitOf(f.source) === 'right' ? `n:${f.source}` : `f:${f.id}:${i}`);
  for (const f of g.flows) {
    const s = hostOf(f.source);
    if (back.has(f.id)) {
      needVertical(layerOf.get(s)!, `f:${f.id}:up`, startY(f), startY(f));
      needVertical(layerOf.get(f.target)! - 1, `f:${f.id}:down`, cyOf(f.target), cyOf(f.target));
      continue;
    }
    const chain = chains.get(f.id)!;
    let y = startY(f);
    chain.slice(1).forEach((key, i) => {
      const ny = cyOf(key);
      if (ny !== y) needVertical(layerOf.get(s)! + i, verticalKey(f, i), y, ny);
      y = ny;
    });
  }
  const slotKeys = new Map<number, string[]>();
  for (const [gap, m] of verticals)
    slotKeys.set(
      gap,
      [...m.entries()].sort((a, b) => a[1] - b[1]).map(([k]) => k),
    );
  const gapWidth = (gap: number) => {
    const n = slotKeys.get(gap)?.length ?? 0;
    if (gap === -1 && n === 0) return 0;
    return Math.max(GAP_MIN, 2 * GAP_PAD + (n - 1) * SLOT);
  };

  // Columns.
  const colWidth = layers.map((layer) => Math.max(EVENT, ...layer.filter((k) => sizeOf.has(k)).map((k) => sizeOf.get(k)!.width)));
  const colLeft: number[] = [];
  const gapLeft = new Map<number, number>([[-1, MARGIN]]);
  let x = MARGIN + gapWidth(-1);
  colWidth.forEach((w, k) => {
    colLeft.push(x);
    x += w;
    gapLeft.set(k, x);
    x += gapWidth(k);
  });
  const slotX = (gap: number, key: string) => {
    const keys = slotKeys.get(gap)!;
    const width = gapWidth(gap);
    const first = gapLeft.get(gap)! + (width - (keys.length - 1) * SLOT) / 2;
    return first + keys.indexOf(key) * SLOT;
  };

  // Shapes.
  const shapes = new Map<string, Bounds>();
  for (const n of g.nodes) {
    const { width, height } = sizeOf.get(n.id)!;
    const k = layerOf.get(n.id)!;
    const cx = colLeft[k]! + colWidth[k]! / 2;
    shapes.set(n.id, { x: cx - width / 2, y: cyOf(n.id) - height / 2, width, height });
  }
  const perSide = new Map<string, number>();
  for (const b of g.boundaries) {
    const h = shapes.get(b.host)!;
    const i = perSide.get(`${b.host}:${b.side}`) ?? 0;
    perSide.set(`${b.host}:${b.side}`, i + 1);
    const half = EVENT / 2;
    const pos =
      b.side === 'right'
        ? { x: h.x + h.width - half, y: h.y + h.height / 2 - half + i * (EVENT + 4) }
        : b.side === 'bottom'
          ? { x: h.x + h.width - EVENT - 10 - i * (EVENT + 4), y: h.y + h.height - half }
          : { x: h.x + h.width - EVENT - 10 - i * (EVENT + 4), y: h.y - half };
    shapes.set(b.id, { ...pos, width: EVENT, height: EVENT });
  }

  // Edges.
  const edges = new Map<string, Point[]>();
  const aboveIndex = new Map(aboveBack.map((f, i) => [f.id, i]));
  const belowIndex = new Map(belowBack.map((f, i) => [f.id, i]));
  for (const f of g.flows) {
    const s = hostOf(f.source);
    const src = shapes.get(f.source)!;
    const tgt = shapes.get(f.target)!;
    const exit = exitOf(f.source);
    const y0 = startY(f);
    const pts: Point[] =
      exit === 'right'
        ? [{ x: src.x + src.width, y: y0 }]
        : exit === 'bottom'
          ? [
              { x: src.x + EVENT / 2, y: src.y + EVENT },
              { x: src.x + EVENT / 2, y: y0 },
            ]
          : [
              { x: src.x + EVENT / 2, y: src.y },
              { x: src.x + EVENT / 2, y: y0 },
            ];
    const ty = cyOf(f.target);
    if (back.has(f.id)) {
      const corridor = belowIndex.has(f.id) ? rowBottom + 20 + belowIndex.get(f.id)! * CORRIDOR : rowTop - 20 - aboveIndex.get(f.id)! * CORRIDOR;
      const xu = slotX(layerOf.get(s)!, `f:${f.id}:up`);
      const xd = slotX(layerOf.get(f.target)! - 1, `f:${f.id}:down`);
      pts.push({ x: xu, y: y0 }, { x: xu, y: corridor }, { x: xd, y: corridor }, { x: xd, y: ty });
    } else {
      let y = y0;
      chains
        .get(f.id)!
        .slice(1)
        .forEach((key, i) => {
          const ny = cyOf(key);
          if (ny !== y) {
            const vx = slotX(layerOf.get(s)! + i, verticalKey(f, i));
            pts.push({ x: vx, y }, { x: vx, y: ny });
          }
          y = ny;
        });
    }
    pts.push({ x: tgt.x, y: ty });
    edges.set(f.id, simplify(pts));
  }

  // Event subprocesses under everything else.
  const subTop = rowBottom + (belowBack.length ? 20 + belowBack.length * CORRIDOR : 0) + 40;
  // The name (the action and the stages it is not allowed at) is drawn inside the top edge: wide enough for two lines.
  let sx = MARGIN;
  for (const sp of g.eventSubprocesses) {
    // Its nodes in one line: start, the copied stages, the end, GAP_MIN apart.
    const line = [sp.start, ...sp.inner, sp.end];
    const needed = 100 + line.reduce((w, n) => w + SIZES[n.kind].width, 0) + (line.length - 1) * GAP_MIN;
    const width = Math.max(SUB_WIDTH, needed, Math.min(1000, Math.ceil((sp.name.length * 7) / 2 / 10) * 10 + 20));
    // The name is drawn inside the top edge, wrapped: the nodes go below it (a long list of excluded stages wraps).
    const nameHeight = Math.ceil((sp.name.length * 7) / (width - 20)) * 14 + 12;
    const height = Math.max(SUB_HEIGHT, nameHeight + 100);
    shapes.set(sp.id, { x: sx, y: subTop, width, height });
    const cy = subTop + nameHeight + 50;
    const step = (width - 100 - line.reduce((w, n) => w + SIZES[n.kind].width, 0)) / (line.length - 1);
    let nx = sx + 50;
    for (const n of line) {
      const { width: w, height: h } = SIZES[n.kind];
      shapes.set(n.id, { x: nx, y: cy - h / 2, width: w, height: h });
      nx += w + step;
    }
    for (const f of sp.flows) {
      const [a, b] = [shapes.get(f.source)!, shapes.get(f.target)!];
      edges.set(f.id, [
        { x: a.x + a.width, y: cy },
        { x: b.x, y: cy },
      ]);
    }
    sx += width + 40;
  }

  // External labels where they cover nothing: events and gateways, boundary events, then named flows.
  const frames = new Set(g.eventSubprocesses.map((sp) => sp.id));
  const subNodes = g.eventSubprocesses.flatMap((sp) => [sp.start, ...sp.inner, sp.end]);
  const requests: LabelRequest[] = [
    ...[...g.nodes, ...subNodes]
      .filter((n) => n.name && ['startEvent', 'endEvent', 'timerCatchEvent', 'exclusiveGateway'].includes(n.kind))
      .map((n) => ({ id: n.id, text: n.name, shape: shapes.get(n.id)! })),
    ...g.boundaries.filter((b) => b.name).map((b) => ({ id: b.id, text: b.name, shape: shapes.get(b.id)! })),
    ...[...g.flows, ...g.eventSubprocesses.flatMap((sp) => sp.flows)].filter((f) => f.name).map((f) => ({ id: f.id, text: f.name!, along: edges.get(f.id)! })),
  ];
  const obstacles = [...shapes].filter(([id]) => !frames.has(id)).map(([, b]) => b);
  const labels = placeLabels(requests, obstacles, [...edges.values()]);

  return { shapes, edges, labels };
}

/** Drops repeated points and middle points of straight runs. */
function simplify(pts: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of pts) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const prev = out[out.length - 2];
    if (last && prev && ((prev.x === last.x && last.x === p.x) || (prev.y === last.y && last.y === p.y))) out.pop();
    out.push(p);
  }
  return out;
}

/** Barycenter sweeps down and up; keeps the order with the fewest crossings between adjacent layers. */
function orderLayers(layers: string[][], up: Map<string, string[]>, down: Map<string, string[]>) {
  const crossings = () => {
    let c = 0;
    for (let k = 0; k + 1 < layers.length; k++) {
      const pos = new Map(layers[k + 1]!.map((key, i) => [key, i]));
      const segs = layers[k]!.flatMap((a, i) => (down.get(a) ?? []).map((b) => [i, pos.get(b)!] as const));
      for (let i = 0; i < segs.length; i++) {
        for (let j = i + 1; j < segs.length; j++) {
          const [a1, b1] = segs[i]!;
          const [a2, b2] = segs[j]!;
          if ((a1 - a2) * (b1 - b2) < 0) c++;
        }
      }
    }
    return c;
  };
  const sortBy = (layer: string[], neighbours: Map<string, string[]>, pos: Map<string, number>) => {
    const keyOf = new Map(
      layer.map((key, i) => {
        const ns = (neighbours.get(key) ?? []).map((n) => pos.get(n)!);
        return [key, ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : i] as const;
      }),
    );
    layer.sort((a, b) => keyOf.get(a)! - keyOf.get(b)!);
  };
  let best = layers.map((l) => [...l]);
  let bestCount = crossings();
  for (let iter = 0; iter < 8 && bestCount > 0; iter++) {
    if (iter % 2 === 0) {
      for (let k = 1; k < layers.length; k++) sortBy(layers[k]!, up, new Map(layers[k - 1]!.map((key, i) => [key, i])));
    } else {
      for (let k = layers.length - 2; k >= 0; k--) sortBy(layers[k]!, down, new Map(layers[k + 1]!.map((key, i) => [key, i])));
    }
    const c = crossings();
    if (c < bestCount) {
      best = layers.map((l) => [...l]);
      bestCount = c;
    }
  }
  best.forEach((l, k) => layers.splice(k, 1, l));
}

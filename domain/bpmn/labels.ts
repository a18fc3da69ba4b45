/**
 * Places the external labels of the BPMN export (events, gateways, named sequence flows) so that no label covers
 * another label or a shape. Without label bounds a viewer puts an event's label under it and a flow's label on the
 * middle of its middle segment, whatever is there: in the exported definitions that covered 39 labels or shapes.
 *
 * Each label is tried at candidate places in order (an event's or gateway's: below, above, right, left; a flow's:
 * beside each of its segments, nearest its source first) and takes the first that is free; a place that no flow runs
 * through is preferred. The size is an estimate of how bpmn-js draws an external label (Arial 11 px, lines wrapped at
 * 90 px, centred in the box), kept on the generous side; tests/bpmn-labels.test.ts measures the real text in Chromium.
 */
import type { Bounds, Point } from './layout';

/** bpmn-js wraps an external label at 90 px. */
const WRAP = 90;
/** Generous average advance of Arial 11 px (measured 5.3–6.4 px for these names). */
const CHAR = 6.6;
const LINE = 14;
const PAD = 3;

export interface LabelRequest {
  id: string;
  text: string;
  /** A flow's waypoints, or the shape of an event or gateway. */
  along?: Point[];
  shape?: Bounds;
}

/** The box bpmn-js needs for the text (wrapped at word boundaries like its TextRenderer). */
export function textBox(text: string): { width: number; height: number } {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last.length + 1 + w.length) * CHAR <= WRAP) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
  }
  const longest = Math.max(0, ...lines.map((l) => l.length));
  return { width: Math.ceil(Math.min(Math.max(longest * CHAR, 10), WRAP + CHAR * 4)), height: Math.max(1, lines.length) * LINE };
}

const overlaps = (a: Bounds, b: Bounds) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function crossesSegment(b: Bounds, p: Point, q: Point): boolean {
  const [x1, x2] = [Math.min(p.x, q.x), Math.max(p.x, q.x)];
  const [y1, y2] = [Math.min(p.y, q.y), Math.max(p.y, q.y)];
  return x1 <= b.x + b.width && x2 >= b.x && y1 <= b.y + b.height && y2 >= b.y;
}

function candidates(r: LabelRequest, size: { width: number; height: number }): Bounds[] {
  const { width, height } = size;
  const at = (cx: number, cy: number): Bounds => ({ x: Math.round(cx - width / 2), y: Math.round(cy - height / 2), width, height });
  if (r.shape) {
    const s = r.shape;
    const [cx, cy] = [s.x + s.width / 2, s.y + s.height / 2];
    return [
      at(cx, s.y + s.height + PAD + height / 2),
      at(cx, s.y - PAD - height / 2),
      at(s.x + s.width + PAD + width / 2, cy),
      at(s.x - PAD - width / 2, cy),
      at(s.x + s.width + PAD + width / 2, s.y + s.height + PAD + height / 2),
      at(s.x - PAD - width / 2, s.y + s.height + PAD + height / 2),
    ];
  }
  const out: Bounds[] = [];
  const pts = r.along ?? [];
  for (let i = 0; i + 1 < pts.length; i++) {
    const [p, q] = [pts[i]!, pts[i + 1]!];
    if (p.y === q.y) {
      const len = Math.abs(q.x - p.x);
      const dir = Math.sign(q.x - p.x) || 1;
      // Nearest the segment's start first (the label names where the flow goes from there), then its middle.
      for (const along of [Math.min(len / 2, 12 + width / 2), len / 2, len - 12 - width / 2]) {
        if (along < width / 2 - 4 && len > 0) continue;
        const cx = p.x + dir * along;
        out.push(at(cx, p.y - PAD - height / 2), at(cx, p.y + PAD + height / 2));
      }
      // Clear of the shapes the segment joins (a gateway's half height, a task's): further up or down.
      for (const lift of [25, 40, 55, 70]) {
        for (const along of [len / 2, Math.min(len / 2, 12 + width / 2)]) {
          const cx = p.x + dir * along;
          out.push(at(cx, p.y - lift - PAD - height / 2), at(cx, p.y + lift + PAD + height / 2));
        }
      }
    } else {
      const dir = Math.sign(q.y - p.y) || 1;
      const len = Math.abs(q.y - p.y);
      for (const along of [Math.min(len / 2, 10 + height / 2), len / 2]) {
        const cy = p.y + dir * along;
        out.push(at(p.x + PAD + width / 2, cy), at(p.x - PAD - width / 2, cy));
      }
    }
  }
  return out;
}

/**
 * Bounds for every requested label, in request order. `obstacles`: shapes to keep clear (not expanded subprocess
 * frames, whose inside is free space); `segments`: every flow's waypoints, which a label should rather not cover.
 */
export function placeLabels(requests: LabelRequest[], obstacles: Bounds[], segments: Point[][], fixed: Bounds[] = []): Map<string, Bounds> {
  const placed = new Map<string, Bounds>();
  const taken: Bounds[] = [...fixed];
  const free = (b: Bounds) => !obstacles.some((o) => overlaps(o, b)) && !taken.some((t) => overlaps(t, b));
  const clearOfFlows = (b: Bounds) => !segments.some((pts) => pts.some((p, i) => i + 1 < pts.length && crossesSegment(b, p, pts[i + 1]!)));
  for (const r of requests) {
    const size = textBox(r.text);
    const cands = candidates(r, size);
    const choice = cands.find((b) => free(b) && clearOfFlows(b)) ?? cands.find(free) ?? cands[0];
    if (!choice) continue;
    placed.set(r.id, choice);
    taken.push(choice);
  }
  return placed;
}

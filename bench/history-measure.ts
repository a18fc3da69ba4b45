/**
 * Sizes of one Temporal workflow history, the same way for a history fetched from a server and one read from JSON
 * (tests/support/history-json.ts), and the table bench/history-size.ts prints. Two byte measures:
 *   - proto bytes: the sum over events of the event's protobuf encoding (HistoryEvent.encode), what the server stores
 *     and counts as historySize (the live mode prints the server's own figure next to it);
 *   - payload bytes: the `data` of every Payload in an event (workflow input, update arguments and results, activity
 *     inputs and results, markers), decoded (base64 → bytes in JSON), as stored: encrypted when the stack's codec was on.
 */
import type { PayloadCodec } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { textOf } from '../domain/text';

type Event = temporal.api.history.v1.IHistoryEvent;
type Payload = temporal.api.common.v1.IPayload;

export interface Tally {
  count: number;
  bytes: number;
  payloadBytes: number;
}

export interface Measured {
  label: string;
  /** `id@version` of the process definition in the workflow input, or what the input shows instead. */
  definition: string;
  method?: string;
  /** Workflow Updates accepted: one per step performed through the API. */
  steps: number;
  events: number;
  protoBytes: number;
  payloadBytes: number;
  /** Payload bytes of the first event's input (the workflow input). */
  inputBytes: number;
  /** From describe(), live mode only. */
  serverEvents?: number;
  serverBytes?: number;
  byType: Map<string, Tally>;
  /** Per activity name: ActivityTaskScheduled count and input payload bytes, ActivityTaskCompleted result payload bytes. */
  byActivity: Map<string, { count: number; inputBytes: number; resultBytes: number }>;
  /** Run id this history continued from (continue-as-new), if any. */
  continuedFrom?: string;
}

const EVENT_TYPES = temporal.api.enums.v1.EventType as unknown as Record<number, string>;
const dec = new TextDecoder();

/** 'EVENT_TYPE_WORKFLOW_TASK_STARTED' or its number → 'WorkflowTaskStarted'. */
export function eventTypeName(t: unknown): string {
  const full = typeof t === 'number' ? (EVENT_TYPES[t] ?? String(t)) : textOf(t ?? '?');
  return full
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

const isPayload = (v: unknown): v is Payload =>
  typeof v === 'object' && v !== null && (v as Payload).data instanceof Uint8Array && typeof (v as Payload).metadata === 'object';

/** Sum of the data bytes of every Payload anywhere under v. */
export function payloadBytes(v: unknown): number {
  if (isPayload(v)) return v.data!.length;
  if (typeof v !== 'object' || v === null || v instanceof Uint8Array) return 0;
  let n = 0;
  for (const x of Array.isArray(v) ? v : Object.values(v)) n += payloadBytes(x);
  return n;
}

const protoSize = (e: Event) => temporal.api.history.v1.HistoryEvent.encode(e).finish().length;

function add(map: Map<string, Tally>, key: string, bytes: number, payload: number) {
  const t = map.get(key) ?? { count: 0, bytes: 0, payloadBytes: 0 };
  t.count++;
  t.bytes += bytes;
  t.payloadBytes += payload;
  map.set(key, t);
}

/** The definition the workflow was started with: `definition.{id,version}` today, or a reference to it. */
async function definitionOf(first: Event | undefined, codec?: PayloadCodec): Promise<{ definition: string; method?: string }> {
  const payloads = first?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
  if (!payloads.length) return { definition: '(no input)' };
  const encoding = payloads[0]!.metadata?.encoding;
  if (!codec && encoding && dec.decode(encoding) === 'binary/encrypted') return { definition: '(input encrypted)' };
  try {
    const [p] = codec ? await codec.decode(payloads) : payloads;
    const input = JSON.parse(dec.decode(p!.data!)) as Record<string, unknown>;
    const ref = [input.definition, input.definitionRef, input.definitionKey].find((d) => typeof d === 'object' && d !== null) as
      { id?: string; version?: number; method?: string } | undefined;
    const id = ref?.id ?? input.definitionId;
    const version = ref?.version ?? input.definitionVersion;
    const method = (ref?.method ?? input.method) as string | undefined;
    if (id === undefined) return { definition: `(input keys: ${Object.keys(input).join(', ')})` };
    return { definition: `${textOf(id)}@${textOf(version ?? '?')}`, method };
  } catch (e) {
    return { definition: `(input unreadable: ${(e as Error).message.slice(0, 40)})` };
  }
}

export async function measure(label: string, history: History, codec?: PayloadCodec): Promise<Measured> {
  const events = (history.events ?? []) as Event[];
  const byType = new Map<string, Tally>();
  const byActivity = new Map<string, { count: number; inputBytes: number; resultBytes: number }>();
  const activityOf = new Map<string, string>();
  let protoBytes = 0;
  let payload = 0;
  let steps = 0;
  for (const e of events) {
    const name = eventTypeName(e.eventType);
    const bytes = protoSize(e);
    const pb = payloadBytes(e);
    protoBytes += bytes;
    payload += pb;
    add(byType, name, bytes, pb);
    if (name === 'WorkflowExecutionUpdateAccepted') steps++;
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled) {
      const activity = scheduled.activityType?.name ?? '?';
      activityOf.set(String(e.eventId), activity);
      const a = byActivity.get(activity) ?? { count: 0, inputBytes: 0, resultBytes: 0 };
      a.count++;
      a.inputBytes += payloadBytes(scheduled.input);
      byActivity.set(activity, a);
    }
    const completed = e.activityTaskCompletedEventAttributes;
    if (completed) {
      const a = byActivity.get(activityOf.get(String(completed.scheduledEventId)) ?? '?');
      if (a) a.resultBytes += payloadBytes(completed.result);
    }
  }
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  return {
    label,
    ...(await definitionOf(events[0], codec)),
    steps,
    events: events.length,
    protoBytes,
    payloadBytes: payload,
    inputBytes: payloadBytes(started?.input),
    byType,
    byActivity,
    ...(started?.continuedExecutionRunId ? { continuedFrom: started.continuedExecutionRunId } : {}),
  };
}

// ---- printing ------------------------------------------------------------------------------------------------------

const TENDER_TARGET_BYTES = 40 * 1024;
const EVENTS_PER_STEP_TARGET = 8;
const int = (n: number) => n.toLocaleString('en-US');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const name = (m: Measured) => m.label.replace(/^\s*└\s*/, '');
const per = (n: number, steps: number) => (steps ? (n / steps).toFixed(1) : '-');
/** The figure the targets are about: the server's historySize when there is one, else the computed proto bytes. */
const historyBytes = (m: Measured) => m.serverBytes ?? m.protoBytes;

const STORED = " as stored (encrypted by the stack's codec: ≈ 55 bytes more data each)";

export function printTable(rows: Measured[], source: 'server' | 'json'): void {
  const w = Math.max(8, ...rows.map((r) => r.label.length));
  const d = Math.max(18, ...rows.map((r) => r.definition.length));
  const cols: [string, number][] = [
    ['steps', 6],
    ['events', 7],
    ['ev/step', 8],
    ...(source === 'server' ? ([['srv bytes', 11]] as [string, number][]) : []),
    ['proto bytes', 12],
    ['bytes/step', 11],
    ['input bytes', 12],
    ['payload bytes', 14],
  ];
  console.log(`${'workflow'.padEnd(w)}  ${'definition@version'.padEnd(d)} ${cols.map(([h, n]) => h.padStart(n)).join(' ')}`);
  for (const r of rows) {
    const vals = [
      int(r.steps),
      r.serverEvents !== undefined && r.serverEvents !== r.events ? `${int(r.events)}≠${r.serverEvents}` : int(r.events),
      per(r.events, r.steps),
      ...(source === 'server' ? [r.serverBytes === undefined ? '-' : int(r.serverBytes)] : []),
      int(r.protoBytes),
      r.steps ? int(Math.round(historyBytes(r) / r.steps)) : '-',
      int(r.inputBytes),
      int(r.payloadBytes),
    ];
    console.log(`${r.label.padEnd(w)}  ${r.definition.padEnd(d)} ${vals.map((v, i) => v.padStart(cols[i]![1])).join(' ')}`);
  }
  console.log(
    [
      '',
      'columns: steps = WorkflowExecutionUpdateAccepted events (one per step performed through the API); events = history length;',
      source === 'server'
        ? "  srv bytes = describe().historySize, the server's count; proto bytes = sum of each event's protobuf encoding, computed here;"
        : "  proto bytes = sum of each event's protobuf encoding after decoding the JSON (what a server would count as historySize);",
      `  bytes/step = ${source === 'server' ? 'srv' : 'proto'} bytes / steps; input bytes = payload data of the first event's input (the workflow input);`,
      `  payload bytes = data of every Payload in the history${source === 'server' ? STORED : ', base64-decoded'}.`,
    ].join('\n'),
  );
}

export function printBreakdown(r: Measured): void {
  console.log(`\n${r.label} (${r.definition}${r.continuedFrom ? `, continued from run ${r.continuedFrom}` : ''})`);
  const types = [...r.byType.entries()].sort((a, b) => b[1].bytes - a[1].bytes);
  const top = types.slice(0, 8);
  const rest = types.slice(8).reduce((s, [, t]) => ({ count: s.count + t.count, bytes: s.bytes + t.bytes, payloadBytes: s.payloadBytes + t.payloadBytes }), {
    count: 0,
    bytes: 0,
    payloadBytes: 0,
  });
  const widths = [6, 12, 14, 6];
  const line = ([first, ...rest]: string[]) => `  ${first!.padEnd(40)} ${rest.map((c, i) => c.padStart(widths[i]!)).join(' ')}`;
  console.log(line(['event type (top 8 by proto bytes)', 'count', 'proto bytes', 'payload bytes', 'share']));
  const share = (t: Tally) => `${Math.round((100 * t.bytes) / Math.max(1, r.protoBytes))}%`;
  const row = (type: string, t: Tally) => line([type, int(t.count), int(t.bytes), int(t.payloadBytes), share(t)]);
  for (const [type, t] of top) console.log(row(type, t));
  if (rest.count) console.log(row(`(${types.length - 8} other types)`, rest));
  if (!r.byActivity.size) return;
  console.log(line(['activity (ActivityTaskScheduled)', 'count', 'input bytes', 'result bytes']));
  for (const [activity, a] of [...r.byActivity.entries()].sort((x, y) => y[1].inputBytes + y[1].resultBytes - (x[1].inputBytes + x[1].resultBytes))) {
    console.log(line([activity, int(a.count), int(a.inputBytes), int(a.resultBytes)]));
  }
}

/** By the definition in the input; a history saved with --save has its input encrypted, so its file name tells instead. */
const isTender = (m: Measured) =>
  m.definition.startsWith('(') ? /^tender/.test(m.label) && !/-child-/.test(m.label) : m.method === 'tender' || /^tender/.test(m.definition);

/**
 * The issue's targets next to the figures (never a pass/fail exit): ≤ 40 KB for the history of a tender with 5 bids
 * (the package workflow; its E-Kontrak child, when measured together, is shown added), ≤ 8 events per step everywhere.
 */
export function printTargets(rows: Measured[], tenderFamilies: { tender: Measured; children: Measured[] }[] = []): void {
  console.log('\ntargets (issue 14 point 1; printed, not asserted; 1 KB = 1,024 bytes):');
  const tenders = tenderFamilies.length ? tenderFamilies.map((f) => f.tender) : rows.filter(isTender);
  console.log('  tender history ≤ 40 KB and ≤ 8 events/step:');
  if (!tenders.length) console.log('    no tender history measured');
  for (const t of tenders) {
    const bytes = historyBytes(t);
    const family = tenderFamilies.find((f) => f.tender === t);
    const withChildren = family?.children.length ? `; with its E-Kontrak ${kb(bytes + family.children.reduce((s, c) => s + historyBytes(c), 0))}` : '';
    const size = bytes <= TENDER_TARGET_BYTES ? 'within' : `${kb(bytes - TENDER_TARGET_BYTES)} over, ×${(bytes / TENDER_TARGET_BYTES).toFixed(1)}`;
    console.log(`    ${name(t)}: ${kb(bytes)} (${size}) in ${t.steps} steps, ${per(t.events, t.steps)} events/step${withChildren}`);
  }
  const stepped = rows.filter((r) => r.steps > 0);
  const over = stepped.filter((r) => r.events / r.steps > EVENTS_PER_STEP_TARGET);
  const worst = stepped.reduce<Measured | undefined>((a, b) => (!a || b.events / b.steps > a.events / a.steps ? b : a), undefined);
  const best = stepped.reduce<Measured | undefined>((a, b) => (!a || b.events / b.steps < a.events / a.steps ? b : a), undefined);
  console.log(
    `  every workflow ≤ 8 events/step: ${stepped.length - over.length} of ${stepped.length} workflows with steps within` +
      (worst && best ? `; best ${name(best)} ${per(best.events, best.steps)}, worst ${name(worst)} ${per(worst.events, worst.steps)}` : ''),
  );
}

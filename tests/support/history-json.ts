/**
 * Workflow histories to and from the JSON norm of `temporal workflow show --output json`.
 *
 * `historyToJSON` / `historyFromJSON` of @temporalio/common 1.24 throw "type must be a Type" in this install: the
 * lock file has protobufjs 7 hoisted (for @grpc/proto-loader), so @temporalio/common and @temporalio/proto each get a
 * nested protobufjs 8 copy, and common's protojson refuses the reflected types built by proto's copy (an
 * `instanceof Type` check across two module instances). Worker.runReplayHistory converts JSON histories with that
 * same broken function, so callers must hand it a decoded History. These helpers try the SDK first and otherwise do
 * the same conversion with the protojson of the protobufjs copy that @temporalio/proto itself uses.
 */
import type { History } from '@temporalio/common/lib/proto-utils';
import * as sdk from '@temporalio/common/lib/proto-utils';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import path from 'node:path';

interface ProtoJson {
  toJson(type: unknown, message: unknown, options?: object): unknown;
  fromJson(type: unknown, json: unknown, options?: object): unknown;
}

let fallback: { protojson: ProtoJson; historyType: unknown } | undefined;
function protoCopy() {
  if (!fallback) {
    const protoDir = path.dirname(require.resolve('@temporalio/proto'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved from @temporalio/proto's own copy of protobufjs
    const protojson = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] })) as ProtoJson;
    const root = patchProtobufRoot(proto as unknown as Record<string, unknown>) as unknown as {
      lookupType(name: string): unknown;
    };
    fallback = { protojson, historyType: root.lookupType('temporal.api.history.v1.History') };
  }
  return fallback;
}

const isTypeMismatch = (e: unknown) => e instanceof TypeError && /must be a Type/.test(e.message);

/** A History (e.g. from `handle.fetchHistory()`) as pretty-printed proto JSON. */
export function historyToJson(history: History): string {
  try {
    return sdk.historyToJSON(history);
  } catch (e) {
    if (!isTypeMismatch(e)) throw e;
    const { protojson, historyType } = protoCopy();
    const message = proto.temporal.api.history.v1.History.fromObject(history);
    return JSON.stringify(protojson.toJson(historyType, message), null, 2);
  }
}

/** Proto JSON (as written by historyToJson or the Temporal CLI) as a History that Worker.runReplayHistory accepts. */
export function historyFromJson(json: unknown): History {
  try {
    return sdk.historyFromJSON(json);
  } catch (e) {
    if (!isTypeMismatch(e)) throw e;
    const { protojson, historyType } = protoCopy();
    const loaded = protojson.fromJson(historyType, withFullEnumNames(json), { ignoreUnknownFields: true });
    if (!loaded) throw new TypeError('Invalid history', { cause: e });
    return loaded;
  }
}

/** Older CLI output writes enums short ('WorkflowExecutionStarted'); the SDK's fix-up of the two that matter here. */
function withFullEnumNames(json: unknown): unknown {
  const h = json as { events?: Record<string, unknown>[] };
  if (typeof h !== 'object' || h === null || !Array.isArray(h.events)) {
    throw new TypeError('Invalid history, expected an object with an array of events');
  }
  const full = (v: unknown, prefix: string) =>
    typeof v === 'string' && !v.startsWith(prefix) ? `${prefix}_${v.replace(/[^\b][A-Z]/g, (m) => `${m[0]}_${m[1]}`).toUpperCase()}` : v;
  return {
    ...h,
    events: h.events.map((e) => {
      const attrs = Object.keys(e).find((k) => k.endsWith('EventAttributes'));
      const a = attrs ? (e[attrs] as Record<string, unknown>) : undefined;
      const tq = a?.taskQueue as Record<string, unknown> | undefined;
      return {
        ...e,
        eventType: full(e.eventType, 'EVENT_TYPE'),
        ...(attrs && a ? { [attrs]: { ...a, ...(tq ? { taskQueue: { ...tq, kind: full(tq.kind, 'TASK_QUEUE_KIND') } } : {}) } } : {}),
      };
    }),
  };
}

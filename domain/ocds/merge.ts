/**
 * OCDS 1.1 merge routine: compile the releases of one contracting process into a compiled release (latest state)
 * and a versioned release (history of every field), and wrap them in a record.
 *
 * Normative text: https://standard.open-contracting.org/1.1/en/schema/merging/ (docs/ocds-mapping.md §1).
 * Behaviour is pinned by the open-contracting/ocds-merge fixtures (tests/fixtures/ocds/merge/1.1, run by
 * tests/ocds-merge.test.ts).
 *
 * The merge rules are derived from the release schema (dereferenced), never from hard-coded field lists:
 * - `omitWhenMerged: true`  → the field is dropped (release `id`, `date`, `tag` in 1.1.5);
 * - `wholeListMerge: true`, arrays whose items are not objects, and arrays of objects whose item schema has no `id`
 *   → the array is replaced as a whole (a literal value);
 * - other arrays of objects → identifier merge: objects are matched by `id` and merged field by field;
 * - `versionId: true` is recorded, but the routine versions an `id` by context anyway: the `id` of an object in an
 *   identifier-merged array is kept as-is, every other `id` is versioned like any other field (spec: "If
 *   versionId: true is declared on the id field of an object within an array, it is ignored").
 * Fields that are not in the schema (extensions) follow the same rules by their shape in the data.
 *
 * Pure: the bundled release schema comes with the code (schemas.ts).
 */
import { textOf } from '../text';
import { RELEASE_SCHEMA, type SchemaNode } from './schemas';

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** A release as published. Only the fields the merge routine relies on are typed. */
export type OcdsRelease = JsonObject & { ocid: string; id: string; date: string; tag?: string[] };

export interface VersionedValue {
  releaseID: Json;
  releaseDate: string;
  releaseTag?: Json;
  value: Json;
}

export interface OcdsRecord {
  ocid: string;
  releases: JsonObject[];
  compiledRelease: JsonObject;
  versionedRelease: JsonObject;
}

export type MergeRule = 'omitWhenMerged' | 'wholeListMerge' | 'versionId';
/** Merge rules keyed by JSON path without array indexes, joined with '/' (e.g. `parties/additionalIdentifiers`). */
export type MergeRules = ReadonlyMap<string, ReadonlySet<MergeRule>>;

export class OcdsMergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OcdsMergeError';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Merge rules from the schema
// ---------------------------------------------------------------------------------------------------------------

function isSchemaNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function resolvePointer(root: SchemaNode, ref: string): SchemaNode {
  if (!ref.startsWith('#')) {
    throw new OcdsMergeError(`unsupported $ref ${JSON.stringify(ref)}: only references inside the release schema are resolved`);
  }
  let node: unknown = root;
  const pointer = ref.slice(1);
  if (pointer !== '') {
    for (const raw of pointer.replace(/^\//, '').split('/')) {
      const token = decodePointerToken(decodeURIComponent(raw));
      node = isSchemaNode(node) || Array.isArray(node) ? (node as Record<string, unknown>)[token] : undefined;
    }
  }
  if (!isSchemaNode(node)) throw new OcdsMergeError(`$ref ${JSON.stringify(ref)} does not resolve to a schema`);
  return node;
}

/**
 * Follow `$ref` chains. Like a dereferenced copy of the schema, the referenced schema replaces the reference; merge
 * keywords written beside a `$ref` (allowed by the OCDS meta-schema) still apply. `seen` lists the references already
 * followed on the current path, so a recursive definition ends the walk instead of looping.
 */
type Resolved = { node: SchemaNode; seen: ReadonlySet<string> };

function deref(node: SchemaNode, root: SchemaNode, seen: ReadonlySet<string>): Resolved | null {
  let current = node;
  let visited = seen;
  const local: SchemaNode = {};
  while (typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (visited.has(ref)) return null;
    for (const key of ['omitWhenMerged', 'wholeListMerge', 'versionId'] as const) {
      if (key in current && !(key in local)) local[key] = current[key];
    }
    visited = new Set([...visited, ref]);
    current = resolvePointer(root, ref);
  }
  return { node: Object.keys(local).length ? { ...current, ...local } : current, seen: visited };
}

function typesOf(node: SchemaNode): string[] {
  const type = node.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

function collectRules(properties: unknown, path: readonly string[], root: SchemaNode, seen: ReadonlySet<string>, out: Map<string, Set<MergeRule>>): void {
  if (!isSchemaNode(properties)) return;
  for (const [key, raw] of Object.entries(properties)) {
    if (!isSchemaNode(raw)) continue;
    const resolved = deref(raw, root, seen);
    if (!resolved) continue;
    const { node: value, seen: nextSeen } = resolved;
    const fieldPath = [...path, key];
    const rules = new Set<MergeRule>();
    const types = typesOf(value);

    if (value.versionId === true) rules.add('versionId');

    if (value.omitWhenMerged === true) {
      // Supersedes every other rule: the field is discarded.
      rules.add('omitWhenMerged');
    } else if (types.includes('array') && value.wholeListMerge === true) {
      // Supersedes nested rules: the array is replaced as a whole.
      rules.add('wholeListMerge');
    } else if (types.includes('object') && isSchemaNode(value.properties)) {
      collectRules(value.properties, fieldPath, root, nextSeen, out);
    } else if (types.includes('array') && isSchemaNode(value.items)) {
      const items = deref(value.items, root, nextSeen);
      if (items) {
        const itemTypes = typesOf(items.node);
        if (itemTypes.some((t) => t !== 'object')) {
          rules.add('wholeListMerge');
        } else if (itemTypes.includes('object') && isSchemaNode(items.node.properties)) {
          if (!('id' in items.node.properties)) rules.add('wholeListMerge');
          else collectRules(items.node.properties, fieldPath, root, items.seen, out);
        }
      }
    }
    if (rules.size) out.set(fieldPath.join('/'), rules);
  }
}

const rulesCache = new WeakMap<SchemaNode, MergeRules>();

/** Derive the merge rules from a release schema (default: the bundled OCDS 1.1.5 schema). Cached per schema object. */
export function getMergeRules(schema: SchemaNode = RELEASE_SCHEMA): MergeRules {
  const cached = rulesCache.get(schema);
  if (cached) return cached;
  const rules = new Map<string, Set<MergeRule>>();
  collectRules(schema.properties, [], schema, new Set(), rules);
  rulesCache.set(schema, rules);
  return rules;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------------------------

const NO_RULES: ReadonlySet<MergeRule> = new Set();
/** Fields every release carries about itself; dropped from the merged body whatever the schema says. */
const RELEASE_METADATA = ['id', 'date', 'tag'] as const;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<T extends Json>(value: T): T {
  return structuredClone(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * A value that is merged as a whole rather than field by field: anything that is not an object or array (including
 * `null`), a `wholeListMerge` array, and an array holding anything other than objects.
 */
function isWholeValue(value: Json, rules: ReadonlySet<MergeRule>): boolean {
  if (!Array.isArray(value)) return !isObject(value);
  return rules.has('wholeListMerge') || value.some((item) => !isObject(item));
}

function isEmptyContainer(value: Json): boolean {
  return Array.isArray(value) ? value.length === 0 : isObject(value) && Object.keys(value).length === 0;
}

function hasId(item: JsonObject): boolean {
  return item.id !== undefined && item.id !== null;
}

/** Identifier merge matches ids by their string form: `1` and `"1"` are the same object. */
function sameId(a: Json | undefined, b: Json | undefined): boolean {
  return a !== undefined && a !== null && b !== undefined && b !== null && textOf(a) === textOf(b);
}

class Rules {
  constructor(private readonly rules: MergeRules) {}
  at(path: readonly string[]): ReadonlySet<MergeRule> {
    return this.rules.get(path.join('/')) ?? NO_RULES;
  }
}

function releaseDate(release: JsonObject, index: number): string {
  const date = release.date;
  if (date === undefined) throw new OcdsMergeError(`release at index ${index} has no date`);
  if (typeof date !== 'string') {
    throw new OcdsMergeError(`release at index ${index} has a ${date === null ? 'null' : 'non-string'} date`);
  }
  return date;
}

/**
 * Releases in chronological order by `date` (stable: releases with the same date keep their input order). Dates are
 * compared as instants, so `+07:00` offsets sort correctly; if any date cannot be parsed, all are compared as strings.
 */
export function sortReleases<T extends JsonObject>(releases: readonly T[]): T[] {
  const dates = releases.map(releaseDate);
  const instants = dates.map((d) => Date.parse(d));
  const byInstant = instants.every((t) => !Number.isNaN(t));
  const order = releases.map((_, i) => i);
  order.sort((a, b) => {
    if (byInstant) return instants[a]! - instants[b]! || a - b;
    const da = dates[a]!;
    const db = dates[b]!;
    return da < db ? -1 : da > db ? 1 : a - b;
  });
  return order.map((i) => releases[i]!);
}

function checkOcids(releases: readonly JsonObject[], expected?: string): string {
  if (releases.length === 0) throw new OcdsMergeError('cannot merge an empty list of releases');
  const ocid = expected ?? releases[0]!.ocid;
  if (typeof ocid !== 'string' || ocid === '') throw new OcdsMergeError('releases must have an ocid');
  releases.forEach((release, i) => {
    if (release.ocid !== ocid) {
      throw new OcdsMergeError(
        `release at index ${i} has ocid ${JSON.stringify(release.ocid)}, expected ${JSON.stringify(ocid)}: ` +
          'only releases of one contracting process can be merged',
      );
    }
  });
  return ocid;
}

// ---------------------------------------------------------------------------------------------------------------
// Compiled release
// ---------------------------------------------------------------------------------------------------------------

function compileObject(out: JsonObject, input: JsonObject, path: readonly string[], rules: Rules): void {
  for (const [key, value] of Object.entries(input)) {
    const fieldPath = [...path, key];
    const fieldRules = rules.at(fieldPath);
    if (fieldRules.has('omitWhenMerged')) continue;
    if (value === null) {
      delete out[key];
    } else if (isWholeValue(value, fieldRules)) {
      out[key] = clone(value);
    } else if (isEmptyContainer(value)) {
      // An empty object, or an empty identifier-merged array, changes nothing.
    } else if (Array.isArray(value)) {
      const existing = out[key];
      const target: Json[] = Array.isArray(existing) ? existing : (out[key] = []);
      compileArray(target, value as JsonObject[], fieldPath, rules);
      if (target.length === 0) delete out[key];
    } else {
      const existing = out[key];
      const target: JsonObject = isObject(existing) ? existing : (out[key] = {});
      compileObject(target, value as JsonObject, fieldPath, rules);
      if (isEmptyContainer(target)) delete out[key];
    }
  }
}

/** The object an array item merges into: the one with the same id, or a new one appended (identifier merge). */
function itemTarget(out: Json[], item: JsonObject): JsonObject {
  const found = hasId(item) ? out.find((o): o is JsonObject => isObject(o) && sameId(o.id, item.id)) : undefined;
  if (found) return found;
  const created: JsonObject = {};
  out.push(created);
  return created;
}

function compileArray(out: Json[], input: readonly JsonObject[], path: readonly string[], rules: Rules): void {
  for (const item of input) {
    if (Object.keys(item).length === 0) continue;
    const target = itemTarget(out, item);
    compileObject(target, item, path, rules);
    if (isEmptyContainer(target)) out.splice(out.indexOf(target), 1);
  }
}

/**
 * Merge the releases of one contracting process into a compiled release: the latest value of every field, with
 * `tag: ["compiled"]`, `date` = the latest release date and `id` = `{ocid}-{date}`.
 */
export function compileRelease(releases: readonly JsonObject[], schema?: SchemaNode): JsonObject {
  const ocid = checkOcids(releases);
  const rules = new Rules(getMergeRules(schema));
  const sorted = sortReleases(releases);
  const body: JsonObject = {};
  for (const release of sorted) {
    const input = { ...release };
    for (const key of RELEASE_METADATA) delete input[key];
    compileObject(body, input, [], rules);
  }
  const date = sorted[sorted.length - 1]!.date as string;
  return { tag: ['compiled'], id: `${ocid}-${date}`, date, ...body, ocid };
}

// ---------------------------------------------------------------------------------------------------------------
// Versioned release
// ---------------------------------------------------------------------------------------------------------------

interface ReleaseMeta {
  releaseID: Json;
  releaseDate: string;
  releaseTag: Json | undefined;
}

/** Arrays of versioned values created by this module, told apart from identifier-merged arrays of objects. */
type History = VersionedValue[];

function versionValue(out: JsonObject, key: string, value: Json, meta: ReleaseMeta, histories: WeakSet<object>): void {
  let history = out[key] as unknown as History | undefined;
  if (!history || !histories.has(history)) {
    history = [];
    histories.add(history);
    out[key] = history as unknown as Json;
  }
  const last = history[history.length - 1];
  if (last && deepEqual(last.value, value)) return;
  // Key order as in the OCDS documentation and the fixtures.
  const { releaseID, releaseDate, releaseTag } = meta;
  history.push(
    releaseTag === undefined ? { releaseID, releaseDate, value: clone(value) } : { releaseID, releaseDate, releaseTag: clone(releaseTag), value: clone(value) },
  );
}

function versionObject(
  out: JsonObject,
  input: JsonObject,
  path: readonly string[],
  rules: Rules,
  meta: ReleaseMeta,
  histories: WeakSet<object>,
  inIdentifierArray: boolean,
): void {
  for (const [key, value] of Object.entries(input)) {
    const fieldPath = [...path, key];
    const fieldRules = rules.at(fieldPath);
    if (fieldRules.has('omitWhenMerged')) continue;
    if (key === 'id' && inIdentifierArray) {
      // The id that identifies an object in an identifier-merged array is kept as-is, not versioned.
      if (value !== null && out.id === undefined) out.id = clone(value);
    } else if (isWholeValue(value, fieldRules)) {
      // Includes null: removing a field is itself a version.
      versionValue(out, key, value, meta, histories);
    } else if (isEmptyContainer(value)) {
      // Nothing to record.
    } else if (Array.isArray(value)) {
      const existing = out[key];
      const target: Json[] = Array.isArray(existing) && !histories.has(existing) ? existing : (out[key] = []);
      versionArray(target, value as JsonObject[], fieldPath, rules, meta, histories);
      if (target.length === 0) delete out[key];
    } else {
      const existing = out[key];
      const target: JsonObject = isObject(existing) ? existing : (out[key] = {});
      versionObject(target, value as JsonObject, fieldPath, rules, meta, histories, false);
      if (isEmptyContainer(target)) delete out[key];
    }
  }
}

function versionArray(out: Json[], input: readonly JsonObject[], path: readonly string[], rules: Rules, meta: ReleaseMeta, histories: WeakSet<object>): void {
  for (const item of input) {
    if (Object.keys(item).length === 0) continue;
    const target = itemTarget(out, item);
    versionObject(target, item, path, rules, meta, histories, true);
    if (isEmptyContainer(target)) out.splice(out.indexOf(target), 1);
  }
}

/**
 * Merge the releases of one contracting process into a versioned release: every field's values over time, each as
 * `{releaseID, releaseDate, releaseTag, value}`, a new entry only when the value changes. `ocid` is not versioned.
 */
export function versionedRelease(releases: readonly JsonObject[], schema?: SchemaNode): JsonObject {
  const ocid = checkOcids(releases);
  const rules = new Rules(getMergeRules(schema));
  const histories = new WeakSet<object>();
  const out: JsonObject = { ocid };
  for (const release of sortReleases(releases)) {
    const meta: ReleaseMeta = {
      releaseID: release.id ?? null,
      releaseDate: release.date as string,
      releaseTag: release.tag,
    };
    const input = { ...release };
    for (const key of [...RELEASE_METADATA, 'ocid']) delete input[key];
    versionObject(out, input, [], rules, meta, histories, false);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Record
// ---------------------------------------------------------------------------------------------------------------

/**
 * Build the record of one contracting process: the releases embedded in date order, the compiled release and the
 * versioned release. Every release must carry `ocid`.
 */
export function buildRecord(ocid: string, releases: readonly JsonObject[], schema?: SchemaNode): OcdsRecord {
  checkOcids(releases, ocid);
  return {
    ocid,
    releases: sortReleases(releases).map((r) => clone(r)),
    compiledRelease: compileRelease(releases, schema),
    versionedRelease: versionedRelease(releases, schema),
  };
}

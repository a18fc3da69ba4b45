/** The small part of JSON Schema a step form reads, and helpers to walk it. */
export interface JsonSchemaNode {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  items?: JsonSchemaNode;
  additionalProperties?: boolean | JsonSchemaNode;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  multipleOf?: number;
  if?: JsonSchemaNode;
  then?: JsonSchemaNode;
  else?: JsonSchemaNode;
  not?: JsonSchemaNode;
  [k: string]: unknown;
}

export const isObjectSchema = (s: JsonSchemaNode | undefined): s is JsonSchemaNode & { properties: Record<string, JsonSchemaNode> } =>
  !!s && (s.type === 'object' || (s.type === undefined && !!s.properties)) && !!s.properties;

/** An uploaded file as the API takes it: `{fileName, mediaType, contentBase64}`. */
export function isFileObject(s: JsonSchemaNode | undefined): boolean {
  const p = s?.properties;
  return !!p && !!p.contentBase64 && !!p.fileName;
}

/** A file referenced by its hash: `{name, sha256}` (evidence of a progress report). */
export function isHashedFileObject(s: JsonSchemaNode | undefined): boolean {
  const p = s?.properties;
  return !!p && !!p.sha256 && !!p.name && Object.keys(p).length === 2;
}

/** Whole rupiah: an integer whose name or description says it is money. */
export function isMoney(name: string, s: JsonSchemaNode): boolean {
  if (s.type !== 'integer') return false;
  return /(price|amount|value|valueChange)$/i.test(name) || /rupiah|uang muka/i.test(s.description ?? '');
}

/** `questionId` → the data list it points into (`questions`), found by the plural of the name. */
export function referencedList(name: string, data: Record<string, unknown>): { path: string; items: Record<string, unknown>[] } | undefined {
  const m = /^([a-z][A-Za-z]*)Id$/.exec(name);
  if (!m || m[1] === 'vendor' || m[1] === 'provider' || m[1] === 'leader' || m[1] === 'product') return undefined;
  const base = m[1]!;
  for (const path of [`${base}s`, `${base}es`, `${base.replace(/y$/, 'ies')}`, `${base}Reports`, `progress${base[0]!.toUpperCase()}${base.slice(1)}s`]) {
    const list = data[path];
    if (Array.isArray(list) && list.every((x) => typeof x === 'object' && x !== null)) return { path, items: list as Record<string, unknown>[] };
  }
  return undefined;
}

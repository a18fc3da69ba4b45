/**
 * @cfworker/json-schema's output units turned into rjsf's validation errors, shaped as rjsf's ajv validator shaped
 * them (`name` = the keyword, `params` = the keyword's limit read from the schema, `property` = `.results.0.vendorId`)
 * so messages.ts words them in Indonesian and rjsf places each at its field. cfworker reports a failing subschema
 * twice (the wrapper, e.g. `properties`, and the cause); only causes are kept.
 */
import type { OutputUnit } from '@cfworker/json-schema';
import type { RJSFValidationError } from '@rjsf/utils';

/** Keywords whose error only says "a subschema failed"; the subschema's own errors follow it. */
const WRAPPERS = new Set([
  'properties',
  'patternProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'contains',
  'if',
  'allOf',
  'anyOf',
  'oneOf',
  '$ref',
  '$recursiveRef',
  'dependentSchemas',
  'dependencies',
  'propertyNames',
]);

/** Keywords whose limit is the schema node's value itself (ajv called it `params.limit`). */
const LIMITS = new Set([
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'minContains',
  'maxContains',
]);

/** `#/results/0/vendorId` → `['results', '0', 'vendorId']` (JSON pointer, URI-encoded as cfworker writes it). */
export function pointerSegments(location: string): string[] {
  const body = location.replace(/^#\/?/, '');
  if (!body) return [];
  return body.split('/').map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** rjsf's property path of an instance location: `#/results/0` → `.results.0`, the root → ``. */
export const propertyOf = (instanceLocation: string): string =>
  pointerSegments(instanceLocation)
    .map((s) => `.${s}`)
    .join('');

/** The schema node a keyword location points to (`#/properties/price/maximum` → the maximum's value). */
export function schemaAt(schema: unknown, keywordLocation: string): unknown {
  let node: unknown = schema;
  for (const seg of pointerSegments(keywordLocation)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}

/** The property name cfworker quotes in its message (`… required property "price".`). */
const quoted = (error: string): string | undefined => /"([^"]*)"/.exec(error)?.[1];

/** The keyword's parameters as rjsf's ajv validator gave them, read from the schema at the keyword's location. */
function paramsOf(u: OutputUnit, node: unknown): Record<string, unknown> {
  if (LIMITS.has(u.keyword)) return { limit: node };
  switch (u.keyword) {
    case 'type':
      return { type: Array.isArray(node) ? node.join(',') : node };
    case 'pattern':
      return { pattern: node };
    case 'multipleOf':
      return { multipleOf: node };
    case 'enum':
      return { allowedValues: node };
    case 'const':
      return { allowedValue: node };
    case 'format':
      return { format: node };
    default:
      return {};
  }
}

/**
 * The errors worth showing, each at its field. `valid` is cfworker's verdict: when it refuses and every unit was a
 * wrapper (cannot happen with the keywords above, but a new keyword could), one error at the top still says so, so
 * the form never passes what the server refuses.
 */
export function toRjsfErrors(units: readonly OutputUnit[], schema: unknown, valid: boolean): RJSFValidationError[] {
  const out: RJSFValidationError[] = [];
  // `additionalProperties: false` fails as the parent's error plus a `false` unit at the unknown member; one is enough.
  const unknownMembers = new Set<string>();
  for (const u of units) {
    if (WRAPPERS.has(u.keyword)) continue;
    const node = schemaAt(schema, u.keywordLocation);
    const at = propertyOf(u.instanceLocation);
    let e: RJSFValidationError;
    if (u.keyword === 'additionalProperties' || u.keyword === 'unevaluatedProperties') {
      const member = quoted(u.error) ?? '';
      if (node !== false) continue; // a schema for extra members: its own errors follow
      unknownMembers.add(`${u.instanceLocation}/${member}`);
      e = {
        name: 'additionalProperties',
        property: at,
        params: { additionalProperty: member },
        message: u.error,
        stack: `${at} ${u.error}`.trim(),
        schemaPath: u.keywordLocation,
      };
    } else if (u.keyword === 'false') {
      if (unknownMembers.has(u.instanceLocation)) continue;
      e = { name: 'false', property: at, params: {}, message: u.error, stack: `${at} ${u.error}`.trim(), schemaPath: u.keywordLocation };
    } else if (u.keyword === 'required') {
      const member = quoted(u.error) ?? '';
      // rjsf puts a missing member's error on the member's own field, as ajv's `missingProperty` did.
      e = {
        name: 'required',
        property: `${at}.${member}`,
        params: { missingProperty: member },
        message: u.error,
        stack: `${at}.${member} ${u.error}`.trim(),
        schemaPath: u.keywordLocation,
      };
    } else {
      e = { name: u.keyword, property: at, params: paramsOf(u, node), message: u.error, stack: `${at} ${u.error}`.trim(), schemaPath: u.keywordLocation };
    }
    out.push(e);
  }
  if (!valid && out.length === 0) out.push({ name: 'schema', property: '', params: {}, message: 'invalid', stack: 'invalid', schemaPath: '#' });
  return out;
}

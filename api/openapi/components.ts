/**
 * The components of the OpenAPI document: every zod schema registered with `.meta({ id })` (request and response
 * schemas, the error body), and the payload schema of every step of every process definition.
 */
import { z } from 'zod';
import { actionsOf } from '../../domain/process/definition';
import { listDefinitions } from '../../workflows/definitions';
// Imported for their registration in zod's global registry (`.meta({ id })`).
import '../errors';
import '../schemas';

/** Every schema registered with `.meta({ id })` becomes a component; references between them stay references. */
export function componentSchemas(): Record<string, Record<string, unknown>> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...rest }]) => [id, rest as Record<string, unknown>]));
}

/** Each step's payload schema, keyed `{definition}.v{version}.{action}` (what its validator enforces). */
export function stepPayloads(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const d of listDefinitions()) {
    for (const n of d.nodes) {
      for (const a of actionsOf(n)) out[`${d.id}.v${d.version}.${a.id}`] = { ...a.payload, description: `${a.name} (${n.name})` };
    }
    for (const i of d.interrupts ?? []) out[`${d.id}.v${d.version}.${i.action.id}`] = { ...i.action.payload, description: i.action.name };
  }
  return out;
}

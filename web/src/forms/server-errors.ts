/**
 * A refused step, split into what belongs at a field and what belongs at the top of the form. Field paths come from
 * the shared `fieldsOf` (zod issues, `details.field(s)`) and from the engine's payload errors
 * (`details.errors[].path` as a JSON pointer: `#/results/0/vendorId`).
 */
import type { ErrorSchema } from '@rjsf/utils';
import { type ApiErrorBody, fieldsOf } from '../i18n/errors';

export function fieldErrors(e: ApiErrorBody): Record<string, string> {
  const out = fieldsOf(e);
  const errs = Array.isArray(e.details?.errors) ? (e.details.errors as { path?: unknown; message?: unknown }[]) : [];
  for (const x of errs) {
    const path = typeof x.path === 'string' ? x.path.replace(/^#\/?/, '').split('/').filter(Boolean).join('.') : '';
    // The engine words each payload error in Bahasa with its limit (domain/process/schema-messages.ts): shown at the field.
    if (path) out[path] = out[path] ?? (typeof x.message === 'string' && x.message ? x.message : e.message);
  }
  return out;
}

/** `{price: 'message'}` → rjsf's `{price: {__errors: ['message']}}`, nested by dotted path. */
export function toErrorSchema(fields: Record<string, string>): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(fields)) {
    let node = root;
    for (const part of path.split('.')) node = (node[part] ??= {}) as Record<string, unknown>;
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), message];
  }
  return root as ErrorSchema;
}

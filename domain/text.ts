/**
 * A value from event details, payloads or rows as text for a message, a key or a CSV cell: a string as it is, nothing
 * as '', a number, bigint or boolean as written, anything else as JSON — never '[object Object]' (the lint rule
 * no-base-to-string). Pure, so workflow code may use it too.
 */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v) ?? '';
}

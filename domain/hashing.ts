/**
 * Canonical JSON and SHA-256: one definition for everything that hashes data (the audit chain, sealed-bid
 * commitments), so the same value always gives the same text and the same hash.
 */
import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted and `undefined` members left out (as JSON.stringify does), so equal values always
 * give the same text whatever order their keys were built in.
 */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((v as { toJSON(): unknown }).toJSON());
  }
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined || typeof x === 'function' ? 'null' : canonicalJson(x))).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined && typeof o[k] !== 'function')
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  if (typeof v === 'bigint') return v.toString();
  return JSON.stringify(v) ?? 'null';
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

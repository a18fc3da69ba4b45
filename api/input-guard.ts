/**
 * Refuses request bodies and query strings that no honest client sends, before any route sees them: characters that
 * hide or reorder text (bidi overrides, zero-width), control characters and NUL (PostgreSQL cannot store NUL in
 * text: it would be a 500), lone surrogates and U+FFFD (broken encoding), keys that reach an object's prototype,
 * and nesting deeper than any schema here uses (recursive code further on — canonical JSON, payload conversion —
 * must never overflow the stack). Step payloads are free-form records validated inside the workflow, so this is the
 * one place that sees every string of every body. Homoglyphs are not refused here: Cyrillic is honest text; ids are
 * refused by their own patterns.
 */
import type { RequestHandler } from 'express';
import { ApiError } from './errors';

export const MAX_DEPTH = 32;

/**
 * C0 controls except tab, LF and CR; DEL and C1 controls; the Arabic letter mark; LRM/RLM; bidi embeddings,
 * overrides and isolates; zero-width space/joiners, word joiner and invisible operators; BOM; U+FFFD, U+FFFE, U+FFFF.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFFD-\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Reason = 'forbidden_character' | 'lone_surrogate' | 'forbidden_key' | 'too_deep';
const MESSAGES: Record<Reason, string> = {
  forbidden_character: 'Isian memuat karakter kendali, tak terlihat, atau pembalik arah teks yang tidak diizinkan.',
  lone_surrogate: 'Isian memuat teks Unicode yang rusak (surrogate tunggal).',
  forbidden_key: 'Isian memuat nama field yang tidak diizinkan.',
  too_deep: `Isian bersarang lebih dari ${MAX_DEPTH} tingkat.`,
};

function badString(s: string): Reason | null {
  if (FORBIDDEN_CHAR.test(s)) return 'forbidden_character';
  if (LONE_SURROGATE.test(s)) return 'lone_surrogate';
  return null;
}

/** The first problem in a parsed JSON value, with its path; iterative, so no input can overflow the stack. */
export function findUnsafe(root: unknown): { path: string; reason: Reason } | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const reason = badString(value);
      if (reason) return { path, reason };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) return { path, reason: 'too_deep' };
    for (const [key, child] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { path: at, reason: 'forbidden_key' };
      const reason = badString(key);
      // The key itself is hostile: name where it sits, not the key (it may be the invisible part).
      if (reason) return { path: path || '(root)', reason };
      stack.push({ value: child, path: at, depth: depth + 1 });
    }
  }
  return null;
}

/** 422 `unsafe_input` naming where and why; the offending text is never echoed back. */
export const rejectUnsafeInput: RequestHandler = (req, _res, next) => {
  for (const [where, value] of [
    ['body', req.body],
    ['query', req.query],
  ] as const) {
    const found = findUnsafe(value);
    if (found) {
      throw new ApiError(422, 'unsafe_input', MESSAGES[found.reason], { in: where, path: found.path, reason: found.reason });
    }
  }
  next();
};

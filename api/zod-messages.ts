/**
 * The API's validation messages in plain Bahasa Indonesia. zod 4's own Indonesian locale (`z.locales.id()`, set in
 * ./errors.ts) stays the fallback, but for the common issues it keeps library words ("diharapkan int, diterima
 * number", "Kunci tidak dikenali : …"); these read like the engine's payload messages
 * (domain/process/schema-messages.ts): "minimal 5 karakter", "harus bilangan bulat", "isian tidak dikenal: 'x'".
 * A message a schema gives itself (a refine, a regex's text) still wins over both: zod asks this map only without one.
 */
import type { z } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  int: 'bilangan bulat',
  number: 'angka',
  bigint: 'bilangan bulat',
  string: 'teks',
  boolean: 'true atau false',
  object: 'objek',
  record: 'objek',
  map: 'objek',
  set: 'daftar (array)',
  tuple: 'daftar (array)',
  array: 'daftar (array)',
  date: 'tanggal',
  null: 'null',
};

const UNITS: Record<string, string> = { string: 'karakter', array: 'butir', set: 'butir', map: 'butir', file: 'byte' };

/** 1000000 → 1.000.000 (rupiah amounts are read as such); four digits stay whole (a year, 2100). */
const grouped = (n: unknown): string => {
  const s = String(n);
  return /^\d{5,}$/.test(s) ? s.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : s;
};

const quoted = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : String(v));

/** For z.config({ customError }): a message, or undefined to let the locale speak. */
export const indonesianIssue = (issue: z.core.$ZodRawIssue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'wajib diisi';
      const expected = TYPE_NAMES[String(issue.expected)];
      return expected ? `harus ${expected}` : undefined;
    }
    case 'too_small': {
      const unit = UNITS[String(issue.origin)];
      const min = grouped(issue.minimum);
      if (unit) return issue.inclusive === false ? `harus lebih dari ${min} ${unit}` : `minimal ${min} ${unit}`;
      return issue.inclusive === false ? `harus lebih besar dari ${min}` : `paling kecil ${min}`;
    }
    case 'too_big': {
      const unit = UNITS[String(issue.origin)];
      const max = grouped(issue.maximum);
      if (unit) return issue.inclusive === false ? `harus kurang dari ${max} ${unit}` : `maksimal ${max} ${unit}`;
      return issue.inclusive === false ? `harus lebih kecil dari ${max}` : `paling besar ${max}`;
    }
    case 'unrecognized_keys':
      return `isian tidak dikenal: ${issue.keys.map(quoted).join(', ')}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `harus bernilai ${quoted(issue.values[0])}` : `harus salah satu dari: ${issue.values.map(quoted).join(', ')}`;
    default:
      return undefined;
  }
};

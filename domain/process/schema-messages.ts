/**
 * Payload validation errors in Bahasa Indonesia. @cfworker/json-schema words its errors in English ("String is too
 * short (3 < 10).") and they reach the user in a 422's details, so the engine words them again from the keyword and
 * the schema's own limit: "minimal 10 karakter", "harus bilangan bulat", "isian tidak dikenal: 'x'".
 * Pure and deterministic (it runs inside the workflow with the engine).
 */
import type { OutputUnit } from '@cfworker/json-schema';

export interface PayloadIssue {
  /** JSON pointer of the value at fault ('#/reason'), as the validator gives it. */
  path: string;
  message: string;
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'bilangan bulat',
  number: 'angka',
  string: 'teks',
  boolean: 'true atau false',
  object: 'objek',
  array: 'daftar (array)',
  null: 'null',
};

/** Summaries the validator adds above the real error ("Property x does not match schema"): said by their children. */
const SUMMARIES = new Set(['properties', 'items', 'prefixItems', 'if', 'then', 'else', 'allOf', '$ref', 'false', 'additionalItems']);

/** 1000000 → 1.000.000 (limits in rupiah are read as rupiah); four digits stay whole (a year, 3650 days). */
const grouped = (n: unknown): string =>
  typeof n === 'number' && Number.isInteger(n) && n >= 10_000 ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.') : String(n);

const quoted = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

/** The schema value at a keyword location ('#/properties/reason/minLength'). */
function at(schema: unknown, pointer: string): unknown {
  let cur: unknown = schema;
  for (const raw of pointer.replace(/^#\/?/, '').split('/')) {
    if (raw === '') continue;
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** The first quoted name in the validator's English text: `… required property "c".` → c. */
const nameIn = (error: string): string | undefined => /"([^"]*)"/.exec(error)?.[1];

/** One validator error in Bahasa Indonesia, the limit quoted from the schema. */
export function schemaMessage(e: OutputUnit, schema: unknown): string {
  const limit = at(schema, e.keywordLocation);
  switch (e.keyword) {
    case 'type': {
      const types = (Array.isArray(limit) ? limit : [limit]).map((t) => TYPE_NAMES[String(t)] ?? String(t));
      return `harus ${types.join(' atau ')}`;
    }
    case 'minLength':
      return `minimal ${grouped(limit)} karakter`;
    case 'maxLength':
      return `maksimal ${grouped(limit)} karakter`;
    case 'minimum':
      return `paling kecil ${grouped(limit)}`;
    case 'maximum':
      return `paling besar ${grouped(limit)}`;
    case 'exclusiveMinimum':
      return `harus lebih besar dari ${grouped(limit)}`;
    case 'exclusiveMaximum':
      return `harus lebih kecil dari ${grouped(limit)}`;
    case 'multipleOf':
      return `harus kelipatan ${grouped(limit)}`;
    case 'minItems':
      return `minimal ${grouped(limit)} butir`;
    case 'maxItems':
      return `maksimal ${grouped(limit)} butir`;
    case 'uniqueItems':
      return 'butir tidak boleh berulang';
    case 'minProperties':
      return `minimal ${grouped(limit)} isian`;
    case 'maxProperties':
      return `maksimal ${grouped(limit)} isian`;
    case 'enum':
      return Array.isArray(limit) ? `harus salah satu dari: ${limit.map(quoted).join(', ')}` : 'nilai tidak termasuk pilihan';
    case 'const':
      return `harus bernilai ${quoted(limit)}`;
    case 'pattern':
      return `format tidak sesuai (pola ${String(limit)})`;
    case 'format':
      return `format tidak sesuai (${String(limit)})`;
    case 'required': {
      const name = nameIn(e.error);
      return name ? `isian wajib belum diisi: '${name}'` : 'isian wajib belum diisi';
    }
    case 'dependentRequired': {
      const name = nameIn(e.error);
      return name ? `isian '${name}' memerlukan isian lain yang belum diisi` : 'isian yang diperlukan belum diisi';
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      // Only `false` forbids the key; a schema there said its own error about the value.
      if (limit !== false) return 'isian tambahan tidak valid';
      const name = nameIn(e.error);
      return name ? `isian tidak dikenal: '${name}'` : 'ada isian yang tidak dikenal';
    }
    case 'propertyNames':
      return 'nama isian tidak sah';
    case 'not':
      return 'nilai ini tidak diizinkan';
    case 'anyOf':
    case 'oneOf':
      return 'tidak cocok dengan bentuk isian yang diizinkan';
    case 'contains':
      return 'daftar tidak memuat butir yang disyaratkan';
    default:
      return 'isian tidak valid';
  }
}

/** A missing or unknown field is said at the field itself (`#/reason`), so a form shows it there. */
function pathOf(e: OutputUnit): string {
  const keyed = e.keyword === 'required' || e.keyword === 'dependentRequired' || e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties';
  const name = keyed ? nameIn(e.error) : undefined;
  return name === undefined ? e.instanceLocation : `${e.instanceLocation}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** The validator's errors worth telling a user, each in Bahasa Indonesia with its path. */
export function payloadIssues(errors: readonly OutputUnit[], schema: unknown): PayloadIssue[] {
  const summary = (e: OutputUnit) =>
    SUMMARIES.has(e.keyword) || ((e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') && at(schema, e.keywordLocation) !== false);
  return errors.filter((e) => !summary(e)).map((e) => ({ path: pathOf(e), message: schemaMessage(e, schema) }));
}

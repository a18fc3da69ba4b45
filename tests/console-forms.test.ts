/**
 * The console's generated step forms (web/src/forms), for every action of every definition (procurement, contract,
 * interrupts): the form renders (react-dom/server, no DOM) with a labelled control for every property of a valid
 * sample payload, in Indonesian, and the form accepts and refuses exactly the payloads the server does, on a valid
 * sample and on generated invalid cases per schema: each required field missing, a wrong type, a value past its
 * bounds or pattern or enum, and an unknown field. The form's verdict is rjsf's own (`Form#validate`, the check a
 * submit runs) on the very props StepForm gives rjsf — its schema, validator (web/src/forms/validator.ts, on
 * @cfworker/json-schema like the server) and Indonesian messages; the server's is api/services/seal-bid.ts
 * `validateContent` on the definition's schema. Same library on both sides, so what can differ is the schema the
 * form is given: a form whose schema lost a constraint fails here (proved below with a stripped maximum).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type Form from '@rjsf/core';
import type { FormProps } from '@rjsf/core';
import type { RJSFValidationError } from '@rjsf/utils';
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { validateContent } from '../api/services/seal-bid';
import { type ActionDef, actionsOf, type ProcessDefinition } from '../domain/process/definition';
import { REPO_ROOT } from '../runtime/config';
import { listDefinitions } from '../workflows/definitions';
import { buildStepContext, type StepContext } from '../web/src/forms/context';
import { FIELD_LABELS, fieldText, humanise, parseEnumDoc } from '../web/src/forms/labels';
import { indonesianMessage } from '../web/src/forms/messages';
import type { JsonSchemaNode } from '../web/src/forms/schema-walk';
import { fieldErrors, toErrorSchema } from '../web/src/forms/server-errors';
import { StepForm } from '../web/src/forms/StepForm';
import { buildUiSchema, initialData } from '../web/src/forms/ui-schema';

type Json = Record<string, unknown>;

function allActions(): { def: ProcessDefinition; action: ActionDef }[] {
  const out: { def: ProcessDefinition; action: ActionDef }[] = [];
  for (const def of listDefinitions()) {
    for (const action of def.nodes.flatMap(actionsOf)) out.push({ def, action });
    for (const i of def.interrupts ?? []) out.push({ def, action: i.action });
  }
  return out;
}

/** The server's verdict: the validator the API and the engine use (throws a 422 ApiError when invalid). */
function serverAccepts(schema: unknown, payload: unknown, key: string): boolean {
  try {
    validateContent(schema, payload, 'uji', `console-forms:${key}`);
    return true;
  } catch (e) {
    assert.equal((e as { status?: number }).status, 422, `unexpected server error: ${String(e)}`);
    return false;
  }
}

/**
 * The form's judge for one step: the rjsf Form StepForm renders (its element's props: schema as displayed, the
 * validator, transformErrors, uiSchema), built without a DOM; `validate` is what a submit runs before sending.
 */
function formJudge(schema: JsonSchemaNode): (payload: unknown) => RJSFValidationError[] {
  const el = StepForm({ schema, uiSchema: buildUiSchema(schema, EMPTY), formData: {}, idPrefix: 'uji' }) as ReactElement<FormProps<Json>>;
  const FormClass = el.type as unknown as new (p: FormProps<Json>) => Form<Json>;
  const form = new FormClass(el.props);
  return (payload) => form.validate(payload as Json).errors;
}

/**
 * Where the form and the server disagree for one step: on the generated samples and on every invalid case. The
 * server judges `schema`; the form is given `formSchema` (the same, except in the test that proves this can fail).
 */
function disagreements(schema: JsonSchemaNode, key: string, formSchema: JsonSchemaNode = schema): string[] {
  const judge = formJudge(formSchema);
  const samples = [objectSample(schema, key, false), objectSample(schema, key, true)];
  const base = samples.find((x) => serverAccepts(schema, x, key));
  assert.ok(base, `${key}: no generated sample is valid for the server: ${JSON.stringify(samples[0])}`);
  const out: string[] = [];
  const cases = [...samples.map((payload, i) => ({ name: `sample ${i}`, payload })), ...invalidCases(schema, base)];
  for (const c of cases) {
    const server = serverAccepts(schema, c.payload, key);
    const errors = judge(c.payload);
    if ((errors.length === 0) !== server) {
      out.push(
        `${key} (${c.name}): server ${server ? 'accepts' : 'refuses'}, form ${errors.length ? `refuses: ${errors.map((e) => e.stack).join('; ')}` : 'accepts'}`,
      );
    }
    for (const e of errors)
      assert.doesNotMatch(e.message ?? '', /must|should|property|instance|schema/i, `${key} (${c.name}): message not in Indonesian: ${e.message}`);
  }
  return out;
}

/** Values matching the patterns the definitions use; a new pattern must be added here (the test says so). */
const PATTERN_SAMPLES: Record<string, string> = {
  '^[^/\\\\]+$': 'penawaran.pdf',
  '^[A-Za-z0-9+/]+={0,2}$': Buffer.from('%PDF-1.4 uji').toString('base64'),
  '^\\d{4}-\\d{2}-\\d{2}$': '2026-12-07',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': '2026-12-07',
  '^[0-9a-f]{64}$': 'a'.repeat(64),
  '^[a-z][a-z0-9_]{0,39}$': 'pengalaman',
};

function sample(s: JsonSchemaNode, where: string): unknown {
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (t) {
    case 'string': {
      if (s.pattern) {
        const v = PATTERN_SAMPLES[s.pattern];
        assert.ok(v !== undefined, `${where}: no sample for pattern ${s.pattern}; add one to PATTERN_SAMPLES`);
        return v;
      }
      return 'Isian uji yang cukup panjang'.padEnd(Math.max(s.minLength ?? 1, 10), '.').slice(0, s.maxLength ?? 1000);
    }
    case 'integer':
    case 'number': {
      let v = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : (s.minimum ?? 1);
      if (s.maximum !== undefined) v = Math.min(v, s.maximum);
      return t === 'integer' ? Math.ceil(v) : v;
    }
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(s.minItems ?? 1, 1) }, () => sample(s.items ?? {}, `${where}[]`));
    case 'object':
    default:
      return objectSample(s, where, false);
  }
}

/** Required members, plus those a matching `if` makes required; `all` adds every optional member as well. */
function objectSample(s: JsonSchemaNode, where: string, all: boolean): Json {
  const out: Json = {};
  const props = s.properties ?? {};
  const names = all ? Object.keys(props) : (s.required ?? []);
  for (const k of names) out[k] = sample(props[k]!, `${where}.${k}`);
  if (!s.properties && typeof s.additionalProperties === 'object') out.unsur = sample(s.additionalProperties, `${where}.*`);
  if (s.if) {
    const branch = serverAccepts({ ...s.if, type: 'object' }, out, `${where}#if`) ? s.then : s.else;
    for (const k of branch?.required ?? []) if (out[k] === undefined) out[k] = sample({ ...props[k]!, ...(branch?.properties?.[k] ?? {}) }, `${where}.${k}`);
  }
  return out;
}

/** Invalid variants of a valid payload, each named. */
function invalidCases(s: JsonSchemaNode, valid: Json): { name: string; payload: Json }[] {
  const out: { name: string; payload: Json }[] = [{ name: 'unknown field', payload: { ...valid, bidangTakDikenal: 'x' } }];
  for (const r of s.required ?? []) {
    const { [r]: _gone, ...rest } = valid;
    out.push({ name: `missing ${r}`, payload: rest });
  }
  for (const [k, p] of Object.entries(s.properties ?? {})) {
    const t = Array.isArray(p.type) ? p.type[0] : p.type;
    const wrong = t === 'string' ? 12345 : t === 'boolean' ? 'ya' : t === 'array' ? 'bukan daftar' : t === 'object' ? 7 : 'bukan angka';
    out.push({ name: `${k} of the wrong type`, payload: { ...valid, [k]: wrong } });
    if (typeof p.maximum === 'number') out.push({ name: `${k} above its maximum`, payload: { ...valid, [k]: p.maximum + 1 } });
    if (typeof p.minimum === 'number') out.push({ name: `${k} below its minimum`, payload: { ...valid, [k]: p.minimum - 1 } });
    if (t === 'integer') out.push({ name: `${k} not whole`, payload: { ...valid, [k]: 1.5 } });
    if (typeof p.maxLength === 'number' && !p.pattern) out.push({ name: `${k} too long`, payload: { ...valid, [k]: 'x'.repeat(p.maxLength + 1) } });
    if (typeof p.minLength === 'number' && p.minLength > 0) out.push({ name: `${k} too short`, payload: { ...valid, [k]: 'x'.repeat(p.minLength - 1) } });
    if (p.pattern) out.push({ name: `${k} not matching its pattern`, payload: { ...valid, [k]: 'tidak/cocok sama sekali' } });
    if (Array.isArray(p.enum)) out.push({ name: `${k} outside its options`, payload: { ...valid, [k]: 'pilihan_lain' } });
    if (t === 'array' && typeof p.minItems === 'number' && p.minItems > 0) out.push({ name: `${k} empty`, payload: { ...valid, [k]: [] } });
    if (t === 'array' && p.items?.type === 'object' && p.items.required?.length) {
      const item = sample(p.items, k) as Json;
      const { [p.items.required[0]!]: _g, ...partial } = item;
      out.push({ name: `${k}[0] missing ${p.items.required[0]}`, payload: { ...valid, [k]: [partial] } });
    }
  }
  return out;
}

const EMPTY: StepContext = buildStepContext({});

/** A package state like an officer's during evaluation: three bidders, one open question, a contract document. */
const CONTEXT: StepContext = buildStepContext(
  {
    registrations: [{ by: 'vendor.karya' }, { by: 'vendor.tirta' }, { by: 'vendor.cisadane' }],
    bids: [
      { by: 'vendor.karya', vendor: 'PT Karya Beton Nusantara', price: 1, bidId: 'b1' },
      { by: 'vendor.tirta', price: 2, bidId: 'b2' },
    ],
    questions: [
      { id: 'questions-1', by: 'vendor.karya', question: 'Boleh beton pracetak?', answer: 'Boleh.' },
      { id: 'questions-2', by: 'vendor.tirta', question: 'Berapa lama masa pemeliharaan?' },
    ],
    objections: [{ id: 'objections-1', by: 'vendor.tirta', reason: 'Evaluasi keliru pada syarat teknis.' }],
  },
  [{ id: 'doc-1', title: 'Surat Perjanjian', fileName: 'kontrak.pdf', sha256: 'b'.repeat(64), createdAt: '2026-12-07T07:00:00.000Z' }],
);

/** Ids of the elements that have a label: `<label for>`, a legend naming their fieldset, or aria-label. */
function labelledIds(html: string): Set<string> {
  const ids = new Set<string>();
  for (const m of html.matchAll(/<label[^>]*\sfor="([^"]+)"[^>]*>([\s\S]*?)<\/label>/g)) if (m[2]!.replace(/<[^>]+>/g, '').trim()) ids.add(m[1]!);
  for (const m of html.matchAll(/<legend id="([^"]+)__title"[^>]*>([\s\S]*?)<\/legend>/g)) if (m[2]!.replace(/<[^>]+>/g, '').trim()) ids.add(m[1]!);
  for (const m of html.matchAll(/<[a-z]+[^>]*\sid="([^"]+)"[^>]*\saria-label="[^"]+"/g)) ids.add(m[1]!);
  return ids;
}

/** Every property path of a payload, as the form's control ids (`aksi-x_results_0_vendorId`). */
function controlIds(prefix: string, v: unknown, s: JsonSchemaNode, out: string[] = []): string[] {
  const fileLike = s.properties && ((s.properties.contentBase64 && s.properties.fileName) || (s.properties.sha256 && s.properties.name));
  if (fileLike) return out; // one file input stands for its members; its own id was pushed by the caller
  if (Array.isArray(v)) v.forEach((x, i) => out.push(`${prefix}_${i}`) && controlIds(`${prefix}_${i}`, x, s.items ?? {}, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push(`${prefix}_${k}`);
      controlIds(`${prefix}_${k}`, x, s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : {}), out);
    }
  }
  return out;
}

const ENGLISH = /\b(Submit|Add Item|Remove|Move (up|down)|must|should|is a required property|Errors)\b/;

describe('generated step forms', () => {
  const actions = allActions();

  it('labels every field of every step in words someone wrote, never its code name made readable ("Grounds")', () => {
    const fallbacks: string[] = [];
    const walk = (props: unknown, key: string) => {
      for (const [name, s] of Object.entries((props ?? {}) as Record<string, JsonSchemaNode>)) {
        const { label } = fieldText(name, s);
        // A name that is itself the Indonesian word (catatan, teknis) is in the dictionary with the same label.
        if (label === humanise(name) && FIELD_LABELS[name] !== label) fallbacks.push(`${key}: ${name} → '${label}'`);
        if (s.type === 'object') walk(s.properties, key);
        const items = s.items;
        if (s.type === 'array' && items?.properties) walk(items.properties, key);
      }
    };
    for (const { def, action } of actions) walk((action.payload as JsonSchemaNode | undefined)?.properties, `${def.id}@${def.version}:${action.id}`);
    assert.deepEqual(fallbacks, []);
  });

  it('covers every action of every definition, contract definitions and interrupts included', () => {
    const defs = new Set(actions.map((a) => a.def.id));
    for (const d of ['tender-pasca-1file', 'kontrak', 'surat-pesanan', 'pelaksanaan-swakelola', 'e-purchasing', 'swakelola']) assert.ok(defs.has(d), d);
    assert.ok(
      actions.some((a) => a.action.id === 'cancel_package' || /batal/i.test(a.action.name)),
      'an interrupt (cancellation) is covered',
    );
    assert.ok(actions.length > 100, `only ${actions.length} actions`);
  });

  for (const { def, action } of actions) {
    const schema = action.payload as JsonSchemaNode;
    const key = `${def.id}@${def.version}:${action.id}`;
    it(`${key}: renders with a label for every field, in Indonesian`, () => {
      for (const ctx of [EMPTY, CONTEXT]) {
        const valid = objectSample(schema, key, true);
        const formData = { ...initialData(schema, ctx), ...(serverAccepts(schema, valid, key) ? valid : objectSample(schema, key, false)) };
        const prefix = `aksi-${action.id}`;
        const html = renderToString(
          createElement(StepForm, {
            schema,
            uiSchema: buildUiSchema(schema, ctx),
            formData,
            idPrefix: prefix,
            formContext: { participants: ctx.participants, document: ctx.documents[0] },
          }),
        );
        const labelled = labelledIds(html);
        for (const id of controlIds(prefix, formData, schema)) {
          assert.ok(html.includes(`id="${id}"`), `${key}: no control ${id}`);
          assert.ok(labelled.has(id), `${key}: control ${id} has no label`);
        }
        assert.doesNotMatch(html.replace(/<[^>]+>/g, ' '), ENGLISH, `${key}: English text in the form`);
        // Internal data paths a description names for the form ("(award.winner)") never reach the screen (the
        // options of a participant select do show account ids, "(vendor.karya)", by design).
        const words = html.replace(/<option[^>]*>[\s\S]*?<\/option>/g, ' ').replace(/<[^>]+>/g, ' ');
        const paths = [...words.matchAll(/\(([a-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+)\)/g)].map((m) => m[1]!).filter((x) => !/\.(pdf|zip|xml|txt)$/.test(x));
        assert.deepEqual(paths, [], `${key}: an internal path in the form's text`);
        // Labels are words, not code names: no camelCase label made it to the screen.
        for (const m of html.matchAll(/<label[^>]*>([^<]+)</g)) assert.doesNotMatch(m[1]!, /^[a-z]+[A-Z]\w*$/, `${key}: label '${m[1]}' is a field name`);
      }
    });

    it(`${key}: the form's validator agrees with the server's`, () => {
      assert.deepEqual(disagreements(schema, key), []);
    });
  }

  it("fails when the form is given a schema that differs from the server's (a stripped maximum)", () => {
    const { def, action } = actions.find((a) => a.def.id === 'tender-pasca-1file' && a.action.id === 'submit_bid')!;
    const schema = action.payload as JsonSchemaNode;
    assert.equal(typeof schema.properties?.price?.maximum, 'number', 'the bid price has a maximum to strip');
    const { maximum: _gone, ...price } = schema.properties!.price!;
    const stripped = { ...schema, properties: { ...schema.properties, price } };
    const found = disagreements(schema, `${def.id}:${action.id}`, stripped);
    assert.ok(
      found.some((d) => /price above its maximum.*form accepts/.test(d)),
      `the check saw no difference: ${JSON.stringify(found)}`,
    );
  });
});

describe('form validation messages', () => {
  const judge = () => {
    const action = allActions().find((a) => a.def.id === 'tender-pasca-1file' && a.action.id === 'submit_bid')!.action;
    return formJudge(action.payload);
  };

  it('places each error at its field, in Indonesian, with a money limit in rupiah', () => {
    const errors = judge()({ price: 2_000_000_000_000_000 });
    const price = errors.find((e) => e.property === '.price');
    assert.ok(price, JSON.stringify(errors));
    assert.equal(price.name, 'maximum');
    assert.match(price.message ?? '', /^Paling besar Rp1\.000\.000\.000\.000\.000\.$/);
    assert.match(price.stack, /^Harga penawaran.*: Paling besar/);
    const missing = judge()({});
    assert.deepEqual(
      missing.map((e) => [e.property, e.message]),
      [['.price', 'Wajib diisi.']],
    );
  });

  it('says each keyword in Indonesian, and words an unknown one as invalid rather than not at all', () => {
    const say = (name: string, params: Record<string, unknown> = {}, money = false) => indonesianMessage({ name, params }, { money });
    assert.equal(say('minimum', { limit: 1000000 }), 'Paling kecil 1.000.000.');
    assert.equal(say('minimum', { limit: 1000000 }, true), 'Paling kecil Rp1.000.000.');
    assert.equal(say('maxLength', { limit: 2000 }, true), 'Paling banyak 2.000 karakter.');
    assert.equal(say('minLength', { limit: 1 }), 'Wajib diisi.');
    assert.equal(say('pattern', { pattern: '^[0-9a-f]{64}$' }), 'Harus 64 karakter heksadesimal (SHA-256).');
    assert.equal(say('enum', { allowedValues: ['a'] }), 'Pilih salah satu pilihan yang tersedia.');
    assert.equal(say('type', { type: 'integer' }), 'Harus berupa bilangan bulat.');
    assert.equal(say('additionalProperties', { additionalProperty: 'x' }), "Isian 'x' tidak dikenal.");
    assert.equal(say('minItems', { limit: 1 }), 'Paling sedikit 1 butir.');
    assert.equal(say('false'), 'Nilai ini tidak diizinkan di sini.');
    assert.equal(say('schema'), 'Isian tidak sah.');
  });

  it('keeps the ajv validator out of the console: no web source imports it', () => {
    const files = readdirSync(path.join(REPO_ROOT, 'web', 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|tsx)$/.test(f));
    assert.ok(files.length > 20, `read ${files.length} files`);
    for (const f of files) {
      const text = readFileSync(path.join(REPO_ROOT, 'web', 'src', f), 'utf8');
      assert.doesNotMatch(text, /from ['"](@rjsf\/validator-ajv8|ajv)(\/[^'"]*)?['"]/, `${f} imports ajv, which the console's CSP cannot run`);
    }
  });
});

describe('form hints', () => {
  it('reads option labels from `value: meaning` descriptions, with or without a prefix', () => {
    assert.deepEqual(parseEnumDoc('true: diterima (benar); false: ditolak', ['true', 'false'])?.meanings, { true: 'Diterima (benar)', false: 'Ditolak' });
    const doc = parseEnumDoc('Keadaan tertentu (Pasal 38 ayat 5): a = mendadak; b = rahasia (pertahanan, keamanan)', ['a', 'b']);
    assert.equal(doc?.prefix, 'Keadaan tertentu (Pasal 38 ayat 5)');
    assert.equal(doc?.meanings.b, 'Rahasia (pertahanan, keamanan)');
    assert.equal(parseEnumDoc('Pembelian langsung, negosiasi harga', ['langsung', 'negosiasi']), undefined);
  });

  it('labels a field from its description, the dictionary, or its name made readable', () => {
    assert.equal(
      fieldText('price', { type: 'integer', description: 'Harga penawaran (rupiah, bilangan bulat)' }).label,
      'Harga penawaran (rupiah, bilangan bulat)',
    );
    assert.equal(fieldText('note', { type: 'string' }).label, 'Catatan');
    assert.equal(
      fieldText('maintenanceDays', { type: 'integer', description: 'Masa pemeliharaan (hari kalender; konstruksi), bawaan 180 (contoh 6 bulan, §2.10)' }).label,
      'Masa pemeliharaan (hari kalender)',
    );
    assert.equal(fieldText('fooBarBaz', { type: 'string' }).label, 'Foo bar baz');
  });

  it('fills per-vendor results, the open question, and the signed document hash from the package', () => {
    const byId = (def: string, id: string) => allActions().find((a) => a.def.id === def && a.action.id === id)!.action.payload as JsonSchemaNode;
    assert.deepEqual(initialData(byId('tender-pasca-1file', 'evaluate'), CONTEXT), { results: [{ vendorId: 'vendor.karya' }, { vendorId: 'vendor.tirta' }] });
    assert.deepEqual(initialData(byId('tender-pasca-1file', 'answer_question'), CONTEXT), { questionId: 'questions-2' });
    assert.deepEqual(initialData(byId('tender-pasca-1file', 'answer_objections'), CONTEXT), { answers: [{ objectionId: 'objections-1' }] });
    assert.deepEqual(initialData(byId('kontrak', 'sign_contract_ppk'), CONTEXT), { documentHash: 'b'.repeat(64) });
    const ui = buildUiSchema(byId('kontrak', 'sign_contract_ppk'), CONTEXT) as Record<string, Record<string, unknown>>;
    assert.equal(ui.documentHash!['ui:readonly'], true);
    const evalUi = buildUiSchema(byId('tender-pasca-1file', 'evaluate'), CONTEXT) as any;
    assert.deepEqual(
      evalUi.results.items.vendorId['ui:options'].choices.map((c: { value: string }) => c.value),
      ['vendor.karya', 'vendor.tirta'],
    );
    assert.equal(buildUiSchema(byId('tender-pasca-1file', 'submit_bid'), CONTEXT).price!['ui:widget'], 'money');
    const html = renderToString(
      createElement(StepForm, {
        schema: byId('tender-pasca-1file', 'submit_bid'),
        uiSchema: buildUiSchema(byId('tender-pasca-1file', 'submit_bid'), CONTEXT),
        formData: { price: 1450000000 },
        idPrefix: 'aksi-submit_bid',
      }),
    );
    assert.match(html, /Rp1\.450\.000\.000/);
    assert.match(html, /type="file"/);
  });

  it('names participants by company where the page knows it, and preselects the candidate a field refers to', () => {
    const byId = (def: string, id: string) => allActions().find((a) => a.def.id === def && a.action.id === id)!.action.payload as JsonSchemaNode;
    const verify = byId('tender-pasca-1file', 'verify_qualification');
    const data = { ...CONTEXT.data, award: { winner: { vendorId: 'vendor.tirta', price: 2 } } };
    // Names from the view itself (a vendor's view after the opening) and from what the page read for officers.
    const ctx = buildStepContext(data, [], { 'vendor.tirta': 'CV Tirta Jaya Mandiri' });
    assert.deepEqual(ctx.participants, [
      { id: 'vendor.karya', name: 'PT Karya Beton Nusantara' },
      { id: 'vendor.tirta', name: 'CV Tirta Jaya Mandiri' },
    ]);
    assert.deepEqual(initialData(verify, ctx), { vendorId: 'vendor.tirta' });
    const ui = buildUiSchema(verify, ctx) as any;
    assert.equal(ui.vendorId['ui:title'], 'Calon pemenang yang dibuktikan');
    assert.deepEqual(ui.vendorId['ui:options'].choices, [
      { value: 'vendor.karya', label: 'PT Karya Beton Nusantara (vendor.karya)' },
      { value: 'vendor.tirta', label: 'CV Tirta Jaya Mandiri (vendor.tirta)' },
    ]);
    const html = renderToString(
      createElement(StepForm, {
        schema: verify,
        uiSchema: ui,
        formData: initialData(verify, ctx),
        idPrefix: 'aksi-verify',
        formContext: { participants: ctx.participants },
      }),
    );
    assert.match(html, /<option value="vendor.tirta" selected="">CV Tirta Jaya Mandiri \(vendor.tirta\)<\/option>/);
    assert.doesNotMatch(html, /award\.winner/);
    // Per-vendor result items are titled by company too.
    const evaluate = byId('tender-pasca-1file', 'evaluate');
    const evalHtml = renderToString(
      createElement(StepForm, {
        schema: evaluate,
        uiSchema: buildUiSchema(evaluate, ctx),
        formData: initialData(evaluate, ctx),
        idPrefix: 'aksi-evaluate',
        formContext: { participants: ctx.participants },
      }),
    );
    assert.match(evalHtml, /Butir 2 — CV Tirta Jaya Mandiri/);
  });

  it("puts a refusal at its field: zod issues and the engine's JSON-pointer errors", () => {
    const f = fieldErrors({
      code: 'invalid_payload',
      message: 'Isian tidak valid.',
      details: { errors: [{ path: '#/results/0/vendorId', message: 'maksimal 128 karakter' }] },
    });
    assert.deepEqual(f, { 'results.0.vendorId': 'maksimal 128 karakter' });
    assert.deepEqual(fieldErrors({ code: 'invalid_payload', message: 'Isian tidak valid.', details: { errors: [{ path: '#/price' }] } }), {
      price: 'Isian tidak valid.',
    });
    assert.deepEqual(toErrorSchema({ 'results.0.vendorId': 'm', price: 'p' }), {
      results: { 0: { vendorId: { __errors: ['m'] } } },
      price: { __errors: ['p'] },
    });
    assert.deepEqual(
      fieldErrors({ code: 'validation_failed', message: 'x', details: { issues: [{ path: ['payload', 'price'], message: 'Terlalu tinggi' }] } }),
      { price: 'Terlalu tinggi' },
    );
  });
});

/**
 * Hostile input against the real API (createApp) on the shared test services, with an in-process worker and one
 * real tender package waiting at its announcement. Every operation comes from GET /openapi.json, so an endpoint added
 * later is covered without touching this file. Each operation gets, with a valid token of a role allowed there (the
 * demo users are tried in turn; a 403 moves on to the next):
 *
 *  - on every operation: malformed JSON, bodies over the 100 kB limit, bodies that are not JSON or not UTF-8;
 *  - with a request body: wrong types at the root and at every field, strings just under the limit, unknown and
 *    prototype-reaching fields, deep nesting, unicode tricks in every string (NUL, RTL override, lone surrogate,
 *    zero-width, BOM, ANSI escape) and homoglyphs in every id, hostile Idempotency-Keys;
 *  - for every path parameter: `../`, SQL, 10k characters, `%00`, undecodable escapes, unicode tricks, homoglyphs;
 *  - for every declared query parameter: repeats (arrays), nested keys, huge and negative numbers, unicode tricks,
 *    unknown parameters.
 *
 * Every answer must be a 4xx with the structured error body and no stack trace or file path; /health must still
 * answer; and nothing may be written: the row count of every table in the public schema and the workflows on this
 * test's task queue (with the package's history length) are the same before and after. Also: security headers,
 * the 429 of both rate limits (low limits set through createApp's options), and the error handler's 4xx/5xx bodies.
 */
import './support/quiet-runtime';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import express from 'express';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http, { type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { createApp } from '../api/app';
import type { Actor } from '../api/auth/actor';
import { loadOrCreateDevIssuer } from '../api/auth/dev-issuer';
import { createVerifier, type TokenVerifier } from '../api/auth/verifier';
import { ApiError, errorHandler } from '../api/errors';
import type { SecurityOptions } from '../api/security';
import { createDb } from '../db/connection';
import { DEMO_USERS, seedDemo } from '../db/seed-demo';
import { generateKeyRingSpec, LocalKeyProvider, parseKeyRing } from '../runtime/crypto/key-provider';
import { REPO_ROOT } from '../runtime/config';
import { connectClient, connectWorker } from '../runtime/temporal';
import { createWorker } from '../runtime/worker';
import { testServices } from './support/services';
import { tenderBody } from './support/auth-stack';
import { ASSIGNMENT_LETTER, DEMO_MEMBERS, REVIEW_SESUAI } from './support/preparation';

const taskQueue = `tq-hostile-${randomBytes(4).toString('hex')}`;
const keys = new LocalKeyProvider(parseKeyRing(generateKeyRingSpec('hostile')));
/** Tried in this order until one is not refused with 403; the last one that got through is tried first next time. */
const ACTORS = ['ppk.budi', 'pokja.sari', 'admin.lpse', 'auditor.rina', 'kpa.hendra', 'pp.rudi', 'vendor.karya'];
/** Limits no test here reaches, for the apps whose rate limits are not under test. */
const NO_LIMITS: Partial<SecurityOptions> = { authFailuresPerMin: 1_000_000, bidsPerMin: 1_000_000 };
const LIMIT = 100 * 1024; // express.json({ limit: '100kb' })
const REQUEST_TIMEOUT_MS = 15_000;

let db: Knex;
let client: Client;
let worker: Worker;
let workerConnection: NativeConnection;
let running: Promise<void>;
let tmpDir: string;
let verifier: TokenVerifier;
let sign: (a: Actor) => Promise<string>;
const tokens = new Map<string, string>();
const servers: Server[] = [];
let base: string; // the app under hostile input, with rate limits out of the way
let packageId = '';

// ---------------------------------------------------------------------------------------------------------------
// HTTP without a client's good manners: raw paths (no normalisation of `..`), any method with any body.

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  body: any;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function send(
  baseUrl: string,
  method: string,
  rawPath: string,
  opts: { body?: string | Buffer; contentType?: string | null; token?: string; headers?: Record<string, string>; chunked?: boolean } = {},
): Promise<Answer> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) {
    const contentType = opts.contentType === undefined ? 'application/json' : opts.contentType;
    if (contentType !== null) headers['content-type'] = contentType;
    // Without a length the body goes chunked, and the parser must count it as it streams in.
    if (opts.chunked) headers['transfer-encoding'] = 'chunked';
    else headers['content-length'] = String(Buffer.byteLength(opts.body));
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: rawPath, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    // A request the server never answers is a finding too (a create waiting for a read model that cannot be written).
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.end(opts.body);
  });
}

async function tokenOf(id: string): Promise<string> {
  if (!tokens.has(id)) tokens.set(id, await sign(DEMO_USERS.find((u) => u.id === id)!));
  return tokens.get(id)!;
}

async function startApp(security: Partial<SecurityOptions>): Promise<string> {
  const app = createApp({ db, client, verifier, logger: pino({ level: 'silent' }), taskQueue, timeScale: 1, keys, security });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s)).on('error', reject);
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// ---------------------------------------------------------------------------------------------------------------
// What "nothing was written" means: every table's row count, and this task queue's workflows with history lengths.

async function snapshot(): Promise<Record<string, number | string>> {
  const tables = (await db('information_schema.tables')
    .where({ table_schema: 'public', table_type: 'BASE TABLE' })
    .orderBy('table_name')
    .pluck('table_name')) as string[];
  const out: Record<string, number | string> = {};
  for (const t of tables) {
    const [{ n }] = (await db(t).count({ n: '*' })) as [{ n: string }];
    out[`table ${t}`] = Number(n);
  }
  for await (const wf of client.workflow.list({ query: `TaskQueue = '${taskQueue}'` })) {
    const d = await client.workflow.getHandle(wf.workflowId, wf.runId).describe();
    out[`workflow ${wf.workflowId}/${wf.runId}`] = `${d.status.name} events=${d.historyLength}`;
  }
  return out;
}

/** The snapshot once two taken a second apart agree (the package's first reminders and read-model rows settle). */
async function stableSnapshot(timeoutMs = 30_000): Promise<Record<string, number | string>> {
  const until = Date.now() + timeoutMs;
  let last = await snapshot();
  for (;;) {
    await new Promise((r) => setTimeout(r, 1_000));
    const next = await snapshot();
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    if (Date.now() > until) assert.fail(`the database or the workflows keep changing:\n${JSON.stringify(last)}\n${JSON.stringify(next)}`);
    last = next;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The refusal every hostile request must get.

const STACK = /\n\s+at\s|\bat\s+[\w$.<>]+\s+\(|node:internal|node_modules|\.[cm]?[jt]s:\d+/;

/** Problems with an answer to hostile input, or [] when it is a proper structured 4xx. */
function refusalProblems(a: Answer): string[] {
  const p: string[] = [];
  if (a.status < 400 || a.status >= 500) p.push(`status ${a.status}`);
  if (a.status === 429) p.push('rate limited (the limits of this app should be out of reach)');
  if (!String(a.headers['content-type'] ?? '').startsWith('application/json')) p.push(`content-type ${a.headers['content-type']}`);
  const e = a.body?.error;
  if (!e || typeof e !== 'object') p.push('no error body');
  else {
    if (JSON.stringify(Object.keys(a.body).sort()) !== '["error"]') p.push(`top-level keys ${Object.keys(a.body).join(',')}`);
    if (JSON.stringify(Object.keys(e).sort()) !== '["code","details","message"]') p.push(`error keys ${Object.keys(e).join(',')}`);
    if (typeof e.code !== 'string' || !/^[a-z][a-z0-9_]*$/.test(e.code)) p.push(`code ${e.code}`);
    if (typeof e.message !== 'string' || !e.message) p.push('empty message');
    if (!e.details || typeof e.details !== 'object' || Array.isArray(e.details)) p.push('details not an object');
  }
  if (STACK.test(a.text) || a.text.includes(REPO_ROOT)) p.push('stack trace or file path in the body');
  return p;
}

// ---------------------------------------------------------------------------------------------------------------
// Operations from the OpenAPI document, and sample values that reach each one's validation.

interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema?: { type?: string; pattern?: string; minimum?: number; maximum?: number; exclusiveMinimum?: number; enum?: string[] };
}
interface Operation {
  method: string;
  path: string;
  params: Param[];
  body?: unknown; // a valid-looking body: never sent as it is
  idempotent: boolean;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, any>;

/** A body a schema would plausibly accept, for schemas without a hand-written sample (endpoints added later). */
function sampleOf(schema: Schema | undefined, components: Record<string, Schema>, depth = 0): Json {
  if (!schema || depth > 6) return 'contoh';
  if (schema.$ref) return sampleOf(components[String(schema.$ref).split('/').pop()!], components, depth + 1);
  for (const k of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(schema[k])) return sampleOf(schema[k][0], components, depth + 1);
  if (schema.default !== undefined) return schema.default as Json;
  if (schema.const !== undefined) return schema.const as Json;
  if (Array.isArray(schema.enum)) return schema.enum[0] as Json;
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const [k, s] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
        if ((schema.required ?? []).includes(k)) out[k] = sampleOf(s, components, depth + 1);
      }
      return out;
    }
    case 'array':
      return schema.minItems ? [sampleOf(schema.items, components, depth + 1)] : [];
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? Math.max(schema.minimum, 1) : 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'uri' || schema.format === 'url') return 'https://example.go.id/contoh';
      return 'contoh-isian'.padEnd(Math.max(schema.minLength ?? 0, 12), 'x');
    default:
      return 'contoh';
  }
}

function operationsOf(doc: Schema): Operation[] {
  const components = doc.components.schemas as Record<string, Schema>;
  const hand: Record<string, Json> = {
    CreatePackage: tenderBody('Pengadaan Uji Masukan Bermusuhan') as Json,
    // The package waits at its announcement, where the Pokja's `announce` takes an optional note.
    TaskRequest: { payload: { note: 'Catatan pengumuman tender' } },
    CreateWebhook: { url: 'https://example.go.id/hook' },
    // An organisation's name is prose too (a homoglyph in it is honest text); its id is the id-like field.
    CreateOrganisationRequest: { id: 'dinas-uji-masukan', name: 'Dinas Uji Masukan Bermusuhan', kind: 'opd' },
    // A complaint is prose (a homoglyph is honest text there, as in a title): sample text that does not look like an id.
    FileComplaintRequest: { subject: 'Dugaan persekongkolan tender', description: 'Uraian pengaduan dengan bukti yang faktual dan dapat diperiksa APIP.' },
  };
  const ops: Operation[] = [];
  for (const [p, item] of Object.entries(doc.paths as Record<string, Schema>)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method] as Schema | undefined;
      if (!op) continue;
      const params = [...((item.parameters ?? []) as Param[]), ...((op.parameters ?? []) as Param[])];
      const schema = op.requestBody?.content?.['application/json']?.schema as Schema | undefined;
      const ref = schema?.$ref ? String(schema.$ref).split('/').pop()! : undefined;
      ops.push({
        method: method.toUpperCase(),
        path: p,
        params: params.filter((x) => x.in === 'path' || x.in === 'query'),
        body: schema ? (ref && ref in hand ? hand[ref] : sampleOf(schema, components)) : undefined,
        idempotent: params.some((x) => x.in === 'header' && x.name.toLowerCase() === 'idempotency-key'),
      });
    }
  }
  return ops;
}

/** A value for a path parameter that gets a request as far as its validation. */
function samplePathValue(opPath: string, name: string): string {
  if (opPath.startsWith('/api/packages/{id}') && name === 'id') return packageId;
  if (name === 'taskId') return opPath.includes('/contract/') ? 'draft_contract' : 'announce';
  if (opPath.startsWith('/api/process-definitions/')) return 'tender-pasca-1file';
  if (opPath.startsWith('/api/webhooks/')) return 'wh-0123456789ab';
  if (opPath.startsWith('/api/notifications/')) return 'notif-tidak-ada';
  return 'contoh-1';
}

function sampleQueryValue(p: Param): string {
  if (p.name === 'fiscalYear') return '2026';
  if (p.name === 'packageId') return packageId;
  if (p.schema?.enum?.length) return p.schema.enum[0]!;
  if (p.schema?.type === 'integer' || p.schema?.type === 'number') return String(Math.max(p.schema.minimum ?? 1, 1));
  return 'contoh';
}

function pathOf(op: Operation, values: Record<string, string>): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? encodeURIComponent(samplePathValue(op.path, name)));
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile variants.

interface Variant {
  name: string;
  path: string;
  body?: string | Buffer;
  contentType?: string | null;
  headers?: Record<string, string>;
  chunked?: boolean;
}

/** Latin letters and the Cyrillic letters that look the same. */
const HOMOGLYPHS: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і', h: 'һ', k: 'к' };
function homoglyph(s: string): string | null {
  const i = [...s].findIndex((ch) => ch in HOMOGLYPHS);
  return i < 0 ? null : [...s].map((ch, j) => (j === i ? HOMOGLYPHS[ch]! : ch)).join('');
}

const UNICODE_TRICKS: [string, (s: string) => string][] = [
  ['NUL byte', (s) => `${s}\u0000`],
  ['RTL override', (s) => `\u202E${s}`],
  ['lone surrogate', (s) => `${s}\uD800`],
  ['zero-width space', (s) => `${s.slice(0, 1)}\u200B${s.slice(1)}`],
  ['zero-width joiner', (s) => `${s}\u200D`],
  ['byte order mark', (s) => `\uFEFF${s}`],
  ['ANSI escape', (s) => `${s}\u001B[2J`],
];

/** encodeURIComponent, except that a lone surrogate becomes the bytes a careless encoder would send (CESU-8). */
const enc = (s: string) => s.split('\uD800').map(encodeURIComponent).join('%ED%A0%80');

function hostilePathValues(sample: string): [string, string][] {
  const out: [string, string][] = [
    ['dot-dot-slash', encodeURIComponent('../../../etc/passwd')],
    ['dot-dot-slash lowercase escapes', '..%2f..%2f..%2fetc%2fpasswd'],
    ['SQL', encodeURIComponent("' OR 1=1 --")],
    ['SQL statement', encodeURIComponent('1; DROP TABLE packages; --')],
    ['10k characters', 'a'.repeat(10_000)],
    ['%00', '%00'],
    ['literal %00', '%2500'],
    ['NUL after a good id', `${encodeURIComponent(sample)}%00`],
    ['lone surrogate', '%ED%A0%80'],
    ['undecodable escape', '%E0%A4%A'],
    ['bare percent', '%'],
    ['CRLF', '%0d%0aSet-Cookie:%20x=1'],
    ['template', encodeURIComponent('${7*7}{{7*7}}')],
    ['operator object', encodeURIComponent('{"$ne":null}')],
    ...UNICODE_TRICKS.map(([name, f]): [string, string] => [name, enc(f(sample))]),
  ];
  const h = homoglyph(sample);
  if (h) out.push(['homoglyph', encodeURIComponent(h)]);
  return out;
}

function pathVariants(op: Operation): Variant[] {
  const body = op.body === undefined ? undefined : JSON.stringify(op.body);
  return op.params
    .filter((p) => p.in === 'path')
    .flatMap((p) =>
      hostilePathValues(samplePathValue(op.path, p.name)).map(([name, value]) => ({
        name: `path {${p.name}} ${name}`,
        path: pathOf(op, { [p.name]: value }),
        body,
      })),
    );
}

/** Whether a numeric query value lies within the bounds its declared schema states. */
function acceptedNumber(schema: Param['schema'], raw: string): boolean {
  const s = schema;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || (s?.type !== 'integer' && s?.type !== 'number')) return false;
  if (s.type === 'integer' && !Number.isSafeInteger(n)) return false;
  return (
    (s.minimum === undefined || n >= s.minimum) && (s.exclusiveMinimum === undefined || n > s.exclusiveMinimum) && (s.maximum === undefined || n <= s.maximum)
  );
}

function queryVariants(op: Operation): Variant[] {
  const declared = op.params.filter((p) => p.in === 'query');
  if (!declared.length) return [];
  const required = declared.filter((p) => p.required).map((p) => `${p.name}=${encodeURIComponent(sampleQueryValue(p))}`);
  const at = (name: string, q: string, extra: string[] = required) => ({
    name: `query ${name}`,
    path: `${pathOf(op, {})}?${[...extra, q].join('&')}`,
  });
  const out: Variant[] = [at('unknown parameter', 'tidakDikenal=1'), at('__proto__', '__proto__=1'), at('constructor', 'constructor=1')];
  for (const p of declared) {
    const others = required.filter((r) => !r.startsWith(`${p.name}=`));
    const v = (name: string, raw: string) => out.push(at(`${p.name} ${name}`, `${p.name}=${raw}`, others));
    out.push(at(`${p.name} repeated (array)`, `${p.name}=1&${p.name}=2`, others));
    out.push(at(`${p.name} nested key`, `${p.name}[a]=1`, others));
    v('10k characters', 'a'.repeat(10_000));
    v('NUL', `${encodeURIComponent(sampleQueryValue(p))}%00`);
    v('RTL override', `%E2%80%AE${encodeURIComponent(sampleQueryValue(p))}`);
    v('zero-width space', `${encodeURIComponent(sampleQueryValue(p))}%E2%80%8B`);
    v('lone surrogate', '%ED%A0%80');
    v('undecodable escape', '%E0%A4%A');
    if (p.schema?.type === 'integer' || p.schema?.type === 'number' || /^(page|pageSize|fiscalYear|version)$/.test(p.name)) {
      // A number the declared schema accepts is not hostile (an HPS of Rp1.000.000 is a real value): left out.
      const hostile = ['-1', '0', '1.5', '99999999999999999999', '1000000', 'NaN', 'Infinity', '-Infinity', '', '1e400'].filter(
        (n) => !acceptedNumber(p.schema, n),
      );
      for (const n of hostile) v(`= ${n || '(empty)'}`, n);
    }
  }
  return out;
}

/** Every path to a leaf or container of a JSON value, with the value there. */
function entriesOf(v: Json, at: (string | number)[] = []): [(string | number)[], Json][] {
  const here: [(string | number)[], Json][] = at.length ? [[at, v]] : [];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => entriesOf(x, [...at, i]))];
  if (v && typeof v === 'object') return [...here, ...Object.entries(v).flatMap(([k, x]) => entriesOf(x, [...at, k]))];
  return here;
}

function setAt(root: Json, at: (string | number)[], value: Json): Json {
  const copy = structuredClone(root);
  let o = copy as any;
  for (const k of at.slice(0, -1)) o = o[k];
  o[at.at(-1)!] = value;
  return copy;
}

function wrongTypes(v: Json): [string, Json][] {
  if (typeof v === 'string')
    return [
      ['number', 123],
      ['boolean', true],
      ['array', [v]],
      ['object', { v }],
      ['null', null],
    ];
  if (typeof v === 'number')
    return [
      ['string', String(v)],
      ['boolean', true],
      ['array', [v]],
      ['object', {}],
      ['fraction', v + 0.5],
      ['negative', -v],
      ['huge', 1e300],
      ['null', null],
    ];
  if (typeof v === 'boolean')
    return [
      ['string', String(v)],
      ['number', 1],
      ['null', null],
    ];
  if (Array.isArray(v))
    return [
      ['string', 'x'],
      ['object', {}],
      ['number', 1],
      ['null', null],
    ];
  if (v && typeof v === 'object')
    return [
      ['string', 'x'],
      ['array', [v]],
      ['number', 1],
      ['null', null],
    ];
  return [];
}

const ID_LIKE = /^[A-Za-z0-9._:@-]+$/;

function bodyVariants(op: Operation): Variant[] {
  const path = pathOf(op, {});
  const out: Variant[] = [];
  const raw = (name: string, body: string | Buffer, extra: Partial<Variant> = {}) => out.push({ name: `body ${name}`, path, body, ...extra });
  const json = (name: string, v: unknown) => raw(name, JSON.stringify(v));

  // Every operation: the parser and the content type.
  for (const m of [
    '{',
    '{"a":',
    '{"a":1,}',
    "{'a':1}",
    '{"a":1}}',
    '[1,2',
    'NaN',
    '{"a":NaN}',
    '{"a":undefined}',
    '   ',
    '\u0000',
    '"x"',
    '1',
    'null',
    'true',
  ]) {
    raw(`malformed ${JSON.stringify(m)}`, m);
  }
  raw('over 100 kB', JSON.stringify({ ...(op.body as object), pad: 'A'.repeat(LIMIT + 10) }));
  raw('over 100 kB, chunked', `{"pad":"${'A'.repeat(LIMIT + 10)}"}`, { chunked: true });
  const plain = JSON.stringify(op.body ?? {});
  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', null]) {
    raw(`as ${contentType ?? 'no content type'}`, plain, { contentType });
  }
  raw('declared latin1', plain, { contentType: 'application/json; charset=latin1' });
  raw('invalid UTF-8 bytes', Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]));
  if (op.body === undefined) return out;

  const b = op.body as Json;
  // Wrong types, at the root and at every field.
  for (const [name, v] of [
    ['array', []],
    ['array of the body', [b]],
  ] as [string, Json][])
    json(`root ${name}`, v);
  for (const [at, v] of entriesOf(b)) for (const [name, w] of wrongTypes(v)) json(`${at.join('.')} as ${name}`, setAt(b, at, w));
  // Unknown fields, also ones that reach the prototype, at the root and inside every object.
  const objects: (string | number)[][] = [
    [],
    ...entriesOf(b)
      .filter(([, v]) => v && typeof v === 'object' && !Array.isArray(v))
      .map(([at]) => at),
  ];
  for (const at of objects) {
    const inner = (at.length ? entriesOf(b).find(([p]) => p.join('.') === at.join('.'))![1] : b) as Record<string, Json>;
    const put = (v: Json) => (at.length ? setAt(b, at, v) : v);
    const where = at.length ? at.join('.') : 'root';
    json(`${where} unknown field`, put({ ...inner, tidakDikenal: 1 }));
    json(`${where} __proto__`, put({ ...inner, ['__proto__']: { isAdmin: true, roles: ['admin'] } }));
    json(`${where} constructor.prototype`, put({ ...inner, constructor: { prototype: { isAdmin: true } } }));
    json(`${where} bidi key`, put({ ...inner, ['cat\u202Eatan']: 'x' }));
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    raw(`${where} nested 5000 deep`, JSON.stringify(put({ ...inner, dalam: 'DEEP' })).replace('"DEEP"', deep));
  }
  // Every string: unicode tricks, a homoglyph when it is an id, and as long as the body limit allows.
  const size = Buffer.byteLength(JSON.stringify(b));
  for (const [at, v] of entriesOf(b)) {
    if (typeof v !== 'string') continue;
    const where = at.join('.');
    for (const [name, f] of UNICODE_TRICKS) json(`${where} ${name}`, setAt(b, at, f(v)));
    const h = homoglyph(v);
    if (h && ID_LIKE.test(v)) json(`${where} homoglyph`, setAt(b, at, h));
    json(`${where} just under 100 kB`, setAt(b, at, 'A'.repeat(LIMIT - size - 64)));
  }
  // The step payload is free-form up to here; a long value must still be refused by its step's schema.
  json('100 kB spread over fields', { ...(b as object), ...Object.fromEntries(Array.from({ length: 90 }, (_, i) => [`f${i}`, 'B'.repeat(1000)])) });
  if (op.idempotent) {
    for (const key of ['k'.repeat(5000), '../../../etc/passwd', "' OR 1=1 --", 'pendek', 'kunci%00nul']) {
      raw(`Idempotency-Key ${key.slice(0, 30)}`, plain, { headers: { 'idempotency-key': key } });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

before(
  async () => {
    const { temporalAddress, databaseUrl } = testServices();
    db = createDb(databaseUrl);
    await seedDemo(db);
    const target = { address: temporalAddress, namespace: 'default' };
    client = await connectClient(target);
    const { connection, namespace } = await connectWorker(target);
    workerConnection = connection;
    worker = await createWorker({ connection, namespace, taskQueue, db, keys });
    running = worker.run();
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-hostile-'));
    const issuer = await loadOrCreateDevIssuer(tmpDir);
    verifier = createVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks });
    sign = (a) => issuer.sign(a);
    base = await startApp(NO_LIMITS);

    // One real package, so that ids, steps and bodies reach the checks behind "not found".
    const created = await send(base, 'POST', '/api/packages', {
      token: await tokenOf('ppk.budi'),
      body: JSON.stringify({
        title: `Rehabilitasi Saluran Uji Masukan ${randomBytes(3).toString('hex')}`,
        opd: 'Dinas PUPR',
        workUnit: 'Bidang SDA',
        category: 'pekerjaan_konstruksi',
        method: 'tender',
        pagu: 1_500_000_000,
        hps: 1_450_000_000,
        fiscalYear: 2026,
        kepalaUkpbj: 'ukpbj.ratna',
        paKpa: 'kpa.hendra',
      }),
    });
    assert.equal(created.status, 201, created.text);
    packageId = created.body.id;
    // The preparation (issue 13), so that the package waits at its announcement like the TaskRequest sample expects.
    for (const [as, action, payload] of [
      ['ukpbj.ratna', 'assign_officers', { letterNumber: ASSIGNMENT_LETTER, members: DEMO_MEMBERS }],
      ['pokja.sari', 'review_dpp', REVIEW_SESUAI],
      ['ppk.budi', 'cosign_dpp_review', {}],
    ] as const) {
      const res = await send(base, 'POST', `/api/packages/${packageId}/tasks/${action}`, { token: await tokenOf(as), body: JSON.stringify({ payload }) });
      assert.equal(res.status, 200, `${action}: ${res.text}`);
    }
    for (let i = 0; ; i++) {
      const detail = await send(base, 'GET', `/api/packages/${packageId}`, { token: await tokenOf('ppk.budi') });
      if (detail.body?.stage?.id === 'announcement') break;
      if (i > 100) assert.fail(`the package never reached its announcement: ${detail.text.slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // Visibility lists a new workflow a moment after it starts.
    for (let i = 0; ; i++) {
      const listed: string[] = [];
      for await (const wf of client.workflow.list({ query: `TaskQueue = '${taskQueue}'` })) listed.push(wf.workflowId);
      if (listed.some((id) => id.includes(packageId))) break;
      if (i > 60) assert.fail(`workflow of ${packageId} not listed`);
      await new Promise((r) => setTimeout(r, 250));
    }
  },
  { timeout: 120_000 },
);

after(
  async () => {
    await client?.workflow
      .getHandle(`paket-${packageId}`)
      .terminate('test selesai')
      .catch(() => {});
    for (const s of servers) {
      const closed = new Promise<void>((r) => s.close(() => r()));
      s.closeAllConnections();
      await closed;
    }
    agent.destroy();
    worker?.shutdown();
    await running;
    await workerConnection?.close();
    await client?.connection.close();
    await db?.destroy();
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  },
  { timeout: 60_000 },
);

describe('hostile input to every operation of the OpenAPI document', () => {
  test('every answer is a structured 4xx, the server stays up, and nothing is written', { timeout: 600_000 }, async (t) => {
    const doc = (await send(base, 'GET', '/openapi.json')).body;
    const ops = operationsOf(doc);
    assert.ok(ops.length >= 20, `only ${ops.length} operations in the OpenAPI document`);
    const before = await stableSnapshot();

    const problems: string[] = [];
    let sent = 0;
    for (const op of ops) {
      const variants = [...bodyVariants(op), ...pathVariants(op), ...queryVariants(op)];
      let preferred = ACTORS[0]!;
      let reachedValidation = false;
      for (const v of variants) {
        // The actor allowed here: a 403 means the request never reached the input checks, so try the next one.
        let answer: Answer | undefined;
        for (const id of [preferred, ...ACTORS.filter((x) => x !== preferred)]) {
          answer = await send(base, op.method, v.path, { token: await tokenOf(id), ...v }).catch((e: Error): Answer => ({
            status: 0,
            headers: {},
            text: e.message,
            body: undefined,
          }));
          sent++;
          if (answer.status !== 403) {
            preferred = id;
            break;
          }
        }
        if (answer!.status !== 403 && answer!.status !== 401) reachedValidation = true;
        for (const p of refusalProblems(answer!)) {
          problems.push(`${op.method} ${op.path} [${v.name}] → ${answer!.status}: ${p} — ${answer!.text.slice(0, 300)}`);
        }
      }
      if (variants.length && !reachedValidation) problems.push(`${op.method} ${op.path}: every actor was refused with 401/403, no input check reached`);
    }
    t.diagnostic(`${ops.length} operations, ${sent} requests`);
    assert.ok(sent > 500, `only ${sent} requests sent`);
    assert.deepEqual(problems.slice(0, 60), [], `${problems.length} problems`);

    const health = await send(base, 'GET', '/health');
    assert.equal(health.status, 200, health.text);
    await new Promise((r) => setTimeout(r, 1_500)); // a workflow started by mistake would reach visibility by now
    assert.deepEqual(await snapshot(), before, 'hostile requests changed rows or workflows');
  });

  test('each kind of refusal has its own code and says where, without echoing the input', async () => {
    const token = await tokenOf('ppk.budi');
    const good = operationsOf((await send(base, 'GET', '/openapi.json')).body).find((o) => o.method === 'POST' && o.path === '/api/packages')!.body;
    const post = (body: string | Buffer, opts: { contentType?: string | null; chunked?: boolean } = {}) =>
      send(base, 'POST', '/api/packages', { token, body, ...opts });
    const expectCode = (a: Answer, status: number, code: string) => {
      assert.deepEqual(refusalProblems(a), [], a.text);
      assert.equal(a.status, status, a.text);
      assert.equal(a.body.error.code, code, a.text);
      return a.body.error.details as Record<string, unknown>;
    };
    expectCode(await post('{"title":'), 400, 'malformed_json');
    expectCode(await post(JSON.stringify({ ...(good as object), description: 'A'.repeat(LIMIT) })), 413, 'payload_too_large');
    expectCode(await post(JSON.stringify({ ...(good as object), description: 'A'.repeat(LIMIT) }), { chunked: true }), 413, 'payload_too_large');
    expectCode(await post(JSON.stringify(good), { contentType: 'text/plain' }), 415, 'unsupported_media_type');
    expectCode(await post(JSON.stringify(good), { contentType: null }), 415, 'unsupported_media_type');
    expectCode(await post(JSON.stringify(good), { contentType: 'application/json; charset=latin1' }), 415, 'unsupported_encoding');
    const nul = expectCode(await post(JSON.stringify({ ...(good as object), title: 'Judul\u0000rahasia' })), 422, 'unsafe_input');
    assert.deepEqual(nul, { in: 'body', path: 'title', reason: 'forbidden_character' });
    const rtl = expectCode(await post(JSON.stringify({ ...(good as object), pokja: ['pokja.sari', '\u202Eirasa.ajkop', 'pokja.dewi'] })), 422, 'unsafe_input');
    assert.deepEqual(rtl, { in: 'body', path: 'pokja.1', reason: 'forbidden_character' });
    const lone = expectCode(await post(JSON.stringify({ ...(good as object), opd: 'Dinas \uDC00' })), 422, 'unsafe_input');
    assert.equal(lone.reason, 'lone_surrogate');
    const proto = expectCode(await post(`{"__proto__":{"roles":["admin"]},${JSON.stringify(good).slice(1)}`), 422, 'unsafe_input');
    assert.deepEqual(proto, { in: 'body', path: '__proto__', reason: 'forbidden_key' });
    const deep = expectCode(
      await post(JSON.stringify({ ...(good as object), description: 'DEEP' }).replace('"DEEP"', `${'['.repeat(40)}${']'.repeat(40)}`)),
      422,
      'unsafe_input',
    );
    assert.equal(deep.reason, 'too_deep');
    const query = expectCode(await send(base, 'GET', '/api/packages?q=%E2%80%AEabc', { token }), 422, 'unsafe_input');
    assert.deepEqual(query, { in: 'query', path: 'q', reason: 'forbidden_character' });
    // No body is not a wrong content type, also when fetch sends `Content-Length: 0` on a bodiless POST.
    expectCode(await send(base, 'POST', '/api/notifications/notif-tidak-ada/read', { token, body: '', contentType: null }), 404, 'notification_not_found');
    // A homoglyph is honest text in a title but not in an id: the id's own pattern refuses it.
    expectCode(await post(JSON.stringify({ ...(good as object), paKpa: 'kpа.hendra' })), 422, 'validation_failed');
  });

  test('the untouched package still answers, and a read of it is not refused', async () => {
    const detail = await send(base, 'GET', `/api/packages/${packageId}`, { token: await tokenOf('ppk.budi') });
    assert.equal(detail.status, 200, detail.text);
    assert.equal(detail.body.stage.id, 'announcement');
  });
});

describe('security headers', () => {
  test('helmet headers for a JSON API on answers, refusals and errors; no X-Powered-By', async () => {
    const answers = [
      await send(base, 'GET', '/health'),
      await send(base, 'GET', '/api/packages', { token: await tokenOf('ppk.budi') }),
      await send(base, 'GET', '/api/packages'),
      await send(base, 'GET', '/api/tidak-ada', { token: await tokenOf('ppk.budi') }),
      await send(base, 'POST', '/api/packages', { token: await tokenOf('ppk.budi'), body: '{' }),
    ];
    for (const a of answers) {
      const h = a.headers;
      const where = `${a.status} ${a.text.slice(0, 100)}`;
      assert.match(String(h['content-security-policy']), /default-src 'none'/, where);
      assert.match(String(h['content-security-policy']), /frame-ancestors 'none'/, where);
      assert.equal(h['x-content-type-options'], 'nosniff', where);
      assert.equal(h['x-frame-options'], 'DENY', where);
      assert.equal(h['referrer-policy'], 'no-referrer', where);
      assert.match(String(h['strict-transport-security']), /max-age=31536000; includeSubDomains/, where);
      assert.equal(h['cross-origin-resource-policy'], 'same-origin', where);
      assert.equal(h['cache-control'], 'no-store', where);
      assert.equal(h['x-powered-by'], undefined, where);
    }
  });
});

describe('rate limits answer 429 with the structured body and Retry-After', () => {
  function expectLimited(a: Answer, where: string): number {
    assert.equal(a.status, 429, `${where}: ${a.status} ${a.text.slice(0, 200)}`);
    assert.deepEqual(
      refusalProblems({ ...a, status: 400 }).filter((p) => !p.startsWith('rate')),
      [],
      where,
    );
    assert.equal(a.body.error.code, 'rate_limited', where);
    const secs = a.body.error.details.retryAfterSeconds;
    assert.ok(Number.isInteger(secs) && secs >= 1 && secs <= 60, `${where}: retryAfterSeconds ${secs}`);
    assert.equal(a.headers['retry-after'], String(secs), where);
    return secs;
  }

  test('authentication failures: counted per IP, successes not counted, then requests without a valid token are 429', async () => {
    const limited = await startApp({ ...NO_LIMITS, authFailuresPerMin: 3 });
    const good = await tokenOf('ppk.budi');
    for (let i = 0; i < 6; i++) assert.equal((await send(limited, 'GET', '/api/tasks', { token: good })).status, 200, 'a success counted');
    for (let i = 0; i < 3; i++) {
      const bad = await send(limited, 'GET', '/api/tasks', { token: `${good.slice(0, -4)}AAAA` });
      assert.equal(bad.status, 401, `failure ${i + 1} of 3: ${bad.text}`);
    }
    assert.equal((await send(limited, 'GET', '/api/tasks')).status, 429, 'no token after the limit');
    expectLimited(await send(limited, 'GET', '/api/tasks', { token: 'bukan.token.sah' }), 'fourth failure');
    // Others' failures never lock out a valid token from the same address (an office behind one NAT).
    assert.equal((await send(limited, 'GET', '/api/tasks', { token: good })).status, 200, 'valid token from the blocked IP');
    assert.equal((await send(limited, 'GET', '/health')).status, 200, '/health is not limited');
    assert.equal((await send(limited, 'GET', '/openapi.json')).status, 200, '/openapi.json is not limited');
    // Another app (another API process) keeps its own count.
    assert.equal((await send(base, 'GET', '/api/tasks', { token: good })).status, 200);
  });

  test('bids: counted per actor on steps whose id contains "bid" and on POST …/bids, however the id is escaped', async () => {
    const limited = await startApp({ ...NO_LIMITS, bidsPerMin: 2 });
    const karya = await tokenOf('vendor.karya');
    const bid = JSON.stringify({ payload: { price: 1_400_000_000, durationDays: 120 } });
    const step = (token: string, task: string) => send(limited, 'POST', `/api/packages/${packageId}/tasks/${task}`, { token, body: bid });
    for (let i = 0; i < 2; i++) {
      const a = await step(karya, 'submit_bid');
      // The package is at its announcement: the bid is refused by the process, not by the limiter.
      assert.ok(a.status >= 400 && a.status < 500 && a.status !== 429, `bid ${i + 1}: ${a.status} ${a.text}`);
    }
    expectLimited(await step(karya, 'submit_bid'), 'third bid');
    expectLimited(await step(karya, 'submit%5Fbid'), 'escaped task id');
    expectLimited(await step(karya, 'SUBMIT_BID'), 'upper-case task id');
    expectLimited(await send(limited, 'POST', `/api/packages/${packageId}/bids`, { token: karya, body: bid }), 'POST …/bids');
    const other = await step(await tokenOf('vendor.tirta'), 'submit_bid');
    assert.notEqual(other.status, 429, `another vendor from the same IP is not limited: ${other.text}`);
    const register = await step(karya, 'register');
    assert.notEqual(register.status, 429, `a step that is not a bid is not limited: ${register.text}`);
    assert.equal((await send(limited, 'GET', `/api/packages/${packageId}`, { token: karya })).status === 429, false);
  });
});

describe('the error handler', () => {
  /** The real error handler behind routes that fail the ways code can fail. */
  async function appWithFailures(): Promise<string> {
    const app = express();
    app.get('/boom', () => {
      throw new Error(`kata sandi basis data bocor di ${REPO_ROOT}/db/connection.ts:12`);
    });
    app.get('/async-boom', async () => {
      await Promise.resolve();
      throw Object.assign(new TypeError("Cannot read properties of undefined (reading 'id')"), { status: 500 });
    });
    app.get('/api-503', () => {
      throw new ApiError(503, 'step_pending', 'Langkah belum terkonfirmasi.');
    });
    app.get('/param/:id', (req, res) => res.json({ id: req.params.id }));
    app.get('/half', (_req, res) => {
      res.write('{"data":[');
      throw new Error('failed half-way');
    });
    app.use(errorHandler);
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  test('5xx answers say nothing internal; Express 4xx errors get the structured body; a cut answer is cut', async () => {
    const url = await appWithFailures();
    for (const p of ['/boom', '/async-boom']) {
      const a = await send(url, 'GET', p);
      assert.equal(a.status, 500, a.text);
      assert.deepEqual(a.body, { error: { code: 'internal_error', message: 'Terjadi kesalahan pada server.', details: {} } });
    }
    const pending = await send(url, 'GET', '/api-503');
    assert.equal(pending.status, 503);
    assert.equal(pending.body.error.code, 'step_pending');
    const undecodable = await send(url, 'GET', '/param/%E0%A4%A');
    assert.deepEqual(refusalProblems(undecodable), []);
    assert.equal(undecodable.status, 400);
    assert.equal(undecodable.body.error.code, 'bad_request');
    assert.ok(!undecodable.text.includes('%E0%A4%A'), 'the undecodable input is not echoed');
    // Headers already out: the connection is dropped rather than a second answer or a "complete" half one.
    await assert.rejects(send(url, 'GET', '/half'), /socket hang up|ECONNRESET|aborted|terminated/i);
  });
});

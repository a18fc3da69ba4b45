/**
 * The OpenAPI document is a complete contract, and the console's generated types follow it:
 *  - the document passes an OpenAPI 3.1 validator, with nothing referenced outside it (OCDS schemas bundled);
 *  - every operation has an operationId, a summary, a success response with a schema (or a binary/XML body), and
 *    the error statuses the server can answer for it (401/403 unless public, 422/429 for every /api request,
 *    400/404 with a path parameter, 400/413/415 with a body), each with the Error body, 429 and 503 with
 *    Retry-After; path parameters and page sizes carry the limits the routes enforce;
 *  - response conformance: a short real flow on the real app, worker, Temporal and PostgreSQL (a tender created,
 *    announced and registered for; lists, inbox, notifications, definitions, public view, OCDS, audit, dashboard,
 *    webhooks) validates every answer's body against the schema its operation documents for that status, so a
 *    wrong or incomplete schema fails here (response objects are strict: an undocumented field fails too);
 *  - web/src/api/schema.d.ts is what `npm run gen:api` generates now.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeAuditAnchor } from '../activities/audit-anchor';
import { buildOpenApi } from '../api/openapi';
import { generateSchemaTypes, SCHEMA_TYPES_PATH } from '../api/openapi/schema-types';
import { type Answer, type AuthStack, type Caller, startAuthStack, tenderBody } from './support/auth-stack';
import { ASSIGNMENT_LETTER, DEMO_MEMBERS, REVIEW_SESUAI } from './support/preparation';

type Json = any;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const doc = JSON.parse(JSON.stringify(buildOpenApi()));

interface Operation {
  method: string;
  path: string;
  op: Json;
}
const operations: Operation[] = Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })),
);
const isPublic = (o: Operation) => Array.isArray(o.op.security) && o.op.security.length === 0;

/** Where `ref` (a local JSON pointer) leads in the document, or undefined. */
function resolve(ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<Json>((node, key) => (node === undefined ? undefined : node[key]), doc);
}

function refsIn(node: unknown, at = '#', out: { at: string; ref: string }[] = []) {
  if (Array.isArray(node)) node.forEach((n, i) => refsIn(n, `${at}/${i}`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push({ at, ref: v });
      else refsIn(v, `${at}/${k}`, out);
    }
  }
  return out;
}

describe('the OpenAPI document', () => {
  test('is valid OpenAPI 3.1', async () => {
    const result = await new Validator().validate(JSON.parse(JSON.stringify(doc)));
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(result.errors ?? [], [], 'validator errors');
    assert.equal(result.valid, true);
    assert.ok(Array.isArray(doc.servers) && doc.servers.length > 0, 'servers');
  });

  test('references nothing outside itself, and every reference resolves', () => {
    const refs = refsIn(doc);
    assert.ok(refs.length > 100);
    const external = refs.filter((r) => !r.ref.startsWith('#/'));
    assert.deepEqual(external, [], 'external $ref');
    const dangling = refs.filter((r) => resolve(r.ref) === undefined);
    assert.deepEqual(dangling, [], 'dangling $ref');
    for (const name of ['OcdsReleasePackage', 'OcdsRecordPackage', 'OcdsRelease', 'OcdsVersionedRelease', 'OcdsTender']) {
      assert.ok(doc.components.schemas[name], `bundled ${name}`);
    }
    assert.equal(JSON.stringify(doc).includes('standard.open-contracting.org/schema'), false);
  });

  test('every operation has a unique camelCase operationId, a summary and a documented success answer', () => {
    const ids = operations.map((o) => o.op.operationId);
    const problems: string[] = [];
    for (const o of operations) {
      const where = `${o.method.toUpperCase()} ${o.path}`;
      if (typeof o.op.operationId !== 'string' || !/^[a-z][A-Za-z0-9]*$/.test(o.op.operationId)) problems.push(`${where}: operationId`);
      if (ids.filter((id) => id === o.op.operationId).length > 1) problems.push(`${where}: operationId ${o.op.operationId} not unique`);
      if (typeof o.op.summary !== 'string' || o.op.summary.length < 5) problems.push(`${where}: summary`);
      const success = Object.entries(o.op.responses as Record<string, Json>).filter(([s]) => /^2\d\d$/.test(s));
      if (!success.length) problems.push(`${where}: no success response`);
      for (const [status, r] of success) {
        if (status === '204') {
          if (r.content) problems.push(`${where}: 204 with a body`);
          continue;
        }
        const content = Object.entries((r.content ?? {}) as Record<string, Json>);
        if (!content.length) problems.push(`${where}: ${status} without content`);
        for (const [type, media] of content) {
          const binary = media.schema?.format === 'binary' || /xml/.test(type);
          if (!binary && !media.schema) problems.push(`${where}: ${status} ${type} without a schema`);
          if (!binary && type === 'application/json' && !media.schema.$ref && !media.schema.oneOf)
            problems.push(`${where}: ${status} schema is not a component`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  test('every operation documents the error statuses it can answer, with the Error body', () => {
    const problems: string[] = [];
    for (const o of operations) {
      const where = `${o.method.toUpperCase()} ${o.path}`;
      const responses = o.op.responses as Record<string, Json>;
      const params = (o.op.parameters ?? []) as Json[];
      const expected = new Set<string>();
      if (o.path.startsWith('/api/')) ['422', '429'].forEach((s) => expected.add(s));
      if (o.path.startsWith('/api/') && !isPublic(o)) ['401', '403'].forEach((s) => expected.add(s));
      if (params.some((p) => p.in === 'path')) ['400', '404'].forEach((s) => expected.add(s));
      if (o.op.requestBody) ['400', '413', '415'].forEach((s) => expected.add(s));
      if (/\/tasks\/\{taskId\}$/.test(o.path)) ['409', '503'].forEach((s) => expected.add(s));
      for (const s of expected) if (!responses[s]) problems.push(`${where}: ${s} not documented`);
      if (isPublic(o) && (responses['401'] || responses['403'])) problems.push(`${where}: public, yet 401/403`);
      for (const [status, r] of Object.entries(responses)) {
        if (!/^[45]\d\d$/.test(status) || o.path.startsWith('/health')) continue; // the health body says which dependency
        if (r.content?.['application/json']?.schema?.$ref !== '#/components/schemas/Error') problems.push(`${where}: ${status} without the Error body`);
        if ((status === '429' || status === '503') && !r.headers?.['Retry-After']) problems.push(`${where}: ${status} without Retry-After`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('every 503 code the API can answer is named in the document, so a client knows which to retry', () => {
    // The codes as the API raises them (`new ApiError(503, 'code'`, on one line or several), from every file under api/.
    const raised = new Set<string>();
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    for (const file of walk(join(__dirname, '..', 'api'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/new ApiError\(\s*503,\s*'([a-z_]+)'/g)) raised.add(m[1]!);
    }
    // The scan itself finds what it should: codes raised on one line and over several lines.
    for (const code of ['step_pending', 'package_starting', 'temporal_unavailable', 'process_busy'])
      assert.ok(raised.has(code), `${code} not found by the scan`);
    const text = JSON.stringify(doc);
    assert.deepEqual([...raised].filter((code) => !text.includes(`\`${code}\``)).sort(), [], 'raised but not named (in backquotes) in any description');
  });

  test('path parameters and page sizes state the limits the routes enforce', () => {
    const problems: string[] = [];
    // A definition id is looked up, not pattern-checked: any string is answered (404 when unknown).
    const free = new Set(['/api/process-definitions/{id} id', '/api/process-definitions/{id}/bpmn id']);
    for (const o of operations) {
      for (const p of (o.op.parameters ?? []) as Json[]) {
        const where = `${o.method.toUpperCase()} ${o.path} ${p.name}`;
        if (p.in === 'path' && !free.has(`${o.path} ${p.name}`) && !p.schema?.pattern && !(p.schema?.type === 'integer' && p.schema.maximum !== undefined)) {
          problems.push(`${where}: path parameter without a pattern`);
        }
        if (p.name === 'pageSize' && typeof p.schema?.maximum !== 'number') problems.push(`${where}: pageSize without a maximum`);
        if (
          p.schema?.type === 'integer' &&
          ((p.schema.minimum ?? p.schema.exclusiveMinimum) === undefined || (p.schema.maximum ?? p.schema.exclusiveMaximum) === undefined)
        )
          problems.push(`${where}: integer without bounds`);
      }
    }
    assert.deepEqual(problems, []);
    const pageSize = (path: string) => operations.find((o) => o.path === path)!.op.parameters.find((p: Json) => p.name === 'pageSize').schema.maximum;
    assert.equal(pageSize('/api/tasks'), 100);
    assert.equal(pageSize('/api/packages'), 100);
    assert.equal(pageSize('/api/ocds/releases'), 500);
    assert.equal(pageSize('/api/ocds/records'), 50);
  });

  test('web/src/api/schema.d.ts is current', async () => {
    const fresh = await generateSchemaTypes();
    let committed = '';
    try {
      committed = readFileSync(SCHEMA_TYPES_PATH, 'utf8');
    } catch {
      assert.fail(`${SCHEMA_TYPES_PATH} is missing: run npm run gen:api`);
    }
    assert.ok(committed === fresh, 'web/src/api/schema.d.ts is stale: run npm run gen:api');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Response conformance on the real stack.

const BASE = 'https://pengadaan.test/openapi.json';
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addFormat('binary', true);
ajv.addSchema({ ...doc, $id: BASE });

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The operation of `method path` (a template); fails the test when the document does not have it. */
function operationOf(method: string, template: string): Operation {
  const o = operations.find((x) => x.method === method.toLowerCase() && x.path === template);
  assert.ok(o, `${method} ${template} is not in the document`);
  return o;
}

/** Checks that `answer`'s status is documented for the operation and its body matches the documented schema. */
function conforms(method: string, template: string, answer: Answer): void {
  const o = operationOf(method, template);
  const where = `${method} ${template} → ${answer.status}`;
  const response = o.op.responses[String(answer.status)];
  assert.ok(response, `${where}: status not documented (${JSON.stringify(answer.body)?.slice(0, 300)})`);
  if (answer.status === 204) return;
  const type = (answer.headers.get('content-type') ?? '').split(';')[0]!.trim();
  assert.ok(response.content?.[type], `${where}: content type ${type} not documented`);
  if (type !== 'application/json') return;
  const validate = ajv.compile({ $ref: `${BASE}#/${pointer('paths', template, o.method, 'responses', String(answer.status), 'content', type, 'schema')}` });
  const ok = validate(answer.body);
  assert.ok(
    ok,
    `${where}: body does not match its schema: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}\nbody: ${JSON.stringify(answer.body).slice(0, 1500)}`,
  );
}

let stack: AuthStack;
let packageId: string;
/** Answers in a vendor's view (issue 11 point 12), checked in their own test below. */
const vendorAnswers: [string, string, Answer][] = [];

before(async () => {
  stack = await startAuthStack();
});
after(async () => {
  await stack?.close();
});

describe('answers match the document', () => {
  /** A request whose answer is checked against its operation; `expect` the status the flow needs. */
  const call = async (as: Caller, method: string, template: string, path: string, expect: number, body?: unknown) => {
    const a = await stack.request(as, method, path, body);
    assert.equal(a.status, expect, `${method} ${path}: ${JSON.stringify(a.body)?.slice(0, 500)}`);
    conforms(method, template, a);
    return a;
  };

  test('a tender created, announced, registered for, and read back', async () => {
    const created = await call('ppk.budi', 'POST', '/api/packages', '/api/packages', 201, tenderBody('Uji Kontrak OpenAPI Saluran Drainase'));
    packageId = created.body.id;
    assert.equal(created.body.live.stage.id, 'officer_assignment');
    await call('ppk.budi', 'GET', '/health', '/health', 200);
    await call(null, 'GET', '/health/live', '/health/live', 200);
    await call(null, 'GET', '/health/ready', '/health/ready', 200);
    // The preparation (issue 13): the head of the UKPBJ assigns, a member reviews the DPP, the PPK co-signs.
    const task = '/api/packages/{id}/tasks/{taskId}';
    await call('ukpbj.ratna', 'POST', task, `/api/packages/${packageId}/tasks/assign_officers`, 200, {
      payload: { letterNumber: ASSIGNMENT_LETTER, members: DEMO_MEMBERS },
    });
    await call('pokja.sari', 'POST', task, `/api/packages/${packageId}/tasks/review_dpp`, 200, { payload: REVIEW_SESUAI });
    await call('ppk.budi', 'POST', task, `/api/packages/${packageId}/tasks/cosign_dpp_review`, 200, { payload: {} });
    for (let i = 0; (await stack.request('ppk.budi', 'GET', `/api/packages/${packageId}`)).body?.live?.stage.id !== 'announcement'; i++) {
      if (i > 100) assert.fail('the package never reached its announcement');
      await new Promise((r) => setTimeout(r, 200));
    }
    await call('pokja.sari', 'POST', '/api/packages/{id}/tasks/{taskId}', `/api/packages/${packageId}/tasks/announce`, 200, { payload: {} });
    const registered = await stack.request('vendor.karya', 'POST', `/api/packages/${packageId}/tasks/register`, { payload: {} });
    assert.equal(registered.status, 200, JSON.stringify(registered.body));
    vendorAnswers.push(['POST', '/api/packages/{id}/tasks/{taskId}', registered]);
    // Refusals carry the Error body as documented.
    await call('pokja.sari', 'POST', '/api/packages/{id}/tasks/{taskId}', `/api/packages/${packageId}/tasks/register`, 403, { payload: {} });
    await call('pokja.sari', 'POST', '/api/packages/{id}/tasks/{taskId}', `/api/packages/${packageId}/tasks/open_bids`, 409, { payload: {} });
    await call('ppk.budi', 'POST', '/api/packages', '/api/packages', 422, {});
    await call(null, 'GET', '/api/packages', '/api/packages', 401);

    for (const who of ['ppk.budi', 'pokja.sari', 'auditor.rina']) {
      await call(who, 'GET', '/api/packages/{id}', `/api/packages/${packageId}`, 200);
    }
    await call('ppk.budi', 'GET', '/api/packages/{id}', '/api/packages/pkt-tidakada0000', 404);
    // The workflow's own state, for support (reads above come from the read model).
    await call('admin.lpse', 'GET', '/api/packages/{id}/live', `/api/packages/${packageId}/live`, 200);
    await call('ppk.budi', 'GET', '/api/packages/{id}/live', `/api/packages/${packageId}/live`, 403);
    await call('ppk.budi', 'GET', '/api/packages', '/api/packages?fiscalYear=2026&pageSize=5', 200);
    await call('ppk.budi', 'GET', '/api/packages', '/api/packages?pageSize=101', 422);
    await call('pokja.sari', 'GET', '/api/packages/{id}/bidder-links', `/api/packages/${packageId}/bidder-links`, 200);
    await call('pokja.sari', 'GET', '/api/packages/{id}/bids', `/api/packages/${packageId}/bids`, 200);
    await call('ppk.budi', 'GET', '/api/packages/{id}/documents', `/api/packages/${packageId}/documents`, 200);
    await call('ppk.budi', 'GET', '/api/packages/{id}/contract', `/api/packages/${packageId}/contract`, 404);
  });

  test('the officers the UKPBJ assigns, and a package schedule', async () => {
    await call('ukpbj.ratna', 'GET', '/api/officers', '/api/officers?role=pokja', 200);
    await call('ukpbj.ratna', 'GET', '/api/officers', '/api/officers?role=admin', 422);
    await call('vendor.karya', 'GET', '/api/officers', '/api/officers?role=pokja', 403);
    await call('ppk.budi', 'GET', '/api/packages/{id}/schedule', `/api/packages/${packageId}/schedule`, 200);
    await call('ppk.budi', 'GET', '/api/packages/{id}/schedule', '/api/packages/pkt-tidakada0000/schedule', 404);
    await call('vendor.karya', 'GET', '/api/packages/{id}/schedule', `/api/packages/${packageId}/schedule`, 403);
  });

  test('inbox and notifications', async () => {
    const tasks = await call('vendor.tirta', 'GET', '/api/tasks', '/api/tasks?pageSize=100', 200);
    assert.ok(
      tasks.body.data.some((t: Json) => t.packageId === packageId && t.action === 'register'),
      'a vendor may still register',
    );
    await call('pokja.sari', 'GET', '/api/tasks', '/api/tasks', 200);
    // A reminder as the read-model transaction writes it, so that one is listed and marked read.
    const id = `${packageId}:uji-${randomBytes(4).toString('hex')}:pokja.sari`;
    await stack.db('notifications').insert({
      id,
      user_id: 'pokja.sari',
      package_id: packageId,
      kind: 'reminder',
      title: 'Pengingat: Pengumuman',
      body: 'Tenggat dua hari kerja lagi.',
      due_at: new Date(Date.now() + 86_400_000),
      created_at: new Date(),
    });
    const list = await call('pokja.sari', 'GET', '/api/notifications', '/api/notifications?unread=true', 200);
    assert.ok(list.body.data.some((n: Json) => n.id === id));
    await call('pokja.sari', 'POST', '/api/notifications/{id}/read', `/api/notifications/${encodeURIComponent(id)}/read`, 200);
    await call('pokja.agus', 'POST', '/api/notifications/{id}/read', `/api/notifications/${encodeURIComponent(id)}/read`, 404);
  });

  test('process definitions', async () => {
    const list = await call('ppk.budi', 'GET', '/api/process-definitions', '/api/process-definitions', 200);
    for (const d of list.body.data as { id: string }[]) {
      await call('ppk.budi', 'GET', '/api/process-definitions/{id}', `/api/process-definitions/${d.id}`, 200);
    }
    await call('ppk.budi', 'GET', '/api/process-definitions/{id}/bpmn', '/api/process-definitions/tender-pasca-1file/bpmn', 200);
    await call('ppk.budi', 'GET', '/api/process-definitions/{id}', '/api/process-definitions/tidak-ada', 404);
  });

  test('public view and OCDS', async () => {
    await call(null, 'GET', '/api/public/packages', '/api/public/packages?fiscalYear=2026', 200);
    await call(null, 'GET', '/api/public/packages/{id}', `/api/public/packages/${packageId}`, 200);
    await call(null, 'GET', '/api/public/packages/{id}/red-flags', `/api/public/packages/${packageId}/red-flags`, 200);
    await call(null, 'GET', '/api/public/packages/{id}/bpmn', `/api/public/packages/${packageId}/bpmn`, 200);
    await call(null, 'GET', '/api/public/packages/{id}/bpmn', '/api/public/packages/pkt-tidakada00000001/bpmn', 404);
    await call(null, 'GET', '/api/public/open-data', '/api/public/open-data', 200);
    await call(null, 'GET', '/api/public/open-data', '/api/public/open-data?tahun=2026', 422);
    const head = await call(null, 'GET', '/api/public/audit/head', '/api/public/audit/head', 200);
    const entries = await call(null, 'GET', '/api/public/audit/packages/{id}', `/api/public/audit/packages/${packageId}?limit=5`, 200);
    assert.ok(entries.body.data.length > 0 && !JSON.stringify(entries.body).includes('actorId'));
    await call(null, 'GET', '/api/public/audit/chain', `/api/public/audit/chain?afterPos=${Math.max(0, head.body.pos - 3)}&limit=2`, 200);
    await call(null, 'GET', '/api/public/audit/packages/{id}', '/api/public/audit/packages/pkt-tidakada00000001', 404);
    await writeAuditAnchor(stack.db); // the per-package chains' anchor, so the page below has one with heads
    await call(null, 'GET', '/api/public/audit/anchors', '/api/public/audit/anchors?limit=2', 200);
    await call(null, 'GET', '/api/public/audit/head', '/api/public/audit/head', 200);
    const releases = await call(null, 'GET', '/api/ocds/releases', `/api/ocds/releases?packageId=${packageId}`, 200);
    const first = releases.body.releases[0];
    await call(null, 'GET', '/api/ocds/releases/{releaseId}', `/api/ocds/releases/${first.id}`, 200);
    await call(null, 'GET', '/api/ocds/records/{ocid}', `/api/ocds/records/${first.ocid}`, 200);
    await call(null, 'GET', '/api/ocds/records', '/api/ocds/records?fiscalYear=2026&pageSize=5', 200);
    await call(null, 'GET', '/api/ocds/records', '/api/ocds/records?fiscalYear=2099', 404);
    // A page past the end of a list is a 404 (an OCDS package holds at least one release), as documented.
    await call(null, 'GET', '/api/ocds/releases', `/api/ocds/releases?packageId=${packageId}&page=999`, 404);
    // The yearly export: a release package by default, a record package with kind=records (each its own schema).
    const releasesExport = await call(null, 'GET', '/api/ocds/export/{fiscalYear}', '/api/ocds/export/2026', 200);
    assert.ok(Array.isArray(releasesExport.body.releases) && releasesExport.body.records === undefined);
    const recordsExport = await call(null, 'GET', '/api/ocds/export/{fiscalYear}', '/api/ocds/export/2026?kind=records', 200);
    assert.ok(Array.isArray(recordsExport.body.records) && recordsExport.body.releases === undefined);
    await call(null, 'GET', '/api/ocds/export/{fiscalYear}', '/api/ocds/export/2099?kind=records', 404);
    await call(null, 'GET', '/api/public/packages/{id}/documents/{docId}', `/api/public/packages/${packageId}/documents/${packageId}%3Aspmk%3A1`, 404);
  });

  test('audit and dashboard', async () => {
    await call('auditor.rina', 'GET', '/api/audit', `/api/audit?packageId=${packageId}`, 200);
    const verified = await call('auditor.rina', 'GET', '/api/audit/verify', '/api/audit/verify', 200);
    assert.equal(verified.body.ok, true);
    await call('vendor.karya', 'GET', '/api/audit/verify', '/api/audit/verify', 403);
    await call('auditor.rina', 'GET', '/api/dashboard/summary', '/api/dashboard/summary?fiscalYear=2026', 200);
    await call('auditor.rina', 'GET', '/api/dashboard/overdue', '/api/dashboard/overdue?fiscalYear=2026', 200);
    await call('auditor.rina', 'GET', '/api/dashboard/stages', '/api/dashboard/stages?fiscalYear=2026&stage=registration', 200);
    await call('auditor.rina', 'GET', '/api/dashboard/absorption', '/api/dashboard/absorption?fiscalYear=2026', 200);
    await call('auditor.rina', 'GET', '/api/dashboard/progress', '/api/dashboard/progress?fiscalYear=2026', 200);
    await call('auditor.rina', 'GET', '/api/dashboard/red-flags', '/api/dashboard/red-flags?fiscalYear=2026', 200);
    await call('kpa.hendra', 'GET', '/api/dashboard/year', '/api/dashboard/year?fiscalYear=2026', 200);
    await call('auditor.rina', 'GET', '/api/dashboard/contracts', '/api/dashboard/contracts?fiscalYear=2026', 200);
    await call('auditor.rina', 'GET', '/api/dashboard/overdue', '/api/dashboard/overdue?fiscalYear=2026&format=csv', 200);
    await call('auditor.rina', 'GET', '/api/dashboard/contracts', '/api/dashboard/contracts?fiscalYear=2026&format=xlsx', 200);
    await call('auditor.rina', 'GET', '/api/dashboard/year', '/api/dashboard/year?fiscalYear=2026&format=pdf', 422);
    await call('ppk.budi', 'GET', '/api/dashboard/year', '/api/dashboard/year?fiscalYear=2026', 403);
  });

  // The vendor's views of a package (an allowlist, issue 11 point 12) answer the same documented shapes.
  test('vendor views', async () => {
    vendorAnswers.push(['GET', '/api/packages/{id}', await stack.request('vendor.karya', 'GET', `/api/packages/${packageId}`)]);
    vendorAnswers.push(['GET', '/api/packages', await stack.request('vendor.karya', 'GET', '/api/packages?pageSize=5')]);
    vendorAnswers.push(['GET', '/api/packages/{id}/bids', await stack.request('vendor.karya', 'GET', `/api/packages/${packageId}/bids`)]);
    for (const [method, template, answer] of vendorAnswers) conforms(method, template, answer);
  });

  test('the Temporal remote codec', async () => {
    const x = { payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('{"a":1}').toString('base64') }] };
    const encoded = await call('admin.lpse', 'POST', '/codec/encode', '/codec/encode', 200, x);
    const decoded = await call('auditor.rina', 'POST', '/codec/decode', '/codec/decode', 200, encoded.body);
    assert.deepEqual(decoded.body, x);
    await call('ppk.budi', 'POST', '/codec/decode', '/codec/decode', 403, x);
    await call(null, 'POST', '/codec/decode', '/codec/decode', 401, x);
    await call('auditor.rina', 'POST', '/codec/decode', '/codec/decode', 422, { payloads: 'x' });
  });

  test('webhooks', async () => {
    const created = await call('admin.lpse', 'POST', '/api/webhooks', '/api/webhooks', 201, { url: 'https://example.go.id/uji-kontrak' });
    await call('admin.lpse', 'GET', '/api/webhooks', '/api/webhooks', 200);
    await call('admin.lpse', 'GET', '/api/webhooks/{id}/deliveries', `/api/webhooks/${created.body.id}/deliveries`, 200);
    await call('admin.lpse', 'DELETE', '/api/webhooks/{id}', `/api/webhooks/${created.body.id}`, 204);
  });

  test('platform outages', async () => {
    // An outage long past: no window of this lane was open then, so it extends nothing here.
    const body = { startsAt: '2020-01-01T08:00:00+07:00', endsAt: '2020-01-01T09:00:00+07:00', reason: 'Uji kontrak: gangguan lama' };
    const declared = await call('admin.lpse', 'POST', '/api/admin/outages', '/api/admin/outages', 201, body);
    await call('admin.lpse', 'POST', '/api/admin/outages', '/api/admin/outages', 200, body);
    await call('admin.lpse', 'POST', '/api/admin/outages', '/api/admin/outages', 409, { ...body, reason: 'Uji kontrak: tumpang tindih' });
    await call('admin.lpse', 'GET', '/api/admin/outages', '/api/admin/outages', 200);
    await call('admin.lpse', 'PATCH', '/api/admin/outages/{id}', `/api/admin/outages/${declared.body.id}`, 409, { endsAt: '2020-01-01T10:00:00+07:00' });
    await call('admin.lpse', 'PATCH', '/api/admin/outages/{id}', '/api/admin/outages/999999999', 404, { endsAt: '2020-01-01T10:00:00+07:00' });
    await call(null, 'GET', '/api/public/outages', '/api/public/outages', 200);
    await stack.db('platform_outages').where({ id: declared.body.id }).delete();
  });

  test('the document served is the one built, and the schema check itself can fail', async () => {
    const a = await stack.request(null, 'GET', '/openapi.json');
    assert.equal(a.status, 200);
    assert.deepEqual(a.body.paths, doc.paths);
    // A body with one field too many, or a field of the wrong type, is refused by the same check.
    const health = { status: 'ok', checks: { postgres: 'ok', temporal: 'ok' }, workers: 1 };
    const fake = (body: unknown): Answer => ({ status: 200, headers: new Headers({ 'content-type': 'application/json' }), body });
    conforms('GET', '/health', fake(health));
    assert.throws(() => conforms('GET', '/health', fake({ ...health, extra: 1 })), /does not match/);
    assert.throws(() => conforms('GET', '/health', fake({ ...health, status: 'bagus' })), /does not match/);
  });
});

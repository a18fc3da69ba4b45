/**
 * /api/admin (issue 15 point 2) on the real app and PostgreSQL: only the admin may call it (403 forbidden_role for
 * the others); a user is created, changed and deactivated, never deleted, each change once in user_changes and once
 * in the hash-chained audit trail (chain admin-pengguna, the entry's payload hash = the stored before/after); a
 * retried create writes nothing, other content 409; refusals (vendor + Pokja, unknown role, bad email, unknown
 * organisation, a vendor in an OPD) are 422 in Indonesian and change nothing (rows read back); a deactivated user's
 * token is refused on the very next request, it gets no development token, is not offered as an officer, and works
 * again once activated. Every answer is checked against the OpenAPI document.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../api/auth/actor';
import { buildOpenApi } from '../api/openapi';
import { ADMIN_AUDIT_CHAIN } from '../api/services/user-admin';
import { createDb } from '../db/connection';
import { seedDemo } from '../db/seed-demo';
import { payloadHash } from '../domain/audit/chain';
import { testServices } from './support/services';
import { startTestApi, type TestApi } from './support/test-api';

const run = randomBytes(3).toString('hex');
const P = `h2adm${run}`; // every id this file creates starts with this
const ORG = `${P}-dinas`;
const FIRM = `${P}-pt`;

const ADMIN: Actor = { id: 'admin.lpse', name: 'Admin LPSE', roles: ['admin'], org: 'lpse-kota-tangerang' };
const PPK: Actor = { id: 'ppk.budi', name: 'Budi', roles: ['ppk'], org: 'kota-tangerang-pupr' };
const AUDITOR: Actor = { id: 'auditor.rina', name: 'Rina', roles: ['auditor'], org: 'lpse-kota-tangerang' };
const VENDOR: Actor = { id: 'vendor.karya', name: 'Karya', roles: ['penyedia'], org: 'pt-karya-beton' };

const doc = JSON.parse(JSON.stringify(buildOpenApi()));
const BASE = 'https://pengadaan.test/openapi.json';
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema({ ...doc, $id: BASE });
const ptr = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

interface Answer {
  status: number;
  body: any;
}

let db: Knex;
let api: TestApi;

before(async () => {
  db = createDb(testServices().databaseUrl);
  await seedDemo(db); // admin.lpse and the demo officers, as other files of the lane may already have
  api = await startTestApi({ db });
});

after(async () => {
  await api?.close();
  await db?.destroy();
});

/** A request; with `template`, the answer must match what the OpenAPI document says of that operation and status. */
async function call(as: Actor | null, method: string, path: string, body?: unknown, template?: string): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (as) headers.authorization = `Bearer ${await api.tokenOf(as)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${api.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const a = { status: res.status, body: text ? JSON.parse(text) : null };
  if (template) {
    const response = doc.paths[template]?.[method.toLowerCase()]?.responses?.[String(a.status)];
    assert.ok(response, `${method} ${template} → ${a.status} not documented: ${text.slice(0, 300)}`);
    const at = ptr('paths', template, method.toLowerCase(), 'responses', String(a.status), 'content', 'application/json', 'schema');
    const validate = ajv.compile({ $ref: `${BASE}#/${at}` });
    assert.ok(validate(a.body), `${method} ${template} → ${a.status}: ${JSON.stringify(validate.errors?.slice(0, 5))} body ${text.slice(0, 600)}`);
  }
  return a;
}

const userRow = (id: string) => db('users').where({ id }).first();
const changesOf = async (id: string) =>
  (await db('user_changes').where({ subject_kind: 'user', subject_id: id }).orderBy('id')).map((c) => ({ ...c, details: c.details as Record<string, any> }));
const auditOf = (seqs: number[]) => db('audit_log').where({ workflow_id: ADMIN_AUDIT_CHAIN }).whereIn('seq', seqs).orderBy('pos');

function refused(a: Answer, status: number, code: string, where: string) {
  assert.equal(a.status, status, `${where}: ${JSON.stringify(a.body)}`);
  assert.equal(a.body?.error?.code, code, where);
  assert.ok(typeof a.body.error.message === 'string' && a.body.error.message.length > 0, where);
  assert.ok(a.body.error.details && typeof a.body.error.details === 'object', where);
}

const newUser = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Pengguna Uji ${id}`,
  email: `${id.replace(/[^a-z0-9]/gi, '')}@dinas.example`,
  org: ORG,
  roles: ['pokja'],
  ...extra,
});

describe('admin users API', { timeout: 120_000 }, () => {
  test('organisations: created once (retry 200, other content 409, bad kind 422), listed with their active users', async () => {
    const T = '/api/admin/organisations';
    const created = await call(ADMIN, 'POST', T, { id: ORG, name: 'Dinas Uji Pengguna', kind: 'opd' }, T);
    assert.equal(created.status, 201);
    assert.deepEqual(created.body, { id: ORG, name: 'Dinas Uji Pengguna', kind: 'opd', users: 0 });
    const again = await call(ADMIN, 'POST', T, { id: ORG, name: 'Dinas Uji Pengguna', kind: 'opd' }, T);
    assert.equal(again.status, 200);
    refused(await call(ADMIN, 'POST', T, { id: ORG, name: 'Nama Lain', kind: 'opd' }, T), 409, 'organisation_exists', 'other content');
    const bad = await call(ADMIN, 'POST', T, { id: `${P}-x`, name: 'Apa Saja', kind: 'kementerian' }, T);
    refused(bad, 422, 'validation_failed', 'unknown kind');
    assert.match(JSON.stringify(bad.body.error.details), /jenis organisasi harus salah satu dari/);
    assert.equal(
      await db('organisations')
        .where({ id: `${P}-x` })
        .first(),
      undefined,
      'nothing created',
    );
    assert.equal((await call(ADMIN, 'POST', T, { id: FIRM, name: 'PT Uji Pengguna', kind: 'penyedia' }, T)).status, 201);
    const orgChanges = await db('user_changes').where({ subject_kind: 'organisation', subject_id: ORG });
    assert.equal(orgChanges.length, 1, 'one change for the organisation, the retry wrote none');
    assert.equal((await auditOf([orgChanges[0]!.id])).length, 1);
    const list = await call(ADMIN, 'GET', T, undefined, T);
    assert.equal(list.status, 200);
    assert.ok(list.body.data.some((o: { id: string }) => o.id === 'lpse-kota-tangerang'));
  });

  test('non-admins are refused every operation with 403 forbidden_role, and nothing changes', async () => {
    const id = `${P}.tolak`;
    for (const who of [PPK, AUDITOR, VENDOR]) {
      const ops: [string, string, string, unknown?][] = [
        ['GET', '/api/admin/users', '/api/admin/users'],
        ['POST', '/api/admin/users', '/api/admin/users', newUser(id)],
        ['GET', '/api/admin/users/admin.lpse', '/api/admin/users/{userId}'],
        ['PATCH', '/api/admin/users/admin.lpse', '/api/admin/users/{userId}', { roles: ['ppk'] }],
        ['POST', '/api/admin/users/ppk.budi/deactivate', '/api/admin/users/{userId}/deactivate'],
        ['POST', '/api/admin/users/ppk.budi/activate', '/api/admin/users/{userId}/activate'],
        ['GET', '/api/admin/organisations', '/api/admin/organisations'],
        ['POST', '/api/admin/organisations', '/api/admin/organisations', { id: `${P}-tolak`, name: 'Tolak', kind: 'opd' }],
      ];
      for (const [method, path, template, body] of ops) {
        refused(await call(who, method, path, body, template), 403, 'forbidden_role', `${who.id} ${method} ${path}`);
      }
    }
    assert.equal((await call(null, 'GET', '/api/admin/users')).status, 401);
    assert.equal(await userRow(id), undefined);
    assert.deepEqual((await userRow('admin.lpse'))!.roles, ['admin']);
    assert.equal((await userRow('ppk.budi'))!.active, true);
    assert.equal(
      await db('organisations')
        .where({ id: `${P}-tolak` })
        .first(),
      undefined,
    );
  });

  test('create: 201 and one audited change; the same again 200 with nothing written; other content 409', async () => {
    const T = '/api/admin/users';
    const id = `${P}.sari`;
    const body = newUser(id, { roles: ['pokja', 'ppk'] });
    const created = await call(ADMIN, 'POST', T, body, T);
    assert.equal(created.status, 201);
    assert.equal(created.body.id, id);
    assert.deepEqual(created.body.roles, ['pokja', 'ppk']);
    assert.equal(created.body.active, true);
    const [change, ...more] = await changesOf(id);
    assert.equal(more.length, 0);
    assert.equal(change!.actor_id, 'admin.lpse');
    assert.equal(change!.action, 'pengguna_dibuat');
    assert.equal(change!.details.before, null);
    assert.deepEqual(change!.details.after, { name: body.name, email: body.email, org: ORG, roles: ['pokja', 'ppk'], active: true });
    const [entry, ...extra] = await auditOf([change!.id]);
    assert.equal(extra.length, 0);
    assert.equal(entry!.package_id, ADMIN_AUDIT_CHAIN);
    assert.equal(entry!.actor_id, 'admin.lpse');
    assert.equal(entry!.action, 'pengguna_dibuat');
    assert.equal(entry!.payload_hash, payloadHash(change!.details), 'the chained entry covers the stored before/after');

    const chainLength = async () => Number((await db('audit_log').where({ workflow_id: ADMIN_AUDIT_CHAIN }).count({ n: '*' }).first())!.n);
    const entriesBefore = await chainLength();
    const retry = await call(ADMIN, 'POST', T, { ...body, roles: ['ppk', 'pokja'] }, T);
    assert.equal(retry.status, 200);
    assert.deepEqual(retry.body, created.body);
    assert.equal((await changesOf(id)).length, 1, 'a retry writes no second change');
    assert.equal(await chainLength(), entriesBefore, 'a retry writes no second audit entry');

    const conflict = await call(ADMIN, 'POST', T, { ...body, name: 'Nama Lain Sekali' }, T);
    refused(conflict, 409, 'user_exists', 'other content');
    assert.deepEqual(conflict.body.error.details.differs, ['name']);
    assert.equal((await userRow(id))!.name, body.name);
    assert.equal((await changesOf(id)).length, 1);

    const got = await call(ADMIN, 'GET', `${T}/${id}`, undefined, '/api/admin/users/{userId}');
    assert.equal(got.status, 200);
    assert.equal(got.body.changes.length, 1);
    assert.equal(got.body.changes[0].action, 'pengguna_dibuat');
    refused(await call(ADMIN, 'GET', `${T}/${P}.tidakada`, undefined, '/api/admin/users/{userId}'), 404, 'user_not_found', 'unknown user');
  });

  test('refused input is 422 in Indonesian and creates nothing', async () => {
    const T = '/api/admin/users';
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['vendor and Pokja', { org: FIRM, roles: ['penyedia', 'pokja'] }, 'validation_failed', /akun penyedia tidak boleh memegang peran lain/],
      ['unknown role', { roles: ['superadmin'] }, 'validation_failed', /peran tidak dikenal/],
      ['bad email', { email: 'bukan-email' }, 'validation_failed', /alamat email tidak sah/],
      ['no role', { roles: [] }, 'validation_failed', /minimal satu peran/],
      ['unknown field', { password: 'rahasia' }, 'validation_failed', /isian tidak dikenal: 'password'/],
      ['unknown organisation', { org: `${P}-tidakada` }, 'unknown_org', /tidak terdaftar/],
      ['vendor in an OPD', { roles: ['penyedia'] }, 'org_kind_mismatch', /organisasi penyedia/],
      ['official in a firm', { org: FIRM }, 'org_kind_mismatch', /tidak boleh berada pada organisasi penyedia/],
    ];
    for (const [i, [what, extra, code, message]] of cases.entries()) {
      const id = `${P}.salah${i}`;
      const a = await call(ADMIN, 'POST', T, newUser(id, extra), T);
      refused(a, 422, code, what);
      assert.match(JSON.stringify(a.body.error), message, what);
      assert.equal(await userRow(id), undefined, `${what}: no user`);
      assert.equal((await changesOf(id)).length, 0, `${what}: no change`);
    }
  });

  test('roles and details change once each; a vendor gains no other role; a change that changes nothing writes nothing', async () => {
    const T = '/api/admin/users/{userId}';
    const id = `${P}.agus`;
    assert.equal((await call(ADMIN, 'POST', '/api/admin/users', newUser(id))).status, 201);
    const added = await call(ADMIN, 'PATCH', `/api/admin/users/${id}`, { addRoles: ['pejabat_pengadaan'] }, T);
    assert.equal(added.status, 200);
    assert.deepEqual(added.body.roles, ['pokja', 'pejabat_pengadaan']);
    const replaced = await call(ADMIN, 'PATCH', `/api/admin/users/${id}`, { roles: ['ppk'], name: 'Agus Baru (PPK)' }, T);
    assert.deepEqual(replaced.body.roles, ['ppk']);
    assert.equal(replaced.body.name, 'Agus Baru (PPK)');
    const same = await call(ADMIN, 'PATCH', `/api/admin/users/${id}`, { roles: ['ppk'] }, T);
    assert.equal(same.status, 200);
    const changes = await changesOf(id);
    assert.deepEqual(
      changes.map((c) => c.action),
      ['pengguna_dibuat', 'pengguna_peran_diubah', 'pengguna_peran_diubah'],
    );
    assert.deepEqual([changes[1]!.details.before.roles, changes[1]!.details.after.roles], [['pokja'], ['pokja', 'pejabat_pengadaan']]);
    assert.deepEqual([changes[2]!.details.before.roles, changes[2]!.details.after.roles], [['pokja', 'pejabat_pengadaan'], ['ppk']]);
    assert.equal((await auditOf(changes.map((c) => c.id))).length, 3, 'one audit entry per change');

    const bad = await call(ADMIN, 'PATCH', `/api/admin/users/${id}`, { roles: ['ppk'], addRoles: ['pokja'] }, T);
    refused(bad, 422, 'validation_failed', 'roles with addRoles');
    refused(await call(ADMIN, 'PATCH', `/api/admin/users/${id}`, {}, T), 422, 'validation_failed', 'empty change');
    refused(await call(ADMIN, 'PATCH', `/api/admin/users/${id}`, { addRoles: ['root'] }, T), 422, 'validation_failed', 'unknown role');
    refused(await call(ADMIN, 'PATCH', `/api/admin/users/${id}`, { email: 'x@' }, T), 422, 'validation_failed', 'bad email');
    refused(await call(ADMIN, 'PATCH', `/api/admin/users/${id}`, { addRoles: ['penyedia'] }, T), 422, 'conflicting_roles', 'official gains penyedia');

    const vendor = `${P}.vendor`;
    assert.equal((await call(ADMIN, 'POST', '/api/admin/users', newUser(vendor, { org: FIRM, roles: ['penyedia'] }))).status, 201);
    const gain = await call(ADMIN, 'PATCH', `/api/admin/users/${vendor}`, { addRoles: ['pokja'] }, T);
    refused(gain, 422, 'conflicting_roles', 'vendor gains pokja');
    assert.match(gain.body.error.message, /Pasal 7/);
    refused(await call(ADMIN, 'PATCH', `/api/admin/users/${vendor}`, { org: ORG }, T), 422, 'org_kind_mismatch', 'vendor moved to an OPD');
    assert.deepEqual((await userRow(vendor))!.roles, ['penyedia']);
    assert.equal((await userRow(vendor))!.org_id, FIRM);
    assert.deepEqual((await userRow(id))!.roles, ['ppk']);
    assert.equal((await changesOf(id)).length, 3, 'refusals wrote nothing');
    assert.equal((await changesOf(vendor)).length, 1);
    refused(await call(ADMIN, 'PATCH', `/api/admin/users/${P}.tidakada`, { name: 'Siapa Saja' }, T), 404, 'user_not_found', 'unknown user');
  });

  test('list: filtered by role, organisation and active, paged', async () => {
    const T = '/api/admin/users';
    const mine = await call(ADMIN, 'GET', `${T}?org=${FIRM}`, undefined, T);
    assert.equal(mine.status, 200);
    assert.deepEqual(
      mine.body.data.map((u: { id: string }) => u.id),
      [`${P}.vendor`],
    );
    const pokja = await call(ADMIN, 'GET', `${T}?role=pokja&org=${ORG}`, undefined, T);
    assert.deepEqual(
      pokja.body.data.map((u: { id: string }) => u.id),
      [`${P}.sari`],
    );
    const paged = await call(ADMIN, 'GET', `${T}?org=${ORG}&pageSize=1&page=2`, undefined, T);
    assert.equal(paged.body.data.length, 1);
    assert.equal(paged.body.pagination.total, 2);
    for (const q of ['role=raja', 'pageSize=101', 'active=ya', 'x=1']) {
      refused(await call(ADMIN, 'GET', `${T}?${q}`, undefined, T), 422, 'validation_failed', q);
    }
  });

  test("deactivated: the user's token is refused on the next request, no dev token, not offered; activated again it works", async () => {
    const id = `${P}.dewi`;
    assert.equal((await call(ADMIN, 'POST', '/api/admin/users', newUser(id))).status, 201);
    const dewi: Actor = { id, name: 'Dewi', roles: ['pokja'], org: ORG };
    assert.equal((await call(dewi, 'GET', '/api/notifications')).status, 200, 'active: the token works');
    const officers = async () => (await call(PPK, 'GET', '/api/officers?role=pokja')).body.data.map((o: { id: string }) => o.id) as string[];
    assert.ok((await officers()).includes(id));

    const T = '/api/admin/users/{userId}/deactivate';
    const off = await call(ADMIN, 'POST', `/api/admin/users/${id}/deactivate`, undefined, T);
    assert.equal(off.status, 200);
    assert.equal(off.body.active, false);
    refused(await call(dewi, 'GET', '/api/notifications'), 403, 'user_inactive', 'the next request');
    refused(await call(dewi, 'GET', '/api/packages'), 403, 'user_inactive', 'any route');
    const devToken = await call(null, 'POST', '/api/auth/dev/token', { userId: id }, '/api/auth/dev/token');
    refused(devToken, 422, 'user_inactive', 'no development token');
    const devUsers = await call(null, 'GET', '/api/auth/dev/users');
    assert.ok(!devUsers.body.data.some((u: { id: string }) => u.id === id), 'not offered by "Masuk sebagai"');
    assert.ok(!(await officers()).includes(id), 'not offered as an officer');
    assert.equal((await userRow(id))!.active, false, 'kept, never deleted');

    assert.equal((await call(ADMIN, 'POST', `/api/admin/users/${id}/deactivate`, undefined, T)).status, 200, 'again: 200');
    assert.deepEqual(
      (await changesOf(id)).map((c) => c.action),
      ['pengguna_dibuat', 'pengguna_dinonaktifkan'],
      'again: nothing written',
    );
    refused(await call(ADMIN, 'POST', `/api/admin/users/${P}.tidakada/deactivate`, undefined, T), 404, 'user_not_found', 'unknown user');

    const on = await call(ADMIN, 'POST', `/api/admin/users/${id}/activate`, undefined, '/api/admin/users/{userId}/activate');
    assert.equal(on.status, 200);
    assert.equal(on.body.active, true);
    assert.equal((await call(dewi, 'GET', '/api/notifications')).status, 200, 'activated: the token works again');
    const changes = await changesOf(id);
    assert.deepEqual(
      changes.map((c) => c.action),
      ['pengguna_dibuat', 'pengguna_dinonaktifkan', 'pengguna_diaktifkan'],
    );
    assert.deepEqual([changes[1]!.details.before.active, changes[1]!.details.after.active], [true, false]);
    const entries = await auditOf(changes.map((c) => c.id));
    assert.deepEqual(
      entries.map((e) => e.action),
      ['pengguna_dibuat', 'pengguna_dinonaktifkan', 'pengguna_diaktifkan'],
    );
  });

  test('the audit trail still verifies with the admin chain in it', async () => {
    const verified = await call(AUDITOR, 'GET', '/api/audit/verify');
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    assert.equal(verified.body.ok, true, JSON.stringify(verified.body));
  });
});

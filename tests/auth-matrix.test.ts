/**
 * Every operation of the OpenAPI document × every role, against the real app, worker, Temporal and PostgreSQL:
 * without a token 401 with the structured body; each of the 7 roles either gets past authorisation (any status but
 * 401/403, never a 5xx, never the catch-all 404) or 403, as ACCESS says. ACCESS must name every operation of
 * GET /openapi.json and nothing else, so an endpoint added later fails here until someone decides who may call it.
 *
 * Path ids are a real package created here (the demo PPK, Pokja sari/agus/dewi, PA/KPA hendra), so "allowed" really
 * reaches the handler. Requests that write send an invalid body or an unknown id, so allowed roles end in 404/422 and
 * the matrix changes nothing. Also: officers act only on their own packages (not_assigned), the PPK of a package
 * cannot sit in its Pokja, and a vendor token with an officer role is refused.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../api/auth/actor';
import { type Role, ROLES } from '../api/auth/roles';
import { type Answer, type AuthStack, type Caller, startAuthStack, tenderBody } from './support/auth-stack';
import { ASSIGNMENT_LETTER, REVIEW_SESUAI } from './support/preparation';

/** The demo user who plays each role; those with an officer role are assigned to the test package. */
const USER_OF: Record<Role, string> = {
  ppk: 'ppk.budi',
  pokja: 'pokja.sari',
  pejabat_pengadaan: 'pp.rudi', // a tender assigns no Pejabat Pengadaan: the "not assigned" officer of the matrix
  pa_kpa: 'kpa.hendra',
  kepala_ukpbj: 'ukpbj.ratna',
  penyedia: 'vendor.karya',
  auditor: 'auditor.rina',
  admin: 'admin.lpse',
};

const ALL = ROLES;
/** Officers, the auditor (APIP) and the LPSE admin: monitoring, never for vendors. */
const GOVERNMENT: readonly Role[] = ['ppk', 'pokja', 'pejabat_pengadaan', 'pa_kpa', 'auditor', 'admin'];

interface Row {
  /** Roles that get past authorisation with this row's request; the others get 403. */
  roles: readonly Role[];
  /** No token needed (security: [] in the document). */
  public?: true;
  /** Path parameters other than the package id, the query string, the JSON body. */
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** Why the roles are what they are, where it is not plain from the path. */
  why?: string;
}

/** Monitoring (issue 12): PA/KPA, head of UKPBJ (once the role exists), APIP, admin; not the officers who run packages. */
const MONITORS: readonly Role[] = ROLES.filter((r) => ['pa_kpa', 'kepala_ukpbj', 'auditor', 'admin'].includes(r));
const dashboard = (): Row => ({ roles: MONITORS, query: 'fiscalYear=2026', why: 'monitoring for PA/KPA, head of UKPBJ, APIP and admin' });

const ACCESS: Record<string, Row> = {
  'GET /health': { roles: ALL, public: true },
  'GET /health/live': { roles: ALL, public: true, why: 'liveness for orchestrators: only that the process runs' },
  'GET /health/ready': { roles: ALL, public: true, why: 'readiness: whether PostgreSQL and Temporal answer' },
  'GET /metrics': { roles: ALL, public: true, why: 'Prometheus scrape: bounded labels, nothing of a package or a person (limit it at the network)' },
  'POST /api/packages': { roles: ['ppk'], body: {}, why: 'only a PPK creates a package (invalid body: 422, nothing created)' },
  'GET /api/packages': { roles: ALL, why: 'announced packages are public information' },
  'GET /api/packages/{id}': { roles: ALL, why: 'sealed data shows only who and when' },
  'POST /api/packages/{id}/tasks/{taskId}': {
    roles: ['pokja'],
    params: { taskId: 'announce' },
    body: { payload: { bogus: true } },
    why: "the step's performers decide: 'announce' is the assigned Pokja's (422 for the invalid payload, 403 for others)",
  },
  'GET /api/packages/{id}/live': {
    roles: ['auditor', 'admin'],
    why: "support only: the workflow's own state by its query (every other read is the read model's); APIP and admin",
  },
  'GET /api/packages/{id}/contract': { roles: ALL, why: 'contract figures are published (OCDS)' },
  'GET /api/packages/{id}/contract/payments': { roles: ALL },
  'GET /api/packages/{id}/contract/progress': { roles: ALL },
  'GET /api/packages/{id}/contract/addenda': { roles: ALL },
  'GET /api/packages/{id}/contract/documents': { roles: ALL },
  'POST /api/packages/{id}/contract/tasks/{taskId}': {
    roles: ALL,
    params: { taskId: 'draft_contract' },
    body: { payload: {} },
    why: "the contract's steps decide, as for the package (no contract yet here: 404)",
  },
  'GET /api/packages/{id}/documents': { roles: ALL },
  'GET /api/packages/{id}/documents/{docId}': { roles: ALL, params: { docId: 'dokumen-tidak-ada' } },
  'GET /api/packages/{id}/bidder-links': {
    roles: ['ppk', 'pokja', 'pa_kpa', 'kepala_ukpbj', 'auditor', 'admin'],
    why: 'officers assigned to the package (the head of the UKPBJ named at creation is; pp.rudi is not: not_assigned), APIP, admin; never vendors',
  },
  'GET /api/packages/{id}/bids': { roles: ALL, why: 'receipts (commitments) are public; content is never there' },
  'GET /api/packages/{id}/bids/{bidId}/document': {
    roles: ['ppk', 'pokja', 'pa_kpa', 'kepala_ukpbj', 'auditor'],
    params: { bidId: '00000000-0000-0000-0000-000000000000' },
    why: "an opened bid's document: officers assigned to the package (the head of the UKPBJ included) and APIP; not the admin, never vendors (no such bid: 404)",
  },
  'GET /api/packages/{id}/bids/{bidId}/own': {
    roles: ALL,
    params: { bidId: '00000000-0000-0000-0000-000000000000' },
    why: "the caller's own bid (content, nonce): decided by the bid's vendor, not by role; anyone else's or no such bid: 404",
  },
  'GET /api/tasks': { roles: ALL, why: "the caller's own inbox" },
  'POST /api/packages/{id}/complaints': { roles: ALL, body: {}, why: 'pengaduan to the APIP: any signed-in user (Pasal 77); invalid body: 422, nothing filed' },
  'GET /api/packages/{id}/complaints': {
    roles: ALL,
    why: "the caller's own complaints; officers of the package, APIP and admin also see status without the filer",
  },
  'GET /api/complaints': { roles: ALL, why: 'the APIP reads every complaint, anyone else only their own' },
  'GET /api/complaints/{cid}': { roles: ALL, params: { cid: 'adu-tidakada0000' }, why: "the APIP or the filer; anyone else's or no such complaint: 404" },
  'POST /api/complaints/{cid}/follow-ups': {
    roles: ['auditor'],
    params: { cid: 'adu-tidakada0000' },
    body: {},
    why: 'only the APIP follows complaints up (Pasal 76–77); invalid body: 422',
  },
  'POST /api/webhooks': { roles: ['admin'], body: {} },
  'GET /api/webhooks': { roles: ['admin'] },
  'DELETE /api/webhooks/{id}': { roles: ['admin'], params: { id: 'wh-000000000000' } },
  'GET /api/webhooks/{id}/deliveries': { roles: ['admin'], params: { id: 'wh-000000000000' } },
  'POST /api/admin/outages': { roles: ['admin'], body: {}, why: 'declaring a platform outage extends windows: the LPSE admin only (invalid body: 422)' },
  'GET /api/admin/outages': { roles: ['admin'], why: 'outages with who declared them' },
  'PATCH /api/admin/outages/{id}': { roles: ['admin'], params: { id: '999999999' }, body: {}, why: 'invalid body: 422, nothing changed' },
  'GET /api/dashboard/summary': dashboard(),
  'GET /api/dashboard/overdue': dashboard(),
  'GET /api/dashboard/stages': { ...dashboard(), query: 'fiscalYear=2026&stage=announcement' },
  'GET /api/dashboard/absorption': dashboard(),
  'GET /api/dashboard/progress': dashboard(),
  'GET /api/dashboard/red-flags': dashboard(),
  'GET /api/dashboard/year': dashboard(),
  'GET /api/dashboard/contracts': dashboard(),
  'GET /api/public/packages': { roles: ALL, public: true, why: 'transparency: anyone, with or without a token' },
  'GET /api/public/packages/{id}': { roles: ALL, public: true },
  'GET /api/public/packages/{id}/red-flags': { roles: ALL, public: true },
  'GET /api/public/packages/{id}/bpmn': { roles: ALL, public: true, why: 'the process diagram: a definition is data, nothing sealed or personal' },
  'GET /api/public/open-data': { roles: ALL, public: true, why: 'licence, publisher and the years of the open data' },
  'GET /api/public/outages': { roles: ALL, public: true, why: 'platform outages, what and when (never who): why a deadline moved' },
  'GET /api/public/packages/{id}/documents/{docId}': {
    roles: ALL,
    public: true,
    params: { docId: 'dokumen-tidak-ada' },
    why: 'documents the regulation makes public, without a token (anything else: 404)',
  },
  'GET /api/public/audit/head': { roles: ALL, public: true, why: 'the audit chain head: anyone may compare it' },
  'GET /api/public/audit/packages/{id}': { roles: ALL, public: true, why: 'public form: no actor id, sealed steps left out' },
  'GET /api/public/audit/chain': { roles: ALL, public: true },
  'GET /api/public/audit/anchors': { roles: ALL, public: true, why: 'anchors name heads by position only, no package' },
  'GET /api/ocds/releases': {
    roles: ALL,
    public: true,
    query: 'packageId=pkt-tidakada00000001',
    why: 'OCDS publication: anyone, with or without a token (unknown package: 404 package_not_found)',
  },
  'GET /api/ocds/releases/{releaseId}': { roles: ALL, public: true, params: { releaseId: 'ocds-pgdn01-pkt-tidakada00000001-1' } },
  'GET /api/ocds/records': { roles: ALL, public: true, query: 'fiscalYear=2099', why: 'a year without packages: 404 no_ocds_data' },
  'GET /api/ocds/records/{ocid}': { roles: ALL, public: true, params: { ocid: 'ocds-pgdn01-pkt-tidakada00000001' } },
  'GET /api/ocds/export/{fiscalYear}': { roles: ALL, public: true, params: { fiscalYear: '2099' } },
  'GET /api/audit': { roles: GOVERNMENT, why: 'the audit trail: officers, APIP, admin; never vendors' },
  'GET /api/audit/verify': { roles: GOVERNMENT },
  'POST /codec/decode': { roles: ['admin', 'auditor'], body: { payloads: 'x' }, why: 'Temporal UI/CLI codec: every step in clear, for support (422)' },
  'POST /codec/encode': { roles: ['admin', 'auditor'], body: { payloads: 'x' }, why: 'the same codec as the workers, for the UI and CLI (invalid body: 422)' },
  'GET /api/notifications': { roles: ALL, why: "the caller's own notifications" },
  'POST /api/notifications/{id}/read': { roles: ALL, params: { id: 'notifikasi-tidak-ada' }, why: "someone else's id answers 404" },
  'GET /api/auth/config': { roles: ALL, public: true, why: 'how the console signs in, before anyone has' },
  'GET /api/auth/dev/users': { roles: ALL, public: true, why: '"Masuk sebagai": development only (the stack runs the dev issuer)' },
  'POST /api/auth/dev/token': { roles: ALL, public: true, body: {}, why: 'development only; invalid body: 422, no token' },
  'POST /api/auth/dev/refresh': { roles: ALL, why: "a fresh token for the caller's own still-valid one" },
  'GET /api/method-options': {
    roles: ['ppk', 'pokja', 'pejabat_pengadaan', 'pa_kpa'],
    query: 'category=barang&hps=150000000',
    why: 'the create form: officers, not monitors or vendors',
  },
  'GET /api/process-definitions': { roles: ALL },
  'GET /api/process-definitions/{id}': { roles: ALL, params: { id: 'tender-pasca-1file' } },
  'GET /api/process-definitions/{id}/bpmn': { roles: ALL, params: { id: 'tender-pasca-1file' } },
  'GET /api/sanctions': {
    roles: ['pa_kpa', 'auditor', 'admin'],
    why: 'daftar hitam proposals: the PA/KPA decides (its own packages), APIP and admin oversee; never vendors',
  },
  'POST /api/sanctions/{id}/decision': {
    roles: ['pa_kpa'],
    params: { id: '999999999' },
    body: {},
    why: 'only the PA/KPA sets or refuses a daftar hitam (Perpres 16/2018 Pasal 78; invalid body: 422, nothing decided)',
  },
  'GET /api/public/daftar-hitam': { roles: ALL, public: true, why: 'the daftar hitam in force is published (Pasal 78 ayat (5))' },
  'GET /api/officers': {
    roles: ['kepala_ukpbj', 'ppk'],
    query: 'role=pokja',
    why: 'who can be assigned: the head of the UKPBJ assigns, the PPK names; ids and names only',
  },
  // User administration (issue 15 point 2): the admin alone; writes send an invalid body or an unknown user (422/404).
  'GET /api/admin/users': { roles: ['admin'], why: 'users with email and roles: the LPSE admin only' },
  'POST /api/admin/users': { roles: ['admin'], body: {}, why: 'creating a user (invalid body: 422, nothing created)' },
  'GET /api/admin/users/{userId}': { roles: ['admin'], params: { userId: 'admin.lpse' } },
  'PATCH /api/admin/users/{userId}': { roles: ['admin'], params: { userId: 'admin.lpse' }, body: {}, why: 'an empty change: 422, nothing changed' },
  'POST /api/admin/users/{userId}/deactivate': { roles: ['admin'], params: { userId: 'pengguna.tidak.ada' }, why: 'unknown user: 404 user_not_found' },
  'POST /api/admin/users/{userId}/activate': { roles: ['admin'], params: { userId: 'pengguna.tidak.ada' }, why: 'unknown user: 404 user_not_found' },
  'GET /api/admin/organisations': { roles: ['admin'] },
  'POST /api/admin/organisations': { roles: ['admin'], body: {}, why: 'invalid body: 422, nothing created' },
  'GET /api/packages/{id}/schedule': {
    roles: ['ppk', 'pokja', 'pa_kpa', 'kepala_ukpbj', 'auditor', 'admin'],
    why: 'officers assigned to the package (pp.rudi is not: not_assigned), APIP and admin; the history names officers',
  },
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const PREPARATION_ACTIONS = ['assign_officers', 'review_dpp', 'cosign_dpp_review'];
const runId = randomBytes(3).toString('hex');
let stack: AuthStack;
let packageId: string;

before(
  async () => {
    stack = await startAuthStack({ security: { authFailuresPerMin: 0, bidsPerMin: 0 } });
    packageId = await stack.createPackage(tenderBody(`Matriks akses ${runId}`));
  },
  { timeout: 120_000 },
);

after(
  async () => {
    await stack?.close();
  },
  { timeout: 60_000 },
);

function urlOf(op: string, row: Row): string {
  const path = op.split(' ')[1]!.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = row.params?.[name] ?? (name === 'id' ? packageId : undefined);
    if (v === undefined) throw new Error(`${op}: no value for path parameter {${name}}`);
    return encodeURIComponent(v);
  });
  return row.query ? `${path}?${row.query}` : path;
}

/** A POST always carries a JSON body, as API clients send one ({} where the operation takes none). */
const call = (as: Caller, op: string, row: Row) => {
  const method = op.split(' ')[0]!;
  return stack.request(as, method, urlOf(op, row), row.body ?? (['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined));
};

function assertErrorBody(res: Answer, code: string | string[], where: string) {
  const codes = Array.isArray(code) ? code : [code];
  assert.ok(res.body && typeof res.body === 'object' && res.body.error, `${where}: structured error body, got ${JSON.stringify(res.body)}`);
  const { error } = res.body;
  assert.ok(codes.includes(error.code), `${where}: code ${error.code}, expected ${codes.join('|')}`);
  assert.equal(typeof error.message, 'string', where);
  assert.ok(error.message.length > 0, where);
  assert.ok(error.details && typeof error.details === 'object' && !Array.isArray(error.details), `${where}: details object`);
}

describe('endpoint × role matrix', () => {
  test('the table names every operation of the OpenAPI document, and nothing else', async () => {
    const res = await stack.request(null, 'GET', '/openapi.json');
    assert.equal(res.status, 200);
    const ops: string[] = [];
    for (const [path, item] of Object.entries(res.body.paths as Record<string, Record<string, { security?: unknown[] }>>)) {
      for (const m of Object.keys(item).filter((k) => METHODS.includes(k))) {
        ops.push(`${m.toUpperCase()} ${path}`);
        const declaredPublic = Array.isArray(item[m]!.security) && item[m]!.security.length === 0;
        const row = ACCESS[`${m.toUpperCase()} ${path}`];
        if (row) assert.equal(!!row.public, declaredPublic, `${m.toUpperCase()} ${path}: public in the table iff security: [] in the document`);
      }
    }
    const missing = ops.filter((op) => !ACCESS[op]);
    const stale = Object.keys(ACCESS).filter((op) => !ops.includes(op));
    assert.deepEqual(missing, [], `operations without a row in ACCESS (decide who may call them): ${missing.join(', ')}`);
    assert.deepEqual(stale, [], `rows in ACCESS for operations the document no longer has: ${stale.join(', ')}`);
  });

  for (const [op, row] of Object.entries(ACCESS)) {
    test(op, async () => {
      const anonymous = await call(null, op, row);
      if (row.public) {
        assert.notEqual(anonymous.status, 401, `${op} is public`);
      } else {
        assert.equal(anonymous.status, 401, `${op} without a token: ${anonymous.status} ${JSON.stringify(anonymous.body)}`);
        assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer');
        assertErrorBody(anonymous, 'unauthenticated', `${op} without a token`);
        assert.deepEqual(anonymous.body.error.details, {});
      }
      const answers = await Promise.all(ROLES.map(async (role) => [role, await call(USER_OF[role], op, row)] as const));
      for (const [role, res] of answers) {
        const where = `${op} as ${role} (${USER_OF[role]}) → ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
        if (row.roles.includes(role)) {
          assert.ok(res.status !== 401 && res.status !== 403, `allowed: ${where}`);
          assert.ok(res.status < 500, `no server error: ${where}`);
          assert.ok(!(res.status === 404 && res.body?.error?.code === 'not_found'), `the route exists: ${where}`);
          assert.notEqual(res.status, 415, `the request itself is well-formed: ${where}`);
        } else {
          assert.equal(res.status, 403, `forbidden: ${where}`);
          assertErrorBody(res, ['forbidden_role', 'not_assigned'], where);
        }
      }
    });
  }

  test('the matrix changed nothing: the package is still waiting for its announcement', async () => {
    const res = await stack.request('ppk.budi', 'GET', `/api/packages/${packageId}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.live.stage.id, 'announcement');
    // The preparation (assignment, Reviu DPP, co-signature) was done by createPackage; nothing after it.
    assert.deepEqual(
      res.body.timeline.filter((e: { type: string; action?: string }) => e.type === 'action_performed' && !PREPARATION_ACTIONS.includes(e.action!)),
      [],
      'no step was performed',
    );
    assert.deepEqual(
      res.body.timeline.filter((e: { type: string }) => e.type === 'action_performed').map((e: { action: string }) => e.action),
      PREPARATION_ACTIONS,
    );
  });
});

describe('assignment per package', () => {
  // A second package with its own officers; the demo officers are not assigned to it.
  const other = {
    ppk: { id: `ppk.lain-${runId}`, name: 'PPK Lain', roles: ['ppk'], org: 'kota-tangerang-pupr' },
    pokja: [1, 2, 3].map((i) => ({ id: `pokja.lain${i}-${runId}`, name: `Pokja Lain ${i}`, roles: ['pokja'], org: 'kota-tangerang-ukpbj' })),
    kpa: { id: `kpa.lain-${runId}`, name: 'KPA Lain', roles: ['pa_kpa'], org: 'kota-tangerang-pupr' },
  } satisfies Record<string, Actor | Actor[]>;
  let otherId: string;

  before(
    async () => {
      const users = [other.ppk, ...other.pokja, other.kpa];
      await stack
        .db('users')
        .insert(users.map((u) => ({ id: u.id, name: u.name, roles: u.roles, org_id: u.org })))
        .onConflict('id')
        .merge();
      // Created by its own PPK; the demo head of the UKPBJ assigns its own Pokja, which reviews the DPP with its PPK.
      const created = await stack.request(other.ppk, 'POST', '/api/packages', tenderBody(`Paket pokja lain ${runId}`, { paKpa: other.kpa.id }));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      otherId = created.body.id;
      for (const [as, action, payload] of [
        ['ukpbj.ratna', 'assign_officers', { letterNumber: ASSIGNMENT_LETTER, members: other.pokja.map((p) => p.id) }],
        [other.pokja[0], 'review_dpp', REVIEW_SESUAI],
        [other.ppk, 'cosign_dpp_review', {}],
      ] as const) {
        const res = await stack.request(as as Caller, 'POST', `/api/packages/${otherId}/tasks/${action}`, { payload });
        assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
      }
      // The BA Hasil Reviu DPP is generated by a service task before the announcement opens.
      for (let i = 0; (await stack.request(other.ppk, 'GET', `/api/packages/${otherId}`)).body?.live?.stage.id !== 'announcement'; i++) {
        if (i > 100) assert.fail('the other package never reached its announcement');
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    { timeout: 60_000 },
  );

  test('a Pokja member of one package performing a Pokja step on another package: 403 not_assigned', async () => {
    // An invalid payload: authorisation is checked first, so the assigned member gets 422 and nothing changes.
    const step = (as: Caller, id: string) => stack.request(as, 'POST', `/api/packages/${id}/tasks/announce`, { payload: { bogus: true } });
    const outsider = await step('pokja.sari', otherId);
    assert.equal(outsider.status, 403);
    assertErrorBody(outsider, 'not_assigned', 'pokja.sari on the other package');
    assert.equal((await step(other.pokja[0] as Actor, otherId)).status, 422, 'its own Pokja passes');
    const back = await step(other.pokja[1] as Actor, packageId);
    assert.equal(back.status, 403);
    assertErrorBody(back, 'not_assigned', 'the other Pokja on the matrix package');
  });

  test('the PPK and PA/KPA of one package cannot cancel another: 403 not_assigned', async () => {
    const cancel = (as: Caller, id: string) => stack.request(as, 'POST', `/api/packages/${id}/tasks/cancel`, { payload: {} });
    for (const as of ['ppk.budi', 'kpa.hendra']) {
      const res = await cancel(as, otherId);
      assert.equal(res.status, 403, `${as}: ${JSON.stringify(res.body)}`);
      assertErrorBody(res, 'not_assigned', as);
    }
    assert.equal((await cancel(other.ppk as Actor, otherId)).status, 422, 'its own PPK passes (reason missing: 422)');
    assert.equal((await cancel(other.kpa as Actor, otherId)).status, 422, 'its own PA/KPA passes');
  });

  test('bidder links follow the assignment too', async () => {
    for (const as of ['pokja.sari', 'ppk.budi', 'kpa.hendra']) {
      const res = await stack.request(as, 'GET', `/api/packages/${otherId}/bidder-links`);
      assert.equal(res.status, 403, as);
      assertErrorBody(res, 'not_assigned', as);
    }
    for (const as of [other.pokja[2] as Actor, other.ppk as Actor, 'auditor.rina']) {
      assert.equal((await stack.request(as, 'GET', `/api/packages/${otherId}/bidder-links`)).status, 200);
    }
  });
});

describe('conflict of interest', () => {
  test('Pasal 7: the PPK of a package cannot sit in its Pokja (422 conflict_of_interest at the assignment, nothing assigned)', async () => {
    // A civil servant certified as both PPK and Pokja: allowed as a person, not on both sides of one package.
    const ganda: Actor = { id: `pegawai.ganda-${runId}`, name: 'Pegawai Dua Sertifikat', roles: ['ppk', 'pokja'], org: 'kota-tangerang-pupr' };
    await stack.db('users').insert({ id: ganda.id, name: ganda.name, roles: ganda.roles, org_id: ganda.org }).onConflict('id').merge();
    const created = await stack.request(ganda, 'POST', '/api/packages', tenderBody(`Paket PPK merangkap Pokja ${runId}`));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    const assign = (members: string[]) =>
      stack.request('ukpbj.ratna', 'POST', `/api/packages/${id}/tasks/assign_officers`, { payload: { letterNumber: ASSIGNMENT_LETTER, members } });
    const refused = await assign([ganda.id, 'pokja.agus', 'pokja.dewi']);
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assertErrorBody(refused, 'conflict_of_interest', 'PPK in Pokja');
    assert.match(refused.body.error.details.rule, /Pasal 7/);
    const detail = await stack.request(ganda, 'GET', `/api/packages/${id}`);
    assert.equal(detail.body.live.stage.id, 'officer_assignment', 'nothing was assigned');
    assert.equal(detail.body.live.assignments.pokja, undefined);
    // The same person's package with a Pokja they are not part of is fine.
    const ok = await assign(['pokja.sari', 'pokja.agus', 'pokja.dewi']);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    await stack.client.workflow
      .getHandle(`paket-${id}`)
      .terminate('test selesai')
      .catch(() => {});
  });

  test('a vendor token that also carries an officer role is refused on every route (403 conflicting_roles)', async () => {
    const ganda: Actor = { id: 'vendor.karya', name: 'PT Karya Beton Nusantara', roles: ['penyedia', 'pokja'], org: 'pt-karya-beton' };
    for (const [method, path] of [
      ['GET', '/api/packages'],
      ['GET', `/api/packages/${packageId}/bidder-links`],
      ['POST', `/api/packages/${packageId}/tasks/announce`],
    ] as const) {
      const res = await stack.request(ganda, method, path, method === 'POST' ? { payload: {} } : undefined);
      assert.equal(res.status, 403, `${method} ${path}`);
      assertErrorBody(res, 'conflicting_roles', `${method} ${path}`);
    }
    const detail = await stack.request('ppk.budi', 'GET', `/api/packages/${packageId}`);
    assert.equal(detail.body.live.stage.id, 'announcement', 'the refused announce changed nothing');
  });
});

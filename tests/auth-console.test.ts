/**
 * Signing in for the console, on the real app and PostgreSQL: GET /api/auth/config in both modes, the development
 * "Masuk sebagai" endpoints (users, token, refresh with roles re-read from the users table), their refusal when the
 * verifier is an identity provider's JWKS, `npm run token`, and a real OpenID Connect issuer (oidc-provider, code +
 * PKCE) whose access tokens the API accepts when configured with its JWKS_URL/JWT_ISSUER.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import type { Knex } from 'knex';
import pino from 'pino';
import { createApp } from '../api/app';
import type { Actor } from '../api/auth/actor';
import { loadOrCreateDevIssuer } from '../api/auth/dev-issuer';
import { createDb } from '../db/connection';
import { seedDemo } from '../db/seed-demo';
import { loadConfig, REPO_ROOT } from '../runtime/config';
import { authFor } from '../runtime/api-server';
import { startOidcIssuer, type OidcIssuer } from './support/oidc-issuer';
import { testServices } from './support/services';
import { startTestApi, type TestApi } from './support/test-api';

const runId = randomBytes(3).toString('hex');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-auth-console-'));
let db: Knex;
let dev: TestApi;

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function call(baseUrl: string, method: string, p: string, opts: { token?: string; body?: unknown } = {}): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(baseUrl + p, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

function expectError(res: Answer, status: number, code: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body?.error?.code, code, JSON.stringify(res.body));
  assert.equal(typeof res.body.error.message, 'string');
  assert.ok(res.body.error.details && typeof res.body.error.details === 'object');
  return res.body.error;
}

/** The real app on a free port with the auth wiring of runtime/api-server.ts for this configuration. */
async function appFor(env: Record<string, string>) {
  const cfg = loadConfig({ ...env, DATA_DIR: dataDir });
  const app = createApp({
    db,
    client: null as never, // only routes without Temporal are called
    ...(await authFor(cfg)),
    logger: pino({ level: 'silent' }),
    taskQueue: 'unused',
    timeScale: 1,
    console: false,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** `npm run token` as the package script runs it (tsx bin/token.ts), without npm's own output. */
function tokenCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/token.ts', ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATA_DIR: dataDir, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

before(async () => {
  db = createDb(testServices().databaseUrl);
  await seedDemo(db);
  dev = await startTestApi({ db, dataDir });
});

after(async () => {
  await dev?.close();
  await db('users').where('id', 'like', `uji.%-${runId}`).delete();
  await db?.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('development sign-in ("Masuk sebagai")', () => {
  test('GET /api/auth/config says development, without a token', async () => {
    const res = await call(dev.baseUrl, 'GET', '/api/auth/config');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { mode: 'development', devUsersUrl: '/api/auth/dev/users' });
  });

  test('the demo users are listed with roles and organisation names, officers first, and no email', async () => {
    const res = await call(dev.baseUrl, 'GET', '/api/auth/dev/users');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const users = res.body.data as { id: string; name: string; roles: string[]; org: string; orgName: string }[];
    const budi = users.find((u) => u.id === 'ppk.budi');
    assert.deepEqual(budi, {
      id: 'ppk.budi',
      name: 'Budi Santoso (PPK)',
      roles: ['ppk'],
      org: 'kota-tangerang-pupr',
      orgName: 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Tangerang',
    });
    for (const id of ['pokja.sari', 'vendor.karya', 'auditor.rina', 'admin.lpse'])
      assert.ok(
        users.some((u) => u.id === id),
        id,
      );
    assert.ok(users.findIndex((u) => u.id === 'ppk.budi') < users.findIndex((u) => u.id === 'vendor.karya'), 'officers before vendors');
    const raw = JSON.stringify(res.body);
    assert.ok(!raw.includes('@') && !raw.includes('email'), `no email in ${raw.slice(0, 200)}`);
  });

  test('a token for a demo user works on /api/tasks, lives one hour, and is not cached', async () => {
    const before = Date.now();
    const res = await call(dev.baseUrl, 'POST', '/api/auth/dev/token', { body: { userId: 'pokja.sari' } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.body.tokenType, 'Bearer');
    assert.deepEqual(res.body.user, { id: 'pokja.sari', name: 'Sari Wulandari (Pokja)', roles: ['pokja'], org: 'kota-tangerang-ukpbj' });
    const ttl = Date.parse(res.body.expiresAt) - before;
    assert.ok(ttl > 3500_000 && ttl <= 3602_000, `expires in ${ttl} ms`);
    assert.equal(decodeJwt(res.body.accessToken).exp, Date.parse(res.body.expiresAt) / 1000);

    const tasks = await call(dev.baseUrl, 'GET', '/api/tasks', { token: res.body.accessToken });
    assert.equal(tasks.status, 200, JSON.stringify(tasks.body));
    assert.ok(Array.isArray(tasks.body.data));
  });

  test('an unknown user or a bad body is refused with 422 naming the field, and no token', async () => {
    const unknown = expectError(await call(dev.baseUrl, 'POST', '/api/auth/dev/token', { body: { userId: 'tidak.ada' } }), 422, 'unknown_user');
    assert.deepEqual(
      unknown.details.issues.map((i: { path: string }) => i.path),
      ['userId'],
    );
    assert.ok(!JSON.stringify(unknown).includes('eyJ'));
    const extra = expectError(
      await call(dev.baseUrl, 'POST', '/api/auth/dev/token', { body: { userId: 'ppk.budi', roles: ['admin'] } }),
      422,
      'validation_failed',
    );
    assert.ok(JSON.stringify(extra.details).includes('roles'), 'a client cannot choose its roles');
    expectError(await call(dev.baseUrl, 'POST', '/api/auth/dev/token', { body: {} }), 422, 'validation_failed');
    expectError(await call(dev.baseUrl, 'POST', '/api/auth/dev/token', { body: { userId: 'a b' } }), 422, 'validation_failed');
  });

  test('refresh answers a fresh token with the roles the users table holds now', async () => {
    const id = `uji.refresh-${runId}`;
    await db('users').insert({ id, name: 'Uji Refresh', roles: ['auditor'], org_id: 'lpse-kota-tangerang' });
    const first = (await call(dev.baseUrl, 'POST', '/api/auth/dev/token', { body: { userId: id } })).body;
    assert.deepEqual(first.user.roles, ['auditor']);
    // An auditor may not see the create form's method options; a PPK may.
    expectError(await call(dev.baseUrl, 'GET', '/api/method-options?category=barang&hps=150000000', { token: first.accessToken }), 403, 'forbidden_role');

    await db('users')
      .where({ id })
      .update({ roles: ['ppk'], org_id: 'kota-tangerang-pupr' });
    await new Promise((r) => setTimeout(r, 1100)); // a new second, so the new token differs even in iat/exp
    const res = await call(dev.baseUrl, 'POST', '/api/auth/dev/refresh', { token: first.accessToken });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(res.body.user, { id, name: 'Uji Refresh', roles: ['ppk'], org: 'kota-tangerang-pupr' });
    assert.notEqual(res.body.accessToken, first.accessToken);
    assert.ok(Date.parse(res.body.expiresAt) > Date.parse(first.expiresAt), 'the lifetime starts again');
    assert.deepEqual(decodeJwt(res.body.accessToken).roles, ['ppk']);
    const options = await call(dev.baseUrl, 'GET', '/api/method-options?category=barang&hps=150000000', { token: res.body.accessToken });
    assert.equal(options.status, 200, JSON.stringify(options.body));

    // The user removed: a genuine token cannot be refreshed any more.
    await db('users').where({ id }).delete();
    const gone = await call(dev.baseUrl, 'POST', '/api/auth/dev/refresh', { token: res.body.accessToken });
    expectError(gone, 401, 'unknown_user');
    assert.equal(gone.headers.get('www-authenticate'), 'Bearer');
  });

  test('refresh refuses an expired, a garbage, another issuer’s or no token', async () => {
    const issuer = await loadOrCreateDevIssuer(dataDir); // the key the app verifies with
    const budi: Actor = { id: 'ppk.budi', name: 'Budi Santoso (PPK)', roles: ['ppk'], org: 'kota-tangerang-pupr' };
    const expired = await issuer.sign(budi, { expiresIn: '-5m' });
    expectError(await call(dev.baseUrl, 'POST', '/api/auth/dev/refresh', { token: expired }), 401, 'token_expired');
    expectError(await call(dev.baseUrl, 'POST', '/api/auth/dev/refresh', { token: 'eyJzaGFtIjp0cnVlfQ.bm9wZQ.c2ln' }), 401, 'invalid_token');
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-other-key-'));
    try {
      const foreign = await (await loadOrCreateDevIssuer(otherDir)).sign(budi, { expiresIn: '10m' });
      expectError(await call(dev.baseUrl, 'POST', '/api/auth/dev/refresh', { token: foreign }), 401, 'invalid_token');
    } finally {
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
    const none = await call(dev.baseUrl, 'POST', '/api/auth/dev/refresh');
    expectError(none, 401, 'unauthenticated');
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
  });
});

describe('npm run token', () => {
  test('prints only a token, which the API accepts', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.scripts.token, 'tsx bin/token.ts');
    const out = await tokenCli(['vendor.karya'], { DATABASE_URL: testServices().databaseUrl });
    assert.equal(out.code, 0, out.stderr);
    const token = out.stdout.trim();
    assert.match(token, /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/, 'stdout is the token alone');
    assert.match(out.stderr, /vendor\.karya \(penyedia\), berlaku sampai/);
    const tasks = await call(dev.baseUrl, 'GET', '/api/tasks', { token });
    assert.equal(tasks.status, 200, JSON.stringify(tasks.body));
    const claims = decodeJwt(token);
    assert.deepEqual([claims.sub, claims.roles, claims.org], ['vendor.karya', ['penyedia'], 'pt-karya-beton']);
    assert.ok(claims.exp! - claims.iat! === 3600, 'the development lifetime (1 hour)');
  });

  test('refuses an unknown user, production and a JWKS-verified API, with exit 2', async () => {
    const db = { DATABASE_URL: testServices().databaseUrl };
    const unknown = await tokenCli(['tidak.ada'], db);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Pengguna 'tidak\.ada' tidak terdaftar/);
    assert.equal(unknown.stdout, '');

    const prod = await tokenCli(['ppk.budi'], { ...db, NODE_ENV: 'production', JWKS_URL: 'https://id.example/jwks', OIDC_CLIENT_ID: 'c' });
    assert.equal(prod.code, 2);
    assert.match(prod.stderr, /ditolak di produksi/);
    assert.equal(prod.stdout, '');

    const jwks = await tokenCli(['ppk.budi'], { ...db, JWKS_URL: 'https://id.example/jwks', JWT_ISSUER: 'https://id.example' });
    assert.equal(jwks.code, 2);
    assert.match(jwks.stderr, /JWKS_URL diatur/);

    const usage = await tokenCli([], db);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /npm run -s token -- <id pengguna>[\s\S]*ppk\.budi/);
  });
});

describe('OpenID Connect: a real issuer (oidc-provider, authorization code + PKCE)', () => {
  let oidc: OidcIssuer;
  let api: Awaited<ReturnType<typeof appFor>>;

  before(async () => {
    oidc = await startOidcIssuer({ redirectUris: ['http://127.0.0.1:5999/masuk/callback'] });
    api = await appFor(oidc.env);
  });
  after(async () => {
    await api?.close();
    await oidc?.close();
  });

  test('/api/auth/config points the console at the issuer, and the issuer offers code + PKCE (S256)', async () => {
    const res = await call(api.baseUrl, 'GET', '/api/auth/config');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { mode: 'oidc', authority: oidc.issuer, clientId: 'pengadaan-console', scope: 'openid profile', audience: 'pengadaan-api' });
    const discovery = await (await fetch(`${res.body.authority}/.well-known/openid-configuration`)).json();
    assert.equal(discovery.issuer, oidc.issuer);
    assert.ok(discovery.code_challenge_methods_supported.includes('S256'));
    assert.ok(discovery.response_types_supported.includes('code'));
    assert.equal(discovery.jwks_uri, oidc.jwksUrl);
  });

  test("the API accepts the issuer's access token, with the roles and organisation it carries", async () => {
    const tokens = await oidc.signInWithCode('pokja.sari');
    const claims = decodeJwt(tokens.access_token);
    assert.deepEqual(
      [claims.iss, claims.aud, claims.sub, claims.roles, claims.org],
      [oidc.issuer, 'pengadaan-api', 'pokja.sari', ['pokja'], 'kota-tangerang-ukpbj'],
    );
    const tasks = await call(api.baseUrl, 'GET', '/api/tasks', { token: tokens.access_token });
    assert.equal(tasks.status, 200, JSON.stringify(tasks.body));
    const options = await call(api.baseUrl, 'GET', '/api/method-options?category=barang&hps=150000000', { token: tokens.access_token });
    assert.equal(options.status, 200, 'a Pokja member may read the method options');

    const vendor = await oidc.signInWithCode('vendor.tirta');
    expectError(await call(api.baseUrl, 'GET', '/api/method-options?category=barang&hps=150000000', { token: vendor.access_token }), 403, 'forbidden_role');

    // The provider's refresh (the console renews before expiry) gives a token the API accepts too.
    assert.ok(tokens.refresh_token, 'the console can renew without a new sign-in');
    const renewed = await fetch(`${oidc.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: oidc.clientId }),
    });
    const renewedBody = await renewed.json();
    assert.equal(renewed.status, 200, JSON.stringify(renewedBody));
    assert.equal((await call(api.baseUrl, 'GET', '/api/tasks', { token: renewedBody.access_token })).status, 200);

    // The ID token is for the console, not the API.
    expectError(await call(api.baseUrl, 'GET', '/api/tasks', { token: tokens.id_token }), 401, 'invalid_token');
  });

  test('a development token is refused, and the development endpoints answer 404 dev_signin_disabled', async () => {
    const devToken = await (await loadOrCreateDevIssuer(dataDir)).sign({ id: 'ppk.budi', name: 'Budi', roles: ['ppk'], org: 'kota-tangerang-pupr' });
    expectError(await call(api.baseUrl, 'GET', '/api/tasks', { token: devToken }), 401, 'invalid_token');
    const users = expectError(await call(api.baseUrl, 'GET', '/api/auth/dev/users'), 404, 'dev_signin_disabled');
    assert.match(users.message, /pengembangan/);
    expectError(await call(api.baseUrl, 'POST', '/api/auth/dev/token', { body: { userId: 'ppk.budi' } }), 404, 'dev_signin_disabled');
    expectError(await call(api.baseUrl, 'POST', '/api/auth/dev/refresh', { token: devToken }), 404, 'dev_signin_disabled');
  });
});

describe('configuration', () => {
  test('production requires the console client id unless the console is not served', () => {
    const prod = { NODE_ENV: 'production', JWKS_URL: 'https://id.example/jwks', JWT_ISSUER: 'https://id.example' };
    assert.throws(() => loadConfig(prod), /OIDC_CLIENT_ID/);
    assert.equal(loadConfig({ ...prod, SERVE_CONSOLE: '0' }).serveConsole, false);
    const c = loadConfig({ ...prod, OIDC_CLIENT_ID: 'konsol-lpse', OIDC_SCOPE: 'openid profile email' });
    assert.deepEqual(c.oidc, { clientId: 'konsol-lpse', scope: 'openid profile email' });
    assert.equal(loadConfig({}).oidc.scope, 'openid profile');
    assert.equal(loadConfig({}).devTokenTtlSeconds, 3600);
    assert.equal(loadConfig({ DEV_TOKEN_TTL_SECONDS: '600' }).devTokenTtlSeconds, 600);
    assert.throws(() => loadConfig({ DEV_TOKEN_TTL_SECONDS: '1h' }), /DEV_TOKEN_TTL_SECONDS/);
  });

  test('production never builds the development issuer', async () => {
    const cfg = loadConfig({ NODE_ENV: 'production', JWKS_URL: 'https://id.example/jwks', JWT_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'c' });
    const auth = await authFor(cfg);
    assert.equal(auth.devIssuer, undefined);
    assert.deepEqual(auth.signIn?.oidc, { authority: 'https://id.example', clientId: 'c', scope: 'openid profile', audience: 'pengadaan-api' });
    await assert.rejects(authFor({ ...cfg, jwksUrl: undefined }), /refused in production/);
  });
});

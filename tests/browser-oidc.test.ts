/**
 * Production sign-in in a real browser: the console (served by the real app) signs in with OpenID Connect,
 * authorization code + PKCE, at a real issuer (oidc-provider, tests/support/oidc-issuer.ts) that the API trusts the
 * way production does (JWKS_URL, JWT_ISSUER). "Masuk sebagai" is not offered, the development sign-in answers 404,
 * the issuer's token reaches the API and the console shows the user it names; no CSP violation on the way (the
 * console's CSP allows the issuer's origin for the token request only).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { createApp } from '../api/app';
import { createDb } from '../db/connection';
import { seedDemo } from '../db/seed-demo';
import { loadConfig } from '../runtime/config';
import { authFor } from '../runtime/api-server';
import { freePort } from '../runtime/free-port';
import { axe, launchChromium, PageWatch, shot } from './support/browser';
import { type OidcIssuer, startOidcIssuer } from './support/oidc-issuer';
import { testServices } from './support/services';

const db = createDb(testServices().databaseUrl);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-oidc-'));
let oidc: OidcIssuer;
let server: Server;
let baseUrl: string;
let browser: Browser;

before(async () => {
  await seedDemo(db);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  oidc = await startOidcIssuer({ redirectUris: [`${baseUrl}/masuk/callback`], postLogoutRedirectUris: [`${baseUrl}/masuk`] });
  const cfg = loadConfig({ ...oidc.env, DATA_DIR: dataDir });
  const app = createApp({
    db,
    client: null as never, // the pages used here read only the database (inbox, notifications)
    ...(await authFor(cfg)),
    logger: pino({ level: 'silent' }),
    taskQueue: 'unused',
    timeScale: 1,
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) {
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections();
    await closed;
  }
  await oidc?.close();
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a Pokja member signs in at the identity provider (code + PKCE) and lands on Tugas saya', { timeout: 90_000 }, async () => {
  const context = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const watch = new PageWatch('oidc');
  watch.attach(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  try {
    await page.goto(`${baseUrl}/paket?urut=title`);
    // Behind sign-in: to /masuk, which offers the institution's sign-in and no demo users.
    await page.waitForURL(/\/masuk\?kembali=/);
    const button = page.getByRole('button', { name: 'Masuk dengan akun instansi' });
    await button.waitFor();
    assert.equal(await page.getByText('Masuk sebagai').count(), 0, 'no development sign-in in OIDC mode');
    await axe(page, 'masuk (OIDC)');
    await shot(page, 'oidc-01-masuk');

    await button.click();
    await page.waitForURL((u) => u.toString().startsWith(`${oidc.issuer}/interaction/`));
    const authorize = requests.find((u) => u.startsWith(`${oidc.issuer}/auth?`));
    assert.ok(authorize, 'the console sent an authorization request');
    const q = new URL(authorize).searchParams;
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.match(q.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(q.get('client_id'), oidc.clientId);
    assert.equal(q.get('redirect_uri'), `${baseUrl}/masuk/callback`);
    await shot(page, 'oidc-02-penyedia-identitas');

    await page.getByLabel('Nama pengguna').fill('pokja.sari');
    await page.getByRole('button', { name: 'Masuk' }).click();
    // Back at the console, which exchanged the code (with its verifier) and returns to where the user was going.
    await page.waitForURL(`${baseUrl}/paket?urut=title`, { timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: 'Daftar paket' }).waitFor();
    await page.getByText('Sari Wulandari (Pokja)').first().waitFor();
    assert.ok(
      requests.some((u) => u === `${oidc.issuer}/token`),
      'the code was exchanged at the token endpoint',
    );
    const session = JSON.parse((await page.evaluate(() => sessionStorage.getItem('pengadaan.session'))) ?? 'null') as {
      mode: string;
      user: { id: string; roles: string[] };
      accessToken: string;
    };
    assert.equal(session.mode, 'oidc');
    assert.deepEqual([session.user.id, session.user.roles], ['pokja.sari', ['pokja']]);

    // The provider's access token is what the API now accepts for this user.
    const tasks = await fetch(`${baseUrl}/api/tasks`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
    assert.equal(tasks.status, 200);
    await page.getByRole('link', { name: 'Tugas saya' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tugas saya' }).waitFor();
    await axe(page, 'tugas (OIDC)');
    await shot(page, 'oidc-03-tugas');

    // The development sign-in does not exist in this mode.
    const dev = await fetch(`${baseUrl}/api/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'admin.lpse' }),
    });
    assert.equal(dev.status, 404);
    assert.equal(((await dev.json()) as { error: { code: string } }).error.code, 'dev_signin_disabled');
    // The test provider's own page (it serves no favicon) is not the console under test.
    const onProvider = (p: string) => p.includes(` on ${oidc.issuer}/`);
    watch.problems.splice(0, watch.problems.length, ...watch.problems.filter((p) => !onProvider(p)));
    watch.assertClean();
  } finally {
    await context.close();
  }
});

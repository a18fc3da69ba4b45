/**
 * The API serves the built console (web/dist) at `/`: page paths fall back to index.html (the console's router takes
 * them), hashed assets are cached for a year and gzipped, API paths never fall back to the page, and every console
 * answer carries a CSP that allows no inline script — which the built index.html must not need.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CONSOLE_DIST, consoleCsp } from '../api/console';
import { createDb } from '../db/connection';
import { testServices } from './support/services';
import { startTestApi, type TestApi } from './support/test-api';

let api: TestApi;
const db = createDb(testServices().databaseUrl);

before(async () => {
  assert.ok(fs.existsSync(path.join(CONSOLE_DIST, 'index.html')), 'web/dist is not built: run npm run build:web');
  api = await startTestApi({ db });
});
after(async () => {
  await api.close();
  await db.destroy();
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(api.baseUrl + p, { headers });

test('page paths of the console answer index.html with the strict CSP', async () => {
  for (const p of ['/', '/tugas', '/paket/pkt-abcdefgh12', '/paket/baru?x=1', '/masuk', '/tidak-ada/sama-sekali']) {
    const res = await get(p);
    assert.equal(res.status, 200, p);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/, p);
    const html = await res.text();
    assert.match(html, /<div id="root"><\/div>/, p);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.equal(csp, consoleCsp(), p);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-eval|script-src[^;]*unsafe-inline/);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
  }
});

test('the built page has no inline script: every <script> loads a file from this origin', async () => {
  const html = await (await get('/')).text();
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length >= 1, 'no script tag at all');
  for (const [, attrs, body] of scripts) {
    assert.match(attrs!, /\bsrc="\/assets\/[^"]+\.js"/, `inline or foreign script: <script${attrs}>`);
    assert.equal(body!.trim(), '', 'a script with a src has no body');
  }
  assert.doesNotMatch(html, /\son[a-z]+="/i, 'inline event handler');
});

test('hashed assets are cached for a year, gzipped, and a missing asset is a 404, not the page', async () => {
  const html = await (await get('/')).text();
  const src = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
  const res = await get(src, { 'accept-encoding': 'gzip' });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('cache-control') ?? '', /max-age=31536000.*immutable/);
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  assert.match(res.headers.get('content-type') ?? '', /javascript/);
  const missing = await get('/assets/tidak-ada-123.js');
  assert.equal(missing.status, 404);
  assert.doesNotMatch(await missing.text(), /<div id="root">/);
});

test('API paths never fall back to the page', async () => {
  for (const p of ['/api/tidak-ada', '/api/packages/pkt-abcdefgh12/tidak-ada', '/api']) {
    const res = await get(p);
    assert.notEqual(res.status, 200, p);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/, p);
    const body = (await res.json()) as { error?: { code?: string } };
    assert.ok(body.error?.code, p);
  }
  const spec = await get('/openapi.json');
  assert.equal(spec.status, 200);
  assert.match(spec.headers.get('content-type') ?? '', /application\/json/);
  // The API keeps its own CSP (nothing may run from a JSON answer).
  assert.match(spec.headers.get('content-security-policy') ?? '', /default-src 'none'/);
});

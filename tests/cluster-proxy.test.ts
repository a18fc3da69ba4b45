/**
 * The cluster's load-balancing proxy (runtime/cluster/proxy.ts) on real sockets, with small HTTP servers as backends:
 * round robin; a backend that refuses the connection is skipped for every method, since nothing was sent; a POST
 * whose connection broke after it was sent is NOT sent again (a step must not run twice) and answers 502; a GET is
 * retried; with no backend reachable, 503 with Retry-After and the structured error body.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { createProxy } from '../runtime/cluster/proxy';
import { freePort } from '../runtime/free-port';

interface Backend {
  port: number;
  seen: string[];
  close: () => Promise<void>;
}

/** A backend that answers `name` with the request body, or (dropPost) drops a POST's connection after reading it. */
async function backend(name: string, opts: { dropPost?: boolean } = {}): Promise<Backend> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${body} xff=${String(req.headers['x-forwarded-for'])}`);
      if (opts.dropPost && req.method !== 'GET') return req.socket.destroy();
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ from: name, body }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, seen, close: () => new Promise((r) => server.close(() => r())) };
}

async function proxyOver(ports: number[]) {
  const retries: string[] = [];
  const server = createProxy({ backends: ports.map((port) => ({ host: '127.0.0.1', port })), onRetry: (l) => retries.push(l) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, retries, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of closers) await c();
});

describe('the cluster proxy', () => {
  it('shares requests round robin and passes the client address on', async () => {
    const a = await backend('a');
    const b = await backend('b');
    const p = await proxyOver([a.port, b.port]);
    closers.push(a.close, b.close, p.close);
    const from: string[] = [];
    for (let i = 0; i < 4; i++) from.push(((await (await fetch(`${p.url}/x`)).json()) as { from: string }).from);
    assert.deepEqual(from, ['a', 'b', 'a', 'b']);
    assert.match(a.seen[0]!, /xff=127\.0\.0\.1$/);
  });

  it('skips a backend that refuses the connection, for a POST too, and the POST arrives once', async () => {
    const refused = await freePort(); // nothing listens there
    const b = await backend('b');
    const p = await proxyOver([refused, b.port]);
    closers.push(b.close, p.close);
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${p.url}/api/packages/p1/tasks/t${i}`, { method: 'POST', body: `{"n":${i}}`, headers: { 'content-type': 'application/json' } });
      assert.equal(res.status, 201);
      assert.deepEqual(await res.json(), { from: 'b', body: `{"n":${i}}` });
    }
    assert.equal(b.seen.length, 2, 'each POST reached the live backend exactly once');
    assert.equal(p.retries.length, 1, `one request was first given to the refusing backend: ${p.retries.join('; ')}`);
    assert.match(p.retries[0]!, /ECONNREFUSED/);
  });

  it('does not resend a POST whose connection broke after it was sent: 502, the other backend never sees it', async () => {
    const dropping = await backend('dropping', { dropPost: true });
    const b = await backend('b');
    const p = await proxyOver([dropping.port, b.port]);
    closers.push(dropping.close, b.close, p.close);
    const res = await fetch(`${p.url}/api/packages/p1/tasks/bid`, { method: 'POST', body: '{"price":1}', headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 502);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'upstream_failed');
    assert.match(body.error.message, /Idempotency-Key/);
    assert.equal(dropping.seen.length, 1, 'sent once');
    assert.deepEqual(b.seen, [], 'and never a second time elsewhere');
  });

  it('retries a GET whose connection broke (safe to repeat)', async () => {
    // This backend drops every request: a GET that reaches it breaks after being sent.
    const server = http.createServer((req) => req.socket.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const b = await backend('b');
    const p = await proxyOver([(server.address() as AddressInfo).port, b.port]);
    closers.push(() => new Promise((r) => server.close(() => r())), b.close, p.close);
    const res = await fetch(`${p.url}/api/packages`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { from: string }).from, 'b');
  });

  it('with no backend reachable: 503, Retry-After and the structured error in Indonesian', async () => {
    const p = await proxyOver([await freePort(), await freePort()]);
    closers.push(p.close);
    const res = await fetch(`${p.url}/health`);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '2');
    const body = (await res.json()) as { error: { code: string; message: string; details: unknown } };
    assert.equal(body.error.code, 'api_unavailable');
    assert.match(body.error.message, /Tidak ada proses API/);
    assert.deepEqual(body.error.details, {});
  });
});

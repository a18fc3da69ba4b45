/**
 * Rate limits fit an office behind one address (every request here comes from 127.0.0.1, like a whole office behind
 * one NAT), on the real app with the default limits (20 failures per IP, 10 per credential, per minute):
 *  - 25 colleagues' expired or garbage tokens failing do not stop a valid user, before, during or after;
 *  - one bad credential repeated is refused with 429, Retry-After and the structured body in Bahasa Indonesia, while
 *    a different credential from the same address is still only told 401;
 *  - token guessing from one address is still limited: past 20 failures, requests without a valid token get 429,
 *    a valid token still passes.
 * Each case runs on its own app (its own counters).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_SECURITY } from '../api/security';
import { type BidStack, type Reply, startBidStack } from './support/bid-stack';

const LIMITS = {
  authFailuresPerMin: DEFAULT_SECURITY.authFailuresPerMin,
  authFailuresPerCredentialPerMin: DEFAULT_SECURITY.authFailuresPerCredentialPerMin,
  bidsPerMin: 0,
};
let stack: BidStack;

before(
  async () => {
    stack = await startBidStack({ security: LIMITS });
  },
  { timeout: 120_000 },
);

after(
  async () => {
    await stack?.close();
  },
  { timeout: 60_000 },
);

/** A token that looks like a JWT but is nobody's. */
const garbage = () => `${randomBytes(18).toString('base64url')}.${randomBytes(40).toString('base64url')}.${randomBytes(64).toString('base64url')}`;

function expectLimited(r: Reply, scope: 'ip' | 'credential', where: string): void {
  assert.equal(r.status, 429, `${where}: ${r.status} ${r.text.slice(0, 200)}`);
  assert.deepEqual(Object.keys(r.body), ['error'], where);
  assert.deepEqual(Object.keys(r.body.error).sort(), ['code', 'details', 'message'], where);
  assert.equal(r.body.error.code, 'rate_limited', where);
  assert.match(r.body.error.message, /^Terlalu banyak autentikasi gagal .*; coba lagi dalam \d+ detik\.$/, where);
  const secs = r.body.error.details.retryAfterSeconds;
  assert.ok(Number.isInteger(secs) && secs >= 1 && secs <= 60, `${where}: retryAfterSeconds ${secs}`);
  assert.equal(r.headers.get('retry-after'), String(secs), where);
  assert.equal(r.body.error.details.scope, scope, where);
}

describe('authentication-failure limits in a shared office', () => {
  test('25 expired or garbage tokens from one address do not stop a valid user', { timeout: 60_000 }, async () => {
    const base = await stack.app(LIMITS);
    const tasks = (o: { token?: string } = {}, as: string | null = 'ppk.budi') => stack.call(as, 'GET', '/api/tasks', o, base);
    assert.equal((await tasks()).status, 200);
    const colleagues = ['pokja.sari', 'pokja.agus', 'pokja.dewi', 'kpa.hendra', 'auditor.rina'];
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      // Half of the office comes back from lunch with expired tokens, the rest sends something worse.
      const token = i % 2 === 0 ? await stack.tokenOf(colleagues[i % colleagues.length]!, { expiresIn: `-${i + 1}m` }) : garbage();
      statuses.push((await tasks({ token }, null)).status);
      const valid = await tasks();
      assert.equal(valid.status, 200, `the valid user after ${i + 1} failures: ${valid.status} ${valid.text.slice(0, 200)}`);
    }
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(401), 'the first 20 failures are told 401');
    assert.deepEqual(statuses.slice(20), Array(5).fill(429), 'past the address limit, failing requests get 429');
    // Every other valid user of the office too, and a step as well as a read.
    for (const who of ['pokja.sari', 'vendor.karya', 'admin.lpse']) assert.equal((await tasks({}, who)).status, 200, who);
    assert.equal((await stack.call('ppk.budi', 'GET', '/api/packages?pageSize=5', {}, base)).status, 200);
  });

  test('one bad credential repeated is refused with 429, Retry-After and the structured body', { timeout: 60_000 }, async () => {
    const base = await stack.app(LIMITS);
    const expired = await stack.tokenOf('pokja.sari', { expiresIn: '-10m' });
    const perCredential = LIMITS.authFailuresPerCredentialPerMin;
    for (let i = 0; i < perCredential; i++) {
      const r = await stack.call(null, 'GET', '/api/tasks', { token: expired }, base);
      assert.equal(r.status, 401, `failure ${i + 1}: ${r.text}`);
      assert.equal(r.body.error.code, 'token_expired');
    }
    expectLimited(await stack.call(null, 'GET', '/api/tasks', { token: expired }, base), 'credential', 'the same expired token again');
    expectLimited(await stack.call(null, 'GET', '/api/notifications', { token: expired }, base), 'credential', 'on another path');
    // The address is under its limit: another bad credential is still told why (401), a valid one passes.
    const another = await stack.call(null, 'GET', '/api/tasks', { token: garbage() }, base);
    assert.equal(another.status, 401, another.text);
    assert.equal((await stack.call('pokja.sari', 'GET', '/api/tasks', {}, base)).status, 200, 'the same user with a fresh token');
  });

  test('guessing tokens from one address is still limited; a valid token from it still passes', { timeout: 60_000 }, async () => {
    const base = await stack.app(LIMITS);
    const perIp = LIMITS.authFailuresPerMin;
    for (let i = 0; i < perIp; i++) {
      const r = await stack.call(null, 'GET', '/api/tasks', { token: garbage() }, base);
      assert.equal(r.status, 401, `guess ${i + 1}: ${r.text}`);
    }
    expectLimited(await stack.call(null, 'GET', '/api/tasks', { token: garbage() }, base), 'ip', 'the next guess');
    expectLimited(await stack.call(null, 'GET', '/api/tasks', {}, base), 'ip', 'no token at all');
    expectLimited(
      await stack.call(null, 'GET', '/api/tasks', { token: await stack.tokenOf('ppk.budi', { expiresIn: '-1m' }) }, base),
      'ip',
      'an expired token',
    );
    assert.equal((await stack.call('ppk.budi', 'GET', '/api/tasks', {}, base)).status, 200, 'a valid token');
    // Routes that need no token are not limited, and another API process keeps its own count.
    assert.equal((await stack.call(null, 'GET', '/api/public/packages?pageSize=1', {}, base)).status, 200, 'public pages');
    assert.equal((await stack.call(null, 'GET', '/api/tasks', { token: garbage() }, stack.baseUrl)).status, 401, 'another process');
  });
});

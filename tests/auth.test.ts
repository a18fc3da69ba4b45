import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it, type TestContext } from 'node:test';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { Actor } from '../api/auth/actor';
import { loadOrCreateDevIssuer } from '../api/auth/dev-issuer';
import { authenticate, optionalAuth, requireRole } from '../api/auth/middleware';
import { AuthError, createVerifier } from '../api/auth/verifier';

const tmpDirs: string[] = [];
async function tmpDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pengadaan-auth-'));
  tmpDirs.push(dir);
  return dir;
}
after(async () => {
  await Promise.all(tmpDirs.map((d) => fs.rm(d, { recursive: true, force: true })));
});

const ppk: Actor = { id: 'u-ppk-1', name: 'Siti Rahmawati', roles: ['ppk'], org: 'opd-dinkes' };

async function devSetup() {
  const dir = await tmpDir();
  const issuer = await loadOrCreateDevIssuer(dir);
  const verifier = createVerifier({ issuer: issuer.issuer, audience: 'pengadaan-api', jwks: issuer.jwks });
  return { dir, issuer, verifier };
}

// An independent key + verifier so tests can mint tokens with arbitrary claims.
async function rawSetup() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
  const verifier = createVerifier({ issuer: 'idp', audience: 'pengadaan-api', jwks: { keys: [jwk] } });
  const mint = (claims: Record<string, unknown>, exp: string = '1h') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer('idp')
      .setAudience('pengadaan-api')
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(privateKey);
  return { verifier, mint, privateKey };
}

async function rejectsWith(p: Promise<unknown>, code: AuthError['code']) {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof AuthError, `expected AuthError, got ${String(err)}`);
    assert.equal(err.code, code);
    return true;
  });
}

describe('dev issuer + verifier', () => {
  it('round-trips an actor', async () => {
    const { issuer, verifier } = await devSetup();
    assert.equal(issuer.issuer, 'pengadaan-dev');
    const key = issuer.jwks.keys[0]!;
    assert.equal(key.use, 'sig');
    assert.equal(key.alg, 'ES256');
    assert.ok(key.kid);
    assert.equal(key.d, undefined, 'public JWKS must not contain the private part');
    assert.deepEqual(await verifier.verify(await issuer.sign(ppk)), ppk);
  });

  it('persists the key (0600) so old tokens survive a restart', async () => {
    const { dir, issuer } = await devSetup();
    const token = await issuer.sign(ppk);
    const stat = await fs.stat(path.join(dir, 'dev-issuer.json'));
    assert.equal(stat.mode & 0o777, 0o600);

    const restarted = await loadOrCreateDevIssuer(dir);
    assert.deepEqual(restarted.jwks, issuer.jwks);
    const verifier = createVerifier({ issuer: 'pengadaan-dev', audience: 'pengadaan-api', jwks: restarted.jwks });
    assert.deepEqual(await verifier.verify(token), ppk);
  });

  it('rejects a token signed by another key', async () => {
    const { verifier, issuer } = await devSetup();
    const other = await loadOrCreateDevIssuer(await tmpDir());
    await rejectsWith(verifier.verify(await other.sign(ppk)), 'invalid_token');

    // Same kid as the trusted key, wrong signature: must fail on the signature itself.
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ roles: ['admin'], org: 'x' })
      .setProtectedHeader({ alg: 'ES256', kid: issuer.jwks.keys[0]!.kid! })
      .setSubject('mallory')
      .setIssuer('pengadaan-dev')
      .setAudience('pengadaan-api')
      .setExpirationTime('1h')
      .sign(privateKey);
    await rejectsWith(verifier.verify(forged), 'invalid_token');
  });

  it('maps an expired token to token_expired', async () => {
    const { issuer, verifier } = await devSetup();
    await rejectsWith(verifier.verify(await issuer.sign(ppk, { expiresIn: '-5m' })), 'token_expired');
  });

  it('tolerates 30s of clock skew', async () => {
    const { issuer, verifier } = await devSetup();
    assert.deepEqual(await verifier.verify(await issuer.sign(ppk, { expiresIn: '-10s' })), ppk);
  });

  it('rejects unknown roles, bad claims and missing exp', async () => {
    const { verifier, mint, privateKey } = await rawSetup();
    await rejectsWith(verifier.verify(await mint({ sub: 'u1', org: 'o', roles: ['ppk', 'superuser'] })), 'invalid_token');
    await rejectsWith(verifier.verify(await mint({ sub: 'u1', org: 'o', roles: [] })), 'invalid_token');
    await rejectsWith(verifier.verify(await mint({ sub: '', org: 'o', roles: ['ppk'] })), 'invalid_token');
    await rejectsWith(verifier.verify(await mint({ sub: 'x'.repeat(129), org: 'o', roles: ['ppk'] })), 'invalid_token');
    await rejectsWith(verifier.verify(await mint({ sub: 'u1', roles: ['ppk'] })), 'invalid_token');
    const noExp = await new SignJWT({ sub: 'u1', org: 'o', roles: ['ppk'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer('idp')
      .setAudience('pengadaan-api')
      .sign(privateKey);
    await rejectsWith(verifier.verify(noExp), 'invalid_token');
    await rejectsWith(verifier.verify('not.a.jwt'), 'invalid_token');
    await rejectsWith(verifier.verify(''), 'unauthenticated');
  });

  it('refuses a vendor token that also carries a government role (conflicting_roles, 403)', async () => {
    const { verifier, mint } = await rawSetup();
    for (const other of ['ppk', 'pokja', 'pejabat_pengadaan', 'pa_kpa', 'auditor', 'admin']) {
      const token = await mint({ sub: 'u1', org: 'pt-maju', roles: ['penyedia', other] });
      await assert.rejects(verifier.verify(token), (err: unknown) => {
        assert.ok(err instanceof AuthError, `expected AuthError for penyedia+${other}`);
        assert.deepEqual([err.code, err.status], ['conflicting_roles', 403], `penyedia+${other}`);
        return true;
      });
    }
    // Officer roles together are not a vendor conflict (the PPK-in-Pokja rule is per package, at creation).
    const ok = await verifier.verify(await mint({ sub: 'u2', org: 'opd', roles: ['ppk', 'pokja'] }));
    assert.deepEqual(ok.roles, ['ppk', 'pokja']);
    // A duplicated 'penyedia' is still only a vendor.
    const dup = await verifier.verify(await mint({ sub: 'u3', org: 'pt-maju', roles: ['penyedia', 'penyedia'] }));
    assert.deepEqual(dup.roles, ['penyedia']);
  });

  it('defaults name to sub', async () => {
    const { verifier, mint } = await rawSetup();
    const actor = await verifier.verify(await mint({ sub: 'u1', org: 'pt-maju', roles: ['penyedia'] }));
    assert.deepEqual(actor, { id: 'u1', name: 'u1', roles: ['penyedia'], org: 'pt-maju' });
  });

  it('rejects a wrong audience or issuer', async () => {
    const { issuer } = await devSetup();
    const token = await issuer.sign(ppk);
    const wrongAud = createVerifier({ issuer: 'pengadaan-dev', audience: 'other-api', jwks: issuer.jwks });
    await rejectsWith(wrongAud.verify(token), 'invalid_token');
    const wrongIss = createVerifier({ issuer: 'someone-else', audience: 'pengadaan-api', jwks: issuer.jwks });
    await rejectsWith(wrongIss.verify(token), 'invalid_token');
  });
});

describe('remote JWKS', () => {
  it('verifies against a jwksUrl; an unreachable JWKS is not reported as a bad token', async (t) => {
    const { issuer } = await devSetup();
    const app = express();
    app.get('/.well-known/jwks.json', (_req, res) => {
      res.json(issuer.jwks);
    });
    const server = app.listen(0);
    await new Promise<void>((resolve) => server.once('listening', resolve));
    t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;

    const verifier = createVerifier({ issuer: 'pengadaan-dev', audience: 'pengadaan-api', jwksUrl: url });
    assert.deepEqual(await verifier.verify(await issuer.sign(ppk)), ppk);

    const down = createVerifier({ issuer: 'pengadaan-dev', audience: 'pengadaan-api', jwksUrl: 'http://127.0.0.1:1/jwks' });
    await assert.rejects(down.verify(await issuer.sign(ppk)), (err: unknown) => !(err instanceof AuthError));
  });
});

describe('middleware', () => {
  // Each test gets its own server on an ephemeral port, closed by t.after.
  async function serve(t: TestContext) {
    const { issuer, verifier } = await devSetup();
    const app = express();
    app.get('/me', authenticate(verifier), (req, res) => {
      res.json(req.actor);
    });
    app.get('/audit', authenticate(verifier), requireRole('auditor', 'admin'), (_req, res) => {
      res.json({ ok: true });
    });
    app.get('/public', optionalAuth(verifier), (req, res) => {
      res.json({ actor: req.actor ?? null });
    });
    const server = app.listen(0);
    await new Promise<void>((resolve) => server.once('listening', resolve));
    t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const get = (p: string, token?: string) => fetch(base + p, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { issuer, get };
  }

  it('401s without a token, 200s with one, 403s on the wrong role', async (t) => {
    const { issuer, get } = await serve(t);

    const none = await get('/me');
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    const body = (await none.json()) as { error: { code: string; message: string; details: object } };
    assert.equal(body.error.code, 'unauthenticated');
    assert.ok(body.error.message.length > 0);
    assert.deepEqual(body.error.details, {});

    const token = await issuer.sign(ppk);
    const ok = await get('/me', token);
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), ppk);

    const forbidden = await get('/audit', token);
    assert.equal(forbidden.status, 403);
    const fb = (await forbidden.json()) as { error: { code: string; message: string; details: unknown } };
    assert.equal(fb.error.code, 'forbidden_role');
    assert.ok(fb.error.message.length > 0);
    assert.deepEqual(fb.error.details, { required: ['auditor', 'admin'] });

    const auditor = await issuer.sign({ ...ppk, roles: ['auditor'] });
    assert.equal((await get('/audit', auditor)).status, 200);
  });

  it('reports bad and expired tokens without echoing them', async (t) => {
    const { issuer, get } = await serve(t);
    const expired = await issuer.sign(ppk, { expiresIn: '-1h' });
    const res = await get('/me', expired);
    assert.equal(res.status, 401);
    const text = await res.text();
    assert.equal((JSON.parse(text) as { error: { code: string } }).error.code, 'token_expired');
    assert.ok(!text.includes(expired));

    const garbage = await get('/me', 'abc.def.ghi');
    assert.equal(garbage.status, 401);
    assert.equal(((await garbage.json()) as { error: { code: string } }).error.code, 'invalid_token');
  });

  it('answers 403 conflicting_roles without a Bearer challenge for a vendor token with an officer role', async (t) => {
    const { issuer, get } = await serve(t);
    const token = await issuer.sign({ id: 'vendor.ganda', name: 'PT Ganda', roles: ['penyedia', 'pokja'], org: 'pt-ganda' });
    for (const p of ['/me', '/audit', '/public']) {
      const res = await get(p, token);
      assert.equal(res.status, 403, p);
      assert.equal(res.headers.get('www-authenticate'), null, 'logging in again cannot help: no challenge');
      const body = (await res.json()) as { error: { code: string; message: string; details: object } };
      assert.equal(body.error.code, 'conflicting_roles');
      assert.ok(body.error.message.length > 0);
      assert.deepEqual(body.error.details, {});
    }
  });

  it('optionalAuth ignores absence but rejects an invalid token', async (t) => {
    const { issuer, get } = await serve(t);
    assert.deepEqual(await (await get('/public')).json(), { actor: null });
    assert.deepEqual(await (await get('/public', await issuer.sign(ppk))).json(), { actor: ppk });
    assert.equal((await get('/public', 'abc.def.ghi')).status, 401);
  });
});

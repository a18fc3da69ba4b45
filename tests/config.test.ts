import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../runtime/config';

test('defaults point at the embedded services on the documented ports', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.temporalPort, 7233);
  assert.equal(c.temporalUiPort, 8233);
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.temporalAddress, undefined);
  assert.equal(c.timeScale, 1);
});

test('TIME_SCALE compresses durations outside production and is refused in production', () => {
  assert.equal(loadConfig({ TIME_SCALE: '0.00002' }).timeScale, 0.00002);
  assert.throws(() => loadConfig({ TIME_SCALE: '0.001', NODE_ENV: 'production', JWKS_URL: 'https://id.example/jwks' }), /refused in production/);
  assert.throws(() => loadConfig({ TIME_SCALE: '0.001', APP_ENV: 'production', JWKS_URL: 'https://id.example/jwks' }), /refused in production/);
  assert.equal(loadConfig({ NODE_ENV: 'production', JWKS_URL: 'https://id.example/jwks', OIDC_CLIENT_ID: 'pengadaan-console' }).timeScale, 1);
  assert.throws(() => loadConfig({ TIME_SCALE: '2' }), /TIME_SCALE/);
  assert.throws(() => loadConfig({ TIME_SCALE: 'fast' }), /TIME_SCALE/);
});

test('production needs a JWKS URL: the development issuer is for the embedded setup only', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /JWKS_URL/);
});

test('external services are taken from the environment', () => {
  const c = loadConfig({ TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'ns.acct', DATABASE_URL: 'postgres://u:p@db:5432/x', PORT: '8080' });
  assert.deepEqual([c.temporalAddress, c.temporalNamespace, c.databaseUrl, c.port], ['ns.acct.tmprl.cloud:7233', 'ns.acct', 'postgres://u:p@db:5432/x', 8080]);
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
});

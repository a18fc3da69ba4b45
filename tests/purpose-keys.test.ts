/**
 * Keys for the idempotency store, without services: per purpose, independent of each other and of the payload codec,
 * named by their ring key so a row made before a rotation still checks after it; stored answers are bound to their
 * caller and key, and an altered one does not open.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateKeyRingSpec, LocalKeyProvider, parseKeyRing } from '../runtime/crypto/key-provider';
import { hmacHex, openJson, PurposeKeys, sameMac, sealJson } from '../runtime/crypto/purpose-keys';

const ring = (spec: string) => new LocalKeyProvider(parseKeyRing(spec));

describe('purpose keys', () => {
  test('independent per purpose and from the codec; a rotated ring still names the old key', async () => {
    const old = generateKeyRingSpec('k1');
    const before = ring(old);
    const mac = await PurposeKeys.of(before, 'idempotency request mac');
    const reply = await PurposeKeys.of(before, 'idempotency reply');
    const codec = await before.codecKeys();
    assert.equal(mac.current.id, 'k1');
    assert.notDeepEqual(mac.current.key, reply.current.key);
    assert.notDeepEqual(mac.current.key, codec[0]!.key);
    assert.equal(await PurposeKeys.of(before, 'idempotency request mac'), mac, 'derived once per provider and purpose');

    const rotated = ring(`${generateKeyRingSpec('k2')},${old}`);
    const macAfter = await PurposeKeys.of(rotated, 'idempotency request mac');
    assert.equal(macAfter.current.id, 'k2');
    assert.deepEqual(macAfter.byId('k1')?.key, mac.current.key, 'a row made under k1 still checks');
    assert.equal(macAfter.byId('k0'), undefined);
    assert.deepEqual((await PurposeKeys.of(ring(generateKeyRingSpec('k1')), 'idempotency request mac')).current.key.equals(mac.current.key), false);
    await assert.rejects(before.purposeKeys('Bukan Label!'));
  });

  test('an HMAC tells requests apart and cannot be recomputed without the key; sealed answers are bound', async () => {
    const k = (await PurposeKeys.of(ring(generateKeyRingSpec('k1')), 'x')).current.key;
    const other = (await PurposeKeys.of(ring(generateKeyRingSpec('k1')), 'x')).current.key;
    const a = hmacHex(k, '["POST","/api/x",{"payload":{"price":1}}]');
    assert.ok(sameMac(a, hmacHex(k, '["POST","/api/x",{"payload":{"price":1}}]')));
    assert.ok(!sameMac(a, hmacHex(k, '["POST","/api/x",{"payload":{"price":2}}]')));
    assert.ok(!sameMac(a, hmacHex(other, '["POST","/api/x",{"payload":{"price":1}}]')), 'another ring, another MAC');
    assert.ok(!sameMac(a, ''), 'an empty MAC never matches');

    const body = { receipt: { nonce: 'q3Lz0vJ8m1VbJ2p5kYqP7w4dXo9nCz6tR1sUe8fGhAI=' } };
    const sealed = sealJson(k, body, 'idempotency-reply:v1:vendor.karya:kunci-1');
    assert.ok(!sealed.includes(Buffer.from('q3Lz0vJ8')), 'the nonce is not readable');
    assert.deepEqual(openJson(k, sealed, 'idempotency-reply:v1:vendor.karya:kunci-1'), body);
    assert.throws(() => openJson(k, sealed, 'idempotency-reply:v1:vendor.tirta:kunci-1'), 'another caller cannot replay it');
    const flipped = Buffer.from(sealed);
    flipped[14] = flipped[14]! ^ 1;
    assert.throws(() => openJson(k, flipped, 'idempotency-reply:v1:vendor.karya:kunci-1'), 'altered');
  });
});

/** Keys, envelope encryption, commitments and the payload codec, without services. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { canonicalJson } from '../domain/hashing';
import { commitmentOf } from '../domain/sealing/commitment';
import { openBytes, sealBytes } from '../runtime/crypto/envelope';
import { generateKeyRingSpec, keyProviderFromEnv, LocalKeyProvider, parseKeyRing } from '../runtime/crypto/key-provider';
import { ENCRYPTED_ENCODING, EncryptionCodec } from '../runtime/crypto/payload-codec';

const enc = new TextEncoder();
const ring = (spec: string) => new LocalKeyProvider(parseKeyRing(spec));

describe('sealing crypto', () => {
  test('a commitment covers content, package, step, vendor and nonce; key order does not matter', () => {
    const base = { packageId: 'pkt-a', action: 'submit_bid', vendorId: 'v1', content: { price: 100, durationDays: 30 }, nonce: 'n1' };
    const c = commitmentOf(base);
    assert.match(c, /^[0-9a-f]{64}$/);
    assert.equal(commitmentOf({ ...base, content: { durationDays: 30, price: 100 } }), c);
    for (const changed of [
      { ...base, packageId: 'pkt-b' },
      { ...base, action: 'submit_price_bid' },
      { ...base, vendorId: 'v2' },
      { ...base, content: { price: 101, durationDays: 30 } },
      { ...base, nonce: 'n2' },
    ])
      assert.notEqual(commitmentOf(changed), c);
    assert.equal(canonicalJson({ b: [2, { d: 1, c: null }], a: 'x' }), '{"a":"x","b":[2,{"c":null,"d":1}]}');
  });

  test('envelope encryption round-trips and refuses altered ciphertext, another bid’s AAD and a foreign key', async () => {
    const keys = ring(generateKeyRingSpec('k1'));
    const e = await sealBytes(keys, Buffer.from('harga 1.713.572.468'), 'bid-1');
    assert.ok(!e.ciphertext.includes(Buffer.from('1.713.572.468')));
    assert.equal((await openBytes(keys, e, 'bid-1')).toString(), 'harga 1.713.572.468');
    await assert.rejects(openBytes(keys, e, 'bid-2'));
    const flipped = Buffer.from(e.ciphertext);
    flipped[0] = flipped[0]! ^ 1;
    await assert.rejects(openBytes(keys, { ...e, ciphertext: flipped }, 'bid-1'));
    await assert.rejects(openBytes(ring(generateKeyRingSpec('k1')), e, 'bid-1'), 'another ring with the same id cannot unwrap');
  });

  test('a rotated ring opens bids sealed under the old key and seals under the new one', async () => {
    const old = generateKeyRingSpec('k1');
    const sealed = await sealBytes(ring(old), Buffer.from('isi'), 'x');
    const rotated = ring(`${generateKeyRingSpec('k2')},${old}`);
    assert.equal((await openBytes(rotated, sealed, 'x')).toString(), 'isi');
    assert.equal((await sealBytes(rotated, Buffer.from('baru'), 'y')).keyId, 'k2');
  });

  test('the payload codec encrypts every payload, decodes its own, passes old plain ones through, survives rotation', async () => {
    const old = generateKeyRingSpec('k1');
    const codec = await EncryptionCodec.create(ring(old));
    const plain = { metadata: { encoding: enc.encode('json/plain') }, data: enc.encode('{"price":1713572468}') };
    const [e] = await codec.encode([plain]);
    assert.equal(new TextDecoder().decode(e!.metadata!.encoding), ENCRYPTED_ENCODING);
    assert.ok(!Buffer.from(e!.data!).includes(Buffer.from('1713572468')));
    const [d] = await codec.decode([e!]);
    assert.equal(new TextDecoder().decode(d!.data!), '{"price":1713572468}');
    assert.deepEqual(await codec.decode([plain]), [plain], 'histories recorded before the codec still replay');
    const rotated = await EncryptionCodec.create(ring(`${generateKeyRingSpec('k2')},${old}`));
    assert.equal(new TextDecoder().decode((await rotated.decode([e!]))[0]!.data!), '{"price":1713572468}');
    await assert.rejects(
      EncryptionCodec.create(ring(generateKeyRingSpec('k9'))).then((c) => c.decode([e!])),
      /unknown codec key/,
    );
    // Undefined (binary/null, no data) has nothing to hide and stays small; anything with data, even empty JSON, is sealed.
    const nothing = { metadata: { encoding: enc.encode('binary/null') } };
    assert.deepEqual(await codec.encode([nothing]), [nothing]);
    const withData = { metadata: { encoding: enc.encode('binary/null') }, data: enc.encode('x') };
    assert.equal(new TextDecoder().decode((await codec.encode([withData]))[0]!.metadata!.encoding), ENCRYPTED_ENCODING);
    const [emptyJson] = await codec.encode([{ metadata: { encoding: enc.encode('json/plain') }, data: enc.encode('{}') }]);
    assert.equal(new TextDecoder().decode(emptyJson!.metadata!.encoding), ENCRYPTED_ENCODING);
  });

  test('key rings: parsed strictly, required in production, shared through the data folder in development', () => {
    assert.throws(() => parseKeyRing('tanpa-titik-dua'), /id>:<base64/);
    assert.throws(() => ring('k1:' + Buffer.alloc(16).toString('base64')), /32 bytes/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-keys-'));
    try {
      assert.throws(() => keyProviderFromEnv({ env: {}, dataDir: dir, production: true }), /ENCRYPTION_KEYS is required/);
      keyProviderFromEnv({ env: {}, dataDir: dir, production: false });
      const file = path.join(dir, 'keys', 'encryption-keys.json');
      const first = fs.readFileSync(file, 'utf8');
      assert.equal((fs.statSync(file).mode & 0o777).toString(8), '600');
      keyProviderFromEnv({ env: {}, dataDir: dir, production: false });
      assert.equal(fs.readFileSync(file, 'utf8'), first, 'a second process reuses the ring');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

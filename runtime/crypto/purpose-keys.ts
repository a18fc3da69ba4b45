/**
 * Keyed protection for small values the API keeps in its own tables (the idempotency store): an HMAC where a plain
 * hash would let anyone with the database test guesses (a bid price has few plausible values), and AES-256-GCM for
 * stored answers that carry a secret (a bid receipt's nonce). Keys come from the KeyProvider per purpose
 * (`purposeKeys`), current first; a row records the id of the key that made it, so it still checks after a rotation.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyProvider } from './key-provider';

export interface PurposeKey {
  id: string;
  key: Buffer;
}

export class PurposeKeys {
  private constructor(private readonly keys: PurposeKey[]) {}

  private static readonly cache = new WeakMap<KeyProvider, Map<string, Promise<PurposeKeys>>>();

  /** The provider's keys for one purpose, derived once per provider and purpose. */
  static of(provider: KeyProvider, purpose: string): Promise<PurposeKeys> {
    let byPurpose = PurposeKeys.cache.get(provider);
    if (!byPurpose) PurposeKeys.cache.set(provider, (byPurpose = new Map()));
    let keys = byPurpose.get(purpose);
    if (!keys) {
      keys = provider.purposeKeys(purpose).then((k) => {
        if (!k.length) throw new Error(`no keys for purpose '${purpose}'`);
        return new PurposeKeys(k);
      });
      // A failed derivation (a KMS away) is not cached: the next request asks again.
      keys.catch(() => byPurpose.delete(purpose));
      byPurpose.set(purpose, keys);
    }
    return keys;
  }

  get current(): PurposeKey {
    return this.keys[0]!;
  }

  byId(id: string): PurposeKey | undefined {
    return this.keys.find((k) => k.id === id);
  }
}

export const hmacHex = (key: Buffer, text: string): string => createHmac('sha256', key).update(text, 'utf8').digest('hex');

/** Compares two hex MACs in constant time. */
export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** iv (12) || ciphertext || tag (16) of the JSON text of `value`, bound to `aad`. */
export function sealJson(key: Buffer, value: unknown, aad: string): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([c.update(JSON.stringify(value) ?? 'null', 'utf8'), c.final()]);
  return Buffer.concat([iv, ct, c.getAuthTag()]);
}

export function openJson(key: Buffer, sealed: Buffer, aad: string): unknown {
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  return JSON.parse(Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]).toString('utf8'));
}

/**
 * Envelope encryption of a sealed bid: a fresh AES-256-GCM data key per bid encrypts the content; the key provider's
 * KEK wraps the data key. The additional authenticated data binds the ciphertext to its bid id, package and vendor, so
 * a row copied onto another bid fails to decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyProvider } from './key-provider';

export interface Envelope {
  keyId: string;
  wrappedKey: Buffer;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

export async function sealBytes(keys: KeyProvider, plaintext: Buffer, aad: string): Promise<Envelope> {
  const dataKey = randomBytes(32);
  try {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', dataKey, iv);
    c.setAAD(Buffer.from(aad));
    const ciphertext = Buffer.concat([c.update(plaintext), c.final()]);
    const { keyId, wrapped } = await keys.wrapDataKey(dataKey);
    return { keyId, wrappedKey: wrapped, iv, tag: c.getAuthTag(), ciphertext };
  } finally {
    dataKey.fill(0);
  }
}

export async function openBytes(keys: KeyProvider, e: Envelope, aad: string): Promise<Buffer> {
  const dataKey = await keys.unwrapDataKey({ keyId: e.keyId, wrapped: e.wrappedKey });
  try {
    const d = createDecipheriv('aes-256-gcm', dataKey, e.iv);
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(e.tag);
    return Buffer.concat([d.update(e.ciphertext), d.final()]);
  } finally {
    dataKey.fill(0);
  }
}

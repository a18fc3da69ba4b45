/**
 * Key-encryption keys (KEK) behind a small interface, so a real KMS (a cloud KMS, Vault transit, an HSM) can replace
 * the configured local keys without touching the sealing code: the sealing code only ever asks to wrap a fresh data key
 * and to unwrap a stored one. The local provider keeps a key ring (the first key is current; older ones stay for
 * unwrapping bids sealed before a rotation).
 *
 * Configuration: ENCRYPTION_KEYS="<id>:<base64 32 bytes>[,<id>:<base64>...]". Without it, development and tests use a
 * key ring generated once into DATA_DIR/keys/encryption-keys.json (mode 0600); production refuses to start without it.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../config';

export interface WrappedKey {
  keyId: string;
  /** iv (12) || tag (16) || encrypted data key (32) */
  wrapped: Buffer;
}

export interface KeyProvider {
  /** Encrypts a data key under the current KEK. */
  wrapDataKey(dataKey: Buffer): Promise<WrappedKey>;
  /** Decrypts a data key wrapped by wrapDataKey under the named KEK. */
  unwrapDataKey(w: WrappedKey): Promise<Buffer>;
  /**
   * The keys of the Temporal payload codec, current first. A KMS provider would keep these as wrapped data keys in
   * its configuration and unwrap them at start; the local provider derives them from its KEKs (HKDF), so a rotation
   * of the ring rotates them too.
   */
  codecKeys(): Promise<{ id: string; key: Buffer }[]>;
  /**
   * Secret keys for one purpose (an HMAC over stored request bodies, the encryption of stored answers), current
   * first, each named by the KEK it comes from so a row records which key made it and still checks after a rotation.
   * The local provider derives them from its KEKs with HKDF and the purpose as label; a KMS provider would derive or
   * unwrap them the same way. A purpose's keys are independent of every other purpose's.
   */
  purposeKeys(purpose: string): Promise<{ id: string; key: Buffer }[]>;
}

const KEY_BYTES = 32;

export class LocalKeyProvider implements KeyProvider {
  private readonly ring: Map<string, Buffer>;
  private readonly currentId: string;

  constructor(keys: { id: string; key: Buffer }[]) {
    if (!keys.length) throw new Error('LocalKeyProvider needs at least one key');
    for (const k of keys) {
      if (k.key.length !== KEY_BYTES) throw new Error(`encryption key '${k.id}' must be 32 bytes (AES-256), got ${k.key.length}`);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(k.id)) throw new Error(`encryption key id '${k.id}' must match [A-Za-z0-9_-]{1,32}`);
    }
    this.ring = new Map(keys.map((k) => [k.id, k.key]));
    this.currentId = keys[0]!.id;
  }

  async wrapDataKey(dataKey: Buffer): Promise<WrappedKey> {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.ring.get(this.currentId)!, iv);
    c.setAAD(Buffer.from(`kek:${this.currentId}`));
    const enc = Buffer.concat([c.update(dataKey), c.final()]);
    return { keyId: this.currentId, wrapped: Buffer.concat([iv, c.getAuthTag(), enc]) };
  }

  async unwrapDataKey({ keyId, wrapped }: WrappedKey): Promise<Buffer> {
    const kek = this.ring.get(keyId);
    if (!kek) throw new Error(`unknown key-encryption key '${keyId}'`);
    const d = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, 12));
    d.setAAD(Buffer.from(`kek:${keyId}`));
    d.setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([d.update(wrapped.subarray(28)), d.final()]);
  }

  async codecKeys(): Promise<{ id: string; key: Buffer }[]> {
    const ids = [this.currentId, ...[...this.ring.keys()].filter((id) => id !== this.currentId)];
    return ids.map((id) => ({
      id: `codec-${id}`,
      key: Buffer.from(hkdfSync('sha256', this.ring.get(id)!, Buffer.alloc(0), 'pengadaan temporal payload codec', KEY_BYTES)),
    }));
  }

  async purposeKeys(purpose: string): Promise<{ id: string; key: Buffer }[]> {
    if (!/^[a-z0-9 -]{1,64}$/.test(purpose)) throw new Error(`key purpose '${purpose}' must match [a-z0-9 -]{1,64}`);
    const ids = [this.currentId, ...[...this.ring.keys()].filter((id) => id !== this.currentId)];
    // 'purpose:' keeps these labels apart from the codec's label above.
    return ids.map((id) => ({ id, key: Buffer.from(hkdfSync('sha256', this.ring.get(id)!, Buffer.alloc(0), `pengadaan purpose:${purpose}`, KEY_BYTES)) }));
  }
}

/** Parses ENCRYPTION_KEYS ("id:base64,id:base64"). */
export function parseKeyRing(raw: string): { id: string; key: Buffer }[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const i = entry.indexOf(':');
      if (i <= 0) throw new Error('ENCRYPTION_KEYS entries must look like <id>:<base64 of 32 bytes>');
      return { id: entry.slice(0, i), key: Buffer.from(entry.slice(i + 1), 'base64') };
    });
}

/** A fresh ring in the ENCRYPTION_KEYS format (for tests and for operators generating one). */
export function generateKeyRingSpec(id = 'k1'): string {
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

/**
 * The provider the processes use: ENCRYPTION_KEYS when set; otherwise (never in production) a ring kept in the data
 * folder, created atomically by whichever process comes first so the API and the worker share it.
 */
export function keyProviderFromEnv(opts: { env?: NodeJS.ProcessEnv; dataDir: string; production: boolean }): KeyProvider {
  const env = opts.env ?? process.env;
  if (env.ENCRYPTION_KEYS) return new LocalKeyProvider(parseKeyRing(env.ENCRYPTION_KEYS));
  if (opts.production) throw new Error('ENCRYPTION_KEYS is required in production (sealed bids and Temporal payloads are encrypted)');
  const file = path.join(opts.dataDir, 'keys', 'encryption-keys.json');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    // Written aside and linked into place: link() fails if another process got there first, and no reader ever sees
    // a half-written file.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ keys: generateKeyRingSpec('dev1') }), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const spec = JSON.parse(fs.readFileSync(file, 'utf8')) as { keys: string };
  return new LocalKeyProvider(parseKeyRing(spec.keys));
}

/** The environment's key ring: ENCRYPTION_KEYS, or (outside production) the development ring in DATA_DIR. */
export function defaultKeyProvider(env: NodeJS.ProcessEnv = process.env): KeyProvider {
  const production = env.NODE_ENV === 'production' || env.APP_ENV === 'production';
  return keyProviderFromEnv({ env, dataDir: path.resolve(env.DATA_DIR ?? path.join(REPO_ROOT, '.data')), production });
}

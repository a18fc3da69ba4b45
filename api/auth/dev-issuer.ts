// Development token issuer for the embedded (single-machine) setup. Not for
// production: there, tokens come from a real identity provider and the API
// only verifies them (verifier.ts with jwksUrl).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { Actor } from './actor';

export const DEV_ISSUER = 'pengadaan-dev';
export const API_AUDIENCE = 'pengadaan-api';
const ALG = 'ES256';
const KEY_FILE = 'dev-issuer.json';

export interface DevIssuer {
  issuer: string;
  audience: string;
  /** Public keys only; feed to createVerifier({ jwks }) or serve at /.well-known/jwks.json. */
  jwks: { keys: JWK[] };
  sign(actor: Actor, opts?: { expiresIn?: string }): Promise<string>;
}

export async function loadOrCreateDevIssuer(dataDir: string): Promise<DevIssuer> {
  const file = path.join(dataDir, KEY_FILE);
  const privateJwk = (await readKeyFile(file)) ?? (await createKeyFile(dataDir, file));
  const privateKey = (await importJWK(privateJwk, ALG)) as CryptoKey;

  // The kid is the RFC 7638 thumbprint, so it is derived from the key itself and
  // a regenerated key can never collide with tokens minted by an older one.
  const { kty, crv, x, y } = privateJwk;
  const kid = await calculateJwkThumbprint({ kty, crv, x, y });
  const publicJwk: JWK = { kty, crv, x, y, kid, alg: ALG, use: 'sig' };

  return {
    issuer: DEV_ISSUER,
    audience: API_AUDIENCE,
    jwks: { keys: [publicJwk] },
    async sign(actor, opts) {
      return new SignJWT({ name: actor.name, roles: actor.roles, org: actor.org })
        .setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
        .setSubject(actor.id)
        .setIssuer(DEV_ISSUER)
        .setAudience(API_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(opts?.expiresIn ?? '30d')
        .sign(privateKey);
    },
  };
}

async function readKeyFile(file: string): Promise<JWK | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  // A corrupt file is an error, not a cue to regenerate: silently replacing the
  // key would invalidate every token already handed out.
  const jwk = JSON.parse(text) as JWK;
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d || !jwk.x || !jwk.y) {
    throw new Error(`${file} is not an ES256 private JWK; delete it to generate a new dev key`);
  }
  return jwk;
}

async function createKeyFile(dataDir: string, file: string): Promise<JWK> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), alg: ALG, use: 'sig' };

  // Write a private temp file, then hard-link it into place: link() fails if the
  // target exists, so two processes starting at once cannot clobber each other's
  // key, and readers never see a half-written file.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(jwk, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  try {
    await fs.link(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const winner = await readKeyFile(file); // lost the race: use the other process's key
    if (winner) return winner;
    throw err;
  } finally {
    await fs.unlink(tmp).catch(() => undefined);
  }
  return jwk;
}

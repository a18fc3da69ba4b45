/**
 * Idempotency-Key: a repeated request with the same key (per caller) gets the first answer back instead of acting
 * twice; the same key with a different request is refused. Answers are kept in PostgreSQL so the guarantee holds
 * across API instances and restarts. Concurrent duplicates are also collapsed downstream: the key becomes the
 * Temporal update id or part of the package id.
 *
 * Nothing kept here lets someone with the database test a guess. A request is remembered by an HMAC-SHA256 of its
 * canonical form, not a plain hash: a sealed bid's price has few plausible values, and a plain hash of the request
 * would give it away to anyone trying them. The answer is stored encrypted (AES-256-GCM): a bid's answer carries the
 * commitment's nonce, which must stay secret until the opening. Both keys are derived from the key ring
 * (`purposeKeys`); each row names the ring key it was made with, so a retry after a rotation still checks.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { keepReply, keptReply } from '../db/queries/idempotency';
import { canonicalJson } from '../domain/hashing';
import { defaultKeyProvider, type KeyProvider } from '../runtime/crypto/key-provider';
import { hmacHex, openJson, PurposeKeys, sameMac, sealJson } from '../runtime/crypto/purpose-keys';
import { ApiError } from './errors';

const KEY = /^[A-Za-z0-9._:-]{8,200}$/;
const MAC_PURPOSE = 'idempotency request mac';
const REPLY_PURPOSE = 'idempotency reply';

export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw new ApiError(400, 'invalid_idempotency_key', 'Idempotency-Key harus 8–200 karakter [A-Za-z0-9._:-].');
  }
  return key;
}

interface Pending {
  db: Knex;
  keys: KeyProvider;
  actorId: string;
  key: string;
  keyId: string;
  requestMac: string;
}

/** The answer is bound to its caller and key: a row copied onto another caller's key does not decrypt. */
const replyAad = (actorId: string, key: string) => `idempotency-reply:v1:${actorId}:${key}`;

/** The canonical text of a request: method, path with query, JSON body with sorted keys. */
const requestText = (req: Request) => canonicalJson([req.method, req.originalUrl, req.body ?? null]);

let environmentKeys: KeyProvider | undefined;

/**
 * @param keys the app's key ring (AppDeps.keys); without it the environment's ring (ENCRYPTION_KEYS or the
 * development ring in DATA_DIR), which is the same ring in every process started the ordinary way.
 */
export function idempotent(db: Knex, keys?: KeyProvider) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const key = idempotencyKeyOf(req);
    if (!key || !req.actor) return next();
    const ring = keys ?? (environmentKeys ??= defaultKeyProvider());
    const macKeys = await PurposeKeys.of(ring, MAC_PURPOSE);
    const text = requestText(req);
    const prior = await keptReply(db, req.actor.id, key);
    if (prior) {
      const macKey = macKeys.byId(prior.key_id);
      const replyKey = (await PurposeKeys.of(ring, REPLY_PURPOSE)).byId(prior.key_id);
      if (!macKey || !replyKey) {
        // The ring no longer holds the key this answer was kept under: it can be neither checked nor read.
        throw new ApiError(409, 'idempotency_key_expired', 'Idempotency-Key ini sudah kedaluwarsa; kirim permintaan dengan kunci baru.', {});
      }
      if (!sameMac(prior.request_mac, hmacHex(macKey.key, text))) {
        throw new ApiError(422, 'idempotency_key_reused', 'Idempotency-Key ini sudah dipakai untuk permintaan lain.');
      }
      const body = openJson(replyKey.key, prior.reply, replyAad(req.actor.id, key));
      res.setHeader('Idempotent-Replayed', 'true');
      return res.status(prior.status_code).json(body);
    }
    const mk = macKeys.current;
    const pending: Pending = { db, keys: ring, actorId: req.actor.id, key, keyId: mk.id, requestMac: hmacHex(mk.key, text) };
    res.locals.idempotency = pending;
    next();
  };
}

/**
 * Sends a success answer, first storing it (encrypted) under the request's Idempotency-Key (if any). Errors are not
 * stored, so a corrected retry with the same key can go through.
 */
export async function reply(res: Response, status: number, body: unknown): Promise<void> {
  const idem = res.locals.idempotency as Pending | undefined;
  if (idem) {
    const replyKey = (await PurposeKeys.of(idem.keys, REPLY_PURPOSE)).byId(idem.keyId);
    if (!replyKey) throw new Error(`no reply key for ring key '${idem.keyId}'`);
    await keepReply(idem.db, {
      actor_id: idem.actorId,
      key: idem.key,
      key_id: idem.keyId,
      request_mac: idem.requestMac,
      status_code: status,
      reply: sealJson(replyKey.key, body, replyAad(idem.actorId, idem.key)),
    });
  }
  res.status(status).json(body);
}

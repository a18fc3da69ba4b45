/**
 * Idempotency-Key: a repeated request with the same key (per caller) gets the first answer back instead of acting
 * twice; the same key with a different request is refused. Answers are kept in PostgreSQL so the guarantee holds
 * across API instances and restarts. Concurrent duplicates are also collapsed downstream: the key becomes the
 * Temporal update id or part of the package id.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { ApiError } from './errors';

const KEY = /^[A-Za-z0-9._:-]{8,200}$/;

export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw new ApiError(400, 'invalid_idempotency_key', 'Idempotency-Key harus 8–200 karakter [A-Za-z0-9._:-].');
  }
  return key;
}

/** JSON with object keys sorted, so the same request with its fields in another order hashes the same. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function idempotent(db: Knex) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const key = idempotencyKeyOf(req);
    if (!key || !req.actor) return next();
    const requestHash = createHash('sha256')
      .update(canonicalJson([req.method, req.originalUrl, req.body ?? null]))
      .digest('hex');
    const prior = await db('idempotency_keys').where({ actor_id: req.actor.id, key }).first();
    if (prior) {
      if (prior.request_hash !== requestHash) {
        throw new ApiError(422, 'idempotency_key_reused', 'Idempotency-Key ini sudah dipakai untuk permintaan lain.');
      }
      res.setHeader('Idempotent-Replayed', 'true');
      return res.status(prior.status_code).json(prior.body);
    }
    res.locals.idempotency = { db, actorId: req.actor.id, key, requestHash };
    next();
  };
}

/**
 * Sends a success answer, first storing it under the request's Idempotency-Key (if any). Errors are not stored, so
 * a corrected retry with the same key can go through.
 */
export async function reply(res: Response, status: number, body: unknown): Promise<void> {
  const idem = res.locals.idempotency as { db: Knex; actorId: string; key: string; requestHash: string } | undefined;
  if (idem) {
    await idem
      .db('idempotency_keys')
      .insert({ actor_id: idem.actorId, key: idem.key, request_hash: idem.requestHash, status_code: status, body: JSON.stringify(body) })
      .onConflict(['actor_id', 'key'])
      .ignore();
  }
  res.status(status).json(body);
}

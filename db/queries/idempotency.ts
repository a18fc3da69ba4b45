/**
 * Kept answers of requests sent with an Idempotency-Key (api/idempotency.ts), one per caller and key: the request's
 * HMAC, the status and the encrypted answer, never the request or the answer in clear.
 */
import type { Knex } from 'knex';
import type { IdempotencyKeysInsert, IdempotencyKeysRow } from '../tables';

/** The answer kept for the caller's key; undefined when the key is new. */
export async function keptReply(db: Knex, actorId: string, key: string): Promise<IdempotencyKeysRow | undefined> {
  return db('idempotency_keys').where({ actor_id: actorId, key }).first();
}

/**
 * Keeps an answer under the caller's key. The first answer kept stays: a concurrent duplicate that got here second
 * leaves it as it is (`onConflict(['actor_id', 'key']).ignore()`).
 */
export async function keepReply(db: Knex, row: IdempotencyKeysInsert): Promise<void> {
  await db('idempotency_keys').insert(row).onConflict(['actor_id', 'key']).ignore();
}

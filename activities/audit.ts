/**
 * Appends a batch of process events to the hash-chained audit trail, inside the read-model transaction that stores
 * the events (so both are written or neither). One chain spans every package: a transaction-level advisory lock
 * serialises appends, so the head read here is still the head when the new rows are inserted and the chain never
 * forks. Idempotent: events already in the trail (same workflow id and seq) are skipped before chaining.
 * New entries use hash version 2 (domain/audit/chain.ts): a fresh random salt per entry, so the public chain can
 * cover the actor without publishing who it is. A retried transaction draws new salts, which is fine: nothing of the
 * rolled-back attempt was stored.
 */
import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { type AuditEntry, chainEntries, GENESIS_HASH, payloadHash } from '../domain/audit/chain';
import type { ProcessEvent } from '../domain/process/state';

/** The advisory lock key of the audit chain (any constant no other code uses). */
export const AUDIT_CHAIN_LOCK = 7_261_120_001;

export function auditEntryOf(packageId: string, workflowId: string, e: ProcessEvent): AuditEntry {
  return {
    packageId,
    workflowId,
    seq: e.seq,
    at: new Date(e.at).getTime(), // what a timestamptz gives back (whole milliseconds), so stored rows verify
    actorId: e.actor?.id ?? null,
    actorRole: e.actor?.role ?? null,
    action: e.action ?? e.type,
    stageId: e.node,
    payloadHash: payloadHash(e.details),
    version: 2,
    salt: randomBytes(32).toString('hex'),
  };
}

/** Returns how many entries were added (0 for a batch already recorded). */
export async function appendAudit(trx: Knex.Transaction, packageId: string, workflowId: string, events: ProcessEvent[]): Promise<number> {
  if (!events.length) return 0;
  await trx.raw('select pg_advisory_xact_lock(?)', [AUDIT_CHAIN_LOCK]);
  const seqs = events.map((e) => e.seq);
  const present = new Set(
    (await trx('audit_log').where({ workflow_id: workflowId }).whereIn('seq', seqs).pluck('seq')).map(Number),
  );
  const fresh = events.filter((e) => !present.has(e.seq)).sort((a, b) => a.seq - b.seq);
  if (!fresh.length) return 0;
  const head = await trx('audit_log').orderBy('pos', 'desc').first('hash');
  const chained = chainEntries(head?.hash ?? GENESIS_HASH, fresh.map((e) => auditEntryOf(packageId, workflowId, e)));
  // One multi-row insert: PostgreSQL draws `pos` from its sequence row by row in VALUES order, i.e. chain order.
  await trx('audit_log').insert(
    chained.map((c) => ({
      package_id: c.packageId,
      workflow_id: c.workflowId,
      seq: c.seq,
      at: new Date(c.at),
      actor_id: c.actorId,
      actor_role: c.actorRole,
      action: c.action,
      stage_id: c.stageId,
      payload_hash: c.payloadHash,
      prev_hash: c.prevHash,
      hash: c.hash,
      version: 2,
      actor_ref: c.actorRef,
      salt: c.salt,
    })),
  );
  return chained.length;
}

/**
 * Appends a batch of process events to the hash-chained audit trail, inside the transaction that stores the events
 * (so both are written or neither). Hash version 3 (domain/audit/chain.ts): ONE CHAIN PER PACKAGE, each entry after the
 * previous v3 entry of the same package (or the package's genesis), so appends of different packages never wait for
 * each other — there is no global lock. Order across packages is committed by the periodic anchors of every package's
 * head (activities/audit-anchor.ts), which take only their own lock.
 *
 * One package's appends are kept in order by a transaction-level advisory lock keyed by that package alone (namespace
 * AUDIT_PACKAGE_LOCK, key hashtext(package id); two ids sharing a hash only wait for each other): the read model
 * already holds the package's row lock here (activities/read-model.ts), but a sanction decision
 * (api/services/sanction-decision.ts) appends under its proposal's lock only. It is taken after any row lock of the
 * caller and nothing takes a row lock after it, so it adds no lock-order cycle. Under it, the head read here is still
 * the head when the rows are inserted (a partial unique index on v3 prev_hash turns any fork into an error anyway),
 * and the package's entries get increasing positions in chain order.
 *
 * Idempotent: events already in the trail (same workflow id and seq) are skipped before chaining. Every entry gets a
 * fresh random salt (actorRef, seqRef and the v3 link key derive from it); a retried transaction draws new salts,
 * which is fine: nothing of the rolled-back attempt was stored.
 */
import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { type AuditEntry, chainEntries, packageGenesis, payloadHash } from '../domain/audit/chain';
import type { ProcessEvent } from '../domain/process/state';

/** The advisory lock namespace (first key of the two-key form) of per-package audit appends; the second is the package's hash. */
export const AUDIT_PACKAGE_LOCK = 72_611_201;

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
    version: 3,
    salt: randomBytes(32).toString('hex'),
  };
}

/** The hash a package's next v3 entry follows: its last v3 entry's, or its genesis. */
export async function packageAuditHead(db: Knex | Knex.Transaction, packageId: string): Promise<string> {
  const head = await db('audit_log').where({ package_id: packageId, version: 3 }).orderBy('pos', 'desc').first('hash');
  return head?.hash ?? packageGenesis(packageId);
}

/** Returns how many entries were added (0 for a batch already recorded). */
export async function appendAudit(trx: Knex.Transaction, packageId: string, workflowId: string, events: ProcessEvent[]): Promise<number> {
  if (!events.length) return 0;
  await trx.raw('select pg_advisory_xact_lock(?, hashtext(?))', [AUDIT_PACKAGE_LOCK, packageId]);
  const seqs = events.map((e) => e.seq);
  const present = new Set((await trx('audit_log').where({ workflow_id: workflowId }).whereIn('seq', seqs).pluck('seq')).map(Number));
  const fresh = events.filter((e) => !present.has(e.seq)).sort((a, b) => a.seq - b.seq);
  if (!fresh.length) return 0;
  const chained = chainEntries(
    await packageAuditHead(trx, packageId),
    fresh.map((e) => auditEntryOf(packageId, workflowId, e)),
  );
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
      version: 3,
      actor_ref: c.actorRef,
      salt: c.salt,
    })),
  );
  return chained.length;
}

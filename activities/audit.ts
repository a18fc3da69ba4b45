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
import { auditedSeqs, insertV3AuditEntries, lockPackageAudit, packageAuditHead } from '../db/queries/audit-writes';
import { type AuditEntry, chainEntries, payloadHash } from '../domain/audit/chain';
import type { ProcessEvent } from '../domain/process/state';

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

/** Returns how many entries were added (0 for a batch already recorded). */
export async function appendAudit(trx: Knex.Transaction, packageId: string, workflowId: string, events: ProcessEvent[]): Promise<number> {
  if (!events.length) return 0;
  await lockPackageAudit(trx, packageId);
  const present = await auditedSeqs(
    trx,
    workflowId,
    events.map((e) => e.seq),
  );
  const fresh = events.filter((e) => !present.has(e.seq)).sort((a, b) => a.seq - b.seq);
  if (!fresh.length) return 0;
  const chained = chainEntries(
    await packageAuditHead(trx, packageId),
    fresh.map((e) => auditEntryOf(packageId, workflowId, e)),
  );
  // One multi-row insert, so the entries get increasing positions in chain order.
  await insertV3AuditEntries(trx, chained);
  return chained.length;
}

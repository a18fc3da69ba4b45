/**
 * The statements of a package's audit append (activities/audit.ts), each run inside the caller's transaction: the
 * package's advisory lock, what of a batch is already in the trail, the package's v3 head, and the chained rows.
 */
import type { Knex } from 'knex';
import { type chainEntries, packageGenesis } from '../../domain/audit/chain';

/** The advisory lock namespace (first key of the two-key form) of per-package audit appends; the second is the package's hash. */
export const AUDIT_PACKAGE_LOCK = 72_611_201;

/**
 * Takes the package's audit lock until the transaction ends (two ids sharing a hashtext only wait for each other), so
 * the head read after it is still the head when the rows are inserted.
 */
export async function lockPackageAudit(trx: Knex.Transaction, packageId: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(?, hashtext(?))', [AUDIT_PACKAGE_LOCK, packageId]);
}

/** The seqs among `seqs` that the trail already holds for this workflow id (a retried batch finds them all). */
export async function auditedSeqs(trx: Knex.Transaction, workflowId: string, seqs: number[]): Promise<Set<number>> {
  return new Set((await trx('audit_log').where({ workflow_id: workflowId }).whereIn('seq', seqs).pluck('seq')).map(Number));
}

/** The hash a package's next v3 entry follows: its last v3 entry's, or its genesis. */
export async function packageAuditHead(db: Knex | Knex.Transaction, packageId: string): Promise<string> {
  const head = await db('audit_log').where({ package_id: packageId, version: 3 }).orderBy('pos', 'desc').first('hash');
  return head?.hash ?? packageGenesis(packageId);
}

/**
 * Inserts v3 entries already chained, in chain order, as one multi-row insert: PostgreSQL draws `pos` from its
 * sequence row by row in VALUES order, i.e. chain order.
 */
export async function insertV3AuditEntries(trx: Knex.Transaction, chained: ReturnType<typeof chainEntries>): Promise<void> {
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
}

/**
 * Reads of the audit trail: a paginated list (optionally one package) and a verification of the whole chain that
 * reads it page by page in position order (keyset on `pos`), so memory stays flat however long the trail is.
 */
import type { Knex } from 'knex';
import { type ChainedEntry, ChainVerifier, type VerifyResult } from '../../domain/audit/chain';

export function entryOf(r: Record<string, any>): ChainedEntry {
  return {
    version: Number(r.version ?? 1) === 2 ? 2 : 1,
    salt: r.salt ?? null,
    actorRef: r.actor_ref ?? null,
    pos: Number(r.pos),
    packageId: r.package_id,
    workflowId: r.workflow_id,
    seq: r.seq,
    at: (r.at as Date).getTime(),
    actorId: r.actor_id,
    actorRole: r.actor_role,
    action: r.action,
    stageId: r.stage_id,
    payloadHash: r.payload_hash,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export async function listAudit(db: Knex, q: { packageId?: string; page: number; pageSize: number }) {
  const base = db('audit_log');
  if (q.packageId) base.where({ package_id: q.packageId });
  const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: string }];
  const rows = await base.clone().orderBy('pos').limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return {
    // The officers' list as it always was: the salt and hash version stay in the database.
    data: rows.map((r) => {
      const { version: _v, salt: _s, actorRef: _r, ...e } = entryOf(r);
      return { ...e, at: new Date(e.at).toISOString() };
    }),
    pagination: { page: q.page, pageSize: q.pageSize, total: Number(count) },
  };
}

export interface VerifyOptions {
  batchSize?: number;
  /** Called after every batch with the number of entries checked so far. */
  onProgress?: (checked: number) => void;
}

export async function verifyAuditLog(db: Knex, { batchSize = 5_000, onProgress }: VerifyOptions = {}): Promise<VerifyResult> {
  const v = new ChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await db('audit_log').where('pos', '>', after).orderBy('pos').limit(batchSize);
    if (!rows.length) break;
    let holds = true;
    for (const r of rows) if (!(holds = v.push(entryOf(r)))) break;
    onProgress?.(v.result().checked);
    if (!holds || rows.length < batchSize) break;
    after = Number(rows[rows.length - 1].pos);
  }
  return v.result();
}

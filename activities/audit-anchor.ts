/**
 * Writes the next anchor of the per-package audit chains (domain/audit/anchor.ts): the head {pos, hash} of every
 * package whose last v3 entry is past its last anchored head, chained to the previous anchor. Run periodically by the
 * `auditAnchor` workflow (runtime/audit-anchor-schedule.ts). It takes only its own advisory lock (so two runs never
 * draw the same seq) and reads audit_log without locking it: package appends never wait for it. Its reads are one
 * statement, so one snapshot: an append committing meanwhile is simply in the next anchor. Nothing moved: no anchor.
 * The statements are in db/queries/audit-anchors.ts.
 */
import type { Knex } from 'knex';
import { insertAuditAnchor, lastAuditAnchor, lockAnchorJob, movedAuditHeads } from '../db/queries/audit-anchors';
import { type Anchor, nextAnchor } from '../domain/audit/anchor';

export async function writeAuditAnchor(db: Knex, now = Date.now()): Promise<{ seq: number; heads: number } | null> {
  return db.transaction(async (trx) => {
    await lockAnchorJob(trx);
    const moved = await movedAuditHeads(trx);
    if (!moved.length) return null;
    const anchor: Anchor = nextAnchor(
      await lastAuditAnchor(trx),
      now,
      moved.map((m) => ({ pos: Number(m.pos), hash: m.hash })),
    );
    await insertAuditAnchor(trx, anchor, moved);
    return { seq: anchor.seq, heads: moved.length };
  });
}

/**
 * The statements of the anchor job (activities/audit-anchor.ts), run in its one transaction: its own advisory lock,
 * the package heads not yet anchored, the last anchor, and the new anchor with its heads.
 */
import type { Knex } from 'knex';
import type { Anchor } from '../../domain/audit/anchor';

/** The anchor job's own advisory lock key (no other code uses it; package appends use AUDIT_PACKAGE_LOCK's namespace). */
export const AUDIT_ANCHOR_LOCK = 7_261_140_004;

/** A package's v3 head not yet anchored (pos is a bigint, read as text). */
export interface MovedHead {
  package_id: string;
  pos: string;
  hash: string;
}

/**
 * The packages' current v3 heads not yet anchored. The package ids are walked with a loose index scan over the
 * partial index audit_log_v3_head (one probe per package, not a scan of the trail), each head read by one probe too.
 */
const MOVED_HEADS = `
  with recursive pk(package_id) as (
    (select package_id from audit_log where version = 3 order by package_id limit 1)
    union all
    select (select a.package_id from audit_log a where a.version = 3 and a.package_id > pk.package_id order by a.package_id limit 1)
    from pk where pk.package_id is not null
  )
  select h.package_id, h.pos, h.hash
  from pk
  cross join lateral (
    select a.package_id, a.pos, a.hash from audit_log a where a.version = 3 and a.package_id = pk.package_id order by a.pos desc limit 1
  ) h
  where not exists (select 1 from audit_anchor_heads ah where ah.package_id = h.package_id and ah.pos >= h.pos)`;

/** Takes the anchor job's lock until the transaction ends, so two runs never draw the same seq. */
export async function lockAnchorJob(trx: Knex.Transaction): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(?)', [AUDIT_ANCHOR_LOCK]);
}

/** One statement, so one snapshot; audit_log is read without locking it, so package appends never wait. */
export async function movedAuditHeads(trx: Knex.Transaction): Promise<MovedHead[]> {
  const { rows } = await trx.raw<{ rows: MovedHead[] }>(MOVED_HEADS);
  return rows;
}

export async function lastAuditAnchor(trx: Knex.Transaction): Promise<{ seq: number; hash: string } | undefined> {
  const last = await trx('audit_anchors').orderBy('seq', 'desc').first('seq', 'hash');
  return last ? { seq: Number(last.seq), hash: last.hash } : undefined;
}

/** The anchor row and its heads (inserted 1000 at a time). */
export async function insertAuditAnchor(trx: Knex.Transaction, anchor: Anchor, moved: MovedHead[]): Promise<void> {
  await trx('audit_anchors').insert({
    seq: anchor.seq,
    at: new Date(anchor.at),
    prev_hash: anchor.prevHash,
    heads_hash: anchor.headsHash,
    hash: anchor.hash,
    head_count: moved.length,
  });
  for (let i = 0; i < moved.length; i += 1000) {
    await trx('audit_anchor_heads').insert(
      moved.slice(i, i + 1000).map((m) => ({ anchor_seq: anchor.seq, package_id: m.package_id, pos: Number(m.pos), hash: m.hash })),
    );
  }
}

/**
 * Writes the next anchor of the per-package audit chains (domain/audit/anchor.ts): the head {pos, hash} of every
 * package whose last v3 entry is past its last anchored head, chained to the previous anchor. Run periodically by the
 * `auditAnchor` workflow (runtime/audit-anchor-schedule.ts). It takes only its own advisory lock (so two runs never
 * draw the same seq) and reads audit_log without locking it: package appends never wait for it. Its reads are one
 * statement, so one snapshot: an append committing meanwhile is simply in the next anchor. Nothing moved: no anchor.
 */
import type { Knex } from 'knex';
import { type Anchor, nextAnchor } from '../domain/audit/anchor';

/** The anchor job's own advisory lock key (no other code uses it; package appends use AUDIT_PACKAGE_LOCK's namespace). */
export const AUDIT_ANCHOR_LOCK = 7_261_140_004;

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

export async function writeAuditAnchor(db: Knex, now = Date.now()): Promise<{ seq: number; heads: number } | null> {
  return db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [AUDIT_ANCHOR_LOCK]);
    const { rows: moved } = await trx.raw<{ rows: { package_id: string; pos: string; hash: string }[] }>(MOVED_HEADS);
    if (!moved.length) return null;
    const last = await trx('audit_anchors').orderBy('seq', 'desc').first('seq', 'hash');
    const anchor: Anchor = nextAnchor(
      last ? { seq: Number(last.seq), hash: last.hash } : undefined,
      now,
      moved.map((m) => ({ pos: Number(m.pos), hash: m.hash })),
    );
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
    return { seq: anchor.seq, heads: moved.length };
  });
}

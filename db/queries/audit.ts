/**
 * Reads of the audit trail: a paginated list (optionally one package) and a verification of the whole trail that
 * reads it page by page in position order (keyset on `pos`), so memory stays flat in the trail's length (it keeps one
 * head per package): the global v1/v2 chain and every package's v3 chain (domain/audit/chain.ts), then the anchors
 * (domain/audit/anchor.ts) page by page in seq order, each anchored head against the row stored at its position.
 */
import type { Knex } from 'knex';
import { type Anchor, AnchorVerifier } from '../../domain/audit/anchor';
import { type ChainedEntry, ChainVerifier, type HashVersion, type VerifyResult } from '../../domain/audit/chain';
import type { AuditAnchorHeadsRow, AuditLogRow } from '../tables';

/** An anchored head with the audit row stored at its position (left joined: none when the position holds no row). */
interface AnchoredHeadRow extends AuditAnchorHeadsRow {
  row_package: string | null;
  row_hash: string | null;
  row_version: number | null;
}

export function entryOf(r: AuditLogRow): ChainedEntry {
  return {
    version: ([2, 3].includes(Number(r.version)) ? Number(r.version) : 1) as HashVersion,
    salt: r.salt ?? null,
    actorRef: r.actor_ref ?? null,
    pos: Number(r.pos),
    packageId: r.package_id,
    workflowId: r.workflow_id,
    seq: r.seq,
    at: r.at.getTime(),
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
  const rows = await base
    .clone()
    .orderBy('pos')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
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
  // Anchors written before the entries are read name only rows committed before (the anchor job reads committed rows).
  const lastSeq = Number((await db('audit_anchors').max({ seq: 'seq' }).first())?.seq ?? 0);
  const v = new ChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await db('audit_log').where('pos', '>', after).orderBy('pos').limit(batchSize);
    if (!rows.length) break;
    let holds = true;
    for (const r of rows) if (!(holds = v.push(entryOf(r)))) break;
    onProgress?.(v.result().checked);
    if (!holds || rows.length < batchSize) break;
    after = Number(rows[rows.length - 1]!.pos);
  }
  const entries = v.result();
  if (!entries.ok) return entries;
  return { ...entries, ...(await verifyAnchors(db, v, lastSeq, batchSize)) };
}

/**
 * Every anchor in seq order: chained, the hash of its heads, and each head the row stored at that position (a v3 row
 * of a package with that hash, which the entries' check has just verified), never behind its package's earlier
 * anchored head. Only anchors up to `lastSeq`, read before the entries: a later one may name rows appended after the
 * entries were read, and is left for the next check.
 */
async function verifyAnchors(db: Knex, chain: ChainVerifier, lastSeq: number, batchSize: number): Promise<Pick<VerifyResult, 'ok' | 'brokenAt' | 'anchors'>> {
  const av = new AnchorVerifier();
  const anchoredPos = new Map<string, number>();
  const pageSize = Math.max(1, Math.min(batchSize, 500));
  for (let afterSeq = 0; ;) {
    const anchors = await db('audit_anchors').where('seq', '>', afterSeq).where('seq', '<=', lastSeq).orderBy('seq').limit(pageSize);
    if (!anchors.length) break;
    const heads = await db('audit_anchor_heads as h')
      .leftJoin('audit_log as a', 'a.pos', 'h.pos')
      .whereIn(
        'h.anchor_seq',
        anchors.map((a) => a.seq),
      )
      .orderBy(['h.anchor_seq', 'h.pos'])
      .select<AnchoredHeadRow[]>(
        'h.anchor_seq',
        'h.package_id',
        'h.pos',
        'h.hash',
        'a.package_id as row_package',
        'a.hash as row_hash',
        'a.version as row_version',
      );
    const bySeq = new Map<number, typeof heads>();
    for (const h of heads) bySeq.set(Number(h.anchor_seq), [...(bySeq.get(Number(h.anchor_seq)) ?? []), h]);
    for (const a of anchors) {
      const own = bySeq.get(Number(a.seq)) ?? [];
      const anchor: Anchor = {
        seq: Number(a.seq),
        at: a.at.getTime(),
        prevHash: a.prev_hash,
        headsHash: a.heads_hash,
        hash: a.hash,
        heads: own.map((h) => ({ pos: Number(h.pos), hash: h.hash })),
      };
      const firstPos = anchor.heads[0]?.pos ?? 0;
      if (!av.push(anchor) || own.length !== Number(a.head_count)) {
        const reason = av.broken?.reason ?? 'anchor_hash_mismatch';
        return { ok: false, brokenAt: { pos: firstPos, reason, anchor: anchor.seq }, anchors: { checked: av.checked, last: av.last ?? null } };
      }
      for (const h of own) {
        const pos = Number(h.pos);
        // The anchor covers the head by position; the row there must be that package's v3 entry with that hash.
        const stored = h.row_hash === h.hash && Number(h.row_version) === 3 && h.row_package === h.package_id;
        const forward = (anchoredPos.get(h.package_id) ?? 0) < pos && chain.packageHead(h.package_id) !== undefined;
        if (!stored || !forward) {
          return { ok: false, brokenAt: { pos, reason: 'anchor_head_mismatch', anchor: anchor.seq }, anchors: { checked: av.checked, last: av.last ?? null } };
        }
        anchoredPos.set(h.package_id, pos);
      }
    }
    if (anchors.length < pageSize) break;
    afterSeq = Number(anchors[anchors.length - 1]!.seq);
  }
  return { ok: true, anchors: { checked: av.checked, last: av.last ?? null } };
}

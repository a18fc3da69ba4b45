/**
 * Reads of the audit chain for the public (api/routes/public-audit.ts), in the forms domain/audit/public.ts defines:
 * the head, one procurement package's entries without its still-sealed ones, chain pages in bare link form, and the
 * anchors of the per-package (v3) chains. Nothing here returns an actor id, a salt, or anything that depends on how
 * many sealed entries a package has (anchors name heads by position only; a package's links and anchored head are
 * shown only once nothing of it is sealed).
 */
import type { Knex } from 'knex';
import { storedView } from './packages';
import { type Anchor } from '../../domain/audit/anchor';
import { GENESIS_HASH } from '../../domain/audit/chain';
import { chainLinkOf, type ChainLink, hasUnopenedSealedSteps, type PublicEntry, publicEntryOf, sealedEntryTest } from '../../domain/audit/public';
import { actionsOf, type ProcessDefinition } from '../../domain/process/definition';
import { getDefinition } from '../../workflows/definitions';
import { entryOf } from './audit';

export interface AuditHead {
  /** null for an empty trail */
  pos: number | null;
  hash: string;
  count: number;
  /** The last entry of the global v1/v2 chain (written before per-package chains); null when there is none. */
  legacy: { pos: number; hash: string } | null;
  /** The last anchor of the per-package chains; null before the first. */
  anchor: { seq: number; at: number; hash: string } | null;
}

export async function auditHead(db: Knex): Promise<AuditHead> {
  const [head, [{ n }], legacy, anchor] = await Promise.all([
    db('audit_log').orderBy('pos', 'desc').first('pos', 'hash'),
    db('audit_log').count({ n: '*' }) as unknown as Promise<[{ n: string }]>,
    db('audit_log').where('version', '<', 3).orderBy('pos', 'desc').first('pos', 'hash'), // partial index audit_log_legacy
    db('audit_anchors').orderBy('seq', 'desc').first('seq', 'at', 'hash'),
  ]);
  return {
    ...(head ? { pos: Number(head.pos), hash: head.hash, count: Number(n) } : { pos: null, hash: GENESIS_HASH, count: 0 }),
    legacy: legacy ? { pos: Number(legacy.pos), hash: legacy.hash } : null,
    anchor: anchor ? { seq: Number(anchor.seq), at: anchor.at.getTime(), hash: anchor.hash } : null,
  };
}

/** Anchors after `afterSeq` in seq order, each with its heads as {pos, hash} (no package id). */
export async function anchorPage(db: Knex, afterSeq: number, limit: number): Promise<{ data: Anchor[]; nextAfterSeq: number | null }> {
  const rows = await db('audit_anchors')
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const heads = page.length
    ? await db('audit_anchor_heads')
        .whereIn(
          'anchor_seq',
          page.map((r) => r.seq),
        )
        .orderBy(['anchor_seq', 'pos'])
        .select('anchor_seq', 'pos', 'hash')
    : [];
  const data = page.map((r) => ({
    seq: Number(r.seq),
    at: r.at.getTime(),
    prevHash: r.prev_hash,
    headsHash: r.heads_hash,
    hash: r.hash,
    heads: heads.filter((h) => Number(h.anchor_seq) === Number(r.seq)).map((h) => ({ pos: Number(h.pos), hash: h.hash })),
  }));
  return { data, nextAfterSeq: rows.length > limit ? data[data.length - 1]!.seq : null };
}

/** Chain pages: every entry after `afterPos`, in position order, as links. `nextAfterPos` is null on the last page. */
export async function chainLinks(db: Knex, afterPos: number, limit: number): Promise<{ data: ChainLink[]; nextAfterPos: number | null }> {
  const rows = await db('audit_log')
    .where('pos', '>', afterPos)
    .orderBy('pos')
    .limit(limit + 1);
  const data = rows.slice(0, limit).map((r) => chainLinkOf(entryOf(r)));
  return { data, nextAfterPos: rows.length > limit ? data[data.length - 1]!.pos : null };
}

/**
 * A procurement package's public entries after `afterPos` (position order, at most `limit`), or undefined when there
 * is no such public package (an E-Kontrak child belongs to its package, as in /api/public/packages). Sealed entries
 * are skipped before the page is cut, so a page's length and `nextAfterPos` say nothing about how many there were.
 */
export async function publicPackageEntries(
  db: Knex,
  packageId: string,
  afterPos: number,
  limit: number,
): Promise<
  | {
      stage: { id: string; name: string };
      sealedStepsUnopened: boolean;
      anchoredHead: { anchor: number; pos: number; hash: string } | null;
      actionNames: Record<string, string>;
      stageNames: Record<string, string>;
      data: PublicEntry[];
      nextAfterPos: number | null;
    }
  | undefined
> {
  const pkg = await db('packages').whereNull('parent_package_id').where({ id: packageId }).first('stage_id', 'stage_name', 'view');
  if (!pkg) return undefined;
  const view = storedView(pkg.view);
  const def = view ? getDefinition(view.definition.id, view.definition.version) : undefined;
  const sealed = sealedEntryTest(def, view?.data);
  const opened = !hasUnopenedSealedSteps(def, view?.data);
  const out: PublicEntry[] = [];
  const batch = Math.max(limit + 1, 200);
  let after = afterPos;
  for (;;) {
    const rows = await db('audit_log').where({ package_id: packageId }).where('pos', '>', after).orderBy('pos').limit(batch);
    for (const r of rows) {
      const e = entryOf(r);
      if (!sealed(e)) out.push(publicEntryOf(e, opened));
      if (out.length > limit) break;
    }
    if (out.length > limit || rows.length < batch) break;
    after = Number(rows[rows.length - 1]!.pos);
  }
  const data = out.slice(0, limit);
  // The package's last anchored head, once nothing of it is sealed (before, its moves would show when bids came in).
  const anchored = opened
    ? await db('audit_anchor_heads').where({ package_id: packageId }).orderBy('pos', 'desc').first('anchor_seq', 'pos', 'hash')
    : undefined;
  return {
    stage: { id: pkg.stage_id, name: pkg.stage_name },
    sealedStepsUnopened: !opened,
    anchoredHead: anchored ? { anchor: Number(anchored.anchor_seq), pos: Number(anchored.pos), hash: anchored.hash } : null,
    ...namesOf(def, data),
    data,
    nextAfterPos: out.length > limit ? data[data.length - 1]!.pos : null,
  };
}

/**
 * The definition's Indonesian names of the steps and stages on this page (display only, not hashed): the public reads
 * "Umumkan Tender" in "Pengumuman Pascakualifikasi", not ids. Event types (stage_entered, …) are named by the console.
 */
function namesOf(def: ProcessDefinition | undefined, entries: readonly PublicEntry[]) {
  const actionNames: Record<string, string> = {};
  const stageNames: Record<string, string> = {};
  if (!def) return { actionNames, stageNames };
  const actions = new Map<string, string>();
  for (const n of def.nodes) for (const a of actionsOf(n)) actions.set(a.id, a.name);
  for (const i of def.interrupts ?? []) actions.set(i.action.id, i.action.name);
  const stages = new Map(def.nodes.map((n) => [n.id, n.name]));
  for (const e of entries) {
    const action = actions.get(e.action);
    if (action) actionNames[e.action] = action;
    const stage = stages.get(e.stageId);
    if (stage) stageNames[e.stageId] = stage;
  }
  return { actionNames, stageNames };
}

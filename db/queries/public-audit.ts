/**
 * Reads of the audit chain for the public (api/routes/public-audit.ts), in the forms domain/audit/public.ts defines:
 * the head, one procurement package's entries without its still-sealed ones, and chain pages in bare link form.
 * Nothing here returns an actor id, a salt, or anything that depends on how many sealed entries a package has.
 */
import type { Knex } from 'knex';
import type { PackageView } from '../../domain/process/engine';
import { chainLinkOf, type ChainLink, hasUnopenedSealedSteps, type PublicEntry, publicEntryOf, sealedEntryTest } from '../../domain/audit/public';
import { actionsOf, type ProcessDefinition } from '../../domain/process/definition';
import { getDefinition } from '../../workflows/definitions';
import { entryOf } from './audit';

export interface AuditHead {
  /** null for an empty trail */
  pos: number | null;
  hash: string;
  count: number;
}

export async function auditHead(db: Knex): Promise<AuditHead> {
  const [head, [{ n }]] = await Promise.all([
    db('audit_log').orderBy('pos', 'desc').first('pos', 'hash'),
    db('audit_log').count({ n: '*' }) as unknown as Promise<[{ n: string }]>,
  ]);
  return head ? { pos: Number(head.pos), hash: head.hash, count: Number(n) } : { pos: null, hash: '0'.repeat(64), count: 0 };
}

/** Chain pages: every entry after `afterPos`, in position order, as links. `nextAfterPos` is null on the last page. */
export async function chainLinks(db: Knex, afterPos: number, limit: number): Promise<{ data: ChainLink[]; nextAfterPos: number | null }> {
  const rows = await db('audit_log').where('pos', '>', afterPos).orderBy('pos').limit(limit + 1);
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
  | { stage: { id: string; name: string }; sealedStepsUnopened: boolean; actionNames: Record<string, string>; stageNames: Record<string, string>; data: PublicEntry[]; nextAfterPos: number | null }
  | undefined
> {
  const pkg = await db('packages').whereNull('parent_package_id').where({ id: packageId }).first('stage_id', 'stage_name', 'view');
  if (!pkg) return undefined;
  const view = pkg.view as PackageView | null;
  const def = view ? getDefinition(view.definition.id, view.definition.version) : undefined;
  const sealed = sealedEntryTest(def, view?.data);
  const out: PublicEntry[] = [];
  const batch = Math.max(limit + 1, 200);
  let after = afterPos;
  for (;;) {
    const rows = await db('audit_log').where({ package_id: packageId }).where('pos', '>', after).orderBy('pos').limit(batch);
    for (const r of rows) {
      const e = entryOf(r);
      if (!sealed(e)) out.push(publicEntryOf(e));
      if (out.length > limit) break;
    }
    if (out.length > limit || rows.length < batch) break;
    after = Number(rows[rows.length - 1].pos);
  }
  const data = out.slice(0, limit);
  return {
    stage: { id: pkg.stage_id, name: pkg.stage_name },
    sealedStepsUnopened: hasUnopenedSealedSteps(def, view?.data),
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

/**
 * The facts a complaint's reason is computed from (domain/complaints/reason.ts), read by the server from the
 * package — its definition, its state as the read model holds it, its recorded stages — and from who files.
 * Nothing here comes from the request body.
 */
import type { Knex } from 'knex';
import { stagePassage } from '../../db/queries/complaints';
import type { PackagesRow } from '../../db/tables';
import { type ComplaintFacts, type ComputedReason, complaintReason } from '../../domain/complaints/reason';
import { actionsOf, type ActionDef, type ProcessDefinition } from '../../domain/process/definition';
import { getPath } from '../../domain/process/predicate';
import { SANGGAH_ACTIONS } from '../complaint-pointer';
import { definitionOf } from './actor-views';
import { readModelView } from './read-model-view';

/** Every masa sanggah of a definition: its stage and the list whose items' `by` may object there. */
function sanggahStagesOf(def: ProcessDefinition | undefined): { stageId: string; bidderList?: string }[] {
  const out: { stageId: string; bidderList?: string }[] = [];
  for (const n of def?.nodes ?? []) {
    if (n.type !== 'userTask' && n.type !== 'timeWindow') continue;
    const action = actionsOf(n).find((a) => SANGGAH_ACTIONS.includes(a.id));
    if (action) out.push({ stageId: n.id, bidderList: bidderListOf(action) });
  }
  return out;
}

/** The list whose items' `by` are the bidders allowed to object (the sanggah's `not_a_bidder` rule). */
function bidderListOf(action: ActionDef): string | undefined {
  for (const r of action.requires ?? []) {
    const when = 'when' in r ? (r.when as { op?: string; path?: string }) : undefined;
    if (when?.op === 'someItem' && when.path) return when.path;
  }
  return undefined;
}

export interface ReasonWithBasis extends ComputedReason {
  basis: ComplaintFacts & { method: string; stageId: string | null };
}

export async function complaintReasonFor(db: Knex, row: PackagesRow, filerId: string, now = Date.now()): Promise<ReasonWithBasis> {
  const view = readModelView(row);
  const stages = sanggahStagesOf(definitionOf(view));
  const filerIsBidder = stages.some((st) => {
    const items = st.bidderList && view ? getPath(view.data, st.bidderList) : undefined;
    return Array.isArray(items) && items.some((it) => (it as { by?: unknown })?.by === filerId);
  });
  let sanggahPeriod: ComplaintFacts['sanggahPeriod'] = 'belum_dibuka';
  const current = stages.find((st) => st.stageId === view?.stage.id);
  if (current && view) {
    sanggahPeriod = view.stage.closesAt !== undefined && now >= view.stage.closesAt ? 'sudah_ditutup' : 'terbuka';
  } else {
    // Not in a masa sanggah now: one either lies ahead or was passed (the read model's stage rows say which).
    for (const st of stages) if ((await stagePassage(db, row.id, st.stageId)) !== 'belum_dibuka') sanggahPeriod = 'sudah_ditutup';
  }
  const facts: ComplaintFacts = { contract: Boolean(row.parent_package_id), hasSanggah: stages.length > 0, filerIsBidder, sanggahPeriod };
  return { ...complaintReason(facts), basis: { ...facts, method: row.method, stageId: view?.stage.id ?? null } };
}

/**
 * The route side of "what this user may do and see" on a package: the signed-in actor's open steps (`myActions`,
 * domain/process/actor-actions.ts) from the package's state and the steps recorded in its current stage, and the
 * context the vendor view (domain/views) needs from the database: company names of opened bidders and officers named
 * by role. Shared by the package and contract routes.
 */
import type { Knex } from 'knex';
import { stepsSince } from '../../db/queries/packages';
import { UNKNOWN_VENDOR, vendorNames } from '../../db/queries/red-flags';
import { selectionOf } from '../../domain/monitoring/selection';
import { type ActionTarget, type ActorAction, actorActions } from '../../domain/process/actor-actions';
import type { ProcessDefinition } from '../../domain/process/definition';
import type { PackageView } from '../../domain/process/engine';
import { officerLabels } from '../../domain/views/role-labels';
import type { VendorDataContext } from '../../domain/views/vendor-data';
import { getDefinition } from '../../workflows/definitions';
import type { Actor } from '../auth/actor';
import { withoutBarredSteps } from './sanction-guard';

/** The definition a package runs (it carries its version for life; the registry keeps every version). */
export function definitionOf(view: PackageView | null | undefined): ProcessDefinition | undefined {
  return view ? getDefinition(view.definition.id, view.definition.version) : undefined;
}

/** The steps `actor` may perform now on the package whose state is `view` (live, or the read model's copy). */
export async function myActionsOf(
  db: Knex,
  actor: Actor,
  packageId: string,
  view: PackageView | null | undefined,
  target: ActionTarget,
): Promise<ActorAction[]> {
  const definition = definitionOf(view);
  if (!view || !definition || view.outcome !== undefined) return [];
  const doneInStage = await stepsSince(db, packageId, view.stage.enteredSeq);
  return withoutBarredSteps(db, actor, actorActions({ definition, state: view, actor, doneInStage, target, now: Date.now() }), (a) => a.id);
}

/** What the vendor view needs to name people: opened bidders by company, officers by role. */
export async function vendorContextOf(db: Knex, actor: Actor, view: PackageView | null | undefined, method: string): Promise<VendorDataContext> {
  const data = view?.data ?? {};
  // No view, no selection (and a contract route may not know the row's method then: selectionOf refuses unknown ones).
  const selection = view ? selectionOf(data, method) : undefined;
  const ids = [...(selection?.opening?.bids.map((b) => b.vendorId) ?? []), ...(selection?.winner ? [selection.winner.vendorId] : [])];
  const names = await vendorNames(db, [...new Set(ids)]);
  return {
    viewerId: actor.id,
    definition: definitionOf(view),
    vendorName: (id) => (ids.includes(id) ? (names.get(id) ?? UNKNOWN_VENDOR) : undefined),
    officers: officerLabels(view?.assignments),
  };
}

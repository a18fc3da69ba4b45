/**
 * Writes a batch of process events and the package's latest view to the read model, in one transaction.
 * Idempotent: events are keyed by (package, seq) and inserted with ON CONFLICT DO NOTHING; the package row and open
 * tasks change only when the batch is newer than what is stored, so retries and replays never duplicate or regress.
 */
import type { Knex } from 'knex';
import { insertPackageRow, startingRowOfView } from '../db/queries/packages';
import { insertPackageEvents, lockPackageProgress, mirrorOpenTasks, recordStageEntered, writePackageView } from '../db/queries/read-model-writes';
import { actionsOf, type ActionDef, OFFICER_ROLES } from '../domain/process/definition';
import type { OpenAction, PackageView } from '../domain/process/engine';
import { getPath } from '../domain/process/predicate';
import { getDefinition } from '../workflows/definitions';
import { appendAudit } from './audit';
import { writeContractFigures } from './contract-figures';
import { recordNotices } from './notify/record';
import { applyViewChange } from '../domain/process/view-change';
import type { RecordProgressInput, RecordProgressResult } from './types';
import type { PackageTasksInsert } from '../db/tables';

const ts = (ms: number | undefined) => (ms === undefined ? null : new Date(ms));

export async function recordProgress(db: Knex, input: RecordProgressInput, opts: { emailConfigured?: boolean } = {}): Promise<RecordProgressResult> {
  const { packageId, workflowId, events } = input;
  if (!events.length && !input.view) return;
  return db.transaction(async (trx) => {
    // The API normally writes the first row; if it crashed before that, the package still appears. (The first batch of
    // a run always carries the whole view.)
    const created = events.find((e) => e.type === 'package_created');
    if (created && input.view) await insertPackageRow(trx, startingRowOfView(input.view, new Date(created.at), workflowId));
    // Lock the package row so concurrent batches for one package apply in order.
    const row = await lockPackageProgress(trx, packageId, Boolean(input.change));
    if (!row) throw new Error(`package ${packageId} has no read-model row yet`); // retried until it has
    // A change applies to the view it was made against; a retry of a batch already applied finds a newer one.
    const applied = input.change && input.change.seq <= row.last_seq;
    const view = input.view ?? (applied ? undefined : applyViewChange(row.view as PackageView | null, input.change));
    if (!view && !applied) return 'stale'; // nothing written: the workflow sends the whole view with these events

    await insertPackageEvents(trx, packageId, events);
    for (const e of events.filter((x) => x.type === 'stage_entered')) await recordStageEntered(trx, packageId, e);

    const notices = view ? await recordNotices(trx, packageId, events, view) : { email: 0, webhook: 0 };
    const result: RecordProgressResult = notices.webhook > 0 || (opts.emailConfigured && notices.email > 0) ? 'deliver' : undefined;
    // Same transaction: no event without its audit entry. appendAudit takes only this package's audit lock, after the row
    // lock above: packages write in parallel (domain/audit/JEJAK-AUDIT.md).
    await appendAudit(trx, packageId, workflowId, events);
    if (!view || view.seq <= row.last_seq) return result; // an older snapshot arriving late, or a retried change
    await writeContractFigures(trx, view);
    await writePackageView(trx, packageId, view, new Date(events[events.length - 1]!.at));

    // Open tasks mirror the view's open actions, and a window's steps stay open until it closes (see
    // windowStepsTaken); anything else still open for this package is closed.
    const stageSeq = view.stage.enteredSeq;
    const open = [...view.openActions, ...windowStepsTaken(view)].map((a): PackageTasksInsert => ({
      package_id: packageId,
      stage_seq: stageSeq,
      action: a.id,
      stage_id: view.stage.id,
      name: a.name,
      roles: a.roles,
      assignees: a.assignees ?? null,
      due_at: ts(view.stage.dueAt ?? view.stage.closesAt),
      status: 'open',
      fiscal_year: view.facts.fiscalYear,
    }));
    await mirrorOpenTasks(trx, packageId, stageSeq, open);
    return result;
  });
}

/**
 * The steps of the current window that somebody already took, which the engine's `openActions` no longer list (one
 * vendor's bid hides `submit_bid`, one addendum hides `publish_addendum`) although the window accepts them from
 * others, or again, until it closes. Kept as open tasks so that the inbox (api/routes/inbox.ts) finds every package
 * where someone may still act; who exactly may is decided per caller there (domain/process/actor-actions.ts).
 * Computed here, not in the workflow, so running workflows replay unchanged.
 */
export function windowStepsTaken(view: PackageView): OpenAction[] {
  if (view.outcome !== undefined) return [];
  const node = getDefinition(view.definition.id, view.definition.version)?.nodes.find((n) => n.id === view.stage.id);
  if (node?.type !== 'timeWindow') return [];
  const listed = new Set(view.openActions.map((a) => a.id));
  return actionsOf(node)
    .filter((a) => !listed.has(a.id))
    .map((a) => openActionOf(a, view));
}

/** An action as the engine lists it (PackageProcess.openActions): assignees where it is limited to them. */
function openActionOf(a: ActionDef, view: PackageView): OpenAction {
  const isOfficer = (r: string) => (OFFICER_ROLES as readonly string[]).includes(r);
  const assignees = a.performers.flatMap((p) => {
    if (p.actorIs !== undefined) {
      const v = getPath(view.data, p.actorIs);
      return typeof v === 'string' ? [v] : [];
    }
    return (p.assignedOnly ?? isOfficer(p.role)) ? (view.assignments[p.role] ?? []) : [];
  });
  const restricted = a.performers.every((p) => p.actorIs !== undefined || (p.assignedOnly ?? isOfficer(p.role)));
  return { id: a.id, name: a.name, roles: a.performers.map((p) => p.role), ...(restricted ? { assignees } : {}) };
}

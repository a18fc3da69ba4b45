/**
 * The read-model writer's statements (activities/read-model.ts), each run inside its one transaction. Every write is
 * safe to repeat: events and stages are keyed by (package, seq) and skipped when present, the package row changes
 * only as the caller decides under the row lock taken here, and open tasks are upserted by (package, stage, action).
 */
import type { Knex } from 'knex';
import type { PackageView } from '../../domain/process/engine';
import type { ProcessEvent } from '../../domain/process/state';
import { textOf } from '../../domain/text';
import type { PackageTasksInsert, StoredPackageView } from '../tables';

const ts = (ms: number | undefined) => (ms === undefined ? null : new Date(ms));

/**
 * Locks the package row (FOR UPDATE) so that concurrent batches for one package apply in order, and reads what the
 * writer decides by: the last applied seq, and the stored view when a change is to be applied to it.
 */
export async function lockPackageProgress(
  trx: Knex.Transaction,
  packageId: string,
  withView: boolean,
): Promise<{ last_seq: number; view?: StoredPackageView } | undefined> {
  return trx('packages')
    .where({ id: packageId })
    .forUpdate()
    .first<{ last_seq: number; view?: StoredPackageView } | undefined>('last_seq', ...(withView ? ['view'] : []));
}

/** The batch's events; ones already stored (same package and seq) are skipped, so a retried batch adds nothing. */
export async function insertPackageEvents(trx: Knex.Transaction, packageId: string, events: ProcessEvent[]): Promise<void> {
  await trx('package_events')
    .insert(
      events.map((e) => ({
        package_id: packageId,
        seq: e.seq,
        type: e.type,
        stage_id: e.node,
        action: e.action ?? null,
        actor_id: e.actor?.id ?? null,
        actor_role: e.actor?.role ?? null,
        at: new Date(e.at),
        details: e.details ? JSON.stringify(e.details) : null,
      })),
    )
    .onConflict(['package_id', 'seq'])
    .ignore();
}

/**
 * A `stage_entered` event: the stages still open from before it are left at its time, and the new stage is added
 * unless already stored (same package and entered seq).
 */
export async function recordStageEntered(trx: Knex.Transaction, packageId: string, e: ProcessEvent): Promise<void> {
  await trx('package_stages')
    .where({ package_id: packageId })
    .whereNull('left_at')
    .where('entered_seq', '<', e.seq)
    .update({ left_at: new Date(e.at) });
  await trx('package_stages')
    .insert({
      package_id: packageId,
      entered_seq: e.seq,
      stage_id: e.node,
      stage_name: textOf(e.details?.name ?? e.node),
      entered_at: new Date(e.at),
      closes_at: ts(e.details?.closesAt as number | undefined),
    })
    .onConflict(['package_id', 'entered_seq'])
    .ignore();
}

/** The package row's columns from its latest view (the caller has checked, under the row lock, that it is newer). */
export async function writePackageView(trx: Knex.Transaction, packageId: string, view: PackageView, updatedAt: Date): Promise<void> {
  await trx('packages')
    .where({ id: packageId })
    .update({
      status: view.status,
      stage_id: view.stage.id,
      stage_name: view.stage.name,
      stage_entered_at: new Date(view.stage.enteredAt),
      stage_closes_at: ts(view.stage.closesAt),
      last_seq: view.seq,
      view: JSON.stringify(view),
      updated_at: updatedAt,
    });
}

/**
 * Makes the package's open tasks exactly `open` (all of stage `stageSeq`): any other task still open for the package
 * is closed, and these are inserted or, when present, updated (name, roles, assignees, due time, open again).
 */
export async function mirrorOpenTasks(trx: Knex.Transaction, packageId: string, stageSeq: number, open: PackageTasksInsert[]): Promise<void> {
  const closeQuery = trx('package_tasks').where({ package_id: packageId, status: 'open' });
  await (
    open.length
      ? closeQuery.whereNot((q) => {
          q.where('stage_seq', stageSeq).whereIn(
            'action',
            open.map((o) => o.action),
          );
        })
      : closeQuery
  ).update({ status: 'closed' });
  if (open.length) {
    await trx('package_tasks').insert(open).onConflict(['package_id', 'stage_seq', 'action']).merge(['name', 'roles', 'assignees', 'due_at', 'status']);
  }
}

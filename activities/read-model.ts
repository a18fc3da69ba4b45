/**
 * Writes a batch of process events and the package's latest view to the read model, in one transaction.
 * Idempotent: events are keyed by (package, seq) and inserted with ON CONFLICT DO NOTHING; the package row and open
 * tasks change only when the batch is newer than what is stored, so retries and replays never duplicate or regress.
 */
import type { Knex } from 'knex';
import { insertPackageRow } from '../db/queries/packages';
import type { PackageView } from '../domain/process/engine';
import { appendAudit } from './audit';
import { writeContractFigures } from './contract-figures';
import { recordNotices } from './notify/record';
import type { RecordProgressInput } from './types';

const ts = (ms: number | undefined) => (ms === undefined ? null : new Date(ms));

export async function recordProgress(db: Knex, { packageId, workflowId, events, view }: RecordProgressInput): Promise<void> {
  if (!events.length) return;
  await db.transaction(async (trx) => {
    // The API normally writes the first row; if it crashed before that, the package still appears.
    const created = events.find((e) => e.type === 'package_created');
    if (created) await insertPackageRow(trx, firstRow(workflowId, view, created.at));
    // Lock the package row so concurrent batches for one package apply in order.
    const row = await trx('packages').where({ id: packageId }).forUpdate().first('last_seq');
    if (!row) throw new Error(`package ${packageId} has no read-model row yet`); // retried until it has

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

    for (const e of events.filter((x) => x.type === 'stage_entered')) {
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
          stage_name: String(e.details?.name ?? e.node),
          entered_at: new Date(e.at),
          closes_at: ts(e.details?.closesAt as number | undefined),
        })
        .onConflict(['package_id', 'entered_seq'])
        .ignore();
    }

    await recordNotices(trx, packageId, events, view);
    // Same transaction: no event without its audit entry. Late in it, as the chain lock is held until commit.
    await appendAudit(trx, packageId, workflowId, events);
    if (view.seq <= row.last_seq) return; // an older snapshot arriving late
    await writeContractFigures(trx, view);
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
        updated_at: new Date(events[events.length - 1]!.at),
      });

    // Open tasks mirror the view's open actions; anything else still open for this package is closed.
    const stageSeq = view.stage.enteredSeq;
    const open = view.openActions.map((a) => ({
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
    const closeQuery = trx('package_tasks').where({ package_id: packageId, status: 'open' });
    await (open.length
      ? closeQuery.whereNot((q) => q.where('stage_seq', stageSeq).whereIn('action', open.map((o) => o.action)))
      : closeQuery
    ).update({ status: 'closed' });
    if (open.length) {
      await trx('package_tasks')
        .insert(open)
        .onConflict(['package_id', 'stage_seq', 'action'])
        .merge(['name', 'roles', 'assignees', 'due_at', 'status']);
    }
  });
}



function firstRow(workflowId: string, view: PackageView, at: number) {
  const f = view.facts;
  return {
    id: view.packageId,
    workflow_id: workflowId,
    title: f.title,
    opd: f.opd,
    work_unit: f.workUnit,
    category: f.category,
    method: view.definition.method,
    definition_id: view.definition.id,
    definition_version: view.definition.version,
    fiscal_year: f.fiscalYear,
    pagu: f.pagu,
    hps: f.hps,
    status: 'active',
    stage_id: view.stage.id,
    stage_name: view.stage.name,
    created_by: view.createdBy,
    parent_package_id: f.contractBasis?.parentPackageId ?? null,
    created_at: new Date(at),
    updated_at: new Date(at),
    last_seq: 0,
  };
}

/**
 * Reads for the public transparency endpoints: the procurement package (never a contract child) with its stages,
 * the due times of its open steps (without who must act) and its contract's values. Personal data is not selected.
 */
import type { Knex } from 'knex';
import { publicPackageView } from '../../domain/monitoring/public-view';
import { selectionOf } from '../../domain/monitoring/selection';
import { summaryOf } from './packages';
import { UNKNOWN_VENDOR, vendorNames } from './red-flags';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function publicPackage(db: Knex, id: string) {
  const row = await db('packages').whereNull('parent_package_id').where({ id }).first();
  if (!row) return undefined;
  const [stages, tasks, contract] = await Promise.all([
    db('package_stages').where({ package_id: id }).orderBy('entered_seq').select('stage_id', 'stage_name', 'entered_at', 'closes_at', 'left_at'),
    db('package_tasks').where({ package_id: id, status: 'open' }).orderBy(['due_at', 'action']).select('name', 'due_at'),
    db('contracts').where({ parent_package_id: id }).first('status', 'original_value', 'value'),
  ]);
  const data = ((row.view as { data?: Record<string, unknown> } | null)?.data ?? {}) as Record<string, unknown>;
  const selection = selectionOf(data, row.method);
  const ids = [...(selection.opening?.bids.map((b) => b.vendorId) ?? []), ...(selection.winner ? [selection.winner.vendorId] : [])];
  const names = await vendorNames(db, [...new Set(ids)]);
  const s = summaryOf(row);
  return publicPackageView(
    {
      id: s.id,
      title: s.title,
      opd: s.opd,
      workUnit: s.workUnit,
      category: s.category,
      method: s.method,
      fiscalYear: s.fiscalYear,
      pagu: Number(s.pagu),
      hps: Number(s.hps),
      status: s.status,
      stage: s.stage,
      createdAt: s.createdAt,
    },
    stages.map((x) => ({ stageId: x.stage_id, name: x.stage_name, enteredAt: iso(x.entered_at)!, closesAt: iso(x.closes_at), leftAt: iso(x.left_at) })),
    tasks.map((t) => ({ name: t.name, dueAt: iso(t.due_at) })),
    selection,
    (vendorId) => names.get(vendorId) ?? UNKNOWN_VENDOR,
    contract ? { status: contract.status, originalValue: Number(contract.original_value), value: Number(contract.value) } : null,
  );
}

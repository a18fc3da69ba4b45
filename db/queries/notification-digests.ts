/** What the daily digest (activities/notify/digest.ts) summarises: the open tasks due before a time, with their package. */
import type { Knex } from 'knex';

export interface DigestTaskRow {
  package_id: string;
  action: string;
  name: string;
  stage_name: string;
  title: string;
  due_at: Date;
  assignees: string[] | null;
  /** The package's PA/KPA (view.assignments.pa_kpa), who is told of its overdue tasks. */
  pa: string[] | null;
}

/** Every open task with a due time before `before` (overdue ones included), with its package's title and stage. */
export async function openTasksDueBefore(db: Knex, before: Date): Promise<DigestTaskRow[]> {
  return db('package_tasks as t')
    .join('packages as p', 'p.id', 't.package_id')
    .where('t.status', 'open')
    .whereNotNull('t.due_at')
    .where('t.due_at', '<', before)
    .select<DigestTaskRow[]>(
      't.package_id',
      't.action',
      't.name',
      't.due_at',
      't.assignees',
      'p.title',
      'p.stage_name',
      db.raw(`p.view->'assignments'->'pa_kpa' as pa`),
    );
}

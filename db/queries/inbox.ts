/**
 * Reads for the inbox (GET /api/tasks), three queries whatever the number of packages: the open tasks that may be the
 * caller's, the stored state of their packages, and the steps taken in each package's current stage. Which of those
 * steps the caller may really take now is decided by the route from the state (domain/process/actor-actions.ts).
 */
import type { Knex } from 'knex';
import { storedView } from './packages';
import type { PackageView } from '../../domain/process/engine';
import type { PackageEventsRow } from '../tables';

export interface CandidateTask {
  packageId: string;
  action: string;
  stageId: string;
  name: string;
  roles: string[];
  dueAt: Date | null;
}

export interface CandidatePackage {
  id: string;
  title: string;
  opd: string;
  stageName: string;
  stageClosesAt: Date | null;
  parentPackageId: string | null;
  /** The read model's copy of the workflow's state (null before its first write). */
  view: PackageView | null;
  /** The open tasks of this package that matched the caller, as recorded. */
  tasks: CandidateTask[];
}

/**
 * Packages with an open task that is the caller's by id (assigned, or the party named by the step) or open to one of
 * the caller's roles when it names nobody (a vendor's window), in a stage still accepting steps. `skipActions` are
 * left out (cancellation and termination, which are open at every stage and are nobody's task).
 */
export async function inboxCandidates(
  db: Knex,
  actor: { id: string; roles: readonly string[] },
  skipActions: readonly string[],
  now: Date,
): Promise<CandidatePackage[]> {
  const tasks: { package_id: string; action: string; stage_id: string; name: string; roles: string[]; due_at: Date | null }[] = await db('package_tasks as t')
    .join('packages as p', 'p.id', 't.package_id')
    .where('t.status', 'open')
    .where((q) => {
      q.whereRaw('? = any(t.assignees)', [actor.id]).orWhere((q2) => {
        q2.whereNull('t.assignees').whereRaw('t.roles && ?::text[]', [[...actor.roles]]);
      });
    })
    .where((q) => {
      q.whereNull('p.stage_closes_at').orWhere('p.stage_closes_at', '>', now);
    })
    .modify((q) => {
      if (skipActions.length) q.whereNotIn('t.action', [...skipActions]);
    })
    .select('t.package_id', 't.action', 't.stage_id', 't.name', 't.roles', 't.due_at');
  if (!tasks.length) return [];
  const ids = [...new Set(tasks.map((t) => t.package_id))];
  const rows = await db('packages')
    .whereRaw('id = any(?::text[])', [ids])
    .select('id', 'title', 'opd', 'stage_name', 'stage_closes_at', 'parent_package_id', 'view');
  const byId = new Map<string, CandidatePackage>(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        title: r.title,
        opd: r.opd,
        stageName: r.stage_name,
        stageClosesAt: r.stage_closes_at ?? null,
        parentPackageId: r.parent_package_id ?? null,
        view: storedView(r.view),
        tasks: [],
      },
    ]),
  );
  for (const t of tasks) {
    byId
      .get(t.package_id)
      ?.tasks.push({ packageId: t.package_id, action: t.action, stageId: t.stage_id, name: t.name, roles: t.roles, dueAt: t.due_at ?? null });
  }
  return [...byId.values()];
}

/**
 * Who performed which step in each package's current stage (`action_performed` events after the given seq), for
 * many packages at once: what `stepsSince` (db/queries/packages.ts) answers for one.
 */
export async function stepsInCurrentStages(
  db: Knex,
  stages: readonly { packageId: string; enteredSeq: number }[],
): Promise<Map<string, { action: string | null; actorId: string | null }[]>> {
  const out = new Map<string, { action: string | null; actorId: string | null }[]>(stages.map((s) => [s.packageId, []]));
  if (!stages.length) return out;
  const { rows } = await db.raw<{ rows: Pick<PackageEventsRow, 'package_id' | 'action' | 'actor_id'>[] }>(
    `select e.package_id, e.action, e.actor_id
       from package_events e
       join unnest(?::text[], ?::int[]) as c(package_id, after_seq) on e.package_id = c.package_id and e.seq > c.after_seq
      where e.type = 'action_performed'`,
    [stages.map((s) => s.packageId), stages.map((s) => s.enteredSeq)],
  );
  for (const r of rows) {
    out.get(r.package_id)?.push({ action: r.action ?? null, actorId: r.actor_id ?? null });
  }
  return out;
}

/** Read-model queries for packages: list with filters and pagination, one package with its stages, tasks and events. */
import type { Knex } from 'knex';
import type { ProcessDefinition } from '../../domain/process/definition';
import type { PackageFacts } from '../../domain/process/state';
import type { PackageView } from '../../domain/process/engine';
import { workflowIdOf } from '../../domain/process/workflow-id';
import type { PackagesInsert, PackagesRow } from '../tables';
import { budgetLines, contractSignedIn, newestOfChain, paidIn, supersededSql } from './monitoring-budget';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export interface PackageFilters {
  status?: string;
  method?: string;
  opd?: string;
  stage?: string;
  fiscalYear?: number;
  q?: string;
  /** 'true': an open task is past its due time now; 'false': none is. */
  overdue?: 'true' | 'false';
  /** A column of PACKAGE_SORTS (api/schemas.ts), `-` in front for descending; default newest first. */
  sort?: string;
  /** Monitoring links (db/queries/monitoring-budget.ts): chains, budget lines, contract signature / payment month. */
  superseded?: 'true' | 'false';
  budgetLine?: 'true';
  contractMonth?: string;
  paidMonth?: string;
}

/** Sort keys → columns: only these reach SQL, so a sort value can never name anything else. */
const SORT_COLUMNS: Record<string, string> = {
  created_at: 'created_at',
  title: 'title',
  opd: 'opd',
  method: 'method',
  hps: 'hps',
  pagu: 'pagu',
  fiscal_year: 'fiscal_year',
  stage_entered_at: 'stage_entered_at',
  stage_closes_at: 'stage_closes_at',
};

function orderOf(sort = '-created_at'): { column: string; order: 'asc' | 'desc' } {
  const desc = sort.startsWith('-');
  const column = SORT_COLUMNS[desc ? sort.slice(1) : sort] ?? 'created_at';
  return { column, order: desc ? 'desc' : 'asc' };
}

export function summaryOf(r: PackagesRow) {
  return {
    id: r.id,
    title: r.title,
    opd: r.opd,
    workUnit: r.work_unit,
    category: r.category,
    method: r.method,
    fiscalYear: r.fiscal_year,
    pagu: r.pagu,
    hps: r.hps,
    status: r.status,
    stage: { id: r.stage_id, name: r.stage_name, enteredAt: iso(r.stage_entered_at), closesAt: iso(r.stage_closes_at) },
    definition: { id: r.definition_id, version: r.definition_version },
    ...(r.parent_package_id ? { parentPackageId: r.parent_package_id } : {}),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

/** Procurement packages; their E-Kontrak children are listed under them (/api/packages/{id}/contract). */
export async function listPackages(db: Knex, f: PackageFilters, page: number, pageSize: number) {
  const base = db('packages')
    .whereNull('parent_package_id')
    .where((q) => {
      if (f.status) q.where('status', f.status);
      if (f.method) q.where('method', f.method);
      if (f.opd) q.where('opd', f.opd);
      if (f.stage) q.where('stage_id', f.stage);
      if (f.fiscalYear) q.where('fiscal_year', f.fiscalYear);
      if (f.q) q.whereILike('title', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      if (f.overdue) {
        const late = db('package_tasks as t').whereRaw('t.package_id = packages.id').where('t.status', 'open').where('t.due_at', '<', new Date());
        if (f.overdue === 'true') q.whereExists(late);
        else q.whereNotExists(late);
      }
      if (f.superseded === 'true') q.whereRaw(supersededSql('packages'));
      if (f.superseded === 'false') newestOfChain(q);
      if (f.budgetLine === 'true') budgetLines(q);
      if (f.contractMonth) contractSignedIn(db, q, f.contractMonth);
      if (f.paidMonth) paidIn(db, q, f.paidMonth);
    });
  const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: string | number }];
  const rows = await base
    .clone()
    // Empty stage times last either way; the id breaks ties so pages never overlap.
    .orderBy([
      { ...orderOf(f.sort), nulls: 'last' },
      { column: 'id', order: orderOf(f.sort).order },
    ])
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { data: rows.map(summaryOf), pagination: { page, pageSize, total: Number(count) } };
}

export async function getPackageRow(db: Knex, id: string) {
  return db('packages').where({ id }).first();
}

export async function packageExists(db: Knex, id: string): Promise<boolean> {
  return (await db('packages').where({ id }).first('id')) !== undefined;
}

/** The titles of the packages among `ids` that exist, by id. */
export async function packageTitles(db: Knex, ids: string[]): Promise<Map<string, string>> {
  const rows = await db('packages')
    .whereIn('id', [...new Set(ids)])
    .select('id', 'title');
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** The PA/KPA the UKPBJ's assignment (the stored view) names on each of the packages among `ids`, by package id. */
export async function assignedPaKpaOf(db: Knex, ids: string[]): Promise<Map<string, string[]>> {
  const assigned = new Map<string, string[]>();
  for (const p of await db('packages')
    .whereIn('id', [...new Set(ids)])
    .select('id', 'view')) {
    assigned.set(p.id, p.view?.assignments?.pa_kpa ?? []);
  }
  return assigned;
}

/**
 * The package row and its history as of one moment: one read-only REPEATABLE READ transaction, so a read-model write
 * landing between the reads cannot pair a new timeline with an old stage. Undefined when there is no such package.
 */
export async function getPackageSnapshot(db: Knex, id: string) {
  return db.transaction(
    async (trx) => {
      const row = await getPackageRow(trx, id);
      return row ? { row, history: await getPackageHistory(trx, id) } : undefined;
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}

export async function getPackageHistory(db: Knex, id: string) {
  const [stages, tasks, events] = await Promise.all([
    db('package_stages').where({ package_id: id }).orderBy('entered_seq'),
    db('package_tasks').where({ package_id: id, status: 'open' }).orderBy('action'),
    db('package_events').where({ package_id: id }).orderBy('seq'),
  ]);
  return {
    stages: stages.map((s) => ({
      stageId: s.stage_id,
      name: s.stage_name,
      enteredAt: iso(s.entered_at)!,
      closesAt: iso(s.closes_at),
      leftAt: iso(s.left_at),
    })),
    openTasks: tasks.map((t) => ({ action: t.action, name: t.name, roles: t.roles, assignees: t.assignees, dueAt: iso(t.due_at) })),
    timeline: events.map((e) => ({
      seq: e.seq,
      type: e.type,
      stageId: e.stage_id,
      action: e.action,
      actorId: e.actor_id,
      actorRole: e.actor_role ?? null,
      at: iso(e.at)!,
    })),
  };
}

/** Who performed which step after the given event (the current stage's steps, from its `enteredSeq`). */
export async function stepsSince(db: Knex, packageId: string, afterSeq: number): Promise<{ action: string | null; actorId: string | null }[]> {
  const rows = await db('package_events').where({ package_id: packageId, type: 'action_performed' }).where('seq', '>', afterSeq).select('action', 'actor_id');
  return rows.map((r) => ({ action: r.action ?? null, actorId: r.actor_id ?? null }));
}

/**
 * The first read-model row, written by the API when it starts the workflow; activities keep it current. Both write
 * it, often at the same moment (the API right after starting the workflow, the first read-model batch of
 * activities/read-model.ts as its first statement), and `packages` has two unique indexes (id, workflow_id). With
 * `ON CONFLICT (id)` only the id index is an arbiter: each insert then checks workflow_id as a plain unique index,
 * waiting for the other transaction, while the other's speculative insert waits for it on the id index — PostgreSQL
 * reports "deadlock detected" and one of them fails (the API's create answered 500 about once in 1,500 creates at
 * 10 at once). A bare `ON CONFLICT DO NOTHING` makes every unique index an arbiter, so a concurrent identical insert
 * is waited for and then skipped, never deadlocked. (The row's id and workflow id always come together:
 * workflowIdOf(id).)
 */
export async function insertPackageRow(db: Knex | Knex.Transaction, row: PackagesInsert) {
  await db('packages').insert(row).onConflict().ignore();
}

/**
 * Links a follow-up package to the failed one it follows (activities/follow-up.ts), where no link is set yet: the
 * same value every time, so a retry changes nothing.
 */
export async function linkPreviousPackage(db: Knex, packageId: string, previousPackageId: string): Promise<void> {
  await db('packages').where({ id: packageId }).whereNull('previous_package_id').update({ previous_package_id: previousPackageId });
}

/**
 * The package's view as the read model stores it, or null while it has none. A starting row (below) has the column's
 * default `{}` until the workflow's first write: that is "no view yet", not a view without a definition.
 */
export function storedView(raw: unknown): PackageView | null {
  return raw !== null && typeof raw === 'object' && 'definition' in raw ? (raw as PackageView) : null;
}

type StartingFacts = Pick<PackageFacts, 'title' | 'opd' | 'workUnit' | 'category' | 'fiscalYear' | 'pagu' | 'hps' | 'previousPackageId' | 'contractBasis'>;

/**
 * The read-model row of a package whose workflow is being started, written by whoever starts it (a create or a
 * follow-up: activities/start-package.ts; an awarding package's E-Kontrak; the read model's first batch:
 * startingRowOfView) so that the package can be read at once, before its workflow's first write fills in its state.
 * The links come from the facts (a follow-up's previousPackageId, an E-Kontrak's contractBasis), so every writer of
 * the row writes them.
 */
export function startingPackageRow(p: {
  packageId: string;
  definition: Pick<ProcessDefinition, 'id' | 'version' | 'method' | 'start' | 'nodes'>;
  facts: StartingFacts;
  createdBy: string;
  at: Date;
}): PackagesInsert {
  const start = { id: p.definition.start, name: p.definition.nodes.find((n) => n.id === p.definition.start)!.name };
  return rowOf({ ...p, stage: start, workflowId: workflowIdOf(p.packageId) });
}

/**
 * The starting row from a run's first view, for the read model's first batch when the starter's row is missing (it
 * crashed before writing it): the stage the view is at, and the workflow id the batch names.
 */
export function startingRowOfView(view: PackageView, at: Date, workflowId = workflowIdOf(view.packageId)): PackagesInsert {
  return rowOf({ packageId: view.packageId, workflowId, definition: view.definition, stage: view.stage, facts: view.facts, createdBy: view.createdBy, at });
}

function rowOf(p: {
  packageId: string;
  workflowId: string;
  definition: Pick<ProcessDefinition, 'id' | 'version' | 'method'>;
  stage: { id: string; name: string };
  facts: StartingFacts;
  createdBy: string;
  at: Date;
}): PackagesInsert {
  const { definition: d, facts: f } = p;
  const parent = f.contractBasis?.parentPackageId;
  return {
    id: p.packageId,
    workflow_id: p.workflowId,
    title: f.title,
    opd: f.opd,
    work_unit: f.workUnit,
    category: f.category,
    method: d.method,
    definition_id: d.id,
    definition_version: d.version,
    fiscal_year: f.fiscalYear,
    pagu: f.pagu,
    hps: f.hps,
    status: 'active',
    stage_id: p.stage.id,
    stage_name: p.stage.name,
    created_by: p.createdBy,
    created_at: p.at,
    updated_at: p.at,
    last_seq: 0,
    ...(parent ? { parent_package_id: parent } : {}),
    ...(f.previousPackageId ? { previous_package_id: f.previousPackageId } : {}),
  };
}

/** The active users among `ids` (a deactivated officer is not assigned: it is refused as holding no role). */
export async function findUsers(db: Knex, ids: string[]) {
  return db('users').whereIn('id', ids).where('active', true).select('id', 'roles', 'org_id');
}

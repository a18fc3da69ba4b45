/**
 * The caller's inbox (GET /api/tasks: open steps they may take, with due times, soonest first) and notifications
 * (GET /api/notifications, POST /api/notifications/{id}/read). Identity comes from the token only.
 *
 * The inbox lists, for every package, exactly the steps the package page offers the caller as `myActions`
 * (domain/process/actor-actions.ts) from the read model's copy of its state, so a registered vendor keeps
 * "Upload Dokumen Penawaran" until the window closes although another vendor has bid, and a vendor who did not
 * register never gets it. Cancellation and termination, which an officer may do at any stage, are options on the
 * package page, not tasks, and are left out. The open tasks of the read model only say where to look (the packages
 * where the caller might act), so the work grows with those packages, not with all of them.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { type CandidatePackage, inboxCandidates, stepsInCurrentStages } from '../../db/queries/inbox';
import { markNotificationRead, notificationsOf } from '../../db/queries/notifications';
import { type ActorAction, actorActions } from '../../domain/process/actor-actions';
import { actionsOf, type ProcessDefinition } from '../../domain/process/definition';
import { INTERRUPT_ONLY_ACTIONS } from '../../workflows/definitions';
import type { Actor } from '../auth/actor';
import { ApiError, parseOr422 } from '../errors';
import { definitionOf } from '../services/actor-views';
import { withoutBarredSteps } from '../services/sanction-guard';

const Page = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
const NotificationsQuery = Page.extend({ unread: z.enum(['true', 'false']).optional() });
const NotificationId = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[A-Za-z0-9:._@-]+$/, 'id notifikasi tidak sah');
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** One inbox line (TaskList in api/openapi/paths/inbox.ts). */
export interface InboxTask {
  packageId: string;
  packageTitle: string;
  opd: string;
  stageId: string;
  stageName: string;
  action: string;
  name: string;
  roles: string[];
  /** By when to act: the task's due time, or the time its window closes. */
  dueAt: string | null;
  /** When the stage stops accepting the step (a window's end, a task's timeout). */
  closesAt: string | null;
  overdue: boolean;
  parentPackageId?: string;
}

/** Whether `myActions` lists this step as an interrupt of the definition rather than a step of the stage. */
function isInterrupt(definition: ProcessDefinition, a: ActorAction): boolean {
  const node = definition.nodes.find((n) => n.id === a.stageId);
  return (definition.interrupts ?? []).some((i) => i.action.id === a.id) && !(node && actionsOf(node).some((l) => l.id === a.id));
}

/** Every open step of the actor, soonest due first (no due time last), then by package and step. */
export async function inboxOf(db: Knex, actor: Actor, now: number): Promise<InboxTask[]> {
  const candidates = await inboxCandidates(db, actor, INTERRUPT_ONLY_ACTIONS, new Date(now));
  const computable = candidates.filter((c) => c.view?.stage && definitionOf(c.view));
  const steps = await stepsInCurrentStages(
    db,
    computable.map((c) => ({ packageId: c.id, enteredSeq: c.view!.stage.enteredSeq })),
  );
  const lines = candidates.flatMap((c) => {
    const definition = c.view?.stage ? definitionOf(c.view) : undefined;
    if (!definition) return recordedTasks(c, now); // state unreadable here: the engine's open steps as recorded
    if (c.view!.outcome !== undefined) return [];
    const target = c.parentPackageId ? 'contract' : 'package';
    return actorActions({ definition, state: c.view!, actor, doneInStage: steps.get(c.id) ?? [], target, now })
      .filter((a) => !isInterrupt(definition, a))
      .map((a) => lineOf(c, a, rolesOf(definition, a), now));
  });
  const due = (t: InboxTask) => (t.dueAt === null ? Number.POSITIVE_INFINITY : Date.parse(t.dueAt));
  const offered = await withoutBarredSteps(db, actor, lines, (t) => t.action);
  return offered.sort((a, b) => due(a) - due(b) || cmp(a.packageId, b.packageId) || cmp(a.action, b.action));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function rolesOf(definition: ProcessDefinition, a: ActorAction): string[] {
  const node = definition.nodes.find((n) => n.id === a.stageId);
  const def = node ? actionsOf(node).find((x) => x.id === a.id) : undefined;
  return def ? def.performers.map((p) => p.role) : [];
}

function lineOf(c: CandidatePackage, a: ActorAction, roles: string[], now: number): InboxTask {
  const dueAt = a.dueAt ?? a.closesAt;
  return {
    packageId: c.id,
    packageTitle: c.title,
    opd: c.opd,
    stageId: a.stageId,
    stageName: a.stageName,
    action: a.id,
    name: a.name,
    roles,
    dueAt,
    closesAt: a.closesAt,
    overdue: dueAt !== null && Date.parse(dueAt) < now,
    ...(c.parentPackageId ? { parentPackageId: c.parentPackageId } : {}),
  };
}

/** A package whose stored state names no definition this server knows: its open tasks as the read model has them. */
function recordedTasks(c: CandidatePackage, now: number): InboxTask[] {
  return c.tasks.map((t) => ({
    packageId: c.id,
    packageTitle: c.title,
    opd: c.opd,
    stageId: t.stageId,
    stageName: c.stageName,
    action: t.action,
    name: t.name,
    roles: t.roles,
    dueAt: iso(t.dueAt),
    closesAt: iso(c.stageClosesAt),
    overdue: t.dueAt ? t.dueAt.getTime() < now : false,
    ...(c.parentPackageId ? { parentPackageId: c.parentPackageId } : {}),
  }));
}

export function inboxRoutes(db: Knex): Router {
  const r = Router();

  r.get('/tasks', async (req, res) => {
    const { page, pageSize } = parseOr422(Page, req.query, 'filter');
    const all = await inboxOf(db, req.actor!, Date.now());
    res.json({ data: all.slice((page - 1) * pageSize, page * pageSize), pagination: { page, pageSize, total: all.length } });
  });

  r.get('/notifications', async (req, res) => {
    const { page, pageSize, unread } = parseOr422(NotificationsQuery, req.query, 'filter');
    const { data, total } = await notificationsOf(db, req.actor!.id, { unread: unread === 'true', page, pageSize });
    res.json({
      data: data.map((n) => ({ ...n, dueAt: iso(n.dueAt), createdAt: iso(n.createdAt), readAt: iso(n.readAt) })),
      pagination: { page, pageSize, total },
    });
  });

  r.post('/notifications/:id/read', async (req, res) => {
    const id = parseOr422(NotificationId, String(req.params.id), 'id notifikasi');
    // Only the owner's row matches: someone else's id answers 404 like an unknown one.
    const read = await markNotificationRead(db, req.actor!.id, id);
    if (!read) throw new ApiError(404, 'notification_not_found', `Notifikasi ${id} tidak ditemukan.`, { id });
    res.json({ id, readAt: iso(read.readAt) });
  });

  return r;
}

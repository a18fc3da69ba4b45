/**
 * GET /api/packages/{id}/schedule: the package's schedule as the Pokja keeps it (the jadwal of SPSE), read from its
 * state and its definition: every schedule parameter with the stage(s) it times, its value and where the value comes
 * from (the Pokja's perubahan jadwal in data.schedule, the PPK's creation values, or the definition's default), its
 * unit, its bounds or the rule that fixes it (domain/process/schedule-rules.ts), how many times it was changed with
 * the history (reason, from, to, who, when); and each stage with when it started and ends, so far as it was reached.
 *
 * For the officers assigned to the package, the auditor and the admin (as the bidder links): the history names the
 * officers who changed the schedule, which vendors do not see here (they get the announcement of the change).
 */
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { getPackageHistory, getPackageRow } from '../../db/queries/packages';
import { userNames } from '../../db/queries/users';
import { OFFICER_ROLES, type ProcessDefinition, type ProcessNode } from '../../domain/process/definition';
import type { PackageView } from '../../domain/process/engine';
import type { PackageInput } from '../../domain/process/state';
import { unitName } from '../../domain/process/schedule-rules';
import { workflowIdOf } from '../../domain/process/workflow-id';
import { requireRole } from '../auth/middleware';
import type { Role } from '../auth/roles';
import { ApiError, parseOr422 } from '../errors';
import { PackageIdParam } from '../schemas';
import { definitionOf } from '../services/actor-views';
import { readModelView } from '../services/read-model-view';
import { isoTime } from '../openapi/common';

const MONITORS: readonly Role[] = ['auditor', 'admin'];

const Change = z.strictObject({
  param: z.string(),
  paramName: z.string(),
  stageIds: z.array(z.string()),
  from: z.number().nullable().describe('Nilai sebelum perubahan (null bila tidak tercatat)'),
  to: z.number(),
  reason: z.string(),
  by: z.string().describe('Nama anggota Pokja yang mengubah'),
  at: isoTime,
});

export const PackageSchedule = z
  .strictObject({
    packageId: z.string(),
    definition: z.strictObject({ id: z.string(), version: z.number().int() }),
    current: z.strictObject({
      stageId: z.string(),
      stageName: z.string(),
      deadline: isoTime.nullable().describe('Batas tahap saat ini: penutupan jendela waktu atau tenggat tugas'),
      ended: z.boolean(),
    }),
    params: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        unit: z.enum(['calendarDays', 'workingDays', 'hours', 'minutes']),
        unitName: z.string(),
        value: z.number(),
        source: z.enum(['pokja', 'creation', 'default']).describe('pokja: perubahan jadwal; creation: saat paket dibuat; default: bawaan definisi'),
        default: z.number(),
        min: z.number(),
        max: z.number().nullable(),
        fixed: z.string().nullable().describe('Aturan yang menetapkan nilainya; null bila dapat diatur dalam batas'),
        stageIds: z.array(z.string()),
        changes: z.number().int(),
      }),
    ),
    stages: z.array(
      z.strictObject({
        no: z.number().int(),
        stageId: z.string(),
        name: z.string(),
        params: z.array(z.string()),
        startedAt: isoTime.nullable(),
        endsAt: isoTime.nullable(),
        leftAt: isoTime.nullable(),
        current: z.boolean(),
        changes: z.number().int(),
      }),
    ),
    changes: z.array(Change),
  })
  .meta({ id: 'PackageSchedule' });

type Schedule = z.infer<typeof PackageSchedule>;
type ChangeOut = z.infer<typeof Change>;

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** The schedule parameters a stage is timed by: a window's duration, a task's due time or its timeout. */
function paramsOf(n: ProcessNode): string[] {
  if (n.type === 'timeWindow') return n.duration ? [n.duration] : [];
  if (n.type === 'userTask') return [...new Set([n.due, n.timeout?.after].filter((p): p is string => !!p))];
  return [];
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * The recorded schedule changes (data.scheduleChanges), one line per parameter changed. Each record carries the new
 * values (`schedule`), the earlier ones (`previous`, or `from`), the reason, who and when; a record of one parameter
 * (`param`, `from`, `to`) is read too.
 */
type RawChange = Omit<ChangeOut, 'by'> & { byId: string };

export function changesOf(data: Record<string, unknown>, def: ProcessDefinition): RawChange[] {
  const list = Array.isArray(data.scheduleChanges) ? (data.scheduleChanges as Record<string, unknown>[]) : [];
  const stagesOf = (p: string) => def.nodes.filter((n) => paramsOf(n).includes(p)).map((n) => n.id);
  return list.flatMap((c): RawChange[] => {
    if (!c || typeof c !== 'object') return [];
    const at = num(c.at);
    const reason = str(c.reason) ?? '';
    const byId = str(c.by) ?? '';
    const entries: { param: string; to: number; from: number | null }[] = [];
    const next = c.schedule ?? c.to ?? c.values;
    const before = c.previous ?? c.from ?? c.before;
    if (next && typeof next === 'object' && !Array.isArray(next)) {
      for (const [param, to] of Object.entries(next as Record<string, unknown>)) {
        const from = before && typeof before === 'object' ? num((before as Record<string, unknown>)[param]) : undefined;
        if (num(to) !== undefined) entries.push({ param, to: num(to)!, from: from ?? null });
      }
    } else if (str(c.param) && num(c.to) !== undefined) {
      entries.push({ param: str(c.param)!, to: num(c.to)!, from: num(c.from) ?? null });
    }
    return entries
      .filter((e) => def.params[e.param])
      .map((e) => ({
        param: e.param,
        paramName: def.params[e.param]!.name,
        stageIds: stagesOf(e.param),
        from: e.from,
        to: e.to,
        reason,
        byId,
        at: at === undefined ? new Date(0).toISOString() : new Date(at).toISOString(),
      }));
  });
}

/** How long the schedule read waits for Temporal's first event before answering without it (Temporal may be away). */
const CREATION_SCHEDULE_MS = 2_000;

/** The schedule the PPK gave at creation (the workflow's start input), or {} when Temporal cannot tell in time. */
async function creationSchedule(client: Client, packageId: string): Promise<Record<string, number>> {
  try {
    const res = await client.withDeadline(Date.now() + CREATION_SCHEDULE_MS, () =>
      client.workflowService.getWorkflowExecutionHistory({
        namespace: client.options.namespace,
        execution: { workflowId: workflowIdOf(packageId) },
        maximumPageSize: 1,
      }),
    );
    const started = res.history?.events?.[0]?.workflowExecutionStartedEventAttributes;
    const input = await decodeFromPayloadsAtIndex<PackageInput>(client.options.loadedDataConverter, 0, started?.input?.payloads);
    return input?.schedule ?? {};
  } catch {
    return {};
  }
}

export function scheduleOf(
  view: PackageView,
  def: ProcessDefinition,
  created: Record<string, number>,
  history: { stageId: string; enteredAt: string; closesAt: string | null; leftAt: string | null }[],
  names: Record<string, string>,
): Schedule {
  const own = (view.data.schedule as Record<string, unknown> | undefined) ?? {};
  const changes: ChangeOut[] = changesOf(view.data, def).map(({ byId, ...c }) => ({ ...c, by: names[byId] ?? byId }));
  const timed = def.nodes.filter((n) => paramsOf(n).length > 0);
  const params = Object.entries(def.params).map(([id, p]) => {
    const pokja = num(own[id]);
    const creation = num(created[id]);
    return {
      id,
      name: p.name,
      unit: p.unit,
      unitName: unitName(p),
      value: pokja ?? creation ?? p.default,
      source: pokja !== undefined ? ('pokja' as const) : creation !== undefined ? ('creation' as const) : ('default' as const),
      default: p.default,
      min: p.min,
      max: p.max ?? null,
      fixed: p.fixed ?? null,
      stageIds: timed.filter((n) => paramsOf(n).includes(id)).map((n) => n.id),
      changes: changes.filter((c) => c.param === id).length,
    };
  });
  const ended = view.outcome !== undefined;
  const stages = timed.map((n, i) => {
    // The latest time the stage was entered (a re-submission enters a window again).
    const visit = [...history].reverse().find((h) => h.stageId === n.id);
    const current = !ended && view.stage.id === n.id;
    const endsAt = current ? iso(view.stage.closesAt ?? view.stage.dueAt) : (visit?.closesAt ?? null);
    return {
      no: i + 1,
      stageId: n.id,
      name: n.name,
      params: paramsOf(n),
      startedAt: visit?.enteredAt ?? null,
      endsAt,
      leftAt: current ? null : (visit?.leftAt ?? null),
      current,
      changes: changes.filter((c) => c.stageIds.includes(n.id)).length,
    };
  });
  return {
    packageId: view.packageId,
    definition: { id: def.id, version: def.version },
    current: { stageId: view.stage.id, stageName: view.stage.name, deadline: ended ? null : iso(view.stage.closesAt ?? view.stage.dueAt), ended },
    params,
    stages,
    changes,
  };
}

export function scheduleRoutes(db: Knex, client: Client): Router {
  const r = Router({ mergeParams: true });
  r.use(requireRole(...OFFICER_ROLES, ...MONITORS));

  r.get('/', async (req, res) => {
    const id = parseOr422(PackageIdParam, (req.params as { id?: unknown }).id, 'id paket');
    const row = await getPackageRow(db, id);
    if (!row) throw new ApiError(404, 'package_not_found', `Paket ${id} tidak ditemukan.`, { packageId: id });
    const actor = req.actor!;
    const view = readModelView(row);
    const def = definitionOf(view);
    if (!view || !def) throw new ApiError(409, 'state_unavailable', 'Status proses paket belum tersedia; coba lagi sebentar lagi.', { packageId: id });
    // The UKPBJ's assignment (in the view) decides who is on the package, as it does for the steps.
    const assignments = view.assignments as Partial<Record<Role, string[]>>;
    const monitor = actor.roles.some((role) => MONITORS.includes(role));
    const assigned = OFFICER_ROLES.some((role) => actor.roles.includes(role) && (assignments[role] ?? []).includes(actor.id));
    if (!monitor && !assigned) {
      throw new ApiError(403, 'not_assigned', 'Anda tidak ditugaskan pada paket ini.', { roles: actor.roles.filter((x) => OFFICER_ROLES.includes(x)) });
    }
    const [created, history] = await Promise.all([creationSchedule(client, id), getPackageHistory(db, id)]);
    const ids = [...new Set(changesOf(view.data, def).map((c) => c.byId))].filter(Boolean);
    const names = await userNames(db, ids);
    res.json(scheduleOf(view, def, created, history.stages, Object.fromEntries(names)));
  });

  return r;
}

/**
 * Creating a package: check the schedule, the method rules (category and value, domain/rules/method-rules.ts) and the
 * assignments against the definition, start the interpreter workflow with the definition itself as input (the
 * package keeps that version, and the rule set id in its facts, for life), and write the first read-model row.
 */
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Knex } from 'knex';
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { calendarRefFor } from '../../domain/calendar/calendar-ref-for';
import { officeHoursFromEnv } from '../../domain/calendar/holidays';
import { actionsOf, OFFICER_ROLES, type ProcessDefinition, type Role } from '../../domain/process/definition';
import { scheduleIssues } from '../../domain/process/schedule-rules';
import { rolesAssignedInProcess } from '../../domain/selection/preparation';
import type { ActorRef, PackageStart } from '../../domain/process/state';
import { findUsers, insertPackageRow, startingPackageRow } from '../../db/queries/packages';
import { definitionForMethod } from '../../workflows/definitions';
import { packageProcess } from '../../workflows/package-process';
import { startSearchAttributes } from '../../workflows/search-attributes';
import { ApiError } from '../errors';
import { whileTemporalAnswers } from '../temporal-reachability';
import type { CreatePackageBody } from '../schemas';
import { methodDecision } from './method-options';

export interface CreateDeps {
  db: Knex;
  client: Client;
  taskQueue: string;
  timeScale: number;
}

type CreateBody = z.infer<typeof CreatePackageBody>;

export const workflowIdOf = (packageId: string) => `paket-${packageId}`;

/** With an Idempotency-Key the id is derived from it, so a retried create cannot start a second workflow. */
function newPackageId(actorId: string, idempotencyKey?: string): string {
  if (!idempotencyKey) return `pkt-${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  return `pkt-${createHash('sha256').update(`${actorId}\n${idempotencyKey}`).digest('hex').slice(0, 20)}`;
}

/**
 * The creation's schedule values: a parameter fixed by law (the masa sanggah) only at its value, the others within
 * [min, max] — the same check as a Pokja's schedule change (domain/process/schedule-rules.ts). `details.rule` names
 * the rule of the first fixed parameter refused.
 */
function checkSchedule(def: ProcessDefinition, schedule: Record<string, number>) {
  const issues = scheduleIssues(def, schedule);
  if (issues.length) {
    const rule = issues.find((i) => i.rule)?.rule;
    throw new ApiError(422, 'invalid_schedule', 'Jadwal tidak memenuhi ketentuan.', { issues, ...(rule ? { rule } : {}) });
  }
}

const OFFICER_LABEL: Partial<Record<Role, string>> = { pokja: 'Pokja Pemilihan', pejabat_pengadaan: 'Pejabat Pengadaan' };

/** The officers the method's definition asks for, each an existing user with that role; the PPK is the creator. */
async function checkAssignments(db: Knex, def: ProcessDefinition, actor: ActorRef, body: CreateBody) {
  const pokja = body.pokja ?? [];
  const pp = body.pejabatPengadaan;
  const head = body.kepalaUkpbj;
  const issues: { path: string; message: string }[] = [];
  const needs = (r: Role) => def.assignments.includes(r);
  const uses = (r: Role) => needs(r) || def.roles.includes(r);
  const byUkpbj = rolesAssignedInProcess(def);

  // Perpres 16/2018 Pasal 13 and docs/regulation.md §2.1 P3: the head of the UKPBJ assigns the officers of these methods.
  for (const [role, path, given] of [['pokja', 'pokja', pokja.length > 0], ['pejabat_pengadaan', 'pejabatPengadaan', !!pp]] as const) {
    if (given && byUkpbj.includes(role)) {
      issues.push({ path, message: `${OFFICER_LABEL[role]} paket metode ${def.method} ditugaskan oleh Kepala UKPBJ setelah paket dibuat, bukan oleh PPK` });
    }
  }
  if (needs('kepala_ukpbj') && !head) issues.push({ path: 'kepalaUkpbj', message: `metode ${def.method} memerlukan Kepala UKPBJ yang menugaskan Pokja/Pejabat Pengadaan` });
  if (head && !uses('kepala_ukpbj')) issues.push({ path: 'kepalaUkpbj', message: `metode ${def.method} tidak memakai penugasan oleh Kepala UKPBJ` });
  if (needs('pokja') && pokja.length === 0) issues.push({ path: 'pokja', message: `metode ${def.method} memerlukan Pokja Pemilihan` });
  // Perpres 16/2018 Pasal 13 (docs/regulation.md §1.2): a Pokja Pemilihan has an odd number of members, at least 3.
  if (pokja.length > 0 && (pokja.length < 3 || pokja.length % 2 === 0)) {
    issues.push({ path: 'pokja', message: `anggota Pokja harus ganjil dan minimal 3 (Perpres 16/2018 Pasal 13), bukan ${pokja.length}` });
  }
  if (pokja.length > 0 && !uses('pokja')) issues.push({ path: 'pokja', message: `metode ${def.method} tidak memakai Pokja` });
  if (needs('pejabat_pengadaan') && !pp) {
    issues.push({ path: 'pejabatPengadaan', message: `metode ${def.method} memerlukan Pejabat Pengadaan` });
  }
  if (pp && !uses('pejabat_pengadaan')) issues.push({ path: 'pejabatPengadaan', message: `metode ${def.method} tidak memakai Pejabat Pengadaan` });

  const users = await findUsers(db, [...pokja, body.paKpa, ...(pp ? [pp] : []), ...(head ? [head] : [])]);
  const byId = new Map(users.map((u) => [u.id as string, u.roles as Role[]]));
  pokja.forEach((id, i) => {
    if (!byId.get(id)?.includes('pokja')) issues.push({ path: `pokja.${i}`, message: `'${id}' bukan anggota Pokja` });
  });
  if (pp && !byId.get(pp)?.includes('pejabat_pengadaan')) {
    issues.push({ path: 'pejabatPengadaan', message: `'${pp}' bukan Pejabat Pengadaan` });
  }
  if (head && !byId.get(head)?.includes('kepala_ukpbj')) issues.push({ path: 'kepalaUkpbj', message: `'${head}' bukan Kepala UKPBJ` });
  if (!byId.get(body.paKpa)?.includes('pa_kpa')) issues.push({ path: 'paKpa', message: `'${body.paKpa}' bukan PA/KPA` });
  // Conflict of interest (Perpres 16/2018 Pasal 7): the PPK of a package cannot sit in its Pokja.
  if (pokja.includes(actor.id)) issues.push({ path: 'pokja', message: 'PPK paket tidak boleh menjadi anggota Pokja' });
  if (issues.length) throw new ApiError(422, 'invalid_assignment', 'Penugasan pejabat tidak sah.', { issues });

  const assignments: Partial<Record<Role, string[]>> = { ppk: [actor.id], pa_kpa: [body.paKpa] };
  if (pokja.length) assignments.pokja = pokja;
  if (pp) assignments.pejabat_pengadaan = [pp];
  if (head) assignments.kepala_ukpbj = [head];
  const stuck = unperformableSteps(def, assignments);
  if (stuck.length) throw new ApiError(422, 'invalid_assignment', 'Penugasan pejabat tidak sah.', { issues: stuck });
  return assignments;
}

/**
 * Every step must have someone who may take it: a step open only to assigned officers needs one of their roles
 * assigned (Penunjukan Langsung is run by a Pejabat Pengadaan or by a Pokja, so one of the two must be given). A role
 * an `assign` step of the definition gives (the Pokja the head of the UKPBJ assigns) counts as assigned.
 */
function unperformableSteps(def: ProcessDefinition, assignments: Partial<Record<Role, string[]>>) {
  const assignedLater = rolesAssignedInProcess(def);
  const steps = [
    ...def.nodes.flatMap((n) => actionsOf(n).map((a) => ({ stage: n.id, action: a }))),
    ...(def.interrupts ?? []).map((i) => ({ stage: 'interrupt', action: i.action })),
  ];
  return steps
    .filter(({ action }) =>
      action.performers.every(
        (p) => (p.assignedOnly ?? OFFICER_ROLES.includes(p.role)) && !assignments[p.role]?.length && !assignedLater.includes(p.role),
      ),
    )
    .map(({ stage, action }) => ({
      path: 'assignments',
      message: `langkah '${action.id}' (${stage}) memerlukan salah satu: ${action.performers.map((p) => p.role).join(', ')}`,
    }));
}

/**
 * The method must fit the category and value under the rules in force today in WIB, by the server's clock (a
 * client's clock could pick an older, looser rule set). The rule set id goes into the package's facts.
 */
function checkMethodRules(body: CreateBody): string {
  // The same decision GET /api/method-options shows the create form (services/method-options.ts).
  const { ruleSet: set, refusal } = methodDecision(body.method, body.category, body.hps);
  if (refusal) {
    const ruleSet = { id: set.id, title: set.title, effectiveFrom: set.effectiveFrom };
    // `issues` names the field like every other 422 of a create, so a form can show the message beside it.
    const issues = [{ path: 'method', message: refusal.message, code: refusal.id }];
    throw new ApiError(422, 'method_not_allowed', refusal.message, { rule: refusal, ruleSet, issues });
  }
  return set.id;
}

export async function createPackage(
  deps: CreateDeps,
  actor: ActorRef,
  body: CreateBody,
  idempotencyKey?: string,
) {
  const definition = definitionForMethod(body.method);
  if (!definition) {
    throw new ApiError(422, 'unknown_method', `Metode '${body.method}' belum tersedia.`, { issues: [{ path: 'method', message: 'metode belum tersedia' }] });
  }
  checkSchedule(definition, body.schedule ?? {});
  const ruleSet = checkMethodRules(body);
  const assignments = await checkAssignments(deps.db, definition, actor, body);

  const packageId = newPackageId(actor.id, idempotencyKey);
  const input: PackageStart = {
    packageId,
    // Named, not carried: the worker's registry has every version that runs (a compact first event in the history).
    definitionRef: { id: definition.id, version: definition.version },
    facts: {
      title: body.title,
      opd: body.opd,
      workUnit: body.workUnit,
      category: body.category,
      pagu: body.pagu,
      hps: body.hps,
      fiscalYear: body.fiscalYear,
      ...(body.description ? { description: body.description } : {}),
      ruleSet,
    },
    assignments,
    schedule: body.schedule ?? {},
    // Libur nasional and cuti bersama of this year and the next two, resolved here (not in the workflow) so the
    // package keeps the dates it was created with and its deadlines replay deterministically.
    // Named by year and frozen version (domain/calendar/frozen): the workflow resolves the same dates for life.
    calendarRef: calendarRefFor(Date.now(), officeHoursFromEnv()),
    timeScale: deps.timeScale,
    createdBy: actor,
  };
  const workflowId = workflowIdOf(packageId);
  try {
    // With Temporal away: 503 temporal_unavailable within seconds, and no row written (api/temporal-reachability.ts).
    await whileTemporalAnswers(deps.client, workflowId, () =>
      deps.client.workflow.start(packageProcess, {
        workflowId,
        taskQueue: deps.taskQueue,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        // Listed at once (stage, method, OPD, …) for the Temporal UI and CLI; the workflow keeps them current.
        typedSearchAttributes: startSearchAttributes(input, definition, Date.now()),
      }),
      { packageId },
    );
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e; // a retried create: the package exists
  }
  await insertPackageRow(deps.db, startingPackageRow({ packageId, definition, facts: input.facts, createdBy: actor.id, at: new Date() }));
  return { packageId, workflowId };
}

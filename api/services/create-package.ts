/**
 * Creating a package: check the assignments and the schedule against the definition, start the interpreter workflow
 * with the definition itself as input (the package keeps that version for life), and write the first read-model row.
 */
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Knex } from 'knex';
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { DEFAULT_CALENDAR } from '../../domain/calendar/working-time';
import type { ProcessDefinition, Role } from '../../domain/process/definition';
import type { ActorRef, PackageInput } from '../../domain/process/state';
import { findUsers, insertPackageRow } from '../../db/queries/packages';
import { definitionForMethod } from '../../workflows/definitions';
import { packageProcess } from '../../workflows/package-process';
import { ApiError } from '../errors';
import type { CreatePackageBody } from '../schemas';

export interface CreateDeps {
  db: Knex;
  client: Client;
  taskQueue: string;
  timeScale: number;
}

export const workflowIdOf = (packageId: string) => `paket-${packageId}`;

/** With an Idempotency-Key the id is derived from it, so a retried create cannot start a second workflow. */
function newPackageId(actorId: string, idempotencyKey?: string): string {
  if (!idempotencyKey) return `pkt-${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  return `pkt-${createHash('sha256').update(`${actorId}\n${idempotencyKey}`).digest('hex').slice(0, 20)}`;
}

function checkSchedule(def: ProcessDefinition, schedule: Record<string, number>) {
  const issues = Object.entries(schedule).flatMap(([k, v]) => {
    const p = def.params[k];
    if (!p) return [{ path: `schedule.${k}`, message: `parameter jadwal '${k}' tidak dikenal` }];
    if (v < p.min) return [{ path: `schedule.${k}`, message: `${p.name} minimal ${p.min} (${p.unit})` }];
    return [];
  });
  if (issues.length) throw new ApiError(422, 'invalid_schedule', 'Jadwal tidak memenuhi batas minimal.', { issues });
}

async function checkAssignments(db: Knex, actor: ActorRef, body: z.infer<typeof CreatePackageBody>) {
  const users = await findUsers(db, [...body.pokja, body.paKpa]);
  const byId = new Map(users.map((u) => [u.id as string, u.roles as Role[]]));
  const issues: { path: string; message: string }[] = [];
  body.pokja.forEach((id, i) => {
    if (!byId.get(id)?.includes('pokja')) issues.push({ path: `pokja.${i}`, message: `'${id}' bukan anggota Pokja` });
  });
  if (!byId.get(body.paKpa)?.includes('pa_kpa')) issues.push({ path: 'paKpa', message: `'${body.paKpa}' bukan PA/KPA` });
  // Conflict of interest (Perpres 16/2018 Pasal 7): the PPK of a package cannot sit in its Pokja.
  if (body.pokja.includes(actor.id)) issues.push({ path: 'pokja', message: 'PPK paket tidak boleh menjadi anggota Pokja' });
  if (issues.length) throw new ApiError(422, 'invalid_assignment', 'Penugasan pejabat tidak sah.', { issues });
}

export async function createPackage(
  deps: CreateDeps,
  actor: ActorRef,
  body: z.infer<typeof CreatePackageBody>,
  idempotencyKey?: string,
) {
  const definition = definitionForMethod(body.method);
  if (!definition) throw new ApiError(422, 'unknown_method', `Metode '${body.method}' belum tersedia.`);
  checkSchedule(definition, body.schedule ?? {});
  await checkAssignments(deps.db, actor, body);

  const packageId = newPackageId(actor.id, idempotencyKey);
  const input: PackageInput = {
    packageId,
    definition,
    facts: {
      title: body.title,
      opd: body.opd,
      workUnit: body.workUnit,
      category: body.category,
      pagu: body.pagu,
      hps: body.hps,
      fiscalYear: body.fiscalYear,
      ...(body.description ? { description: body.description } : {}),
    },
    assignments: { ppk: [actor.id], pokja: body.pokja, pa_kpa: [body.paKpa] },
    schedule: body.schedule ?? {},
    calendar: DEFAULT_CALENDAR,
    timeScale: deps.timeScale,
    createdBy: actor,
  };
  const workflowId = workflowIdOf(packageId);
  try {
    await deps.client.workflow.start(packageProcess, {
      workflowId,
      taskQueue: deps.taskQueue,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e; // a retried create: the package exists
  }
  const now = new Date();
  await insertPackageRow(deps.db, {
    id: packageId,
    workflow_id: workflowId,
    title: body.title,
    opd: body.opd,
    work_unit: body.workUnit,
    category: body.category,
    method: definition.method,
    definition_id: definition.id,
    definition_version: definition.version,
    fiscal_year: body.fiscalYear,
    pagu: body.pagu,
    hps: body.hps,
    status: 'active',
    stage_id: definition.start,
    stage_name: definition.nodes.find((n) => n.id === definition.start)!.name,
    created_by: actor.id,
    created_at: now,
    updated_at: now,
    last_seq: 0,
  });
  return { packageId, workflowId };
}

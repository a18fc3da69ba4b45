/**
 * Creating a package: the API's side of the one way a package starts (activities/start-package.ts, shared with the
 * follow-up packages): the package id, the facts and officers from the form, and 503 while Temporal is away. A start
 * refused by its checks (domain/process/start-checks.ts) answers 422 with the refusal's code, message and details.
 */
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { calendarRefFor } from '../../runtime/calendar-ref-for';
import { officeHoursFromEnv } from '../../runtime/calendar';
import { type Officers, StartRefused } from '../../domain/process/start-checks';
import type { ActorRef } from '../../domain/process/state';
import { startPackage } from '../../activities/start-package';
import { ApiError } from '../errors';
import { whileTemporalAnswers } from '../temporal-reachability';
import type { CreatePackageBody } from '../schemas';

// Where the convention lives now; kept here for the importers not yet moved (api/routes/packages.ts, bench, tests).
export { workflowIdOf } from '../../domain/process/workflow-id';

export interface CreateDeps {
  db: Knex;
  client: Client;
  taskQueue: string;
  timeScale: number;
}

type CreateBody = z.infer<typeof CreatePackageBody>;

/** With an Idempotency-Key the id is derived from it, so a retried create cannot start a second workflow. */
function newPackageId(actorId: string, idempotencyKey?: string): string {
  if (!idempotencyKey) return `pkt-${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  return `pkt-${createHash('sha256').update(`${actorId}\n${idempotencyKey}`).digest('hex').slice(0, 20)}`;
}

/** The officers the PPK names in the form, by role; the PPK is the creator. */
function officersOf(actor: ActorRef, body: CreateBody): Officers {
  return {
    ppk: [actor.id],
    pa_kpa: [body.paKpa],
    ...(body.pokja?.length ? { pokja: body.pokja } : {}),
    ...(body.pejabatPengadaan ? { pejabat_pengadaan: [body.pejabatPengadaan] } : {}),
    ...(body.kepalaUkpbj ? { kepala_ukpbj: [body.kepalaUkpbj] } : {}),
  };
}

export async function createPackage(deps: CreateDeps, actor: ActorRef, body: CreateBody, idempotencyKey?: string) {
  const packageId = newPackageId(actor.id, idempotencyKey);
  try {
    const started = await startPackage(deps, {
      packageId,
      method: body.method,
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
      officers: officersOf(actor, body),
      schedule: body.schedule ?? {},
      // Libur nasional and cuti bersama of this year and the next two, resolved here (not in the workflow) so the
      // package keeps the dates it was created with and its deadlines replay deterministically.
      // Named by year and frozen version (domain/calendar/frozen): the workflow resolves the same dates for life.
      calendar: { calendarRef: calendarRefFor(Date.now(), officeHoursFromEnv()) },
      timeScale: deps.timeScale,
      createdBy: actor,
      searchAttributes: true,
      // With Temporal away: 503 temporal_unavailable within seconds, and no row written (api/temporal-reachability.ts).
      around: (workflowId, start) => whileTemporalAnswers(deps.client, workflowId, start, { packageId }),
    });
    return { packageId, workflowId: started.workflowId };
  } catch (e) {
    if (e instanceof StartRefused) throw new ApiError(422, e.code, e.message, e.details);
    throw e;
  }
}

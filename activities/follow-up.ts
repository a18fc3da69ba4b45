/**
 * Starts the package that follows a failed one (re-tender, or Penunjukan Langsung after approval; Perpres 16/2018
 * Pasal 51). Idempotent: the new package id is derived from the failed package and the stage that asked, so a
 * retried activity finds the workflow already started and returns the same link. The read model keeps the link in
 * packages.previous_package_id, so the failed package and its follow-up count as one budget line (monitoring).
 */
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { insertPackageRow, startingPackageRow } from '../db/queries/packages';
import type { PackageInput, PackageStart } from '../domain/process/state';
import { definitionForMethod } from '../workflows/definitions';
import { startSearchAttributes } from '../workflows/search-attributes';
import { originCalendar, type RunServiceInput } from './types';

export interface FollowUpDeps {
  db: Knex;
  client: Client;
  taskQueue: string;
}

export async function startFollowUpPackage(deps: FollowUpDeps, ctx: RunServiceInput, method: string, reason: string) {
  const definition = definitionForMethod(method);
  if (!definition) throw new Error(`no process definition for method '${method}'`);
  const packageId = `pkt-${createHash('sha256').update(`${ctx.packageId}\n${ctx.node}\n${method}`).digest('hex').slice(0, 20)}`;
  const workflowId = `paket-${packageId}`;
  const facts = { ...ctx.origin.facts, previousPackageId: ctx.packageId, followUpReason: reason };
  const input: PackageStart = {
    packageId,
    definitionRef: { id: definition.id, version: definition.version },
    facts,
    // The officers in effect: the Pokja the head of the UKPBJ assigned (data.assignments) over the creation's.
    assignments: { ...ctx.origin.assignments, ...((ctx.data.assignments as PackageInput['assignments'] | undefined) ?? {}) },
    schedule: {},
    ...originCalendar(ctx.origin),
    timeScale: ctx.origin.timeScale,
    createdBy: ctx.origin.createdBy,
  };
  try {
    await deps.client.workflow.start('packageProcess', {
      workflowId,
      taskQueue: deps.taskQueue,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      // Only where the failed package has them: the time-skipping test server registers none and refuses unknown ones.
      ...(ctx.searchAttributes ? { typedSearchAttributes: startSearchAttributes(input, definition, Date.now()) } : {}),
    });
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
  await insertPackageRow(
    deps.db,
    startingPackageRow({ packageId, definition, facts, createdBy: ctx.origin.createdBy.id, at: new Date(), previousPackageId: ctx.packageId }),
  );
  // The new workflow's first read-model batch may have written the row before us (its insert wins, without the
  // link): set the link either way. Idempotent: the same value every time.
  await deps.db('packages').where({ id: packageId }).whereNull('previous_package_id').update({ previous_package_id: ctx.packageId });
  return { packageId, method, reason };
}

/**
 * Starts the package that follows a failed one (re-tender, or Penunjukan Langsung after approval; Perpres 16/2018
 * Pasal 51) the one way every package starts (./start-package.ts): the same checks as a create, the same workflow
 * start and starting row. Idempotent: the new package id is derived from the failed package and the stage that
 * asked, so a retried activity finds the package started and returns the same link. The read model keeps the link in
 * packages.previous_package_id, so the failed package and its follow-up count as one budget line (monitoring).
 */
import { createHash } from 'node:crypto';
import { getPackageRow, linkPreviousPackage } from '../db/queries/packages';
import { OFFICER_ROLES, type Role } from '../domain/process/definition';
import { type Officers, StartRefused } from '../domain/process/start-checks';
import type { PackageInput } from '../domain/process/state';
import { definitionForMethod, getDefinition } from '../workflows/definitions';
import { startPackage, type StartDeps, type StartRequest } from './start-package';
import { originCalendar, type RunServiceInput } from './types';

export type FollowUpDeps = StartDeps;

/**
 * What the service stores at data.followUp: the link, or the refusal the create would have answered (422) for the
 * same package. A refused follow-up starts nothing; the failed package ends as its definition says and the PPK sees
 * why in its data (the console shows no link), then creates the package by hand once the cause is fixed.
 */
export type FollowUpResult =
  | { packageId: string; method: string; reason: string }
  | { method: string; reason: string; refused: { code: string; message: string; details: Record<string, unknown> } };

export const followUpPackageId = (failedPackageId: string, node: string, method: string) =>
  `pkt-${createHash('sha256').update(`${failedPackageId}\n${node}\n${method}`).digest('hex').slice(0, 20)}`;

/** The start of the follow-up: the failed package's facts, officers, schedule, calendar and creator. */
export function followUpRequest(ctx: RunServiceInput, method: string, reason: string): StartRequest {
  const definition = definitionForMethod(method); // absent: startPackage refuses it as unknown_method
  const known = (r: Role) => !definition || r === 'ppk' || r === 'pa_kpa' || definition.roles.includes(r) || definition.assignments.includes(r);
  // The officers in effect: the ones the head of the UKPBJ assigned (data.assignments) over the creation's, as far as
  // the new method has a place for them (a PPK creating a package of that method could name no others).
  const merged = { ...ctx.origin.assignments, ...((ctx.data.assignments as PackageInput['assignments'] | undefined) ?? {}) };
  const officers: Officers = Object.fromEntries(OFFICER_ROLES.filter((r) => merged[r]?.length && known(r)).map((r) => [r, merged[r]]));
  // The schedule is kept: the creation's values, the Pokja's (data.schedule) over them. A switch of method keeps the
  // periods both methods have, counted in the same unit (Penunjukan Langsung counts its SPPBJ in working days, a
  // tender in calendar days: that one starts at the new method's default); the others have no place in the new
  // method, where a create would refuse them as unknown. The values kept still pass the new method's bounds.
  const failedDefinition = getDefinition(ctx.origin.definitionId);
  const sameUnit = (k: string) => !definition || (definition.params[k] !== undefined && definition.params[k].unit === failedDefinition?.params[k]?.unit);
  const kept = { ...(ctx.origin.schedule ?? {}), ...((ctx.data.schedule as Record<string, number> | undefined) ?? {}) };
  const schedule = Object.fromEntries(Object.entries(kept).filter(([k]) => sameUnit(k)));
  // The new package is checked against the method rules in force on its own start day and records that rule set.
  const { ruleSet: _ruleSet, ...facts } = { ...ctx.origin.facts, previousPackageId: ctx.packageId, followUpReason: reason };
  return {
    packageId: followUpPackageId(ctx.packageId, ctx.node, method),
    method,
    facts,
    officers,
    schedule,
    calendar: originCalendar(ctx.origin),
    timeScale: ctx.origin.timeScale,
    createdBy: ctx.origin.createdBy,
    carried: true,
    // Only where the failed package has them: the time-skipping test server registers none and refuses unknown ones.
    searchAttributes: Boolean(ctx.searchAttributes),
  };
}

export async function startFollowUpPackage(deps: FollowUpDeps, ctx: RunServiceInput, method: string, reason: string): Promise<FollowUpResult> {
  const request = followUpRequest(ctx, method, reason);
  const { packageId } = request;
  // A retry after the start finds the package (its row is written right after the start), whatever the checks would
  // say now (a rule set that changed at midnight, an officer deactivated since): a started package is not refused.
  if (!(await getPackageRow(deps.db, packageId))) {
    try {
      await startPackage(deps, request);
    } catch (e) {
      if (!(e instanceof StartRefused)) throw e;
      return { method, reason, refused: { code: e.code, message: e.message, details: e.details } };
    }
  }
  // The new workflow's first read-model batch may have written the row before us, without the link on a worker whose
  // read model does not take it from the facts: set the link either way. Idempotent: the same value every time.
  await linkPreviousPackage(deps.db, packageId, ctx.packageId);
  return { packageId, method, reason };
}

/**
 * Drives a running `packageProcess` workflow through a Temporal client handle: steps as updates, waits on the
 * `packageState` query. Shared by the durability test and bin/record-history.ts.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PackageView, StepCommand } from '../../domain/process/engine';
import type { Knex } from 'knex';
import type { ActorRef, PackageInput } from '../../domain/process/state';
import { workflowPayload } from './sealing';
import { packageState, performStep, type packageProcess, type StepAnswer } from '../../workflows/package-process';

export type PackageHandle = WorkflowHandle<typeof packageProcess>;

/**
 * Performs one step and resolves with the view once the read model holds it. A collegial Pokja step (ActionDef.collegial)
 * only becomes a proposal; `step` then has a second assigned member agree (secondVote), so drivers keep moving. Tests of
 * the collegial rule itself use `proposeOnly`.
 */
export async function step(handle: PackageHandle, action: string, actor: ActorRef, payload: unknown = {}): Promise<PackageView> {
  const view = await proposeOnly(handle, action, actor, payload);
  const voted = await secondVote(view, action, actor, (a, p) => proposeOnly(handle, 'vote_decision', a, p));
  return (voted as PackageView | undefined) ?? view;
}

/** Performs one step as it is: a collegial step stays a proposal until other members vote. */
export async function proposeOnly(handle: PackageHandle, action: string, actor: ActorRef, payload: unknown = {}): Promise<PackageView> {
  // A step answers where the package is (StepAnswer); the tests look at the whole state, so they ask for it.
  await performRetryingHandover(handle, { action, actor, payload });
  return handle.query(packageState);
}

/**
 * Performs a step, sending it again while the package hands over to its next run (503 process_handover: refused,
 * retryable, for the moment a continue-as-new takes), as a client retries a 503 with the same Idempotency-Key.
 */
export async function performRetryingHandover(handle: PackageHandle, cmd: StepCommand): Promise<StepAnswer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await handle.executeUpdate(performStep, { args: [cmd] });
    } catch (e) {
      if (attempt >= 100 || refusalOf(e)?.code !== 'process_handover') throw e;
      await sleep(20);
    }
  }
}

/** A Pokja member other than `id`, as an actor (the tests' members carry no other facts). */
export const pokjaMember = (id: string): ActorRef => ({ id, name: id, roles: ['pokja'], org: 'ukpbj' });

/**
 * When `action` by `actor` left a proposal in the view (data.proposals[action]), another assigned Pokja member agrees
 * through `vote` (2 of 3 decide); returns what the vote answered, or undefined when there was nothing to approve.
 */
export async function secondVote<V extends Pick<PackageView, 'data' | 'assignments'>>(
  view: V,
  action: string,
  actor: Pick<ActorRef, 'id'>,
  vote: (voter: ActorRef, payload: Record<string, unknown>) => Promise<unknown>,
): Promise<unknown> {
  const proposal = (view.data.proposals as Record<string, { by: string; votes: { by: string }[] }> | undefined)?.[action];
  if (!proposal || proposal.by !== actor.id) return undefined;
  const voted = new Set([proposal.by, ...proposal.votes.map((v) => v.by)]);
  const other = (view.assignments.pokja ?? []).find((id) => !voted.has(id));
  if (!other) return undefined;
  return vote(pokjaMember(other), { action, agree: true });
}

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/** The refusal a step was answered with (the StepRefused ApplicationFailure's details), or undefined if it is not one. */
export function refusalOf(e: unknown): Refusal | undefined {
  const cause = e instanceof WorkflowUpdateFailedError ? e.cause : e;
  if (!(cause instanceof ApplicationFailure) || cause.type !== 'StepRefused') return undefined;
  const d = (cause.details?.[0] ?? {}) as { status?: number; code?: string };
  return { status: d.status ?? 0, code: d.code ?? '', message: cause.message };
}

/** Performs a step that must be refused; returns the refusal. */
export async function refusedStep(handle: PackageHandle, action: string, actor: ActorRef, payload: unknown = {}): Promise<Refusal> {
  try {
    await step(handle, action, actor, payload);
  } catch (e) {
    const r = refusalOf(e);
    if (r) return r;
    throw e;
  }
  throw new Error(`step '${action}' by ${actor.id} was expected to be refused but was accepted`);
}

/**
 * Polls the live state until `done(view)` holds. Query errors (no worker yet, sticky queue not answering) are
 * retried until the timeout, then reported with the last view seen.
 */
export async function waitForView(
  handle: PackageHandle,
  done: (v: PackageView) => boolean,
  what: string,
  timeoutMs = 60_000,
  intervalMs = 100,
): Promise<PackageView> {
  const deadline = Date.now() + timeoutMs;
  let last: PackageView | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await handle.query(packageState);
      if (done(last)) return last;
    } catch (e) {
      lastError = e;
    }
    await sleep(intervalMs);
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}; last stage ${last?.stage.id ?? '?'} (seq ${last?.seq ?? '?'})` +
      (lastError instanceof Error ? `; last query error: ${lastError.message}` : ''),
  );
}

/** Waits until the package is in stage `stageId`. */
export function waitForStage(handle: PackageHandle, stageId: string, timeoutMs = 60_000): Promise<PackageView> {
  return waitForView(handle, (v) => v.stage.id === stageId, `stage '${stageId}'`, timeoutMs);
}

/** A bid as the API sends it: sealed into the test database first, the workflow gets the envelope (sealing.ts). */
export async function bid(
  db: Knex,
  handle: PackageHandle,
  pkg: Pick<PackageInput, 'definition' | 'packageId'>,
  actor: ActorRef,
  content: Record<string, unknown>,
  action = 'submit_bid',
): Promise<PackageView> {
  return step(handle, action, actor, await workflowPayload(db, { ...pkg, action, vendorId: actor.id, payload: content }));
}

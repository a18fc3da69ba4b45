/**
 * Turns Temporal client errors into API refusals: a validator's StepRefused keeps its status, code and details; a
 * Temporal server limit becomes a refusal naming it (api/temporal-limits.ts has the table: in-flight updates and rate
 * limits 503 process_busy + Retry-After, total updates per run 429, a run the server ended at a history limit 409,
 * blob size 413; a server that does not answer 503 temporal_unavailable; never a 500).
 */
import {
  ApplicationFailure,
  type Client,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { textOf } from '../domain/text';
import { isTemporalUnreachable, temporalUnavailable } from './dependency-errors';
import { ApiError } from './errors';
import { endedByLimit, limitRefusal } from './temporal-limits';

export function fromTemporal(err: unknown, packageId: string): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const f = err.cause;
    if (f.type === 'StepRefused') {
      const d = (f.details?.[0] ?? {}) as { status?: number; code?: string; details?: Record<string, unknown> };
      return new ApiError(d.status ?? 409, d.code ?? 'step_refused', f.message, d.details ?? {});
    }
  }
  const limit = limitRefusal(err, packageId);
  if (limit) return limit;
  // The server rejected the update because the worker's task did not take it up (a task that raced the update, seen
  // with tiny in-flight limits): nothing was applied, and the same Idempotency-Key may be sent again.
  if (
    err instanceof WorkflowUpdateFailedError &&
    /wasn't processed by worker|was not processed by worker/i.test(`${err.message} ${err.cause?.message ?? ''}`)
  ) {
    return new ApiError(503, 'step_pending', 'Langkah belum terkonfirmasi; ulangi dengan Idempotency-Key yang sama.', { packageId });
  }
  // The same when the workflow task carrying the update failed (FAILED_PRECONDITION "unexpected workflow task failure":
  // e.g. the server refused the task because a timer fired during it). The update was not accepted; the task is retried.
  // Seen in bench/city-year.ts as a 500 on accept_receipt.
  if (/unexpected workflow task failure/i.test(`${(err as Error)?.message ?? ''} ${(err as { details?: string })?.details ?? ''}`)) {
    return new ApiError(503, 'step_pending', 'Langkah belum terkonfirmasi; ulangi dengan Idempotency-Key yang sama.', { packageId });
  }
  if (err instanceof WorkflowNotFoundError || (err as { code?: number })?.code === 5 /* gRPC NOT_FOUND */) {
    return new ApiError(409, 'package_not_running', `Paket ${packageId} tidak sedang berjalan.`, { packageId });
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    // The step may still be applied (no worker picked it up in time); a retry with the same Idempotency-Key is safe.
    return new ApiError(503, 'step_pending', 'Langkah belum terkonfirmasi; ulangi dengan Idempotency-Key yang sama.', {
      packageId,
    });
  }
  // After the update's own timeout above (a DEADLINE_EXCEEDED there is a slow worker, not a server that is away).
  if (!(err instanceof ApiError) && isTemporalUnreachable(err)) return Object.assign(temporalUnavailable({ packageId }), { cause: err });
  return err;
}

/**
 * fromTemporal, and for a run that is gone, whether the server ended it at a history limit: the update only says the
 * run is completed, the reason is in its last event (one more read, on this rare path only).
 */
export async function fromTemporalExplained(err: unknown, packageId: string, client: Client, workflowId: string): Promise<unknown> {
  const mapped = fromTemporal(err, packageId);
  if (mapped instanceof ApiError && mapped.code === 'package_not_running') return (await endedByLimit(client, workflowId, packageId)) ?? mapped;
  // The step that pushed the history over the limit: accepted, then its run ended before it answered.
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === 'AcceptedUpdateCompletedWorkflow') {
    return (await endedByLimit(client, workflowId, packageId, true)) ?? mapped;
  }
  return mapped;
}

/**
 * Whether a package whose update found no workflow is only about to run: the server has no run of `workflowId` yet
 * (NOT_FOUND of the workflow, not of the namespace), or has one running now that was started after the update was
 * refused (seen in bench/city-year.ts: the E-Kontrak child started between the two calls). A run that has ended is
 * not. Unknown (any other failure) counts as ended, so the caller keeps the plain refusal.
 */
export async function aboutToRun(client: Client, workflowId: string): Promise<boolean> {
  try {
    const d = await client.workflowService.describeWorkflowExecution({ namespace: client.options.namespace, execution: { workflowId } });
    return d.workflowExecutionInfo?.status === temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  } catch (e) {
    const err = e as { code?: unknown; details?: unknown; message?: unknown };
    return err.code === 5 /* gRPC NOT_FOUND */ && !/namespace/i.test(textOf(err.details ?? err.message));
  }
}

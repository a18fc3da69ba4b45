/** Turns Temporal client errors into API refusals: a validator's StepRefused keeps its status, code and details. */
import {
  ApplicationFailure,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApiError } from './errors';

export function fromTemporal(err: unknown, packageId: string): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const f = err.cause;
    if (f.type === 'StepRefused') {
      const d = (f.details?.[0] ?? {}) as { status?: number; code?: string; details?: Record<string, unknown> };
      return new ApiError(d.status ?? 409, d.code ?? 'step_refused', f.message, d.details ?? {});
    }
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
  return err;
}

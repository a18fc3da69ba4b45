/**
 * Temporal server limits as API refusals (issue 14 point 2): a package that reaches one is told which limit, in Bahasa
 * Indonesia, never with a 500. What Temporal 1.32 (the dev server of .tools/) answers and what @temporalio/client 1.24
 * makes of it, as measured against the real server (tests/temporal-limits.test.ts provokes the first four):
 *
 *   history.maxInFlightUpdates (10)  ServiceError ← RESOURCE_EXHAUSTED (8) "limit on number of concurrent in-flight
 *                                    updates has been reached (N)"              → 503 process_busy + Retry-After
 *   frontend.namespaceRPS etc.       ServiceError ← RESOURCE_EXHAUSTED (8) "namespace rate limit exceeded"
 *                                                                               → 503 process_busy + Retry-After
 *   history.maxTotalUpdates (2000)   ServiceError ← FAILED_PRECONDITION (9) "The limit on the total number of distinct
 *                                    updates in this workflow has been reached (N). …"
 *                                                                               → 429 process_limit_reached + Retry-After
 *   limit.historyCount.error,        the server terminates the run (reason "Workflow history count|size exceeds
 *   limit.historySize.error          limit.", identity history-service); later calls: WorkflowNotFoundError "workflow
 *                                    execution already completed" (NOT_FOUND)   → 409 process_limit_reached
 *   limit.blobSize.error             on start: ServiceError ← INVALID_ARGUMENT (3) "Blob data size exceeds limit."
 *                                                                               → 413 process_limit_reached
 *
 * Transient (retryable: true): in-flight updates end within seconds and rate windows pass. The client already retries
 * RESOURCE_EXHAUSTED itself (10 attempts, ~35 s of backoff), so the API answers 503 only when the pressure outlasts
 * that. The total-updates cap holds for one run: the workflow continues as new once the server suggests it, and the
 * next run takes steps again, hence 429 with Retry-After rather than a plain conflict. A history limit ends the run
 * for good (an admin must restart the package); a blob that is too big stays too big. A step payload cannot reach the
 * blob limit through the API (bodies are capped at 100 kB, the limit is 2 MB); a too-big workflow-made payload fails
 * the worker's task instead (no answer: 503 step_pending), which compact step results avoid.
 */
import type { Client } from '@temporalio/client';
import { textOf } from '../domain/text';
import { ApiError } from './errors';

/** The gRPC status of a client error: on the error itself or on its causes (ServiceError wraps it). */
function grpcStatusOf(err: unknown): { code: number; details: string } | undefined {
  let e = err as { code?: unknown; details?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++, e = e.cause as typeof e) {
    if (typeof e.code === 'number') return { code: e.code, details: textOf(e.details ?? e.message) };
  }
  return undefined;
}

const GRPC_INVALID_ARGUMENT = 3;
const GRPC_RESOURCE_EXHAUSTED = 8;
const GRPC_FAILED_PRECONDITION = 9;

const RETRY_LATER = 'ulangi sebentar lagi dengan Idempotency-Key yang sama';

/** The refusal for a Temporal limit the error reports, or undefined when it is no limit. */
export function limitRefusal(err: unknown, packageId?: string): ApiError | undefined {
  const s = grpcStatusOf(err);
  if (!s) return undefined;
  const ids = packageId ? { packageId } : {};
  const paket = packageId ? `paket ${packageId}` : 'paket';
  if (s.code === GRPC_RESOURCE_EXHAUSTED) {
    if (/in-flight updates/i.test(s.details)) {
      return new ApiError(
        503,
        'process_busy',
        `P${paket.slice(1)} sedang memproses terlalu banyak langkah sekaligus (batas Temporal history.maxInFlightUpdates). ` +
          `Langkah ini belum diterapkan; ${RETRY_LATER}.`,
        { limit: 'history.maxInFlightUpdates', ...ids, retryable: true },
      );
    }
    const limit = /namespace rate limit/i.test(s.details) ? 'frontend.namespaceRPS' : 'temporal.resourceExhausted';
    return new ApiError(
      503,
      'process_busy',
      `Server proses sedang menerima terlalu banyak permintaan (batas Temporal ${limit}). Permintaan ini belum diproses; ${RETRY_LATER}.`,
      { limit, ...ids, retryable: true },
    );
  }
  if (s.code === GRPC_FAILED_PRECONDITION && /total number of distinct updates/i.test(s.details)) {
    return new ApiError(
      429,
      'process_limit_reached',
      `Proses ${paket} sudah menerima jumlah langkah maksimum untuk satu putaran (batas Temporal history.maxTotalUpdates). ` +
        'Langkah ini tidak diterapkan. Proses berlanjut dalam putaran baru; ulangi sebentar lagi, dan bila tetap ditolak hubungi admin.',
      { limit: 'history.maxTotalUpdates', ...ids, retryable: true },
    );
  }
  if (s.code === GRPC_INVALID_ARGUMENT && /blob data size exceeds limit/i.test(s.details)) {
    return new ApiError(
      413,
      'process_limit_reached',
      'Data proses paket melampaui ukuran yang diterima server Temporal (batas limit.blobSize.error). ' +
        'Tidak ada yang diubah; perkecil isian atau hubungi admin.',
      { limit: 'limit.blobSize.error', ...ids, retryable: false },
    );
  }
  return undefined;
}

/** Termination reasons the history service writes when a run outgrows a limit, by the limit's dynamic-config key. */
const TERMINATED_AT: [RegExp, string][] = [
  [/history count exceeds limit/i, 'limit.historyCount.error'],
  [/history size exceeds limit/i, 'limit.historySize.error'],
  [/mutable state size exceeds limit/i, 'limit.mutableStateSize.error'],
];

/**
 * Whether the package's latest run was ended by the server at a history limit: its last event (one event read, newest
 * first, however long the history) is a termination with one of the server's own reasons. Undefined otherwise, also
 * when Temporal cannot be asked. `during`: the step was accepted and the run ended before it answered (the step that
 * pushed the history over): its read-model write may already be done, so it is not said to be unapplied.
 */
export async function endedByLimit(client: Client, workflowId: string, packageId: string, during = false): Promise<ApiError | undefined> {
  let reason: string | undefined;
  try {
    const res = await client.workflowService.getWorkflowExecutionHistoryReverse({
      namespace: client.options.namespace,
      execution: { workflowId },
      maximumPageSize: 1,
    });
    reason = res.history?.events?.[0]?.workflowExecutionTerminatedEventAttributes?.reason ?? undefined;
  } catch {
    return undefined;
  }
  const limit = reason ? TERMINATED_AT.find(([re]) => re.test(reason))?.[1] : undefined;
  if (!limit) return undefined;
  const what = during ? 'Langkah ini sedang berjalan saat proses dihentikan dan mungkin sudah tercatat pada data paket' : 'Langkah tidak diterapkan';
  return new ApiError(
    409,
    'process_limit_reached',
    `Proses paket ${packageId} dihentikan server Temporal karena riwayatnya melampaui batas (${limit}). ${what}; hubungi admin untuk memulihkan paket.`,
    { limit, packageId, retryable: false, reason, ...(during ? { stepRecorded: 'unknown' } : {}) },
  );
}

/**
 * Bounds a Temporal call by whether the server answers at all, not by how long the call takes (issue 15 point 8).
 *
 * A step is a Workflow Update that waits for the worker: with a busy or absent worker it may rightly take long, and
 * then keeps its own answers (it completes once a worker is back, or 503 step_pending). A plain deadline on the step
 * could not tell that from a server that is gone, where the client's default retries of UNAVAILABLE made the API
 * answer a 500 after ~20 s. So the call runs as before, and once it has taken PROBE_AFTER_MS the server is asked a
 * cheap question with a short deadline: DescribeWorkflowExecution of the same workflow, which the frontend forwards to
 * the history service that owns it (GetSystemInfo is answered by the frontend alone, and said "ok" while the history
 * service was dead). A server that answers (NOT_FOUND included) is there: the call goes on and is asked about again
 * every PROBE_EVERY_MS. One that does not → the call is cancelled and the API answers 503 temporal_unavailable, at most
 * PROBE_AFTER_MS + PROBE_DEADLINE_MS after the request (3.5 s; measured 3.6 s against a server that takes the
 * connection and never answers; a server that refuses it is known sooner, ~1.8 s, from the call's own UNAVAILABLE).
 */
import type { Client } from '@temporalio/client';
import { isTemporalUnreachable, temporalUnavailable } from './dependency-errors';

/** Most steps answer before this and are never probed; a slower one costs one cheap read every PROBE_EVERY_MS. */
const PROBE_AFTER_MS = 500;
/**
 * A server that cannot describe one workflow in this time is taken as away (under load it still answers in ms). Long
 * enough for one of the client's RESOURCE_EXHAUSTED retries (after ≤ 2 s): a rate-limited server is there, and its
 * step keeps its own answer (503 process_busy); only a limit that outlasts the retry reads as away.
 */
export const PROBE_DEADLINE_MS = 3_000;
const PROBE_EVERY_MS = 3_000;
const GRPC_NOT_FOUND = 5;
const GRPC_DEADLINE_EXCEEDED = 4;

/**
 * Asks the server about `workflowId` with a short deadline: undefined when it answered (an unknown workflow is an
 * answer), else the error. A timer backs the gRPC deadline, so a call stuck before it reaches the wire ends too.
 */
export async function probeTemporal(client: Client, workflowId: string, deadlineMs = PROBE_DEADLINE_MS): Promise<Error | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.withDeadline(Date.now() + deadlineMs, () =>
        client.workflowService.describeWorkflowExecution({ namespace: client.options.namespace, execution: { workflowId } }),
      ),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${deadlineMs} ms`), { code: GRPC_DEADLINE_EXCEEDED })), deadlineMs + 250);
      }),
    ]);
    return undefined;
  } catch (e) {
    const err = e as { code?: unknown; details?: unknown; message?: unknown };
    // NOT_FOUND of the workflow is the history service answering; of the namespace it is a real problem.
    if (err.code === GRPC_NOT_FOUND && !/namespace/i.test(String(err.details ?? err.message))) return undefined;
    return e instanceof Error ? e : new Error(String(e));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `fn` (Temporal calls about `workflowId`) until it settles, or until the server stops answering: then its calls
 * are cancelled and it rejects with 503 temporal_unavailable (with `details`). Errors of `fn` itself pass through
 * unchanged. The API's connection retries UNAVAILABLE briefly (runtime/temporal.ts, failFast), so a cancelled call's
 * retries end soon too.
 */
export async function whileTemporalAnswers<T>(client: Client, workflowId: string, fn: () => Promise<T>, details: Record<string, unknown> = {}): Promise<T> {
  const abort = new AbortController();
  const call = client.withAbortSignal(abort.signal, fn);
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  const away = new Promise<never>((_, reject) => {
    const ask = async () => {
      const err = await probeTemporal(client, workflowId);
      if (settled) return;
      // Any other answer (permission, a limit) means the server is there: the call's own error will say what.
      if (err && isTemporalUnreachable(err)) {
        abort.abort();
        // The server's address stays out of the answer; the log has it (errors.ts logs a 503 with its cause).
        reject(Object.assign(temporalUnavailable(details), { cause: err }));
        return;
      }
      timer = setTimeout(() => void ask(), PROBE_EVERY_MS);
    };
    timer = setTimeout(() => void ask(), PROBE_AFTER_MS);
  });
  try {
    return await Promise.race([call, away]);
  } finally {
    settled = true;
    clearTimeout(timer);
    // The loser settles later (the cancelled call) or never (the watch): neither is an unhandled rejection.
    call.catch(() => undefined);
    away.catch(() => undefined);
  }
}

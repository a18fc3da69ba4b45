/**
 * A dependency that cannot be reached is said as such (issue 15 point 8): 503 `temporal_unavailable` or
 * `database_unavailable` with Retry-After (api/errors.ts adds the header), never a 500. Only errors that mean "the
 * server is not there" count: a refusal the server did answer (a constraint, a NOT_FOUND, a limit) keeps its own
 * meaning, and a step that is merely slow (a busy or absent worker) keeps its 503 step_pending.
 */
import { textOf } from '../domain/text';
import { ApiError } from './errors';

type ErrorLike = { name?: unknown; code?: unknown; details?: unknown; message?: unknown; cause?: unknown; errors?: unknown };

/** The error and its causes (ServiceError wraps the gRPC error; Node's AggregateError lists one per address tried). */
function chainOf(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const visit = (e: unknown, depth: number) => {
    if (!e || typeof e !== 'object' || depth > 5) return;
    const x = e as ErrorLike;
    out.push(x);
    visit(x.cause, depth + 1);
    if (Array.isArray(x.errors)) x.errors.forEach((inner) => visit(inner, depth + 1));
  };
  visit(err, 0);
  return out;
}

const errorText = (e: ErrorLike) => `${textOf(e.message)} ${textOf(e.details)}`;

/** Socket-level failures: nobody listens, the peer went away, or the network does not lead there. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/**
 * Whether a Temporal client error means the server (frontend, or the history service behind it) did not answer:
 * gRPC UNAVAILABLE (after the client's own retries), a deadline the API set running out, or a connection that
 * could not be made. Only for calls that do not wait on a worker: an update's deadline becomes step_pending instead
 * (the SDK turns it into WorkflowUpdateRPCTimeoutOrCancelledError before it gets here).
 */
export function isTemporalUnreachable(err: unknown): boolean {
  return chainOf(err).some(
    (e) =>
      e.code === GRPC_UNAVAILABLE ||
      e.code === GRPC_DEADLINE_EXCEEDED ||
      /Failed to connect to Temporal server|No connection established|ECONNREFUSED|ECONNRESET|EHOSTUNREACH/i.test(errorText(e)),
  );
}

/**
 * Whether a database error means PostgreSQL cannot be reached: no connection to be had (refused, reset, timed out,
 * the pool's acquire timeout), or the server shutting down or starting up (57P01 admin_shutdown, 57P02
 * crash_shutdown, 57P03 cannot_connect_now), class 08 (connection exceptions), too many connections (53300).
 */
export function isDatabaseUnreachable(err: unknown): boolean {
  return chainOf(err).some((e) => {
    if (e.name === 'KnexTimeoutError') return true;
    if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || /^(57P0[123]|08...|53300)$/.test(e.code))) return true;
    return /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout expired/i.test(textOf(e.message));
  });
}

export function temporalUnavailable(details: Record<string, unknown> = {}): ApiError {
  return new ApiError(
    503,
    'temporal_unavailable',
    'Server proses (Temporal) sedang tidak dapat dihubungi, sehingga permintaan ini belum dapat dipastikan. Ulangi sebentar lagi ' +
      '(untuk langkah: dengan Idempotency-Key yang sama, yang tidak akan menerapkannya dua kali). Data paket tetap dapat dibaca.',
    { dependency: 'temporal', retryable: true, ...details },
  );
}

export function databaseUnavailable(details: Record<string, unknown> = {}): ApiError {
  return new ApiError(503, 'database_unavailable', 'Basis data sedang tidak dapat dihubungi. Permintaan ini tidak diproses; ulangi sebentar lagi.', {
    dependency: 'database',
    retryable: true,
    ...details,
  });
}

/**
 * The refusal for an error from a dependency that is away, or undefined. A gRPC error has a numeric code, a
 * database or socket error a string one: Temporal is asked first so that its connection errors (which quote
 * ECONNREFUSED too) are not taken for the database's.
 */
export function dependencyRefusal(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return undefined;
  const grpc = chainOf(err).some((e) => typeof e.code === 'number' || e.name === 'ServiceError');
  if (grpc) return isTemporalUnreachable(err) ? temporalUnavailable() : undefined;
  return isDatabaseUnreachable(err) ? databaseUnavailable() : undefined;
}

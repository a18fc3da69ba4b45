/**
 * One error shape for every refusal: { error: { code, message, details } }. Stack traces never leave the process.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { dependencyRefusal } from './dependency-errors';
import { indonesianIssue } from './zod-messages';

// Validation messages reach users (the console shows them next to the field): zod's own texts in Bahasa Indonesia.
z.config({ ...z.locales.id(), customError: indonesianIssue });

/** What a 503 tells a client to wait before retrying. */
export const RETRY_AFTER_SECONDS = 5;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .meta({ id: 'Error' });

/** Parses input with a zod schema or refuses it with 422 and the list of problems. */
export function parseOr422<T extends z.ZodType>(schema: T, input: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success) {
    throw new ApiError(422, 'validation_failed', `Isian ${where} tidak valid.`, {
      issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })),
    });
  }
  return r.data;
}

export const notFound: RequestHandler = (req, _res, next) => next(new ApiError(404, 'not_found', `Tidak ada sumber daya ${req.method} ${req.path}.`));

/** The 4xx status of an error raised by Express or a parser (http-errors: `status` with `expose`), else undefined. */
function clientErrorStatus(err: unknown): number | undefined {
  const e = err as { status?: unknown; statusCode?: unknown; expose?: unknown } | null;
  const status = Number(e?.status ?? e?.statusCode);
  return Number.isInteger(status) && status >= 400 && status < 500 && e?.expose !== false ? status : undefined;
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  // body-parser's errors say what went wrong in `type`; anything else may be thrown here, so read it as unknown
  const type = (err as { type?: unknown } | null | undefined)?.type;
  let e: ApiError;
  if (err instanceof ApiError) e = err;
  else if (type === 'entity.parse.failed') e = new ApiError(400, 'malformed_json', 'Badan permintaan bukan JSON yang sah.');
  else if (type === 'entity.too.large') e = new ApiError(413, 'payload_too_large', 'Badan permintaan terlalu besar.');
  else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    e = new ApiError(415, 'unsupported_encoding', 'Pengkodean permintaan tidak didukung.');
  } else if (dependencyRefusal(err)) {
    // PostgreSQL or Temporal is away (api/dependency-errors.ts): a 503 with Retry-After, the cause in the log only.
    e = dependencyRefusal(err)!;
    req.log?.warn({ err }, e.code);
  } else if (clientErrorStatus(err)) {
    // Express and its parsers refuse some input themselves (an undecodable %-escape in a path parameter); their
    // messages may quote the input, so only the status is kept.
    e = new ApiError(clientErrorStatus(err)!, 'bad_request', 'Permintaan tidak dapat diproses.');
  } else {
    req.log?.error({ err }, 'unhandled error');
    e = new ApiError(500, 'internal_error', 'Terjadi kesalahan pada server.');
  }
  if (e.status >= 500 && err instanceof ApiError) req.log?.error({ err }, e.message);
  if (res.headersSent) {
    // Part of an answer is out: a second one cannot follow, and ending normally would pass a cut answer as whole.
    if (e.status < 500) req.log?.error({ err }, 'error after the answer started');
    res.destroy();
    return;
  }
  // A dependency that is away is said quickly, with when to come back (every 503 carries Retry-After, and so does
  // every 429, as the OpenAPI document promises: a Temporal run at its update cap, api/temporal-limits.ts).
  if ((e.status === 503 || e.status === 429) && !res.getHeader('Retry-After')) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(e.status).json({ error: { code: e.code, message: e.message, details: e.details } });
};

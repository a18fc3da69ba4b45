/**
 * HTTP hardening for a JSON API: security headers (helmet), JSON-only request bodies, and two rate limits that
 * answer 429 with the structured error body — failed authentications per client IP (slows token guessing and
 * floods of bad tokens), and bid submissions per actor (a vendor hammering the bid endpoint). Limits are counted in
 * memory per API process; with several processes behind a load balancer each allows its own quota, and TRUST_PROXY
 * must name the proxy hops so the client IP is the real one.
 */
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import helmet from 'helmet';
import type pino from 'pino';
import { ApiError } from './errors';

export interface SecurityOptions {
  /** Requests that end in 401 allowed per client IP per minute; 0 turns the limit off. */
  authFailuresPerMin: number;
  /** Bid submissions allowed per actor (per IP without one) per minute; 0 turns the limit off. */
  bidsPerMin: number;
  /** Express `trust proxy`: how many proxy hops in front of the API set X-Forwarded-For (0: none). */
  trustProxy: number;
}

export const DEFAULT_SECURITY: SecurityOptions = { authFailuresPerMin: 20, bidsPerMin: 30, trustProxy: 0 };

function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new Error(`${name} must be a whole number from 0, got '${raw}'`);
  return n;
}

/** RATE_LIMIT_AUTH_PER_MIN, RATE_LIMIT_BIDS_PER_MIN and TRUST_PROXY, checked; a bad value stops the process. */
export function securityFromEnv(env: NodeJS.ProcessEnv = process.env): SecurityOptions {
  return {
    authFailuresPerMin: count(env, 'RATE_LIMIT_AUTH_PER_MIN', DEFAULT_SECURITY.authFailuresPerMin),
    bidsPerMin: count(env, 'RATE_LIMIT_BIDS_PER_MIN', DEFAULT_SECURITY.bidsPerMin),
    trustProxy: count(env, 'TRUST_PROXY', DEFAULT_SECURITY.trustProxy),
  };
}

/**
 * Helmet for an API that serves JSON, PDFs and BPMN XML and no pages: a CSP that allows nothing, no framing, no
 * referrer, HSTS; and no caching, since answers carry officers' and vendors' data.
 */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    }),
    (_req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
  ];
}

/**
 * A body must be JSON: express.json() passes any other content type through untouched, and a step would then run
 * with an empty payload instead of being refused. Requests without a body are fine, `Content-Length: 0` included
 * (fetch sends it on a bodiless POST; type-is would count it as a body).
 */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !req.is('application/json')) {
    throw new ApiError(415, 'unsupported_media_type', 'Badan permintaan harus berjenis application/json.', { expected: 'application/json' });
  }
  next();
};

const MINUTE = 60_000;

/** The rate-limit options both limiters share: one-minute window, structured 429, Retry-After, logs into pino. */
function limiterOptions(limit: number, what: string, logger: pino.Logger): Partial<Options> {
  return {
    windowMs: MINUTE,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    logger: {
      error: (err, msg) => logger.error({ err }, msg ?? 'rate limiter error'),
      warn: (err, msg) => logger.warn({ err }, msg ?? 'rate limiter warning'),
    },
    handler: (req, res) => {
      const resetTime = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfterSeconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + MINUTE) - Date.now()) / 1000));
      req.log?.warn({ limiter: what, retryAfterSeconds }, 'rate limited');
      res
        .status(429)
        .set('Retry-After', String(retryAfterSeconds))
        .json({
          error: {
            code: 'rate_limited',
            message: `Terlalu banyak ${what}; coba lagi dalam ${retryAfterSeconds} detik.`,
            details: { retryAfterSeconds },
          },
        });
    },
  };
}

const pass: RequestHandler = (_req, _res, next) => next();

/**
 * Counts only requests that end in 401, per client IP. Mount before authentication: once an IP is over the limit
 * every /api request from it is refused with 429 until the window ends, valid token or not, so guessing gains
 * nothing from mixing in good requests.
 */
export function authFailureLimiter(limitPerMin: number, logger: pino.Logger): RequestHandler {
  if (limitPerMin === 0) return pass;
  return rateLimit({
    ...limiterOptions(limitPerMin, 'autentikasi gagal', logger),
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
  });
}

/**
 * Bid submissions: any step whose id contains `bid` and POST …/bids. Mount on those two paths after
 * authentication, so the key is the actor (a vendor cannot escape the limit by changing IP); Express has already
 * decoded the task id, so `submit%5Fbid` is counted as `submit_bid`.
 */
export function bidLimiter(limitPerMin: number, logger: pino.Logger): RequestHandler {
  if (limitPerMin === 0) return pass;
  return rateLimit({
    ...limiterOptions(limitPerMin, 'pengajuan penawaran', logger),
    skip: (req) => {
      const taskId = req.params.taskId;
      return taskId !== undefined && !/bid/i.test(String(taskId));
    },
    keyGenerator: (req) => (req.actor ? `actor:${req.actor.id}` : `ip:${ipKeyGenerator(req.ip ?? '')}`),
  });
}

/** The paths bidLimiter is mounted on (Express patterns). */
export const BID_PATHS = ['/api/packages/:id/tasks/:taskId', '/api/packages/:id/bids'];

/**
 * HTTP hardening for a JSON API: security headers (helmet), JSON-only request bodies, and rate limits that answer
 * 429 with the structured error body: failed authentications (slows token guessing and floods of bad tokens) and bid
 * submissions per actor (a vendor hammering the bid endpoint). Limits are counted in memory per API process; with
 * several processes behind a load balancer each allows its own quota, and TRUST_PROXY must name the proxy hops so the
 * client IP is the real one.
 *
 * Failed authentications are counted per presented credential and per client IP, and a request with a valid token is
 * never refused because of them: a whole office behind one address (one NAT) must not be locked out because a few of
 * its browsers still hold expired tokens.
 */
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit, type Options } from 'express-rate-limit';
import helmet from 'helmet';
import { createHash } from 'node:crypto';
import type pino from 'pino';
import { AuthError, type TokenVerifier } from './auth/verifier';
import { ApiError } from './errors';

export interface SecurityOptions {
  /**
   * Requests that end in 401 allowed per client IP per minute; past it that IP's requests without a valid token get
   * 429 (valid tokens still pass). 0 turns every authentication-failure limit off.
   */
  authFailuresPerMin: number;
  /** Requests that end in 401 allowed per presented credential (the same Authorization header) per minute; 0: off. */
  authFailuresPerCredentialPerMin: number;
  /** Bid submissions allowed per actor (per IP without one) per minute; 0 turns the limit off. */
  bidsPerMin: number;
  /** Express `trust proxy`: how many proxy hops in front of the API set X-Forwarded-For (0: none). */
  trustProxy: number;
}

export const DEFAULT_SECURITY: SecurityOptions = { authFailuresPerMin: 20, authFailuresPerCredentialPerMin: 10, bidsPerMin: 30, trustProxy: 0 };

function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new Error(`${name} must be a whole number from 0, got '${raw}'`);
  return n;
}

/**
 * RATE_LIMIT_AUTH_PER_MIN, RATE_LIMIT_AUTH_PER_CREDENTIAL_PER_MIN, RATE_LIMIT_BIDS_PER_MIN and TRUST_PROXY, checked;
 * a bad value stops the process.
 */
export function securityFromEnv(env: NodeJS.ProcessEnv = process.env): SecurityOptions {
  return {
    authFailuresPerMin: count(env, 'RATE_LIMIT_AUTH_PER_MIN', DEFAULT_SECURITY.authFailuresPerMin),
    authFailuresPerCredentialPerMin: count(env, 'RATE_LIMIT_AUTH_PER_CREDENTIAL_PER_MIN', DEFAULT_SECURITY.authFailuresPerCredentialPerMin),
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
    handler: (req, res) => tooMany(req, res, (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime, what),
  };
}

/** The 429 answer: Retry-After until the window ends, the structured body in Bahasa Indonesia. */
function tooMany(req: Request, res: Response, resetTime: Date | undefined, what: string, details: Record<string, unknown> = {}): void {
  const retryAfterSeconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + MINUTE) - Date.now()) / 1000));
  req.log?.warn({ limiter: what, retryAfterSeconds, ...details }, 'rate limited');
  res
    .status(429)
    .set('Retry-After', String(retryAfterSeconds))
    .json({
      error: {
        code: 'rate_limited',
        message: `Terlalu banyak ${what}; coba lagi dalam ${retryAfterSeconds} detik.`,
        details: { retryAfterSeconds, ...details },
      },
    });
}

const pass: RequestHandler = (_req, _res, next) => next();

/**
 * Failed authentications (answers 401), counted per presented credential and per client IP. Mount right before
 * authentication, after the routes that need no token (public pages, sign-in), so only requests that need a token
 * are counted and refused:
 *  - a credential (the Authorization header, kept only as its SHA-256 in memory) that failed `perCredential` times
 *    in the window is refused outright: repeating an expired or forged token gains nothing;
 *  - an IP that produced `perIp` failures in the window refuses requests that bring no token or one that does not
 *    verify — the token is checked here first, so a colleague's valid token behind the same address still passes.
 */
export function authFailureLimiter(
  limits: Pick<SecurityOptions, 'authFailuresPerMin' | 'authFailuresPerCredentialPerMin'>,
  verifier: TokenVerifier,
  logger: pino.Logger,
): RequestHandler {
  const { authFailuresPerMin: perIp, authFailuresPerCredentialPerMin: perCredential } = limits;
  if (perIp === 0) return pass;
  const window = { windowMs: MINUTE } as Options;
  const ips = new MemoryStore();
  ips.init(window);
  const credentials = new MemoryStore();
  credentials.init(window);
  const countFailure = (store: MemoryStore, key: string) =>
    store.increment(key).catch((err: unknown) => logger.error({ err }, 'authentication failure not counted'));

  return async (req, res, next) => {
    try {
      const header = req.headers.authorization;
      const ipKey = ipKeyGenerator(req.ip ?? '');
      const credentialKey = header === undefined ? undefined : createHash('sha256').update(header, 'utf8').digest('hex');
      res.on('finish', () => {
        if (res.statusCode !== 401) return;
        void countFailure(ips, ipKey);
        if (credentialKey && perCredential > 0) void countFailure(credentials, credentialKey);
      });
      if (credentialKey && perCredential > 0) {
        const c = await credentials.get(credentialKey);
        if (c && c.totalHits >= perCredential) {
          return tooMany(req, res, c.resetTime, 'autentikasi gagal dengan token yang sama (masuk kembali untuk mendapatkan token baru)', {
            scope: 'credential',
          });
        }
      }
      const ip = await ips.get(ipKey);
      if (ip && ip.totalHits >= perIp && !(await carriesValidToken(verifier, header))) {
        return tooMany(req, res, ip.resetTime, 'autentikasi gagal dari alamat ini', { scope: 'ip' });
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

/**
 * Whether the request proves an identity: a bearer token the verifier accepts (a genuine identity it refuses with 403
 * counts: authentication answers that). A verifier that cannot be reached is not the client's failure: let it pass
 * and let authentication answer.
 */
async function carriesValidToken(verifier: TokenVerifier, header: string | undefined): Promise<boolean> {
  const token = header === undefined ? undefined : /^Bearer[ ]+([^\s]+)\s*$/i.exec(header)?.[1];
  if (!token) return false;
  try {
    await verifier.verify(token);
    return true;
  } catch (err) {
    return !(err instanceof AuthError) || err.status !== 401;
  }
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

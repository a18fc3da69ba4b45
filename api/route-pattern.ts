/**
 * The route pattern a request was answered by (`/api/packages/:id/tasks/:taskId`), for metric labels: a raw URL would
 * put package ids into label values, which are public on /metrics and unbounded in number.
 *
 * Express 5's router publishes every handler it runs on the `express.router.request` tracing channel, with the pattern
 * that matched (a mounted router's mount path, a route's own path). Mounts nest, so the full pattern is put together
 * per request: a mount's pattern is appended to its parent's, the parent found by taking as many segments off
 * `req.baseUrl` as the mount pattern has. The subscription is process-wide and only writes onto the request itself,
 * so several apps in one process (tests) share it harmlessly.
 */
import type { Request } from 'express';
import diagnosticsChannel from 'node:diagnostics_channel';

const START_CHANNEL = 'tracing:express.router.request:start';
const STATE = Symbol('pengadaan.routePattern');

interface RouteState {
  /** Actual base URL (with parameter values) → its pattern (with `:id`). */
  bases: Map<string, string>;
  /** The full pattern of the last route handler that ran. */
  route?: string;
}

interface TraceContext {
  req: Request & { [STATE]?: RouteState };
  layer: unknown;
  route?: unknown;
  errorHandler?: boolean;
}

let subscribed = false;

/** Starts recording route patterns on requests; idempotent. */
export function trackRoutePatterns(): void {
  if (subscribed) return;
  subscribed = true;
  diagnosticsChannel.subscribe(START_CHANNEL, (message) => onHandlerStart(message as TraceContext));
}

/** The pattern of the route that answered `req`, or undefined when no route did (a 404, a refusal by middleware). */
export function routePatternOf(req: Request): string | undefined {
  return (req as TraceContext['req'])[STATE]?.route;
}

const segments = (p: string) => p.split('/').filter(Boolean).length;
const join = (base: string, p: string) => (base + (p === '/' ? '' : p)).replace(/\/+$/, '') || '/';

function onHandlerStart(ctx: TraceContext): void {
  const req = ctx.req;
  if (!req || ctx.errorHandler || typeof ctx.route !== 'string') return;
  const state = (req[STATE] ??= { bases: new Map([['', '']]) });
  const base = req.baseUrl ?? '';
  const inRoute = Boolean(req.route && (req.route as { stack?: unknown[] }).stack?.includes(ctx.layer));
  if (inRoute) {
    const basePattern = state.bases.get(base);
    state.route = basePattern === undefined ? undefined : join(basePattern, ctx.route);
    return;
  }
  // A middleware or a mounted router: `req.baseUrl` already includes what its pattern matched.
  if (/[*{}()?+]/.test(ctx.route)) return; // a pattern whose segment count is not the match's: leave it unnamed
  const parts = base.split('/');
  const parent = parts.slice(0, parts.length - segments(ctx.route)).join('/');
  const parentPattern = state.bases.get(parent);
  if (parentPattern !== undefined && !state.bases.has(base)) state.bases.set(base, join(parentPattern, ctx.route).replace(/^\/$/, ''));
}

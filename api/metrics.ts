/**
 * The API's own metrics (issue 15 point 9), counted in process, one registry per app so that several apps in one
 * process (the tests) never collide on prom-client's global registry. What needs the database (outbox, sealed bids,
 * read-model lag) is read at scrape time instead (api/metrics-scrape.ts).
 *
 * /metrics is read without a token, so label values come only from bounded sets fixed by the code: route patterns (not
 * URLs), methods, status codes, definition ids, the definition's own action ids, error codes. No package, vendor or
 * user id ever becomes a label.
 */
import type { RequestHandler, Response } from 'express';
import { Counter, Histogram, Registry } from 'prom-client';
import { actionsOf } from '../domain/process/definition';
import { getDefinition } from '../workflows/definitions';
import { routePatternOf, trackRoutePatterns } from './route-pattern';

/** Seconds; a step waits for its workflow and the read model, hence the long tail. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const ERROR_CODE = /^[a-z][a-z0-9_]{0,63}$/;
/** Error codes are literals in the code; a cap keeps a code built from input (should one ever be) from growing the set. */
const MAX_ERROR_CODES = 200;

/** What the step route knows once it has the package: read when the answer is finished. */
export interface StepNote {
  definitionId: string;
  definitionVersion: number;
  action: string;
}

const STEP = 'metricsStep';
const REFUSAL = 'metricsErrorCode';

/** Marks the request as a step of the package's definition (api/routes/packages.ts performTask). */
export function noteStep(res: Response, row: { definition_id?: unknown; definition_version?: unknown }, action: string): void {
  res.locals[STEP] = { definitionId: String(row.definition_id), definitionVersion: Number(row.definition_version), action } satisfies StepNote;
}

export interface ApiMetrics {
  registry: Registry;
  /** First middleware: times every request and counts steps and refusals when its answer is finished. */
  observe: RequestHandler;
}

export function createApiMetrics(): ApiMetrics {
  trackRoutePatterns();
  const registry = new Registry();
  const registers = [registry];
  const duration = new Histogram({
    name: 'pengadaan_http_request_duration_seconds',
    help: 'Waktu menjawab permintaan HTTP, per pola rute (bukan URL), metode dan status. route="(unmatched)": tidak ada rute yang menjawab.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const steps = new Counter({
    name: 'pengadaan_steps_total',
    help: 'Langkah paket (POST .../tasks/{taskId}) per definisi proses, aksi dan hasil: performed (2xx), refused (4xx), failed (5xx), aborted (koneksi putus).',
    labelNames: ['definition', 'action', 'outcome'] as const,
    registers,
  });
  const refusals = new Counter({
    name: 'pengadaan_refusals_total',
    help: 'Jawaban galat terstruktur ({error:{code}}) per kode galat dan status HTTP.',
    labelNames: ['code', 'status'] as const,
    registers,
  });
  const codesSeen = new Set<string>();
  const codeLabel = (code: unknown) => {
    if (typeof code !== 'string' || !ERROR_CODE.test(code)) return 'other';
    if (!codesSeen.has(code) && codesSeen.size >= MAX_ERROR_CODES) return 'other';
    codesSeen.add(code);
    return code;
  };

  const observe: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    // The error code is read off the answer itself: every refusal, from any middleware, goes out through res.json.
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
      if (res.statusCode >= 400 && typeof code === 'string') res.locals[REFUSAL] = code; // not /health's own 503 body
      return json(body);
    };
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const aborted = !res.writableFinished;
      const status = aborted ? 'aborted' : String(res.statusCode);
      const method = METHODS.has(req.method) ? req.method : 'OTHER';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      duration.observe({ method, route: routePatternOf(req) ?? '(unmatched)', status }, seconds);
      if (!aborted && res.statusCode >= 400 && REFUSAL in res.locals) refusals.inc({ code: codeLabel(res.locals[REFUSAL]), status });
      const step = res.locals[STEP] as StepNote | undefined;
      if (step) steps.inc({ ...stepLabels(step), outcome: aborted ? 'aborted' : outcomeOf(res.statusCode) });
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
  return { registry, observe };
}

function outcomeOf(status: number): string {
  if (status < 400) return 'performed';
  return status < 500 ? 'refused' : 'failed';
}

/** Action ids per definition version; an action the definition does not have is 'unknown' (it came from the URL). */
const actionIds = new Map<string, Set<string> | null>();

function stepLabels(s: StepNote): { definition: string; action: string } {
  const key = `${s.definitionId}@${s.definitionVersion}`;
  if (!actionIds.has(key)) {
    const def = getDefinition(s.definitionId, s.definitionVersion);
    const ids = def && [...def.nodes.flatMap((n) => actionsOf(n).map((a) => a.id)), ...(def.interrupts ?? []).map((i) => i.action.id)];
    actionIds.set(key, ids ? new Set(ids) : null);
  }
  const known = actionIds.get(key);
  if (!known) return { definition: 'unknown', action: 'unknown' };
  return { definition: s.definitionId, action: known.has(s.action) ? s.action : 'unknown' };
}

/**
 * The chaos driver's HTTP layer: it replaces the test process's `fetch` for requests to the API, so that the demo's
 * drivers (bin/demo/drive.ts, tests/support/tender-http-driver.ts) run unchanged and yet every POST behaves as a
 * careful client under faults: it carries an Idempotency-Key (one per logical step), and on a network error, a 5xx or
 * a 429 it is sent again with the SAME key, with backoff, until it gets a 2xx or a 4xx or `retryForMs` runs out.
 * Every attempt is logged (package, action, actor, key, status, error code, time) in memory and as JSON lines, because
 * the checks compare exactly these steps with the workflow histories and the read model. GETs are retried the same
 * way (they change nothing), and not logged as steps.
 */
import fs from 'node:fs';

export interface Attempt {
  key: string;
  /** Sent and answered (ms since epoch); status 0 is a network error. */
  sentAt: number;
  at: number;
  status: number;
  code?: string;
}

export type StepKind = 'create' | 'package' | 'contract';

export interface LogicalStep {
  key: string;
  kind: StepKind;
  /** The package in the URL (for a contract step: the procurement package, whose child takes the step). */
  packageId?: string;
  action: string;
  actor: string;
  /** vote_decision: the decision voted on. */
  votedAction?: string;
  attempts: Attempt[];
  /** applied: answered 2xx; refused: answered 4xx; gave_up: no 2xx/4xx within the retry budget. */
  outcome?: 'applied' | 'refused' | 'gave_up';
  /** The 2xx answer: the package's seq and stage it reported (a create: the new package's id). */
  answer?: { seq?: number; stageId?: string; enteredSeq?: number; createdId?: string };
}

export interface ChaosHttpLog {
  steps: LogicalStep[];
  getRetries: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const TRANSIENT = (status: number) => status === 0 || status === 429 || status >= 500;

function actorOf(headers: Headers): string {
  const token = /^Bearer (.+)$/.exec(headers.get('authorization') ?? '')?.[1];
  if (!token) return '(none)';
  try {
    return String(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')).sub ?? '(?)');
  } catch {
    return '(?)';
  }
}

function describe(path: string): { kind: StepKind; packageId?: string; action: string } | undefined {
  if (/^\/api\/packages\/?(\?.*)?$/.test(path)) return { kind: 'create', action: 'create' };
  const m = /^\/api\/packages\/([^/]+)\/(contract\/)?tasks\/([^/?]+)/.exec(path);
  if (!m) return undefined;
  return { kind: m[2] ? 'contract' : 'package', packageId: decodeURIComponent(m[1]!), action: decodeURIComponent(m[3]!) };
}

/**
 * Installs the layer; returns the log and a function that restores the original fetch. `keyPrefix` makes keys unique
 * to this run (Idempotency-Key allows [A-Za-z0-9._:-], 8–200 characters).
 */
export function installChaosFetch(o: { baseUrl: string; keyPrefix: string; retryForMs: number; logFile?: string }): { log: ChaosHttpLog; restore(): void } {
  const original = globalThis.fetch;
  const log: ChaosHttpLog = { steps: [], getRetries: 0 };
  let n = 0;
  const write = (s: LogicalStep, a: Attempt) => {
    if (o.logFile) fs.appendFileSync(o.logFile, `${JSON.stringify({ kind: s.kind, packageId: s.packageId, action: s.action, actor: s.actor, ...a })}\n`);
  };

  const send = async (url: string, init: RequestInit): Promise<{ status: number; text: string; headers: Headers; error?: string }> => {
    try {
      const res = await original(url, { ...init, signal: AbortSignal.timeout(60_000) });
      return { status: res.status, text: await res.text(), headers: res.headers };
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      return { status: 0, text: '', headers: new Headers(), error: cause ?? (e as Error).name };
    }
  };
  const backoff = (i: number, headers: Headers) => {
    const after = Number(headers.get('retry-after'));
    const base = Math.min(250 * 2 ** i, 4_000);
    return Number.isFinite(after) && after > 0 ? Math.min(after * 1000, 5_000) : base + Math.floor(Math.random() * 250);
  };

  const chaosFetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    if (!url.startsWith(o.baseUrl)) return original(input, init);
    const path = url.slice(o.baseUrl.length);
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    const until = Date.now() + o.retryForMs;
    const what = method === 'POST' ? describe(path) : undefined;
    let step: LogicalStep | undefined;
    if (what) {
      if (!headers.has('idempotency-key')) headers.set('Idempotency-Key', `${o.keyPrefix}-${(++n).toString(36)}`);
      let votedAction: string | undefined;
      if (what.action === 'vote_decision') {
        try {
          votedAction = String(JSON.parse(typeof init.body === 'string' ? init.body : '').payload?.action);
        } catch {
          votedAction = undefined;
        }
      }
      step = { key: headers.get('idempotency-key')!, ...what, actor: actorOf(headers), attempts: [], ...(votedAction ? { votedAction } : {}) };
      log.steps.push(step);
    }
    for (let i = 0; ; i++) {
      const sentAt = Date.now();
      const r = await send(url, { ...init, headers });
      let body: any;
      try {
        body = r.text ? JSON.parse(r.text) : undefined;
      } catch {
        body = undefined;
      }
      if (step) {
        const code = r.error ?? body?.error?.code;
        const a: Attempt = { key: step.key, sentAt, at: Date.now(), status: r.status, ...(code ? { code } : {}) };
        step.attempts.push(a);
        write(step, a);
      }
      const retry = TRANSIENT(r.status) && Date.now() < until && !(method !== 'GET' && !step);
      if (retry) {
        if (!step) log.getRetries++;
        await sleep(backoff(i, r.headers));
        continue;
      }
      if (step) {
        step.outcome = r.status >= 200 && r.status < 300 ? 'applied' : r.status >= 400 && r.status < 500 && r.status !== 429 ? 'refused' : 'gave_up';
        if (step.outcome === 'applied') {
          step.answer =
            step.kind === 'create'
              ? { createdId: body?.id, seq: body?.live?.seq, stageId: body?.live?.stage?.id, enteredSeq: body?.live?.stage?.enteredSeq }
              : { seq: body?.seq, stageId: body?.stage?.id, enteredSeq: body?.stage?.enteredSeq };
        }
      }
      if (r.status === 0) throw new TypeError(`fetch failed: ${r.error} (${method} ${path}, ${i + 1} attempts)`);
      return new Response(r.text || null, { status: r.status, headers: r.headers });
    }
  };
  globalThis.fetch = chaosFetch;
  return { log, restore: () => void (globalThis.fetch = original) };
}

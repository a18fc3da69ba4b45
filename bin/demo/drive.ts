/**
 * Drives one package forward through the public HTTP API: at every stage it takes the open actions the plans know
 * (./plans.ts), then waits for the stage to move on only when that is quick — a service task, or a window that closes
 * within `maxWaitMs` (TIME_SCALE makes windows short in development) — and stops otherwise, or when the package's
 * step budget or the run's deadline is reached. After the SPPBJ it drives the package's E-Kontrak child the same way
 * (/api/packages/{id}/contract/tasks) until the contract is signed, and on into execution for a contract story
 * (./execution.ts). A 'batal' package is cancelled by the PPK where its budget stops it; a 'gagal' tender ends failed
 * and the engine starts its re-tender, left at its announcement.
 */
import type { Api, HttpResult, LiveState } from '../../tests/support/tender-http-driver';
import { DEMO_OFFICERS, type PackageSpec } from './catalog';
import { driveExecution } from './execution';
import { handlerFor } from './plans';

export interface DriveOptions {
  maxWaitMs: number;
  deadline: number;
  /** Called after every step performed (for the progress display). */
  onStep: () => void;
}

export interface DriveResult {
  steps: number;
  final: LiveState;
  /** Why the package stopped where it is (in Bahasa Indonesia), when not because it ended. */
  stoppedBecause?: string;
  error?: string;
  /** What the package's story reached (absent parts: not reached). */
  story?: StoryResult;
}

export interface StoryResult {
  /** SPMK issued, the contract in execution. */
  executing?: boolean;
  /** An advance or a term paid. */
  paid?: boolean;
  /** An accepted report lagging enough to be kontrak kritis. */
  critical?: boolean;
  /** Signed, SPMK deliberately left past its due time. */
  spmkOverdue?: boolean;
  cancelled?: boolean;
  failed?: boolean;
  /** The follow-up package the engine started for a failed tender. */
  retenderId?: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const TRANSIENT = new Set(['serviceTask', 'exclusiveGateway', 'endEvent']);
const POLL_MS = 250;
/** The E-Kontrak stages up to the signatures. */
const SIGNING_STAGES = new Set(['draft_contract', 'contract_document', 'security_needed', 'performance_security', 'contract_signing']);
/** Methods whose package waits for the contract's end, not for its signature. */
const WAITS_FOR_CONTRACT_END = new Set(['e-purchasing', 'swakelola']);

/** Refusals that only mean the step came too late (the window closed, the stage moved on). */
const MISSED = new Set(['window_closed', 'wrong_stage']);
const errorCode = (res: HttpResult<unknown>) => (res.body as { error?: { code?: string } } | undefined)?.error?.code ?? '';

/** A refused answer in one line: status, error code and message. */
export function refusal(res: HttpResult<unknown>): string {
  const e = (res.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return e ? `${res.status} ${e.code ?? ''} ${e.message ?? ''}`.trim() : `${res.status} ${res.text.slice(0, 200)}`;
}

/**
 * A step, retried when the API says when: its rate limit (429 Retry-After), or a package whose process is about to
 * start (503 package_starting: an E-Kontrak just prepared by the award). Neither applied anything.
 */
export async function stepWithRetry(send: () => Promise<HttpResult<LiveState>>, deadline: number): Promise<HttpResult<LiveState>> {
  for (;;) {
    const res = await send();
    if (!retryable(res) || Date.now() > deadline) return res;
    const after = Number(res.headers.get('retry-after'));
    await sleep(Math.min(Number.isFinite(after) && after > 0 ? after * 1000 : 5_000, 60_000));
  }
}

function retryable(res: HttpResult<unknown>): boolean {
  return res.status === 429 || (res.status === 503 && (res.body as { error?: { code?: string } } | undefined)?.error?.code === 'package_starting');
}

interface Target {
  method: string;
  read(): Promise<LiveState | null>;
  step(as: string, action: string, payload: Record<string, unknown>): Promise<HttpResult<LiveState>>;
}

async function driveTarget(api: Api, spec: PackageSpec, t: Target, start: LiveState, budget: { left: number }, o: DriveOptions, parent?: LiveState) {
  let live = start;
  let steps = 0;
  const done = new Set<string>();
  for (;;) {
    if (live.status !== 'active') return { steps, live };
    if (budget.left <= 0) return { steps, live, stoppedBecause: 'batas langkah paket ini tercapai' };
    if (Date.now() > o.deadline) return { steps, live, stoppedBecause: 'batas waktu demo tercapai' };
    // The contract phase belongs to the child.
    if (live.stage.type === 'callActivity') return { steps, live, child: true };

    let moved = false;
    for (const action of live.openActions) {
      const handler = handlerFor(t.method, action.id);
      if (!handler) continue;
      for (const act of handler({ spec, live, parent })) {
        const key = `${live.stage.enteredSeq}:${action.id}:${act.as}`;
        if (done.has(key) || budget.left <= 0) continue;
        done.add(key);
        const res = await stepWithRetry(() => t.step(act.as, action.id, act.payload), o.deadline);
        if (res.status !== 200) {
          // Time runs fast in the demo (TIME_SCALE) and the machine may be slow: a window can close, or the stage
          // move on, between reading the state and acting. Like a vendor who missed the deadline, the package goes
          // on without this step; any other refusal is an error of the demo.
          const now = MISSED.has(errorCode(res)) ? await t.read() : null;
          if (now && (now.stage.enteredSeq !== live.stage.enteredSeq || (live.stage.closesAt !== undefined && live.stage.closesAt <= Date.now()))) {
            live = now;
            moved = true;
            break;
          }
          return { steps, live, error: `${action.id} oleh ${act.as}: ${refusal(res)}` };
        }
        steps++;
        budget.left--;
        o.onStep();
        const before = live.stage.enteredSeq;
        live = res.body;
        if (live.stage.enteredSeq !== before) {
          moved = true;
          break;
        }
      }
      if (moved) break;
    }
    if (moved) continue;

    // Nothing more to do here: wait only if the stage moves on by itself soon.
    const closesAt = live.stage.closesAt;
    const quick = TRANSIENT.has(live.stage.type) || (closesAt !== undefined && closesAt - Date.now() <= o.maxWaitMs);
    if (!quick) {
      return {
        steps,
        live,
        stoppedBecause: closesAt !== undefined ? `menunggu tahap '${live.stage.name}' ditutup` : `menunggu pihak lain di tahap '${live.stage.name}'`,
      };
    }
    const until = Math.min(o.deadline, (closesAt ?? Date.now()) + o.maxWaitMs);
    const seq = live.stage.enteredSeq;
    for (;;) {
      await sleep(POLL_MS);
      const now = await t.read();
      if (now) live = now;
      if (live.stage.enteredSeq !== seq || live.status !== 'active') break;
      if (Date.now() > until) return { steps, live, stoppedBecause: `tahap '${live.stage.name}' belum berganti` };
    }
  }
}

export async function drivePackage(api: Api, spec: PackageSpec, packageId: string, start: LiveState, o: DriveOptions): Promise<DriveResult> {
  const budget = { left: spec.budget };
  const pkg: Target = {
    method: spec.method,
    read: async () => (await api.as(DEMO_OFFICERS.ppk).getPackage(packageId)).body?.live ?? null,
    // A collegial Pokja step becomes a proposal; a second member agrees so the decision takes effect (Session.secondVote).
    step: async (as, action, payload) => {
      const res = await api.as(as).step(packageId, action, payload);
      const voted = res.status === 200 ? await api.as(as).secondVote(packageId, action, res.body) : undefined;
      return voted ? { ...res, body: voted } : res;
    },
  };
  const first = await driveTarget(api, spec, pkg, start, budget, o);
  if (spec.story === 'batal') return cancel(pkg, first, o);
  if (spec.story === 'gagal') return retender(api, first, o);
  if (!('child' in first) || !first.child) return { steps: first.steps, final: first.live, stoppedBecause: first.stoppedBecause, error: first.error };

  // E-Kontrak: the child's id is in the package's data; its steps go through the package's contract routes.
  const childId = (first.live.data.contractStart as { packageId?: string } | undefined)?.packageId;
  const readChild = async () => (childId ? ((await api.as(DEMO_OFFICERS.ppk).getPackage(childId)).body?.live ?? null) : null);
  let childLive: LiveState | null = null;
  for (let i = 0; i < 40 && !childLive; i++) {
    childLive = await readChild();
    if (!childLive) await sleep(POLL_MS);
  }
  if (!childLive) return { steps: first.steps, final: first.live, stoppedBecause: 'kontrak belum terbaca' };
  const childMethod = childLive.definition ? String((childLive.definition as { method?: string }).method) : 'kontrak';
  const child: Target = {
    method: childMethod,
    read: readChild,
    step: (as, action, payload) => api.as(as).contractStep(packageId, action, payload),
  };
  const second = await driveTarget(api, spec, child, childLive, budget, o, first.live);
  // Once both have signed, a tender-like package ends as contract_signed a moment later; e-purchasing and swakelola
  // wait for the contract's end instead.
  let final = first.live;
  const signed = !SIGNING_STAGES.has(second.live.stage.id);
  for (let i = 0; signed && !WAITS_FOR_CONTRACT_END.has(spec.method) && i < 20 && final.stage.type === 'callActivity'; i++) {
    await sleep(POLL_MS);
    final = (await pkg.read()) ?? final;
  }
  let steps = first.steps + second.steps;
  let error = second.error;
  let contractStage = second.live.stage.name;
  let story: StoryResult | undefined;
  const contractStory = spec.story === 'jalan' || spec.story === 'kritis' || spec.story === 'spmk_tertunda' ? spec.story : undefined;
  if (signed && !error && contractStory && childMethod === 'kontrak') {
    const x = await driveExecution(api, spec, packageId, second.live, contractStory, {
      deadline: o.deadline,
      onStep: o.onStep,
      send: (f) => stepWithRetry(f, o.deadline),
      refusal,
    });
    steps += x.steps;
    error = x.error;
    contractStage = x.live.stage.name;
    story = { executing: x.executing, paid: x.paid, critical: x.critical, spmkOverdue: contractStory === 'spmk_tertunda' && x.live.stage.id === 'spmk' };
  }
  return {
    steps,
    final,
    stoppedBecause: final.status === 'active' ? `kontrak di tahap '${contractStage}'` : undefined,
    error,
    ...(story ? { story } : {}),
  };
}

type Driven = Awaited<ReturnType<typeof driveTarget>>;

/** A 'batal' story: the PPK cancels the package where the demo left it (the cancel interrupt of every method). */
async function cancel(pkg: Target, first: Driven, o: DriveOptions): Promise<DriveResult> {
  if (first.error || first.live.status !== 'active') return { steps: first.steps, final: first.live, error: first.error };
  const res = await stepWithRetry(
    () => pkg.step(DEMO_OFFICERS.ppk, 'cancel', { reason: 'Anggaran kegiatan dialihkan untuk penanganan banjir (refocusing APBD).' }),
    o.deadline,
  );
  if (res.status !== 200) return { steps: first.steps, final: first.live, error: `cancel oleh ${DEMO_OFFICERS.ppk}: ${refusal(res)}` };
  o.onStep();
  let final = res.body;
  for (let i = 0; i < 20 && final.status === 'active'; i++) {
    await sleep(POLL_MS);
    final = (await pkg.read()) ?? final;
  }
  return { steps: first.steps + 1, final, story: { cancelled: final.status === 'batal' } };
}

/**
 * A 'gagal' story: the tender ended failed and the engine started its re-tender, which the demo leaves at its
 * announcement for the Pokja (announcing it would let its windows close without bids and fail it again).
 */
async function retender(api: Api, first: Driven, o: DriveOptions): Promise<DriveResult> {
  const failed = first.live.status === 'gagal';
  const result: DriveResult = { steps: first.steps, final: first.live, stoppedBecause: first.stoppedBecause, error: first.error, story: { failed } };
  const retenderId = (first.live.data.followUp as { packageId?: string } | undefined)?.packageId;
  if (!failed || !retenderId) return result;
  // The follow-up package is started by the engine; count it once the API shows it.
  for (let i = 0; i < 40 && Date.now() < o.deadline; i++) {
    if ((await api.as(DEMO_OFFICERS.ppk).getPackage(retenderId)).status === 200) {
      result.story!.retenderId = retenderId;
      break;
    }
    await sleep(POLL_MS);
  }
  return result;
}

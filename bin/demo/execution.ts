/**
 * After both signatures: drives a signed E-Kontrak (definition `kontrak`) into execution so the monitoring pages have
 * something real to read. By the package's story (./catalog.ts):
 *   - 'jalan': SPMK, the advance when the terms allow one, then progress reports on plan over two periods, each
 *     accepted by the PPK and paid as a term (absorption is not zero);
 *   - 'kritis': the same, but the second period trails the plan by 15 points while the plan is under 70%, which
 *     makes it kontrak kritis by domain/contract/critical.ts (period I: lag > 10%);
 *   - 'spmk_tertunda': the SPMK is not issued, so its step runs past its due time (the Terlambat page shows it).
 * Everything through the package's contract routes, as the PPK and the provider would do it.
 */
import { vendorIdOf } from '../../domain/vendor-id';
import type { Api, HttpResult, LiveState } from '../../tests/support/tender-http-driver';
import { DEMO_OFFICERS, DEMO_PLAN, type ContractStory, type PackageSpec } from './catalog';

export interface ExecutionResult {
  steps: number;
  live: LiveState;
  /** Stories actually reached: SPMK issued, something paid, a report accepted that lags enough to be critical. */
  executing: boolean;
  paid: boolean;
  critical: boolean;
  stoppedBecause?: string;
  error?: string;
}

export interface ExecutionOptions {
  deadline: number;
  onStep: () => void;
  /** Retries a step after the API's rate limit; the caller's policy. */
  send: (fn: () => Promise<HttpResult<LiveState>>) => Promise<HttpResult<LiveState>>;
  refusal: (res: HttpResult<unknown>) => string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const POLL_MS = 250;
const PPK = DEMO_OFFICERS.ppk;

/** Reported cumulative progress per period: on plan, or lagging 15 points in period 2 (plan 45% → 30%). */
export function reportedProgress(story: 'jalan' | 'kritis'): number[] {
  return story === 'jalan' ? [DEMO_PLAN[0]!, DEMO_PLAN[1]!] : [DEMO_PLAN[0]! - 2, DEMO_PLAN[1]! - 15];
}

/** Today's date in WIB (UTC+7), YYYY-MM-DD. */
const wibToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** A stable, fake SHA-256 for a piece of evidence (the demo uploads no files). */
function evidenceHash(seed: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    for (const ch of `${seed}:${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

export async function driveExecution(
  api: Api,
  spec: PackageSpec,
  packageId: string,
  start: LiveState,
  story: ContractStory,
  o: ExecutionOptions,
): Promise<ExecutionResult> {
  let live = start;
  let steps = 0;
  const r: Omit<ExecutionResult, 'steps' | 'live'> = { executing: false, paid: false, critical: false };
  const done = (extra: Partial<ExecutionResult> = {}): ExecutionResult => ({ ...r, steps, live, ...extra });
  const read = async () => (await api.as(PPK).getPackage(live.packageId)).body?.live ?? null;

  /** Polls until the contract stands at `stage` (service tasks in between take a moment). */
  const reach = async (stage: string) => {
    for (let i = 0; live.stage.id !== stage && i < 80; i++) {
      if (Date.now() > o.deadline || live.status !== 'active') break;
      await sleep(POLL_MS);
      live = (await read()) ?? live;
    }
    return live.stage.id === stage;
  };

  const step = async (as: string, action: string, payload: Record<string, unknown>) => {
    if (Date.now() > o.deadline) return `batas waktu demo tercapai sebelum '${action}'`;
    const res = await o.send(() => api.as(as).contractStep(packageId, action, payload));
    if (res.status !== 200) return `${action} oleh ${as}: ${o.refusal(res)}`;
    steps++;
    o.onStep();
    live = res.body;
    return undefined;
  };

  if (!(await reach('spmk'))) return done({ stoppedBecause: `kontrak di tahap '${live.stage.name}', bukan SPMK` });
  // The SPMK left for later: its due time passes and the step shows as overdue.
  if (story === 'spmk_tertunda') return done({ stoppedBecause: 'SPMK sengaja belum diterbitkan' });

  const ref = (kind: string) => `${kind}/${spec.index + 1}/${packageId.slice(4, 10).toUpperCase()}`;
  let err = await step(PPK, 'issue_spmk', { number: ref('SPMK'), startDate: wibToday() });
  if (err) return done({ error: err });
  if (!(await reach('execution'))) return done({ stoppedBecause: `kontrak di tahap '${live.stage.name}', bukan pelaksanaan` });
  r.executing = true;

  const provider = String(vendorIdOf(live.data.contract));
  const value = Number(live.data.contract?.value);
  const maxAdvance = Number(live.data.terms?.maxAdvance ?? 0);
  if (maxAdvance > 0) {
    err = await step(PPK, 'pay_advance', { amount: maxAdvance, guaranteeNumber: ref('JUM'), guaranteeAmount: maxAdvance });
    if (err) return done({ error: err });
    r.paid = true;
  }

  const reported = reportedProgress(story);
  for (const [i, pct] of reported.entries()) {
    const period = i + 1;
    err = await step(provider, 'submit_progress_report', {
      period,
      physicalPercent: pct,
      evidence: [{ name: `foto-lapangan-periode-${period}.jpg`, sha256: evidenceHash(`${packageId}:${period}`) }],
      note: `Laporan kemajuan periode ${period}.`,
    });
    if (err) return done({ error: err });
    const report = (live.data.reports as { id: string; status: string }[] | undefined)?.filter((x) => x.status === 'diajukan').at(-1);
    if (!report) return done({ error: `laporan periode ${period} tidak terbaca setelah diajukan` });
    err = await step(PPK, 'review_progress_report', { reportId: report.id, decision: 'terima', note: 'Sesuai hasil pemeriksaan lapangan.' });
    if (err) return done({ error: err });
    // A term for the work accepted so far (Pasal 53(4): never more than accepted progress covers).
    const payments = (live.data.payments as { kind: string; gross: number }[] | undefined) ?? [];
    const workPaid = payments.filter((p) => p.kind === 'termin' || p.kind === 'akhir').reduce((s, p) => s + p.gross, 0);
    const gross = Math.floor((value * Math.round(pct * 100)) / 10_000) - workPaid;
    // A later definition may hold payments while a critical contract is handled: then the term waits.
    if (gross > 0 && live.openActions.some((a) => a.id === 'pay_term')) {
      err = await step(PPK, 'pay_term', { grossAmount: gross, note: `Termin periode ${period}.` });
      if (err) return done({ error: err });
      r.paid = true;
    }
  }
  r.critical = story === 'kritis';
  return done();
}

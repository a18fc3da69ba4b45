/**
 * Handling of a kontrak kritis inside the E-Kontrak process (kontrak v2): the written warning and show cause meetings
 * (SCM) I–III with their test periods, the warning letters (Surat Peringatan Kontrak Kritis I–III), and the one ground
 * of termination it opens. When a contract is critical is decided by domain/contract/critical.ts (criticalityOf, the
 * SSUK numbers); this module only runs the handling the SSUK prescribes (KONTRAK-KRITIS.md, "Handling").
 *
 * All of the handling's process data lives at `data.criticalHandling` (see CriticalHandling). Checks and reducers are
 * pure functions of the step, registered in the rule book through domain/contract/rules.ts, so they run inside the
 * workflow and replay the same way.
 *
 * Only construction contracts are handled: the clause is part of the standard conditions of construction contracts
 * (SSUK pekerjaan konstruksi); a goods or services contract is monitored for lag but gets no SCM steps.
 */
import { wibTimeText } from '../calendar/wib-text';
import type { Refusal, RuleContext } from '../process/rulebook';
import { CRITICAL_RULES, type Criticality, criticalityOf, criticalityText, fiscalYearEndWib } from './critical';
import { sCurve } from './figures';
import { type ContractData, contractView, type ProgressReport } from './ledger';
import { percentToBp } from './money';

const DAY_MS = 86_400_000;

/** The clause every refusal cites (the full source is in details.rule). */
export const SSUK_CLAUSE = 'SSUK "Keterlambatan Pelaksanaan Pekerjaan dan Kontrak Kritis"';

/** One show cause meeting and the test period it agreed. */
export interface ShowCauseMeeting {
  /** 1, 2 or 3: SCM I, II, III. */
  level: number;
  /** Number of the minutes (BA SCM), printed on the generated document. */
  minutesNumber: string;
  /** The written warning (teguran tertulis) that called SCM I; later meetings follow a Surat Peringatan. */
  warningNumber?: string;
  meetingDate: string;
  /** Test period (uji coba) in calendar days from the meeting step, and the cumulative progress to reach by its end. */
  testPeriodDays: number;
  targetBp: number;
  /** Workflow time the test period ends (scaled like every process duration). */
  testEndsAt: number;
  note?: string;
  by: string;
  at: number;
  /** Set when the test is judged: from accepted reports submitted by `testEndsAt`, never typed in by anyone. */
  result?: 'tercapai' | 'tidak_tercapai';
  /** Best accepted progress submitted within the test period, when judged (bp). */
  progressBp?: number;
  judgedAt?: number;
}

/** Surat Peringatan Kontrak Kritis I–III, issued when test I–III fails. */
export interface WarningLetter {
  level: number;
  number: string;
  by: string;
  at: number;
}

/**
 * `data.criticalHandling`, present once a construction contract has had an accepted progress report:
 * - `judgement`: the latest criticalityOf() after an accepted report (what the SCM step is judged by);
 * - `awaiting`: what the PPK must do next — 'scm' (hold the next meeting), 'test_result' (record the test's result once
 *   its period ended), 'termination_allowed' (test III failed, Surat Peringatan III issued: the PPK may terminate on
 *   the ground of kontrak kritis); absent when no handling runs;
 * - `round`: 1 for the first handling; a contract that reached its target and later becomes critical again starts
 *   round 2 (its minutes are revision 2 of each BA SCM kind); `level`, `meetings`, `warnings` are the round's;
 * - `outcome`: how the last round ended ('target_tercapai' or 'tidak_kritis_lagi' before any meeting);
 * - `pastRounds`: earlier rounds, kept whole.
 */
export interface CriticalHandling {
  judgement: Criticality & { at: number; reportId: string };
  awaiting?: 'scm' | 'test_result' | 'termination_allowed';
  round: number;
  level: number;
  meetings: ShowCauseMeeting[];
  warnings: WarningLetter[];
  outcome?: 'target_tercapai' | 'tidak_kritis_lagi';
  pastRounds: { round: number; meetings: ShowCauseMeeting[]; warnings: WarningLetter[]; outcome?: string }[];
}

/**
 * `data.executionPeriod.days` (kontrak v2): the calendar days the execution window runs from its latest entry. It is
 * the contract period at the SPMK, moved by addenda, and what is left of it when the window is entered again after
 * a show cause meeting's minutes were generated (the engine measures a window from its entry, in whole days).
 */
export interface ExecutionPeriod {
  days: number;
  /**
   * The contract period's end (workflow time), fixed the first time the window is left and moved by addenda: each
   * re-entry counts the days left from it, so the rounding never adds up over several meetings.
   */
  endsAt?: number;
}

const ROMAN = ['', 'I', 'II', 'III'];
export const romanLevel = (level: number) => ROMAN[level] ?? String(level);

const refuse = (status: Refusal['status'], code: string, message: string, details?: Record<string, unknown>): Refusal => ({
  status,
  code,
  message,
  details: { rule: CRITICAL_RULES.source, ...details },
});

const isConstruction = (data: Record<string, unknown>) => (data.package as { category?: string } | undefined)?.category === 'pekerjaan_konstruksi';
export const handlingOf = (data: Record<string, unknown>) => data.criticalHandling as CriticalHandling | undefined;

/** The contract judged from its accepted reports, the way the monitoring pages read it (same S-curve, same rule). */
export function judge(data: Record<string, unknown>): Criticality {
  const v = contractView(data);
  const startDate = (data.spmk as { startDate?: string } | undefined)?.startDate;
  const start = startDate ? Date.parse(`${startDate}T00:00:00+07:00`) : undefined;
  const fiscalYear = (data.package as { fiscalYear: number }).fiscalYear;
  return criticalityOf(sCurve(v, Number.isFinite(start) ? start : undefined), fiscalYearEndWib(fiscalYear));
}

/**
 * When the contract period ends (workflow time): the end fixed at the first meeting, or else the current execution
 * window's closing, from its entry and its length in calendar days (as the engine computes it).
 */
function contractPeriodEndsAt(ctx: RuleContext): number {
  const period = ctx.data.executionPeriod as ExecutionPeriod;
  return period.endsAt ?? ctx.stage.enteredAt + Math.max(0, Math.round(period.days * DAY_MS * ctx.timeScale));
}

/** Best accepted progress among the reports submitted by `until` (bp; 0 when none). */
function acceptedBy(data: Record<string, unknown>, until: number): number {
  const ok = contractView(data).reports.filter((r) => r.status === 'diterima' && r.at <= until);
  return Math.max(0, ...ok.map((r) => r.physicalBp));
}

function endRound(h: CriticalHandling, outcome: NonNullable<CriticalHandling['outcome']>): void {
  delete h.awaiting;
  h.outcome = outcome;
}

export const criticalHandlingChecks = {
  /** SCM I–III: only for a critical construction contract, one test at a time, at most three, within the contract. */
  showCauseMeetingAllowed: (ctx: RuleContext): Refusal | undefined => {
    if (!isConstruction(ctx.data)) {
      return refuse(409, 'critical_handling_not_applicable', `Penanganan kontrak kritis (${SSUK_CLAUSE}) berlaku untuk kontrak pekerjaan konstruksi.`);
    }
    const h = handlingOf(ctx.data);
    if (h?.awaiting === 'test_result') {
      const m = h.meetings.at(-1)!;
      return refuse(
        409,
        'scm_test_running',
        `Uji coba hasil SCM ${romanLevel(m.level)} belum dinilai: catat hasilnya setelah masa uji coba berakhir (${wibTimeText(m.testEndsAt)}).`,
        {
          testEndsAt: new Date(m.testEndsAt).toISOString(),
          testEndsAtWib: wibTimeText(m.testEndsAt),
        },
      );
    }
    if (h?.awaiting === 'termination_allowed') {
      return refuse(
        409,
        'scm_limit_reached',
        `Uji coba SCM III gagal dan Surat Peringatan III sudah terbit: tidak ada SCM berikutnya; PPK dapat memutus kontrak (${SSUK_CLAUSE}).`,
      );
    }
    if (h?.awaiting !== 'scm') {
      const why = h ? criticalityText(h.judgement) : 'Belum ada laporan kemajuan yang diterima.';
      return refuse(
        409,
        'contract_not_critical',
        `Show cause meeting hanya diadakan untuk kontrak kritis (${SSUK_CLAUSE}); menurut laporan kemajuan terakhir yang diterima kontrak ini tidak kritis. ${why}`,
        h ? { judgement: h.judgement } : undefined,
      );
    }
    const level = h.level + 1;
    if (level === 1 && !ctx.payload.warningNumber) {
      return refuse(422, 'warning_letter_required', 'SCM I didahului teguran tertulis PPK: isi nomor surat teguran (warningNumber).');
    }
    const target = percentToBp(ctx.payload.targetPercent as number);
    const accepted = acceptedBy(ctx.data, ctx.now);
    if (target <= accepted) {
      return refuse(422, 'scm_target_too_low', 'Target kemajuan uji coba harus lebih tinggi dari kemajuan fisik yang sudah diterima.', {
        acceptedPercent: accepted / 100,
        targetPercent: target / 100,
      });
    }
    const testEndsAt = ctx.now + Math.round((ctx.payload.testPeriodDays as number) * DAY_MS * ctx.timeScale);
    const closesAt = contractPeriodEndsAt(ctx);
    if (testEndsAt > closesAt) {
      return refuse(422, 'scm_test_past_contract_end', `Masa uji coba melewati akhir masa pelaksanaan kontrak (${wibTimeText(closesAt)}).`, {
        contractPeriodEndsAt: new Date(closesAt).toISOString(),
        contractPeriodEndsAtWib: wibTimeText(closesAt),
      });
    }
    return undefined;
  },

  /** The test's result is recorded once its period has ended; a failed test needs the warning letter's number. */
  scmTestResultAllowed: (ctx: RuleContext): Refusal | undefined => {
    const h = handlingOf(ctx.data);
    if (h?.awaiting !== 'test_result') {
      return refuse(409, 'no_scm_test_running', `Tidak ada uji coba show cause meeting yang menunggu hasil (${SSUK_CLAUSE}).`);
    }
    const m = h.meetings.at(-1)!;
    if (ctx.now < m.testEndsAt) {
      return refuse(
        409,
        'scm_test_period_running',
        `Masa uji coba SCM ${romanLevel(m.level)} berakhir ${wibTimeText(m.testEndsAt)}; hasilnya dicatat setelah itu.`,
        {
          testEndsAt: new Date(m.testEndsAt).toISOString(),
          testEndsAtWib: wibTimeText(m.testEndsAt),
        },
      );
    }
    if (acceptedBy(ctx.data, m.testEndsAt) < m.targetBp && !ctx.payload.warningNumber) {
      return refuse(
        422,
        'warning_letter_required',
        `Target uji coba SCM ${romanLevel(m.level)} tidak tercapai: isi nomor Surat Peringatan Kontrak Kritis ${romanLevel(m.level)} (warningNumber).`,
      );
    }
    return undefined;
  },

  /**
   * Termination on the ground of kontrak kritis needs test III failed and Surat Peringatan III issued. While a
   * handling runs, a termination names its ground, so the SCM sequence is not skipped by leaving it out.
   */
  terminationGroundsValid: (ctx: RuleContext): Refusal | undefined => {
    const h = handlingOf(ctx.data);
    const grounds = ctx.payload.grounds as string | undefined;
    if (grounds === 'kontrak_kritis' && h?.awaiting !== 'termination_allowed') {
      return refuse(
        409,
        'critical_handling_incomplete',
        `Pemutusan kontrak karena kontrak kritis baru dapat dilakukan setelah uji coba SCM III gagal dan Surat Peringatan III terbit (${SSUK_CLAUSE}).`,
        { level: h?.level ?? 0, warnings: h?.warnings.length ?? 0 },
      );
    }
    if (!grounds && h?.awaiting !== undefined) {
      return refuse(422, 'termination_grounds_required', 'Kontrak sedang dalam penanganan kontrak kritis: sebutkan dasar pemutusan kontrak (grounds).');
    }
    return undefined;
  },
};

export const criticalHandlingReducers = {
  /** Kontrak v2's SPMK: recorded as before, and the execution window's length starts as the contract period. */
  issueSpmk: (ctx: RuleContext): void => {
    ctx.data.spmk = { ...ctx.payload, by: ctx.actor.id, at: ctx.now };
    const period: ExecutionPeriod = { days: (ctx.data.contract as ContractData).durationDays };
    ctx.data.executionPeriod = period;
  },

  /**
   * SCM I–III: the meeting and its test period are recorded; the step leaves the execution window to generate the
   * minutes (BA SCM) and comes back, so the window's length becomes what is left of the contract period, rounded up
   * to whole days (the provider never loses time to the paperwork).
   */
  holdShowCauseMeeting: (ctx: RuleContext): void => {
    const h = handlingOf(ctx.data)!;
    const p = ctx.payload;
    const level = h.level + 1;
    const meeting: ShowCauseMeeting = {
      level,
      minutesNumber: p.minutesNumber as string,
      ...(p.warningNumber ? { warningNumber: p.warningNumber as string } : {}),
      meetingDate: p.meetingDate as string,
      testPeriodDays: p.testPeriodDays as number,
      targetBp: percentToBp(p.targetPercent as number),
      testEndsAt: ctx.now + Math.round((p.testPeriodDays as number) * DAY_MS * ctx.timeScale),
      ...(p.note ? { note: p.note as string } : {}),
      by: ctx.actor.id,
      at: ctx.now,
    };
    h.meetings.push(meeting);
    h.level = level;
    h.awaiting = 'test_result';
    const period = ctx.data.executionPeriod as ExecutionPeriod;
    period.endsAt = contractPeriodEndsAt(ctx);
    period.days = Math.max(0, Math.ceil((period.endsAt - ctx.now) / (DAY_MS * ctx.timeScale) - 1e-9));
  },

  /** After the test period: reached → the handling ends; failed → Surat Peringatan, then the next SCM or termination. */
  recordScmTestResult: (ctx: RuleContext): void => {
    const h = handlingOf(ctx.data)!;
    const m = h.meetings.at(-1)!;
    m.progressBp = acceptedBy(ctx.data, m.testEndsAt);
    m.judgedAt = ctx.now;
    if (m.progressBp >= m.targetBp) {
      m.result = 'tercapai';
      endRound(h, 'target_tercapai');
      return;
    }
    m.result = 'tidak_tercapai';
    h.warnings.push({ level: m.level, number: ctx.payload.warningNumber as string, by: ctx.actor.id, at: ctx.now });
    h.awaiting = m.level < 3 ? 'scm' : 'termination_allowed';
  },
};

/**
 * Called by the review reducer after a report is accepted (rules.ts): judges the contract again; a critical one with
 * no handling running starts one (the PPK's SCM step opens), one no longer critical before any meeting drops it, and a
 * report submitted within a test period that reaches its target ends the handling at once.
 */
export function afterReportAccepted(ctx: RuleContext, report: ProgressReport): void {
  if (!isConstruction(ctx.data)) return;
  const c = judge(ctx.data);
  const judgement = { ...c, at: ctx.now, reportId: report.id };
  let h = handlingOf(ctx.data);
  if (!h) {
    h = { judgement, round: 0, level: 0, meetings: [], warnings: [], pastRounds: [] };
    ctx.data.criticalHandling = h;
  }
  h.judgement = judgement;
  const m = h.meetings.at(-1);
  if (h.awaiting === 'test_result' && m && report.at <= m.testEndsAt && report.physicalBp >= m.targetBp) {
    m.result = 'tercapai';
    m.progressBp = report.physicalBp;
    m.judgedAt = ctx.now;
    endRound(h, 'target_tercapai');
    return;
  }
  if (h.awaiting === 'scm' && h.level === 0 && !c.critical) {
    endRound(h, 'tidak_kritis_lagi');
    return;
  }
  if (h.awaiting === undefined && c.critical) {
    // A round that held a meeting is kept whole; one dropped before any meeting left no minutes, so its number is reused.
    if (h.meetings.length) {
      h.pastRounds.push({ round: h.round, meetings: h.meetings, warnings: h.warnings, ...(h.outcome ? { outcome: h.outcome } : {}) });
      h.round += 1;
    } else if (h.round === 0) h.round = 1;
    h.level = 0;
    h.meetings = [];
    h.warnings = [];
    delete h.outcome;
    h.awaiting = 'scm';
  }
}

/** An addendum's extra days lengthen the execution window as well (kontrak v2 keeps its length at executionPeriod). */
export function extendExecutionPeriod(ctx: RuleContext, extensionDays: number): void {
  const period = ctx.data.executionPeriod as ExecutionPeriod | undefined;
  if (!period) return;
  period.days += extensionDays;
  if (period.endsAt !== undefined) period.endsAt += Math.round(extensionDays * DAY_MS * ctx.timeScale);
}

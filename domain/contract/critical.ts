/**
 * Kontrak kritis: when a running contract's physical progress trails its plan far enough that the PPK must act
 * (written warning, show cause meetings, possibly termination). The rule and its numbers are in
 * domain/contract/KONTRAK-KRITIS.md (standard construction contract conditions, SSUK "Keterlambatan Pelaksanaan
 * Pekerjaan dan Kontrak Kritis"); every number lives in CRITICAL_RULES, nothing else holds a copy.
 *
 * Pure and integer: percentages are read as basis points (1% = 100 bp) so 70.00% and 10.00% compare exactly.
 */

export interface CriticalRules {
  /** Period I ends where the plan reaches this share of the work (bp): 7000 = 70%. */
  periodOneUntilBp: number;
  /** Period I: critical when actual trails plan by more than this (bp): 1000 = 10%. */
  periodOneMaxLagBp: number;
  /** Period II: critical when actual trails plan by more than this (bp): 500 = 5%. */
  periodTwoMaxLagBp: number;
  /** Where the numbers come from. */
  source: string;
}

export const CRITICAL_RULES: CriticalRules = {
  periodOneUntilBp: 7000,
  periodOneMaxLagBp: 1000,
  periodTwoMaxLagBp: 500,
  source: 'SSUK "Keterlambatan Pelaksanaan Pekerjaan dan Kontrak Kritis" (Permen PU 07/PRT/M/2011 Buku PK 06A), ' + 'lihat domain/contract/KONTRAK-KRITIS.md',
};

/** One reporting period of the S-curve as monitors read it (domain/contract/figures.ts). */
export interface ProgressPoint {
  period: number;
  /** Nominal end of the period (epoch ms), when the execution start is known. */
  periodEnd?: number;
  plannedPct: number;
  /** Accepted actual progress of the period; absent until a report is accepted. */
  actualPct?: number;
}

export type CriticalReason = 'lag_period_one' | 'lag_period_two' | 'past_fiscal_year';

export interface Criticality {
  critical: boolean;
  reason?: CriticalReason;
  /** The latest period with an accepted report: what the judgement reads. Absent when no report was accepted. */
  period?: number;
  plannedPct?: number;
  actualPct?: number;
  /** plannedPct − actualPct (0 when ahead). */
  lagPct?: number;
  /** Projected finish (epoch ms): the planned end moved by how far the work runs behind the plan. */
  projectedFinish?: number;
}

const bp = (pct: number) => Math.round(pct * 100);

/**
 * When the plan reached `targetBp`, interpolated linearly between period ends (the plan starts at 0% one period
 * before the first period's end). Undefined when the period ends are unknown.
 */
function planReached(points: readonly ProgressPoint[], targetBp: number): number | undefined {
  let prevEnd: number | undefined;
  let prevBp = 0;
  for (const [i, p] of points.entries()) {
    if (p.periodEnd === undefined) return undefined;
    if (i === 0) {
      const next = points[1]?.periodEnd;
      prevEnd = next !== undefined ? p.periodEnd - (next - p.periodEnd) : p.periodEnd;
    }
    const planned = bp(p.plannedPct);
    if (planned >= targetBp) {
      const span = planned - prevBp;
      return span > 0 ? prevEnd! + Math.round(((p.periodEnd - prevEnd!) * (targetBp - prevBp)) / span) : p.periodEnd;
    }
    prevEnd = p.periodEnd;
    prevBp = planned;
  }
  return points.at(-1)?.periodEnd;
}

/**
 * Judges a contract from its S-curve. `fiscalYearEnd`: the end of the contract's fiscal year (epoch ms, 31 December
 * 24:00 WIB). A contract without an accepted report is not judged (not critical).
 */
export function criticalityOf(points: readonly ProgressPoint[], fiscalYearEnd: number, rules: CriticalRules = CRITICAL_RULES): Criticality {
  const reported = points.filter((p) => p.actualPct !== undefined);
  const last = reported.at(-1);
  if (!last) return { critical: false };
  const plannedBp = bp(last.plannedPct);
  const actualBp = bp(last.actualPct!);
  const lagBp = Math.max(0, plannedBp - actualBp);
  const base = { period: last.period, plannedPct: last.plannedPct, actualPct: last.actualPct!, lagPct: lagBp / 100 };

  // How far behind in time: the plan reached today's actual progress at `reachedAt`; the report's period ended at
  // `last.periodEnd`. The whole schedule is assumed to slip by that much.
  const plannedEnd = points.at(-1)?.periodEnd;
  const reachedAt = planReached(points, actualBp);
  const projectedFinish =
    plannedEnd !== undefined && last.periodEnd !== undefined && reachedAt !== undefined ? plannedEnd + Math.max(0, last.periodEnd - reachedAt) : undefined;
  const withFinish = projectedFinish !== undefined ? { ...base, projectedFinish } : base;

  if (plannedBp <= rules.periodOneUntilBp) {
    return lagBp > rules.periodOneMaxLagBp ? { critical: true, reason: 'lag_period_one', ...withFinish } : { critical: false, ...withFinish };
  }
  if (lagBp > rules.periodTwoMaxLagBp) return { critical: true, reason: 'lag_period_two', ...withFinish };
  if (lagBp > 0 && projectedFinish !== undefined && projectedFinish > fiscalYearEnd) {
    return { critical: true, reason: 'past_fiscal_year', ...withFinish };
  }
  return { critical: false, ...withFinish };
}

/** 31 December of the fiscal year, 24:00 WIB (UTC+7), as epoch ms. */
export const fiscalYearEndWib = (fiscalYear: number) => Date.UTC(fiscalYear + 1, 0, 1) - 7 * 3_600_000;

/** Indonesian explanation of a judgement, for pages and exports. */
export function criticalityText(c: Criticality): string {
  if (!c.critical || c.reason === undefined) return c.period === undefined ? 'Belum ada laporan kemajuan yang diterima.' : 'Tidak kritis.';
  const fmt = (n: number) => n.toLocaleString('id-ID', { maximumFractionDigits: 2 });
  const at = `rencana ${fmt(c.plannedPct!)}%, realisasi ${fmt(c.actualPct!)}% (deviasi ${fmt(c.lagPct!)}%)`;
  switch (c.reason) {
    case 'lag_period_one':
      return `Kontrak kritis: pada periode I (rencana 0–70%) realisasi terlambat lebih dari 10% — ${at}.`;
    case 'lag_period_two':
      return `Kontrak kritis: pada periode II (rencana 70–100%) realisasi terlambat lebih dari 5% — ${at}.`;
    case 'past_fiscal_year':
      return `Kontrak kritis: pada periode II realisasi terlambat kurang dari 5% tetapi pekerjaan diperkirakan melewati tahun anggaran — ${at}.`;
  }
}

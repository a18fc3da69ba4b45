/**
 * The figures monitors read for a contract: value, paid to date, budget absorption (paid / contract value and
 * paid / pagu), physical progress and the S-curve (planned against actual per reporting period). Derived from the
 * process data by the same ledger functions the rules use, so the read model can never disagree with the workflow.
 */
import { acceptedProgressBp, type ContractView, contractView, paidToDate, penaltyDeducted, retentionHeld } from './ledger';
import { mulDiv } from './money';

export interface SCurvePoint {
  period: number;
  /** Nominal end of the period, when the execution start is known. */
  periodEnd?: number;
  plannedPct: number;
  /** The latest accepted report of that period; absent until one is accepted. */
  actualPct?: number;
}

export interface ContractFigures {
  value: number;
  originalValue: number;
  pagu: number;
  paid: number;
  retentionHeld: number;
  penalty: number;
  physicalPct: number;
  /** Ratios with four decimals (0.4375 = 43.75%), computed from integers. */
  absorptionContract: number;
  absorptionPagu: number;
  sCurve: SCurvePoint[];
}

const ratio = (part: number, whole: number) => (whole > 0 ? mulDiv(part, 10_000, whole) / 10_000 : 0);

export function sCurve(v: ContractView, executionStart?: number): SCurvePoint[] {
  const c = v.contract!;
  const dayMs = 86_400_000;
  return c.plannedBp.map((bp, i) => {
    const period = i + 1;
    const accepted = v.reports.filter((r) => r.status === 'diterima' && r.period === period);
    const actual = accepted.length ? Math.max(...accepted.map((r) => r.physicalBp)) : undefined;
    return {
      period,
      ...(executionStart !== undefined ? { periodEnd: executionStart + period * c.periodDays * dayMs } : {}),
      plannedPct: bp / 100,
      ...(actual !== undefined ? { actualPct: actual / 100 } : {}),
    };
  });
}

export function contractFigures(data: Record<string, unknown>, executionStart?: number): ContractFigures | undefined {
  const v = contractView(data);
  if (!v.contract) return undefined;
  const paid = paidToDate(v);
  return {
    value: v.contract.value,
    originalValue: v.contract.originalValue,
    pagu: v.contract.pagu,
    paid,
    retentionHeld: retentionHeld(v),
    penalty: penaltyDeducted(v) || (v.handover?.penalty ?? 0),
    physicalPct: acceptedProgressBp(v) / 100,
    absorptionContract: ratio(paid, v.contract.value),
    absorptionPagu: ratio(paid, v.contract.pagu),
    sCurve: sCurve(v, executionStart),
  };
}

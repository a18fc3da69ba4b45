/** One reporting period of a contract's S-curve, as GET /api/packages/{id}/contract answers it (`sCurve`). */
export interface SCurvePoint {
  period: number;
  /** ISO date (YYYY-MM-DD) the period ends, when known. */
  periodEnd: string | null;
  /** Planned cumulative physical progress at the period's end (%). */
  plannedPct: number;
  /** Accepted cumulative physical progress (%), null for a period not reported yet. */
  actualPct: number | null;
}

/** The deviation (actual − planned) of the last reported period: negative means behind schedule. */
export function latestDeviation(points: readonly SCurvePoint[]): { period: number; deviation: number } | null {
  const reported = points.filter((p) => p.actualPct !== null);
  const last = reported[reported.length - 1];
  return last ? { period: last.period, deviation: Math.round(((last.actualPct ?? 0) - last.plannedPct) * 100) / 100 } : null;
}

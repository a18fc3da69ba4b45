/**
 * Integer rupiah arithmetic. Money never passes through a float: products go through BigInt, so Rp10 trillion × 50
 * days of penalty stays exact. Percentages of physical progress are carried as basis points (37,25% = 3725).
 */

/** floor(a × b / c) for non-negative integers, exactly. */
export function mulDiv(a: number, b: number, c: number): number {
  if (c === 0) throw new RangeError('mulDiv by zero');
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** ceil(a × b / c) for non-negative integers, exactly. */
export function mulDivUp(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  return Number((n + d - 1n) / d);
}

/** A percentage with at most two decimals (from a payload) as basis points. */
export function percentToBp(percent: number): number {
  return Math.round(percent * 100);
}

export function bpToPercent(bp: number): number {
  return bp / 100;
}

export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

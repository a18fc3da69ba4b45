/**
 * Koreksi aritmatik (docs/regulation.md §4.1 "lowest corrected price"): a bid may carry its unit-price lines (rincian:
 * description, quantity, unit price). The corrected total is Σ quantity × unit price; when it differs from the offered
 * total it replaces it, and the corrected figure is what is ranked and held against the HPS (Pasal 26(5)).
 *
 * Money stays integer rupiah. Quantities may be decimal (12.5 m³), so each one is read as the exact decimal it prints
 * as and the sum is computed exactly in BigInt, then rounded once, half up, to whole rupiah. Rounding per line is not
 * specified by the sources; one rounding of the exact sum is assumed.
 */

export interface RincianLine {
  description: string;
  quantity: number;
  /** Integer rupiah per unit. */
  unitPrice: number;
}

export interface ArithmeticCorrection {
  vendorId: string;
  offeredPrice: number;
  correctedPrice: number;
}

/** A positive finite number as numerator / 10^scale, exactly as JavaScript prints it (0.1 → 1 / 10^1). */
function decimalOf(x: number): { numerator: bigint; scale: number } {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`not a non-negative finite quantity: ${x}`);
  const [mantissa, exp = '0'] = String(x).toLowerCase().split('e');
  const [int, frac = ''] = mantissa!.split('.');
  let scale = frac.length - Number(exp);
  let numerator = BigInt(`${int}${frac}`);
  if (scale < 0) {
    numerator *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { numerator, scale };
}

/** Σ quantity × unitPrice, exact, rounded half up to whole rupiah. */
export function rincianTotal(lines: readonly RincianLine[]): bigint {
  const parts = lines.map((l) => ({ ...decimalOf(l.quantity), unitPrice: BigInt(l.unitPrice) }));
  const scale = Math.max(0, ...parts.map((p) => p.scale));
  const exact = parts.reduce((s, p) => s + p.numerator * p.unitPrice * 10n ** BigInt(scale - p.scale), 0n);
  const unit = 10n ** BigInt(scale);
  return (exact * 2n + unit) / (unit * 2n);
}

/**
 * The price a bid is evaluated at, and the correction when its rincian disagree with its offered total. A total too
 * large for a safe integer is returned as the nearest number: it is far above any HPS (at most 10^15), so it fails.
 */
export function correctedPrice(bid: { by: string; price: number; rincian?: readonly RincianLine[] }): {
  price: number;
  correction?: ArithmeticCorrection;
} {
  if (!bid.rincian?.length) return { price: bid.price };
  const total = rincianTotal(bid.rincian);
  if (total === BigInt(bid.price)) return { price: bid.price };
  const price = Number(total);
  return { price, correction: { vendorId: bid.by, offeredPrice: bid.price, correctedPrice: price } };
}

/**
 * Numbers as an Indonesian reader writes them, for the flags' explanations: Rp1.450.000.000, 96,55%. Done by hand
 * rather than with Intl so the text never depends on the ICU data a Node build carries.
 */

const groups = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** Integer rupiah: Rp1.450.000.000 (negative: -Rp5.000.000). */
export function rupiah(n: number): string {
  const r = Math.round(n);
  return `${r < 0 ? '-' : ''}Rp${groups(String(Math.abs(r)))}`;
}

/** A ratio as a percentage with `decimals` digits after the decimal comma: 0.96551 → "96,55%". */
export function percent(ratio: number, decimals = 2): string {
  const scaled = Math.round(ratio * 100 * 10 ** decimals);
  const sign = scaled < 0 ? '-' : '';
  const abs = String(Math.abs(scaled)).padStart(decimals + 1, '0');
  const int = abs.slice(0, abs.length - decimals);
  const frac = decimals ? `,${abs.slice(abs.length - decimals)}` : '';
  return `${sign}${groups(int)}${frac}%`;
}

/** A ratio rounded to four decimals, as the API answers carry it (0.9655). */
export const ratio4 = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

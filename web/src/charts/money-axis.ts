/**
 * Rupiah on a chart axis, short: `Rp1,5 M` (miliar), `Rp250 jt` (juta), `Rp900 rb` (ribu). The exact amounts are in
 * the tables next to every chart.
 */
const short = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

export function rupiahShort(v: number): string {
  const a = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  if (a >= 1e12) return `${sign}Rp${short.format(a / 1e12)} T`;
  if (a >= 1e9) return `${sign}Rp${short.format(a / 1e9)} M`;
  if (a >= 1e6) return `${sign}Rp${short.format(a / 1e6)} jt`;
  if (a >= 1e3) return `${sign}Rp${short.format(a / 1e3)} rb`;
  return `${sign}Rp${short.format(a)}`;
}

/** The three money series of budget absorption, in the same colours on every chart (contrast ≥ 3:1 on white). */
export const SERIES_COLORS = { pagu: '#6b7f94', contracted: '#0b5394', paid: '#a34d00' } as const;

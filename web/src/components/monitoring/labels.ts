/** Indonesian names for what the monitoring API answers as codes or ISO months. */
import { monthLabel } from '../list/MonitoringFilterNote';

export { monthLabel };

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
/** `2026-03` → `Mar`, or `Mar 2026` outside the fiscal year (chart axes; the table says the whole month). */
export const shortMonth = (ym: string, fiscalYear: number) => {
  const m = SHORT_MONTHS[Number(ym.slice(5, 7)) - 1] ?? ym;
  return ym.startsWith(`${fiscalYear}-`) ? m : `${m} ${ym.slice(0, 4)}`;
};

/** A share as a percentage: the API answers ratios with four decimals (0.4375 → 43,75%). */
export const ratioPct = (r: number) => Math.round(r * 10_000) / 100;

export const CONTRACT_KINDS: Record<string, string> = {
  kontrak: 'Kontrak',
  surat_pesanan: 'Surat pesanan',
  swakelola: 'Swakelola',
};

export const SEVERITY_LABELS: Record<string, { text: string; tone: '' | 'warn' | 'bad' }> = {
  rendah: { text: 'Rendah', tone: '' },
  sedang: { text: 'Sedang', tone: 'warn' },
  tinggi: { text: 'Tinggi', tone: 'bad' },
};

/**
 * How the console writes times and money: Bahasa Indonesia, times in WIB (Asia/Jakarta, UTC+7, no daylight saving)
 * as `Senin, 7 Desember 2026 14.00 WIB`, rupiah as `Rp1.450.000.000`. Intl does the work; the shapes are pinned by
 * tests/console-format.test.ts.
 */
const TZ = 'Asia/Jakarta';

const dateParts = new Intl.DateTimeFormat('id-ID', {
  timeZone: TZ,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dayParts = new Intl.DateTimeFormat('id-ID', { timeZone: TZ, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

type Input = string | number | Date | null | undefined;

function toDate(v: Input): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `Senin, 7 Desember 2026 14.00 WIB`; '—' when there is no time. */
export function formatWib(v: Input): string {
  const d = toDate(v);
  if (!d) return '—';
  const p = Object.fromEntries(dateParts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.weekday}, ${p.day} ${p.month} ${p.year} ${p.hour}.${p.minute} WIB`;
}

/** `Senin, 7 Desember 2026` (a date without its time, in WIB). */
export function formatDateWib(v: Input): string {
  const d = toDate(v);
  if (!d) return '—';
  const p = Object.fromEntries(dayParts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.weekday}, ${p.day} ${p.month} ${p.year}`;
}

/** `Rp1.450.000.000` (whole rupiah; a negative amount as `-Rp…`); '—' when absent. */
export function formatRupiah(v: number | string | bigint | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  let n: bigint;
  try {
    n = typeof v === 'bigint' ? v : BigInt(typeof v === 'number' ? Math.round(v) : String(v).split('.')[0]!);
  } catch {
    return '—';
  }
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${neg ? '-' : ''}Rp${digits}`;
}

/** `3 hari 4 jam lagi` / `terlambat 2 jam` relative to `now` (ms), coarse: days and hours, or hours and minutes. */
export function formatTimeLeft(due: Input, now: number = Date.now()): { text: string; overdue: boolean } {
  const d = toDate(due);
  if (!d) return { text: '—', overdue: false };
  const ms = d.getTime() - now;
  const overdue = ms < 0;
  const abs = Math.abs(ms);
  const min = Math.floor(abs / 60_000);
  const days = Math.floor(min / 1440);
  const hours = Math.floor((min % 1440) / 60);
  const mins = min % 60;
  if (min === 0) return { text: overdue ? 'baru saja lewat' : 'kurang dari 1 menit lagi', overdue };
  const span = days > 0 ? `${days} hari${hours ? ` ${hours} jam` : ''}` : hours > 0 ? `${hours} jam${mins ? ` ${mins} menit` : ''}` : `${mins} menit`;
  return { text: overdue ? `terlambat ${span}` : `${span} lagi`, overdue };
}

/** A percentage with a decimal comma: `62,5%`. */
export function formatPercent(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: digits }).format(v)}%`;
}

/**
 * Times as people read them in notices the server writes (notifications, emails, digests): Bahasa Indonesia, WIB,
 * `Minggu, 6 Desember 2026 17.19 WIB` — the same shape as the console's web/src/i18n/format.ts, so a reminder's text
 * and the page it links to agree. Pure and independent of the machine's time zone and ICU data (Asia/Jakarta has had
 * no daylight saving since 1964, so a fixed +7 h is exact). `formatWib` in ./working-time.ts stays the compact
 * `2026-12-06 17:19 WIB` for logs and tests.
 */
import { wibParts } from './working-time';

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'] as const;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `Minggu, 6 Desember 2026` — the WIB calendar day of `at` (epoch ms). */
export function wibDayText(at: number): string {
  const p = wibParts(at);
  return `${DAYS[p.dayOfWeek]}, ${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** `Minggu, 6 Desember 2026 17.19 WIB` — a dot between hours and minutes, 00.05 after midnight, never 24.xx. */
export function wibTimeText(at: number): string {
  const p = wibParts(at);
  return `${wibDayText(at)} ${pad2(p.hour)}.${pad2(p.minute)} WIB`;
}

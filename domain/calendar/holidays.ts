/**
 * Indonesian national holidays (libur nasional) and cuti bersama for the working-day calendar of a package.
 *
 * NOT WORKFLOW CODE. This module uses the `date-holidays` library, so it must never be imported from `workflows/` or
 * from anything the workflow bundle pulls in (domain/process, domain/calendar/working-time). It reads no file: the
 * override files are read by runtime/calendar.ts, which also combines both sources into a package's calendar. Its dates
 * are frozen per year into versioned files (below); a package created now names the frozen versions of its years in
 * its workflow input (`PackageStart.calendarRef`, api/services/create-package.ts) and the workflow resolves them, so
 * it stays deterministic and a package keeps the calendar it was created with for life, whatever is edited here
 * later. Packages started before carry the dates themselves (`PackageStart.calendar`).
 *
 * Two sources, merged per year:
 *  1. `date-holidays` (pinned), country 'ID', type 'public' only. It computes Islamic dates arithmetically and has
 *     no cuti bersama, and its Nyepi/Waisak dates are a hand-kept table that currently stops at 2027.
 *  2. `cuti-bersama/<year>.json`, transcribed from that year's SKB 3 Menteri (Keputusan Bersama Menteri Agama,
 *     Menteri Ketenagakerjaan dan Menteri PANRB tentang Hari Libur Nasional dan Cuti Bersama). It adds the cuti
 *     bersama and the national holidays the library misses or puts on another day, and removes library dates the
 *     decree does not have. A year without a file uses the library alone (no cuti bersama).
 *
 * Output is deterministic: sorted, de-duplicated 'YYYY-MM-DD' civil dates (WIB). The library's dates do not depend
 * on the process timezone.
 *
 * Frozen copies: bin/freeze-calendar.ts writes these dates per year into versioned files (frozen/<year>.v<n>.json),
 * so a workflow input can carry `{ year, version }` references (runtime/calendar-ref-for.ts) that workflow code resolves
 * without IO (calendar-ref.ts) instead of the dates themselves. Run it after editing cuti-bersama/<year>.json.
 */
import Holidays from 'date-holidays';

/** A package's calendar covers its creation year and this many following years (contracts run for months). */
export const CALENDAR_YEARS_AHEAD = 2;

/** Office hours (WIB) until they become configuration: 08:00–17:00. */
export const DEFAULT_OFFICE_OPEN_MINUTE = 8 * 60;
export const DEFAULT_OFFICE_CLOSE_MINUTE = 17 * 60;

export type HolidayKind = 'libur_nasional' | 'cuti_bersama';

export interface HolidayEntry {
  /** 'YYYY-MM-DD', the civil date in Indonesia */
  date: string;
  name: string;
  kind: HolidayKind;
  /** 'date-holidays' or the override file, e.g. 'cuti-bersama/2026.json' */
  source: string;
}

export interface OverrideAddition {
  date: string;
  name: string;
  /** Default 'cuti_bersama'; 'libur_nasional' for a national holiday the library misses or dates differently. */
  kind?: HolidayKind;
}

export interface OverrideRemoval {
  date: string;
  /** Why the library date is wrong for this year (the decree's date, the library's mistake). */
  reason: string;
  /** Remove only the library entry with this name on that date (another holiday may share the day). */
  name?: string;
}

/** The shape of `cuti-bersama/<year>.json`. */
export interface HolidayOverride {
  year: number;
  /** The decree: title, number(s) and date. */
  source: string;
  sourceUrl?: string;
  /** Caveats: how the dates were checked, what may still change. */
  note?: string;
  add: OverrideAddition[];
  remove: OverrideRemoval[];
}

export interface OfficeHours {
  officeOpenMinute?: number;
  officeCloseMinute?: number;
}

// ---------------------------------------------------------------------------
// The library
// ---------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

let library: Holidays | undefined;

export function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year must be a 4-digit integer, got ${year}`);
}

/**
 * National holidays for one year according to `date-holidays` (country ID, type 'public' only), in date order.
 * The library's `date` is "YYYY-MM-DD hh:mm:ss [±hhmm]" in Indonesian civil time (an Islamic day is listed from
 * sunset the evening before, hence an offset); the first ten characters are the civil date.
 */
export function libraryHolidays(year: number): HolidayEntry[] {
  assertYear(year);
  library ??= new Holidays('ID');
  return library
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name, kind: 'libur_nasional' as const, source: 'date-holidays' }))
    .filter((h) => h.date.startsWith(`${year}-`))
    .sort(byDate);
}

// ---------------------------------------------------------------------------
// Override files
// ---------------------------------------------------------------------------

function isValidDate(s: unknown, year: number): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m || Number(m[1]) !== year) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() + 1 === Number(m[2]) && d.getUTCDate() === Number(m[3]);
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function unknownKeys(o: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(o).filter((k) => !allowed.includes(k));
}

/**
 * Checks a parsed override file strictly and returns it typed. A typo must fail loudly: a misspelt date or key
 * would otherwise drop a holiday silently and a deadline could end on Idul Fitri.
 */
export function parseOverride(raw: unknown, year: number, where = `override ${year}`): HolidayOverride {
  const problems: string[] = [];
  if (!isObject(raw)) throw new RangeError(`${where}: expected a JSON object`);
  for (const k of unknownKeys(raw, ['year', 'source', 'sourceUrl', 'note', 'add', 'remove'])) problems.push(`unknown key '${k}'`);
  if (raw.year !== year) problems.push(`"year" must be ${year} (the file name), got ${JSON.stringify(raw.year)}`);
  if (!nonEmpty(raw.source)) problems.push('"source" (the decree) is required');
  if (raw.sourceUrl !== undefined && !nonEmpty(raw.sourceUrl)) problems.push('"sourceUrl" must be a non-empty string');
  if (raw.note !== undefined && !nonEmpty(raw.note)) problems.push('"note" must be a non-empty string');
  const add = raw.add ?? [];
  const remove = raw.remove ?? [];
  if (!Array.isArray(add)) problems.push('"add" must be an array');
  if (!Array.isArray(remove)) problems.push('"remove" must be an array');
  (Array.isArray(add) ? add : []).forEach((a: unknown, i) => {
    if (!isObject(a)) return problems.push(`add[${i}] must be an object`);
    for (const k of unknownKeys(a, ['date', 'name', 'kind'])) problems.push(`add[${i}]: unknown key '${k}'`);
    if (!isValidDate(a.date, year)) problems.push(`add[${i}]: "date" must be a valid 'YYYY-MM-DD' in ${year}, got ${JSON.stringify(a.date)}`);
    if (!nonEmpty(a.name)) problems.push(`add[${i}]: "name" is required`);
    if (a.kind !== undefined && a.kind !== 'libur_nasional' && a.kind !== 'cuti_bersama') {
      problems.push(`add[${i}]: "kind" must be 'libur_nasional' or 'cuti_bersama', got ${JSON.stringify(a.kind)}`);
    }
  });
  (Array.isArray(remove) ? remove : []).forEach((r: unknown, i) => {
    if (!isObject(r)) return problems.push(`remove[${i}] must be an object`);
    for (const k of unknownKeys(r, ['date', 'reason', 'name'])) problems.push(`remove[${i}]: unknown key '${k}'`);
    if (!isValidDate(r.date, year)) problems.push(`remove[${i}]: "date" must be a valid 'YYYY-MM-DD' in ${year}, got ${JSON.stringify(r.date)}`);
    if (!nonEmpty(r.reason)) problems.push(`remove[${i}]: "reason" is required`);
    if (r.name !== undefined && !nonEmpty(r.name)) problems.push(`remove[${i}]: "name" must be a non-empty string`);
  });
  if (problems.length) throw new RangeError(`${where}: ${problems.join('; ')}`);
  return { ...(raw as unknown as HolidayOverride), add: add as OverrideAddition[], remove: remove as OverrideRemoval[] };
}

/**
 * The library's entries for a year with its override applied: removals first (only library entries: a removal
 * with a name takes that entry, without one every library entry on the date), then the additions. `unmatched`
 * lists removals that found nothing, which means the library changed (a dependency update fixed or moved the
 * date) and the override file needs a look; they are harmless at run time.
 */
export function applyOverride(
  libraryEntries: readonly HolidayEntry[],
  override: HolidayOverride | undefined,
): { entries: HolidayEntry[]; unmatched: OverrideRemoval[] } {
  if (!override) return { entries: [...libraryEntries].sort(byDate), unmatched: [] };
  const source = `cuti-bersama/${override.year}.json`;
  const removed = new Set<HolidayEntry>();
  const unmatched: OverrideRemoval[] = [];
  for (const r of override.remove) {
    const hits = libraryEntries.filter((e) => e.date === r.date && (r.name === undefined || e.name === r.name));
    if (!hits.length) unmatched.push(r);
    hits.forEach((h) => removed.add(h));
  }
  const entries = [
    ...libraryEntries.filter((e) => !removed.has(e)),
    ...override.add.map((a) => ({ date: a.date, name: a.name, kind: a.kind ?? ('cuti_bersama' as const), source })),
  ].sort(byDate);
  return { entries, unmatched };
}

function byDate(a: HolidayEntry, b: HolidayEntry): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

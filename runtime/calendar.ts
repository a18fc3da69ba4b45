/**
 * The calendar loader: reads the yearly cuti bersama decrees (domain/calendar/cuti-bersama/<year>.json) and the
 * office hours (`OFFICE_HOURS`), and combines them with the library's national holidays through the pure rules of
 * domain/calendar/holidays.ts into a package's working-day calendar.
 *
 * NOT WORKFLOW CODE (it reads files and the environment): call it when a package is created or a monitor counts
 * working days; the workflow gets the result (or a reference to frozen files, calendar-ref-for.ts) in its input.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  applyOverride,
  assertYear,
  CALENDAR_YEARS_AHEAD,
  DEFAULT_OFFICE_CLOSE_MINUTE,
  DEFAULT_OFFICE_OPEN_MINUTE,
  type HolidayEntry,
  type HolidayOverride,
  libraryHolidays,
  type OfficeHours,
  parseOverride,
} from '../domain/calendar/holidays';
import { type CalendarConfig, validateCalendar, wibParts } from '../domain/calendar/working-time';

/** Where the yearly SKB files live: `<year>.json` (beside the rules that read them; copied there by the build too). */
export const OVERRIDES_DIR = path.join(__dirname, '..', 'domain', 'calendar', 'cuti-bersama');

export interface HolidayOptions {
  /** Directory of the `<year>.json` override files (tests); default OVERRIDES_DIR. */
  overridesDir?: string;
}

export interface CalendarOptions extends HolidayOptions, OfficeHours {}

/** The override file for `year`, or undefined when there is none (the decree is not out yet, or not transcribed). */
export function readOverride(year: number, opts: HolidayOptions = {}): HolidayOverride | undefined {
  assertYear(year);
  const file = path.join(opts.overridesDir ?? OVERRIDES_DIR, `${year}.json`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new RangeError(`${file}: invalid JSON (${(e as Error).message})`, { cause: e });
  }
  return parseOverride(raw, year, file);
}

/** Every holiday and cuti bersama of the given years, with names and sources (for display and checks). */
export function holidayEntriesFor(years: readonly number[], opts: HolidayOptions = {}): HolidayEntry[] {
  const distinct = [...new Set(years)].sort((a, b) => a - b);
  distinct.forEach(assertYear);
  return distinct.flatMap((y) => applyOverride(libraryHolidays(y), readOverride(y, opts)).entries);
}

/** Non-working dates ('YYYY-MM-DD', WIB) of the given years: libur nasional plus cuti bersama, sorted and unique. */
export function holidaysFor(years: readonly number[], opts: HolidayOptions = {}): string[] {
  return [...new Set(holidayEntriesFor(years, opts).map((e) => e.date))].sort();
}

/** Office hours from `OFFICE_HOURS=HH:MM-HH:MM` (WIB); default 08:00–17:00. Read by the API when packages are created. */
export function officeHoursFromEnv(env: NodeJS.ProcessEnv = process.env): OfficeHours {
  if (!env.OFFICE_HOURS) return {};
  const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(env.OFFICE_HOURS);
  const open = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  const close = m ? Number(m[3]) * 60 + Number(m[4]) : NaN;
  if (!(open < close)) throw new Error(`OFFICE_HOURS must be HH:MM-HH:MM (WIB) with opening before closing, got '${env.OFFICE_HOURS}'`);
  return { officeOpenMinute: open, officeCloseMinute: close };
}

/**
 * The working-day calendar for a package created at `createdAt` (epoch ms): the holidays of the WIB creation year
 * and the CALENDAR_YEARS_AHEAD following years, and office hours 08:00–17:00 WIB unless given. Call it outside
 * workflow code. resolveCalendar(calendarRefFor(createdAt, opts)) gives the same calendar from the frozen files.
 */
export function calendarFor(createdAt: number, opts: CalendarOptions = {}): CalendarConfig {
  const first = wibParts(createdAt).year; // throws on a non-finite instant
  const years = Array.from({ length: CALENDAR_YEARS_AHEAD + 1 }, (_, i) => first + i);
  const calendar: CalendarConfig = {
    holidays: holidaysFor(years, opts),
    officeOpenMinute: opts.officeOpenMinute ?? DEFAULT_OFFICE_OPEN_MINUTE,
    officeCloseMinute: opts.officeCloseMinute ?? DEFAULT_OFFICE_CLOSE_MINUTE,
  };
  validateCalendar(calendar);
  return calendar;
}

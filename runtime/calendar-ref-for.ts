/**
 * Picks the calendar reference for a new package: its WIB creation year and the CALENDAR_YEARS_AHEAD following years,
 * each at its latest frozen version.
 *
 * NOT WORKFLOW CODE (it imports calendar.ts, which reads files, and date-holidays). Call it where calendarFor was
 * called, when a package is created, and put the result in the workflow input; the workflow resolves it with
 * resolveCalendar (calendar-ref.ts). Frozen years need no date-holidays computation at all (~10–30 ms a year
 * otherwise). A year that has no frozen file (far ahead, or a build that forgot to freeze) is carried inline with the
 * dates holidaysFor computes now, so creation never fails for want of a frozen year; that is what calendarFor did.
 *
 * It deliberately does not compare the frozen dates with what holidaysFor computes today: tests/calendar-frozen.test.ts
 * fails when cuti-bersama/<year>.json changed without a new frozen version, so the latest version is the current one.
 */
import { type CalendarRef, type CalendarYearRef, type FrozenYear, latestFrozenYear, resolveCalendar } from '../domain/calendar/calendar-ref';
import { FROZEN_YEARS } from '../domain/calendar/frozen/index';
import { CALENDAR_YEARS_AHEAD, DEFAULT_OFFICE_CLOSE_MINUTE, DEFAULT_OFFICE_OPEN_MINUTE, type OfficeHours } from '../domain/calendar/holidays';
import { wibParts } from '../domain/calendar/working-time';
import { holidaysFor } from './calendar';

export interface CalendarRefOptions extends OfficeHours {
  /** The frozen calendars to pick from (tests); default every file in domain/calendar/frozen. */
  catalog?: readonly FrozenYear[];
}

/** The WIB years a package created at `createdAt` (epoch ms) covers: the creation year and the following ones. */
export function calendarYears(createdAt: number): number[] {
  const first = wibParts(createdAt).year; // throws on a non-finite instant
  return Array.from({ length: CALENDAR_YEARS_AHEAD + 1 }, (_, i) => first + i);
}

/**
 * The calendar reference for a package created at `createdAt` (epoch ms). resolveCalendar(calendarRefFor(t, o))
 * deep-equals calendarFor(t, o). Validated here (office hours, inline dates) so a bad reference fails at creation,
 * not inside the workflow.
 */
export function calendarRefFor(createdAt: number, opts: CalendarRefOptions = {}): CalendarRef {
  const catalog = opts.catalog ?? FROZEN_YEARS;
  const years: CalendarYearRef[] = calendarYears(createdAt).map((year) => {
    const frozen = latestFrozenYear(year, catalog);
    return frozen ? { year, version: frozen.version } : { year, holidays: holidaysFor([year]) };
  });
  const ref: CalendarRef = {
    years,
    officeOpenMinute: opts.officeOpenMinute ?? DEFAULT_OFFICE_OPEN_MINUTE,
    officeCloseMinute: opts.officeCloseMinute ?? DEFAULT_OFFICE_CLOSE_MINUTE,
  };
  resolveCalendar(ref, catalog);
  return ref;
}

/**
 * Indonesian working-time arithmetic for procurement deadlines (WIB).
 *
 * This module runs inside Temporal workflow code, so it must be pure and
 * deterministic: no clock reads, no timezone database, no IO, no imports.
 * All instants are epoch milliseconds. WIB (Asia/Jakarta) is UTC+7 with no
 * DST, so every conversion is a fixed +7h shift and every WIB day is exactly
 * 24h long. `new Date(ms)` is only used with UTC getters, which is
 * deterministic.
 */

export interface CalendarConfig {
  /** ISO dates 'YYYY-MM-DD' (WIB) that are national holidays or cuti bersama */
  readonly holidays: readonly string[];
  /** office hours in WIB, minutes since midnight; default 08:00–17:00 (480..1020) */
  readonly officeOpenMinute: number;
  readonly officeCloseMinute: number;
}

export const DEFAULT_CALENDAR: CalendarConfig = Object.freeze({
  holidays: Object.freeze([] as string[]),
  officeOpenMinute: 8 * 60,
  officeCloseMinute: 17 * 60,
});

export type DurationUnit = 'calendarDays' | 'workingDays' | 'hours' | 'minutes';

export interface DurationSpec {
  amount: number;
  unit: DurationUnit;
  /** roll the end to the next working time when it falls outside it (the sanggah rule) */
  endOnWorkingTime?: boolean;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** WIB = UTC+7, fixed: Indonesia has no daylight saving time. */
export const WIB_OFFSET_MS = 7 * HOUR_MS;

// ---------------------------------------------------------------------------
// WIB wall-clock conversion
// ---------------------------------------------------------------------------

export interface WibParts {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday (same convention as getUTCDay) */
  dayOfWeek: number;
}

function assertInstant(at: number, name = 'at'): void {
  if (!Number.isFinite(at)) throw new RangeError(`${name} must be a finite epoch-ms number, got ${at}`);
}

/** Broken-down WIB wall clock for an instant. */
export function wibParts(at: number): WibParts {
  assertInstant(at);
  // Shift by +7h, then read the shifted instant with UTC getters.
  const d = new Date(at + WIB_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    dayOfWeek: d.getUTCDay(),
  };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** 'YYYY-MM-DD' of the WIB calendar day containing `at`. */
export function wibDate(at: number): string {
  const p = wibParts(at);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Human-readable WIB timestamp, e.g. '2026-03-20 14:00 WIB' (for notices and logs). */
export function formatWib(at: number): string {
  const p = wibParts(at);
  return `${wibDate(at)} ${pad(p.hour)}:${pad(p.minute)} WIB`;
}

/**
 * Epoch ms of a WIB wall-clock time. Fields are validated strictly instead of
 * letting Date.UTC silently normalise overflow (e.g. 2026-02-30 → March 2),
 * because a typo in a tender schedule must fail loudly, not shift a deadline.
 */
export function wibDateTime(y: number, m: number, d: number, hh = 0, mm = 0): number {
  const ok =
    Number.isInteger(y) &&
    y >= 1000 &&
    y <= 9999 &&
    Number.isInteger(m) &&
    m >= 1 &&
    m <= 12 &&
    Number.isInteger(d) &&
    d >= 1 &&
    d <= 31 &&
    Number.isInteger(hh) &&
    hh >= 0 &&
    hh <= 23 &&
    Number.isInteger(mm) &&
    mm >= 0 &&
    mm <= 59;
  const at = ok ? Date.UTC(y, m - 1, d, hh, mm) - WIB_OFFSET_MS : NaN;
  // Round-trip catches day overflow such as 31 April or 29 Feb in a non-leap year.
  if (!ok || wibDate(at) !== `${pad(y, 4)}-${pad(m)}-${pad(d)}`) {
    throw new RangeError(`invalid WIB date-time ${y}-${m}-${d} ${hh}:${mm}`);
  }
  return at;
}

/** Milliseconds elapsed since WIB midnight (0 .. DAY_MS-1); safe for negative epochs. */
function msIntoWibDay(at: number): number {
  return (((at + WIB_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
}

// ---------------------------------------------------------------------------
// Calendar validation
// ---------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Throws RangeError on a malformed calendar. A misspelt holiday ('2026-12-5')
 * would otherwise be silently ignored and a deadline could end on Christmas.
 */
export function validateCalendar(cal: CalendarConfig): void {
  const { officeOpenMinute: open, officeCloseMinute: close } = cal;
  if (!Number.isInteger(open) || !Number.isInteger(close) || open < 0 || close > 24 * 60 || open >= close) {
    throw new RangeError(`office hours must satisfy 0 <= open < close <= 1440 (minutes), got ${open}..${close}`);
  }
  for (const h of cal.holidays) {
    const m = ISO_DATE.exec(h);
    let valid = false;
    if (m) {
      try {
        wibDateTime(Number(m[1]), Number(m[2]), Number(m[3]));
        valid = true;
      } catch {
        valid = false;
      }
    }
    if (!valid) throw new RangeError(`holiday must be a valid 'YYYY-MM-DD', got '${h}'`);
  }
}

/** Validated view of a calendar used by the internal loops (holiday lookup as a Set). */
interface Prepared {
  holidays: ReadonlySet<string>;
  openMs: number;
  closeMs: number;
}

/**
 * Prepared once per calendar object: every deadline and reminder computation prepares its calendar, and validating
 * every holiday of the years a package spans each time was a third of the workflow code's CPU in a replay profile
 * (issue 14). Calendars are read-only data (`readonly` throughout), so identity is a safe key; a calendar that fails
 * validation is never cached. A WeakMap is deterministic and allowed in workflow code, and lets an evicted run's
 * calendar be collected.
 */
const prepared = new WeakMap<CalendarConfig, Prepared>();

function prepare(cal: CalendarConfig): Prepared {
  const known = prepared.get(cal);
  if (known) return known;
  validateCalendar(cal);
  const p = {
    holidays: new Set(cal.holidays),
    openMs: cal.officeOpenMinute * MINUTE_MS,
    closeMs: cal.officeCloseMinute * MINUTE_MS,
  };
  prepared.set(cal, p);
  return p;
}

function workingDay(at: number, p: Prepared): boolean {
  const dow = wibParts(at).dayOfWeek;
  return dow >= 1 && dow <= 5 && !p.holidays.has(wibDate(at));
}

/** WIB midnight of the first working day strictly after the day containing `at`. */
function nextWorkingDayStart(at: number, p: Prepared): number {
  // Terminates: weekdays always exist and the holiday list is finite.
  let day = at - msIntoWibDay(at) + DAY_MS;
  while (!workingDay(day, p)) day += DAY_MS;
  return day;
}

// ---------------------------------------------------------------------------
// Public predicates and rolling
// ---------------------------------------------------------------------------

/** Monday–Friday in WIB and not listed as a holiday / cuti bersama. */
export function isWorkingDay(at: number, cal: CalendarConfig): boolean {
  assertInstant(at);
  return workingDay(at, prepare(cal));
}

/** A working day and open <= time-of-day < close (closing minute itself is outside). */
export function isWorkingTime(at: number, cal: CalendarConfig): boolean {
  assertInstant(at);
  const p = prepare(cal);
  const ms = msIntoWibDay(at);
  return workingDay(at, p) && ms >= p.openMs && ms < p.closeMs;
}

/**
 * Earliest working instant >= `at`:
 *  - already working time → `at` unchanged;
 *  - working day before opening → that day's opening;
 *  - at/after closing, or a weekend/holiday → opening of the next working day.
 */
export function nextWorkingTime(at: number, cal: CalendarConfig): number {
  assertInstant(at);
  const p = prepare(cal);
  const ms = msIntoWibDay(at);
  if (workingDay(at, p)) {
    if (ms < p.openMs) return at - ms + p.openMs;
    if (ms < p.closeMs) return at;
  }
  return nextWorkingDayStart(at, p) + p.openMs;
}

// ---------------------------------------------------------------------------
// Adding durations
// ---------------------------------------------------------------------------

function assertCount(n: number, name: string, allowNegative: boolean): void {
  if (!Number.isInteger(n) || (!allowNegative && n < 0)) {
    throw new RangeError(`${name} must be ${allowNegative ? 'an' : 'a non-negative'} integer, got ${n}`);
  }
}

/** `days` whole WIB days later (negative allowed). Exact because WIB has no DST. */
export function addCalendarDays(at: number, days: number): number {
  assertInstant(at);
  assertCount(days, 'days', true);
  return at + days * DAY_MS;
}

/**
 * `days` working days later, keeping the same WIB clock time.
 *
 * Rule: if `at` is not on a working day, counting starts from the same clock
 * time on the next working day (so 0 working days from Saturday 10:00 is
 * Monday 10:00, and 1 is Tuesday 10:00). This guarantees the party gets `days`
 * full working days. Each step then moves to the next working day.
 *
 * The clock time is NOT adjusted to office hours here: Tuesday 18:30 + 1 is
 * Wednesday 18:30. Use deadlineFor(…'workingDays'…) for a deadline, which
 * always ends within working time.
 */
export function addWorkingDays(at: number, days: number, cal: CalendarConfig): number {
  assertInstant(at);
  assertCount(days, 'days', false);
  const p = prepare(cal);
  const clock = msIntoWibDay(at);
  let day = at - clock;
  if (!workingDay(day, p)) day = nextWorkingDayStart(day, p);
  for (let i = 0; i < days; i++) day = nextWorkingDayStart(day, p);
  return day + clock;
}

/**
 * The same clock time `days` working days before `at` (a reminder two working days before a deadline): steps back a
 * calendar day at a time and counts only working days, so a weekend or holiday in between is skipped.
 */
export function workingDaysBefore(at: number, days: number, cal: CalendarConfig): number {
  assertInstant(at);
  assertCount(days, 'days', false);
  const p = prepare(cal);
  let t = at;
  for (let left = days; left > 0;) {
    t -= DAY_MS;
    if (workingDay(t - msIntoWibDay(t), p)) left--;
  }
  return t;
}

/**
 * Deadline for a duration starting at `start`.
 *
 * - calendarDays: start + N×24h. With endOnWorkingTime the end is rolled by
 *   nextWorkingTime (Perpres/LKPP: a sanggah period counted in calendar
 *   days must end on a working day within working hours, so an end on
 *   Saturday moves to Monday's opening).
 * - hours / minutes: ELAPSED wall-clock time (not working hours), then the
 *   optional roll.
 * - workingDays: ALWAYS ends within working time, whatever endOnWorkingTime
 *   says. A working-day period can only begin while the office is open, so
 *   the start is first normalised with nextWorkingTime and then N working days
 *   are added at that clock time (which lies in [open, close)). E.g.
 *   Saturday 10:00 + 1 → Tuesday 08:00; Tuesday 18:30 + 1 → Thursday 08:00.
 *
 * `amount` must be a non-negative integer; 0 means "now" (rolled if required).
 */
export function deadlineFor(start: number, spec: DurationSpec, cal: CalendarConfig): number {
  assertInstant(start, 'start');
  assertCount(spec.amount, 'amount', false);
  let end: number;
  switch (spec.unit) {
    case 'workingDays':
      return addWorkingDays(nextWorkingTime(start, cal), spec.amount, cal);
    case 'calendarDays':
      end = addCalendarDays(start, spec.amount);
      break;
    case 'hours':
      end = start + spec.amount * HOUR_MS;
      break;
    case 'minutes':
      end = start + spec.amount * MINUTE_MS;
      break;
    default: {
      const unknown: never = spec.unit;
      throw new RangeError(`unknown duration unit '${String(unknown)}'`);
    }
  }
  return spec.endOnWorkingTime ? nextWorkingTime(end, cal) : end;
}

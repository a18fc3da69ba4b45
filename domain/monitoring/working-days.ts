/**
 * How many working days a window gave: the largest n such that a window of n working days opened at `from` would
 * close no later than `to`, by the engine's own rule (domain/calendar/working-time.ts deadlineFor: the start rolled to
 * working time, then n working days at that clock time). A bid window set to 3 working days therefore measures
 * exactly 3, an addendum's extension counts, and weekends and holidays do not.
 *
 * The same arithmetic, done here with the calendar prepared once (the calendar module validates and prepares it on
 * every call, which is right for one deadline and too slow for a year of packages); tests/red-flags.test.ts checks
 * both agree.
 */
import type { CalendarConfig } from '../calendar/working-time';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WIB_MS = 7 * 3_600_000;
/** Counting stops here: no bid window is longer, and the loop stays bounded whatever the input. */
const MAX_DAYS = 366;

/** Per calendar: its holidays, and whether a WIB day (by its start instant) is a working day, remembered. */
interface Prepared {
  holidays: Set<string>;
  days: Map<number, boolean>;
}
const prepared = new WeakMap<CalendarConfig, Prepared>();
const prepare = (cal: CalendarConfig) => {
  let p = prepared.get(cal);
  if (!p) prepared.set(cal, (p = { holidays: new Set(cal.holidays), days: new Map() }));
  return p;
};

const msIntoDay = (at: number) => (((at + WIB_MS) % DAY_MS) + DAY_MS) % DAY_MS;
const dayStart = (at: number) => at - msIntoDay(at);
function isWorkingDay(day: number, p: Prepared): boolean {
  let yes = p.days.get(day);
  if (yes === undefined) {
    const d = new Date(day + WIB_MS);
    const dow = d.getUTCDay();
    yes = dow >= 1 && dow <= 5 && !p.holidays.has(d.toISOString().slice(0, 10));
    p.days.set(day, yes);
  }
  return yes;
}
function nextWorkingDay(day: number, p: Prepared): number {
  let d = day + DAY_MS;
  while (!isWorkingDay(d, p)) d += DAY_MS;
  return d;
}

export function workingDaysBetween(from: number, to: number, cal: CalendarConfig): number {
  if (!(to > from)) return 0;
  const p = prepare(cal);
  const open = cal.officeOpenMinute * MINUTE_MS;
  const close = cal.officeCloseMinute * MINUTE_MS;
  // nextWorkingTime(from): now if in office hours of a working day, else the next opening.
  let day = dayStart(from);
  let clock = msIntoDay(from);
  if (!isWorkingDay(day, p) || clock >= close) {
    day = nextWorkingDay(day, p);
    clock = open;
  } else if (clock < open) {
    clock = open;
  }
  let n = 0;
  while (n < MAX_DAYS) {
    day = nextWorkingDay(day, p);
    if (day + clock > to) break;
    n++;
  }
  return n;
}

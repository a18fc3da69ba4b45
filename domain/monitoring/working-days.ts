/**
 * How many working days a window gave: the largest n such that a window of n working days opened at `from` (the
 * engine's own deadline arithmetic: start rolled to working time, then n working days at that clock time) would close
 * no later than `to`. A bid window set to 3 working days therefore measures exactly 3, an addendum's extension counts,
 * and weekends and holidays do not.
 */
import { addWorkingDays, type CalendarConfig, nextWorkingTime } from '../calendar/working-time';

/** Counting stops here: no bid window is longer, and the loop stays bounded whatever the input. */
const MAX_DAYS = 366;

export function workingDaysBetween(from: number, to: number, cal: CalendarConfig): number {
  if (!(to > from)) return 0;
  // Stepping one working day at a time from a working instant is the same as deadlineFor(from, n workingDays).
  let t = nextWorkingTime(from, cal);
  let n = 0;
  while (n < MAX_DAYS) {
    t = addWorkingDays(t, 1, cal);
    if (t > to) break;
    n++;
  }
  return n;
}

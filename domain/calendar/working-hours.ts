/**
 * Working hours after an instant: the outage grace (domain/process/outage.ts) counts "N jam kerja" after an outage's
 * end, so an outage ending on Friday evening still protects a window closing on Monday morning. Only office hours on
 * working days count (calendar: WIB office hours, weekends, national holidays and cuti bersama).
 */
import { type CalendarConfig, isWorkingTime, nextWorkingTime, WIB_OFFSET_MS } from './working-time';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The instant `hours` working hours after `at` (0: `at` itself). Pure; `hours` a non-negative finite number. */
export function addWorkingHours(at: number, hours: number, cal: CalendarConfig): number {
  if (!Number.isFinite(at) || !Number.isFinite(hours) || hours < 0) throw new RangeError(`bad working-hours input ${at} + ${hours}`);
  let left = Math.round(hours * HOUR_MS);
  if (left === 0) return at;
  let t = at;
  // Each round uses what is left of one working day, so the loop runs once per working day spanned.
  for (;;) {
    t = isWorkingTime(t, cal) ? t : nextWorkingTime(t, cal);
    const dayStart = t - ((((t + WIB_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS);
    const closes = dayStart + cal.officeCloseMinute * 60_000;
    const take = Math.min(left, closes - t);
    left -= take;
    t += take;
    if (left === 0) return t;
  }
}

/**
 * A package's working-day calendar carried BY REFERENCE in its workflow input, and its resolution to the
 * CalendarConfig the deadline arithmetic (working-time.ts) uses.
 *
 * WORKFLOW CODE. This module runs inside the Temporal workflow bundle, so it must stay pure: no fs, no path, no
 * date-holidays, no clock. The year calendars it resolves are the frozen JSON files next to it
 * (domain/calendar/frozen/<year>.v<n>.json), imported statically through the generated frozen/index.ts, so they
 * are part of the bundle like the retired process definitions.
 *
 * Why a reference: the full holiday list of three years (~1 KB) used to be copied into every workflow input and so
 * into every history (and every continue-as-new). A `{ year, version }` pair names the same dates in ~30 bytes, and
 * stays deterministic because a frozen version is never edited: a revised SKB for a year becomes a new version
 * file, and a running package keeps resolving the version it was created with. The server side, which picks the
 * versions when a package is created, is runtime/calendar-ref-for.ts.
 */
import { FROZEN_YEARS } from './frozen/index';
import { type CalendarConfig, validateCalendar } from './working-time';

/** One frozen year calendar, the shape of `frozen/<year>.v<version>.json`. Never edited once committed. */
export interface FrozenYear {
  year: number;
  /** 1, 2, …: a new version when the computed dates of the year change (a revised or newly transcribed SKB). */
  version: number;
  /** 'YYYY-MM-DD' (WIB) non-working dates of the year: libur nasional and cuti bersama, sorted and unique. */
  holidays: readonly string[];
  /** WIB date the file was written by bin/freeze-calendar.ts. */
  frozenAt: string;
  /** Where the dates came from (library version, SKB file and decree). */
  source: string;
  /** Caveats, e.g. "library dates only, no cuti bersama". */
  notes: string;
}

/** A year by its frozen version. */
export interface FrozenYearRef {
  year: number;
  version: number;
}

/** A year with its dates inline: only when the year had no frozen file when the package was created. */
export interface InlineYear {
  year: number;
  holidays: readonly string[];
}

export type CalendarYearRef = FrozenYearRef | InlineYear;

/** What the workflow input carries instead of the CalendarConfig. */
export interface CalendarRef {
  /** The creation year and the CALENDAR_YEARS_AHEAD following years, in year order. */
  years: readonly CalendarYearRef[];
  /** Office hours in WIB, minutes since midnight. */
  officeOpenMinute: number;
  officeCloseMinute: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The latest frozen version of `year`, or undefined when the year was never frozen. */
export function latestFrozenYear(year: number, catalog: readonly FrozenYear[] = FROZEN_YEARS): FrozenYear | undefined {
  let latest: FrozenYear | undefined;
  for (const f of catalog) if (f.year === year && (!latest || f.version > latest.version)) latest = f;
  return latest;
}

/**
 * The frozen calendar `year`@`version`. Throws when this build does not have it: the package was created by newer
 * code (a worker without the file must not guess dates; the workflow task fails and retries until a worker that has
 * the file picks it up) or the reference is corrupt.
 */
export function frozenYear(year: number, version: number, catalog: readonly FrozenYear[] = FROZEN_YEARS): FrozenYear {
  const hit = catalog.find((f) => f.year === year && f.version === version);
  if (hit) return hit;
  const known = catalog.filter((f) => f.year === year).map((f) => `v${f.version}`);
  throw new RangeError(
    `calendar ${year} v${version} is not frozen in this build (frozen versions of ${year}: ${known.length ? known.join(', ') : 'none'}); ` +
      `the package needs domain/calendar/frozen/${year}.v${version}.json`,
  );
}

function yearDates(entry: unknown, i: number, catalog: readonly FrozenYear[]): readonly string[] {
  if (!isObject(entry) || !Number.isInteger(entry.year)) throw new RangeError(`calendar ref years[${i}] must be { year, version } or { year, holidays }`);
  const year = entry.year as number;
  const hasVersion = entry.version !== undefined;
  const hasInline = entry.holidays !== undefined;
  if (hasVersion === hasInline) throw new RangeError(`calendar ref years[${i}] (${year}) must have exactly one of "version" and "holidays"`);
  if (hasVersion) {
    if (!Number.isInteger(entry.version)) throw new RangeError(`calendar ref years[${i}] (${year}): "version" must be an integer`);
    return frozenYear(year, entry.version as number, catalog).holidays;
  }
  const inline = entry.holidays;
  if (!Array.isArray(inline) || !inline.every((d) => typeof d === 'string' && d.startsWith(`${year}-`))) {
    throw new RangeError(`calendar ref years[${i}] (${year}): inline "holidays" must be 'YYYY-MM-DD' dates of ${year}`);
  }
  return inline as string[];
}

/**
 * The CalendarConfig a reference names: the union of its years' dates (sorted, unique) and its office hours. For a
 * reference from calendarRefFor(t) this is exactly what calendarFor(t) gives (tests/calendar-frozen.test.ts).
 * Throws a RangeError for an unknown year@version or a malformed reference.
 */
export function resolveCalendar(ref: CalendarRef, catalog: readonly FrozenYear[] = FROZEN_YEARS): CalendarConfig {
  if (!isObject(ref) || !Array.isArray(ref.years) || !ref.years.length) throw new RangeError('calendar ref must have a non-empty "years" list');
  const dates = new Set<string>();
  ref.years.forEach((entry, i) => yearDates(entry, i, catalog).forEach((d) => dates.add(d)));
  const calendar: CalendarConfig = {
    holidays: [...dates].sort(),
    officeOpenMinute: ref.officeOpenMinute,
    officeCloseMinute: ref.officeCloseMinute,
  };
  validateCalendar(calendar);
  return calendar;
}

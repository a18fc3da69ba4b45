import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_CALENDAR,
  addCalendarDays,
  addWorkingDays,
  deadlineFor,
  formatWib,
  isWorkingDay,
  isWorkingTime,
  nextWorkingTime,
  validateCalendar,
  wibDate,
  wibDateTime,
  wibParts,
  type CalendarConfig,
  type DurationSpec,
} from '../domain/calendar/working-time';

// Day-of-week facts (checked with `date -d … +%A`):
//   2026-12-01 Tue, 2026-12-07 Mon, 2026-12-12 Sat, 2026-12-14 Mon,
//   2026-12-22 Tue, 2026-12-25 Fri (Christmas), 2026-12-28 Mon,
//   2026-12-30 Wed, 2027-01-01 Fri, 2027-01-04 Mon, 2026-03-20 Fri.

const W = wibDateTime;
const BASE = DEFAULT_CALENDAR;
const XMAS: CalendarConfig = { ...DEFAULT_CALENDAR, holidays: ['2026-12-25'] };
// Christmas Eve as cuti bersama on top of Christmas.
const XMAS_CB: CalendarConfig = { ...DEFAULT_CALENDAR, holidays: ['2026-12-24', '2026-12-25'] };
const NEW_YEAR: CalendarConfig = { ...DEFAULT_CALENDAR, holidays: ['2026-12-25', '2027-01-01'] };
const EARLY: CalendarConfig = { ...DEFAULT_CALENDAR, officeOpenMinute: 7 * 60 + 30, officeCloseMinute: 16 * 60 };

/** Compare instants through their WIB rendering so failures are readable. */
function assertAt(actual: number, expected: number, msg?: string): void {
  assert.equal(formatWib(actual), formatWib(expected), msg);
  assert.equal(actual, expected, msg);
}

describe('WIB conversion', () => {
  it('wibDateTime uses a fixed +7h offset', () => {
    assert.equal(W(2026, 12, 7, 10, 0), Date.UTC(2026, 11, 7, 3, 0));
    assert.equal(W(2026, 12, 7), Date.UTC(2026, 11, 6, 17, 0));
    assert.equal(W(1970, 1, 1, 7, 0), 0);
  });

  const dateCases: Array<[string, number, string]> = [
    ['UTC 18:00 the evening before is already the next WIB day', Date.UTC(2026, 11, 6, 18, 0), '2026-12-07'],
    ['UTC 16:59:59.999 is still 23:59 WIB', Date.UTC(2026, 11, 6, 16, 59, 59, 999), '2026-12-06'],
    ['UTC 17:00 is WIB midnight', Date.UTC(2026, 11, 6, 17, 0), '2026-12-07'],
    ['UTC midnight is 07:00 WIB same date', Date.UTC(2026, 11, 7, 0, 0), '2026-12-07'],
    ['year rollover happens at 17:00 UTC on 31 Dec', Date.UTC(2026, 11, 31, 17, 0), '2027-01-01'],
    ['before the epoch', Date.UTC(1969, 11, 31, 16, 0), '1969-12-31'],
  ];
  for (const [name, at, expected] of dateCases) {
    it(`wibDate: ${name}`, () => assert.equal(wibDate(at), expected));
  }

  it('formatWib and wibParts', () => {
    assert.equal(formatWib(W(2026, 3, 20, 14, 0)), '2026-03-20 14:00 WIB');
    assert.equal(formatWib(Date.UTC(2026, 11, 6, 18, 5)), '2026-12-07 01:05 WIB');
    assert.deepEqual(wibParts(W(2026, 12, 12, 9, 30)), {
      year: 2026,
      month: 12,
      day: 12,
      hour: 9,
      minute: 30,
      dayOfWeek: 6,
    });
  });

  const invalid: Array<[string, number[]]> = [
    ['29 Feb in a non-leap year', [2026, 2, 29]],
    ['31 April', [2026, 4, 31]],
    ['month 13', [2026, 13, 1]],
    ['day 0', [2026, 1, 0]],
    ['hour 24', [2026, 1, 1, 24, 0]],
    ['minute 60', [2026, 1, 1, 10, 60]],
    ['fractional hour', [2026, 1, 1, 10.5, 0]],
    ['two-digit year', [26, 1, 1]],
  ];
  for (const [name, args] of invalid) {
    it(`wibDateTime rejects ${name}`, () => {
      assert.throws(() => (W as (...a: number[]) => number)(...args), RangeError);
    });
  }

  it('wibDateTime accepts 29 Feb in a leap year', () => {
    assert.equal(wibDate(W(2028, 2, 29, 12)), '2028-02-29');
  });

  it('rejects non-finite instants', () => {
    assert.throws(() => wibDate(NaN), RangeError);
    assert.throws(() => isWorkingDay(Infinity, BASE), RangeError);
  });
});

describe('isWorkingDay', () => {
  const cases: Array<[string, number, CalendarConfig, boolean]> = [
    ['Monday', W(2026, 12, 7, 10), BASE, true],
    ['Friday 23:59 WIB (16:59 UTC)', W(2026, 12, 11, 23, 59), BASE, true],
    ['Saturday 00:00 WIB', W(2026, 12, 12, 0, 0), BASE, false],
    ['Sunday', W(2026, 12, 13, 10), BASE, false],
    ['Christmas Friday without holiday config', W(2026, 12, 25, 10), BASE, true],
    ['Christmas Friday as configured holiday', W(2026, 12, 25, 10), XMAS, false],
    ['cuti bersama 24 Dec', W(2026, 12, 24, 10), XMAS_CB, false],
    ['Monday 00:00 WIB is Sunday 17:00 UTC', W(2026, 12, 14, 0, 0), BASE, true],
  ];
  for (const [name, at, cal, expected] of cases) {
    it(name, () => assert.equal(isWorkingDay(at, cal), expected));
  }
});

describe('isWorkingTime', () => {
  const cases: Array<[string, number, CalendarConfig, boolean]> = [
    ['Mon 07:59', W(2026, 12, 7, 7, 59), BASE, false],
    ['Mon 08:00', W(2026, 12, 7, 8, 0), BASE, true],
    ['Mon 16:59', W(2026, 12, 7, 16, 59), BASE, true],
    ['Mon 16:59:59.999', W(2026, 12, 7, 16, 59) + 59_999, BASE, true],
    ['Mon 17:00 (closing minute is outside)', W(2026, 12, 7, 17, 0), BASE, false],
    ['Sat 10:00', W(2026, 12, 12, 10, 0), BASE, false],
    ['holiday 10:00', W(2026, 12, 25, 10, 0), XMAS, false],
    ['custom hours: 07:30 opens', W(2026, 12, 7, 7, 30), EARLY, true],
    ['custom hours: 16:00 closed', W(2026, 12, 7, 16, 0), EARLY, false],
  ];
  for (const [name, at, cal, expected] of cases) {
    it(name, () => assert.equal(isWorkingTime(at, cal), expected));
  }
});

describe('nextWorkingTime', () => {
  const cases: Array<[string, number, CalendarConfig, number]> = [
    ['already working time → unchanged', W(2026, 12, 8, 10, 17) + 1234, BASE, W(2026, 12, 8, 10, 17) + 1234],
    ['Tue 06:00 → Tue 08:00', W(2026, 12, 8, 6, 0), BASE, W(2026, 12, 8, 8, 0)],
    ['Tue 00:00 → Tue 08:00', W(2026, 12, 8, 0, 0), BASE, W(2026, 12, 8, 8, 0)],
    ['Tue 17:00 → Wed 08:00', W(2026, 12, 8, 17, 0), BASE, W(2026, 12, 9, 8, 0)],
    ['Tue 18:30 → Wed 08:00', W(2026, 12, 8, 18, 30), BASE, W(2026, 12, 9, 8, 0)],
    ['Fri 17:00 → Mon 08:00', W(2026, 12, 11, 17, 0), BASE, W(2026, 12, 14, 8, 0)],
    ['Sat 10:00 → Mon 08:00', W(2026, 12, 12, 10, 0), BASE, W(2026, 12, 14, 8, 0)],
    ['Sun 07:00 → Mon 08:00', W(2026, 12, 13, 7, 0), BASE, W(2026, 12, 14, 8, 0)],
    ['Thu 24 Dec 18:00, Christmas holiday → Mon 28 Dec', W(2026, 12, 24, 18, 0), XMAS, W(2026, 12, 28, 8, 0)],
    ['Wed 23 Dec 18:00, 24+25 off → Mon 28 Dec', W(2026, 12, 23, 18, 0), XMAS_CB, W(2026, 12, 28, 8, 0)],
    ['holiday morning → next working day, not the holiday opening', W(2026, 12, 25, 6, 0), XMAS, W(2026, 12, 28, 8, 0)],
    ['custom hours: Mon 07:00 → 07:30', W(2026, 12, 7, 7, 0), EARLY, W(2026, 12, 7, 7, 30)],
  ];
  for (const [name, at, cal, expected] of cases) {
    it(name, () => assertAt(nextWorkingTime(at, cal), expected));
  }

  it('property: result is working time, >= input, and idempotent (every 20 min over Dec 2026)', () => {
    for (let at = W(2026, 12, 1); at < W(2027, 1, 6); at += 20 * 60_000) {
      const next = nextWorkingTime(at, NEW_YEAR);
      assert.ok(next >= at, formatWib(at));
      assert.ok(isWorkingTime(next, NEW_YEAR), formatWib(at));
      assert.equal(nextWorkingTime(next, NEW_YEAR), next);
      if (isWorkingTime(at, NEW_YEAR)) assert.equal(next, at);
    }
  });
});

describe('addCalendarDays', () => {
  const cases: Array<[string, number, number, number]> = [
    ['Mon 10:00 + 5 → Sat 10:00 (no rolling)', W(2026, 12, 7, 10), 5, W(2026, 12, 12, 10)],
    ['+0 is identity', W(2026, 12, 7, 10), 0, W(2026, 12, 7, 10)],
    ['across the year end', W(2026, 12, 30, 23, 30), 3, W(2027, 1, 2, 23, 30)],
    ['negative', W(2026, 12, 7, 10), -7, W(2026, 11, 30, 10)],
  ];
  for (const [name, at, days, expected] of cases) {
    it(name, () => assertAt(addCalendarDays(at, days), expected));
  }
  it('rejects fractional days', () => assert.throws(() => addCalendarDays(0, 1.5), RangeError));
});

describe('addWorkingDays', () => {
  const cases: Array<[string, number, number, CalendarConfig, number]> = [
    ['Thu 10:00 + 1 → Fri 10:00', W(2026, 12, 10, 10), 1, BASE, W(2026, 12, 11, 10)],
    ['Fri 10:00 + 1 → Mon 10:00 (over the weekend)', W(2026, 12, 11, 10), 1, BASE, W(2026, 12, 14, 10)],
    ['Mon 10:00 + 5 → next Mon 10:00', W(2026, 12, 7, 10), 5, BASE, W(2026, 12, 14, 10)],
    ['Mon 10:00 + 0 → unchanged', W(2026, 12, 7, 10), 0, BASE, W(2026, 12, 7, 10)],
    ['Thu 24 Dec + 1 skips Christmas + weekend → Mon 28', W(2026, 12, 24, 10), 1, XMAS, W(2026, 12, 28, 10)],
    ['Tue 22 Dec + 3 over Christmas → Mon 28', W(2026, 12, 22, 10), 3, XMAS, W(2026, 12, 28, 10)],
    ['Wed 30 Dec + 3 over New Year → Tue 5 Jan', W(2026, 12, 30, 9), 3, NEW_YEAR, W(2027, 1, 5, 9)],
    ['Sat 10:00 + 0 → starts Mon 10:00', W(2026, 12, 12, 10), 0, BASE, W(2026, 12, 14, 10)],
    ['Sat 10:00 + 1 → Tue 10:00', W(2026, 12, 12, 10), 1, BASE, W(2026, 12, 15, 10)],
    ['Christmas (holiday) 10:00 + 1 → Tue 29 Dec 10:00', W(2026, 12, 25, 10), 1, XMAS, W(2026, 12, 29, 10)],
    ['clock time kept even outside office hours: Tue 18:30 + 1 → Wed 18:30', W(2026, 12, 8, 18, 30), 1, BASE, W(2026, 12, 9, 18, 30)],
    ['Sun 23:30 WIB (16:30 UTC) + 1 → Tue 23:30', W(2026, 12, 13, 23, 30), 1, BASE, W(2026, 12, 15, 23, 30)],
  ];
  for (const [name, at, n, cal, expected] of cases) {
    it(name, () => assertAt(addWorkingDays(at, n, cal), expected));
  }
  it('rejects negative or fractional counts', () => {
    assert.throws(() => addWorkingDays(W(2026, 12, 7), -1, BASE), RangeError);
    assert.throws(() => addWorkingDays(W(2026, 12, 7), 0.5, BASE), RangeError);
  });
});

describe('deadlineFor', () => {
  const cases: Array<[string, number, DurationSpec, CalendarConfig, number]> = [
    // The sanggah rule.
    [
      '5 calendar days from Mon 10:00 ends Sat → rolled to Mon 14 Dec 08:00',
      W(2026, 12, 7, 10),
      { amount: 5, unit: 'calendarDays', endOnWorkingTime: true },
      BASE,
      W(2026, 12, 14, 8),
    ],
    ['5 calendar days without the flag stays on Saturday', W(2026, 12, 7, 10), { amount: 5, unit: 'calendarDays' }, BASE, W(2026, 12, 12, 10)],
    [
      '3 calendar days landing on Christmas (holiday) → Mon 28 Dec 08:00',
      W(2026, 12, 22, 10),
      { amount: 3, unit: 'calendarDays', endOnWorkingTime: true },
      XMAS,
      W(2026, 12, 28, 8),
    ],
    [
      'same, but Christmas not configured → stays Fri 25 Dec 10:00',
      W(2026, 12, 22, 10),
      { amount: 3, unit: 'calendarDays', endOnWorkingTime: true },
      BASE,
      W(2026, 12, 25, 10),
    ],
    [
      '7 calendar days ending Tue 18:30 → Wed 08:00',
      W(2026, 12, 1, 18, 30),
      { amount: 7, unit: 'calendarDays', endOnWorkingTime: true },
      BASE,
      W(2026, 12, 9, 8),
    ],
    [
      'calendar days ending inside working time are not moved',
      W(2026, 12, 1, 9, 15),
      { amount: 7, unit: 'calendarDays', endOnWorkingTime: true },
      BASE,
      W(2026, 12, 8, 9, 15),
    ],
    ['hours are elapsed time: Tue 16:00 + 2h → 18:00', W(2026, 12, 8, 16), { amount: 2, unit: 'hours' }, BASE, W(2026, 12, 8, 18)],
    ['hours with roll: Tue 16:00 + 2h → Wed 08:00', W(2026, 12, 8, 16), { amount: 2, unit: 'hours', endOnWorkingTime: true }, BASE, W(2026, 12, 9, 8)],
    [
      'hours across the weekend: Fri 10:00 + 24h → Sat → Mon 08:00',
      W(2026, 12, 11, 10),
      { amount: 24, unit: 'hours', endOnWorkingTime: true },
      BASE,
      W(2026, 12, 14, 8),
    ],
    ['minutes: Tue 16:00 + 30 → 16:30', W(2026, 12, 8, 16), { amount: 30, unit: 'minutes', endOnWorkingTime: true }, BASE, W(2026, 12, 8, 16, 30)],
    [
      'minutes: Tue 16:45 + 15 → 17:00 is closing → Wed 08:00',
      W(2026, 12, 8, 16, 45),
      { amount: 15, unit: 'minutes', endOnWorkingTime: true },
      BASE,
      W(2026, 12, 9, 8),
    ],
    ['0 calendar days with roll = nextWorkingTime', W(2026, 12, 12, 10), { amount: 0, unit: 'calendarDays', endOnWorkingTime: true }, BASE, W(2026, 12, 14, 8)],
    // workingDays: start normalised to working time, so the end is always within it.
    ['5 working days from Mon 10:00 → Mon 14 Dec 10:00', W(2026, 12, 7, 10), { amount: 5, unit: 'workingDays' }, BASE, W(2026, 12, 14, 10)],
    ['1 working day from Sat 10:00 → starts Mon 08:00 → Tue 08:00', W(2026, 12, 12, 10), { amount: 1, unit: 'workingDays' }, BASE, W(2026, 12, 15, 8)],
    ['1 working day from Tue 18:30 → starts Wed 08:00 → Thu 08:00', W(2026, 12, 8, 18, 30), { amount: 1, unit: 'workingDays' }, BASE, W(2026, 12, 10, 8)],
    [
      '1 working day from Tue 06:00 → starts Tue 08:00 → Wed 08:00',
      W(2026, 12, 8, 6),
      { amount: 1, unit: 'workingDays', endOnWorkingTime: true },
      BASE,
      W(2026, 12, 9, 8),
    ],
    ['0 working days from Sat → Mon 08:00', W(2026, 12, 12, 10), { amount: 0, unit: 'workingDays' }, BASE, W(2026, 12, 14, 8)],
    [
      '2 working days from Wed 23 Dec 15:00 with 24+25 off → Tue 29 Dec 15:00',
      W(2026, 12, 23, 15),
      { amount: 2, unit: 'workingDays' },
      XMAS_CB,
      W(2026, 12, 29, 15),
    ],
  ];
  for (const [name, start, spec, cal, expected] of cases) {
    it(name, () => assertAt(deadlineFor(start, spec, cal), expected));
  }

  it('property: workingDays and rolled deadlines always end within working time', () => {
    const units = ['calendarDays', 'workingDays', 'hours', 'minutes'] as const;
    for (let start = W(2026, 12, 18); start < W(2027, 1, 4); start += 45 * 60_000) {
      for (const amount of [0, 1, 3, 5]) {
        assert.ok(isWorkingTime(deadlineFor(start, { amount, unit: 'workingDays' }, NEW_YEAR), NEW_YEAR));
        for (const unit of units) {
          const end = deadlineFor(start, { amount, unit, endOnWorkingTime: true }, NEW_YEAR);
          assert.ok(isWorkingTime(end, NEW_YEAR), `${formatWib(start)} +${amount} ${unit}`);
          assert.ok(end >= start);
        }
      }
    }
  });

  const bad: Array<[string, DurationSpec]> = [
    ['negative amount', { amount: -1, unit: 'calendarDays' }],
    ['fractional amount', { amount: 1.5, unit: 'hours' }],
    ['NaN amount', { amount: NaN, unit: 'minutes' }],
    ['unknown unit', { amount: 1, unit: 'weeks' as never }],
  ];
  for (const [name, spec] of bad) {
    it(`rejects ${name}`, () => assert.throws(() => deadlineFor(W(2026, 12, 7, 10), spec, BASE), RangeError));
  }
});

describe('calendar config', () => {
  it('DEFAULT_CALENDAR is 08:00–17:00 with no holidays and frozen', () => {
    assert.deepEqual(DEFAULT_CALENDAR, { holidays: [], officeOpenMinute: 480, officeCloseMinute: 1020 });
    assert.ok(Object.isFrozen(DEFAULT_CALENDAR));
    assert.ok(Object.isFrozen(DEFAULT_CALENDAR.holidays));
  });

  const badCals: Array<[string, CalendarConfig]> = [
    ['unpadded holiday', { ...BASE, holidays: ['2026-12-5'] }],
    ['impossible holiday date', { ...BASE, holidays: ['2026-02-30'] }],
    ['holiday with time', { ...BASE, holidays: ['2026-12-25T00:00'] }],
    ['open == close', { ...BASE, officeOpenMinute: 600, officeCloseMinute: 600 }],
    ['close past midnight', { ...BASE, officeCloseMinute: 1441 }],
    ['fractional minute', { ...BASE, officeOpenMinute: 480.5 }],
  ];
  for (const [name, cal] of badCals) {
    it(`rejects ${name}`, () => {
      assert.throws(() => validateCalendar(cal), RangeError);
      assert.throws(() => nextWorkingTime(W(2026, 12, 7, 10), cal), RangeError);
    });
  }

  it('module stays workflow-safe (no clock, IO, imports, timezone database)', () => {
    const src = readFileSync(join(__dirname, '..', 'domain', 'calendar', 'working-time.ts'), 'utf8');
    assert.doesNotMatch(src, /Date\.now|new Date\(\)|require\(|from 'node:|Intl|^import /m);
  });
});

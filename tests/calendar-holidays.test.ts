import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CALENDAR_YEARS_AHEAD, applyOverride, libraryHolidays } from '../domain/calendar/holidays';
import { OVERRIDES_DIR, calendarFor, holidayEntriesFor, holidaysFor, readOverride } from '../runtime/calendar';
import { DEFAULT_CALENDAR, deadlineFor, formatWib, isWorkingDay, validateCalendar, wibDateTime, type CalendarConfig } from '../domain/calendar/working-time';

// Day-of-week facts (checked with `date -d … +%A`):
//   2026-03-13 Fri, 2026-03-17 Tue, 2026-03-18 Wed, 2026-03-20 Fri, 2026-03-21 Sat, 2026-03-25 Wed,
//   2026-08-17 Mon, 2026-11-28 Sat, 2026-12-20 Sun, 2026-12-24 Thu, 2026-12-25 Fri, 2026-12-28 Mon,
//   2027-03-04 Thu, 2027-03-08 Mon, 2027-03-16 Tue, 2027-05-17 Mon, 2027-08-17 Tue, 2027-12-24 Fri, 2027-12-27 Mon.

const W = wibDateTime;
/** A package created early in 2026: its calendar covers 2026–2028. */
const CAL: CalendarConfig = calendarFor(W(2026, 1, 5, 9, 0));

function assertAt(actual: number, expected: number, msg?: string): void {
  assert.equal(formatWib(actual), formatWib(expected), msg);
}

/** The SKB 3 Menteri lists (libur nasional + cuti bersama), weekends included. */
const SKB_2026 = [
  '2026-01-01',
  '2026-01-16',
  '2026-02-16',
  '2026-02-17',
  '2026-03-18',
  '2026-03-19',
  '2026-03-20',
  '2026-03-21',
  '2026-03-22',
  '2026-03-23',
  '2026-03-24',
  '2026-04-03',
  '2026-04-05',
  '2026-05-01',
  '2026-05-14',
  '2026-05-15',
  '2026-05-27',
  '2026-05-28',
  '2026-05-31',
  '2026-06-01',
  '2026-06-16',
  '2026-08-17',
  '2026-08-25',
  '2026-12-24',
  '2026-12-25',
];
const SKB_2027 = [
  '2027-01-01',
  '2027-01-05',
  '2027-02-05',
  '2027-02-06',
  '2027-03-08',
  '2027-03-09',
  '2027-03-10',
  '2027-03-11',
  '2027-03-12',
  '2027-03-15',
  '2027-03-25',
  '2027-03-26',
  '2027-03-28',
  '2027-05-01',
  '2027-05-06',
  '2027-05-17',
  '2027-05-18',
  '2027-05-19',
  '2027-05-20',
  '2027-06-01',
  '2027-06-06',
  '2027-08-15',
  '2027-08-17',
  '2027-12-24',
  '2027-12-25',
  '2027-12-26',
];

describe('holidaysFor: the decreed lists', () => {
  it('2026 is the SKB list (Nomor 1497/2/5 Tahun 2025): 17 libur nasional + 8 cuti bersama', () => {
    assert.deepEqual(holidaysFor([2026]), SKB_2026);
    const kinds = holidayEntriesFor([2026]).map((e) => e.kind);
    assert.equal(kinds.filter((k) => k === 'libur_nasional').length, 17);
    assert.equal(kinds.filter((k) => k === 'cuti_bersama').length, 8);
  });

  it('2027 is the SKB list (Nomor 1205/3/2 Tahun 2026): 18 libur nasional + 8 cuti bersama', () => {
    assert.deepEqual(holidaysFor([2027]), SKB_2027);
    const kinds = holidayEntriesFor([2027]).map((e) => e.kind);
    assert.equal(kinds.filter((k) => k === 'libur_nasional').length, 18);
    assert.equal(kinds.filter((k) => k === 'cuti_bersama').length, 8);
  });

  // [what, date, working day?]
  const cases: Array<[string, [number, number, number], boolean]> = [
    ['2026: the Tuesday before the Nyepi/Idul Fitri block works', [2026, 3, 17], true],
    ['2026: cuti bersama Nyepi', [2026, 3, 18], false],
    ['2026: Nyepi (Tahun Baru Saka 1948)', [2026, 3, 19], false],
    ["2026: cuti bersama Idul Fitri (the library's 1 Syawal)", [2026, 3, 20], false],
    ['2026: Idul Fitri 1447 H (Saturday)', [2026, 3, 21], false],
    ['2026: cuti bersama Idul Fitri, Monday', [2026, 3, 23], false],
    ['2026: cuti bersama Idul Fitri, Tuesday', [2026, 3, 24], false],
    ['2026: first working day after Idul Fitri', [2026, 3, 25], true],
    ['2026: Waisak on a Sunday', [2026, 5, 31], false],
    ['2026: Proklamasi 17 Agustus (Monday)', [2026, 8, 17], false],
    ['2026: the day after 17 Agustus works', [2026, 8, 18], true],
    ['2026: a plain Saturday', [2026, 11, 28], false],
    ['2026: cuti bersama Natal 24 Desember', [2026, 12, 24], false],
    ['2026: Christmas', [2026, 12, 25], false],
    ['2026: Monday after Christmas works', [2026, 12, 28], true],
    ['2027: Nyepi (Tahun Baru Saka 1949)', [2027, 3, 8], false],
    ['2027: cuti bersama Idul Fitri before Lebaran', [2027, 3, 9], false],
    ['2027: Idul Fitri 1448 H, first day', [2027, 3, 10], false],
    ['2027: Idul Fitri 1448 H, second day', [2027, 3, 11], false],
    ['2027: cuti bersama Idul Fitri, Friday', [2027, 3, 12], false],
    ['2027: cuti bersama Idul Fitri, Monday', [2027, 3, 15], false],
    ['2027: first working day after Idul Fitri', [2027, 3, 16], true],
    ['2027: cuti bersama Wafat Yesus Kristus', [2027, 3, 25], false],
    ["2027: Idul Adha on the decreed Monday, not the library's Sunday", [2027, 5, 17], false],
    ['2027: Proklamasi 17 Agustus (Tuesday)', [2027, 8, 17], false],
    ['2027: cuti bersama Natal 24 Desember (Friday)', [2027, 12, 24], false],
    ['2027: Monday after Christmas works', [2027, 12, 27], true],
  ];
  for (const [what, [y, m, d], working] of cases) {
    it(`${what}: ${working ? 'working day' : 'not a working day'}`, () => {
      assert.equal(isWorkingDay(W(y, m, d, 10, 0), CAL), working);
      // Every non-working weekday here is a holiday: the empty calendar would have it as a working day.
      const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay() % 6 !== 0;
      if (!working && weekday) assert.equal(isWorkingDay(W(y, m, d, 10, 0), DEFAULT_CALENDAR), true);
    });
  }

  it('library dates the decree moved are gone, and its weekend holidays are kept', () => {
    const h = new Set(holidaysFor([2026, 2027]));
    for (const moved of ['2027-05-16', '2027-08-14']) assert.ok(!h.has(moved), moved);
    for (const weekend of ['2026-03-22', '2026-04-05', '2027-03-28', '2027-06-06', '2027-08-15', '2027-12-25', '2027-12-26']) {
      assert.ok(h.has(weekend), weekend);
    }
  });

  it('every removal in the shipped files still matches a library entry (else the library changed: review the file)', () => {
    for (const year of [2026, 2027]) {
      const override = readOverride(year);
      assert.ok(override, `cuti-bersama/${year}.json is missing`);
      assert.equal(override.year, year);
      assert.match(override.source, /SKB 3 Menteri/);
      assert.deepEqual(applyOverride(libraryHolidays(year), override).unmatched, [], `cuti-bersama/${year}.json`);
    }
  });
});

describe('deadlines with calendarFor', () => {
  it('a working-days deadline across Idul Fitri 2026 lands after the holiday block', () => {
    const start = W(2026, 3, 17, 10, 0); // Tuesday, last working day before 18–24 March
    assertAt(deadlineFor(start, { amount: 1, unit: 'workingDays' }, CAL), W(2026, 3, 25, 10, 0));
    assertAt(deadlineFor(start, { amount: 3, unit: 'workingDays' }, CAL), W(2026, 3, 27, 10, 0));
    // Without holidays the same period would end inside the block.
    assertAt(deadlineFor(start, { amount: 3, unit: 'workingDays' }, DEFAULT_CALENDAR), W(2026, 3, 20, 10, 0));
  });

  it('a working-days deadline started inside the block counts from the first working day after it', () => {
    assertAt(deadlineFor(W(2026, 3, 20, 9, 0), { amount: 2, unit: 'workingDays' }, CAL), W(2026, 3, 27, 8, 0));
  });

  // [what, start, expected end] for a 5-calendar-day sanggah ending in working time.
  const SANGGAH = { amount: 5, unit: 'calendarDays', endOnWorkingTime: true } as const;
  const sanggah: Array<[string, number, number]> = [
    ['ends on cuti bersama Nyepi 2026 → after the Idul Fitri block', W(2026, 3, 13, 15, 0), W(2026, 3, 25, 8, 0)],
    ['ends on Christmas 2026 (Friday) → Monday', W(2026, 12, 20, 10, 0), W(2026, 12, 28, 8, 0)],
    ['ends on cuti bersama Idul Fitri 2027 → after the block', W(2027, 3, 4, 10, 0), W(2027, 3, 16, 8, 0)],
    ['ends on 17 Agustus 2027 → the next day', W(2027, 8, 12, 11, 30), W(2027, 8, 18, 8, 0)],
  ];
  for (const [what, start, expected] of sanggah) {
    it(`sanggah ${what}`, () => {
      assertAt(deadlineFor(start, SANGGAH, CAL), expected);
      // The plain end (start + 5 days) is a weekday that only the holidays make non-working.
      const plain = start + 5 * 86_400_000;
      assertAt(deadlineFor(start, SANGGAH, DEFAULT_CALENDAR), plain);
    });
  }
});

describe('calendarFor', () => {
  it('covers the WIB creation year and the two following years, with 08:00–17:00 office hours', () => {
    assert.equal(CALENDAR_YEARS_AHEAD, 2);
    const cal = calendarFor(W(2026, 11, 30, 14, 0));
    assert.equal(cal.officeOpenMinute, 8 * 60);
    assert.equal(cal.officeCloseMinute, 17 * 60);
    assert.deepEqual(cal.holidays, holidaysFor([2026, 2027, 2028]));
    assert.deepEqual([...new Set(cal.holidays.map((d) => d.slice(0, 4)))], ['2026', '2027', '2028']);
    validateCalendar(cal);
  });

  it('uses the WIB year: 31 December 17:00 UTC is already New Year in Jakarta', () => {
    const cal = calendarFor(Date.UTC(2026, 11, 31, 17, 0));
    assert.deepEqual([...new Set(cal.holidays.map((d) => d.slice(0, 4)))], ['2027', '2028', '2029']);
    const stillOld = calendarFor(Date.UTC(2026, 11, 31, 16, 59));
    assert.equal(stillOld.holidays[0]!.slice(0, 4), '2026');
  });

  it('is deterministic and survives the JSON round trip into a workflow input', () => {
    const at = W(2026, 6, 1, 9, 0);
    const a = calendarFor(at);
    assert.deepEqual(calendarFor(at), a);
    assert.deepEqual(JSON.parse(JSON.stringify(a)), a);
  });

  it('takes office hours as options and rejects bad ones', () => {
    const cal = calendarFor(W(2026, 6, 1), { officeOpenMinute: 7 * 60 + 30, officeCloseMinute: 16 * 60 });
    assert.equal(cal.officeOpenMinute, 450);
    assert.throws(() => calendarFor(W(2026, 6, 1), { officeOpenMinute: 17 * 60, officeCloseMinute: 8 * 60 }), RangeError);
    assert.throws(() => calendarFor(Number.NaN), RangeError);
  });
});

describe('holidaysFor: output shape', () => {
  it('is sorted, unique and made of valid dates, whatever the order of the years asked', () => {
    const out = holidaysFor([2029, 2026, 2027, 2026, 2028, 2025, 2030]);
    assert.deepEqual(out, [...out].sort());
    assert.equal(new Set(out).size, out.length);
    for (const d of out) {
      assert.match(d, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10), d);
    }
    validateCalendar({ ...DEFAULT_CALENDAR, holidays: out });
    // The library puts Isra Mikraj 1449 H and Christmas both on 2027-12-25: one date out.
    assert.equal(holidaysFor([2027]).filter((d) => d === '2027-12-25').length, 1);
  });

  it('a year with no override file gets the library alone', () => {
    assert.equal(fs.existsSync(path.join(OVERRIDES_DIR, '2029.json')), false);
    assert.deepEqual(holidaysFor([2029]), [...new Set(libraryHolidays(2029).map((e) => e.date))].sort());
    assert.ok(holidaysFor([2029]).includes('2029-08-17'));
  });

  it('rejects a year that is not a 4-digit integer', () => {
    assert.throws(() => holidaysFor([2026.5]), RangeError);
    assert.throws(() => holidaysFor([99]), RangeError);
  });
});

describe('override files', () => {
  function withOverrides(files: Record<string, unknown>, fn: (dir: string) => void): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuti-bersama-'));
    try {
      for (const [name, body] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
      }
      fn(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it('can remove a library date and add a cuti bersama', () => {
    const override = {
      year: 2028,
      source: 'test decree',
      add: [{ date: '2028-08-18', name: 'Cuti bersama Proklamasi' }],
      remove: [{ date: '2028-08-17', reason: 'test: pretend the decree moved it' }],
    };
    assert.ok(holidaysFor([2028]).includes('2028-08-17'), 'the library has 17 Agustus');
    withOverrides({ '2028.json': override }, (overridesDir) => {
      const out = holidaysFor([2028], { overridesDir });
      assert.ok(!out.includes('2028-08-17'));
      assert.ok(out.includes('2028-08-18'));
      assert.ok(out.includes('2028-12-25'), 'other library dates stay');
      const added = holidayEntriesFor([2028], { overridesDir }).find((e) => e.date === '2028-08-18');
      assert.deepEqual(added, { date: '2028-08-18', name: 'Cuti bersama Proklamasi', kind: 'cuti_bersama', source: 'cuti-bersama/2028.json' });
      // The calendar built from it: 17 Aug 2028 (Thursday) works, 18 Aug (Friday) does not.
      const cal = calendarFor(W(2028, 1, 3), { overridesDir });
      assert.equal(isWorkingDay(W(2028, 8, 17, 10, 0), cal), true);
      assert.equal(isWorkingDay(W(2028, 8, 18, 10, 0), cal), false);
    });
  });

  it('a named removal takes only that entry when two holidays share the day', () => {
    const lib = libraryHolidays(2027).filter((e) => e.date === '2027-12-25');
    assert.equal(lib.length, 2, 'the library has two entries on 2027-12-25');
    const { entries, unmatched } = applyOverride(lib, {
      year: 2027,
      source: 'test',
      add: [],
      remove: [
        { date: '2027-12-25', name: 'Hari Raya Natal', reason: 'test' },
        { date: '2027-12-26', reason: 'nothing there' },
      ],
    });
    assert.deepEqual(
      entries.map((e) => e.name),
      lib.filter((e) => e.name !== 'Hari Raya Natal').map((e) => e.name),
    );
    assert.deepEqual(
      unmatched.map((r) => r.date),
      ['2027-12-26'],
    );
  });

  // [what, file body, message fragment]
  const bad: Array<[string, unknown, RegExp]> = [
    ['year differs from the file name', { year: 2027, source: 's', add: [], remove: [] }, /"year" must be 2028/],
    ['no source', { year: 2028, add: [], remove: [] }, /"source"/],
    ['an impossible date', { year: 2028, source: 's', add: [{ date: '2028-02-30', name: 'x' }], remove: [] }, /add\[0\]: "date"/],
    ['a date of another year', { year: 2028, source: 's', add: [{ date: '2027-12-24', name: 'x' }], remove: [] }, /in 2028/],
    ['a removal without a reason', { year: 2028, source: 's', add: [], remove: [{ date: '2028-08-17' }] }, /"reason"/],
    ['a misspelt key', { year: 2028, source: 's', add: [], removes: [] }, /unknown key 'removes'/],
    ['an unknown kind', { year: 2028, source: 's', add: [{ date: '2028-08-18', name: 'x', kind: 'libur' }], remove: [] }, /"kind"/],
    ['not JSON', '{ "year": 2028, ', /invalid JSON/],
  ];
  for (const [what, body, message] of bad) {
    it(`a malformed file fails loudly: ${what}`, () => {
      withOverrides({ '2028.json': body }, (overridesDir) => {
        assert.throws(
          () => holidaysFor([2028], { overridesDir }),
          (e: Error) => e instanceof RangeError && message.test(e.message) && e.message.includes('2028.json'),
        );
      });
    });
  }
});

describe('workflow code stays deterministic', () => {
  it('nothing under workflows/ or domain/process imports the holiday module (it reads files and a library)', () => {
    const root = path.join(__dirname, '..');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts') && /from '[^']*calendar\/holidays'|date-holidays/.test(fs.readFileSync(p, 'utf8'))) {
          offenders.push(path.relative(root, p));
        }
      }
    };
    for (const d of ['workflows', 'domain/process']) walk(path.join(root, d));
    assert.ok(!/date-holidays|node:fs/.test(fs.readFileSync(path.join(root, 'domain/calendar/working-time.ts'), 'utf8')));
    assert.deepEqual(offenders, []);
  });
});

describe('office hours from the environment', () => {
  it('OFFICE_HOURS sets the working time; a bad value is refused with a clear message', async () => {
    const { officeHoursFromEnv } = await import('../runtime/calendar');
    assert.deepEqual(officeHoursFromEnv({}), {});
    assert.deepEqual(officeHoursFromEnv({ OFFICE_HOURS: '07:30-16:00' }), { officeOpenMinute: 450, officeCloseMinute: 960 });
    assert.throws(() => officeHoursFromEnv({ OFFICE_HOURS: '17:00-08:00' }), /OFFICE_HOURS/);
    assert.throws(() => officeHoursFromEnv({ OFFICE_HOURS: '8-17' }), /OFFICE_HOURS/);
  });
});

/**
 * Frozen year calendars and the calendar reference a workflow input carries instead of the dates (issue 14 point 1).
 * Pure: no Temporal server, no database.
 *
 * Size in the workflow input (JSON bytes, printed by the 'size' test below; default office hours, created December 2026):
 *   the reference `{"years":[{"year":2026,"version":1},{"year":2027,…},{"year":2028,…}],"officeOpenMinute":480,…}` is
 *   137 B; the CalendarConfig it replaces, 64 dates of 2026–2028, is 894 B (about 1.1 KB once 2028's SKB adds its
 *   cuti bersama). Every history and every continue-as-new input carried the full list.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { type CalendarRef, type FrozenYear, frozenYear, latestFrozenYear, resolveCalendar } from '../domain/calendar/calendar-ref';
import { calendarRefFor, calendarYears } from '../runtime/calendar-ref-for';
import { FROZEN_SHA256, FROZEN_YEARS } from '../domain/calendar/frozen/index';
import { CALENDAR_YEARS_AHEAD } from '../domain/calendar/holidays';
import { calendarFor, holidaysFor } from '../runtime/calendar';
import { wibDateTime, wibParts } from '../domain/calendar/working-time';

const W = wibDateTime;
const FROZEN_DIR = path.join(__dirname, '..', 'domain', 'calendar', 'frozen');
const FIXTURES = path.join(__dirname, 'fixtures', 'calendar-bundle');
const EARLY = { officeOpenMinute: 7 * 60 + 30, officeCloseMinute: 16 * 60 };
const FREEZE = 'npx tsx bin/freeze-calendar.ts';

/** Creation instants across 2026–2030, including both sides of the WIB New Year (17:00 UTC on 31 December). */
const CREATED: number[] = [
  W(2026, 1, 1, 0, 0),
  W(2026, 3, 20, 10, 0),
  W(2026, 12, 31, 23, 59),
  Date.UTC(2026, 11, 31, 17, 0),
  W(2027, 6, 15, 9, 30),
  W(2028, 2, 29, 12, 0),
  W(2029, 8, 17, 8, 0),
  W(2030, 12, 31, 16, 0),
];

const isInline = (y: CalendarRef['years'][number]): boolean => 'holidays' in y;

describe('resolveCalendar(calendarRefFor(t)) is calendarFor(t)', () => {
  for (const at of CREATED) {
    for (const [label, hours] of [
      ['08:00–17:00', {}],
      ['07:30–16:00', EARLY],
    ] as const) {
      it(`created ${new Date(at).toISOString()} (UTC), office hours ${label}`, () => {
        const ref = calendarRefFor(at, hours);
        assert.deepEqual(resolveCalendar(ref), calendarFor(at, hours));
        assert.deepEqual(resolveCalendar(JSON.parse(JSON.stringify(ref))), calendarFor(at, hours), 'the same after the JSON round trip into a workflow input');
        const first = wibParts(at).year;
        assert.deepEqual(
          ref.years,
          calendarYears(at).map((year) => ({ year, version: latestFrozenYear(year)!.version })),
          'every year by reference',
        );
        assert.equal(ref.years.length, CALENDAR_YEARS_AHEAD + 1);
        assert.equal(ref.years[0]!.year, first);
      });
    }
  }

  it('covers the creation years of normal runs: packages created now, and through 2030, carry no inline dates', () => {
    // Packages are created at the real clock (api/services/create-package.ts); TIME_SCALE only compresses deadlines.
    for (const at of [Date.now(), W(2024, 1, 1), W(2030, 12, 31, 23, 0)]) {
      const inline = calendarRefFor(at)
        .years.filter(isInline)
        .map((y) => y.year);
      assert.deepEqual(inline, [], `years ${inline.join(', ')} have no frozen calendar: run ${FREEZE} ${inline.join(' ')}`);
    }
  });

  it('rejects bad office hours at creation, as calendarFor does', () => {
    assert.throws(() => calendarRefFor(W(2026, 6, 1), { officeOpenMinute: 17 * 60, officeCloseMinute: 8 * 60 }), RangeError);
    assert.throws(() => calendarRefFor(Number.NaN), RangeError);
  });
});

describe('frozen files', () => {
  const files = fs
    .readdirSync(FROZEN_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();

  it('2024 through 2032 are frozen', () => {
    for (let year = 2024; year <= 2032; year++) assert.ok(latestFrozenYear(year), `no frozen calendar for ${year}: run ${FREEZE} ${year}`);
  });

  it('the latest version of every frozen year is what the sources compute today', () => {
    for (const year of [...new Set(FROZEN_YEARS.map((f) => f.year))]) {
      const latest = latestFrozenYear(year)!;
      assert.deepEqual(
        latest.holidays,
        holidaysFor([year]),
        `${year}: cuti-bersama/${year}.json or date-holidays changed since ${year}.v${latest.version}.json was frozen: run ${FREEZE} ${year}`,
      );
    }
  });

  it('every committed file is unchanged since it was frozen (sha256 pinned in frozen/index.ts)', () => {
    assert.deepEqual(Object.keys(FROZEN_SHA256).sort(), files, `the index does not list the files on disk: run ${FREEZE} <year>`);
    for (const f of files) {
      const actual = createHash('sha256')
        .update(fs.readFileSync(path.join(FROZEN_DIR, f)))
        .digest('hex');
      assert.equal(actual, FROZEN_SHA256[f], `${f} was edited after it was frozen: restore it; a revised SKB is a new version (${FREEZE} <year>)`);
    }
  });

  it('the bundled list is the files on disk, each well-formed and named by its year and version', () => {
    assert.deepEqual(FROZEN_YEARS.map((f) => `${f.year}.v${f.version}.json`).sort(), files);
    for (const f of FROZEN_YEARS) {
      const name = `${f.year}.v${f.version}.json`;
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(FROZEN_DIR, name), 'utf8')), f, `${name}: the import is the file`);
      assert.deepEqual(f.holidays, [...new Set(f.holidays)].sort(), `${name}: sorted and unique`);
      assert.ok(
        f.holidays.every((d) => d.startsWith(`${f.year}-`)),
        `${name}: dates of ${f.year} only`,
      );
      assert.ok(f.source.startsWith('date-holidays@'), `${name}: names its source`);
      assert.ok(f.holidays.includes(`${f.year}-08-17`), `${name}: has Hari Kemerdekaan`);
    }
    // The versions of a year are 1..n without gaps, so "latest" is unambiguous.
    for (const year of new Set(FROZEN_YEARS.map((f) => f.year))) {
      const versions = FROZEN_YEARS.filter((f) => f.year === year)
        .map((f) => f.version)
        .sort((a, b) => a - b);
      assert.deepEqual(
        versions,
        versions.map((_, i) => i + 1),
        `${year}: versions`,
      );
    }
  });

  it('a year frozen without a cuti-bersama file says so', () => {
    const y2029 = frozenYear(2029, 1);
    assert.match(y2029.notes, /No cuti-bersama\/2029\.json when frozen: date-holidays dates only/);
    assert.match(frozenYear(2026, 1).source, /cuti-bersama\/2026\.json: SKB 3 Menteri/);
  });
});

describe('versions and unknown references', () => {
  const base = frozenYear(2027, 1);
  // A revised SKB for 2027: one more cuti bersama.
  const revised: FrozenYear = { ...base, version: 2, holidays: [...base.holidays, '2027-12-27'].sort() };
  const catalog: readonly FrozenYear[] = [...FROZEN_YEARS, revised];

  it('a new package gets the latest version; a running one keeps resolving the version it was created with', () => {
    const at = W(2027, 1, 4, 9, 0);
    const before = calendarRefFor(at);
    const after = calendarRefFor(at, { catalog });
    assert.deepEqual(before.years[0], { year: 2027, version: 1 });
    assert.deepEqual(after.years[0], { year: 2027, version: 2 });
    assert.equal(resolveCalendar(before, catalog).holidays.includes('2027-12-27'), false);
    assert.equal(resolveCalendar(after, catalog).holidays.includes('2027-12-27'), true);
  });

  it('an unknown year@version throws a RangeError naming it', () => {
    const ref = calendarRefFor(W(2027, 1, 4, 9, 0), { catalog });
    assert.throws(
      () => resolveCalendar(ref),
      (e: Error) => e instanceof RangeError && /calendar 2027 v2 is not frozen in this build \(frozen versions of 2027: v1\)/.test(e.message),
    );
    assert.throws(() => frozenYear(2099, 1), /calendar 2099 v1 is not frozen in this build \(frozen versions of 2099: none\)/);
  });

  it('a malformed reference throws instead of resolving to fewer holidays', () => {
    const hours = { officeOpenMinute: 480, officeCloseMinute: 1020 };
    const bad: unknown[] = [
      { years: [], ...hours },
      { years: [{ year: 2026 }], ...hours },
      { years: [{ year: 2026, version: 1, holidays: [] }], ...hours },
      { years: [{ year: 2026, version: '1' }], ...hours },
      { years: [{ year: 2026, holidays: ['2027-01-01'] }], ...hours },
      { years: [{ year: 2026, version: 1 }], officeOpenMinute: 1020, officeCloseMinute: 480 },
    ];
    for (const ref of bad) assert.throws(() => resolveCalendar(ref as CalendarRef), RangeError, JSON.stringify(ref));
  });
});

describe('years without a frozen file travel inline', () => {
  it('created in 2031: 2031 and 2032 by reference, 2033 inline, the same calendar as calendarFor', () => {
    assert.equal(latestFrozenYear(2033), undefined, 'this test needs a year that is not frozen');
    const at = W(2031, 5, 5, 10, 0);
    const ref = calendarRefFor(at);
    assert.deepEqual(ref.years.slice(0, 2), [
      { year: 2031, version: 1 },
      { year: 2032, version: 1 },
    ]);
    assert.deepEqual(ref.years[2], { year: 2033, holidays: holidaysFor([2033]) });
    assert.deepEqual(resolveCalendar(ref), calendarFor(at));
  });

  it('a build that lacks a year still creates packages with that year inline', () => {
    const at = W(2026, 9, 1, 9, 0);
    const ref = calendarRefFor(at, { catalog: FROZEN_YEARS.filter((f) => f.year !== 2027) });
    assert.deepEqual(
      ref.years.map((y) => (isInline(y) ? `${y.year} inline` : `${y.year} v1`)),
      ['2026 v1', '2027 inline', '2028 v1'],
    );
    assert.deepEqual(resolveCalendar(ref), calendarFor(at));
  });
});

describe('size', () => {
  it('the reference is a small fraction of the calendar it replaces', () => {
    const at = W(2026, 12, 7, 9, 0);
    const refBytes = Buffer.byteLength(JSON.stringify(calendarRefFor(at)));
    const calBytes = Buffer.byteLength(JSON.stringify(calendarFor(at)));
    console.log(`calendar in the workflow input: reference ${refBytes} B, full calendar ${calBytes} B`);
    assert.ok(refBytes <= 160, `reference ${refBytes} B`);
    assert.ok(calBytes > 5 * refBytes, `calendar ${calBytes} B vs reference ${refBytes} B`);
  });
});

describe('workflow bundle', () => {
  /** Bundles a fixture with Temporal's bundler (as the worker does) and keeps what it logs as errors. */
  async function bundle(file: string): Promise<{ code?: string; failure?: Error; errors: string[] }> {
    const errors: string[] = [];
    const logger = { trace() {}, debug() {}, info() {}, warn() {}, log() {}, error: (m: string) => errors.push(String(m)) } as never;
    try {
      return { code: (await bundleWorkflowCode({ workflowsPath: path.join(FIXTURES, file), logger })).code, errors };
    } catch (e) {
      return { failure: e as Error, errors };
    }
  }

  it("resolveCalendar and the frozen files bundle as workflow code (Temporal's bundler: no fs, path or date-holidays)", async () => {
    const { code, failure, errors } = await bundle('resolve-workflow.ts');
    assert.equal(failure, undefined, errors.join('\n'));
    assert.ok(code!.includes('2026-03-22') && code!.includes('2032-08-17'), 'the frozen dates are inside the bundle');
    assert.ok(!code!.includes('node_modules/date-holidays'), 'the library is not');
  });

  it('the check can fail: the server-side calendarFor does not bundle as workflow code', async () => {
    const { failure, errors } = await bundle('server-side-workflow.ts');
    assert.ok(failure, 'bundling runtime/calendar.ts must fail');
    assert.match(errors.join('\n'), /ERROR in node:fs/);
  });
});

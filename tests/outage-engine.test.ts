/**
 * The outage rule in the engine, without Temporal (issue 15 point 7; domain/process/outage.ts): a closing during an
 * outage, or within the grace after it, moves later by the outage's length, once per outage, announced to the
 * parties; an ongoing outage holds the closing until its end is known; a closing well after the grace, a stage entered
 * after the outage, and a process without the patch are left alone. Working hours for the grace skip nights, weekends
 * and holidays.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addWorkingHours } from '../domain/calendar/working-hours';
import { DEFAULT_CALENDAR, wibDateTime } from '../domain/calendar/working-time';
import { PackageProcess } from '../domain/process/engine';
import { type OutageCheck, type OutageNotice, outageDecision } from '../domain/process/outage';
import { preparedProcess } from './support/preparation';
import { pokja, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';

const MIN = 60_000;
const HOUR = 60 * MIN;
const MON = wibDateTime(2026, 12, 7, 9, 0); // Monday 7 December 2026, 09:00 WIB
const settings = { graceWorkingHours: 4, recheckMs: 5 * MIN };
const check = (...outages: OutageNotice[]): OutageCheck => ({ outages, settings });

/** A tender in its bid window (Upload Dokumen Penawaran), three vendors registered, outages checked. */
function inBidWindow(id: string, on = true): PackageProcess {
  const p = preparedProcess(PackageProcess, tenderInput(id), MON);
  p.outageExtension = on;
  p.perform({ action: 'announce', actor: pokja, payload: {} }, MON);
  for (const v of [vendorA, vendorB, vendorC]) p.perform({ action: 'register', actor: v, payload: {} }, MON + HOUR);
  p.onTimer(p.nextDeadline()!.at); // registration closes
  p.onTimer(p.nextDeadline()!.at); // clarification closes
  assert.equal(p.state.current.node, 'bid_submission');
  p.drainEvents();
  return p;
}

const extensions = (p: PackageProcess) => p.drainEvents().filter((e) => e.type === 'notice_published' && e.action === 'outage_extension');

describe('a closing during an outage', () => {
  test('moves later by the outage length, once, with one notice naming the reason and the new closing', () => {
    const p = inBidWindow('pkg-outage-e1');
    const closes = p.state.current.closesAt!;
    const nominal = p.state.current.nominalClosesAt!;
    const o = { id: '7', startsAt: closes - HOUR, endsAt: closes + 2 * HOUR, reason: 'Pusat data LPSE padam listrik' };
    assert.equal(p.closingDue(closes), true);
    assert.equal(p.applyOutages(check(o), closes), true);
    assert.equal(p.state.current.closesAt, closes + 3 * HOUR);
    assert.equal(p.state.current.nominalClosesAt, nominal + 3 * HOUR);
    const [e, ...more] = extensions(p);
    assert.equal(more.length, 0);
    assert.deepEqual(e!.details, {
      kind: 'outage_extension',
      key: 'outage-7',
      recipients: ['pokja-1', 'pokja-2', 'pokja-3', 'ppk-1', 'vendor-a', 'vendor-b', 'vendor-c'],
      fields: { outageId: '7', reason: o.reason, startsAt: o.startsAt, endsAt: o.endsAt, extendedMs: 3 * HOUR, previousClosesAt: closes },
      dueAt: closes + 3 * HOUR,
    });
    // Signalled again, re-checked at the closing, or sent with another outage that does not apply: nothing more.
    assert.equal(p.applyOutages(check(o), closes + 3 * HOUR), false);
    assert.equal(p.applyOutages(check(o, { ...o, id: '8', startsAt: closes + 10 * HOUR, endsAt: closes + 11 * HOUR }), closes + 3 * HOUR), false);
    assert.equal(p.state.current.closesAt, closes + 3 * HOUR);
    assert.deepEqual(extensions(p), []);
    // The window still closes, at the new time.
    assert.equal(p.nextDeadline()!.at, closes + 3 * HOUR);
    assert.equal(p.onTimer(closes + 3 * HOUR), true);
    assert.notEqual(p.state.current.node, 'bid_submission');
  });

  test('an ongoing outage holds the closing (re-checked, never closed) until its end extends it', () => {
    const p = inBidWindow('pkg-outage-e2');
    const closes = p.state.current.closesAt!;
    const o = { id: '9', startsAt: closes - 30 * MIN, reason: 'Server aplikasi tidak dapat diakses' };
    assert.equal(p.applyOutages(check(o), closes), true);
    assert.deepEqual(extensions(p), [], 'a hold announces nothing yet');
    assert.equal(p.nextDeadline()!.at, closes + settings.recheckMs);
    assert.equal(p.onTimer(closes + settings.recheckMs), false, 'a held window does not close');
    assert.equal(p.state.current.node, 'bid_submission');
    // Re-checked while still ongoing: held again, later.
    assert.equal(p.applyOutages(check(o), closes + settings.recheckMs), true);
    assert.equal(p.nextDeadline()!.at, closes + 2 * settings.recheckMs);
    const ended = { ...o, endsAt: closes + 90 * MIN };
    assert.equal(p.applyOutages(check(ended), closes + 91 * MIN), true);
    assert.equal(p.state.current.outageHold, undefined);
    assert.equal(p.state.current.closesAt, closes + 2 * HOUR);
    assert.equal(extensions(p).length, 1);
  });

  test('a schedule change after an extension keeps the time the outage added', () => {
    const p = inBidWindow('pkg-outage-e3');
    const closes = p.state.current.closesAt!;
    p.applyOutages(check({ id: '3', startsAt: closes - HOUR, endsAt: closes + HOUR, reason: 'Jaringan LPSE terputus total' }), closes);
    const change = { action: 'change_schedule', actor: pokja, payload: { changes: { bidSubmissionDays: 4 }, reason: 'Penambahan waktu penawaran' } };
    p.perform(change, closes + HOUR);
    const p2 = inBidWindow('pkg-outage-e3b');
    p2.perform(change, closes + HOUR);
    assert.equal(p.state.current.closesAt, p2.state.current.closesAt! + 2 * HOUR);
  });
});

describe('the grace after an outage', () => {
  test('a closing within the working hours after the end is extended; one well after, or a stage entered after it, is not', () => {
    const p = inBidWindow('pkg-outage-g1');
    const closes = p.state.current.closesAt!;
    // Ended 30 minutes before the closing: well within 4 working hours.
    assert.equal(p.applyOutages(check({ id: '1', startsAt: closes - 50 * MIN, endsAt: closes - 30 * MIN, reason: 'Gangguan basis data LPSE' }), closes), true);
    assert.equal(p.state.current.closesAt, closes + 20 * MIN);

    const q = inBidWindow('pkg-outage-g2');
    const entered = q.state.current.enteredAt;
    const far = { id: '2', startsAt: entered + MIN, endsAt: entered + 2 * MIN, reason: 'Gangguan basis data LPSE' };
    assert.ok(addWorkingHours(far.endsAt, 4, DEFAULT_CALENDAR) < q.state.current.closesAt!, 'the closing lies beyond the grace');
    assert.equal(q.applyOutages(check(far), q.state.current.closesAt!), false);
    const before = { id: '3', startsAt: entered - 2 * HOUR, endsAt: entered - HOUR, reason: 'Gangguan sebelum tahap dibuka' };
    assert.equal(q.applyOutages(check(before), q.state.current.closesAt!), false);
    assert.deepEqual(extensions(q), []);
  });

  test('the rule at its edges: the grace end itself counts, a millisecond later does not', () => {
    const o = { id: '5', startsAt: 1_000, endsAt: 2_000, reason: 'x' };
    const graceEnd = () => 5_000;
    assert.equal(outageDecision({ enteredAt: 0, closesAt: 5_000, applied: [] }, o, graceEnd, 5_000).kind, 'extend');
    assert.equal(outageDecision({ enteredAt: 0, closesAt: 5_001, applied: [] }, o, graceEnd, 5_001).kind, 'none');
    assert.equal(outageDecision({ enteredAt: 0, closesAt: 999, applied: [] }, o, graceEnd, 999).kind, 'none', 'closed before it began');
    assert.equal(outageDecision({ enteredAt: 2_000, closesAt: 3_000, applied: [] }, o, graceEnd, 3_000).kind, 'none', 'opened after it ended');
    assert.equal(outageDecision({ enteredAt: 0, closesAt: 1_500, applied: ['5'] }, o, graceEnd, 1_500).kind, 'none', 'already applied');
  });

  test('working hours skip nights, weekends and holidays', () => {
    const fri = wibDateTime(2026, 12, 4, 16, 0);
    assert.equal(addWorkingHours(fri, 4, DEFAULT_CALENDAR), wibDateTime(2026, 12, 7, 11, 0));
    assert.equal(addWorkingHours(wibDateTime(2026, 12, 7, 6, 0), 4, DEFAULT_CALENDAR), wibDateTime(2026, 12, 7, 12, 0));
    assert.equal(addWorkingHours(fri, 4, { ...DEFAULT_CALENDAR, holidays: ['2026-12-07'] }), wibDateTime(2026, 12, 8, 11, 0));
    assert.equal(addWorkingHours(fri, 0, DEFAULT_CALENDAR), fri);
  });
});

test('a process without the patch ignores outages', () => {
  const p = inBidWindow('pkg-outage-off', false);
  const closes = p.state.current.closesAt!;
  assert.equal(p.closingDue(closes), false);
  assert.equal(p.applyOutages(check({ id: '1', startsAt: closes - HOUR, endsAt: closes + HOUR, reason: 'Gangguan apa pun' }), closes), false);
  assert.equal(p.state.current.closesAt, closes);
});

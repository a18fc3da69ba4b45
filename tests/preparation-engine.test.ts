/**
 * The preparation of a selection and the Pokja's schedule (issue 13 points 2, 11, 12, 13), on the engine without
 * Temporal: the head of the UKPBJ assigns the Pokja (Perpres 16/2018 Pasal 13), the Reviu DPP with its revision
 * loop, schedule changes (fixed periods refused with their rule, bounds kept, deadlines moved, vendors told, counted
 * per stage), registration until the bid deadline, and the definition-level rules every selection definition keeps.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_CALENDAR, deadlineFor, wibDateTime } from '../domain/calendar/working-time';
import { PackageProcess } from '../domain/process/engine';
import { StepRefused } from '../domain/process/errors';
import type { ProcessDefinition } from '../domain/process/definition';
import type { ActorRef, PackageInput } from '../domain/process/state';
import { scheduleIssues } from '../domain/process/schedule-rules';
import { scheduleChangeCounts } from '../domain/selection/schedule';
import { getDefinition } from '../workflows/definitions';
import { PREPARATION_START } from '../workflows/definitions/preparation';
import { completeMinutes, KEPALA_UKPBJ, preparePure, REVIEW_SESUAI } from './support/preparation';
import { pokja, ppk, tenderInput, vendorA, vendorB } from './support/tender-fixture';

const MON = wibDateTime(2051, 1, 2, 9, 0); // Monday 2 January 2051, 09:00 WIB
const MIN = 60_000;
const SELECTION = ['tender-pasca-1file', 'tender-pasca-2file', 'tender-prakualifikasi', 'seleksi', 'tender-cepat'];
const member = (id: string): ActorRef => ({ id, name: id, roles: ['pokja'], org: 'ukpbj' });

function start(defId = 'tender-pasca-1file', overrides: Partial<PackageInput> = {}): PackageProcess {
  return new PackageProcess(tenderInput(`pkt-prep-${defId}`, { definition: getDefinition(defId)!, calendar: DEFAULT_CALENDAR, ...overrides }), MON);
}

function refused(p: PackageProcess, action: string, actor: ActorRef, payload: Record<string, unknown>, now: number): StepRefused {
  try {
    p.perform({ action, actor, payload }, now);
  } catch (e) {
    if (e instanceof StepRefused) return e;
    throw e;
  }
  throw new Error(`${action} by ${actor.id} was accepted`);
}

const assign = (members: string[]) => ({ letterNumber: '800/7/UKPBJ/2051', members });

describe('assignment by the head of the UKPBJ (docs/regulation.md §2.1 P3)', () => {
  test('the five selection definitions start with the assignment, and the head is an assigned role', () => {
    for (const id of SELECTION) {
      const def = getDefinition(id)!;
      assert.equal(def.start, PREPARATION_START, id);
      assert.ok(def.assignments.includes('kepala_ukpbj') && !def.assignments.includes('pokja'), id);
    }
  });

  test('only the assigned head assigns: the PPK and a Pokja member are refused (403)', () => {
    const p = start();
    assert.equal(refused(p, 'assign_officers', ppk, assign(['pokja-1', 'pokja-2', 'pokja-3']), MON + MIN).status, 403);
    assert.equal(refused(p, 'assign_officers', pokja, assign(['pokja-1', 'pokja-2', 'pokja-3']), MON + MIN).status, 403);
    assert.equal(p.view().stage.id, 'officer_assignment');
  });

  test('Pasal 13: a Pokja of 2 or of 1 member is refused with the article; 3 members are assigned and act', () => {
    const p = start();
    for (const members of [['pokja-1', 'pokja-2'], ['pokja-1'], ['pokja-1', 'pokja-2', 'pokja-3', 'pokja-4']]) {
      const r = refused(p, 'assign_officers', KEPALA_UKPBJ, assign(members), MON + MIN);
      assert.equal(r.status, 422);
      assert.equal(r.code, 'pokja_size');
      assert.match(String(r.details?.rule), /Pasal 13/);
    }
    p.perform({ action: 'assign_officers', actor: KEPALA_UKPBJ, payload: assign(['pokja-7', 'pokja-8', 'pokja-9']) }, MON + 2 * MIN);
    const v = p.view();
    assert.deepEqual(v.assignments.pokja, ['pokja-7', 'pokja-8', 'pokja-9'], 'the UKPBJ’s assignment replaces the creation’s');
    assert.equal(v.stage.id, 'dpp_review');
    // The member the PPK once named but the head did not assign may not act.
    assert.equal(refused(p, 'review_dpp', pokja, REVIEW_SESUAI, MON + 3 * MIN).status, 403);
  });
});

describe('Reviu DPP (docs/regulation.md §2.1 P4)', () => {
  test('the PPK co-signs only a recorded review; perlu_perbaikan returns the DPP to the PPK, then a new round', () => {
    const p = start();
    let t = MON + MIN;
    p.perform({ action: 'assign_officers', actor: KEPALA_UKPBJ, payload: assign(['pokja-1', 'pokja-2', 'pokja-3']) }, t);
    const early = refused(p, 'cosign_dpp_review', ppk, {}, (t += MIN));
    assert.equal(early.code, 'review_not_recorded');
    p.perform(
      { action: 'review_dpp', actor: pokja, payload: { result: 'perlu_perbaikan', notes: 'HPS belum memuat survei harga pasar terbaru.' } },
      (t += MIN),
    );
    p.perform({ action: 'cosign_dpp_review', actor: ppk, payload: { note: 'Akan diperbaiki.' } }, (t += MIN));
    assert.equal(p.view().stage.id, 'dpp_review_minutes');
    completeMinutes(p, (t += MIN));
    assert.equal(p.view().stage.id, 'dpp_revision');
    assert.equal(refused(p, 'revise_dpp', pokja, { summary: 'HPS diperbarui dengan survei harga.' }, (t += MIN)).status, 403);
    p.perform({ action: 'revise_dpp', actor: ppk, payload: { summary: 'HPS diperbarui dengan survei harga pasar Januari.' } }, (t += MIN));
    assert.equal(p.view().stage.id, 'dpp_review');
    assert.equal(p.view().data.dppReview, undefined, 'a new round starts without the earlier review');
    p.perform({ action: 'review_dpp', actor: member('pokja-2'), payload: REVIEW_SESUAI }, (t += MIN));
    p.perform({ action: 'cosign_dpp_review', actor: ppk, payload: {} }, (t += MIN));
    const minutes = p.pendingService();
    assert.equal(minutes?.node, 'dpp_review_minutes');
    assert.deepEqual(minutes?.args, { kind: 'ba_reviu_dpp', revisionPath: 'dppReview.round' });
    completeMinutes(p, t + MIN);
    const v = p.view();
    assert.equal(v.stage.id, 'announcement');
    assert.deepEqual(
      (v.data.dppReviews as { round: number; result: string }[]).map((r) => [r.round, r.result]),
      [
        [1, 'perlu_perbaikan'],
        [2, 'sesuai'],
      ],
    );
    assert.equal((v.data.documents as Record<string, { revision: number }>).ba_reviu_dpp!.revision, 2);
  });
});

describe('the Pokja’s schedule (perubahan jadwal)', () => {
  test('LKPP 12/2021: a fixed period (masa sanggah, jawaban sanggah, sanggah banding) is refused with its rule', () => {
    const p = start();
    const t = preparePure(p, tenderInput('x'), MON);
    for (const [param, value] of [
      ['objectionDays', 7],
      ['objectionAnswerDue', 5],
      ['appealDays', 4],
      ['appealAnswerDue', 20],
    ] as const) {
      const r = refused(p, 'change_schedule', pokja, { changes: { [param]: value }, reason: 'Menyesuaikan hari libur daerah.' }, t + MIN);
      assert.equal(r.status, 422);
      assert.equal(r.code, 'invalid_schedule');
      assert.match(String(r.details?.rule), /LKPP 12\/2021/, param);
    }
    const over = refused(p, 'change_schedule', pokja, { changes: { registrationDays: 31 }, reason: 'Menyesuaikan hari libur daerah.' }, t + MIN);
    assert.equal((over.details?.issues as { code: string }[])[0]!.code, 'above_max');
  });

  test('a change within bounds moves the open window’s deadline, tells registered vendors and is counted per stage', () => {
    const p = start();
    let t = preparePure(p, tenderInput('x'), MON);
    p.perform(
      { action: 'change_schedule', actor: pokja, payload: { changes: { registrationDays: 6 }, reason: 'Jadwal ditetapkan Pokja sebelum pengumuman.' } },
      (t += MIN),
    );
    assert.equal(p.view().stage.id, 'announcement', 'a schedule change does not leave the stage');
    p.perform({ action: 'announce', actor: pokja, payload: {} }, (t += MIN));
    p.perform({ action: 'register', actor: vendorA, payload: {} }, (t += MIN));
    const before = p.view().stage.closesAt!;
    p.drainEvents();
    p.perform(
      {
        action: 'change_schedule',
        actor: member('pokja-2'),
        payload: { changes: { registrationDays: 9 }, reason: 'Banyak calon peserta meminta waktu tambahan.' },
      },
      (t += MIN),
    );
    const v = p.view();
    assert.equal(v.stage.id, 'registration');
    const expected = deadlineFor(v.stage.enteredAt, { amount: 9, unit: 'calendarDays', endOnWorkingTime: true }, DEFAULT_CALENDAR);
    assert.ok(expected > before);
    assert.equal(v.stage.closesAt, expected, 'the window closes 9 calendar days after it opened, on working time');
    assert.deepEqual(v.data.schedule, { registrationDays: 9 });
    const notice = p.drainEvents().find((e) => e.type === 'notice_published');
    assert.equal(notice?.details?.kind, 'schedule_change');
    assert.deepEqual(notice?.details?.recipients, [vendorA.id]);
    const log = v.data.scheduleChanges as { stage: string; param: string; from: number; to: number; by: string }[];
    assert.deepEqual(
      log.map((c) => [c.stage, c.param, c.from, c.to]),
      [
        ['announcement', 'registrationDays', 5, 6],
        ['registration', 'registrationDays', 6, 9],
      ],
    );
    assert.deepEqual(scheduleChangeCounts(v.data), { announcement: 1, registration: 1 });
    // A vendor cannot change the schedule, and the change is closed after the award announcement.
    assert.equal(refused(p, 'change_schedule', vendorB, { changes: { registrationDays: 10 }, reason: 'Minta perpanjangan pendaftaran.' }, t + MIN).status, 403);
    const onlyAt = getDefinition('tender-pasca-1file')!.interrupts!.find((i) => i.action.id === 'change_schedule')!.onlyAt!;
    assert.ok(onlyAt.includes('award_announcement') && !onlyAt.includes('objection_period') && !onlyAt.includes('sppbj'));
  });
});

describe('a schedule change cannot end the running stage in the past', () => {
  const DAY = 86_400_000;
  test('shortening the registration to before now is refused (422 schedule_in_past, in WIB); to a later moment it is taken', () => {
    const p = start();
    let t = preparePure(p, tenderInput('x'), MON);
    p.perform({ action: 'announce', actor: pokja, payload: {} }, t + MIN);
    const opened = p.view().stage.enteredAt;
    assert.equal(p.view().stage.id, 'registration');
    t = opened + 3 * DAY; // three of the five calendar days have passed
    const r = refused(p, 'change_schedule', pokja, { changes: { registrationDays: 2 }, reason: 'Mempercepat jadwal pendaftaran.' }, t);
    assert.deepEqual([r.status, r.code, r.details?.stage], [422, 'schedule_in_past', 'registration']);
    assert.match(r.message, /berakhir \w+, \d+ Januari 2051 \d{2}\.\d{2} WIB, sebelum saat perubahan/);
    assert.equal(p.view().data.schedule, undefined, 'nothing changed');
    // A shorter registration that still ends after now is taken: the window now closes four days after it opened.
    p.perform({ action: 'change_schedule', actor: pokja, payload: { changes: { registrationDays: 4 }, reason: 'Mempercepat jadwal pendaftaran.' } }, t);
    const closesAt = p.view().stage.closesAt!;
    assert.equal(closesAt, deadlineFor(opened, { amount: 4, unit: 'calendarDays', endOnWorkingTime: true }, DEFAULT_CALENDAR));
    assert.ok(closesAt > t);
  });
});

describe('registration until the bid deadline (issue 13 point 12)', () => {
  test('a vendor registers in the clarification and in the bid window; one registered earlier is told so', () => {
    const p = start();
    let t = preparePure(p, tenderInput('x'), MON);
    p.perform({ action: 'announce', actor: pokja, payload: {} }, (t += MIN));
    p.perform({ action: 'register', actor: vendorA, payload: {} }, t + MIN);
    while (p.view().stage.id === 'registration') p.onTimer(p.nextDeadline()!.at);
    assert.equal(p.view().stage.id, 'clarification');
    t = p.view().stage.enteredAt;
    p.perform({ action: 'register', actor: vendorB, payload: {} }, (t += MIN));
    p.perform({ action: 'ask_question', actor: vendorB, payload: { question: 'Apakah boleh memakai beton pracetak?' } }, (t += MIN));
    assert.equal(refused(p, 'register', vendorA, {}, t + MIN).code, 'already_registered');
    while (p.view().stage.id === 'clarification') p.onTimer(p.nextDeadline()!.at);
    assert.equal(p.view().stage.id, 'bid_submission');
    const vendorC: ActorRef = { id: 'vendor-c', name: 'CV Gama', roles: ['penyedia'], org: 'cv-gama' };
    p.perform({ action: 'register', actor: vendorC, payload: {} }, p.view().stage.enteredAt + MIN);
    assert.deepEqual(
      (p.view().data.registrations as { by: string }[]).map((r) => r.by),
      [vendorA.id, vendorB.id, vendorC.id],
    );
  });

  test('tender-cepat keeps its SIKaP registration open in the price window; prakualifikasi and seleksi until the PQ deadline', () => {
    const cepat = getDefinition('tender-cepat')!;
    const bid = cepat.nodes.find((n) => n.id === 'bid_submission')!;
    assert.ok(bid.type === 'timeWindow' && bid.actions.some((a) => a.id === 'register' && JSON.stringify(a.payload).includes('sikapRef')));
    for (const [id, window] of [
      ['tender-prakualifikasi', 'pq_registration'],
      ['seleksi', 'pq_submission'],
    ] as const) {
      const def = getDefinition(id)!;
      const windows = def.nodes.filter((n) => n.type === 'timeWindow' && n.actions.some((a) => a.id === 'register')).map((n) => n.id);
      assert.deepEqual(windows, [window], `${id}: registration only in the PQ window, which closes at the PQ deadline`);
    }
  });
});

describe('selection definitions: fixed and bounded periods, working time (§2 conventions, §7)', () => {
  const timed = (def: ProcessDefinition) =>
    new Set(
      def.nodes.flatMap((n) =>
        n.type === 'timeWindow'
          ? [n.duration].filter((x): x is string => !!x)
          : n.type === 'userTask'
            ? [n.due, n.timeout?.after].filter((x): x is string => !!x)
            : [],
      ),
    );

  test('every calendar-day or hour period that ends a window or a task ends on working time', () => {
    for (const id of SELECTION) {
      const def = getDefinition(id)!;
      for (const param of timed(def)) {
        const p = def.params[param]!;
        if (p.unit === 'calendarDays' || p.unit === 'hours') assert.equal(p.endOnWorkingTime, true, `${id}.${param} (${p.unit}) must end on working time`);
      }
    }
  });

  test('LKPP 12/2021: the sanggah periods are fixed with their rule; every other parameter has a maximum', () => {
    for (const id of SELECTION) {
      const def = getDefinition(id)!;
      for (const [k, p] of Object.entries(def.params)) {
        if (p.fixed === undefined) assert.ok(p.max !== undefined && p.max >= p.default && p.default >= p.min, `${id}.${k} needs a max`);
      }
      if (def.params.objectionDays) {
        assert.match(def.params.objectionDays.fixed ?? '', /LKPP 12\/2021.*5 \(lima\) hari kalender/, id);
        assert.equal(scheduleIssues(def, { objectionDays: 5 }).length, 0);
        assert.equal(scheduleIssues(def, { objectionDays: 6 })[0]!.code, 'fixed_by_law');
      }
    }
    assert.ok(getDefinition('e-purchasing')!.params.ppkApprovalDays!.fixed);
  });
});

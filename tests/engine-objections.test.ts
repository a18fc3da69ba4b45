/**
 * The engine's support for the selection's addendum, sanggah and sanggah banding, without Temporal: a window
 * extended by working days held in the data (`extendedBy`), a notice published by an action (`notify`), the rule a
 * refusal names (`rule`), and the rule book's answer checks, follow-up choice and 1%-of-HPS appeal guarantee. A small
 * definition built from the same stage builders as the tenders keeps these tests independent of the bidding stages.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addWorkingDays, DEFAULT_CALENDAR, deadlineFor, wibDateTime } from '../domain/calendar/working-time';
import type { ProcessDefinition } from '../domain/process/definition';
// Sealed bids go in as envelopes and come back out at the opening, as they do through the API and the workflow.
import { SealingPackageProcess as PackageProcess } from './support/pure-sealing';
import { refusal } from './support/refusal';
import type { ActorRef } from '../domain/process/state';
import { validateDefinition } from '../domain/process/validate-definition';
import { appealGuaranteeRequired, followUpFor, OBJECTION_RULES } from '../domain/selection/objections';
import { closed, registered } from '../workflows/definitions/common';
import {
  addendumAction,
  appealParams,
  BID_DEADLINE_EXTENSION,
  objectionParams,
  objectionStages,
  REGISTERED_VENDORS,
} from '../workflows/definitions/objections';
import { registerAction } from '../workflows/definitions/stages';
import { paKpa, pokja, ppk, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';

const HOUR = 3_600_000;
const MON = wibDateTime(2026, 12, 7, 9, 0); // Monday 7 December 2026, 09:00 WIB
const HPS = 1_450_000_000;

/** Registration with the addendum, a bid window the addendum extends, the award, then the objection stages. */
const def: ProcessDefinition = validateDefinition({
  id: 'uji-sanggah',
  version: 1,
  name: 'Uji sanggah',
  method: 'uji-sanggah',
  roles: ['ppk', 'pokja', 'pa_kpa', 'penyedia'],
  assignments: ['ppk', 'pokja', 'pa_kpa'],
  params: {
    registrationDays: { name: 'Pendaftaran', unit: 'calendarDays', default: 2, min: 1 },
    bidDays: { name: 'Penawaran', unit: 'workingDays', default: 3, min: 1 },
    objectionDays: { name: 'Masa sanggah', unit: 'calendarDays', default: 5, min: 5, endOnWorkingTime: true },
    ...objectionParams,
    ...appealParams,
    taskDue: { name: 'Tugas', unit: 'workingDays', default: 1, min: 1 },
  },
  start: 'registration',
  nodes: [
    {
      id: 'registration',
      name: 'Pendaftaran',
      type: 'timeWindow',
      duration: 'registrationDays',
      actions: [registerAction, addendumAction(REGISTERED_VENDORS)],
      next: 'bid_submission',
    },
    {
      id: 'bid_submission',
      name: 'Upload Dokumen Penawaran',
      type: 'timeWindow',
      duration: 'bidDays',
      extendedBy: BID_DEADLINE_EXTENSION,
      actions: [
        {
          id: 'submit_bid',
          name: 'Penawaran',
          performers: [{ role: 'penyedia' }],
          payload: closed({ price: { type: 'integer' } }),
          requires: [registered],
          effect: { kind: 'upsertByActor', path: 'bids' },
        },
        addendumAction(REGISTERED_VENDORS),
      ],
      next: 'award_announcement',
    },
    task('award_announcement', 'announce_award', 'objection_period'),
    ...objectionStages({
      bidsPath: 'bids',
      next: 'sppbj',
      followUps: { evaluasi_ulang: 'evaluation', penawaran_ulang: 'bid_resubmission', tender_ulang: 'retender' },
      appeal: true,
    }),
    task('evaluation', 'evaluate', 'award_announcement'),
    task('bid_resubmission', 'resubmit', 'award_announcement'),
    task('sppbj', 'issue_sppbj', 'done'),
    { id: 'retender', name: 'Tender ulang', type: 'endEvent', outcome: 'failed', status: 'gagal' },
    { id: 'done', name: 'Selesai', type: 'endEvent', outcome: 'completed', status: 'selesai' },
  ],
});

function task(id: string, action: string, next: string) {
  return {
    id,
    name: id,
    type: 'userTask' as const,
    due: 'taskDue',
    completion: 'any' as const,
    actions: [{ id: action, name: action, performers: [{ role: 'pokja' as const }], payload: closed({}), effect: { kind: 'none' as const } }],
    next,
  };
}

const start = (category = 'pekerjaan_konstruksi', timeScale = 1) => {
  const base = tenderInput('pkg-sanggah', { definition: def, timeScale });
  return new PackageProcess({ ...base, facts: { ...base.facts, category: category as never } }, MON);
};

const act = (p: PackageProcess, action: string, actor: ActorRef, payload: Record<string, unknown>, at: number) => p.perform({ action, actor, payload }, at);
const addendum = (extensionDays: number, number = 'ADD-1') => ({ number, summary: 'Perubahan spesifikasi teknis pasal 4.', extensionDays });

/** Registered A, B and C; bids from A and B; the award announced: the masa sanggah is open. */
function toObjectionPeriod(p: PackageProcess): number {
  for (const v of [vendorA, vendorB, vendorC]) act(p, 'register', v, {}, MON);
  let t = p.nextDeadline()!.at;
  p.onTimer(t);
  act(p, 'submit_bid', vendorA, { price: 1 }, t + HOUR);
  act(p, 'submit_bid', vendorB, { price: 2 }, t + HOUR);
  t = p.nextDeadline()!.at;
  p.onTimer(t);
  act(p, 'announce_award', pokja, {}, t);
  assert.equal(p.currentNode.id, 'objection_period');
  return t;
}

const objection = (cause: string) => ({ cause, reason: 'Evaluasi kualifikasi tidak sesuai dokumen pemilihan.' });
const answer = (id: string, upheld: boolean) => ({ objectionId: id, upheld, answer: upheld ? 'Sanggahan benar, ditindaklanjuti.' : 'Sanggahan tidak benar.' });
const appeal = (amount: number) => ({ reason: 'Jawaban sanggah tidak menjawab pokok sanggahan.', guarantee: { number: 'JSB-01', issuer: 'Bank BJB', amount } });

/** Files the given objections, closes the period and answers them. */
function answered(p: PackageProcess, t: number, filed: [ActorRef, string][], upheld: boolean[]): number {
  for (const [v, cause] of filed) act(p, 'file_objection', v, objection(cause), t + HOUR);
  const closesAt = p.nextDeadline()!.at;
  p.onTimer(closesAt);
  assert.equal(p.currentNode.id, 'objection_answer');
  act(p, 'answer_objections', pokja, { answers: upheld.map((u, i) => answer(`objections-${i + 1}`, u)) }, closesAt + HOUR);
  return closesAt + HOUR;
}

describe('addendum to the selection document', () => {
  test('extends an open bid window by working days from its calendar deadline, and again with a second addendum', () => {
    const p = start();
    act(p, 'register', vendorA, {}, MON);
    p.onTimer(p.nextDeadline()!.at);
    const entered = p.state.current.enteredAt;
    const original = deadlineFor(entered, { amount: 3, unit: 'workingDays' }, DEFAULT_CALENDAR);
    assert.equal(p.state.current.closesAt, original);
    act(p, 'publish_addendum', pokja, addendum(2), entered + HOUR);
    assert.equal(p.state.current.closesAt, addWorkingDays(original, 2, DEFAULT_CALENDAR));
    act(p, 'publish_addendum', pokja, addendum(3, 'ADD-2'), entered + 2 * HOUR);
    assert.equal(p.state.current.closesAt, addWorkingDays(original, 5, DEFAULT_CALENDAR));
    assert.equal(p.currentNode.id, 'bid_submission', 'an addendum does not close the window');
    assert.deepEqual(
      (p.state.data.documentAddenda as { id: string; number: string; extensionDays: number; stage: string }[]).map((a) => [
        a.id,
        a.number,
        a.extensionDays,
        a.stage,
      ]),
      [
        ['adendum-1', 'ADD-1', 2, 'bid_submission'],
        ['adendum-2', 'ADD-2', 3, 'bid_submission'],
      ],
    );
    // A bid after the original deadline is still in time; the window closes at the extended one.
    act(p, 'submit_bid', vendorA, { price: 1 }, original + HOUR);
    assert.equal(p.nextDeadline()!.at, addWorkingDays(original, 5, DEFAULT_CALENDAR));
  });

  test('published before the bid window opens, it extends the window when it is entered; time scale applies', () => {
    const p = start('barang', 0.001);
    act(p, 'publish_addendum', pokja, addendum(4), MON + 1000); // the registration closes after 2 days × 0.001
    p.onTimer(p.nextDeadline()!.at);
    const c = p.state.current;
    const nominal = addWorkingDays(deadlineFor(c.enteredAt, { amount: 3, unit: 'workingDays' }, DEFAULT_CALENDAR), 4, DEFAULT_CALENDAR);
    assert.equal(c.nominalClosesAt, nominal);
    assert.equal(c.closesAt, c.enteredAt + Math.round((nominal - c.enteredAt) * 0.001));
  });

  test('an extension of 0 days changes nothing but is still announced', () => {
    const p = start();
    p.onTimer(p.nextDeadline()!.at);
    const before = p.state.current.closesAt;
    act(p, 'publish_addendum', pokja, addendum(0), p.state.current.enteredAt);
    assert.equal(p.state.current.closesAt, before);
    assert.equal(p.drainEvents().filter((e) => e.type === 'notice_published').length, 1);
  });

  test('notifies every registered vendor once, quoting the addendum and the new closing time', () => {
    const p = start();
    for (const v of [vendorB, vendorA]) act(p, 'register', v, {}, MON);
    p.onTimer(p.nextDeadline()!.at);
    p.drainEvents();
    act(p, 'publish_addendum', pokja, addendum(2), p.state.current.enteredAt + HOUR);
    const events = p.drainEvents();
    assert.deepEqual(
      events.map((e) => e.type),
      ['action_performed', 'notice_published'],
    );
    const notice = events[1]!;
    assert.equal(notice.action, 'publish_addendum');
    assert.equal(notice.node, 'bid_submission');
    assert.deepEqual(notice.details, {
      kind: 'addendum',
      key: 'addendum',
      recipients: [vendorA.id, vendorB.id],
      fields: addendum(2),
      dueAt: p.state.current.closesAt,
    });
  });

  test('only the Pokja publishes an addendum, and not once bidding is over', () => {
    const p = start();
    assert.equal(refusal(() => p.check({ action: 'publish_addendum', actor: vendorA, payload: addendum(1) }, MON)).status, 403);
    assert.equal(refusal(() => p.check({ action: 'publish_addendum', actor: pokja, payload: addendum(31) }, MON)).status, 422);
    toObjectionPeriod(p);
    assert.equal(refusal(() => p.check({ action: 'publish_addendum', actor: pokja, payload: addendum(1) }, MON)).code, 'wrong_stage');
  });
});

test('a definition whose notice quotes an undeclared payload field is refused at load', () => {
  const broken = structuredClone(def);
  const action = (broken.nodes[0] as { actions: { notify?: { fields?: string[] } }[] }).actions[1]!;
  action.notify!.fields = ['number', 'hargaPenawaran'];
  assert.throws(() => validateDefinition(broken), /notifies with field 'hargaPenawaran'/);
});

describe('sanggah', () => {
  test('only a bidder of this package, with the rule named', () => {
    const p = start();
    const t = toObjectionPeriod(p);
    const e = refusal(() => p.check({ action: 'file_objection', actor: vendorC, payload: objection('kkn') }, t + HOUR));
    assert.deepEqual([e.status, e.code, e.details.rule], [403, 'not_a_bidder', OBJECTION_RULES.bidderOnly]);
    act(p, 'file_objection', vendorA, objection('kkn'), t + HOUR);
    const again = refusal(() => p.check({ action: 'file_objection', actor: vendorA, payload: objection('other') }, t + HOUR));
    assert.deepEqual([again.status, again.code], [409, 'already_done']);
    const badCause = refusal(() => p.check({ action: 'file_objection', actor: vendorB, payload: objection('bosan') }, t + HOUR));
    assert.equal(badCause.status, 422);
  });

  test('late: the closed window and the next stage both name the masa sanggah rule', () => {
    const p = start();
    const t = toObjectionPeriod(p);
    const closes = p.nextDeadline()!.at;
    const atClose = refusal(() => p.check({ action: 'file_objection', actor: vendorA, payload: objection('kkn') }, closes));
    assert.deepEqual([atClose.status, atClose.code, atClose.details.rule], [409, 'window_closed', OBJECTION_RULES.period]);
    p.onTimer(closes);
    assert.equal(p.currentNode.id, 'sppbj', 'no objection: straight on to the SPPBJ');
    const late = refusal(() => p.check({ action: 'file_objection', actor: vendorA, payload: objection('kkn') }, closes + HOUR));
    assert.deepEqual([late.status, late.code, late.details.rule], [409, 'wrong_stage', OBJECTION_RULES.period]);
    assert.ok(t < closes);
  });

  test('the Pokja answers every objection exactly once', () => {
    const p = start();
    const t = toObjectionPeriod(p);
    act(p, 'file_objection', vendorA, objection('kkn'), t + HOUR);
    act(p, 'file_objection', vendorB, objection('evaluation_error'), t + HOUR);
    p.onTimer(p.nextDeadline()!.at);
    const now = p.state.current.enteredAt;
    const missing = refusal(() => p.check({ action: 'answer_objections', actor: pokja, payload: { answers: [answer('objections-1', false)] } }, now));
    assert.deepEqual([missing.status, missing.code, missing.details.missing], [422, 'answers_incomplete', ['objections-2']]);
    const unknown = refusal(() =>
      p.check(
        {
          action: 'answer_objections',
          actor: pokja,
          payload: { answers: [answer('objections-1', false), answer('objections-2', false), answer('objections-9', true)] },
        },
        now,
      ),
    );
    assert.deepEqual(unknown.details.unknown, ['objections-9']);
    const twice = refusal(() =>
      p.check({ action: 'answer_objections', actor: pokja, payload: { answers: [answer('objections-1', false), answer('objections-1', true)] } }, now),
    );
    assert.deepEqual(twice.details.duplicate, ['objections-1']);
    assert.equal(refusal(() => p.check({ action: 'answer_objections', actor: ppk, payload: { answers: [] } }, now)).status, 403);
  });

  test('upheld causes choose the follow-up: the most far-reaching one wins', () => {
    assert.equal(followUpFor([]), undefined);
    assert.equal(followUpFor(['evaluation_error']), 'evaluasi_ulang');
    assert.equal(followUpFor(['evaluation_error', 'document_error']), 'penawaran_ulang');
    assert.equal(followUpFor(['document_error', 'unfair_competition']), 'tender_ulang');
    for (const [cause, stage] of [
      ['evaluation_error', 'evaluation'],
      ['document_error', 'bid_resubmission'],
      ['other', 'retender'],
    ]) {
      const p = start();
      const t = toObjectionPeriod(p);
      answered(
        p,
        t,
        [
          [vendorA, cause!],
          [vendorB, 'kkn'],
        ],
        [true, false],
      );
      assert.equal(p.currentNode.id, stage, cause);
      assert.deepEqual((p.state.data.objectionResult as { upheldCauses: string[] }).upheldCauses, [cause]);
    }
  });

  test('a new round after a re-evaluation starts without the earlier objections, which stay in the history', () => {
    const p = start('barang');
    let t = toObjectionPeriod(p);
    t = answered(p, t, [[vendorA, 'evaluation_error']], [true]);
    act(p, 'evaluate', pokja, {}, t);
    act(p, 'announce_award', pokja, {}, t);
    assert.equal(p.currentNode.id, 'objection_period');
    assert.equal(p.state.data.objections, undefined);
    assert.equal(p.state.data.objectionResult, undefined);
    answered(p, t, [[vendorA, 'evaluation_error']], [false]);
    assert.equal(p.currentNode.id, 'sppbj', 'goods: no sanggah banding');
    assert.deepEqual(
      (p.state.data.objectionHistory as { upheld: boolean }[]).map((o) => o.upheld),
      [true, false],
    );
  });
});

describe('sanggah banding', () => {
  test('construction only: after rejected objections an objector appeals with at least 1% of HPS', () => {
    assert.equal(appealGuaranteeRequired(HPS), 14_500_000);
    assert.equal(appealGuaranteeRequired(1_450_000_001), 14_500_001, 'rounded up to the rupiah');
    const p = start();
    const t = answered(p, toObjectionPeriod(p), [[vendorA, 'document_error']], [false]);
    assert.equal(p.currentNode.id, 'appeal_period');
    const low = refusal(() => p.check({ action: 'file_appeal', actor: vendorA, payload: appeal(14_499_999) }, t));
    assert.deepEqual(
      [low.status, low.code, low.details.rule, low.details.required],
      [422, 'appeal_guarantee_insufficient', OBJECTION_RULES.appealGuarantee, 14_500_000],
    );
    const notObjector = refusal(() => p.check({ action: 'file_appeal', actor: vendorB, payload: appeal(20_000_000) }, t));
    assert.deepEqual([notObjector.status, notObjector.code, notObjector.details.rule], [403, 'not_an_objector', OBJECTION_RULES.appealObjectorOnly]);
    act(p, 'file_appeal', vendorA, appeal(14_500_000), t);
    p.onTimer(p.nextDeadline()!.at);
    assert.equal(p.currentNode.id, 'appeal_answer');
    assert.equal(refusal(() => p.check({ action: 'issue_sppbj', actor: pokja, payload: {} }, t)).code, 'wrong_stage', 'no SPPBJ before the answer');
    assert.equal(p.nextDeadline(), undefined, 'the package waits for the PA/KPA (reminders are off in this test)');
    assert.equal(
      refusal(() =>
        p.check({ action: 'answer_appeals', actor: pokja, payload: { answers: [{ appealId: 'appeals-1', upheld: false, answer: 'Ditolak seluruhnya.' }] } }, t),
      ).status,
      403,
    );
    act(p, 'answer_appeals', paKpa, { answers: [{ appealId: 'appeals-1', upheld: false, answer: 'Sanggah banding ditolak.' }] }, t + HOUR);
    assert.equal(p.currentNode.id, 'sppbj');
    assert.equal((p.state.data.appeals as { guaranteeStatus: string }[])[0]!.guaranteeStatus, 'dicairkan');
  });

  test("an upheld appeal returns the guarantee and takes the follow-up of the appellant's sanggah", () => {
    const p = start();
    const t = answered(
      p,
      toObjectionPeriod(p),
      [
        [vendorA, 'kkn'],
        [vendorB, 'evaluation_error'],
      ],
      [false, false],
    );
    act(p, 'file_appeal', vendorB, appeal(HPS / 100), t);
    p.onTimer(p.nextDeadline()!.at);
    act(p, 'answer_appeals', paKpa, { answers: [{ appealId: 'appeals-1', upheld: true, answer: 'Terdapat kesalahan evaluasi.' }] }, t + HOUR);
    assert.equal(p.currentNode.id, 'evaluation');
    assert.equal((p.state.data.appeals as { guaranteeStatus: string }[])[0]!.guaranteeStatus, 'dikembalikan');
  });

  test('goods have no appeal stage; with no appeal filed the package goes on', () => {
    const goods = start('barang');
    answered(goods, toObjectionPeriod(goods), [[vendorA, 'kkn']], [false]);
    assert.equal(goods.currentNode.id, 'sppbj');
    const e = refusal(() => goods.check({ action: 'file_appeal', actor: vendorA, payload: appeal(HPS) }, MON));
    assert.deepEqual([e.code, e.details.rule], ['wrong_stage', OBJECTION_RULES.appealPeriod]);

    const works = start();
    answered(works, toObjectionPeriod(works), [[vendorA, 'kkn']], [false]);
    works.onTimer(works.nextDeadline()!.at);
    assert.equal(works.currentNode.id, 'sppbj');
  });
});

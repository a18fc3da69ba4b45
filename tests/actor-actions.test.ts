/**
 * `myActions` (domain/process/actor-actions.ts) against the real engine: what each actor is offered at each stage of
 * a tender is what the engine then accepts, including `submit_bid` for a registered vendor after another vendor bid
 * (which the engine's own openActions no longer list).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wibDateTime } from '../domain/calendar/working-time';
import { type ActorAction, actorActions } from '../domain/process/actor-actions';
import { StepRefused } from '../domain/process/errors';
import type { ActorRef, ProcessEvent } from '../domain/process/state';
import { completeServiceTask } from './support/pure-services';
import { SealingPackageProcess as PackageProcess } from './support/pure-sealing';
import { preparedProcess } from './support/preparation';
import { evaluationAllPass, paKpa, pokja, pokjaOther, ppk, qualificationVerified, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';

const HOUR = 3_600_000;
const MON = wibDateTime(2026, 12, 7, 9, 0);
const vendorD: ActorRef = { id: 'vendor-d', name: 'PT Delta', roles: ['penyedia'], org: 'pt-delta' };

/** A package with its recorded events, read the way the API reads them (events after the stage was entered). */
class Tender {
  readonly p = preparedProcess(PackageProcess, tenderInput('pkg-actions'), MON);
  private events: ProcessEvent[] = [];

  actions(actor: ActorRef, now: number): ActorAction[] {
    this.events.push(...this.p.drainEvents());
    const view = this.p.view();
    const doneInStage = this.events
      .filter((e) => e.type === 'action_performed' && e.seq > view.stage.enteredSeq)
      .map((e) => ({ action: e.action ?? null, actorId: e.actor?.id ?? null }));
    return actorActions({ definition: this.p.input.definition, state: view, actor, doneInStage, target: 'package', now });
  }

  ids(actor: ActorRef, now: number): string[] {
    return this.actions(actor, now).map((a) => a.id);
  }

  /** Every offered step passes the engine's own check with a valid payload (the offer is never a lie). */
  accepted(actor: ActorRef, action: string, payload: unknown, now: number): boolean {
    try {
      this.p.check({ action, actor, payload }, now);
      return true;
    } catch (e) {
      if (e instanceof StepRefused) return false;
      throw e;
    }
  }

  passDeadline(): number {
    const d = this.p.nextDeadline()!;
    this.p.onTimer(d.at);
    return d.at;
  }
}

describe('myActions: the steps one actor may perform now', () => {
  test('announcement and registration: role, assignment, once per actor, interrupts', () => {
    const t = new Tender();
    // The Pokja sets and changes its jadwal from the announcement to the award announcement (a non-interrupting step).
    assert.deepEqual(t.ids(pokja, MON), ['announce', 'change_schedule']);
    assert.deepEqual(t.ids(pokjaOther, MON), [], 'a Pokja member not assigned to the package is offered nothing');
    assert.deepEqual(t.ids(ppk, MON), ['cancel'], 'the PPK may cancel at any stage before the contract');
    assert.deepEqual(t.ids(vendorA, MON), []);
    const announce = t.actions(pokja, MON)[0]!;
    assert.equal(announce.stageId, 'announcement');
    assert.equal(announce.target, 'package');
    assert.equal(announce.sealed, false);
    assert.equal(announce.dueAt, new Date(t.p.state.current.dueAt!).toISOString());
    assert.equal(announce.closesAt, null);
    assert.deepEqual(t.actions(ppk, MON)[0]!.dueAt, null, 'an interrupt is not bound to the stage deadline');

    t.p.perform({ action: 'announce', actor: pokja, payload: {} }, MON);
    assert.deepEqual(t.ids(pokja, MON), ['change_schedule'], 'the task is done; the jadwal may still change');
    assert.deepEqual(t.ids(vendorA, MON), ['register']);
    t.p.perform({ action: 'register', actor: vendorA, payload: {} }, MON + HOUR);
    assert.deepEqual(t.ids(vendorA, MON + HOUR), [], 'registered once');
    assert.deepEqual(t.ids(vendorB, MON + HOUR), ['register'], 'another vendor may still register');
    const closesAt = t.p.state.current.closesAt!;
    assert.equal(t.actions(vendorB, MON)[0]!.closesAt, new Date(closesAt).toISOString());
    assert.deepEqual(t.ids(vendorB, closesAt), [], 'nothing once the window has closed');
    assert.deepEqual(t.ids(ppk, closesAt), ['cancel']);
  });

  test('bid window: submit_bid for every registered vendor, also after another one bid', () => {
    const t = new Tender();
    t.p.perform({ action: 'announce', actor: pokja, payload: {} }, MON);
    for (const v of [vendorA, vendorB, vendorC]) t.p.perform({ action: 'register', actor: v, payload: {} }, MON + HOUR);
    let now = t.passDeadline();
    assert.equal(t.p.currentNode.id, 'clarification');
    assert.deepEqual(t.ids(vendorA, now), ['ask_question']);
    // Registration stays open until the bid deadline (issue 13 point 12): an unregistered vendor may register, not ask.
    assert.deepEqual(t.ids(vendorD, now), ['register'], 'not registered: no question, only the registration');
    assert.deepEqual(t.ids(pokja, now), ['publish_addendum', 'change_schedule'], 'no answer before there is a question');
    t.p.perform({ action: 'ask_question', actor: vendorA, payload: { question: 'Apakah boleh subkontrak?' } }, now + HOUR);
    assert.deepEqual(t.ids(pokja, now + HOUR), ['answer_question', 'publish_addendum', 'change_schedule']);
    assert.deepEqual(t.ids(vendorA, now + HOUR), ['ask_question'], 'a window step may be repeated');
    now = t.passDeadline();
    assert.equal(t.p.currentNode.id, 'bid_submission');

    assert.deepEqual(t.ids(vendorA, now), ['submit_bid']);
    assert.deepEqual(t.ids(vendorD, now), ['register'], 'a vendor who did not register is not offered the bid (requires: registered), only the registration');
    t.p.perform({ action: 'submit_bid', actor: vendorB, payload: { price: 1_300_000_000 } }, now + HOUR);
    // The engine's own list hides the step once anybody took it: the reason myActions is computed from the definition.
    assert.ok(!t.p.view().openActions.some((a) => a.id === 'submit_bid'), 'engine openActions omit submit_bid after one bid');
    for (const v of [vendorA, vendorB, vendorC]) {
      assert.deepEqual(t.ids(v, now + HOUR), ['submit_bid'], `${v.id} may (re)submit`);
      assert.ok(t.accepted(v, 'submit_bid', { price: 1_200_000_000 }, now + HOUR), `the engine accepts ${v.id}'s bid`);
    }
    assert.ok(!t.accepted(vendorD, 'submit_bid', { price: 1_200_000_000 }, now + HOUR), 'and refuses the unregistered one');
    const bid = t.actions(vendorA, now + HOUR)[0]!;
    assert.equal(bid.sealed, true);
    assert.equal(bid.stageName, 'Upload Dokumen Penawaran');
    const schema = bid.schema as { required: string[]; properties: Record<string, unknown> };
    assert.deepEqual(schema.required, ['price'], 'the content schema the API validates, not the envelope');
    assert.ok(schema.properties.rincian && !schema.properties.sealedBid);
    assert.deepEqual(t.ids(pokja, now + HOUR), ['publish_addendum', 'change_schedule']);
  });

  test('tasks: once done by anybody; payload-dependent rules left to the server; objections need a bid; ended: nothing', async () => {
    const t = new Tender();
    t.p.perform({ action: 'announce', actor: pokja, payload: {} }, MON);
    for (const v of [vendorA, vendorB]) t.p.perform({ action: 'register', actor: v, payload: {} }, MON + HOUR);
    t.passDeadline();
    let now = t.passDeadline();
    t.p.perform({ action: 'submit_bid', actor: vendorA, payload: { price: 1_250_000_000 } }, now + HOUR);
    now = t.passDeadline();
    assert.equal(t.p.currentNode.id, 'bid_opening');
    assert.deepEqual(t.ids(vendorA, now), []);
    const open = t.actions(pokja, now)[0]!;
    assert.deepEqual([open.id, open.dueAt], ['open_bids', new Date(t.p.state.current.dueAt!).toISOString()]);
    t.p.perform({ action: 'open_bids', actor: pokja, payload: {} }, now); // the stand-in unseals at once
    t.p.perform({ action: 'evaluate', actor: pokja, payload: evaluationAllPass(vendorA) }, now);
    await completeServiceTask(t.p, now);
    assert.equal(t.p.currentNode.id, 'qualification_verification');
    // verify_qualification requires $payload.vendorId to be the winner: only the server can judge that, so it is offered.
    assert.deepEqual(t.ids(pokja, now), ['verify_qualification', 'change_schedule']);
    t.p.perform({ action: 'verify_qualification', actor: pokja, payload: qualificationVerified(vendorA) }, now);
    t.p.perform({ action: 'decide_award', actor: pokja, payload: {} }, now);
    t.p.perform({ action: 'announce_award', actor: pokja, payload: {} }, now);
    assert.equal(t.p.currentNode.id, 'objection_period');
    assert.deepEqual(t.ids(vendorA, now), ['file_objection'], 'the bidder may object');
    assert.deepEqual(t.ids(vendorB, now), [], 'registered without a bid: no objection (requires: not_a_bidder)');
    t.p.perform({ action: 'file_objection', actor: vendorA, payload: { cause: 'other', reason: 'Alasan sanggah yang cukup panjang.' } }, now);
    assert.deepEqual(t.ids(vendorA, now), [], 'once per actor');
    t.p.perform({ action: 'cancel', actor: paKpa, payload: { reason: 'Anggaran dialihkan untuk bencana banjir.' } }, now);
    assert.equal(t.p.state.status, 'batal');
    for (const who of [ppk, paKpa, pokja, vendorA]) assert.deepEqual(t.ids(who, now), [], `${who.id}: nothing on an ended package`);
  });
});

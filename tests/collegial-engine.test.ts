/**
 * Collegial decisions of the Pokja against the engine (issue 13 point 3: opening, evaluation result, winner, answers
 * to objections and the failure declaration need a majority of the assigned members; SPSE's persetujuan anggota
 * Pokja, Perpres 16/2018 jo. 12/2021 Pasal 1 angka 11 and Pasal 13: the Pokja decides as a body): one member alone
 * cannot decide; 2 of 3 agreeing decide, with each approval recorded; 2 disagreeing let the proposal lapse; only
 * assigned members vote; every proposal and vote is an audit event. Also: the tender-family definitions mark exactly
 * those decisions collegial and offer the vote where they are taken.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_CALENDAR, wibDateTime } from '../domain/calendar/working-time';
import type { ProcessDefinition } from '../domain/process/definition';
import { PackageProcess } from '../domain/process/engine';
import { refusal } from './support/refusal';
import type { ActorRef, PackageInput } from '../domain/process/state';
import { collegial, pokjaAction, voteAction } from '../workflows/definitions/common';
import { listProcurementDefinitions } from '../workflows/definitions';

const MON = wibDateTime(2052, 3, 4, 9, 0);
const member = (id: string): ActorRef => ({ id, name: id, roles: ['pokja'], org: 'ukpbj' });
const [sari, agus, dewi] = [member('pokja-a'), member('pokja-b'), member('pokja-c')];
const outsider = member('pokja-z');

/** A one-decision process: the Pokja opens the bids collegially, then it ends. */
const def: ProcessDefinition = {
  id: 'uji-kolegial',
  version: 1,
  name: 'Uji keputusan kolegial',
  method: 'uji',
  roles: ['pokja'],
  assignments: ['pokja'],
  params: { due: { name: 'Batas', unit: 'workingDays', default: 2, min: 1 } },
  start: 'opening',
  nodes: [
    {
      id: 'opening',
      name: 'Pembukaan Penawaran',
      type: 'userTask',
      due: 'due',
      completion: 'any',
      actions: [collegial(pokjaAction('open_bids', 'Buka Penawaran', 'opening')), voteAction(['open_bids'])],
      next: 'done',
    },
    { id: 'done', name: 'Selesai', type: 'endEvent', outcome: 'completed', status: 'selesai' },
  ],
};

const input = (pokja: string[]): PackageInput => ({
  packageId: 'pkt-kolegial01',
  definition: def,
  facts: { title: 'Uji', opd: 'Dinas', workUnit: 'Bidang', category: 'barang', pagu: 100_000_000, hps: 90_000_000, fiscalYear: 2052 },
  assignments: { pokja },
  schedule: {},
  calendar: DEFAULT_CALENDAR,
  timeScale: 1,
  createdBy: sari,
});

const vote = (p: PackageProcess, who: ActorRef, agree: boolean, at = MON) =>
  p.perform({ action: 'vote_decision', actor: who, payload: { action: 'open_bids', agree } }, at);

describe('collegial Pokja decisions (engine)', () => {
  test('one member alone cannot decide: the step is a proposal, visible with its votes, the stage does not move', () => {
    const p = new PackageProcess(input([sari.id, agus.id, dewi.id]), MON);
    p.perform({ action: 'open_bids', actor: sari, payload: { note: 'Dibuka sesuai jadwal.' } }, MON);
    assert.equal(p.currentNode.id, 'opening');
    assert.equal(p.state.data.opening, undefined, 'nothing decided yet');
    const view = p.view();
    const proposal = (view.data.proposals as Record<string, { by: string; votes: unknown[]; payload: unknown }>).open_bids!;
    assert.equal(proposal.by, sari.id);
    assert.deepEqual(proposal.votes, []);
    assert.deepEqual(proposal.payload, { note: 'Dibuka sesuai jadwal.' });
    // The vote is open to the members who have not taken a side, not to the proposer.
    assert.deepEqual(view.openActions.find((a) => a.id === 'vote_decision')?.assignees, [agus.id, dewi.id]);
    assert.equal(refusal(() => vote(p, sari, true)).code, 'already_voted');
    // Another member cannot make a competing proposal while this one waits.
    assert.equal(refusal(() => p.perform({ action: 'open_bids', actor: agus, payload: {} }, MON)).code, 'proposal_pending');
  });

  test("2 of 3 agree: decided as the proposer's step, with approvedBy", () => {
    const p = new PackageProcess(input([sari.id, agus.id, dewi.id]), MON);
    p.perform({ action: 'open_bids', actor: sari, payload: {} }, MON);
    vote(p, agus, true, MON + 60_000);
    assert.equal(p.state.status, 'selesai');
    const opening = p.state.data.opening as { by: string; approvedBy: string[] };
    assert.equal(opening.by, sari.id);
    assert.deepEqual(opening.approvedBy, [sari.id, agus.id]);
    assert.equal((p.state.data.proposals as Record<string, unknown> | undefined)?.open_bids, undefined, 'the proposal is settled');
  });

  test('2 disagree: the proposal lapses and may be made again', () => {
    const p = new PackageProcess(input([sari.id, agus.id, dewi.id]), MON);
    p.perform({ action: 'open_bids', actor: sari, payload: {} }, MON);
    vote(p, agus, false);
    assert.ok((p.state.data.proposals as Record<string, unknown>).open_bids, 'one against: still a majority possible');
    vote(p, dewi, false);
    assert.equal((p.state.data.proposals as Record<string, unknown>).open_bids, undefined);
    assert.equal(p.currentNode.id, 'opening');
    assert.equal(p.state.data.opening, undefined);
    assert.equal(refusal(() => vote(p, agus, true)).code, 'no_proposal');
    p.perform({ action: 'open_bids', actor: dewi, payload: {} }, MON);
    vote(p, agus, true);
    assert.equal(p.state.status, 'selesai');
  });

  test('a non-member cannot propose or vote', () => {
    const p = new PackageProcess(input([sari.id, agus.id, dewi.id]), MON);
    assert.equal(refusal(() => p.perform({ action: 'open_bids', actor: outsider, payload: {} }, MON)).status, 403);
    p.perform({ action: 'open_bids', actor: sari, payload: {} }, MON);
    assert.equal(refusal(() => vote(p, outsider, true)).status, 403);
    const vendor: ActorRef = { id: 'vendor-a', name: 'PT Alfa', roles: ['penyedia'], org: 'pt-alfa' };
    assert.equal(refusal(() => vote(p, vendor, true)).status, 403);
    assert.equal(p.currentNode.id, 'opening');
  });

  test('each proposal and vote is an audit event (decision_proposed, decision_voted, decision_rejected)', () => {
    const p = new PackageProcess(input([sari.id, agus.id, dewi.id]), MON);
    p.drainEvents();
    p.perform({ action: 'open_bids', actor: sari, payload: {} }, MON);
    vote(p, agus, false);
    vote(p, dewi, false);
    p.perform({ action: 'open_bids', actor: agus, payload: {} }, MON);
    vote(p, dewi, true);
    const events = p.drainEvents().filter((e) => e.type.startsWith('decision_') || e.type === 'action_performed');
    assert.deepEqual(
      events.map((e) => [e.type, e.actor?.id ?? null]),
      [
        ['decision_proposed', sari.id],
        ['decision_voted', agus.id],
        ['decision_voted', dewi.id],
        ['decision_rejected', null],
        ['decision_proposed', agus.id],
        ['decision_voted', dewi.id],
        ['action_performed', agus.id],
      ],
    );
    assert.deepEqual(events.at(-1)!.details?.approvedBy, [agus.id, dewi.id]);
  });

  test('a Pokja of one decides alone', () => {
    const p = new PackageProcess(input([sari.id]), MON);
    p.perform({ action: 'open_bids', actor: sari, payload: {} }, MON);
    assert.equal(p.state.status, 'selesai');
  });
});

describe('collegial decisions in the tender-family definitions', () => {
  /** The decisions issue 13 point 3 names, by definition: opening, evaluation result, winner, objection answers, failure. */
  const expected: Record<string, string[]> = {
    'tender-pasca-1file': ['open_bids', 'evaluate', 'decide_award', 'answer_objections', 'declare_failure'],
    'tender-pasca-2file': ['open_technical_bids', 'evaluate_technical', 'open_price_bids', 'decide_award', 'answer_objections', 'declare_failure'],
    'tender-prakualifikasi': [
      'evaluate_qualification',
      'verify_pq_qualifications',
      'answer_pq_objections',
      'open_technical_bids',
      'evaluate_technical',
      'open_price_bids',
      'decide_award',
      'answer_objections',
      'declare_failure',
    ],
    seleksi: [
      'score_qualification',
      'verify_pq_qualifications',
      'answer_pq_objections',
      'open_technical',
      'evaluate_technical',
      'open_prices',
      'decide_award',
      'answer_objections',
      'declare_failure',
    ],
    'tender-cepat': ['open_bids', 'decide_award', 'declare_failure'],
  };
  for (const [id, decisions] of Object.entries(expected)) {
    test(`${id}: the Pokja's decisions are collegial and each stage offers the vote on them`, () => {
      const d = listProcurementDefinitions().find((x) => x.id === id)!;
      for (const decision of decisions) {
        const nodes = d.nodes.filter((n) => (n.type === 'userTask' || n.type === 'timeWindow') && n.actions.some((a) => a.id === decision));
        assert.ok(nodes.length > 0, `${id}: no stage offers ${decision}`);
        for (const n of nodes) {
          if (n.type !== 'userTask' && n.type !== 'timeWindow') continue;
          const a = n.actions.find((x) => x.id === decision)!;
          if (!a.performers.some((p) => p.role === 'pokja')) continue;
          assert.equal(a.collegial, true, `${id}/${n.id}/${decision}`);
          const v = n.actions.find((x) => x.id === 'vote_decision');
          assert.ok(v, `${id}/${n.id} offers no vote`);
          const enumOf = (v.payload as { properties: { action: { enum: string[] } } }).properties.action.enum;
          assert.ok(enumOf.includes(decision), `${id}/${n.id}: the vote does not name ${decision}`);
        }
      }
    });
  }
});

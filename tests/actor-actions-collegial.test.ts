/**
 * `myActions` (domain/process/actor-actions.ts) for the Pokja's collegial decisions and the non-interrupting schedule
 * change (issue 13 points 2, 3), as the engine decides them (PackageProcess: a vote only while a proposal waits, to
 * members who have not taken a position; a collegial step not proposed twice; an interrupt only at its `onlyAt`
 * stages), so the console and the inbox offer exactly the steps the engine accepts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actorActions, type ActorActionsState } from '../domain/process/actor-actions';
import type { ProcessDefinition } from '../domain/process/definition';
import { closed, collegial, voteAction, withNote } from '../workflows/definitions/common';

const def: ProcessDefinition = {
  id: 'uji-kolegial',
  version: 1,
  name: 'Uji keputusan Pokja',
  method: 'tender',
  roles: ['pokja'],
  assignments: ['pokja'],
  params: { openingDue: { name: 'Pembukaan', unit: 'hours', default: 24, min: 1 } },
  start: 'bid_opening',
  nodes: [
    {
      id: 'bid_opening',
      name: 'Pembukaan Dokumen Penawaran',
      type: 'userTask',
      due: 'openingDue',
      completion: 'any',
      actions: [
        collegial({
          id: 'open_bids',
          name: 'Buka Dokumen Penawaran',
          performers: [{ role: 'pokja' }],
          payload: withNote,
          effect: { kind: 'set', path: 'opening' },
        }),
        voteAction(['open_bids']),
      ],
      next: 'done',
    },
    { id: 'done', name: 'Selesai', type: 'endEvent', outcome: 'completed', status: 'selesai' },
  ],
  interrupts: [
    {
      action: {
        id: 'change_schedule',
        name: 'Ubah Jadwal Tahapan',
        performers: [{ role: 'pokja' }],
        payload: closed({ reason: { type: 'string' } }),
        effect: { kind: 'none' },
      },
      notAt: [],
      onlyAt: ['announcement'],
    },
  ],
};

const member = (id: string) => ({ id, roles: ['pokja' as const] });
const state = (data: Record<string, unknown>): ActorActionsState => ({
  stage: { id: 'bid_opening', enteredSeq: 1 },
  data,
  assignments: { pokja: ['pokja.sari', 'pokja.agus', 'pokja.dewi'] },
});
const ids = (actor: string, data: Record<string, unknown>) =>
  actorActions({ definition: def, state: state(data), actor: member(actor), doneInStage: [], target: 'package', now: 0 }).map((a) => a.id);

const proposal = { open_bids: { action: 'open_bids', payload: {}, by: 'pokja.sari', at: 1, votes: [{ by: 'pokja.agus', agree: false, at: 2 }] } };

describe('myActions for collegial Pokja decisions (Perpres 16/2018 Pasal 13: the Pokja decides as a body)', () => {
  test('no proposal: every assigned member may propose; nobody is offered a vote', () => {
    for (const m of ['pokja.sari', 'pokja.agus', 'pokja.dewi']) assert.deepEqual(ids(m, {}), ['open_bids']);
  });

  test('a proposal waits: only a member who has not taken a position is offered the vote; nobody proposes it again', () => {
    assert.deepEqual(ids('pokja.dewi', { proposals: proposal }), ['vote_decision']);
    assert.deepEqual(ids('pokja.sari', { proposals: proposal }), [], 'the proposer waits for the others');
    assert.deepEqual(ids('pokja.agus', { proposals: proposal }), [], 'a member who voted is not asked again');
  });

  test('a schedule change (non-interrupting) is offered only at the stages it names (onlyAt)', () => {
    assert.ok(!ids('pokja.sari', {}).includes('change_schedule'), 'not at the opening');
    const atAnnouncement = actorActions({
      definition: { ...def, nodes: [{ ...def.nodes[0]!, id: 'announcement' }, def.nodes[1]!] },
      state: { ...state({}), stage: { id: 'announcement', enteredSeq: 1 } },
      actor: member('pokja.sari'),
      doneInStage: [],
      target: 'package',
      now: 0,
    }).map((a) => a.id);
    assert.ok(atAnnouncement.includes('change_schedule'));
  });
});

/**
 * A collegial Pokja decision in the real workflow (issue 13 point 3), on the time-skipping server with the read model:
 * the opening of the 1-file tender by one member stays a proposal (the stage does not move, the proposal shows with
 * its votes, the audit events record it), a non-member's vote is refused, the second member's agreement opens the
 * bids with both approvals recorded. Fiscal year 2052.
 */
import assert from 'node:assert/strict';
import type { PackageView } from '../domain/process/engine';
import type { ActorRef } from '../domain/process/state';
import { getDefinition } from '../workflows/definitions';
import { runScenarios, type ScenarioContext } from './support/scenario';
import { pokja, pokjaOther, tenderInput, vendorA, vendorB } from './support/tender-fixture';

const pokja2: ActorRef = { id: 'pokja-2', name: 'Agus (Pokja)', roles: ['pokja'], org: 'ukpbj' };

const base = tenderInput('pkt-kolegialwf01');
// The package as its preparation (assignment, Reviu DPP) leaves it: these steps start at the announcement.
const input = { ...base, definition: { ...getDefinition('tender-pasca-1file')!, start: 'announcement' }, facts: { ...base.facts, fiscalYear: 2052 } };

const auditOf = async (view: PackageView, { db }: ScenarioContext, type: string) =>
  db('package_events').where({ package_id: view.packageId, type }).orderBy('seq');

runScenarios('collegial Pokja decision in the workflow', [
  {
    name: 'Issue 13 point 3 (Pasal 13: the Pokja decides as a body): one member cannot open the bids alone; 2 of 3 do',
    input,
    steps: [
      { do: 'announce', as: pokja },
      { do: 'register', as: vendorA },
      { do: 'register', as: vendorB },
      { passDeadline: true },
      { passDeadline: true },
      { do: 'submit_bid', as: vendorA, payload: { price: 1_200_000_000 } },
      { do: 'submit_bid', as: vendorB, payload: { price: 1_300_000_000 } },
      { passDeadline: true },
      { expectStage: 'bid_opening' },
      { do: 'open_bids', as: pokja, payload: { note: 'Dibuka sesuai jadwal.' }, alone: true },
      { expectStage: 'bid_opening' },
      {
        check: async (view, ctx) => {
          const proposal = (view.data.proposals as Record<string, { by: string; votes: unknown[] }>).open_bids!;
          assert.equal(proposal.by, pokja.id);
          assert.deepEqual(proposal.votes, []);
          assert.equal(view.data.opening, undefined, 'not opened by one member');
          const vote = view.openActions.find((a) => a.id === 'vote_decision');
          assert.deepEqual(vote?.assignees, ['pokja-2', 'pokja-3']);
          const proposed = await auditOf(view, ctx, 'decision_proposed');
          assert.deepEqual(
            proposed.map((e) => [e.action, e.actor_id]),
            [['open_bids', pokja.id]],
          );
        },
      },
      { refuse: 'open_bids', as: pokja2, status: 409, code: 'proposal_pending' },
      { refuse: 'vote_decision', as: pokjaOther, payload: { action: 'open_bids', agree: true }, status: 403 },
      { refuse: 'vote_decision', as: pokja, payload: { action: 'open_bids', agree: true }, status: 409, code: 'already_voted' },
      { do: 'vote_decision', as: pokja2, payload: { action: 'open_bids', agree: true, note: 'Setuju.' } },
      { expectStage: 'evaluation' },
      {
        check: async (view, ctx) => {
          const opening = view.data.opening as { by: string; approvedBy: string[] };
          assert.equal(opening.by, pokja.id);
          assert.deepEqual(opening.approvedBy, [pokja.id, pokja2.id]);
          const voted = await auditOf(view, ctx, 'decision_voted');
          assert.deepEqual(
            voted.map((e) => [e.action, e.actor_id, e.details!.agree]),
            [['open_bids', pokja2.id, true]],
          );
          const performed = (await auditOf(view, ctx, 'action_performed')).filter((e) => e.action === 'open_bids');
          assert.deepEqual(
            performed.map((e) => e.details!.approvedBy),
            [[pokja.id, pokja2.id]],
          );
        },
      },
    ],
  },
]);

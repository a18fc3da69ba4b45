import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProcessDefinition } from '../domain/process/definition';
import { DefinitionError, validateDefinition } from '../domain/process/validate-definition';
import { listDefinitions } from '../workflows/definitions';
import { tenderPascaSatuFile } from '../workflows/definitions/tender-pasca-1file';

const clone = (): ProcessDefinition => JSON.parse(JSON.stringify(tenderPascaSatuFile));

function problemsOf(def: unknown): string[] {
  try {
    validateDefinition(def);
  } catch (e) {
    assert.ok(e instanceof DefinitionError);
    return e.problems.map((p) => (p.stage ? `[${p.stage}] ${p.message}` : p.message));
  }
  assert.fail('expected the definition to be refused');
}

describe('process definition validator', () => {
  test('every shipped definition is valid', () => {
    assert.ok(listDefinitions().length >= 1);
    for (const d of listDefinitions()) assert.doesNotThrow(() => validateDefinition(d));
  });

  const cases: { name: string; breakIt: (d: ProcessDefinition) => void; expect: RegExp }[] = [
    {
      name: 'a flow to an unknown stage',
      breakIt: (d) => ((d.nodes.find((n) => n.id === 'sppbj') as { next: string }).next = 'kontrak_hilang'),
      expect: /\[sppbj\] flow to unknown stage 'kontrak_hilang'/,
    },
    {
      name: 'an unreachable stage',
      breakIt: (d) => d.nodes.push({ id: 'orphan', name: 'Yatim', type: 'endEvent', outcome: 'failed', status: 'gagal' }),
      expect: /\[orphan\] unreachable stage/,
    },
    {
      name: 'a gateway without a default flow',
      breakIt: (d) => delete (d.nodes.find((n) => n.id === 'bids_received') as { default?: string }).default,
      expect: /default/,
    },
    {
      name: 'a role the process does not declare',
      breakIt: (d) => (d.roles = d.roles.filter((r) => r !== 'pa_kpa')),
      expect: /\[interrupt:cancel\] action 'cancel' names role 'pa_kpa'/,
    },
    {
      name: 'an assigned role missing from the roles',
      breakIt: (d) => (d.assignments = [...d.assignments, 'pejabat_pengadaan']),
      expect: /assigned role 'pejabat_pengadaan' is not declared/,
    },
    {
      name: 'a task timeout flowing to an unknown stage',
      breakIt: (d) => ((d.nodes.find((n) => n.id === 'sppbj') as { timeout?: unknown }).timeout = { after: 'sppbjDue', to: 'ghost' }),
      expect: /\[sppbj\] flow to unknown stage 'ghost'/,
    },
    {
      name: 'a window with an undeclared duration parameter',
      breakIt: (d) => delete d.params.objectionDays,
      expect: /\[objection_period\] duration parameter 'objectionDays' is not declared/,
    },
    {
      name: 'a cycle through gateways only',
      breakIt: (d) => {
        const g = d.nodes.find((n) => n.id === 'bids_received') as { default: string };
        g.default = 'bids_after_extension';
        (d.nodes.find((n) => n.id === 'bids_after_extension') as { default: string }).default = 'bids_received';
      },
      expect: /cycle without a user task or time window/,
    },
    {
      name: 'a duplicate stage id',
      breakIt: (d) => d.nodes.push({ ...d.nodes.find((n) => n.id === 'cancelled')! }),
      expect: /\[cancelled\] duplicate stage id/,
    },
    {
      name: 'a missing start stage',
      breakIt: (d) => (d.start = 'nowhere'),
      expect: /start stage 'nowhere' does not exist/,
    },
    {
      name: 'a payload schema that accepts unknown fields',
      breakIt: (d) => {
        const n = d.nodes.find((x) => x.id === 'announcement') as { actions: { payload: unknown }[] };
        n.actions[0]!.payload = { type: 'object', properties: { note: { type: 'string' } } };
      },
      expect: /\[announcement\] action 'announce' payload schema must be an object with additionalProperties: false/,
    },
    {
      name: 'a user task without a due time',
      breakIt: (d) => delete (d.nodes.find((n) => n.id === 'sppbj') as { due?: string }).due,
      expect: /\[sppbj\] a user task needs a due time/,
    },
    {
      name: 'an action naming an unknown rule-book check',
      breakIt: (d) => {
        const n = d.nodes.find((x) => x.id === 'announcement') as { actions: { requires?: unknown[] }[] };
        n.actions[0]!.requires = [{ rule: 'noSuchRule' }];
      },
      expect: /\[announcement\] action 'announce' names unknown check 'noSuchRule'/,
    },
    {
      name: 'an action leaving to an unknown stage',
      breakIt: (d) => ((d.nodes.find((x) => x.id === 'announcement') as { actions: { to?: string }[] }).actions[0]!.to = 'nowhere'),
      expect: /\[announcement\] (action 'announce' flows to unknown stage 'nowhere'|flow to unknown stage 'nowhere')/,
    },
    {
      name: 'a window with both a duration and a data-driven length',
      breakIt: (d) => ((d.nodes.find((x) => x.id === 'objection_period') as { durationFrom?: string }).durationFrom = 'contract.durationDays'),
      expect: /\[objection_period\] a time window needs exactly one of duration and durationFrom/,
    },
    {
      name: 'an unknown node type',
      breakIt: (d) => ((d.nodes[0] as { type: string }).type = 'parallelUniverse'),
      expect: /nodes\.0/,
    },
  ];
  for (const c of cases) {
    test(`refuses ${c.name}, naming the stage`, () => {
      const d = clone();
      c.breakIt(d);
      const problems = problemsOf(d);
      assert.ok(
        problems.some((p) => c.expect.test(p)),
        `problems were: ${problems.join(' | ')}`,
      );
    });
  }
});

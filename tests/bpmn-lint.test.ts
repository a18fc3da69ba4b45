/**
 * The exported diagrams read as we mean them in a standard tool: every definition version the API serves (current
 * and earlier ones packages still run) passes bpmnlint's `recommended` rules with no error. Warnings stay allowed
 * and are counted in the output (fake joins: several flows into one task, which the engine reads as "either").
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BpmnModdle } from 'bpmn-moddle';
import { Linter } from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver';
import { toBpmnXml } from '../domain/bpmn/export';
import type { ProcessDefinition } from '../domain/process/definition';
import { listDefinitions } from '../workflows/definitions';
import { RETIRED } from '../workflows/definitions/retired';

interface Report {
  id?: string;
  message: string;
  category: 'error' | 'warn' | 'info';
}

/** A linter per document: some rules (no-duplicate-sequence-flows) keep what they saw between calls. */
async function lintXml(xml: string): Promise<Record<string, Report[]>> {
  const { rootElement } = await new BpmnModdle().fromXML(xml);
  const linter = new Linter({ config: { extends: 'bpmnlint:recommended' }, resolver: new NodeResolver() });
  return linter.lint(rootElement);
}
const lint = async (def: ProcessDefinition) => lintXml(await toBpmnXml(def));

const errorsOf = (reports: Record<string, Report[]>) =>
  Object.entries(reports).flatMap(([rule, rs]) => rs.filter((r) => r.category === 'error').map((r) => `${rule}: ${r.id} — ${r.message}`));

describe('bpmnlint recommended', () => {
  const all = [...listDefinitions(), ...RETIRED.filter((r) => !listDefinitions().some((d) => d.id === r.id && d.version === r.version))];
  for (const def of all) {
    test(`${def.id} v${def.version}: 0 errors`, async (t) => {
      const reports = await lint(def);
      assert.deepEqual(errorsOf(reports), []);
      const warnings = Object.values(reports).flat().length;
      t.diagnostic(`${def.id} v${def.version}: 0 errors, ${warnings} warnings`);
    });
  }

  // Negative control: the old drawing of a choice (two unconditioned flows out of a task) is an error to the linter.
  test('an implicit split is reported', async () => {
    const xml = (await toBpmnXml(listDefinitions()[0]!)).replace(
      /<bpmn:conditionExpression[^>]*urn:pengadaan:action[^>]*>[^<]*<\/bpmn:conditionExpression>/,
      '',
    );
    const reports = await lintXml(xml);
    assert.ok(errorsOf(reports).length > 0, 'a flow out of a choice without its condition is reported');
  });
});

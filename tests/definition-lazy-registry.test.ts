/**
 * The workflow finds a named definition in workflows/definitions/lazy-registry.ts (one group of modules per package,
 * to keep the worker's cache small), while the API and the worker process serve index.ts (every definition validated
 * at start-up). A package must run exactly the definition the API shows for it: this checks, for every id and version
 * either registry knows, that both give the same definition, and that the lazy one knows every id.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getDefinition, listDefinitions } from '../workflows/definitions';
import { definitionFor, LAZY_DEFINITION_IDS } from '../workflows/definitions/lazy-registry';
import { RETIRED } from '../workflows/definitions/retired';

test('every registered definition, current or earlier, is found the same by the workflow', () => {
  const all = [...listDefinitions(), ...RETIRED];
  assert.ok(all.length >= 25, `${all.length} definitions`);
  for (const d of all) {
    const served = getDefinition(d.id, d.version);
    assert.ok(served, `${d.id}@${d.version} in index.ts`);
    assert.deepEqual(definitionFor(d.id, d.version), served, `${d.id}@${d.version}: the workflow's copy differs from the API's`);
  }
  assert.deepEqual([...new Set(all.map((d) => d.id))].sort(), [...LAZY_DEFINITION_IDS].sort(), 'an id the workflow could not find');
});

test('an unknown id or version is not found (the workflow task then fails and is retried by a worker that has it)', () => {
  assert.equal(definitionFor('tender-pasca-1file', 999), undefined);
  assert.equal(definitionFor('tidak-ada', 1), undefined);
});

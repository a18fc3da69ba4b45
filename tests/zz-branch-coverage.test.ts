/**
 * Runs last (bin/test.ts orders files by name) over the read model that every workflow test wrote to: each
 * definition's stages — main path, every failure branch, every end — must have been entered by some test package.
 * Skipped when bin/test.ts runs only a subset of the files.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDb } from '../db/connection';
import { listDefinitions } from '../workflows/definitions';
import { testServices } from './support/services';

test('every stage and end of every definition was reached by a workflow test', { skip: process.env.TEST_FULL_RUN !== '1' && 'partial run' }, async () => {
  const db = createDb(testServices().databaseUrl);
  try {
    const rows = await db('package_stages as s')
      .join('packages as p', 'p.id', 's.package_id')
      .distinct('p.definition_id', 'p.definition_version', 's.stage_id');
    const reached = new Set(rows.map((r) => `${r.definition_id}@${r.definition_version}:${r.stage_id}`));
    const missing = listDefinitions().flatMap((d) =>
      d.nodes
        .filter((n) => n.type !== 'exclusiveGateway')
        .filter((n) => !reached.has(`${d.id}@${d.version}:${n.id}`))
        .map((n) => `${d.id} v${d.version}: ${n.id} (${n.type})`),
    );
    assert.deepEqual(missing, [], `stages no test reached:\n${missing.join('\n')}`);
  } finally {
    await db.destroy();
  }
});

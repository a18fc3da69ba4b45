/**
 * Runs after every other file (bin/test.ts runs it once all lanes have finished) over the read models that every
 * workflow test wrote to — all lanes' databases (TEST_LANE_DATABASE_URLS): each definition's stages — main path, every
 * failure branch, every end — must have been entered by some test package. Skipped when only some files run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDb } from '../db/connection';
import { listDefinitions } from '../workflows/definitions';
import { testServices } from './support/services';

test('every stage and end of every definition was reached by a workflow test', { skip: process.env.TEST_FULL_RUN !== '1' && 'partial run' }, async () => {
  const urls = process.env.TEST_LANE_DATABASE_URLS?.split(' ') ?? [testServices().databaseUrl];
  const reached = new Set<string>();
  for (const url of urls) {
    const db = createDb(url);
    try {
      const rows = await db('package_stages as s')
        .join('packages as p', 'p.id', 's.package_id')
        .distinct('p.definition_id', 'p.definition_version', 's.stage_id');
      for (const r of rows) reached.add(`${r.definition_id}@${r.definition_version}:${r.stage_id}`);
    } finally {
      await db.destroy();
    }
  }
  const missing = listDefinitions().flatMap((d) =>
    d.nodes
      .filter((n) => n.type !== 'exclusiveGateway')
      .filter((n) => !reached.has(`${d.id}@${d.version}:${n.id}`))
      .map((n) => `${d.id} v${d.version}: ${n.id} (${n.type})`),
  );
  assert.deepEqual(missing, [], `stages no test reached:\n${missing.join('\n')}`);
});

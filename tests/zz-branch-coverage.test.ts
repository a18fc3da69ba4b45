/**
 * Runs after every other file (bin/test.ts runs it once all lanes have finished) over the read models that every
 * workflow test wrote to — all lanes' databases (TEST_LANE_DATABASE_URLS): each definition's stages — main path, every
 * failure branch, every end — must have been entered by some test package. Skipped when only some files run.
 *
 * One exception, checked rather than trusted: a contract version that is its predecessor passed through the one
 * vocabulary's vendor key (contract/vendor-key.ts: kontrak v4 of v3, surat-pesanan v3 of v2, pelaksanaan-swakelola v3 of
 * v2) has the same stages, entered through the same engine paths; a stage reached in either counts for both. What
 * differs, the key and the draft's reducer, is checked for every version by tests/vocabulary-vendor.test.ts.
 */

/** The next version, when it is exactly this one with the vendor key (same stages, same flows, same rules). */
function vendorKeyTwin(d: ProcessDefinition, all: ProcessDefinition[]): ProcessDefinition | undefined {
  const next = all.find((n) => n.id === d.id && n.version === d.version + 1);
  if (!next) return undefined;
  const draft = next.nodes.flatMap((n) => ('actions' in n ? n.actions : [])).find((a) => a.id === 'draft_contract')?.effect;
  const reducer = draft?.kind === 'apply' ? draft.reducer : '';
  const same = isDeepStrictEqual(JSON.parse(JSON.stringify({ ...withVendorKey(d, reducer), version: next.version })), JSON.parse(JSON.stringify(next)));
  return same ? next : undefined;
}
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { createDb } from '../db/connection';
import type { ProcessDefinition } from '../domain/process/definition';
import { listDefinitions } from '../workflows/definitions';
import { withVendorKey } from '../workflows/definitions/contract/vendor-key';
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
  const all = listDefinitions();
  const twins = all.map((d) => vendorKeyTwin(d, all)).filter((t) => t !== undefined);
  assert.deepEqual(
    twins.map((t) => `${t.id} v${t.version}`).sort(),
    ['kontrak v4', 'pelaksanaan-swakelola v3', 'surat-pesanan v3'],
    'the versions made by the vendor key, and no other',
  );
  const reachedIn = (d: ProcessDefinition, stage: string) => reached.has(`${d.id}@${d.version}:${stage}`);
  const missing = all.flatMap((d) =>
    d.nodes
      .filter((n) => n.type !== 'exclusiveGateway')
      .filter((n) => {
        const twin = vendorKeyTwin(d, all);
        return !reachedIn(d, n.id) && !(twin && reachedIn(twin, n.id));
      })
      .map((n) => `${d.id} v${d.version}: ${n.id} (${n.type})`),
  );
  assert.deepEqual(missing, [], `stages no test reached:\n${missing.join('\n')}`);
});

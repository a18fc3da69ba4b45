import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { withTable } from '../bin/methods-table';
import { listDefinitions } from '../workflows/definitions';

test('the README method table matches the definitions (regenerate with `npx tsx bin/methods-table.ts`)', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  // A boolean, not assert.equal: node's diff of two 60 KB strings that differ ran for over 25 minutes.
  const fresh = withTable(readme);
  const at = [...fresh].findIndex((c, i) => c !== readme[i]);
  assert.ok(fresh === readme, `the method table is stale from character ${at}: ${JSON.stringify(readme.slice(at, at + 120))}`);
  for (const d of listDefinitions()) assert.ok(readme.includes(`\`${d.id}\` v${d.version}`), `${d.id} is in the table`);
});

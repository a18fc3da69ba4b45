import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { withTable } from '../bin/methods-table';
import { listDefinitions } from '../workflows/definitions';

test('the README method table matches the definitions (regenerate with `npx tsx bin/methods-table.ts`)', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  assert.equal(withTable(readme), readme);
  for (const d of listDefinitions()) assert.ok(readme.includes(`\`${d.id}\` v${d.version}`), `${d.id} is in the table`);
});

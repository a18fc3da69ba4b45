/**
 * A package keeps the definition version it started with, so a changed definition must be a new version: the frozen
 * JSON of every earlier version (workflows/definitions/retired) is what packages started on it run, and the registry
 * still answers it for their views, sealed bids and public pages. A definition edited in place would silently differ
 * from the one running packages carry.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { getDefinition, listDefinitions } from '../workflows/definitions';
import { RETIRED } from '../workflows/definitions/retired';

const DIR = path.join(__dirname, '..', 'workflows', 'definitions', 'retired');

describe('definition versions', () => {
  test('every frozen JSON is registered in retired/index.ts', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));
    assert.equal(files.length, RETIRED.length);
    for (const f of files) {
      const d = JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as { id: string; version: number };
      assert.equal(f, `${d.id}-v${d.version}.json`);
    }
  });

  test('a definition that changed has a new version: same id and version means the same content', () => {
    for (const frozen of RETIRED) {
      const current = listDefinitions().find((d) => d.id === frozen.id && d.version === frozen.version);
      if (current) assert.deepEqual(JSON.parse(JSON.stringify(current)), frozen, `${frozen.id} v${frozen.version} changed: raise its version`);
    }
  });

  test('packages on an earlier version still find their definition (views, sealed bids, public pages)', () => {
    for (const frozen of RETIRED) {
      const found = getDefinition(frozen.id, frozen.version);
      assert.ok(found, `${frozen.id} v${frozen.version} is not registered`);
      assert.equal(found.nodes.length, frozen.nodes.length);
    }
  });

  test('new packages start on the newest version of each method', () => {
    for (const d of listDefinitions()) {
      const newest = getDefinition(d.id);
      assert.ok(newest && newest.version >= d.version);
      const older = RETIRED.filter((r) => r.id === d.id);
      for (const o of older) assert.ok(newest.version >= o.version, `${d.id}: a retired version is newer than the current one`);
    }
  });
});

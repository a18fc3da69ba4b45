/**
 * db/queries/kept.ts: kept figures are served inside their age, served once more (stale) while one recomputation
 * runs after it, never kept when the computation fails, and computed every time with age 0.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kept, maxAgeMsFrom } from '../db/queries/kept';

test('serves the kept value inside its age, then the old one once while recomputing once', async () => {
  let now = 0;
  let computed = 0;
  let release = () => {};
  const kept = new Kept<number>(() => now);
  // Each computation finishes only when released, like a slow query.
  const compute = () => {
    const n = ++computed;
    return new Promise<number>((resolve) => (release = () => resolve(n)));
  };
  const first = kept.get('y', 1000, compute);
  release();
  assert.equal(await first, 1);
  now = 999;
  assert.equal(await kept.get('y', 1000, compute), 1, 'inside the age: kept');
  now = 1000;
  assert.equal(await kept.get('y', 1000, compute), 1, 'past the age: the kept value at once…');
  assert.equal(await kept.get('y', 1000, compute), 1, '…and no second recomputation while one runs');
  assert.equal(computed, 2);
  release();
  await new Promise((r) => setImmediate(r));
  assert.equal(await kept.get('y', 1000, compute), 2, 'the recomputed value replaces it');
  const other = kept.get('other', 1000, compute);
  release();
  assert.equal(await other, 3, 'keys are kept apart');
});

test('a failed computation is not kept; age 0 computes every time', async () => {
  const kept = new Kept<number>(() => 0);
  await assert.rejects(kept.get('y', 1000, () => Promise.reject(new Error('db down'))));
  assert.equal(await kept.get('y', 1000, () => Promise.resolve(7)), 7);
  let n = 0;
  await kept.get('z', 0, () => Promise.resolve(++n));
  await kept.get('z', 0, () => Promise.resolve(++n));
  assert.equal(n, 2);
});

test('ages from the environment', () => {
  assert.equal(maxAgeMsFrom(undefined, 30), 30_000);
  assert.equal(maxAgeMsFrom('0', 30), 0);
  assert.equal(maxAgeMsFrom('-5', 30), 30_000);
  assert.equal(maxAgeMsFrom('abc', 30), 30_000);
});

/**
 * A step sent to a package whose starting row is written but whose process has not started yet (an E-Kontrak the
 * award's service task prepared, started by the parent a moment later) is told to come back: 503 package_starting
 * with Retry-After, not 409 "not running". bench/city-year.ts saw the 409 on draft_contract, and the driver gave up on
 * three tenders. A package whose run the server knows and has ended (even before it wrote anything), or that has
 * written events, stays 409.
 */
import './support/quiet-runtime';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Actor } from '../api/auth/actor';
import { createDb } from '../db/connection';
import { insertPackageRow, startingPackageRow } from '../db/queries/packages';
import { DEMO_USERS, seedDemo } from '../db/seed-demo';
import { connectClient } from '../runtime/temporal';
import { aboutToRun } from '../api/temporal-errors';
import { getDefinition } from '../workflows/definitions';
import { testServices } from './support/services';
import { startTestApi, type TestApi } from './support/test-api';

let db: Knex;
let client: Client;
let api: TestApi;
before(
  async () => {
    const { databaseUrl, temporalAddress } = testServices();
    db = createDb(databaseUrl);
    await seedDemo(db);
    client = await connectClient({ address: temporalAddress, namespace: 'default' });
    api = await startTestApi({ db, client });
  },
  { timeout: 60_000 },
);
after(async () => {
  await api?.close();
  await client?.connection.close();
  await db?.destroy();
});

const ppk = DEMO_USERS.find((u) => u.id === 'ppk.budi')! as Actor;
const facts = { title: 'Kontrak yang baru disiapkan', opd: 'Dinas Uji', workUnit: 'Bagian Uji', category: 'barang', fiscalYear: 2026, pagu: 5e8, hps: 4.5e8 };

async function draft(packageId: string) {
  const res = await fetch(`${api.baseUrl}/api/packages/${packageId}/tasks/draft_contract`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await api.tokenOf(ppk)}`, 'Content-Type': 'application/json', 'Idempotency-Key': `${packageId}-1` },
    body: JSON.stringify({ payload: { number: 'KONTRAK-1', durationDays: 90, plannedProgress: [50, 100] } }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { error: { code: string; message: string } } };
}

test('a step before the process has started: 503 package_starting with Retry-After, nothing changed', async () => {
  const packageId = 'pkt-pstartbelum01';
  await insertPackageRow(
    db,
    startingPackageRow({ packageId, definition: getDefinition('kontrak')!, facts: facts as never, createdBy: ppk.id, at: new Date() }),
  );
  const res = await draft(packageId);
  assert.equal(res.status, 503, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'package_starting');
  assert.match(res.body.error.message, /sedang dimulai/);
  assert.equal(res.retryAfter, '1');
  const row = await db('packages').where({ id: packageId }).first();
  assert.equal(Number(row!.last_seq), 0);
  assert.equal(row!.status, 'active');
  assert.equal((await db('package_events').where({ package_id: packageId })).length, 0);
});

test('a package whose process ended before it wrote anything stays 409 package_not_running', async () => {
  // Started, then terminated before any worker ran it: the row is a starting row, but the server knows the run.
  const packageId = 'pkt-pstartended01';
  await insertPackageRow(
    db,
    startingPackageRow({ packageId, definition: getDefinition('kontrak')!, facts: facts as never, createdBy: ppk.id, at: new Date() }),
  );
  const handle = await client.workflow.start('packageProcess', { workflowId: `paket-${packageId}`, taskQueue: 'pstart-no-worker', args: [{}] });
  await handle.terminate('uji: berakhir sebelum menulis');
  const res = await draft(packageId);
  assert.equal(res.status, 409, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'package_not_running');
});

test('a package that has run and whose process is gone stays 409 package_not_running (control)', async () => {
  const packageId = 'pkt-pstartpernah01';
  await insertPackageRow(db, {
    ...startingPackageRow({ packageId, definition: getDefinition('kontrak')!, facts: facts as never, createdBy: ppk.id, at: new Date() }),
    last_seq: 3,
  });
  const res = await draft(packageId);
  assert.equal(res.status, 409, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'package_not_running');
});

test('about to run: no run yet, or one started since the step was refused; a run that ended is not', async () => {
  const id = 'paket-pkt-pstartrace01';
  assert.equal(await aboutToRun(client, id), true, 'no run yet');
  // Started between the refused update and this read (the race bench/city-year.ts met): running, so come back.
  const handle = await client.workflow.start('packageProcess', { workflowId: id, taskQueue: 'pstart-no-worker', args: [{}] });
  assert.equal(await aboutToRun(client, id), true, 'running now');
  await handle.terminate('uji: selesai');
  assert.equal(await aboutToRun(client, id), false, 'ended');
});

/**
 * Issue 14 point 4 on the real PostgreSQL (and Temporal for the creates): the audit trail has no global lock, and
 * creating packages cannot deadlock with the read-model writer.
 *  - two packages append at once while each transaction holds its package row lock: the second commits while the
 *    first is still open (pg_locks shows no waiting lock); two appends of ONE package do wait for each other (the
 *    per-package advisory lock) and chain one after the other, never forked;
 *  - the anchor job (activities/audit-anchor.ts) writes the moved heads, chained; GET /api/audit/verify's check
 *    (verifyAuditLog) holds with anchors, and a v3 row changed, deleted or two rows swapped as a DBA would (triggers
 *    off for one transaction), a cut anchored tail and a changed anchor are each reported where they are; every
 *    row is put back afterwards, as other test files share this database;
 *  - the Temporal Schedule runs the `auditAnchor` workflow, which anchors a head that moved;
 *  - insertPackageRow, called by the API and by the read-model batch for the same package at the same moment, is
 *    waited for instead of deadlocking (the `ON CONFLICT (id)` it replaces deadlocks on the same interleaving: the
 *    control case);
 *  - 50 packages created through the API 10 at once, their workflows recording their first batch meanwhile: no 5xx
 *    (a smoke check of the whole path; the interleaving test above is the deterministic proof).
 */
import './support/quiet-runtime';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { writeAuditAnchor } from '../activities/audit-anchor';
import { appendAudit } from '../activities/audit';
import type { Actor } from '../api/auth/actor';
import { createDb } from '../db/connection';
import { verifyAuditLog } from '../db/queries/audit';
import { insertPackageRow } from '../db/queries/packages';
import type { AuditLogRow, PackagesInsert } from '../db/tables';
import { DEMO_USERS, seedDemo } from '../db/seed-demo';
import { packageGenesis, payloadHash } from '../domain/audit/chain';
import type { ProcessEvent } from '../domain/process/state';
import { AUDIT_ANCHOR_SCHEDULE_ID, ensureAuditAnchorSchedule } from '../runtime/audit-anchor-schedule';
import { tenderBody } from './support/auth-stack';
import { testServices } from './support/services';
import { type SharedWorker, startSharedWorker } from './support/shared-worker';
import { startTestApi, type TestApi } from './support/test-api';

const run = randomBytes(4).toString('hex');
const taskQueue = `tq-auditpar-${run}`;
const OPD = `Dinas Uji Jejak Paralel ${run}`;
const pkg = (name: string) => `pkt-auditpar${run}${name}`;

let db: Knex;
let client: Client;
let shared: SharedWorker;
let api: TestApi;
const created: string[] = [];

before(
  async () => {
    const services = testServices();
    db = createDb(services.databaseUrl, { pool: { min: 0, max: 30 } });
    await seedDemo(db);
    shared = await startSharedWorker(db, taskQueue);
    client = shared.client;
    api = await startTestApi({ db, client, taskQueue });
  },
  { timeout: 120_000 },
);

after(
  async () => {
    await api?.close();
    await shared?.stop(created.map((id) => `paket-${id}`));
    await db?.destroy();
  },
  { timeout: 120_000 },
);

function row(id: string) {
  const now = new Date();
  return {
    id,
    workflow_id: `paket-${id}`,
    title: `Paket uji jejak paralel ${id}`,
    opd: OPD,
    work_unit: 'Bidang Uji',
    category: 'barang',
    method: 'tender',
    definition_id: 'tender',
    definition_version: 1,
    fiscal_year: 2026,
    pagu: 1,
    hps: 1,
    status: 'active',
    stage_id: 'announcement',
    stage_name: 'Pengumuman',
    created_by: 'ppk.budi',
    created_at: now,
    updated_at: now,
    last_seq: 0,
  };
}

const events = (from: number, n: number, tag: string): ProcessEvent[] =>
  Array.from({ length: n }, (_, i) => ({ seq: from + i, at: Date.now(), type: 'stage_entered', node: 'announcement', details: { tag, i } }));

/** A transaction left open until it is committed or rolled back by the test. */
async function openTransaction(): Promise<Knex.Transaction> {
  const trx = await db.transaction();
  trx.executionPromise.catch(() => {}); // a rollback is an outcome here, not an error
  return trx;
}

/** The locks some other session is waiting for, once one is (or none after ~2.5 s). */
async function waitingLocks(): Promise<{ locktype: string }[]> {
  for (let i = 0; i < 50; i += 1) {
    const rows = (await db.raw(`select locktype from pg_locks where not granted`)).rows as { locktype: string }[];
    if (rows.length) return rows;
    await new Promise((r) => setTimeout(r, 50));
  }
  return [];
}

async function asDba(fn: (trx: Knex.Transaction) => Promise<unknown>) {
  await db.transaction(async (trx) => {
    await trx.raw('set local session_replication_role = replica');
    await fn(trx);
  });
}

const user = (id: string) => DEMO_USERS.find((u) => u.id === id)! as Actor;

describe('audit trail without a global lock', () => {
  const A = pkg('a');
  const B = pkg('b');

  before(async () => {
    await insertPackageRow(db, row(A));
    await insertPackageRow(db, row(B));
  });

  test('two packages append at once, each under its row lock: neither waits for the other', { timeout: 30_000 }, async () => {
    const first = await openTransaction();
    await first('packages').where({ id: A }).forUpdate().first('id');
    assert.equal(await appendAudit(first, A, `paket-${A}`, events(1, 3, 'a')), 3);
    // A's transaction is open, holding A's row and A's audit lock; B appends and commits meanwhile.
    await db.transaction(async (trx) => {
      await trx('packages').where({ id: B }).forUpdate().first('id');
      assert.equal(await appendAudit(trx, B, `paket-${B}`, events(1, 3, 'b')), 3);
      assert.deepEqual((await trx.raw(`select locktype from pg_locks where not granted`)).rows, [], 'no lock is waited for');
    });
    const rowsB = await db('audit_log').where({ package_id: B }).orderBy('pos');
    assert.equal(rowsB.length, 3, 'B committed while A is still open');
    assert.equal((await db('audit_log').where({ package_id: A })).length, 0, 'A not yet committed');
    await first.commit();
    const rowsA = await db('audit_log').where({ package_id: A }).orderBy('pos');
    assert.equal(rowsA[0]!.prev_hash, packageGenesis(A));
    assert.equal(rowsB[0]!.prev_hash, packageGenesis(B));
    assert.ok(Number(rowsA[0]!.pos) < Number(rowsB[0]!.pos), "A drew its positions first and committed last: order across packages is the anchors' job");
    for (const rows of [rowsA, rowsB]) rows.slice(1).forEach((r, i) => assert.equal(r.prev_hash, rows[i]!.hash, 'each follows its own package'));
  });

  test('two appends of one package wait for each other and chain one after the other', { timeout: 30_000 }, async () => {
    const first = await openTransaction();
    assert.equal(await appendAudit(first, A, `paket-${A}`, events(4, 2, 'a2')), 2);
    const second = db.transaction((trx) => appendAudit(trx, A, `sanksi:${run}`, events(1, 1, 'sanksi')));
    // The second is blocked on A's advisory lock, and only on that.
    assert.deepEqual(
      (await waitingLocks()).map((w) => w.locktype),
      ['advisory'],
    );
    await first.commit();
    assert.equal(await second, 1);
    const rows = await db('audit_log').where({ package_id: A }).orderBy('pos');
    assert.equal(rows.length, 6);
    rows.slice(1).forEach((r, i) => assert.equal(r.prev_hash, rows[i]!.hash));
    assert.equal(rows.at(-1)!.workflow_id, `sanksi:${run}`);
  });

  test('anchors cover the moved heads, chained; the whole trail and the anchors verify', { timeout: 60_000 }, async () => {
    const a1 = await writeAuditAnchor(db);
    assert.ok(a1 && a1.heads >= 2, JSON.stringify(a1));
    const heads = await db('audit_anchor_heads').where({ anchor_seq: a1.seq }).whereIn('package_id', [A, B]);
    const lastOf = async (id: string) => (await db('audit_log').where({ package_id: id }).orderBy('pos', 'desc').first('pos', 'hash'))!;
    for (const id of [A, B]) {
      const h = heads.find((x) => x.package_id === id)!;
      const last = await lastOf(id);
      assert.deepEqual([Number(h.pos), h.hash], [Number(last.pos), last.hash], `${id}: its last entry is anchored`);
    }
    await db.transaction((trx) => appendAudit(trx, B, `paket-${B}`, events(4, 1, 'b2')));
    const a2 = await writeAuditAnchor(db);
    assert.ok(a2 && a2.seq === a1.seq + 1);
    const moved = await db('audit_anchor_heads').where({ anchor_seq: a2.seq }).pluck('package_id');
    assert.ok(moved.includes(B) && !moved.includes(A), 'only the heads that moved');
    const [p1, p2] = await db('audit_anchors').whereIn('seq', [a1.seq, a2.seq]).orderBy('seq');
    assert.equal(p2!.prev_hash, p1!.hash, 'chained');
    await assert.rejects(db('audit_anchors').where({ seq: a1.seq }).update({ hash: p2!.hash }), /append-only/);

    const verified = await verifyAuditLog(db, { batchSize: 50 });
    assert.equal(verified.ok, true, JSON.stringify(verified.brokenAt));
    assert.ok(verified.anchors!.checked >= 2 && verified.anchors!.last!.seq >= a2.seq);
  });

  test('a v3 row changed, deleted or swapped, a cut anchored tail and a changed anchor are each caught where they are', { timeout: 60_000 }, async () => {
    const rowsA = await db('audit_log').where({ package_id: A }).orderBy('pos');
    const [x, y, z] = [rowsA[1]!, rowsA[2]!, rowsA[3]!];
    const put = (r: AuditLogRow) => asDba((trx) => trx('audit_log').insert(r));
    const check = async (what: string, brokenAt: Record<string, unknown>) => {
      const v = await verifyAuditLog(db);
      assert.equal(v.ok, false, what);
      assert.deepEqual(v.brokenAt, brokenAt, what);
    };
    try {
      await asDba((trx) =>
        trx('audit_log')
          .where({ pos: y.pos })
          .update({ payload_hash: payloadHash('palsu') }),
      );
      await check('a field changed', { pos: Number(y.pos), reason: 'hash_mismatch' });
    } finally {
      await asDba((trx) => trx('audit_log').where({ pos: y.pos }).update({ payload_hash: y.payload_hash }));
    }
    try {
      await asDba((trx) => trx('audit_log').where({ pos: y.pos }).delete());
      await check('a row deleted', { pos: Number(z.pos), reason: 'prev_hash_mismatch' });
    } finally {
      await put(y);
    }
    try {
      // Swapped as a DBA would: each row's content moved to the other's position.
      await asDba(async (trx) => {
        await trx('audit_log').whereIn('pos', [x.pos, y.pos]).delete();
        await trx('audit_log').insert([
          { ...y, pos: x.pos },
          { ...x, pos: y.pos },
        ]);
      });
      await check('two rows swapped', { pos: Number(x.pos), reason: 'prev_hash_mismatch' });
    } finally {
      await asDba(async (trx) => {
        await trx('audit_log').whereIn('pos', [x.pos, y.pos]).delete();
        await trx('audit_log').insert([x, y]);
      });
    }
    // B's last entry is anchored: cutting it leaves B's chain whole but the anchor names a row that is gone.
    const lastB = (await db('audit_log').where({ package_id: B }).orderBy('pos', 'desc').first())!;
    const anchoredB = (await db('audit_anchor_heads').where({ package_id: B }).orderBy('pos', 'desc').first())!;
    assert.equal(Number(anchoredB.pos), Number(lastB.pos));
    try {
      await asDba((trx) => trx('audit_log').where({ pos: lastB.pos }).delete());
      await check('an anchored tail cut', { pos: Number(lastB.pos), reason: 'anchor_head_mismatch', anchor: Number(anchoredB.anchor_seq) });
    } finally {
      await put(lastB);
    }
    const anchor = (await db('audit_anchors').where({ seq: anchoredB.anchor_seq }).first())!;
    try {
      await asDba((trx) => trx('audit_anchor_heads').where({ anchor_seq: anchor.seq, package_id: B }).update({ hash: rowsA[0]!.hash }));
      const v = await verifyAuditLog(db);
      assert.deepEqual([v.ok, v.brokenAt?.reason, v.brokenAt?.anchor], [false, 'anchor_hash_mismatch', Number(anchor.seq)], 'an anchored head changed');
    } finally {
      await asDba((trx) => trx('audit_anchor_heads').where({ anchor_seq: anchor.seq, package_id: B }).update({ hash: anchoredB.hash }));
    }
    assert.equal((await verifyAuditLog(db)).ok, true, 'restored');
  });

  test('the schedule is created once and its run (workflow auditAnchor) anchors a head that moved', { timeout: 60_000 }, async () => {
    const handle = client.schedule.getHandle(AUDIT_ANCHOR_SCHEDULE_ID);
    await handle.delete().catch(() => undefined);
    try {
      assert.equal(await ensureAuditAnchorSchedule(client, taskQueue, '10m'), 'created');
      assert.equal(await ensureAuditAnchorSchedule(client, taskQueue, '10m'), 'exists', 'a second worker finds it');
      await db.transaction((trx) => appendAudit(trx, A, `paket-${A}`, events(7, 1, 'a3')));
      const seen = (await handle.describe()).info.recentActions.length;
      await handle.trigger();
      let result: { seq: number; heads: number } | null = null;
      for (let i = 0; i < 150; i++) {
        const actions = (await handle.describe()).info.recentActions;
        if (actions.length > seen) {
          result = await client.workflow.getHandle(actions[actions.length - 1]!.action.workflow.workflowId).result();
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(result && result.heads >= 1, JSON.stringify(result));
      const head = (await db('audit_log').where({ package_id: A }).orderBy('pos', 'desc').first('pos', 'hash'))!;
      const anchored = await db('audit_anchor_heads').where({ anchor_seq: result.seq, package_id: A }).first();
      assert.deepEqual([Number(anchored?.pos), anchored?.hash], [Number(head.pos), head.hash]);
    } finally {
      await handle.delete().catch(() => undefined); // the schedule targets this file's task queue, gone after it
    }
  });
});

describe('creating packages cannot deadlock with the read-model writer', () => {
  test('insertPackageRow waits for a concurrent insert of the same row; ON CONFLICT (id) deadlocks on the same interleaving', { timeout: 60_000 }, async () => {
    const cases: [string, (trx: Knex.Transaction, r: PackagesInsert) => Promise<unknown>, boolean][] = [
      ['control: ON CONFLICT (id)', (trx, r) => trx('packages').insert(r).onConflict('id').ignore(), true],
      ['insertPackageRow', (trx, r) => insertPackageRow(trx, r), false],
    ];
    for (const [what, insert, deadlocks] of cases) {
      const tag = deadlocks ? 'c' : 'f';
      const [x, y] = [pkg(`${tag}x`), pkg(`${tag}y`)];
      // T1 inserts x and stays open; T2 inserts a row that needs x's workflow id and waits for T1; T1 then inserts
      // T2's id — the API's insert and the read-model batch's, crossing on the two unique indexes.
      const t1 = await openTransaction();
      const t2 = await openTransaction();
      try {
        await insert(t1, row(x));
        const second = insert(t2, { ...row(y), workflow_id: `paket-${x}` }).then(
          () => null,
          (e: Error) => e.message,
        );
        assert.equal((await waitingLocks()).length > 0, true, `${what}: the second waits for the first`);
        const first = await insert(t1, row(y)).then(
          () => null,
          (e: Error) => e.message,
        );
        await t1.rollback();
        const errors = [first, await second].filter((m): m is string => m !== null);
        if (deadlocks)
          assert.ok(
            errors.some((m) => /deadlock detected/.test(m)),
            `${what}: ${JSON.stringify(errors)}`,
          );
        else assert.deepEqual(errors, [], what);
      } finally {
        await t1.rollback().catch(() => {});
        await t2.rollback().catch(() => {});
      }
    }
  });

  test('50 packages created through the API 10 at once, while their workflows record their first batch: no 5xx', { timeout: 120_000 }, async () => {
    const token = await api.tokenOf(user('ppk.budi'));
    const statuses: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const res = await fetch(`${api.baseUrl}/api/packages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(tenderBody(`Paket uji buat paralel ${run} ${round}-${i}`, { opd: OPD })),
          });
          const body = (await res.json()) as { id?: string };
          if (body.id) created.push(body.id);
          return res.status;
        }),
      );
      statuses.push(...answers);
    }
    assert.deepEqual(
      statuses.filter((s) => s !== 201),
      [],
      'every create answered 201',
    );
    // Their first batches reached the read model and the audit trail, each package its own chain.
    const until = Date.now() + 60_000;
    let audited = 0;
    while (Date.now() < until) {
      audited = Number((await db('audit_log').whereIn('package_id', created).countDistinct({ n: 'package_id' }).first())!.n);
      if (audited === created.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(audited, 50);
    const firsts = await db('audit_log').whereIn('package_id', created).where('seq', 1).where('workflow_id', 'like', 'paket-%');
    assert.ok(firsts.every((r) => r.prev_hash === packageGenesis(r.package_id)));
  });
});

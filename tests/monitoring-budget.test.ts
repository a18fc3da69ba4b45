/**
 * Issue 12 point 6 on real rows in the test PostgreSQL, through the API: a failed tender and its re-tender are one
 * budget line, a failed tender → failed re-tender → Penunjukan Langsung chain is one line, a cancelled package is out
 * of absorption; /summary, /absorption and the year summary agree; contracted value is dated by the contract's
 * signature and payments by their WIB month (a payment at 01:00 WIB on 1 May is May's, not April's); every figure's
 * `filter` lists, through GET /api/packages, exactly the packages behind it. Also: activities/follow-up.ts writes
 * `previous_package_id` idempotently (real Temporal client, no worker needed), and every definition's cancelled end
 * event has the status the budget rule excludes.
 */
import { Client, Connection } from '@temporalio/client';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startFollowUpPackage } from '../activities/follow-up';
import type { Actor } from '../api/auth/actor';
import { createDb } from '../db/connection';
import { CANCELLED_STATUSES } from '../db/queries/monitoring-budget';
import { seedDemo } from '../db/seed-demo';
import { budgetLineIds } from '../domain/monitoring/budget-lines';
import { listDefinitions } from '../workflows/definitions';
import { testServices } from './support/services';
import { startTestApi, type TestApi } from './support/test-api';

// A fiscal year no other test uses: the year's totals count every package of it in the database (ocds-releases used
// to share 2033, which only name order kept apart).
const FY = 2041;
const J = 1_000_000;
const A = 'Dinas Uji Anggaran A';
const B = 'Dinas Uji Anggaran B';
let db: Knex;
let api: TestApi;
const kpa = { id: 'kpa.budget', name: 'KPA', roles: ['pa_kpa'], org: 'dinas' } as Actor;
const id = (n: number) => `pkt-budget${FY}${String(n).padStart(3, '0')}`;

const pkg = (n: number, opd: string, method: string, status: string, pagu: number, previous: number | null = null) => ({
  id: id(n),
  workflow_id: `paket-${id(n)}`,
  title: `Paket anggaran ${n}`,
  opd,
  work_unit: 'Bagian Umum',
  category: 'pekerjaan_konstruksi',
  method,
  definition_id: 'tender-pasca-1file',
  definition_version: 4,
  fiscal_year: FY,
  pagu,
  hps: pagu - J,
  status,
  stage_id: status === 'active' ? 'evaluation' : status,
  stage_name: status === 'active' ? 'Evaluasi' : status,
  created_by: 'ppk.budget',
  created_at: new Date(),
  updated_at: new Date(),
  previous_package_id: previous === null ? null : id(previous),
});

before(async () => {
  db = createDb(testServices().databaseUrl);
  await db('packages').insert([
    pkg(1, A, 'tender', 'gagal', 500 * J), // failed tender …
    pkg(2, A, 'tender', 'contract_signed', 500 * J, 1), // … and its re-tender: one line of Rp500 juta
    pkg(3, A, 'pengadaan-langsung-b', 'batal', 80 * J), // cancelled: out of absorption
    pkg(4, B, 'seleksi', 'active', 300 * J),
    pkg(5, B, 'tender', 'gagal', 200 * J), // failed tender → failed re-tender → Penunjukan Langsung: one line
    pkg(6, B, 'tender', 'gagal', 200 * J, 5),
    pkg(7, B, 'penunjukan-langsung', 'active', 200 * J, 6),
  ]);
  // Package 2's contract: signed 10 March 2041 (WIB), paid Rp100 juta at 01:00 WIB on 1 May and Rp50 juta in June.
  await db('packages').insert({ ...pkg(8, A, 'kontrak', 'active', 500 * J), parent_package_id: id(2) });
  await db('contracts').insert({
    package_id: id(8),
    parent_package_id: id(2),
    kind: 'kontrak',
    number: 'K-ANGGARAN',
    provider_id: 'vendor.budget',
    category: 'pekerjaan_konstruksi',
    opd: A,
    fiscal_year: FY,
    pagu: 500 * J,
    original_value: 450 * J,
    value: 450 * J,
    paid: 150 * J,
    status: 'active',
    stage_id: 'execution',
    updated_at: new Date(),
  });
  await db('package_events').insert({
    package_id: id(8),
    seq: 9,
    type: 'milestone_reached',
    stage_id: 'spmk',
    at: new Date('2041-03-10T03:00:00Z'),
    details: { milestone: 'signed' },
  });
  const payment = (pid: string, at: string, net: number) => ({
    package_id: id(8),
    payment_id: pid,
    kind: 'termin',
    gross: net,
    advance_repayment: 0,
    retention: 0,
    penalty: 0,
    net,
    paid_at: new Date(at),
  });
  await db('contract_payments').insert([payment('p1', '2041-04-30T18:00:00Z', 100 * J), payment('p2', '2041-06-15T03:00:00Z', 50 * J)]);
  api = await startTestApi({ db });
});

after(async () => {
  await api?.close();
  await db?.destroy();
});

async function get(p: string) {
  const res = await fetch(api.baseUrl + p, { headers: { Authorization: `Bearer ${await api.tokenOf(kpa)}` } });
  return { status: res.status, body: await res.json() };
}

/** The packages a figure's filter lists (every page). */
async function listed(filter: Record<string, unknown>): Promise<{ id: string; pagu: number }[]> {
  const q = new URLSearchParams(Object.entries(filter).map(([k, v]) => [k, String(v)]));
  q.set('pageSize', '100');
  const r = await get(`/api/packages?${q}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.ok(r.body.pagination.total <= 100);
  return r.body.data;
}

describe('budget lines: a package is never counted twice', () => {
  test('year summary: chains counted once at their newest package, cancelled out of absorption, months in WIB', async () => {
    const { status, body } = await get(`/api/dashboard/year?fiscalYear=${FY}`);
    assert.equal(status, 200);
    const t = body.totals;
    assert.deepEqual(
      [t.packages, t.pagu, t.superseded, t.cancelled, t.budgetLines, t.budgetPagu, t.contracted, t.contracts, t.paid],
      [4, 1_080 * J, 3, 1, 3, 1_000 * J, 450 * J, 1, 150 * J],
    );
    assert.deepEqual(t.absorption, { ofPagu: 0.15, ofContracted: 0.3333 });
    assert.deepEqual(
      body.byOpdMethod.map((r: any) => [r.opd, r.method, r.count, r.pagu]),
      [
        [A, 'pengadaan-langsung-b', 1, 80 * J],
        [A, 'tender', 1, 500 * J],
        [B, 'penunjukan-langsung', 1, 200 * J],
        [B, 'seleksi', 1, 300 * J],
      ],
    );
    assert.deepEqual(
      body.absorptionByOpd.map((r: any) => [r.opd, r.budgetLines, r.pagu, r.contracted, r.paid]),
      [
        [A, 1, 500 * J, 450 * J, 150 * J],
        [B, 2, 500 * J, 0, 0],
      ],
    );
    const month = (m: string) => body.byMonth.find((r: any) => r.month === m);
    assert.equal(body.byMonth.length, 12);
    assert.deepEqual([month('2041-03').contracted, month('2041-03').contracts], [450 * J, 1]);
    assert.deepEqual([month('2041-04').paid, month('2041-05').paid, month('2041-06').paid], [0, 100 * J, 50 * J], 'a payment at 01:00 WIB on 1 May is May');
    assert.equal(month('2041-12').cumulativePaid, 150 * J);

    const b = await get(`/api/dashboard/year?fiscalYear=${FY}&opd=${encodeURIComponent(B)}`);
    assert.deepEqual([b.body.opd, b.body.totals.packages, b.body.totals.budgetPagu, b.body.totals.superseded], [B, 2, 500 * J, 2]);
  });

  test('/summary and /absorption agree with the year summary', async () => {
    const [year, summary, absorption] = await Promise.all([
      get(`/api/dashboard/year?fiscalYear=${FY}`),
      get(`/api/dashboard/summary?fiscalYear=${FY}`),
      get(`/api/dashboard/absorption?fiscalYear=${FY}`),
    ]);
    assert.deepEqual(
      summary.body.byOpd.map((r: any) => [r.key, r.count, r.pagu]),
      [
        [A, 2, 580 * J],
        [B, 2, 500 * J],
      ],
    );
    assert.equal(
      summary.body.byStatus.find((r: any) => r.key === 'gagal'),
      undefined,
      'failed packages that were re-tendered are not lines of their own',
    );
    assert.deepEqual(absorption.body.total, {
      pagu: year.body.totals.budgetPagu,
      contracted: year.body.totals.contracted,
      paid: year.body.totals.paid,
      contracts: 1,
      absorption: year.body.totals.absorption,
    });
    assert.deepEqual(
      absorption.body.byOpd.map((r: any) => [r.opd, r.pagu, r.contracted, r.paid]),
      year.body.absorptionByOpd.map((r: any) => [r.opd, r.pagu, r.contracted, r.paid]),
    );
  });

  test("every figure's filter lists exactly the packages behind it", async () => {
    const { body } = await get(`/api/dashboard/year?fiscalYear=${FY}`);
    const sum = (l: { pagu: number }[]) => l.reduce((s, p) => s + p.pagu, 0);
    for (const r of [...body.byOpdMethod, ...body.byStage, ...body.byStatus]) {
      const l = await listed(r.filter);
      assert.deepEqual([l.length, sum(l)], [r.count, r.pagu], JSON.stringify(r.filter));
    }
    for (const r of body.absorptionByOpd) {
      const l = await listed(r.filter);
      assert.deepEqual([l.length, sum(l)], [r.budgetLines, r.pagu], JSON.stringify(r.filter));
    }
    assert.deepEqual((await listed(body.totals.filter)).map((p) => p.id).sort(), [id(2), id(3), id(4), id(7)]);
    assert.deepEqual((await listed(body.totals.supersededFilter)).map((p) => p.id).sort(), [id(1), id(5), id(6)]);
    const lines = (await listed(body.totals.budgetLineFilter)).map((p) => p.id).sort();
    assert.deepEqual(lines, [id(2), id(4), id(7)]);
    // The rule in SQL and the pure rule agree.
    const rows = await db('packages').where({ fiscal_year: FY }).whereNull('parent_package_id').select('id', 'previous_package_id', 'status');
    assert.deepEqual(
      budgetLineIds(
        rows.map((r) => ({ id: r.id, previousPackageId: r.previous_package_id, status: r.status })),
        CANCELLED_STATUSES,
      ).sort(),
      lines,
    );
    const month = (m: string) => body.byMonth.find((r: any) => r.month === m);
    assert.deepEqual(
      (await listed(month('2041-03').contractedFilter)).map((p) => p.id),
      [id(2)],
    );
    assert.deepEqual(
      (await listed(month('2041-05').paidFilter)).map((p) => p.id),
      [id(2)],
    );
    assert.deepEqual(await listed(month('2041-04').paidFilter), []);
    assert.equal((await get(`/api/packages?fiscalYear=${FY}&paidMonth=2041-13`)).status, 422);
  });

  test('contracts.signed_at is the first signed milestone whichever is written first, the event or the contract row', async () => {
    assert.equal(
      (await db('contracts')
        .where({ package_id: id(8) })
        .first('signed_at'))!.signed_at!.toISOString(),
      '2041-03-10T03:00:00.000Z',
    );
    await db('packages').insert({ ...pkg(10, A, 'kontrak', 'active', 500 * J), parent_package_id: id(4) });
    try {
      await db('package_events').insert({
        package_id: id(10),
        seq: 3,
        type: 'milestone_reached',
        stage_id: 'spmk',
        at: new Date('2041-07-01T03:00:00Z'),
        details: { milestone: 'signed' },
      });
      const row = {
        package_id: id(10),
        parent_package_id: id(4),
        kind: 'kontrak',
        provider_id: 'v',
        category: 'barang',
        opd: B,
        fiscal_year: FY,
        pagu: 1,
        original_value: 1,
        value: 1,
        status: 'active',
        stage_id: 'spmk',
        updated_at: new Date(),
      };
      await db('contracts').insert(row).onConflict('package_id').merge();
      await db('contracts')
        .insert({ ...row, value: 2 })
        .onConflict('package_id')
        .merge(); // the read model's upsert keeps it
      assert.equal(
        (await db('contracts')
          .where({ package_id: id(10) })
          .first('signed_at'))!.signed_at!.toISOString(),
        '2041-07-01T03:00:00.000Z',
      );
    } finally {
      await db('contracts')
        .where({ package_id: id(10) })
        .delete();
      await db('package_events')
        .where({ package_id: id(10) })
        .delete();
      await db('packages')
        .where({ id: id(10) })
        .delete();
    }
  });

  test('cancelled means every status a cancelled end event sets, read from the definitions', async () => {
    assert.deepEqual(CANCELLED_STATUSES, ['batal', 'batal_otomatis']);
    const failedEnds = listDefinitions().flatMap((d) =>
      d.nodes.filter((n) => n.type === 'endEvent' && n.outcome !== 'cancelled').map((n) => (n as { status: string }).status),
    );
    assert.ok(!failedEnds.some((s) => CANCELLED_STATUSES.includes(s)), 'no failed or completed end shares a cancelled status');
    // An e-purchasing order cancelled automatically is out of absorption like any cancelled package.
    await db('packages').insert(pkg(9, B, 'e-purchasing', 'batal_otomatis', 40 * J));
    try {
      const { body } = await get(`/api/dashboard/year?fiscalYear=${FY}&opd=${encodeURIComponent(B)}`);
      assert.deepEqual([body.totals.packages, body.totals.cancelled, body.totals.budgetPagu], [3, 1, 500 * J]);
      assert.deepEqual((await listed(body.totals.budgetLineFilter)).map((p) => p.id).sort(), [id(4), id(7)]);
    } finally {
      await db('packages')
        .where({ id: id(9) })
        .delete();
    }
  });
});

describe('activities/follow-up.ts links the follow-up package', () => {
  let connection: Connection | undefined;
  after(async () => connection?.close());

  test('writes previous_package_id, also when the new workflow wrote the row first, and again on retry', async () => {
    connection = await Connection.connect({ address: testServices().temporalAddress });
    const client = new Client({ connection, namespace: 'default' });
    await seedDemo(db); // the follow-up passes a create's checks: its officers are active users with their roles
    const failed = id(1);
    const ctx = {
      packageId: failed,
      node: `start_retender_${Date.now()}`, // a fresh follow-up id per run of this test
      service: 'startFollowUp',
      args: {},
      data: {},
      origin: {
        definitionId: 'tender-pasca-1file',
        facts: { title: 'Paket anggaran 1', opd: A, workUnit: 'Bagian Umum', category: 'pekerjaan_konstruksi', pagu: 500 * J, hps: 499 * J, fiscalYear: FY },
        assignments: { ppk: ['ppk.budi'], pa_kpa: ['kpa.hendra'], kepala_ukpbj: ['ukpbj.ratna'] },
        calendar: { holidays: [], officeOpenMinute: 480, officeCloseMinute: 1020 },
        timeScale: 1,
        createdBy: { id: 'ppk.budi', name: 'Budi', roles: ['ppk'], org: 'kota-tangerang-pupr' },
      },
    } as any;
    const deps = { db, client, taskQueue: 'monitoring-budget-no-worker' };
    const first = await startFollowUpPackage(deps, ctx, 'tender', 'tender_ulang');
    assert.ok('packageId' in first, `the follow-up started: ${JSON.stringify(first)}`);
    try {
      const row = () => db('packages').where({ id: first.packageId }).first('previous_package_id');
      assert.equal((await row())!.previous_package_id, failed);
      // The new workflow's own first read-model write won the insert, without the link: a retry sets it.
      await db('packages').where({ id: first.packageId }).update({ previous_package_id: null });
      const again = await startFollowUpPackage(deps, ctx, 'tender', 'tender_ulang');
      assert.ok('packageId' in again && again.packageId === first.packageId);
      assert.equal((await row())!.previous_package_id, failed);
    } finally {
      await client.workflow
        .getHandle(`paket-${first.packageId}`)
        .terminate('uji selesai')
        .catch(() => undefined);
      await db('packages').where({ id: first.packageId }).delete();
    }
  });
});

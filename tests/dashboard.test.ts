/**
 * The monitoring dashboard over the read model on the test PostgreSQL, through the API: groupings by OPD, method,
 * stage and status; overdue tasks and packages per stage, paginated; budget absorption per OPD and overall; contract
 * progress with S-curve points; vendors refused, bad filters 422. A fiscal year no other test uses keeps it exact.
 */
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../api/auth/actor';
import { createDb } from '../db/connection';
import { testServices } from './support/services';
import { startTestApi, type TestApi } from './support/test-api';

const FY = 2031;
const JUTA = 1_000_000;
const HOUR = 3_600_000;
let db: Knex;
let api: TestApi;
let baseUrl: string;
let tokenOf: (a: Actor) => Promise<string>;
const auditor = { id: 'auditor.dash', name: 'APIP', roles: ['auditor'], org: 'inspektorat' } as Actor;
const vendor = { id: 'vendor.dash', name: 'PT Dash', roles: ['penyedia'], org: 'pt-dash' } as Actor;
const kpa = { id: 'kpa.dash', name: 'KPA', roles: ['pa_kpa'], org: 'dinas' } as Actor;
const admin = { id: 'admin.dash', name: 'Admin', roles: ['admin'], org: 'lpse' } as Actor;
const officers = (['ppk', 'pokja', 'pejabat_pengadaan'] as const).map((r) => ({ id: `${r}.dash`, name: r, roles: [r], org: 'dinas' }));

const pkg = (i: number, opd: string, method: string, status: string, stage: string, pagu: number, enteredHoursAgo: number) => ({
  id: `pkt-dash${FY}${String(i).padStart(3, '0')}`,
  workflow_id: `paket-pkt-dash${FY}${i}`,
  title: `Paket dasbor ${i}`,
  opd,
  work_unit: 'Bagian Umum',
  category: 'barang',
  method,
  definition_id: 'tender-pasca-1file',
  definition_version: 3,
  fiscal_year: FY,
  pagu,
  hps: pagu - JUTA,
  status,
  stage_id: stage,
  stage_name: stage,
  stage_entered_at: new Date(Date.now() - enteredHoursAgo * HOUR),
  created_by: 'ppk.dash',
  created_at: new Date(),
  updated_at: new Date(),
});

before(async () => {
  db = createDb(testServices().databaseUrl);
  const rows = [
    pkg(1, 'Dinas PUPR', 'tender', 'active', 'evaluation', 900 * JUTA, 30),
    pkg(2, 'Dinas PUPR', 'tender', 'contract_signed', 'contract_signed', 1_100 * JUTA, 5),
    pkg(3, 'Dinas Kesehatan', 'e-purchasing', 'active', 'evaluation', 100 * JUTA, 2),
    pkg(4, 'Dinas Kesehatan', 'pengadaan-langsung-b', 'gagal', 'failed_no_bids', 50 * JUTA, 1),
  ];
  await db('packages').insert(rows);
  // A contract child of package 2 and its figures.
  await db('packages').insert({ ...pkg(5, 'Dinas PUPR', 'kontrak', 'active', 'execution', 1_100 * JUTA, 3), parent_package_id: rows[1]!.id });
  await db('contracts').insert({
    package_id: `pkt-dash${FY}005`,
    parent_package_id: rows[1]!.id,
    kind: 'kontrak',
    number: 'K-DASH',
    provider_id: 'vendor.dash',
    category: 'barang',
    opd: 'Dinas PUPR',
    fiscal_year: FY,
    pagu: 1_100 * JUTA,
    original_value: 1_000 * JUTA,
    value: 1_000 * JUTA,
    paid: 250 * JUTA,
    physical_progress: 30,
    status: 'active',
    stage_id: 'execution',
    updated_at: new Date(),
  });
  // Contracted means signed: the E-Kontrak child's `signed` milestone (domain/monitoring/budget-lines.ts).
  await db('package_events').insert({
    package_id: `pkt-dash${FY}005`,
    seq: 7,
    type: 'milestone_reached',
    stage_id: 'spmk',
    at: new Date(),
    details: { milestone: 'signed' },
  });
  await db('contract_periods').insert([
    { package_id: `pkt-dash${FY}005`, period: 1, planned_pct: 40, actual_pct: 30 },
    { package_id: `pkt-dash${FY}005`, period: 2, planned_pct: 100, actual_pct: null },
  ]);
  await db('package_tasks').insert([
    {
      package_id: rows[0]!.id,
      stage_seq: 9,
      action: 'evaluate',
      stage_id: 'evaluation',
      name: 'Evaluasi',
      roles: ['pokja'],
      assignees: ['pokja.a'],
      due_at: new Date(Date.now() - 10 * HOUR),
      status: 'open',
      fiscal_year: FY,
    },
    {
      package_id: rows[2]!.id,
      stage_seq: 4,
      action: 'evaluate',
      stage_id: 'evaluation',
      name: 'Evaluasi',
      roles: ['pokja'],
      assignees: ['pokja.b'],
      due_at: new Date(Date.now() - 2 * HOUR),
      status: 'open',
      fiscal_year: FY,
    },
    {
      package_id: rows[0]!.id,
      stage_seq: 8,
      action: 'open_bids',
      stage_id: 'bid_opening',
      name: 'Buka',
      roles: ['pokja'],
      assignees: ['pokja.a'],
      due_at: new Date(Date.now() - 40 * HOUR),
      status: 'closed',
      fiscal_year: FY,
    },
  ]);

  api = await startTestApi({ db });
  baseUrl = api.baseUrl;
  tokenOf = api.tokenOf;
});

after(async () => {
  await api?.close();
  await db?.destroy();
});

async function get(p: string, a: Actor = auditor) {
  const res = await fetch(baseUrl + p, { headers: { Authorization: `Bearer ${await tokenOf(a)}` } });
  return { status: res.status, body: await res.json() };
}

describe('monitoring dashboard', () => {
  test('counts and values by OPD, method, stage and status (contract children not counted as packages)', async () => {
    const { status, body } = await get(`/api/dashboard/summary?fiscalYear=${FY}`);
    assert.equal(status, 200);
    assert.deepEqual(body.byOpd, [
      { key: 'Dinas Kesehatan', count: 2, pagu: 150 * JUTA, hps: 148 * JUTA },
      { key: 'Dinas PUPR', count: 2, pagu: 2_000 * JUTA, hps: 1_998 * JUTA },
    ]);
    assert.deepEqual(
      body.byStatus.map((r: { key: string; count: number }) => [r.key, r.count]),
      [
        ['active', 2],
        ['contract_signed', 1],
        ['gagal', 1],
      ],
    );
    assert.deepEqual(body.byStage.find((r: { key: string }) => r.key === 'evaluation').count, 2);
    assert.ok(!body.byMethod.some((r: { key: string }) => r.key === 'kontrak'));
  });

  test('overdue tasks, most overdue first, paginated; packages in a stage with time in stage', async () => {
    const first = await get(`/api/dashboard/overdue?fiscalYear=${FY}&pageSize=1`);
    assert.equal(first.body.pagination.total, 2, 'closed tasks are not overdue');
    assert.equal(first.body.data[0].packageId, `pkt-dash${FY}001`);
    assert.ok(first.body.data[0].overdueHours >= 10);
    const second = await get(`/api/dashboard/overdue?fiscalYear=${FY}&pageSize=1&page=2`);
    assert.equal(second.body.data[0].packageId, `pkt-dash${FY}003`);
    const stage = await get(`/api/dashboard/stages?fiscalYear=${FY}&stage=evaluation`);
    assert.deepEqual(
      stage.body.data.map((r: { packageId: string }) => r.packageId),
      [`pkt-dash${FY}001`, `pkt-dash${FY}003`],
      'longest in stage first',
    );
    assert.ok(stage.body.data[0].hoursInStage >= 29);
  });

  test('budget absorption per OPD and overall; contract progress with its S-curve', async () => {
    const { body } = await get(`/api/dashboard/absorption?fiscalYear=${FY}`);
    const pupr = body.byOpd.find((r: { opd: string }) => r.opd === 'Dinas PUPR');
    assert.deepEqual(pupr, {
      opd: 'Dinas PUPR',
      pagu: 2_000 * JUTA,
      contracted: 1_000 * JUTA,
      paid: 250 * JUTA,
      contracts: 1,
      absorption: { ofPagu: 0.125, ofContracted: 0.25 },
    });
    assert.deepEqual(body.total, {
      pagu: 2_150 * JUTA,
      contracted: 1_000 * JUTA,
      paid: 250 * JUTA,
      contracts: 1,
      absorption: { ofPagu: 0.1162, ofContracted: 0.25 },
    });
    const progress = await get(`/api/dashboard/progress?fiscalYear=${FY}&opd=Dinas%20PUPR`);
    assert.deepEqual(progress.body.data[0].sCurve, [
      { period: 1, plannedPct: 40, actualPct: 30 },
      { period: 2, plannedPct: 100, actualPct: null },
    ]);
    assert.equal(progress.body.data[0].physicalProgress, 30);
  });

  test('monitors only: PA/KPA, auditor and admin answered; the officers who run packages and vendors refused; bad filters are 422', async () => {
    for (const path of ['summary', 'year', 'overdue', 'absorption', 'contracts', 'red-flags']) {
      for (const a of [kpa, auditor, admin])
        assert.equal((await get(`/api/dashboard/${path}?fiscalYear=${FY}`, a)).status, 200, `${path} ${a.roles.join(',')}`);
      for (const a of [vendor, ...officers]) {
        const r = await get(`/api/dashboard/${path}?fiscalYear=${FY}`, a);
        assert.equal(r.status, 403, `${path} ${a.roles.join(',')}`);
        assert.equal(r.body.error.code, 'forbidden_role');
      }
    }
    assert.equal((await fetch(`${baseUrl}/api/dashboard/summary?fiscalYear=${FY}`)).status, 401);
    for (const q of ['', 'fiscalYear=abc', `fiscalYear=${FY}&extra=1`]) {
      const r = await get(`/api/dashboard/summary?${q}`);
      assert.equal(r.status, 422, q);
      assert.ok(r.body.error.code && r.body.error.message, q);
    }
    assert.equal((await get(`/api/dashboard/stages?fiscalYear=${FY}&stage=Robert';DROP`)).status, 422);
    assert.equal((await get(`/api/dashboard/overdue?fiscalYear=${FY}&pageSize=500`)).status, 422);
  });
});

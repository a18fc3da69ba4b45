/**
 * The monitoring tables of issue 12 on real rows in the test PostgreSQL, through the API: overdue steps with their
 * owners' names, working days and the escalations sent (OPD filter, pages); running contracts with their kontrak-kritis
 * judgement, critical first (OPD and `critical` filters); red flags with what triggered them and the links to the
 * package; and every table as a file: a CSV's rows equal the JSON rows of the same filters, an XLSX parses with exceljs
 * with the same row count, a bad `format` is 422.
 */
import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../api/auth/actor';
import { createDb } from '../db/connection';
import { testServices } from './support/services';
import { startTestApi, type TestApi } from './support/test-api';

const FY = 2034;
const J = 1_000_000;
const HOUR = 3_600_000;
const C = 'Dinas Uji Tabel C';
const D = 'Dinas Uji Tabel D';
let db: Knex;
let api: TestApi;
const auditor = { id: 'auditor.tabel', name: 'APIP', roles: ['auditor'], org: 'inspektorat' } as Actor;
const id = (n: number) => `pkt-tabel${FY}${String(n).padStart(3, '0')}`;

const pkg = (n: number, opd: string, extra: Record<string, unknown> = {}) => ({
  id: id(n),
  workflow_id: `paket-${id(n)}`,
  title: `Paket tabel ${n}`,
  opd,
  work_unit: 'Bagian Umum',
  category: 'barang',
  method: 'tender',
  definition_id: 'tender-pasca-1file',
  definition_version: 4,
  fiscal_year: FY,
  pagu: 900 * J,
  hps: 800 * J,
  status: 'active',
  stage_id: 'evaluation',
  stage_name: 'Evaluasi',
  created_by: 'ppk.tabel',
  created_at: new Date(),
  updated_at: new Date(),
  ...extra,
});

const dueFirst = new Date(Date.now() - 10 * 24 * HOUR);
const dueSecond = new Date(Date.now() - 5 * HOUR);

before(async () => {
  process.env.RED_FLAGS_MAX_AGE_SECONDS = '0';
  db = createDb(testServices().databaseUrl);
  await db('organisations').insert({ id: 'org-tabel', name: 'Pemerintah Kota Uji', kind: 'opd' }).onConflict('id').ignore();
  await db('users')
    .insert([
      { id: 'pokja.tabel', name: 'Pokja Tabel Satu', roles: ['pokja'], org_id: 'org-tabel', email: 'pokja@tabel.example' },
      { id: 'kpa.tabel', name: 'KPA Tabel', roles: ['pa_kpa'], org_id: 'org-tabel', email: 'kpa@tabel.example' },
    ])
    .onConflict('id')
    .ignore();
  // Package 1 (OPD C) has a single opened bid (red flag single_bidder) and passed the opening stage.
  await db('packages').insert([
    pkg(1, C, { view: { data: { bids: [{ vendorId: 'vendor.x', price: 700 * J }], bidOpening: { rejected: [] } } } }),
    pkg(2, D),
    pkg(3, C),
    pkg(4, D),
    pkg(5, C),
  ]);
  await db('package_stages').insert({
    package_id: id(1),
    entered_seq: 20,
    stage_id: 'bid_unsealing',
    stage_name: 'Dekripsi dan Verifikasi Penawaran',
    entered_at: new Date(),
    left_at: new Date(),
  });
  await db('package_tasks').insert([
    {
      package_id: id(1),
      stage_seq: 30,
      action: 'evaluate',
      stage_id: 'evaluation',
      name: 'Evaluasi',
      roles: ['pokja'],
      assignees: ['pokja.tabel'],
      due_at: dueFirst,
      status: 'open',
      fiscal_year: FY,
    },
    {
      package_id: id(2),
      stage_seq: 5,
      action: 'submit_bid',
      stage_id: 'bid_submission',
      name: 'Unggah Penawaran',
      roles: ['penyedia'],
      assignees: null,
      due_at: dueSecond,
      status: 'open',
      fiscal_year: FY,
    },
    {
      package_id: id(3),
      stage_seq: 5,
      action: 'announce',
      stage_id: 'announcement',
      name: 'Umumkan',
      roles: ['pokja'],
      assignees: ['pokja.tabel'],
      due_at: dueFirst,
      status: 'closed',
      fiscal_year: FY,
    },
  ]);
  const nid = `${id(1)}:31:kpa.tabel`;
  await db('notifications').insert({
    id: nid,
    user_id: 'kpa.tabel',
    package_id: id(1),
    seq: 31,
    kind: 'escalation',
    title: 'Eskalasi',
    body: '-',
    due_at: dueFirst,
    created_at: new Date(dueFirst.getTime() + HOUR),
  });
  await db('notification_outbox').insert({
    id: `${nid}:email`,
    package_id: id(1),
    channel: 'email',
    recipient: 'kpa@tabel.example',
    subject: 'Eskalasi',
    payload: {},
    status: 'sent',
    created_at: new Date(),
  });

  // Contracts (children 11–14 of packages 2–5): 11 critical in period I (lag 15%), 12 on plan, 13 critical in
  // period II (lag 10%), 14 finished (not running).
  const contract = (n: number, parent: number, opd: string, status = 'active') => ({
    package_id: id(n),
    parent_package_id: id(parent),
    kind: 'kontrak',
    number: `K-${n}`,
    provider_id: 'vendor.tabel',
    category: 'barang',
    opd,
    fiscal_year: FY,
    pagu: 900 * J,
    original_value: 700 * J,
    value: 700 * J,
    paid: 0,
    status,
    stage_id: 'execution',
    updated_at: new Date(),
  });
  await db('packages').insert(
    [11, 12, 13, 14].map((n) =>
      pkg(n, n === 13 ? D : C, { method: 'kontrak', stage_id: 'execution', stage_name: 'Pelaksanaan', parent_package_id: id(n - 9) }),
    ),
  );
  await db('contracts').insert([contract(11, 2, C), contract(12, 3, C), contract(13, 4, D), contract(14, 5, C, 'selesai')]);
  await db('contract_periods').insert([
    { package_id: id(11), period: 1, planned_pct: 30, actual_pct: 15 },
    { package_id: id(11), period: 2, planned_pct: 100, actual_pct: null },
    { package_id: id(12), period: 1, planned_pct: 40, actual_pct: 38 },
    { package_id: id(13), period: 1, planned_pct: 80, actual_pct: 70 },
    { package_id: id(14), period: 1, planned_pct: 50, actual_pct: 10 },
  ]);
  api = await startTestApi({ db });
});

after(async () => {
  await api?.close();
  await db?.destroy();
});

async function fetchAs(p: string) {
  return fetch(api.baseUrl + p, { headers: { Authorization: `Bearer ${await api.tokenOf(auditor)}` } });
}
async function get(p: string) {
  const res = await fetchAs(p);
  return { status: res.status, body: await res.json() };
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) after the UTF-8 byte-order mark. */
function parseCsv(text: string): string[][] {
  assert.equal(text.charCodeAt(0), 0xfeff, 'CSV starts with the BOM');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

async function csv(p: string) {
  const res = await fetchAs(p);
  assert.equal(res.status, 200, p);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
  assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename=".+\.csv"/);
  // fetch's text() drops a byte-order mark: decode the bytes keeping it, to check it is there.
  const [header, ...rows] = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()));
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
}

async function xlsxRows(p: string): Promise<number> {
  const res = await fetchAs(p);
  assert.equal(res.status, 200, p);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
  return book.worksheets[0]!.actualRowCount - 1;
}

describe('terlambat', () => {
  test('owners by name, working days, escalations sent; OPD filter and pages', async () => {
    const { status, body } = await get(`/api/dashboard/overdue?fiscalYear=${FY}`);
    assert.equal(status, 200);
    assert.deepEqual(
      body.data.map((r: any) => r.packageId),
      [id(1), id(2)],
      'closed steps are not overdue; most overdue first',
    );
    const [first, second] = body.data;
    assert.deepEqual(first.owners, [{ name: 'Pokja Tabel Satu', role: 'pokja' }]);
    assert.ok(first.overdueHours >= 239 && first.overdueHours <= 241, String(first.overdueHours));
    assert.ok(first.overdueWorkingDays >= 5 && first.overdueWorkingDays <= 8, String(first.overdueWorkingDays));
    assert.deepEqual(first.escalations, {
      count: 1,
      lastSentAt: new Date(dueFirst.getTime() + HOUR).toISOString(),
      recipients: [{ name: 'KPA Tabel', role: 'pa_kpa' }],
      emailsSent: 1,
      emailsPending: 0,
    });
    assert.deepEqual(first.links, { package: `/paket/${id(1)}` });
    assert.deepEqual(second.owners, [], 'a step open to every vendor has no named owner');
    assert.equal(second.escalations.count, 0);
    assert.ok(!JSON.stringify(body).includes('@tabel.example'), 'no email address in the answer');

    const d = await get(`/api/dashboard/overdue?fiscalYear=${FY}&opd=${encodeURIComponent(D)}`);
    assert.deepEqual([d.body.opd, d.body.data.map((r: any) => r.packageId)], [D, [id(2)]]);
    const page2 = await get(`/api/dashboard/overdue?fiscalYear=${FY}&pageSize=1&page=2`);
    assert.deepEqual([page2.body.pagination.total, page2.body.data[0].packageId], [2, id(2)]);
  });
});

describe('kontrak', () => {
  test('running contracts, kontrak kritis first, with the S-curve and the contract tab; filters', async () => {
    const { status, body } = await get(`/api/dashboard/contracts?fiscalYear=${FY}`);
    assert.equal(status, 200);
    assert.deepEqual(body.counts, { running: 3, critical: 2 });
    assert.deepEqual(
      body.data.map((r: any) => [r.contractPackageId, r.criticality.critical, r.criticality.reason, r.criticality.lagPct]),
      [
        [id(11), true, 'lag_period_one', 15],
        [id(13), true, 'lag_period_two', 10],
        [id(12), false, null, 2],
      ],
    );
    const k11 = body.data[0];
    assert.equal(k11.packageId, id(2));
    assert.equal(k11.links.contract, `/paket/${id(2)}/kontrak`);
    assert.equal(k11.title, 'Paket tabel 2');
    assert.deepEqual([k11.plannedPct, k11.actualPct], [30, 15]);
    assert.match(k11.criticality.text, /^Kontrak kritis: pada periode I/);
    assert.deepEqual(k11.sCurve, [
      { period: 1, periodEnd: null, plannedPct: 30, actualPct: 15 },
      { period: 2, periodEnd: null, plannedPct: 100, actualPct: null },
    ]);
    assert.deepEqual(body.rules.periodOneMaxLagPct, 10);
    const critical = await get(`/api/dashboard/contracts?fiscalYear=${FY}&critical=true`);
    assert.deepEqual(
      critical.body.data.map((r: any) => r.contractPackageId),
      [id(11), id(13)],
    );
    const d = await get(`/api/dashboard/contracts?fiscalYear=${FY}&opd=${encodeURIComponent(D)}`);
    assert.deepEqual(
      d.body.data.map((r: any) => r.contractPackageId),
      [id(13)],
    );
  });
});

describe('red flags', () => {
  test('each flag names what triggered it and links to the package; OPD rows link to their packages', async () => {
    const { status, body } = await get(`/api/dashboard/red-flags?fiscalYear=${FY}&opd=${encodeURIComponent(C)}`);
    assert.equal(status, 200);
    const p1 = body.data.find((r: any) => r.packageId === id(1));
    assert.ok(p1, JSON.stringify(body.data));
    assert.deepEqual(p1.links, { package: `/paket/${id(1)}`, contract: null });
    const single = p1.flags.find((f: any) => f.code === 'single_bidder');
    assert.deepEqual(single.trigger, {
      kind: 'stage',
      stageId: 'bid_unsealing',
      stageName: 'Dekripsi dan Verifikasi Penawaran',
      contractPackageId: null,
      filter: null,
    });
    assert.equal(single.numbers.bidsOpened, 1);
    assert.deepEqual(
      body.byOpd.map((o: any) => o.filter),
      [{ fiscalYear: FY, opd: C }],
    );
    const d = await get(`/api/dashboard/red-flags?fiscalYear=${FY}&opd=${encodeURIComponent(D)}`);
    assert.ok(!d.body.data.some((r: any) => r.packageId === id(1)));
  });
});

describe('exports', () => {
  test('a CSV has the JSON rows of the same filters (every row, not one page)', async () => {
    const json = await get(`/api/dashboard/overdue?fiscalYear=${FY}&pageSize=1`);
    const rows = await csv(`/api/dashboard/overdue?fiscalYear=${FY}&pageSize=1&format=csv`);
    assert.equal(json.body.pagination.total, 2);
    assert.equal(rows.length, 2, 'all rows, not the page');
    const all = (await get(`/api/dashboard/overdue?fiscalYear=${FY}`)).body.data;
    assert.deepEqual(
      rows.map((r) => [r['Id paket'], r.Paket, r.OPD, r['Terlambat (hari kerja)'], r['Eskalasi terkirim'], r['Pemilik tugas']]),
      all.map((r: any) => [
        r.packageId,
        r.title,
        r.opd,
        String(r.overdueWorkingDays),
        String(r.escalations.count),
        r.owners.length ? r.owners.map((o: any) => `${o.name} (${o.role})`).join('; ') : r.roles.join(', '),
      ]),
    );
    assert.match(rows[0]!['Tenggat (WIB)']!, /\+07:00$/);

    const contracts = (await get(`/api/dashboard/contracts?fiscalYear=${FY}&critical=true`)).body.data;
    const contractRows = await csv(`/api/dashboard/contracts?fiscalYear=${FY}&critical=true&format=csv`);
    assert.deepEqual(
      contractRows.map((r) => [r['Id kontrak'], r['Nilai kontrak (Rp)'], r['Deviasi (%)'], r.Kritis]),
      contracts.map((r: any) => [r.contractPackageId, String(r.value), String(r.criticality.lagPct), 'ya']),
    );

    const year = (await get(`/api/dashboard/year?fiscalYear=${FY}`)).body;
    const opdMethod = await csv(`/api/dashboard/year?fiscalYear=${FY}&format=csv`);
    assert.deepEqual(
      opdMethod.map((r) => [r.OPD, r.Metode, Number(r['Jumlah paket']), Number(r['Pagu (Rp)'])]),
      year.byOpdMethod.map((r: any) => [r.opd, r.method, r.count, r.pagu]),
    );
    const months = await csv(`/api/dashboard/year?fiscalYear=${FY}&table=month&format=csv`);
    assert.equal(months.length, year.byMonth.length);

    const flags = (await get(`/api/dashboard/red-flags?fiscalYear=${FY}&pageSize=100`)).body.data;
    const flagRows = await csv(`/api/dashboard/red-flags?fiscalYear=${FY}&format=csv`);
    assert.deepEqual(
      flagRows.map((r) => [r['Id paket'], r['Kode indikasi'], r.Penjelasan]),
      flags.flatMap((p: any) => p.flags.map((f: any) => [p.packageId, f.code, f.explanation])),
    );
  });

  test('an XLSX parses with exceljs and has as many rows as the JSON', async () => {
    assert.equal(await xlsxRows(`/api/dashboard/overdue?fiscalYear=${FY}&format=xlsx`), 2);
    assert.equal(await xlsxRows(`/api/dashboard/contracts?fiscalYear=${FY}&format=xlsx`), 3);
    const year = (await get(`/api/dashboard/year?fiscalYear=${FY}`)).body;
    assert.equal(await xlsxRows(`/api/dashboard/year?fiscalYear=${FY}&table=absorption&format=xlsx`), year.absorptionByOpd.length);
    const flags = (await get(`/api/dashboard/red-flags?fiscalYear=${FY}&pageSize=100`)).body.data;
    assert.equal(
      await xlsxRows(`/api/dashboard/red-flags?fiscalYear=${FY}&format=xlsx`),
      flags.reduce((s: number, p: any) => s + p.flags.length, 0),
    );
  });

  test('a bad format or table is 422 with the structured error', async () => {
    for (const p of ['overdue', 'contracts', 'red-flags', 'year']) {
      const r = await get(`/api/dashboard/${p}?fiscalYear=${FY}&format=pdf`);
      assert.equal(r.status, 422, p);
      assert.equal(r.body.error.code, 'validation_failed');
      assert.equal(r.body.error.details.issues[0].path, 'format');
    }
    assert.equal((await get(`/api/dashboard/year?fiscalYear=${FY}&table=semua&format=csv`)).status, 422);
    assert.equal((await get(`/api/dashboard/contracts?fiscalYear=${FY}&critical=ya`)).status, 422);
  });
});

/**
 * Red flags: the pure rules table-driven (each flag fires at its threshold with the numbers in its explanation, and
 * not below it), the selection read from process data (sealed entries never give a price), working days of a window;
 * then the read model as input on the test PostgreSQL: packages written with their views, stages and a contract,
 * the generated rf_* columns agreeing with the pure reading, each flag with its numbers through
 * GET /api/dashboard/red-flags (counts per flag and OPD, filters, pages) and the public per-package answer, which
 * leaves out what is not public yet. A fiscal year no other test uses keeps the counts exact.
 */
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../api/auth/actor';
import { createDb } from '../db/connection';
import { packageRedFlags } from '../db/queries/red-flags';
import { seedDemo } from '../db/seed-demo';
import { calendarFor } from '../runtime/calendar';
import { DEFAULT_CALENDAR, deadlineFor, wibDateTime } from '../domain/calendar/working-time';
import { percent, rupiah } from '../domain/monitoring/format';
import { type FlagCode, type RedFlagInput, redFlagsOf, summariseFlags } from '../domain/monitoring/red-flags';
import { selectionOf } from '../domain/monitoring/selection';
import { RED_FLAG_RULES } from '../domain/monitoring/thresholds';
import { workingDaysBetween } from '../domain/monitoring/working-days';
import { testServices } from './support/services';
import { startTestApi, type TestApi } from './support/test-api';

const JUTA = 1_000_000;
const HPS = 1_000 * JUTA;
const MON = wibDateTime(2044, 3, 7, 9); // Monday 7 March 2044, 09:00 WIB (no holiday that week)
const DAY = 86_400_000;

// ---- pure ------------------------------------------------------------------------------------------------------

const base: RedFlagInput = { method: 'tender', hps: HPS };
const codes = (i: RedFlagInput) => redFlagsOf(i).map((f) => f.code);
const only = (i: RedFlagInput, code: FlagCode) => {
  const f = redFlagsOf(i).find((x) => x.code === code);
  assert.ok(f, `${code} expected in ${JSON.stringify(codes(i))}`);
  return f;
};

describe('red flags (pure)', () => {
  const cases: { name: string; input: RedFlagInput; fires: FlagCode[] }[] = [
    { name: 'nothing known yet', input: base, fires: [] },
    { name: 'one bid opened in a tender', input: { ...base, bids: { opened: 1, rejectedAtOpening: 0 } }, fires: ['single_bidder'] },
    { name: 'two bids opened', input: { ...base, bids: { opened: 2, rejectedAtOpening: 0 } }, fires: [] },
    {
      name: 'one offer in penunjukan langsung (one provider by design)',
      input: { ...base, method: 'penunjukan-langsung', bids: { opened: 1, rejectedAtOpening: 0 } },
      fires: [],
    },
    {
      name: 'window of 2 working days in a tender',
      input: { ...base, bidWindow: { from: MON, to: MON + 2 * DAY, workingDays: 2 } },
      fires: ['short_bid_window'],
    },
    { name: 'window of 3 working days in a tender', input: { ...base, bidWindow: { from: MON, to: MON + 3 * DAY, workingDays: 3 } }, fires: [] },
    {
      name: 'window of 1 working day in tender cepat',
      input: { ...base, method: 'tender-cepat', bidWindow: { from: MON, to: MON + DAY, workingDays: 1 } },
      fires: [],
    },
    { name: 'winning price at 95% of HPS', input: { ...base, winner: { name: 'PT A', price: 950 * JUTA } }, fires: ['price_near_hps'] },
    { name: 'winning price just below 95%', input: { ...base, winner: { name: 'PT A', price: 949_999_999 } }, fires: [] },
    {
      name: 'third win in the OPD',
      input: { ...base, winner: { name: 'PT A', price: 800 * JUTA }, winnerRecord: { opd: 'Dinas X', fiscalYear: 2044, wins: 3, awardedInOpd: 10 } },
      fires: ['repeat_winner'],
    },
    {
      name: 'half of four awarded packages',
      input: { ...base, winner: { name: 'PT A', price: 800 * JUTA }, winnerRecord: { opd: 'Dinas X', fiscalYear: 2044, wins: 2, awardedInOpd: 4 } },
      fires: ['repeat_winner'],
    },
    {
      name: 'two wins of three (too few packages for the share rule)',
      input: { ...base, winner: { name: 'PT A', price: 800 * JUTA }, winnerRecord: { opd: 'Dinas X', fiscalYear: 2044, wins: 2, awardedInOpd: 3 } },
      fires: [],
    },
    { name: 'three failed bids of ten', input: { ...base, bids: { opened: 9, rejectedAtOpening: 1 }, failedInEvaluation: 2 }, fires: ['many_disqualified'] },
    { name: 'one of two failed (50%)', input: { ...base, bids: { opened: 2, rejectedAtOpening: 0 }, failedInEvaluation: 1 }, fires: ['many_disqualified'] },
    { name: 'two of five failed', input: { ...base, bids: { opened: 5, rejectedAtOpening: 0 }, failedInEvaluation: 2 }, fires: [] },
    {
      name: 'contract raised by addendum',
      input: { ...base, contract: { originalValue: 900 * JUTA, value: 960 * JUTA, addenda: 1 } },
      fires: ['contract_value_increase'],
    },
    { name: 'contract lowered by addendum', input: { ...base, contract: { originalValue: 900 * JUTA, value: 880 * JUTA, addenda: 1 } }, fires: [] },
    {
      name: 'late contract',
      input: {
        ...base,
        contract: {
          originalValue: 900 * JUTA,
          value: 900 * JUTA,
          addenda: 0,
          late: { since: MON, daysLate: 12, penalty: 10_800_000, handedOver: true, terminated: false },
        },
      },
      fires: ['late_contract'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(codes(c.input), c.fires));
  }

  test('explanations carry the numbers, in Bahasa Indonesia formatting', () => {
    const near = only({ ...base, winner: { name: 'PT A', price: 965_500_000 } }, 'price_near_hps');
    assert.equal(near.title, 'Harga pemenang mendekati HPS');
    assert.equal(near.severity, 'sedang');
    assert.match(near.explanation, /Rp965\.500\.000 = 96,55% dari HPS Rp1\.000\.000\.000 \(batas 95%\)/);
    assert.deepEqual(near.numbers, { winningPrice: 965_500_000, hps: HPS, ratio: 0.9655, threshold: 0.95 });

    const window = only({ ...base, bidWindow: { from: MON, to: MON + DAY, workingDays: 1 } }, 'short_bid_window');
    assert.match(window.explanation, /1 hari kerja \(2044-03-07 09:00 WIB s\.d\. 2044-03-08 09:00 WIB\), kurang dari minimum 3 hari kerja/);
    assert.match(window.explanation, /docs\/regulation\.md §2\.2 baris 4/, 'names where the minimum comes from');

    const rise = only({ ...base, contract: { originalValue: 900 * JUTA, value: 990 * JUTA, addenda: 2 } }, 'contract_value_increase');
    assert.equal(rise.severity, 'tinggi', '10% is the cap of Pasal 54(2)');
    assert.match(rise.explanation, /dari Rp900\.000\.000 menjadi Rp990\.000\.000 \(\+10,00%\) melalui 2 adendum/);

    const repeat = only(
      { ...base, winner: { name: 'CV Tirta Jaya', price: 1 }, winnerRecord: { opd: 'Dinas X', fiscalYear: 2044, wins: 3, awardedInOpd: 4 } },
      'repeat_winner',
    );
    assert.match(repeat.explanation, /^CV Tirta Jaya memenangi 3 dari 4 paket .* di Dinas X tahun anggaran 2044 \(75,00%/);

    const dq = only({ ...base, bids: { opened: 3, rejectedAtOpening: 1 }, failedInEvaluation: 2 }, 'many_disqualified');
    assert.deepEqual(dq.numbers, { disqualified: 3, received: 4, rejectedAtOpening: 1, failedInEvaluation: 2, share: 0.75 });

    const late = only(
      { ...base, contract: { originalValue: 1, value: 1, addenda: 0, late: { since: MON, daysLate: 51, penalty: 0, handedOver: false, terminated: false } } },
      'late_contract',
    );
    assert.equal(late.severity, 'tinggi', `from ${RED_FLAG_RULES.lateHighDays} days late`);
    assert.match(late.explanation, /terlambat 51 hari \(belum serah terima\)/);
  });

  test('counts per flag and per OPD', () => {
    const s = summariseFlags([
      { opd: 'B', flags: [{ code: 'single_bidder' }, { code: 'price_near_hps' }] },
      { opd: 'A', flags: [] },
      { opd: 'B', flags: [{ code: 'price_near_hps' }] },
    ]);
    assert.equal(s.packages, 3);
    assert.equal(s.flagged, 2);
    assert.equal(s.byFlag.price_near_hps, 2);
    assert.deepEqual(
      s.byOpd.map((o) => [o.opd, o.packages, o.flagged, o.byFlag.single_bidder]),
      [
        ['A', 1, 0, 0],
        ['B', 2, 2, 1],
      ],
    );
  });

  test('formatting: rupiah and percent', () => {
    assert.equal(rupiah(1_450_000_000), 'Rp1.450.000.000');
    assert.equal(rupiah(-5_000), '-Rp5.000');
    assert.equal(percent(0.96551), '96,55%');
    assert.equal(percent(0.5, 0), '50%');
    assert.equal(percent(0.0005), '0,05%');
  });

  test('working days of a window: weekends and holidays do not count', () => {
    const cal = { ...DEFAULT_CALENDAR, holidays: ['2044-03-09'] };
    assert.equal(workingDaysBetween(MON, MON + 3 * DAY, DEFAULT_CALENDAR), 3);
    assert.equal(workingDaysBetween(MON, MON + 3 * DAY - 1, DEFAULT_CALENDAR), 2);
    assert.equal(workingDaysBetween(MON, MON + 3 * DAY, cal), 2, 'Wednesday is a holiday');
    const fri = MON + 4 * DAY;
    assert.equal(workingDaysBetween(fri, fri + 3 * DAY, DEFAULT_CALENDAR), 1, 'Friday to Monday is one working day');
    assert.equal(workingDaysBetween(MON, MON, DEFAULT_CALENDAR), 0);
  });

  test("working days agree with the engine's deadline arithmetic on 2,000 random windows", () => {
    const cal = calendarFor(wibDateTime(2026, 1, 1, 12));
    let seed = 42;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2_000; i++) {
      const from = wibDateTime(2026, 1, 1) + Math.floor(rand() * 700 * DAY);
      const to = from + Math.floor(rand() * 12 * DAY);
      const n = workingDaysBetween(from, to, cal);
      const at = (k: number) => deadlineFor(from, { amount: k, unit: 'workingDays' }, cal);
      assert.ok(n === 0 || at(n) <= to, `${new Date(from).toISOString()}→${new Date(to).toISOString()}: ${n} days fit`);
      assert.ok(at(n + 1) > to, `${new Date(from).toISOString()}→${new Date(to).toISOString()}: ${n + 1} days do not fit`);
    }
  });

  test('selection: sealed entries give counts only; opened ones give prices; the winner is public after the announcement', () => {
    const sealed = selectionOf(
      {
        bids: [
          { by: 'v1', at: 1, sealed: true, commitment: 'c' },
          { by: 'v2', at: 2, sealed: true },
        ],
      },
      'tender',
    );
    assert.deepEqual(sealed, { registrations: 0, bidsSubmitted: 2, awardPublic: false });
    // Opened by the Pokja but not yet decrypted: envelopes, no report yet.
    assert.equal(selectionOf({ opening: {}, bids: [{ by: 'v1', at: 1, sealedBid: { id: 'x', commitment: 'c' } }] }, 'tender').opening, undefined);
    // A report next to an entry that is still sealed (a File II never opened for that vendor): no price.
    const opened = selectionOf(
      {
        registrations: [{ by: 'v1' }, { by: 'v2' }, { by: 'v3' }],
        bids: [
          { by: 'v1', at: 1, price: 900 },
          { by: 'v2', at: 2, sealed: true, price: 1 },
        ],
        bidOpening: { opened: 1, rejected: [{ vendorId: 'v3' }] },
        award: { winner: { vendorId: 'v1', price: 900 }, failed: [] },
      },
      'tender',
    );
    assert.deepEqual(opened.opening, {
      opened: 2,
      rejected: 1,
      bids: [
        { vendorId: 'v1', at: 1, price: 900 },
        { vendorId: 'v2', at: 2 },
      ],
    });
    assert.equal(opened.bidsSubmitted, 3);
    assert.equal(opened.failedInEvaluation, 0);
    assert.deepEqual(opened.winner, { vendorId: 'v1', price: 900 });
    assert.equal(opened.awardPublic, false);
    assert.equal(selectionOf({ awardAnnouncement: {} }, 'tender').awardPublic, true);
    assert.equal(selectionOf({ awardDecision: {} }, 'tender').awardPublic, false);
    assert.equal(selectionOf({ awardDecision: {} }, 'tender-cepat').awardPublic, true, 'tender cepat announces with the decision');
    const mini = selectionOf(
      { quotes: [{ by: 'v1', price: 5 }], quoteOpening: { rejected: [] }, competition: { winner: { vendorId: 'v1', price: 5 }, failed: [{}] } },
      'e-purchasing',
    );
    assert.deepEqual([mini.opening?.opened, mini.failedInEvaluation, mini.winner?.price], [1, 1, 5]);
  });
});

// ---- the read model as input -------------------------------------------------------------------------------------

const FY = 2044;
const OPD_A = 'Dinas Uji Indikasi A';
const OPD_B = 'Dinas Uji Indikasi B';
const id = (n: number) => `pkt-redflag${FY}${String(n).padStart(2, '0')}`;
const auditor = { id: 'auditor.rina', name: 'APIP', roles: ['auditor'], org: 'lpse-kota-tangerang' } as Actor;
const vendor = { id: 'vendor.karya', name: 'PT Karya', roles: ['penyedia'], org: 'pt-karya-beton' } as Actor;

const opened = (vendorId: string, price: number, i: number) => ({
  by: vendorId,
  at: MON + i * 60_000,
  price,
  bidId: `b-${i}`,
  commitment: 'c'.repeat(64),
  nonce: 'n',
});
const award = (winner: string, price: number, failed: string[] = []) => ({
  ranking: [{ rank: 1, vendorId: winner, price }],
  winner: { vendorId: winner, price },
  failed: failed.map((v) => ({ vendorId: v, price: 1, reasons: ['administrasi'] })),
});
const announced = { awardAnnouncement: { by: 'pokja.sari', at: MON + 10 * DAY } };

function pkg(n: number, opd: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    id: id(n),
    workflow_id: `paket-${id(n)}`,
    title: `Paket indikasi ${n}`,
    opd,
    work_unit: 'Bagian Umum',
    category: 'pekerjaan_konstruksi',
    method: 'tender',
    definition_id: 'tender-pasca-1file',
    definition_version: 4,
    fiscal_year: FY,
    pagu: 1_100 * JUTA,
    hps: HPS,
    status: 'active',
    stage_id: 'sppbj',
    stage_name: 'Penerbitan SPPBJ',
    created_by: 'ppk.budi',
    created_at: new Date(wibDateTime(2044, 3, 1, 9)),
    updated_at: new Date(),
    view: JSON.stringify({ data }),
    ...extra,
  };
}
const window = (n: number, days: number) => ({
  package_id: id(n),
  entered_seq: 10,
  stage_id: 'bid_submission',
  stage_name: 'Upload Dokumen Penawaran',
  entered_at: new Date(MON),
  closes_at: new Date(MON + days * DAY),
  left_at: new Date(MON + days * DAY),
});

let db: Knex;
let api: TestApi;

before(async () => {
  db = createDb(testServices().databaseUrl);
  await seedDemo(db); // vendor.karya = PT Karya Beton Nusantara, vendor.tirta = CV Tirta Jaya
  await db('packages').insert([
    // 1: one bid, 98% of HPS, a 1-working-day window, announced: single bidder, short window, price near HPS.
    pkg(1, OPD_A, {
      bids: [opened('vendor.karya', 980 * JUTA, 1)],
      bidOpening: { opened: 1, rejected: [] },
      award: award('vendor.karya', 980 * JUTA),
      ...announced,
    }),
    // 2: five received, one rejected at the opening and two failed: many disqualified; a contract raised and late.
    pkg(2, OPD_A, {
      bids: ['vendor.karya', 'vendor.tirta', 'vendor.cisadane', 'vendor.lain'].map((v, i) => opened(v, (900 + i) * JUTA, i)),
      bidOpening: { opened: 4, rejected: [{ vendorId: 'vendor.rusak', bidId: 'x', commitment: 'c', reason: 'commitment_mismatch' }] },
      award: award('vendor.karya', 900 * JUTA, ['vendor.tirta', 'vendor.cisadane']),
      ...announced,
      contractStart: { packageId: id(92) },
    }),
    // 3: Karya's third win in OPD A (repeat winner for all three).
    pkg(3, OPD_A, {
      bids: ['vendor.karya', 'vendor.tirta', 'vendor.cisadane'].map((v, i) => opened(v, (850 + i) * JUTA, i)),
      bidOpening: { opened: 3, rejected: [] },
      award: award('vendor.karya', 850 * JUTA),
      ...announced,
    }),
    // 4: 96% of HPS, not announced yet: officers see the flag, the public does not.
    pkg(4, OPD_B, {
      bids: ['vendor.tirta', 'vendor.karya'].map((v, i) => opened(v, (960 + i) * JUTA, i)),
      bidOpening: { opened: 2, rejected: [] },
      award: award('vendor.tirta', 960 * JUTA),
    }),
    // 5: bids still sealed.
    pkg(
      5,
      OPD_B,
      {
        bids: [
          { by: 'vendor.karya', at: MON, sealed: true, commitment: 'c'.repeat(64) },
          { by: 'vendor.tirta', at: MON, sealed: true },
        ],
      },
      { stage_id: 'bid_submission' },
    ),
    // The E-Kontrak child of 2: not a package of its own in the counts.
    pkg(
      92,
      OPD_A,
      { addenda: [{ id: 'a1', valueChange: 60 * JUTA }], handover: { requestedAt: wibDateTime(2044, 6, 13, 9), daysLate: 12, penalty: 10_800_000 } },
      {
        method: 'kontrak',
        definition_id: 'kontrak',
        definition_version: 1,
        parent_package_id: id(2),
        stage_id: 'inspection',
      },
    ),
  ]);
  await db('package_stages').insert([
    window(1, 1),
    window(2, 3),
    window(3, 3),
    { ...window(5, 5), left_at: null },
    {
      package_id: id(92),
      entered_seq: 20,
      stage_id: 'late_execution',
      stage_name: 'Pemberian Kesempatan',
      entered_at: new Date(wibDateTime(2044, 6, 1, 9)),
      left_at: new Date(wibDateTime(2044, 6, 13, 9)),
    },
  ]);
  await db('contracts').insert({
    package_id: id(92),
    parent_package_id: id(2),
    kind: 'kontrak',
    number: 'K-RF-2',
    provider_id: 'vendor.karya',
    category: 'pekerjaan_konstruksi',
    opd: OPD_A,
    fiscal_year: FY,
    pagu: 1_100 * JUTA,
    original_value: 900 * JUTA,
    value: 960 * JUTA,
    status: 'active',
    stage_id: 'inspection',
    updated_at: new Date(),
  });
  api = await startTestApi({ db });
});

after(async () => {
  await api?.close();
  await db?.destroy();
});

async function get(p: string, as: Actor | null = auditor) {
  const headers: Record<string, string> = as ? { Authorization: `Bearer ${await api.tokenOf(as)}` } : {};
  const res = await fetch(api.baseUrl + p, { headers });
  return { status: res.status, body: await res.json() };
}
const flagsOf = (body: { data: { packageId: string; flags: { code: string }[] }[] }, n: number) =>
  body.data.find((p) => p.packageId === id(n))?.flags.map((f) => f.code) ?? [];

describe('red flags over the read model', () => {
  test('the generated rf_* columns read the views as selection.ts does', async () => {
    const rows = await db('packages')
      .where('fiscal_year', FY)
      .select('id', 'method', 'view', 'rf_bids_opened', 'rf_bids_rejected', 'rf_failed', 'rf_winner_id', 'rf_winner_price', 'rf_award_public');
    assert.equal(rows.length, 6);
    for (const r of rows) {
      const s = selectionOf(r.view.data, r.method);
      assert.deepEqual(
        [r.rf_bids_opened, r.rf_bids_rejected, r.rf_failed, r.rf_winner_id, r.rf_winner_price === null ? null : Number(r.rf_winner_price), r.rf_award_public],
        [
          s.opening?.opened ?? null,
          s.opening ? s.opening.rejected : null,
          s.failedInEvaluation ?? null,
          s.winner?.vendorId ?? null,
          s.winner?.price ?? null,
          s.awardPublic,
        ],
        r.id,
      );
    }
  });

  test('each flag fires with its numbers; counts per flag and per OPD (contract children not counted)', async () => {
    const { status, body } = await get(`/api/dashboard/red-flags?fiscalYear=${FY}&pageSize=100`);
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.packages, 5);
    assert.equal(body.flagged, 4);
    assert.deepEqual(body.byFlag, {
      single_bidder: 1,
      short_bid_window: 1,
      price_near_hps: 2,
      repeat_winner: 3,
      many_disqualified: 1,
      contract_value_increase: 1,
      late_contract: 1,
    });
    assert.deepEqual(
      body.byOpd.map((o: { opd: string; packages: number; flagged: number }) => [o.opd, o.packages, o.flagged]),
      [
        [OPD_A, 3, 3],
        [OPD_B, 2, 1],
      ],
    );
    assert.deepEqual(flagsOf(body, 1), ['single_bidder', 'short_bid_window', 'price_near_hps', 'repeat_winner']);
    assert.deepEqual(flagsOf(body, 2), ['repeat_winner', 'many_disqualified', 'contract_value_increase', 'late_contract']);
    assert.deepEqual(flagsOf(body, 3), ['repeat_winner']);
    assert.deepEqual(flagsOf(body, 4), ['price_near_hps']);
    assert.deepEqual(flagsOf(body, 5), [], 'sealed bids raise nothing');

    const p2 = body.data.find((p: { packageId: string }) => p.packageId === id(2));
    const by = (code: string) => p2.flags.find((f: { code: string }) => f.code === code);
    assert.deepEqual(by('many_disqualified').numbers, { disqualified: 3, received: 5, rejectedAtOpening: 1, failedInEvaluation: 2, share: 0.6 });
    assert.deepEqual(by('contract_value_increase').numbers, { originalValue: 900 * JUTA, value: 960 * JUTA, increase: 60 * JUTA, changePct: 6.67, addenda: 1 });
    assert.equal(by('late_contract').numbers.daysLate, 12);
    assert.equal(by('late_contract').numbers.penalty, 10_800_000);
    assert.match(by('repeat_winner').explanation, /^PT Karya Beton Nusantara memenangi 3 dari 3 paket/);
    const p1 = body.data.find((p: { packageId: string }) => p.packageId === id(1));
    const shortWindow = p1.flags.find((f: { code: string }) => f.code === 'short_bid_window');
    assert.deepEqual([shortWindow.numbers.workingDays, shortWindow.numbers.minWorkingDays], [1, 3]);
    assert.equal(p1.title, 'Paket indikasi 1');
  });

  test('filters by flag and OPD; most severe first; paginated', async () => {
    const near = await get(`/api/dashboard/red-flags?fiscalYear=${FY}&flag=price_near_hps`);
    assert.deepEqual(near.body.data.map((p: { packageId: string }) => p.packageId).sort(), [id(1), id(4)]);
    assert.equal(near.body.pagination.total, 2);
    const b = await get(`/api/dashboard/red-flags?fiscalYear=${FY}&opd=${encodeURIComponent(OPD_B)}`);
    assert.equal(b.body.packages, 2);
    assert.deepEqual(
      b.body.byOpd.map((o: { opd: string }) => o.opd),
      [OPD_B],
    );
    const first = await get(`/api/dashboard/red-flags?fiscalYear=${FY}&pageSize=1`);
    assert.equal(first.body.pagination.total, 4);
    assert.equal(first.body.data[0].packageId, id(1), 'the most severe flags first');
    const second = await get(`/api/dashboard/red-flags?fiscalYear=${FY}&pageSize=1&page=2`);
    assert.equal(second.body.data[0].packageId, id(2));
  });

  test('public per-package flags use only what is public at the stage', async () => {
    const p4 = await get(`/api/public/packages/${id(4)}/red-flags`, null);
    assert.equal(p4.status, 200);
    assert.deepEqual(p4.body.flags, [], 'the winning price of an unannounced award is not public');
    const p1 = await get(`/api/public/packages/${id(1)}/red-flags`, null);
    assert.deepEqual(
      p1.body.flags.map((f: { code: string }) => f.code),
      ['single_bidder', 'short_bid_window', 'price_near_hps', 'repeat_winner'],
    );
    assert.ok(!JSON.stringify(p1.body).includes('vendor.karya'), 'the winner by company name, never by account id');
    assert.equal((await get(`/api/public/packages/${id(92)}/red-flags`, null)).status, 404, 'a contract child is not a package of its own');
  });

  test('with a compressed schedule (TIME_SCALE) windows are measured in the time of the schedule', async () => {
    const windowOf = async (timeScale: number) =>
      (await packageRedFlags(db, id(1), 'officer', { timeScale }))!.find((f) => f.code === 'short_bid_window')?.numbers;
    assert.deepEqual(await windowOf(1).then((n) => n?.workingDays), 1);
    const half = await windowOf(0.5);
    assert.deepEqual([half?.workingDays, half?.timeScale], [2, 0.5], 'one real day at half speed is two days of the schedule');
    assert.equal(await windowOf(1 / 3), undefined, 'three working days: no flag');
    const flagFor = async (audience: 'officer' | 'public') =>
      (await packageRedFlags(db, id(1), audience, { timeScale: 0.5 }))!.find((f) => f.code === 'short_bid_window');
    assert.match((await flagFor('officer'))!.explanation, /jadwal dipercepat untuk uji coba/, 'officers are told, in plain words');
    const pub = await flagFor('public');
    assert.equal(pub?.numbers.workingDays, 2, "the public reads the same window in the schedule's time");
    assert.equal(pub?.numbers.timeScale, undefined, 'but not the internal setting');
    assert.doesNotMatch(pub.explanation, /TIME_SCALE|dipercepat/);
  });

  test('vendors are refused the dashboard; bad filters are 422', async () => {
    assert.equal((await get(`/api/dashboard/red-flags?fiscalYear=${FY}`, vendor)).status, 403);
    assert.equal((await get(`/api/dashboard/red-flags?fiscalYear=${FY}`, null)).status, 401);
    for (const q of ['', `fiscalYear=${FY}&flag=bukan_indikator`, `fiscalYear=${FY}&pageSize=101`, `fiscalYear=${FY}&extra=1`]) {
      const r = await get(`/api/dashboard/red-flags?${q}`);
      assert.equal(r.status, 422, q);
      assert.ok(r.body.error.code && r.body.error.message && r.body.error.details, q);
    }
  });
});

/**
 * Two-file evaluation methods (docs/regulation.md §2.3, §2.5, §4.1), table-driven: File I against the technical threshold,
 * File II read only for File I passers, harga terendah ambang batas, sistem nilai (merit points) with its weights, and
 * the consultancy kualitas dan biaya of seleksi; plus the arithmetic correction, price clarification and reserves the
 * 2-file tenders share with the 1-file one.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { passTechnical, rankQualityCost } from '../domain/evaluation/quality-cost';
import { evaluateFileOne, type PriceBid, rankTwoFile, type TechnicalResult, type TwoFileSettings } from '../domain/evaluation/two-file';

const HPS = 1_450_000_000; // 80% = 1_160_000_000
const tech = (vendorId: string, technicalScore: number, ok = true): TechnicalResult => ({ vendorId, administrasi: true, kualifikasi: ok, technicalScore });

describe('File I: administration, qualification and the technical threshold', () => {
  const files = ['a', 'b', 'c', 'd', 'e'].map((by, i) => ({ by, at: i }));
  const results = [tech('a', 90), tech('b', 75), tech('c', 70), tech('d', 95, false), tech('e', 69.99)];
  const table: [number, string[], [string, string[]][]][] = [
    // [threshold, passed best first, failed]
    [
      70,
      ['a', 'b', 'c'],
      [
        ['d', ['kualifikasi']],
        ['e', ['di_bawah_ambang_batas_teknis']],
      ],
    ],
    [
      75,
      ['a', 'b'],
      [
        ['c', ['di_bawah_ambang_batas_teknis']],
        ['d', ['kualifikasi']],
        ['e', ['di_bawah_ambang_batas_teknis']],
      ],
    ],
    [
      91,
      [],
      [
        ['a', ['di_bawah_ambang_batas_teknis']],
        ['b', ['di_bawah_ambang_batas_teknis']],
        ['c', ['di_bawah_ambang_batas_teknis']],
        ['d', ['kualifikasi']],
        ['e', ['di_bawah_ambang_batas_teknis']],
      ],
    ],
  ];
  for (const [threshold, passed, failed] of table) {
    test(`threshold ${threshold}`, () => {
      const r = evaluateFileOne(files, results, threshold);
      assert.deepEqual(
        r.passed.map((p) => p.vendorId),
        passed,
      );
      assert.deepEqual(
        r.failed.map((f) => [f.vendorId, f.reasons]),
        failed,
      );
    });
  }
  test('a file the Pokja did not score fails as not evaluated', () => {
    assert.deepEqual(evaluateFileOne([{ by: 'x', at: 0 }], [], 70).failed, [{ vendorId: 'x', reasons: ['tidak_dievaluasi'] }]);
  });
});

describe('File II: harga terendah ambang batas and sistem nilai', () => {
  const passed = [
    { vendorId: 'a', technicalScore: 90 },
    { vendorId: 'b', technicalScore: 75 },
    { vendorId: 'c', technicalScore: 80 },
  ];
  const prices: PriceBid[] = [
    { by: 'a', at: 1, price: 1_400_000_000 },
    { by: 'b', at: 2, price: 1_200_000_000 },
    { by: 'c', at: 3, price: 1_500_000_000 }, // above the HPS
    { by: 'd', at: 4, price: 1_000_000_000 }, // failed File I: its price is never read
  ];
  const lowest: TwoFileSettings = { method: 'harga_terendah_ambang_batas', technicalWeight: 70 };

  const table: [string, TwoFileSettings, string[], number[] | undefined][] = [
    ['harga terendah ambang batas: the lowest price among the passers', lowest, ['b', 'a'], undefined],
    // a: price score 1.2/1.4 × 100 = 85.71, 0.7 × 90 + 0.3 × 85.71 = 88.71; b: 0.7 × 75 + 30 = 82.5
    ['sistem nilai 70/30: the better technical bid wins though dearer', { method: 'sistem_nilai', technicalWeight: 70 }, ['a', 'b'], [88.71, 82.5]],
    // a: 0.3 × 90 + 0.7 × 85.71 = 87; b: 0.3 × 75 + 70 = 92.5
    ['sistem nilai 30/70: the price weight turns it round', { method: 'sistem_nilai', technicalWeight: 30 }, ['b', 'a'], [92.5, 87]],
  ];
  for (const [name, settings, order, combined] of table) {
    test(name, () => {
      const r = rankTwoFile(prices, passed, HPS, settings);
      assert.deepEqual(
        r.ranking.map((x) => x.vendorId),
        order,
      );
      assert.deepEqual(
        r.ranking.map((x) => x.combinedScore),
        combined ?? order.map(() => undefined),
      );
      assert.deepEqual(r.winner, { vendorId: order[0], price: prices.find((p) => p.by === order[0])!.price });
      assert.deepEqual(r.failed, [{ vendorId: 'c', price: 1_500_000_000, reasons: ['melebihi_hps'] }]);
      assert.ok(!JSON.stringify(r).includes('"d"'), 'File II of a File I failure stays unread');
      assert.deepEqual(
        r.reserves.map((x) => x.vendorId),
        order.slice(1),
      );
      if (settings.method === 'sistem_nilai') assert.deepEqual(r.weights, { technical: settings.technicalWeight, price: 100 - settings.technicalWeight });
    });
  }

  test('a passer without a price bid fails', () => {
    const r = rankTwoFile([], passed.slice(0, 1), HPS, lowest);
    assert.deepEqual(r.failed, [{ vendorId: 'a', reasons: ['tidak_ada_penawaran_harga'] }]);
    assert.equal(r.winner, undefined);
  });

  test('corrected prices, clarification below 80% of HPS, the security of the winner', () => {
    const low: PriceBid[] = [
      { by: 'a', at: 1, price: 1_400_000_000, rincian: [{ description: 'Pekerjaan', quantity: 1, unitPrice: 1_100_000_000 }] },
      { by: 'b', at: 2, price: 1_200_000_000 },
    ];
    const waiting = rankTwoFile(low, passed.slice(0, 2), HPS, lowest, { clarifyLowPrices: true });
    assert.deepEqual(waiting.corrections, [{ vendorId: 'a', offeredPrice: 1_400_000_000, correctedPrice: 1_100_000_000 }]);
    assert.deepEqual(waiting.priceClarification?.pending, ['a'], 'corrected to below 80%');
    assert.deepEqual(waiting.ranking, []);
    assert.equal(waiting.winner, undefined);

    const clarifications = [{ results: [{ vendorId: 'a', wajar: true }] }];
    const ranked = rankTwoFile(low, passed.slice(0, 2), HPS, lowest, { clarifyLowPrices: true, clarifications, category: 'pekerjaan_konstruksi' });
    assert.deepEqual(ranked.winner, { vendorId: 'a', price: 1_100_000_000 });
    assert.deepEqual(ranked.performanceSecurity, { required: true, amount: 72_500_000, basis: 'hps' });

    const refused = rankTwoFile(low, passed.slice(0, 2), HPS, lowest, {
      clarifyLowPrices: true,
      clarifications: [{ results: [{ vendorId: 'a', wajar: false }] }],
    });
    assert.deepEqual(refused.failed, [{ vendorId: 'a', price: 1_100_000_000, reasons: ['harga_tidak_wajar'] }]);
    assert.deepEqual(refused.winner, { vendorId: 'b', price: 1_200_000_000 });
  });
});

describe('seleksi: kualitas dan biaya (merit weights)', () => {
  const proposals = ['a', 'b', 'c', 'd'].map((by, i) => ({ by, at: i }));
  const technical = passTechnical(
    proposals,
    [
      { vendorId: 'a', score: 90 },
      { vendorId: 'b', score: 80 },
      { vendorId: 'c', score: 85 },
      { vendorId: 'd', score: 60 },
    ],
    70,
  );
  const costs = [
    { by: 'a', at: 1, price: 900_000_000 },
    { by: 'b', at: 2, price: 700_000_000 },
    { by: 'c', at: 3, price: 1_100_000_000 }, // above the pagu
    { by: 'd', at: 4, price: 100_000_000 }, // below the technical threshold: never read
  ];
  const PAGU = 1_000_000_000;

  test('File I threshold', () => {
    assert.deepEqual(
      technical.passed.map((p) => p.vendorId),
      ['a', 'c', 'b'],
    );
    assert.deepEqual(technical.failed, [{ vendorId: 'd', technicalScore: 60, reasons: ['di_bawah_ambang_batas_teknis'] }]);
  });

  // a: cost score 700/900 × 100 = 77.78; b: 100.
  const table: [number, string[], number[]][] = [
    [80, ['a', 'b'], [87.56, 84]], // a: 72 + 15.56; b: 64 + 20
    [60, ['b', 'a'], [88, 85.11]], // a: 54 + 31.11; b: 48 + 40
  ];
  for (const [weight, order, combined] of table) {
    test(`technical weight ${weight}`, () => {
      const r = rankQualityCost(technical.passed, costs, weight, PAGU);
      assert.deepEqual(r.weights, { technical: weight, cost: 100 - weight });
      assert.deepEqual(
        r.ranking.map((x) => x.vendorId),
        order,
      );
      assert.deepEqual(
        r.ranking.map((x) => x.combinedScore),
        combined,
      );
      assert.deepEqual(r.failed, [{ vendorId: 'c', price: 1_100_000_000, reasons: ['melebihi_pagu'] }]);
      assert.equal(r.winner?.vendorId, order[0]);
    });
  }
});

/**
 * Price rules of the tender evaluation, table-driven: koreksi aritmatik (exact Σ volume × harga satuan, one rounding),
 * the 80%-of-HPS limit of the klarifikasi kewajaran harga, and the performance security it implies (Pasal 33(3)).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { correctedPrice, type RincianLine, rincianTotal } from '../domain/evaluation/arithmetic-correction';
import { performanceSecurityFor } from '../domain/evaluation/contract-terms';
import { clarificationLimit, isBelowReasonableLimit, latestClarifications, lowPriceScreen } from '../domain/evaluation/price-reasonableness';
import { contractTerms } from '../domain/contract/terms';

const line = (quantity: number, unitPrice: number): RincianLine => ({ description: 'Pekerjaan', quantity, unitPrice });

describe('koreksi aritmatik: Σ quantity × unitPrice', () => {
  const cases: [string, RincianLine[], bigint][] = [
    ['whole quantities', [line(10, 1_500_000), line(3, 250_000)], 15_750_000n],
    ['decimal quantity, exact', [line(12.5, 800_000)], 10_000_000n],
    ['0.1 and 0.2 add exactly (no binary drift)', [line(0.1, 3), line(0.2, 3)], 1n], // 0.9 → 1 (half up)
    ['half a rupiah rounds up', [line(0.5, 1)], 1n],
    ['below half a rupiah rounds down', [line(0.499, 1)], 0n],
    ['rounded once over the sum, not per line', [line(0.4, 1), line(0.4, 1)], 1n], // per line would give 0
    ['exponent notation quantity', [line(1.5e-7, 10_000_000_000)], 1_500n],
    ['zero unit price', [line(5, 0), line(2, 7)], 14n],
    ['beyond the safe integers, still exact', [line(1_000_000_000, 1e15), line(1, 1)], 10n ** 24n + 1n],
  ];
  for (const [name, lines, total] of cases) test(name, () => assert.equal(rincianTotal(lines), total));

  test('the corrected total replaces the offered price, with both figures recorded', () => {
    const table: [string, { price: number; rincian?: RincianLine[] }, number, boolean][] = [
      ['no rincian: the offer stands', { price: 1_000 }, 1_000, false],
      ['empty rincian: the offer stands', { price: 1_000, rincian: [] }, 1_000, false],
      ['rincian agree', { price: 15_750_000, rincian: [line(10, 1_500_000), line(3, 250_000)] }, 15_750_000, false],
      ['rincian add up to less', { price: 16_000_000, rincian: [line(10, 1_500_000), line(3, 250_000)] }, 15_750_000, true],
      ['rincian add up to more', { price: 15_000_000, rincian: [line(10, 1_500_000), line(3, 250_000)] }, 15_750_000, true],
    ];
    for (const [name, bid, price, corrected] of table) {
      const r = correctedPrice({ by: 'vendor-x', ...bid });
      assert.equal(r.price, price, name);
      assert.deepEqual(r.correction, corrected ? { vendorId: 'vendor-x', offeredPrice: bid.price, correctedPrice: price } : undefined, name);
    }
  });
});

describe('klarifikasi kewajaran harga: below 80% of HPS', () => {
  const HPS = 1_450_000_000; // 80% = 1_160_000_000
  test('the limit is exact at the boundary, also for HPS near the integer limit', () => {
    const table: [number, number, boolean][] = [
      [1_160_000_000, HPS, false], // exactly 80%: no clarification
      [1_159_999_999, HPS, true],
      [0, HPS, true],
      [HPS, HPS, false],
      [799, 999, true], // 80% of 999 = 799.2
      [800, 999, false],
      [7_199_999_999_999_999, 9_000_000_000_000_000, true], // 100 × price is past the safe integers: Number math says no
      [7_200_000_000_000_000, 9_000_000_000_000_000, false],
    ];
    for (const [price, hps, below] of table) assert.equal(isBelowReasonableLimit(price, hps), below, `${price} of ${hps}`);
    assert.equal(clarificationLimit(HPS), 1_160_000_000);
    assert.equal(clarificationLimit(999), 800, 'rounded up: any integer price below it is below 80%');
  });

  test('the latest record per vendor wins across rounds', () => {
    const latest = latestClarifications([
      {
        results: [
          { vendorId: 'a', wajar: false },
          { vendorId: 'b', wajar: true },
        ],
      },
      {},
      { results: [{ vendorId: 'a', wajar: true, note: 'Analisa harga satuan dapat dipertanggungjawabkan.' }] },
    ]);
    assert.deepEqual(
      [...latest.values()].map((c) => [c.vendorId, c.wajar]),
      [
        ['a', true],
        ['b', true],
      ],
    );
  });

  test('the screen: off, pending, reasonable, unreasonable', () => {
    const off = lowPriceScreen(HPS, {});
    assert.equal(off.verdict('a', 1), 'lulus');
    assert.deepEqual(off.summary(), {});

    const screen = lowPriceScreen(HPS, {
      clarifyLowPrices: true,
      clarifications: [
        {
          results: [
            { vendorId: 'b', wajar: true },
            { vendorId: 'c', wajar: false },
          ],
        },
      ],
    });
    assert.equal(screen.verdict('x', 1_300_000_000), 'lulus', 'not below 80%: no clarification');
    assert.equal(screen.verdict('a', 1_000_000_000), 'perlu_klarifikasi');
    assert.equal(screen.verdict('b', 1_000_000_000), 'lulus');
    assert.equal(screen.verdict('c', 1_000_000_000), 'harga_tidak_wajar');
    assert.equal(screen.waiting, true);
    assert.deepEqual(screen.summary(), {
      priceClarification: {
        limit: 1_160_000_000,
        required: [
          { vendorId: 'a', price: 1_000_000_000 },
          { vendorId: 'b', price: 1_000_000_000 },
          { vendorId: 'c', price: 1_000_000_000 },
        ],
        pending: ['a'],
        results: [
          { vendorId: 'b', wajar: true },
          { vendorId: 'c', wajar: false },
        ],
      },
    });
  });
});

describe('performance security (Pasal 33)', () => {
  const HPS = 1_450_000_000;
  test('5% of the contract value from 80% of HPS, 5% of HPS below it; none up to Rp200 juta or for consultancy', () => {
    const table: [string, Parameters<typeof performanceSecurityFor>, ReturnType<typeof performanceSecurityFor>][] = [
      ['at 80% of HPS', ['pekerjaan_konstruksi', 1_160_000_000, HPS], { required: true, amount: 58_000_000, basis: 'nilai_kontrak' }],
      ['just below 80%', ['pekerjaan_konstruksi', 1_159_999_999, HPS], { required: true, amount: 72_500_000, basis: 'hps' }],
      ['rounded up', ['barang', 1_300_000_001, HPS], { required: true, amount: 65_000_001, basis: 'nilai_kontrak' }],
      ['the award decided the HPS basis', ['barang', 1_300_000_000, HPS, 'hps'], { required: true, amount: 72_500_000, basis: 'hps' }],
      ['Rp200 juta', ['barang', 200_000_000, HPS], { required: false }],
      ['consultancy', ['jasa_konsultansi', 1_000_000_000, HPS], { required: false }],
    ];
    for (const [name, args, expected] of table) assert.deepEqual(performanceSecurityFor(...args), expected, name);
  });

  test("the contract terms take the award's HPS basis", () => {
    const base = {
      category: 'pekerjaan_konstruksi' as const,
      value: 1_300_000_000,
      bidPrice: 1_300_000_000,
      hps: HPS,
      smallBusiness: false,
      multiYear: false,
      kind: 'kontrak' as const,
    };
    assert.deepEqual(contractTerms(base).performanceSecurity, { required: true, amount: 65_000_000, basis: 'nilai_kontrak' });
    assert.deepEqual(contractTerms({ ...base, securityBasis: 'hps' }).performanceSecurity, { required: true, amount: 72_500_000, basis: 'hps' });
    assert.deepEqual(contractTerms({ ...base, securityBasis: 'hps', kind: 'surat_pesanan' }).performanceSecurity, { required: false }, 'e-purchasing: none');
  });
});

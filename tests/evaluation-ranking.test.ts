/**
 * Rankings of the tender evaluation methods (docs/regulation.md §4.1), table-driven: harga terendah sistem gugur (1 file)
 * with arithmetic correction, HPS limit, price clarification and reserve winners; pembuktian kualifikasi falling to
 * the next rank.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RincianLine } from '../domain/evaluation/arithmetic-correction';
import { afterQualificationCheck, type AwardCore, candidates, MAX_RESERVES } from '../domain/evaluation/award';
import { type BidForRanking, type EvaluationResult, type LowestPriceOptions, rankLowestPrice, type Ranking } from '../domain/evaluation/lowest-price';

const HPS = 1_000_000_000; // 80% = 800_000_000
const pass = (vendorId: string): EvaluationResult => ({ vendorId, administrasi: true, kualifikasi: true, teknis: true });
const bid = (by: string, price: number, at = 1, rincian?: RincianLine[]): BidForRanking => ({ by, price, at, ...(rincian ? { rincian } : {}) });
const rincian = (total: number): RincianLine[] => [{ description: 'Lump sum', quantity: 1, unitPrice: total }];

interface Case {
  name: string;
  bids: BidForRanking[];
  results?: EvaluationResult[];
  options?: LowestPriceOptions;
  /** vendor ids in rank order */
  ranking: string[];
  winner?: [string, number];
  reserves?: string[];
  failed?: [string, string[]][];
  pending?: string[];
  check?: (r: Ranking) => void;
}

const CASES: Case[] = [
  {
    name: 'pass/fail, then the lowest price; failing any check or the HPS drops a bid',
    bids: [bid('a', 900_000_000), bid('b', 850_000_000), bid('c', 1_000_000_001), bid('d', 820_000_000), bid('e', 810_000_000)],
    results: [pass('a'), pass('b'), pass('c'), { ...pass('d'), teknis: false }, { ...pass('e'), administrasi: false, kualifikasi: false }],
    ranking: ['b', 'a'],
    winner: ['b', 850_000_000],
    reserves: ['a'],
    failed: [
      ['c', ['melebihi_hps']],
      ['d', ['teknis']],
      ['e', ['administrasi', 'kualifikasi']],
    ],
  },
  {
    name: 'a bid the Pokja did not evaluate fails as such; exactly the HPS passes',
    bids: [bid('a', HPS), bid('z', 850_000_000)],
    results: [pass('a')],
    ranking: ['a'],
    winner: ['a', HPS],
    failed: [['z', ['tidak_dievaluasi']]],
  },
  {
    name: 'ties go to the earlier bid; at most two reserve winners',
    bids: [bid('late', 900_000_000, 5), bid('early', 900_000_000, 2), bid('c', 950_000_000), bid('d', 960_000_000), bid('e', 970_000_000)],
    ranking: ['early', 'late', 'c', 'd', 'e'],
    winner: ['early', 900_000_000],
    reserves: ['late', 'c'],
  },
  {
    name: 'the arithmetically corrected price is ranked: a correction reorders the bids',
    bids: [bid('a', 850_000_000, 1, rincian(950_000_000)), bid('b', 900_000_000)],
    ranking: ['b', 'a'],
    winner: ['b', 900_000_000],
    check: (r) => assert.deepEqual(r.corrections, [{ vendorId: 'a', offeredPrice: 850_000_000, correctedPrice: 950_000_000 }]),
  },
  {
    name: 'a bid above the HPS after correction fails, though its offer was below',
    bids: [bid('a', 990_000_000, 1, rincian(1_010_000_000)), bid('b', 995_000_000)],
    ranking: ['b'],
    failed: [['a', ['melebihi_hps']]],
    check: (r) => assert.deepEqual(r.failed[0], { vendorId: 'a', price: 1_010_000_000, reasons: ['melebihi_hps'] }),
  },
  {
    name: 'a bid above the HPS that the correction brings under it passes',
    bids: [bid('a', 1_100_000_000, 1, rincian(950_000_000))],
    ranking: ['a'],
    winner: ['a', 950_000_000],
  },
  {
    name: 'without the clarification step (tender cepat) a price below 80% of HPS is ranked as it is',
    bids: [bid('a', 500_000_000), bid('b', 900_000_000)],
    ranking: ['a', 'b'],
    check: (r) => assert.equal(r.priceClarification, undefined),
  },
  {
    name: 'below 80% of HPS: nobody is ranked until the Pokja clarified it',
    bids: [bid('a', 700_000_000), bid('b', 900_000_000), bid('c', 600_000_000)],
    results: [pass('a'), pass('b'), { ...pass('c'), teknis: false }],
    options: { clarifyLowPrices: true },
    ranking: [],
    pending: ['a'],
    failed: [['c', ['teknis']]],
    check: (r) => {
      assert.equal(r.winner, undefined);
      assert.deepEqual(r.priceClarification?.required, [{ vendorId: 'a', price: 700_000_000 }], 'a failing bid is not clarified');
      assert.equal(r.priceClarification?.limit, 800_000_000);
    },
  },
  {
    name: 'the correction decides the clarification: corrected below 80% needs it',
    bids: [bid('a', 850_000_000, 1, rincian(790_000_000))],
    options: { clarifyLowPrices: true },
    ranking: [],
    pending: ['a'],
  },
  {
    name: 'found reasonable: ranked (and wins); found unreasonable: fails',
    bids: [bid('a', 700_000_000), bid('b', 900_000_000), bid('c', 650_000_000)],
    options: {
      clarifyLowPrices: true,
      category: 'pekerjaan_konstruksi',
      clarifications: [
        {
          results: [
            { vendorId: 'a', wajar: true },
            { vendorId: 'c', wajar: true },
          ],
        },
        { results: [{ vendorId: 'c', wajar: false, note: 'Harga satuan timpang.' }] },
      ],
    },
    ranking: ['a', 'b'],
    winner: ['a', 700_000_000],
    reserves: ['b'],
    pending: [],
    failed: [['c', ['harga_tidak_wajar']]],
    check: (r) => assert.deepEqual(r.performanceSecurity, { required: true, amount: 50_000_000, basis: 'hps' }, '5% of HPS, not of 700 juta'),
  },
  {
    name: 'a winner from 80% of HPS: security on the contract value',
    bids: [bid('a', 800_000_000)],
    options: { clarifyLowPrices: true, category: 'barang' },
    ranking: ['a'],
    pending: [],
    check: (r) => assert.deepEqual(r.performanceSecurity, { required: true, amount: 40_000_000, basis: 'nilai_kontrak' }),
  },
];

describe('harga terendah sistem gugur (rankLowestPrice)', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const results = c.results ?? c.bids.map((b) => pass(b.by));
      const r = rankLowestPrice(c.bids, results, HPS, c.options);
      assert.deepEqual(
        r.ranking.map((x) => x.vendorId),
        c.ranking,
        'ranking',
      );
      assert.deepEqual(
        r.ranking.map((x) => x.rank),
        c.ranking.map((_, i) => i + 1),
        'ranks',
      );
      if (c.winner) assert.deepEqual(r.winner, { vendorId: c.winner[0], price: c.winner[1] });
      if (!c.ranking.length) assert.equal(r.winner, undefined);
      if (c.reserves)
        assert.deepEqual(
          r.reserves.map((x) => x.vendorId),
          c.reserves,
          'reserves',
        );
      assert.deepEqual(
        r.failed.map((f) => [f.vendorId, f.reasons]),
        c.failed ?? [],
        'failed',
      );
      if (c.pending) assert.deepEqual(r.priceClarification?.pending, c.pending, 'pending clarification');
      c.check?.(r);
    });
  }
});

describe('reserve winners and pembuktian kualifikasi', () => {
  const ranking = ['a', 'b', 'c', 'd'].map((vendorId, i) => ({ rank: i + 1, vendorId, price: 810_000_000 + i * 10_000_000 }));
  const facts = { category: 'barang' as const, hps: HPS };

  test('two reserves at most', () => {
    assert.equal(MAX_RESERVES, 2);
    assert.deepEqual(
      candidates(ranking).reserves.map((r) => r.vendorId),
      ['b', 'c'],
    );
    assert.deepEqual(
      candidates(ranking.slice(0, 2)).reserves.map((r) => r.vendorId),
      ['b'],
    );
    assert.deepEqual(candidates([]), { reserves: [] });
  });

  test('a failed check moves the award down the ranking until nobody is left', () => {
    let award = { ranking, ...candidates(ranking), failed: [] as { vendorId: string; price?: number; reasons: string[] }[] };
    const steps: [string, boolean, string | undefined, string[]][] = [
      // [checked, passed, winner after, reserves after]
      ['a', false, 'b', ['c', 'd']],
      ['b', false, 'c', ['d']],
      ['c', false, 'd', []],
      ['d', false, undefined, []],
    ];
    for (const [vendorId, passed, winner, reserves] of steps) {
      award = afterQualificationCheck(award, { vendorId, passed, note: 'Dokumen asli tidak dapat ditunjukkan.' }, facts);
      assert.equal(award.winner?.vendorId, winner, `after ${vendorId}`);
      assert.deepEqual(
        award.reserves?.map((r) => r.vendorId),
        reserves,
        `reserves after ${vendorId}`,
      );
    }
    assert.deepEqual(
      award.failed.map((f) => [f.vendorId, f.price, f.reasons]),
      ranking.map((r) => [r.vendorId, r.price, ['pembuktian_kualifikasi']]),
    );
    assert.equal(award.ranking, ranking, 'the ranking itself stays as evaluated');
    assert.equal((award as { performanceSecurity?: unknown }).performanceSecurity, undefined, 'no winner, no security');
  });

  test('a pass, a stale check or no check changes nothing; the new winner gets its own security', () => {
    const award: AwardCore = { ranking, ...candidates(ranking), failed: [] };
    assert.equal(afterQualificationCheck(award, { vendorId: 'a', lulus: true }, facts), award);
    assert.equal(afterQualificationCheck(award, { vendorId: 'b', lulus: false }, facts), award, 'not the current winner');
    assert.equal(afterQualificationCheck(award, undefined, facts), award);
    const next = afterQualificationCheck(award, { vendorId: 'a', lulus: false }, facts);
    assert.deepEqual(next.performanceSecurity, { required: true, amount: 41_000_000, basis: 'nilai_kontrak' });
    const failedAgain = afterQualificationCheck(next, { vendorId: 'a', lulus: false }, facts);
    assert.equal(failedAgain, next, 'the same failed check applied again changes nothing');
  });

  test('the check is read under the keys of the version that wrote it: passed/note now, lulus/catatan before', () => {
    const award: AwardCore = { ranking, ...candidates(ranking), failed: [] };
    assert.equal(afterQualificationCheck(award, { vendorId: 'a', passed: true }, facts), award, 'passed: true is a pass');
    const now = afterQualificationCheck(award, { vendorId: 'a', passed: false, note: 'SBU kedaluwarsa.' }, facts);
    assert.deepEqual(now.failed, [{ vendorId: 'a', price: ranking[0]!.price, reasons: ['pembuktian_kualifikasi'], note: 'SBU kedaluwarsa.' }]);
    const before = afterQualificationCheck(award, { vendorId: 'a', lulus: false, catatan: 'SBU kedaluwarsa.' }, facts);
    assert.deepEqual(before.failed, [{ vendorId: 'a', price: ranking[0]!.price, reasons: ['pembuktian_kualifikasi'], catatan: 'SBU kedaluwarsa.' }]);
    assert.equal(before.winner?.vendorId, now.winner?.vendorId);
  });
});

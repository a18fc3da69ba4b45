/**
 * The rules behind the award and the after-award steps, without a server: who sets the winner by the pagu, the bid
 * security's threshold and minimum, and that every tender variant (1 file, 2 file, prakualifikasi, tender cepat)
 * carries the same award stage, SPPBJ refusal and reserve-winner flow. The behaviour on Temporal is in
 * award-after.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActionDef, ProcessDefinition, ProcessNode } from '../domain/process/definition';
import { evaluate } from '../domain/process/predicate';
import { awardAuthority, awardByPokja, POKJA_AWARD_LIMIT, POKJA_AWARD_LIMIT_CONSULTANCY } from '../domain/selection/award-authority';
import { applyBidSecurityRule, bidSecurityIssue, bidSecurityMinimum, bidSecurityRequired, markBidSecurityFailures } from '../domain/selection/bid-security';
import { getDefinition } from '../workflows/definitions';
import { FAILURE_BY_PA_KPA, WINNER_REPLACEMENT } from '../workflows/definitions/stages';

describe('Perpres 16/2018 Pasal 9 ayat (1) huruf n dan Pasal 13 ayat (1) huruf c: who sets the winner', () => {
  test('Pasal 13 ayat (1) huruf c angka 1: the Pokja up to Rp100.000.000.000 pagu inclusive, the PA/KPA above', () => {
    assert.equal(POKJA_AWARD_LIMIT, 100_000_000_000);
    assert.equal(awardAuthority('pekerjaan_konstruksi', 100_000_000_000), 'pokja');
    assert.equal(awardAuthority('pekerjaan_konstruksi', 100_000_000_001), 'pa_kpa');
    assert.equal(awardAuthority('barang', 1_500_000_000), 'pokja');
    assert.equal(awardAuthority('jasa_lainnya', 150_000_000_000), 'pa_kpa');
  });
  test('Pasal 13 ayat (1) huruf c angka 2: consultancy up to Rp10.000.000.000', () => {
    assert.equal(POKJA_AWARD_LIMIT_CONSULTANCY, 10_000_000_000);
    assert.equal(awardAuthority('jasa_konsultansi', 10_000_000_000), 'pokja');
    assert.equal(awardAuthority('jasa_konsultansi', 10_000_000_001), 'pa_kpa');
  });
  test('the predicate the definitions use agrees with awardAuthority', () => {
    for (const [category, pagu] of [
      ['barang', 100_000_000_000],
      ['barang', 100_000_000_001],
      ['jasa_konsultansi', 9_000_000_000],
      ['jasa_konsultansi', 11_000_000_000],
    ] as const) {
      const byPokja = evaluate(awardByPokja, { data: { package: { category, pagu } } });
      assert.equal(byPokja, awardAuthority(category, pagu) === 'pokja', `${category} ${pagu}`);
    }
  });
});

describe('Perpres 16/2018 jo. 12/2021 Pasal 30 ayat (2) dan Pasal 31: jaminan penawaran', () => {
  const big = { category: 'pekerjaan_konstruksi' as const, hps: 12_000_000_000 };
  test('Pasal 31 ayat (1): only construction with a total HPS above Rp10.000.000.000', () => {
    assert.equal(bidSecurityRequired(big), true);
    assert.equal(bidSecurityRequired({ category: 'pekerjaan_konstruksi', hps: 10_000_000_000 }), false);
    assert.equal(bidSecurityRequired({ category: 'barang', hps: 50_000_000_000 }), false);
  });
  test('Pasal 31 ayat (2): at least 1% of the HPS', () => {
    assert.equal(bidSecurityMinimum(12_000_000_000), 120_000_000);
    assert.equal(bidSecurityMinimum(10_000_000_050), 100_000_001, 'rounded up to the rupiah');
    assert.equal(bidSecurityIssue(big, undefined), 'tidak_ada');
    assert.equal(bidSecurityIssue(big, { number: 'J-1', issuer: 'Bank', amount: 119_999_999 }), 'kurang_dari_1_persen_hps');
    assert.equal(bidSecurityIssue(big, { number: 'J-1', issuer: 'Bank', amount: 120_000_000 }), undefined);
    assert.equal(bidSecurityIssue({ category: 'barang', hps: 50_000_000_000 }, undefined), undefined);
  });
  test('a bid without it fails the evaluasi administrasi whatever the Pokja recorded, with the reason named', () => {
    const results = [
      { vendorId: 'a', administrasi: true, kualifikasi: true, teknis: true },
      { vendorId: 'b', administrasi: true, kualifikasi: true, teknis: true },
    ];
    const bids = [{ by: 'a', bidSecurity: { number: 'J-1', issuer: 'Bank', amount: 120_000_000 } }, { by: 'b' }];
    const { results: applied, lacking } = applyBidSecurityRule(big, bids, results);
    assert.deepEqual(
      applied.map((r) => [r.vendorId, r.administrasi]),
      [
        ['a', true],
        ['b', false],
      ],
    );
    const marked = markBidSecurityFailures({ failed: [{ vendorId: 'b', reasons: ['administrasi'] }] }, lacking);
    assert.deepEqual(marked.failed[0]!.reasons, ['administrasi', 'jaminan_penawaran']);
  });
});

const TENDERS = ['tender-pasca-1file', 'tender-pasca-2file', 'tender-prakualifikasi', 'tender-cepat'];
const node = (def: ProcessDefinition, id: string) => def.nodes.find((n) => n.id === id) as ProcessNode & { actions?: ActionDef[] };
const actionIds = (def: ProcessDefinition, id: string) => (node(def, id)?.actions ?? []).map((a) => a.id);

describe('every tender variant: award by value, SPPBJ refusal, reserve winners', () => {
  for (const id of TENDERS) {
    test(`${id}: Pasal 9 ayat (1) huruf n / Pasal 13 ayat (1) huruf c, LKPP §4.2.14 huruf j–k, Pasal 78`, () => {
      const def = getDefinition(id);
      assert.ok(def, id);
      const award = actionIds(def, 'award_decision');
      for (const a of ['decide_award', 'decide_award_pa', 'refuse_winner_pa']) assert.ok(award.includes(a), `${id}: ${a}`);
      const refuse = node(def, 'award_decision').actions!.find((a) => a.id === 'refuse_winner_pa')!;
      assert.equal(refuse.to, FAILURE_BY_PA_KPA);
      assert.ok(node(def, FAILURE_BY_PA_KPA), `${id}: the PA/KPA's failure stage`);
      for (const a of ['issue_sppbj', 'refuse_sppbj', 'withdraw_award']) assert.ok(actionIds(def, 'sppbj').includes(a), `${id}: ${a}`);
      assert.deepEqual(actionIds(def, 'sppbj_refusal_review'), ['decide_sppbj_refusal']);
      const result = node(def, 'contract_result') as { default?: string };
      assert.equal(result.default, WINNER_REPLACEMENT, `${id}: an unsigned contract goes to the reserve`);
      assert.equal((node(def, WINNER_REPLACEMENT) as { service?: string }).service, 'replaceWinner');
      assert.ok(def.params.sppbjRefusalDue, `${id}: sppbjRefusalDue`);
    });
  }
});

/**
 * E-Kontrak's money and rules without a server: integer rupiah arithmetic, the terms a draft implies (security,
 * advance ceiling, retention), payments net of advance repayment, retention and penalty, the addendum cap, the late
 * penalty, and the figures the read model keeps (absorption, S-curve). Table-driven where the law gives a table.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contractFigures } from '../domain/contract/figures';
import { computePayment, contractView, daysLate, latePenalty } from '../domain/contract/ledger';
import { mulDiv, mulDivUp, percentToBp } from '../domain/contract/money';
import { contractChecks, contractReducers } from '../domain/contract/rules';
import { advancePercentFor, contractTerms } from '../domain/contract/terms';
import type { RuleContext } from '../domain/process/rulebook';
import { ppk } from './support/tender-fixture';

const JUTA = 1_000_000;
const DAY = 86_400_000;

describe('integer money', () => {
  test('mulDiv stays exact beyond 2^53 intermediate products', () => {
    // Rp9 trillion × 50 days of 1‰: the product 4.5e14 × 1000 would lose precision as a float product
    assert.equal(mulDiv(9_000_000_000_000, 50, 1000), 450_000_000_000);
    assert.equal(mulDiv(2 ** 52 + 1, 3, 3), 2 ** 52 + 1);
    assert.equal(mulDivUp(7, 1, 2), 4);
    assert.equal(mulDiv(7, 1, 2), 3);
  });
  test('percentages carry as basis points', () => {
    assert.equal(percentToBp(37.25), 3725);
    assert.equal(percentToBp(0.1 + 0.2), 30); // 0.30000000000000004 %
  });
});

describe('terms of a draft (Perpres 16/2018 Pasal 29, 33, 53)', () => {
  const cases: [string, Parameters<typeof contractTerms>[0], { security?: number; basis?: string; advance: number; retention: number }][] = [
    [
      'goods 150 jt: no security (≤ Rp200 jt)',
      { kind: 'kontrak', category: 'barang', value: 150 * JUTA, bidPrice: 150 * JUTA, hps: 160 * JUTA, smallBusiness: false, multiYear: false },
      { advance: 30 * JUTA, retention: 0 },
    ],
    [
      'works 1 bn at 90% of HPS: 5% of the contract',
      {
        kind: 'kontrak',
        category: 'pekerjaan_konstruksi',
        value: 1_000 * JUTA,
        bidPrice: 1_000 * JUTA,
        hps: 1_111 * JUTA,
        smallBusiness: false,
        multiYear: false,
      },
      { security: 50 * JUTA, basis: 'nilai_kontrak', advance: 200 * JUTA, retention: 5 },
    ],
    [
      'works bid at 75% of HPS: 5% of HPS',
      { kind: 'kontrak', category: 'pekerjaan_konstruksi', value: 750 * JUTA, bidPrice: 750 * JUTA, hps: 1_000 * JUTA, smallBusiness: true, multiYear: false },
      { security: 50 * JUTA, basis: 'hps', advance: 225 * JUTA, retention: 5 },
    ],
    [
      'consultancy: no security, 20% even for a small firm',
      { kind: 'kontrak', category: 'jasa_konsultansi', value: 900 * JUTA, bidPrice: 900 * JUTA, hps: 950 * JUTA, smallBusiness: true, multiYear: false },
      { advance: 180 * JUTA, retention: 0 },
    ],
    [
      'multi-year: 15%',
      { kind: 'kontrak', category: 'jasa_lainnya', value: 400 * JUTA, bidPrice: 400 * JUTA, hps: 420 * JUTA, smallBusiness: true, multiYear: true },
      { security: 20 * JUTA, basis: 'nilai_kontrak', advance: 60 * JUTA, retention: 0 },
    ],
    [
      'e-purchasing order: no security (Pasal 33), no advance',
      { kind: 'surat_pesanan', category: 'barang', value: 900 * JUTA, bidPrice: 900 * JUTA, hps: 900 * JUTA, smallBusiness: false, multiYear: false },
      { advance: 0, retention: 0 },
    ],
  ];
  for (const [name, input, want] of cases) {
    test(name, () => {
      const t = contractTerms(input);
      assert.equal(t.performanceSecurity.required, want.security !== undefined);
      assert.equal(t.performanceSecurity.amount, want.security);
      assert.equal(t.performanceSecurity.basis, want.basis);
      assert.equal(t.maxAdvance, want.advance);
      assert.equal(t.retentionPercent, want.retention);
    });
  }
  test('advance ceilings', () => {
    assert.equal(advancePercentFor('barang', true, false), 30);
    assert.equal(advancePercentFor('barang', false, false), 20);
    assert.equal(advancePercentFor('pekerjaan_konstruksi', true, true), 15);
  });
});

/** A drafted construction contract of Rp1 bn with an advance of 10%, as the reducers leave it. */
function drafted(value = 1_000 * JUTA) {
  const data: Record<string, unknown> = {
    package: {
      category: 'pekerjaan_konstruksi',
      pagu: 1_200 * JUTA,
      hps: 1_100 * JUTA,
      contractBasis: { kind: 'kontrak', parentPackageId: 'pkt-x', providerId: 'vendor-a', value, bidPrice: value },
    },
  };
  const ctx = (payload: Record<string, unknown>, stage = 'execution', now = 0, enteredAt = 0): RuleContext => ({
    data,
    payload,
    actor: ppk,
    now,
    stage: { id: stage, enteredAt },
    timeScale: 1,
  });
  contractReducers.draftContract!(ctx({ number: 'K-1', durationDays: 100, plannedProgress: [50, 100] }, 'draft_contract'));
  return { data, ctx };
}

describe('payments net of advance repayment, retention and penalty (Pasal 53)', () => {
  test('terms repay the advance in proportion; the final payment clears it and deducts the penalty', () => {
    const { data, ctx } = drafted();
    contractReducers.payAdvance!(ctx({ amount: 100 * JUTA, guaranteeNumber: 'J', guaranteeAmount: 100 * JUTA }));
    const term = computePayment(contractView(data), 'termin', 400 * JUTA);
    assert.deepEqual(term, { kind: 'termin', gross: 400 * JUTA, advanceRepayment: 40 * JUTA, retention: 20 * JUTA, penalty: 0, net: 340 * JUTA });
    contractReducers.payTerm!(ctx({ grossAmount: 400 * JUTA }));
    data.handover = { requestedAt: 0, daysLate: 3, penalty: 3 * JUTA };
    const final = computePayment(contractView(data), 'akhir', 600 * JUTA);
    assert.deepEqual(final, { kind: 'akhir', gross: 600 * JUTA, advanceRepayment: 60 * JUTA, retention: 30 * JUTA, penalty: 3 * JUTA, net: 507 * JUTA });
  });

  test('a term beyond accepted progress is refused with the amounts', () => {
    const { data, ctx } = drafted();
    data.reports = [{ id: 'laporan-1', period: 1, physicalBp: 2500, evidence: [], status: 'diterima', by: 'v', at: 0 }];
    assert.equal(contractChecks.termPaymentAllowed!(ctx({ grossAmount: 250 * JUTA })), undefined);
    const r = contractChecks.termPaymentAllowed!(ctx({ grossAmount: 250 * JUTA + 1 }));
    assert.equal(r?.code, 'payment_exceeds_progress');
    assert.equal(r?.details?.available, 250 * JUTA);
  });
});

describe('addenda (Pasal 54(2))', () => {
  test('increases add up against 10% of the original value; decreases earn no room', () => {
    const { ctx } = drafted();
    const add = (valueChange: number) => ({ number: 'A', valueChange, extensionDays: 0, reason: 'lapangan berbeda' });
    assert.equal(contractChecks.addendumWithinCap!(ctx(add(100 * JUTA))), undefined, 'exactly 10% is allowed');
    contractReducers.addendum!(ctx(add(-50 * JUTA)));
    contractReducers.addendum!(ctx(add(60 * JUTA)));
    const r = contractChecks.addendumWithinCap!(ctx(add(40 * JUTA + 1)));
    assert.equal(r?.code, 'addendum_over_10_percent');
    assert.equal(r?.details?.cap, 100 * JUTA);
    assert.match(r.message, /Pasal 54 ayat 2/);
    assert.equal(contractChecks.addendumWithinCap!(ctx(add(40 * JUTA))), undefined);
  });
});

describe('late completion (Pasal 79(4))', () => {
  test('days late count whole days begun, at any time scale', () => {
    assert.equal(daysLate(0, 1, 1), 1);
    assert.equal(daysLate(0, 3 * DAY, 1), 3);
    assert.equal(daysLate(0, 3 * DAY + 1, 1), 4);
    assert.equal(daysLate(0, 1.5 * DAY, 0.5), 3, 'a day lasts half as long at time scale 0.5');
  });
  test('1 per mille of the contract value per day', () => {
    assert.equal(latePenalty(300 * JUTA, 3), 900_000);
    assert.equal(latePenalty(1_234_567, 1), 1_234);
  });
  test('a handover in the late stage fixes the penalty', () => {
    const { data, ctx } = drafted(500 * JUTA);
    contractReducers.requestHandover!(ctx({}, 'late_execution', 2 * DAY + 5, 0));
    assert.deepEqual(data.handover, { requestedAt: 2 * DAY + 5, daysLate: 3, penalty: 1_500_000 });
  });
});

describe('figures for the read model', () => {
  test('absorption against contract and pagu, S-curve planned against actual', () => {
    const { data, ctx } = drafted();
    contractReducers.submitProgressReport!(ctx({ period: 1, physicalPercent: 45.5, evidence: [] }));
    contractReducers.reviewProgressReport!(ctx({ reportId: 'laporan-1', decision: 'terima' }));
    contractReducers.payTerm!(ctx({ grossAmount: 455 * JUTA }));
    const f = contractFigures(data)!;
    assert.equal(f.paid, 455 * JUTA - mulDiv(455 * JUTA, 5, 100));
    assert.equal(f.physicalPct, 45.5);
    assert.equal(f.absorptionContract, 0.4322);
    assert.equal(f.absorptionPagu, 0.3602);
    assert.deepEqual(f.sCurve, [
      { period: 1, plannedPct: 50, actualPct: 45.5 },
      { period: 2, plannedPct: 100 },
    ]);
  });
});

describe('reminders and escalation of contract tasks (derived from state)', () => {
  test("a provider's overdue repair is escalated to the PPK, an officer's overdue inspection to the PA/KPA", async () => {
    const { PackageProcess } = await import('../domain/process/engine');
    const { contractInput } = await import('./support/contract-fixture');
    const { vendorB } = await import('./support/tender-fixture');
    const input = contractInput('pkt-escalate001', { category: 'barang', value: 150 * JUTA, provider: vendorB.id });
    const p = new PackageProcess(input, Date.UTC(2027, 2, 1, 2));
    p.remindersOn = true;
    // Draft, sign, start: jump the state to the inspection by the steps the definition allows.
    let now = Date.UTC(2027, 2, 1, 3);
    const act = (action: string, actor: typeof ppk, payload: Record<string, unknown>) => p.perform({ action, actor, payload }, (now += 60_000));
    act('draft_contract', ppk, { number: 'K-9', durationDays: 30, plannedProgress: [100] });
    p.completeService('contract_document', { sha256: 'a'.repeat(64) }, (now += 1));
    act('sign_contract_ppk', ppk, { documentHash: 'a'.repeat(64) });
    act('sign_contract_penyedia', vendorB, { documentHash: 'a'.repeat(64) });
    act('issue_spmk', ppk, { number: 'SPMK-9', startDate: '2027-03-01' });
    p.completeService('spmk_document', { sha256: 'b'.repeat(64) }, (now += 1));
    act('submit_progress_report', vendorB, { period: 1, physicalPercent: 100, evidence: [{ name: 'foto.jpg', sha256: 'c'.repeat(64) }] });
    act('review_progress_report', ppk, { reportId: 'laporan-1', decision: 'terima' });
    act('request_handover', vendorB, {});
    assert.equal(p.currentNode.id, 'inspection');
    const escalation = p.notices().find((n) => n.kind === 'escalation')!;
    p.drainEvents();
    p.onTimer(escalation.at);
    assert.deepEqual(p.drainEvents().at(-1)?.details?.recipients, input.assignments.pa_kpa);
    act('return_for_repair', ppk, { reason: 'Barang tidak sesuai spesifikasi' });
    assert.equal(p.currentNode.id, 'repair');
    const late = p.notices().find((n) => n.kind === 'escalation')!;
    p.drainEvents();
    p.onTimer(late.at);
    const ev = p.drainEvents().at(-1)!;
    assert.equal(ev.type, 'task_escalated');
    assert.deepEqual(ev.details?.recipients, input.assignments.ppk);
  });
});

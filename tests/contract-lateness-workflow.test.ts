/**
 * Lateness on the time-skipping server with the real activities on PostgreSQL (kontrak v3, pelaksanaan-swakelola v2;
 * domain/contract/LATENESS.md): the contract period closes and nothing happens until the PPK decides; a kesempatan
 * beyond 50 days is refused with the Pasal; the penalty is 1‰ a day without PPN, deducted from the final payment;
 * termination cashes the performance security and proposes the blacklist once; a contract started on v2 keeps its
 * automatic late window; a swakelola is extended without penalty or 50-day ceiling, its addenda uncapped by Pasal 54,
 * and stopped without a blacklist. Fiscal year 2054.
 */
import assert from 'node:assert/strict';
import { contractServices } from '../activities/services/contract';
import type { PackageView } from '../domain/process/engine';
import type { PackageInput } from '../domain/process/state';
import { getDefinition } from '../workflows/definitions';
import { contractInput, evidence, JUTA, leader } from './support/contract-fixture';
import { type ScenarioContext, type ScenarioStep, runScenarios } from './support/scenario';
import { ppk, vendorA, vendorB } from './support/tender-fixture';

const DAY = 86_400_000;
const hashOf = (v: PackageView, kind = 'kontrak') => (v.data.documents as Record<string, { sha256: string }>)[kind]!.sha256;
const sign = (action: string, as: typeof ppk, kind = 'kontrak'): ScenarioStep => ({ do: action, as, payload: (v) => ({ documentHash: hashOf(v, kind) }) });
const report = (period: number, physicalPercent: number) => ({ period, physicalPercent, evidence });
const contractRow = (ctx: ScenarioContext, id: string) => ctx.db('contracts').where({ package_id: id }).first();
const sanctions = (ctx: ScenarioContext, id: string) => ctx.db('provider_sanctions').where({ package_id: id });
const security = (guaranteeNumber: string, amount: number, validUntil = '2054-12-31') => ({ guaranteeNumber, issuer: 'Bank BJB', amount, validUntil });

/** A contract input in fiscal year 2054 (this file's year in the shared test database). */
function input2054(...args: Parameters<typeof contractInput>): PackageInput {
  const i = contractInput(...args);
  return { ...i, facts: { ...i.facts, fiscalYear: 2054 } };
}

/** Drafted, secured, signed and started (SPMK 1 March 2054) on a 30-day period. */
function started(provider: typeof vendorA, securityAmount: number): ScenarioStep[] {
  return [
    { do: 'draft_contract', as: ppk, payload: { number: 'KTR/054/1', durationDays: 30, plannedProgress: [100], ppnPercent: 11 } },
    { expectStage: 'performance_security' },
    { do: 'submit_performance_security', as: provider, payload: security('JP-1', securityAmount, '2054-04-15') },
    sign('sign_contract_ppk', ppk),
    sign('sign_contract_penyedia', provider),
    { do: 'issue_spmk', as: ppk, payload: { number: 'SPMK/054/1', startDate: '2054-03-01' } },
    { expectStage: 'execution' },
    { check: (v) => assert.equal(v.definition.version, 4, 'new contracts start on kontrak v4 (v3 in the one vocabulary)') },
  ];
}

runScenarios("E-Kontrak: lateness is the PPK's decision", [
  {
    name: 'Pasal 56 and Pasal 79 ayat (4): the period ends, nothing happens until the PPK grants 20 days; 13 days late cost 1‰ a day of the value without PPN',
    input: input2054('pkt-late54grant1', { category: 'barang', value: 1_110 * JUTA, hps: 1_200 * JUTA, provider: vendorB.id }),
    steps: [
      ...started(vendorB, 55_500_000),
      { do: 'submit_progress_report', as: vendorB, payload: report(1, 60) },
      { do: 'review_progress_report', as: ppk, payload: { reportId: 'laporan-1', decision: 'terima' } },
      { passDeadline: true },
      { expectStage: 'late_decision' },
      { sleep: 10 * DAY },
      { expectStage: 'late_decision' },
      {
        check: async (v, ctx) => {
          assert.equal((await sanctions(ctx, v.packageId)).length, 0, 'no timer terminated the contract');
        },
      },
      { refuse: 'request_handover', as: vendorB, payload: {}, status: 409 },
      { refuse: 'grant_kesempatan', as: vendorB, payload: { addendumNumber: 'ADD-K/1', days: 20 }, status: 403 },
      {
        refuse: 'grant_kesempatan',
        as: ppk,
        payload: { addendumNumber: 'ADD-K/1', days: 51, security: security('JP-1X', 55_500_000) },
        status: 422,
        code: 'kesempatan_over_limit',
      },
      { refuse: 'grant_kesempatan', as: ppk, payload: { addendumNumber: 'ADD-K/1', days: 20 }, status: 422, code: 'security_extension_required' },
      {
        refuse: 'grant_kesempatan',
        as: ppk,
        payload: { addendumNumber: 'ADD-K/1', days: 20, security: security('JP-1X', 55_500_000, '2054-04-19') },
        status: 422,
        code: 'security_validity_too_short',
      },
      {
        do: 'grant_kesempatan',
        as: ppk,
        payload: { addendumNumber: 'ADD-K/1', days: 20, security: security('JP-1X', 55_500_000, '2054-04-20'), note: 'Penyedia dinilai mampu' },
      },
      { expectStage: 'late_execution' },
      {
        check: (v) => {
          const l = v.data.lateness as { totalDays: number; grants: { until: string; penalty: { base: number; perDay: number } }[] };
          assert.equal(l.totalDays, 20);
          assert.equal(l.grants[0]!.until, '2054-04-20', '1 March + 30 + 20 days');
          assert.equal(l.grants[0]!.penalty.base, 1_000 * JUTA, 'Rp1.110.000.000 less 11% PPN');
          assert.equal(l.grants[0]!.penalty.perDay, 1 * JUTA);
        },
      },
      { sleep: 3 * DAY - 60_000 },
      { do: 'submit_progress_report', as: vendorB, payload: report(1, 100) },
      { do: 'review_progress_report', as: ppk, payload: { reportId: 'laporan-2', decision: 'terima' } },
      { do: 'request_handover', as: vendorB, payload: {} },
      { expectStage: 'inspection' },
      {
        check: (v) => {
          const h = v.data.handover as { daysLate: number; penalty: number; penaltyBase: number };
          assert.equal(h.daysLate, 13, '10 days waiting for the decision + 3 days of the kesempatan');
          assert.equal(h.penalty, 13 * JUTA);
          assert.equal(h.penaltyBase, 1_000 * JUTA);
        },
      },
      { do: 'accept_handover', as: ppk, payload: { bastNumber: 'BAST/054/1' } },
      { do: 'pay_final', as: ppk, payload: {} },
      {
        check: async (v, ctx) => {
          const row = await contractRow(ctx, v.packageId);
          assert.equal(Number(row!.penalty), 13 * JUTA, '13 days × 1‰ × Rp1.000.000.000');
          assert.equal(Number(row!.paid), 1_110 * JUTA - 13 * JUTA);
        },
      },
      { do: 'rate_provider', as: ppk, payload: { quality: 3, cost: 3, time: 1, service: 3 } },
    ],
    endStatus: 'selesai',
  },
  {
    name: 'Pasal 56 and Pasal 78 ayat (5) huruf d: a second kesempatan only up to 50 days in all; unfinished, the PPK terminates: the security is cashed and the blacklist proposed once',
    input: input2054('pkt-late54term01', { category: 'barang', value: 1_000 * JUTA, hps: 1_100 * JUTA, provider: vendorA.id }),
    steps: [
      ...started(vendorA, 50 * JUTA),
      { passDeadline: true },
      { expectStage: 'late_decision' },
      { do: 'grant_kesempatan', as: ppk, payload: { addendumNumber: 'ADD-K/1', days: 40, security: security('JP-EXT1', 50 * JUTA) } },
      { expectStage: 'late_execution' },
      { passDeadline: true },
      { expectStage: 'late_decision' },
      { sleep: 2 * DAY },
      { expectStage: 'late_decision' },
      {
        refuse: 'grant_kesempatan',
        as: ppk,
        payload: { addendumNumber: 'ADD-K/2', days: 11, security: security('JP-EXT2', 50 * JUTA) },
        status: 422,
        code: 'kesempatan_over_limit',
      },
      { do: 'grant_kesempatan', as: ppk, payload: { addendumNumber: 'ADD-K/2', days: 10, security: security('JP-EXT2', 50 * JUTA) } },
      { passDeadline: true },
      { expectStage: 'late_decision' },
      {
        refuse: 'grant_kesempatan',
        as: ppk,
        payload: { addendumNumber: 'ADD-K/3', days: 1, security: security('JP-EXT3', 50 * JUTA) },
        status: 409,
        code: 'kesempatan_exhausted',
      },
      { do: 'terminate_late_contract', as: ppk, payload: { reason: 'Penyedia tidak menyelesaikan pekerjaan setelah 50 hari pemberian kesempatan' } },
      {
        check: async (v, ctx) => {
          const cashed = v.data.securityCashed as { guaranteeNumber: string; amount: number; rule: string };
          assert.equal(cashed.guaranteeNumber, 'JP-EXT2', 'the security in force: the latest extension');
          assert.equal(cashed.amount, 50 * JUTA);
          assert.equal(cashed.rule, 'Perpres 16/2018 Pasal 78 ayat (5) huruf d');
          assert.equal((v.data.termination as { grounds: string }).grounds, 'keterlambatan');
          const rows = await sanctions(ctx, v.packageId);
          assert.equal(rows.length, 1);
          assert.equal(rows[0]!.provider_id, vendorA.id);
          // The proposal is idempotent: running the service again (an activity retry) adds nothing.
          await contractServices(ctx.db).flagProviderForSanction!({ packageId: v.packageId, data: v.data } as never);
          assert.equal((await sanctions(ctx, v.packageId)).length, 1);
        },
      },
    ],
    endStatus: 'diputus',
  },
  {
    name: 'Pasal 56 and Pasal 79 ayat (4): an e-purchasing order not delivered in time waits for the PPK; 5 days granted without a security (Pasal 33); 2 days late cost 1‰ a day without PPN',
    input: input2054('pkt-late54order1', { definition: 'surat-pesanan', kind: 'surat_pesanan', category: 'barang', value: 80 * JUTA, provider: vendorA.id }),
    steps: [
      { do: 'draft_contract', as: ppk, payload: { number: 'SP/054/1', durationDays: 7, plannedProgress: [100] } },
      sign('sign_contract_ppk', ppk, 'surat_pesanan'),
      sign('sign_contract_penyedia', vendorA, 'surat_pesanan'),
      { expectStage: 'delivery' },
      { check: (v) => assert.equal(v.definition.version, 3, 'new orders start on surat-pesanan v3 (v2 in the one vocabulary)') },
      { passDeadline: true },
      { expectStage: 'late_decision' },
      { refuse: 'record_delivery', as: vendorA, payload: { deliveryNote: 'SJ-054' }, status: 409 },
      { do: 'grant_kesempatan', as: ppk, payload: { addendumNumber: 'ADD-SP/1', days: 5 } },
      { expectStage: 'late_delivery' },
      { sleep: 2 * DAY - 60_000 },
      { do: 'record_delivery', as: vendorA, payload: { deliveryNote: 'SJ-054' } },
      { expectStage: 'receipt_check' },
      // Rp80.000.000 with 11% PPN → base Rp72.072.072; 2 days → Rp144.144.
      { check: (v) => assert.deepEqual([(v.data.handover as { daysLate: number }).daysLate, (v.data.handover as { penalty: number }).penalty], [2, 144_144]) },
      { do: 'accept_receipt', as: ppk, payload: { bastNumber: 'BAST-SP/054/1' } },
      { do: 'pay_final', as: ppk, payload: {} },
      { check: async (v, ctx) => void assert.equal(Number((await contractRow(ctx, v.packageId))!.paid), 80 * JUTA - 144_144) },
      { do: 'rate_provider', as: ppk, payload: { quality: 3, cost: 4, time: 2, service: 3 } },
    ],
    endStatus: 'selesai',
  },
  {
    name: 'replay: a contract started on kontrak v2 keeps its automatic late window and its termination by the limit',
    input: { ...input2054('pkt-late54v2keep', { category: 'barang', value: 150 * JUTA, provider: vendorA.id }), definition: getDefinition('kontrak', 2)! },
    steps: [
      { do: 'draft_contract', as: ppk, payload: { number: 'KTR/054/V2', durationDays: 30, plannedProgress: [100] } },
      sign('sign_contract_ppk', ppk),
      sign('sign_contract_penyedia', vendorA),
      { do: 'issue_spmk', as: ppk, payload: { number: 'SPMK/054/V2', startDate: '2054-03-01' } },
      { passDeadline: true },
      { expectStage: 'late_execution' },
      { check: (v) => assert.equal(v.definition.version, 2) },
      { passDeadline: true },
    ],
    endStatus: 'diputus',
  },
  {
    name: 'Pasal 47 dan 49: a swakelola addendum of +20% is not capped by Pasal 54; late, the PPK extends 60 days without penalty; handed over',
    input: input2054('pkt-late54swak01', {
      definition: 'pelaksanaan-swakelola',
      kind: 'swakelola',
      category: 'jasa_lainnya',
      value: 500 * JUTA,
      pagu: 700 * JUTA,
      provider: leader.id,
    }),
    steps: [
      { do: 'draft_contract', as: ppk, payload: { number: 'KSP/054/1', durationDays: 30, plannedProgress: [100] } },
      sign('sign_contract_penyedia', leader, 'kesepakatan_swakelola'),
      sign('sign_contract_ppk', ppk, 'kesepakatan_swakelola'),
      { expectStage: 'execution' },
      { check: (v) => assert.equal(v.definition.version, 3, 'new swakelola agreements start on v3 (v2 in the one vocabulary)') },
      {
        refuse: 'sign_addendum',
        as: ppk,
        payload: { number: 'ADD-S/0', valueChange: 200 * JUTA + 1, extensionDays: 0, reason: 'Volume bertambah' },
        status: 422,
        code: 'addendum_over_budget',
      },
      { do: 'sign_addendum', as: ppk, payload: { number: 'ADD-S/1', valueChange: 100 * JUTA, extensionDays: 0, reason: 'Volume pekerjaan bertambah' } },
      { passDeadline: true },
      { expectStage: 'late_decision' },
      { do: 'extend_swakelola', as: ppk, payload: { addendumNumber: 'ADD-S/2', days: 60 } },
      { expectStage: 'late_execution' },
      { sleep: 5 * DAY },
      { do: 'submit_progress_report', as: leader, payload: report(1, 100) },
      { do: 'review_progress_report', as: ppk, payload: { reportId: 'laporan-1', decision: 'terima' } },
      { do: 'request_handover', as: leader, payload: {} },
      {
        check: (v) => {
          assert.equal((v.data.handover as { penalty: number }).penalty, 0, 'a swakelola team pays no late penalty');
          assert.equal((v.data.contract as { value: number }).value, 600 * JUTA);
        },
      },
      { do: 'accept_handover', as: ppk, payload: { bastNumber: 'BAST-SWA/054/1' } },
      { check: async (v, ctx) => void assert.equal(Number((await contractRow(ctx, v.packageId))!.penalty), 0) },
    ],
    endStatus: 'selesai',
  },
  {
    name: 'Pasal 47 dan 49: a late swakelola stopped by the PPK ends without a blacklist proposal',
    input: input2054('pkt-late54swak02', {
      definition: 'pelaksanaan-swakelola',
      kind: 'swakelola',
      category: 'jasa_lainnya',
      value: 200 * JUTA,
      provider: leader.id,
    }),
    steps: [
      { do: 'draft_contract', as: ppk, payload: { number: 'KSP/054/2', durationDays: 30, plannedProgress: [100] } },
      sign('sign_contract_penyedia', leader, 'kesepakatan_swakelola'),
      sign('sign_contract_ppk', ppk, 'kesepakatan_swakelola'),
      { passDeadline: true },
      { expectStage: 'late_decision' },
      { refuse: 'grant_kesempatan', as: ppk, payload: { addendumNumber: 'X', days: 10 }, status: 404 },
      { do: 'stop_swakelola', as: ppk, payload: { reason: 'Tim pelaksana tidak melanjutkan pekerjaan' } },
      {
        check: async (v, ctx) => {
          assert.equal(v.data.securityCashed, undefined);
          assert.equal((v.data.termination as { grounds: string }).grounds, 'penghentian_swakelola');
          assert.equal((await sanctions(ctx, v.packageId)).length, 0, 'no blacklist for a swakelola team');
        },
      },
    ],
    endStatus: 'diputus',
  },
]);

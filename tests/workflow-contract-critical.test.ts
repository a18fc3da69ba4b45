/**
 * Kontrak kritis in E-Kontrak (kontrak v2) on the time-skipping server with the real activities (documents, read
 * model) on PostgreSQL:
 *  - a construction contract whose accepted report lags more than 10% while the plan is at most 70% is critical: the
 *    PPK is offered SCM I (myActions and the inbox, computed as the API does), holds it, the BA SCM I is generated and
 *    the contract period does not move; a report within the test period that reaches the target ends the handling;
 *  - three failed tests: Surat Peringatan I + SCM II, II + SCM III, then III, after which (and only after which) the
 *    PPK may terminate on the ground of kontrak kritis; no fourth meeting;
 *  - the SCM step is refused with the SSUK's reason when the contract is not critical, and for a goods contract;
 *  - contracts started on version 1 keep it (no handling steps) and run to their ends as before.
 */
import assert from 'node:assert/strict';
import { inboxOf } from '../api/routes/inbox';
import type { CriticalHandling } from '../domain/contract/critical-handling';
import { actorActions } from '../domain/process/actor-actions';
import type { PackageView } from '../domain/process/engine';
import type { ActorRef, PackageInput } from '../domain/process/state';
import { getDefinition } from '../workflows/definitions';
import { performStep } from '../workflows/package-process';
import { contractInput, evidence, JUTA } from './support/contract-fixture';
import { type ScenarioContext, type ScenarioStep, runScenarios } from './support/scenario';
import { ppk, vendorA, vendorB } from './support/tender-fixture';

const DAY = 86_400_000;
const draft = (durationDays: number, plannedProgress: number[]) => ({ number: 'KTR/031/PUPR/2027', durationDays, plannedProgress });
const report = (period: number, physicalPercent: number) => ({ period, physicalPercent, evidence });
const handling = (v: PackageView) => v.data.criticalHandling as CriticalHandling;
const hashOf = (v: PackageView, kind = 'kontrak') => (v.data.documents as Record<string, { sha256: string }>)[kind]!.sha256;
const accept = (n: number): ScenarioStep => ({ do: 'review_progress_report', as: ppk, payload: { reportId: `laporan-${n}`, decision: 'terima' } });
const scm = (level: number, o: { testPeriodDays: number; targetPercent: number; warningNumber?: string }) => ({
  minutesNumber: `BA-SCM-${level}/031/2027`,
  meetingDate: '2027-05-10',
  ...o,
});

/** myActions of `who` as the API computes it from the live state (no step taken in the window yet counts). */
const myActions = (v: PackageView, def: PackageInput['definition'], who: ActorRef) =>
  actorActions({ definition: def, state: v, actor: who, doneInStage: [], target: 'contract', now: Date.now() }).map((a) => a.id);

/** The step's refusal as the API would pass it on: its message and details. */
async function refusal(v: PackageView, ctx: ScenarioContext, action: string, actor: ActorRef, payload: Record<string, unknown>) {
  const h = ctx.client.workflow.getHandle(`paket-${v.packageId}`);
  const e = await h.executeUpdate(performStep, { args: [{ action, actor, payload }] }).then(
    () => assert.fail(`${action} was accepted`),
    (x: unknown) => x as { cause?: { message?: string; details?: { status: number; code: string; details: Record<string, unknown> }[] } },
  );
  return { message: e.cause?.message ?? '', ...e.cause!.details![0]! };
}

/** Signed without a performance security (≤ Rp200 juta), SPMK issued: the execution window is open. */
function signedAndStarted(provider: ActorRef, d: ReturnType<typeof draft>): ScenarioStep[] {
  return [
    { do: 'draft_contract', as: ppk, payload: d },
    { expectStage: 'contract_signing' },
    { do: 'sign_contract_ppk', as: ppk, payload: (v) => ({ documentHash: hashOf(v) }) },
    { do: 'sign_contract_penyedia', as: provider, payload: (v) => ({ documentHash: hashOf(v) }) },
    { do: 'issue_spmk', as: ppk, payload: { number: 'SPMK/031/2027', startDate: '2027-03-01' } },
    { expectStage: 'execution' },
  ];
}

let closesAtFirst = 0;
/** The contract period's end is kept when the window is left for the minutes: never earlier, less than a day later. */
const periodKept: ScenarioStep = {
  check: (v) => {
    assert.equal(v.stage.id, 'execution');
    assert.ok(v.stage.closesAt! >= closesAtFirst, 'the contract period never shortens');
    assert.ok(v.stage.closesAt! - closesAtFirst < DAY, `moved by ${(v.stage.closesAt! - closesAtFirst) / 3_600_000} h`);
  },
};

const v2 = getDefinition('kontrak', 2)!;
const v1 = getDefinition('kontrak', 1)!;

runScenarios('E-Kontrak: kontrak kritis (SSUK)', [
  {
    name: 'lag > 10% at plan ≤ 70%: SCM I offered to the PPK, BA SCM I generated, target reached → handling ends',
    input: contractInput('pkt-kritis000001', { value: 180 * JUTA, provider: vendorB.id }),
    steps: [
      { check: (v) => assert.equal(v.definition.version, 4, 'new contracts start on version 4, which keeps the handling of version 2') },
      ...signedAndStarted(vendorB, draft(120, [20, 50, 80, 100])),
      { check: (v) => void (closesAtFirst = v.stage.closesAt!) },
      {
        refuse: 'hold_show_cause_meeting',
        as: ppk,
        payload: scm(1, { testPeriodDays: 14, targetPercent: 45, warningNumber: 'TEG/1' }),
        status: 409,
        code: 'contract_not_critical',
      },
      { do: 'submit_progress_report', as: vendorB, payload: report(1, 15) },
      accept(1),
      // Plan 20%, actual 15%: 5% behind is not critical in period I.
      {
        check: async (v, ctx) => {
          assert.equal(handling(v).judgement.critical, false);
          assert.equal(handling(v).awaiting, undefined);
          assert.ok(!myActions(v, v2, ppk).includes('hold_show_cause_meeting'), 'no SCM offered while not critical');
          const r = await refusal(v, ctx, 'hold_show_cause_meeting', ppk, scm(1, { testPeriodDays: 14, targetPercent: 45, warningNumber: 'TEG/1' }));
          assert.equal(r.status, 409);
          assert.equal(r.code, 'contract_not_critical');
          assert.match(r.message, /SSUK "Keterlambatan Pelaksanaan Pekerjaan dan Kontrak Kritis"/);
          assert.match(r.message, /Tidak kritis/);
          assert.match(String(r.details.rule), /Permen PU 07\/PRT\/M\/2011/);
        },
      },
      { do: 'submit_progress_report', as: vendorB, payload: report(2, 35) },
      accept(2),
      // Plan 50%, actual 35%: 15% behind at a plan of at most 70% → critical; the PPK's SCM step opens.
      {
        check: async (v, ctx) => {
          const h = handling(v);
          assert.deepEqual([h.judgement.critical, h.judgement.reason, h.judgement.lagPct, h.awaiting, h.round], [true, 'lag_period_one', 15, 'scm', 1]);
          assert.ok(myActions(v, v2, ppk).includes('hold_show_cause_meeting'), 'SCM in the PPK myActions');
          assert.ok(!myActions(v, v2, ppk).includes('record_scm_test_result'), 'no test to judge yet');
          assert.ok(!myActions(v, v2, vendorB).includes('hold_show_cause_meeting'), 'not the provider step');
          const inbox = await inboxOf(ctx.db, { ...ppk, roles: ['ppk'] }, Date.now());
          const line = inbox.find((t) => t.packageId === v.packageId && t.action === 'hold_show_cause_meeting');
          assert.ok(line, 'SCM in the PPK inbox');
          assert.equal(line.stageId, 'execution');
        },
      },
      { refuse: 'hold_show_cause_meeting', as: vendorB, payload: scm(1, { testPeriodDays: 14, targetPercent: 45, warningNumber: 'TEG/1' }), status: 403 },
      { refuse: 'hold_show_cause_meeting', as: ppk, payload: scm(1, { testPeriodDays: 14, targetPercent: 45 }), status: 422, code: 'warning_letter_required' },
      {
        refuse: 'hold_show_cause_meeting',
        as: ppk,
        payload: scm(1, { testPeriodDays: 14, targetPercent: 30, warningNumber: 'TEG/1' }),
        status: 422,
        code: 'scm_target_too_low',
      },
      {
        refuse: 'hold_show_cause_meeting',
        as: ppk,
        payload: scm(1, { testPeriodDays: 200, targetPercent: 45, warningNumber: 'TEG/1' }),
        status: 422,
        code: 'scm_test_past_contract_end',
      },
      { refuse: 'record_scm_test_result', as: ppk, payload: {}, status: 409, code: 'no_scm_test_running' },
      { sleep: DAY / 3 },
      { do: 'hold_show_cause_meeting', as: ppk, payload: scm(1, { testPeriodDays: 14, targetPercent: 45, warningNumber: 'TEG/1' }) },
      periodKept,
      {
        check: async (v, ctx) => {
          const h = handling(v);
          assert.equal(h.awaiting, 'test_result');
          assert.deepEqual(
            h.meetings.map((m) => [m.level, m.testPeriodDays, m.targetBp, m.warningNumber]),
            [[1, 14, 4500, 'TEG/1']],
          );
          const doc = (v.data.documents as Record<string, { documentId: string; sha256: string; revision: number }>).ba_scm_1!;
          assert.match(doc.sha256, /^[0-9a-f]{64}$/);
          const row = await ctx.db('documents').where({ id: doc.documentId }).first();
          assert.equal(row!.kind, 'ba_scm_1');
          assert.equal(row!.sha256, doc.sha256, 'the minutes are stored with the hash the process holds');
          assert.equal(row!.title, 'Berita Acara Rapat Pembuktian (Show Cause Meeting) I');
          assert.deepEqual(
            myActions(v, v2, ppk).filter((a) => /scm|show_cause/.test(a)),
            ['record_scm_test_result'],
          );
        },
      },
      { refuse: 'hold_show_cause_meeting', as: ppk, payload: scm(2, { testPeriodDays: 7, targetPercent: 45 }), status: 409, code: 'scm_test_running' },
      { refuse: 'record_scm_test_result', as: ppk, payload: { warningNumber: 'SP/1' }, status: 409, code: 'scm_test_period_running' },
      // Within the test period the provider reports 46% of period 2 (target 45%): accepted, the handling ends.
      { sleep: 10 * DAY },
      { do: 'submit_progress_report', as: vendorB, payload: report(2, 46) },
      accept(3),
      {
        check: (v) => {
          const h = handling(v);
          assert.equal(h.awaiting, undefined);
          assert.equal(h.outcome, 'target_tercapai');
          assert.deepEqual([h.meetings[0]!.result, h.meetings[0]!.progressBp], ['tercapai', 4600]);
          assert.equal(h.judgement.critical, false, '46% against a plan of 50% is not critical');
          assert.ok(!myActions(v, v2, ppk).some((a) => /scm|show_cause/.test(a)), 'no handling step left');
        },
      },
      { refuse: 'record_scm_test_result', as: ppk, payload: {}, status: 409, code: 'no_scm_test_running' },
      { refuse: 'hold_show_cause_meeting', as: ppk, payload: scm(2, { testPeriodDays: 7, targetPercent: 60 }), status: 409, code: 'contract_not_critical' },
      { do: 'submit_progress_report', as: vendorB, payload: report(4, 100) },
      accept(4),
      { do: 'request_handover', as: vendorB, payload: {} },
      { expectStage: 'inspection' },
    ],
  },
  {
    name: 'three failed tests: SP I + SCM II, SP II + SCM III, SP III → termination on the ground of kontrak kritis',
    input: contractInput('pkt-kritis000002', { value: 190 * JUTA, provider: vendorA.id }),
    steps: [
      ...signedAndStarted(vendorA, draft(300, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100])),
      { check: (v) => void (closesAtFirst = v.stage.closesAt!) },
      { do: 'submit_progress_report', as: vendorA, payload: report(2, 5) },
      accept(1),
      { check: (v) => assert.equal(handling(v).awaiting, 'scm') },
      // Termination on this ground needs test III failed; while the handling runs a ground must be named.
      {
        refuse: 'terminate_contract',
        as: ppk,
        payload: { reason: 'Kemajuan pekerjaan sangat terlambat', grounds: 'kontrak_kritis' },
        status: 409,
        code: 'critical_handling_incomplete',
      },
      { refuse: 'terminate_contract', as: ppk, payload: { reason: 'Kemajuan pekerjaan sangat terlambat' }, status: 422, code: 'termination_grounds_required' },
      ...failedTest(1, 'TEG/7'),
      ...failedTest(2),
      ...failedTest(3),
      {
        check: async (v, ctx) => {
          const h = handling(v);
          assert.equal(h.awaiting, 'termination_allowed');
          assert.deepEqual(
            h.warnings.map((w) => [w.level, w.number]),
            [
              [1, 'SP-KK/1'],
              [2, 'SP-KK/2'],
              [3, 'SP-KK/3'],
            ],
          );
          assert.deepEqual(
            h.meetings.map((m) => m.result),
            ['tidak_tercapai', 'tidak_tercapai', 'tidak_tercapai'],
          );
          const docs = await ctx.db('documents').where({ package_id: v.packageId }).orderBy('id').select('kind', 'revision');
          assert.deepEqual(
            docs.map((d) => `${d.kind}@${d.revision}`),
            ['ba_scm_1@1', 'ba_scm_2@1', 'ba_scm_3@1', 'kontrak@1', 'spmk@1'],
          );
          assert.ok(!myActions(v, v2, ppk).includes('hold_show_cause_meeting'));
          assert.ok(myActions(v, v2, ppk).includes('terminate_contract'));
        },
      },
      { refuse: 'hold_show_cause_meeting', as: ppk, payload: scm(4, { testPeriodDays: 7, targetPercent: 20 }), status: 409, code: 'scm_limit_reached' },
      { do: 'terminate_contract', as: ppk, payload: { reason: 'Uji coba SCM III gagal, SP III terbit', grounds: 'kontrak_kritis' } },
      { check: async (v, ctx) => void assert.ok(await ctx.db('provider_sanctions').where({ package_id: v.packageId }).first(), 'proposed for the blacklist') },
    ],
    endStatus: 'diputus',
  },
  {
    name: 'a goods contract lagging behind gets no SCM: the handling is the construction SSUK',
    input: contractInput('pkt-kritis000003', { category: 'barang', value: 150 * JUTA, provider: vendorA.id }),
    steps: [
      ...signedAndStarted(vendorA, draft(60, [50, 100])),
      { do: 'submit_progress_report', as: vendorA, payload: report(1, 10) },
      accept(1),
      { check: (v) => assert.equal(v.data.criticalHandling, undefined) },
      {
        refuse: 'hold_show_cause_meeting',
        as: ppk,
        payload: scm(1, { testPeriodDays: 7, targetPercent: 40, warningNumber: 'TEG/9' }),
        status: 409,
        code: 'critical_handling_not_applicable',
      },
      { do: 'terminate_contract', as: ppk, payload: { reason: 'Penyedia tidak melanjutkan pekerjaan', grounds: 'lainnya' } },
    ],
    endStatus: 'diputus',
  },
  // Version 1 stays registered: contracts started on it run to their ends as before, without the handling steps.
  {
    name: 'v1 construction contract: no SCM step; security, repair, PHO, maintenance, FHO, retention release',
    input: { ...contractInput('pkt-kritisv1c001', { value: 1_000 * JUTA, provider: vendorB.id }), definition: v1 },
    steps: [
      { do: 'draft_contract', as: ppk, payload: draft(90, [30, 100]) },
      { expectStage: 'performance_security' },
      {
        do: 'submit_performance_security',
        as: vendorB,
        payload: { guaranteeNumber: 'JP-V1', issuer: 'Bank BJB', amount: 50 * JUTA, validUntil: '2027-12-31' },
      },
      { do: 'sign_contract_ppk', as: ppk, payload: (v) => ({ documentHash: hashOf(v) }) },
      { do: 'sign_contract_penyedia', as: vendorB, payload: (v) => ({ documentHash: hashOf(v) }) },
      { do: 'issue_spmk', as: ppk, payload: { number: 'SPMK/V1', startDate: '2027-03-01' } },
      { do: 'submit_progress_report', as: vendorB, payload: report(1, 5) },
      accept(1),
      {
        check: (v) => {
          assert.equal(v.definition.version, 1);
          assert.equal(v.data.criticalHandling, undefined, 'v1 reviews judge nothing');
          assert.ok(!myActions(v, v1, ppk).includes('hold_show_cause_meeting'));
        },
      },
      {
        refuse: 'hold_show_cause_meeting',
        as: ppk,
        payload: scm(1, { testPeriodDays: 7, targetPercent: 40, warningNumber: 'TEG/1' }),
        status: 404,
        code: 'unknown_task',
      },
      { do: 'submit_progress_report', as: vendorB, payload: report(2, 100) },
      accept(2),
      { do: 'request_handover', as: vendorB, payload: {} },
      { do: 'return_for_repair', as: ppk, payload: { reason: 'Saluran samping belum diplester' } },
      { expectStage: 'repair' },
      { do: 'resubmit_handover', as: vendorB, payload: {} },
      { do: 'accept_handover', as: ppk, payload: { bastNumber: 'BAST-PHO/V1' } },
      { do: 'pay_final', as: ppk, payload: {} },
      { expectStage: 'maintenance_period' },
      { passDeadline: true },
      { do: 'accept_fho', as: ppk, payload: { bastNumber: 'BAST-FHO/V1' } },
      { passDeadline: true },
      { do: 'release_retention', as: ppk, payload: {} },
      { do: 'rate_provider', as: ppk, payload: { quality: 3, cost: 3, time: 3, service: 3 } },
    ],
    endStatus: 'selesai',
  },
  {
    name: 'v1 goods contract: late, handed over, BAST, paid, rated',
    input: { ...contractInput('pkt-kritisv1g001', { category: 'barang', value: 120 * JUTA, provider: vendorA.id }), definition: v1 },
    steps: [
      ...signedAndStarted(vendorA, draft(30, [100])),
      { passDeadline: true },
      { expectStage: 'late_execution' },
      { do: 'submit_progress_report', as: vendorA, payload: report(1, 100) },
      accept(1),
      { do: 'request_handover', as: vendorA, payload: {} },
      { do: 'accept_handover', as: ppk, payload: { bastNumber: 'BAST/V1' } },
      { expectStage: 'final_payment' },
      { do: 'pay_final', as: ppk, payload: {} },
      { do: 'rate_provider', as: ppk, payload: { quality: 3, cost: 3, time: 2, service: 3 } },
    ],
    endStatus: 'selesai',
  },
  {
    name: 'v1 contract terminated by the PPK without naming a ground',
    input: { ...contractInput('pkt-kritisv1t001', { category: 'barang', value: 100 * JUTA, provider: vendorA.id }), definition: v1 },
    steps: [
      ...signedAndStarted(vendorA, draft(30, [100])),
      { do: 'terminate_contract', as: ppk, payload: { reason: 'Penyedia tidak melaksanakan pekerjaan' } },
    ],
    endStatus: 'diputus',
  },
]);

/**
 * SCM `level` with a 7-day test and a 15% target the provider does not reach: the minutes are generated, the period
 * kept; after the test the PPK records the result with the warning letter of that level.
 */
function failedTest(level: number, warningNumber?: string): ScenarioStep[] {
  return [
    { do: 'hold_show_cause_meeting', as: ppk, payload: scm(level, { testPeriodDays: 7, targetPercent: 15, ...(warningNumber ? { warningNumber } : {}) }) },
    periodKept,
    { check: (v) => assert.ok((v.data.documents as Record<string, unknown>)[`ba_scm_${level}`], `BA SCM ${level} generated`) },
    { refuse: 'record_scm_test_result', as: ppk, payload: { warningNumber: `SP-KK/${level}` }, status: 409, code: 'scm_test_period_running' },
    { sleep: 7 * DAY + 60_000 },
    { refuse: 'record_scm_test_result', as: ppk, payload: {}, status: 422, code: 'warning_letter_required' },
    { do: 'record_scm_test_result', as: ppk, payload: { warningNumber: `SP-KK/${level}` } },
    { check: (v) => assert.equal(handling(v).meetings.at(-1)!.result, 'tidak_tercapai') },
  ];
}

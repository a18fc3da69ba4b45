/**
 * E-Kontrak packages started on an EARLIER version of their definition keep it to their end (the definition travels
 * in the workflow input; workflows/definitions/contract/index.ts keeps every version registered). Contracts, orders and
 * swakelola agreements started on these versions may still be running in production, so their branches must keep
 * working — on the time-skipping server with the real activities (documents, read model) on PostgreSQL:
 *  - kontrak v2 (v4 is current): a construction contract through a failed PHO inspection, repair, the PHO minutes,
 *    the maintenance period its draft names (shorter than v3's floor allows), FHO and the retention release; and the
 *    kontrak kritis handling with the minutes BA SCM I–III and termination on that ground;
 *  - surat-pesanan v1 (v3 is current): a returned delivery sent again; the order declined; the automatic late limit
 *    (v2 lets the PPK decide instead) terminating the order and proposing the provider for the blacklist;
 *  - pelaksanaan-swakelola v1 (v3 is current): the 10% addendum cap it still applies, inspection, repair, the BAST.
 * Each scenario checks that the view reports the earlier version, who may act, the documents produced, the end status.
 */
import assert from 'node:assert/strict';
import type { CriticalHandling } from '../domain/contract/critical-handling';
import type { PackageView } from '../domain/process/engine';
import type { ActorRef } from '../domain/process/state';
import { getDefinition } from '../workflows/definitions';
import { readModelSynced } from '../workflows/package-process';
import { contractInput, evidence, JUTA, leader } from './support/contract-fixture';
import { type ScenarioContext, type ScenarioStep, runScenarios } from './support/scenario';
import { paKpa, ppk, vendorA, vendorB } from './support/tender-fixture';

const DAY = 86_400_000;
const kontrakV2 = getDefinition('kontrak', 2)!;
const suratPesananV1 = getDefinition('surat-pesanan', 1)!;
const swakelolaV1 = getDefinition('pelaksanaan-swakelola', 1)!;

type Doc = { documentId: string; sha256: string; revision: number };
const docOf = (v: PackageView, kind: string) => (v.data.documents as Record<string, Doc | undefined>)[kind];
const hashOf = (v: PackageView, kind: string) => docOf(v, kind)!.sha256;
const handling = (v: PackageView) => v.data.criticalHandling as CriticalHandling;
const contractRow = (ctx: ScenarioContext, id: string) => ctx.db('contracts').where({ package_id: id }).first();
const report = (period: number, physicalPercent: number) => ({ period, physicalPercent, evidence });
const accept = (n: number): ScenarioStep => ({ do: 'review_progress_report', as: ppk, payload: { reportId: `laporan-${n}`, decision: 'terima' } });
const sign = (action: string, as: ActorRef, kind: string): ScenarioStep => ({ do: action, as, payload: (v) => ({ documentHash: hashOf(v, kind) }) });

/** The package runs the earlier version: the view says so, and so does the read model (what the coverage check reads). */
const onVersion = (id: string, version: number): ScenarioStep => ({
  check: async (v, ctx) => {
    assert.deepEqual([v.definition.id, v.definition.version], [id, version]);
    assert.ok(getDefinition(id)!.version > version, `${id} v${version} is no longer the current version`);
    // Before the first step the start may not be written yet; an ended package is written already.
    await ctx.client.workflow
      .getHandle(`paket-${v.packageId}`)
      .executeUpdate(readModelSynced)
      .catch(() => undefined);
    const row = await ctx.db('packages').where({ id: v.packageId }).first();
    assert.deepEqual([row!.definition_id, row!.definition_version], [id, version], 'read model');
  },
});

/** A generated document: its hash in the process data is the stored document's, under the expected title. */
const documentStored = (kind: string, title: string, revision = 1): ScenarioStep => ({
  check: async (v, ctx) => {
    const doc = docOf(v, kind);
    assert.ok(doc, `${kind} generated`);
    assert.match(doc.sha256, /^[0-9a-f]{64}$/);
    assert.equal(doc.revision, revision);
    const row = await ctx.db('documents').where({ id: doc.documentId }).first();
    assert.deepEqual([row!.package_id, row!.kind, row!.revision, row!.sha256, row!.title], [v.packageId, kind, revision, doc.sha256, title]);
  },
});

/** The stages the read model recorded for the package contain `stages` in this order (service tasks included). */
const stagesRecorded = (stages: string[]): ScenarioStep => ({
  check: async (v, ctx) => {
    const rows = await ctx.db('package_stages').where({ package_id: v.packageId }).orderBy('entered_seq').select('stage_id');
    const seen = rows.map((r) => r.stage_id);
    let from = 0;
    for (const s of stages) {
      const at = seen.indexOf(s, from);
      assert.ok(at >= 0, `stage '${s}' recorded after '${seen[from - 1]}' (recorded: ${seen.join(' → ')})`);
      from = at + 1;
    }
  },
});

// ——— kontrak v2 ———

const draft = (durationDays: number, plannedProgress: number[], extra: Record<string, unknown> = {}) => ({
  number: 'KTR/044/PUPR/2027',
  durationDays,
  plannedProgress,
  ...extra,
});
const scm = (level: number, o: { testPeriodDays: number; targetPercent: number; warningNumber?: string }) => ({
  minutesNumber: `BA-SCM-${level}/044/2027`,
  meetingDate: '2027-05-10',
  ...o,
});
const SCM_TITLES = ['I', 'II', 'III'].map((n) => `Berita Acara Rapat Pembuktian (Show Cause Meeting) ${n}`);

/**
 * SCM `level` on kontrak v2 with a 7-day test and a 15% target the provider does not reach: the minutes BA SCM
 * `level` are generated with the meeting's number, and after the test the PPK records the failure with the warning.
 */
function failedTestV2(level: number, warningNumber?: string): ScenarioStep[] {
  return [
    { refuse: 'hold_show_cause_meeting', as: vendorA, payload: scm(level, { testPeriodDays: 7, targetPercent: 15, warningNumber: 'X' }), status: 403 },
    { do: 'hold_show_cause_meeting', as: ppk, payload: scm(level, { testPeriodDays: 7, targetPercent: 15, ...(warningNumber ? { warningNumber } : {}) }) },
    // The window was left for the minutes' service task and entered again.
    { expectStage: 'execution' },
    documentStored(`ba_scm_${level}`, SCM_TITLES[level - 1]!),
    {
      check: (v) => {
        const m = handling(v).meetings.at(-1)!;
        assert.deepEqual([m.level, m.minutesNumber, m.testPeriodDays, m.targetBp], [level, `BA-SCM-${level}/044/2027`, 7, 1500]);
        assert.equal(handling(v).awaiting, 'test_result');
      },
    },
    { refuse: 'record_scm_test_result', as: ppk, payload: { warningNumber: `SP-KK/${level}` }, status: 409, code: 'scm_test_period_running' },
    { sleep: 7 * DAY + 60_000 },
    { refuse: 'record_scm_test_result', as: ppk, payload: {}, status: 422, code: 'warning_letter_required' },
    { do: 'record_scm_test_result', as: ppk, payload: { warningNumber: `SP-KK/${level}` } },
    { check: (v) => assert.equal(handling(v).meetings.at(-1)!.result, 'tidak_tercapai') },
  ];
}

// ——— surat-pesanan v1 ———

const order = (packageId: string, value: number) => ({
  ...contractInput(packageId, { definition: 'surat-pesanan', kind: 'surat_pesanan', category: 'barang', value, provider: vendorA.id }),
  definition: suratPesananV1,
});
const orderDraft = (number: string) => ({ number, durationDays: 7, plannedProgress: [100] });
/** An order on surat-pesanan v1 drafted as `number` and signed by the PPK and the provider: the delivery is due. */
const orderSigned = (number: string): ScenarioStep[] => [
  onVersion('surat-pesanan', 1),
  { do: 'draft_contract', as: ppk, payload: orderDraft(number) },
  sign('sign_contract_ppk', ppk, 'surat_pesanan'),
  sign('sign_contract_penyedia', vendorA, 'surat_pesanan'),
  { expectStage: 'delivery' },
];

runScenarios('E-Kontrak: earlier versions still registered', [
  {
    name: 'kontrak v2 construction: failed PHO inspection → repair, PHO minutes, the maintenance the draft names, FHO, retention release',
    input: { ...contractInput('pkt-kev2constr01', { value: 1_000 * JUTA, provider: vendorB.id }), definition: kontrakV2 },
    steps: [
      onVersion('kontrak', 2),
      // v2 has no floor on the maintenance period (v3: at least 180 days for permanent works): 60 days are taken.
      { do: 'draft_contract', as: ppk, payload: draft(90, [30, 100], { maintenanceDays: 60 }) },
      { expectStage: 'performance_security' },
      {
        do: 'submit_performance_security',
        as: vendorB,
        payload: { guaranteeNumber: 'JP-KEV', issuer: 'Bank BJB', amount: 50 * JUTA, validUntil: '2027-12-31' },
      },
      sign('sign_contract_ppk', ppk, 'kontrak'),
      sign('sign_contract_penyedia', vendorB, 'kontrak'),
      { do: 'issue_spmk', as: ppk, payload: { number: 'SPMK/044/2027', startDate: '2027-03-01' } },
      { expectStage: 'execution' },
      { do: 'submit_progress_report', as: vendorB, payload: report(1, 30) },
      accept(1),
      { do: 'submit_progress_report', as: vendorB, payload: report(2, 100) },
      accept(2),
      { refuse: 'request_handover', as: vendorA, payload: {}, status: 403, code: 'not_party' },
      { do: 'request_handover', as: vendorB, payload: {} },
      { expectStage: 'inspection' },
      { refuse: 'return_for_repair', as: vendorB, payload: { reason: 'Penyedia menolak sendiri' }, status: 403, code: 'forbidden_role' },
      { do: 'return_for_repair', as: ppk, payload: { reason: 'Saluran samping jembatan belum diplester' } },
      { expectStage: 'repair' },
      { check: (v) => assert.equal((v.data.repairRequest as { reason: string }).reason, 'Saluran samping jembatan belum diplester') },
      { refuse: 'accept_handover', as: ppk, payload: { bastNumber: 'BAST-PHO/044' }, status: 409, code: 'wrong_stage' },
      { refuse: 'resubmit_handover', as: vendorA, payload: {}, status: 403, code: 'not_party' },
      // Terminating is closed once the work was handed over (v2 keeps v1's list of stages without it).
      { refuse: 'terminate_contract', as: ppk, payload: { reason: 'Perbaikan terlalu lama', grounds: 'lainnya' }, status: 409, code: 'wrong_stage' },
      { do: 'resubmit_handover', as: vendorB, payload: { note: 'Plesteran selesai' } },
      { expectStage: 'inspection' },
      { do: 'accept_handover', as: ppk, payload: { bastNumber: 'BAST-PHO/044/2027' } },
      { expectStage: 'final_payment' },
      documentStored('bast_pho', 'Berita Acara Serah Terima Pertama Pekerjaan (PHO)'),
      { check: (v) => assert.equal(docOf(v, 'bast'), undefined, 'a construction contract gets the PHO minutes, not a plain BAST') },
      { do: 'pay_final', as: ppk, payload: {} },
      { expectStage: 'maintenance_period' },
      {
        check: async (v, ctx) => {
          const days = (v.stage.closesAt! - v.stage.enteredAt) / DAY;
          assert.ok(days >= 60 && days < 61, `maintenance window of ${days} days`);
          const row = await contractRow(ctx, v.packageId);
          assert.equal(Number(row!.retention_held), 50 * JUTA, '5% kept until the retention release');
        },
      },
      { refuse: 'accept_fho', as: ppk, payload: { bastNumber: 'BAST-FHO/044' }, status: 409, code: 'wrong_stage' },
      { passDeadline: true },
      { expectStage: 'fho' },
      { refuse: 'accept_fho', as: vendorB, payload: { bastNumber: 'BAST-FHO/044' }, status: 403, code: 'forbidden_role' },
      { do: 'accept_fho', as: ppk, payload: { bastNumber: 'BAST-FHO/044/2027' } },
      { expectStage: 'retention_period' },
      documentStored('bast_fho', 'Berita Acara Serah Terima Akhir Pekerjaan (FHO)'),
      { check: (v) => assert.equal((v.data.fho as { bastNumber: string }).bastNumber, 'BAST-FHO/044/2027') },
      { refuse: 'release_retention', as: ppk, payload: {}, status: 409, code: 'wrong_stage' },
      { passDeadline: true },
      { expectStage: 'retention_release' },
      { refuse: 'release_retention', as: vendorB, payload: {}, status: 403, code: 'forbidden_role' },
      { do: 'release_retention', as: ppk, payload: {} },
      { expectStage: 'rating' },
      {
        check: async (v, ctx) => {
          const row = await contractRow(ctx, v.packageId);
          assert.equal(Number(row!.paid), 1_000 * JUTA, 'every rupiah paid, retention included');
          assert.equal(Number(row!.retention_held), 0);
        },
      },
      { do: 'rate_provider', as: ppk, payload: { quality: 4, cost: 3, time: 4, service: 4 } },
      onVersion('kontrak', 2),
      stagesRecorded([
        'execution',
        'inspection',
        'repair',
        'inspection',
        'pho_document',
        'final_payment',
        'maintenance_period',
        'fho',
        'fho_document',
        'retention_period',
        'retention_release',
        'rating',
        'completed',
      ]),
      {
        check: async (v, ctx) => {
          const docs = await ctx.db('documents').where({ package_id: v.packageId }).orderBy('id').select('kind', 'revision');
          assert.deepEqual(
            docs.map((d) => `${d.kind}@${d.revision}`),
            ['bast_fho@1', 'bast_pho@1', 'kontrak@1', 'spmk@1'],
          );
        },
      },
    ],
    endStatus: 'selesai',
  },
  {
    name: 'kontrak v2 kontrak kritis: SCM I–III with the minutes BA SCM I, II, III, then termination on that ground',
    input: { ...contractInput('pkt-kev2scm00001', { value: 190 * JUTA, provider: vendorA.id }), definition: kontrakV2 },
    steps: [
      onVersion('kontrak', 2),
      { do: 'draft_contract', as: ppk, payload: draft(300, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]) },
      { expectStage: 'contract_signing' },
      sign('sign_contract_ppk', ppk, 'kontrak'),
      sign('sign_contract_penyedia', vendorA, 'kontrak'),
      { do: 'issue_spmk', as: ppk, payload: { number: 'SPMK/044/2027', startDate: '2027-03-01' } },
      { expectStage: 'execution' },
      { do: 'submit_progress_report', as: vendorA, payload: report(2, 5) },
      accept(1),
      // v2's judged review: 5% against a plan of 20% is critical, the SCM step is open to the PPK.
      { check: (v) => assert.deepEqual([handling(v).judgement.critical, handling(v).awaiting], [true, 'scm']) },
      {
        refuse: 'terminate_contract',
        as: ppk,
        payload: { reason: 'Kemajuan sangat terlambat', grounds: 'kontrak_kritis' },
        status: 409,
        code: 'critical_handling_incomplete',
      },
      ...failedTestV2(1, 'TEG/44'),
      ...failedTestV2(2),
      ...failedTestV2(3),
      {
        check: (v) => {
          assert.equal(handling(v).awaiting, 'termination_allowed');
          assert.deepEqual(
            handling(v).warnings.map((w) => w.number),
            ['SP-KK/1', 'SP-KK/2', 'SP-KK/3'],
          );
        },
      },
      { refuse: 'hold_show_cause_meeting', as: ppk, payload: scm(4, { testPeriodDays: 7, targetPercent: 20 }), status: 409, code: 'scm_limit_reached' },
      { refuse: 'terminate_contract', as: vendorA, payload: { reason: 'Penyedia ingin berhenti', grounds: 'lainnya' }, status: 403 },
      { do: 'terminate_contract', as: ppk, payload: { reason: 'Uji coba SCM III gagal, SP III terbit', grounds: 'kontrak_kritis' } },
      {
        check: async (v, ctx) => {
          const s = await ctx.db('provider_sanctions').where({ package_id: v.packageId }).first();
          assert.deepEqual([s?.provider_id, s?.status], [vendorA.id, 'diusulkan'], 'proposed for the blacklist');
          const docs = await ctx.db('documents').where({ package_id: v.packageId }).orderBy('id').select('kind', 'revision');
          assert.deepEqual(
            docs.map((d) => `${d.kind}@${d.revision}`),
            ['ba_scm_1@1', 'ba_scm_2@1', 'ba_scm_3@1', 'kontrak@1', 'spmk@1'],
          );
        },
      },
      onVersion('kontrak', 2),
      stagesRecorded([
        'execution',
        'ba_scm_1_document',
        'execution',
        'ba_scm_2_document',
        'execution',
        'ba_scm_3_document',
        'execution',
        'termination',
        'terminated',
      ]),
    ],
    endStatus: 'diputus',
  },
  {
    name: 'surat-pesanan v1: a returned delivery is sent again, received, BAST, paid, rated',
    input: order('pkt-kev1spredel01', 80 * JUTA),
    steps: [
      ...orderSigned('SP/044/2027'),
      { do: 'record_delivery', as: vendorA, payload: { deliveryNote: 'SJ-044' } },
      { expectStage: 'receipt_check' },
      { refuse: 'return_delivery', as: vendorA, payload: { reason: 'Penyedia mengembalikan sendiri' }, status: 403, code: 'forbidden_role' },
      { do: 'return_delivery', as: ppk, payload: { reason: 'Tiga unit printer tidak berfungsi' } },
      { expectStage: 'redelivery' },
      { check: (v) => assert.equal((v.data.receiptProblem as { reason: string }).reason, 'Tiga unit printer tidak berfungsi') },
      { refuse: 'accept_receipt', as: ppk, payload: { bastNumber: 'BAST-SP/044' }, status: 409, code: 'wrong_stage' },
      { refuse: 'redeliver', as: vendorB, payload: {}, status: 403, code: 'not_party' },
      { do: 'redeliver', as: vendorA, payload: { note: 'Unit pengganti dikirim' } },
      { expectStage: 'receipt_check' },
      { do: 'accept_receipt', as: ppk, payload: { bastNumber: 'BAST-SP/044/2027' } },
      { expectStage: 'final_payment' },
      documentStored('bast', 'Berita Acara Serah Terima (BAST)'),
      { do: 'pay_final', as: ppk, payload: {} },
      { do: 'rate_provider', as: ppk, payload: { quality: 4, cost: 4, time: 3, service: 4 } },
      {
        check: async (v, ctx) => {
          const row = await contractRow(ctx, v.packageId);
          assert.deepEqual([row!.kind, Number(row!.paid), Number(row!.penalty)], ['surat_pesanan', 80 * JUTA, 0], 'delivered in time: paid in full');
        },
      },
      stagesRecorded(['delivery', 'receipt_check', 'redelivery', 'receipt_check', 'bast_document', 'final_payment', 'rating', 'completed']),
    ],
    endStatus: 'selesai',
  },
  {
    name: 'surat-pesanan v1: the provider declines the order',
    input: order('pkt-kev1spdecl001', 40 * JUTA),
    steps: [
      onVersion('surat-pesanan', 1),
      { do: 'draft_contract', as: ppk, payload: orderDraft('SP/045/2027') },
      { expectStage: 'contract_signing' },
      { refuse: 'decline_order', as: ppk, payload: { reason: 'PPK tidak dapat menolak atas nama penyedia' }, status: 403, code: 'forbidden_role' },
      { refuse: 'decline_order', as: vendorB, payload: { reason: 'Bukan pesanan kami' }, status: 403, code: 'not_party' },
      { do: 'decline_order', as: vendorA, payload: { reason: 'Stok barang di katalog sudah habis' } },
      {
        check: async (v, ctx) => {
          assert.deepEqual([v.stage.id, v.status], ['declined', 'batal']);
          const declined = v.data.declined as { reason: string; by: string };
          assert.deepEqual([declined.reason, declined.by], ['Stok barang di katalog sudah habis', vendorA.id]);
          assert.equal(v.data.signatures, undefined, 'nobody signed the declined order');
          assert.equal(await ctx.db('provider_sanctions').where({ package_id: v.packageId }).first(), undefined, 'declining is no breach');
        },
      },
      stagesRecorded(['contract_document', 'contract_signing', 'declined']),
    ],
    endStatus: 'batal',
  },
  {
    name: 'surat-pesanan v1: the late limit passes without a delivery: terminated by its timer, provider proposed for the blacklist',
    input: order('pkt-kev1splimit01', 60 * JUTA),
    steps: [
      ...orderSigned('SP/046/2027'),
      { refuse: 'terminate_contract', as: vendorA, payload: { reason: 'Penyedia ingin berhenti' }, status: 403, code: 'forbidden_role' },
      { passDeadline: true },
      // v1 opens the late window by itself (v2 waits for the PPK's decision at late_decision).
      { expectStage: 'late_delivery' },
      { check: (v) => assert.ok(v.stage.closesAt! - v.stage.enteredAt >= 50 * DAY, 'Pasal 56: up to 50 days more') },
      { passDeadline: true },
      {
        check: async (v, ctx) => {
          const h = ctx.client.workflow.getHandle(`paket-${v.packageId}`);
          const end = (await h.result()) as { status: string };
          assert.equal(end.status, 'diputus');
          const s = await ctx.db('provider_sanctions').where({ package_id: v.packageId }).first();
          assert.deepEqual([s?.provider_id, s?.status], [vendorA.id, 'diusulkan'], 'proposed for the blacklist');
          assert.equal(v.data.delivery, undefined, 'nothing was delivered');
        },
      },
      stagesRecorded(['delivery', 'late_delivery', 'termination', 'terminated']),
    ],
    endStatus: 'diputus',
  },
  {
    name: 'pelaksanaan-swakelola v1: the 10% addendum cap, handover, inspection → repair, BAST, completed',
    input: {
      ...contractInput('pkt-kev1swa000001', {
        definition: 'pelaksanaan-swakelola',
        kind: 'swakelola',
        category: 'jasa_lainnya',
        value: 300 * JUTA,
        provider: leader.id,
      }),
      definition: swakelolaV1,
    },
    steps: [
      onVersion('pelaksanaan-swakelola', 1),
      { do: 'draft_contract', as: ppk, payload: { number: 'KSP/044/2027', durationDays: 60, plannedProgress: [50, 100] } },
      { expectStage: 'contract_signing' },
      { refuse: 'sign_contract_penyedia', as: vendorA, payload: { documentHash: 'a'.repeat(64) }, status: 403 },
      sign('sign_contract_penyedia', leader, 'kesepakatan_swakelola'),
      sign('sign_contract_ppk', ppk, 'kesepakatan_swakelola'),
      { expectStage: 'execution' },
      // v1 still caps addenda at 10% of the original value (v2 lets a swakelola grow within the pagu).
      {
        refuse: 'sign_addendum',
        as: ppk,
        payload: { number: 'ADD-SWA-1', valueChange: 45 * JUTA, extensionDays: 0, reason: 'Tambah lingkup kegiatan' },
        status: 422,
        code: 'addendum_over_10_percent',
      },
      { do: 'sign_addendum', as: ppk, payload: { number: 'ADD-SWA-1', valueChange: 30 * JUTA, extensionDays: 0, reason: 'Tambah lingkup kegiatan' } },
      { check: async (v, ctx) => void assert.equal(Number((await contractRow(ctx, v.packageId))!.value), 330 * JUTA) },
      { do: 'submit_progress_report', as: leader, payload: report(1, 100) },
      accept(1),
      { refuse: 'request_handover', as: vendorA, payload: {}, status: 403 },
      { do: 'request_handover', as: leader, payload: {} },
      { expectStage: 'inspection' },
      { refuse: 'accept_handover', as: paKpa, payload: { bastNumber: 'BAST-SWA/044' }, status: 403, code: 'forbidden_role' },
      { do: 'return_for_repair', as: ppk, payload: { reason: 'Laporan pertanggungjawaban keuangan belum lengkap' } },
      { expectStage: 'repair' },
      { refuse: 'resubmit_handover', as: vendorA, payload: {}, status: 403 },
      { do: 'resubmit_handover', as: leader, payload: { note: 'Laporan keuangan dilengkapi' } },
      { expectStage: 'inspection' },
      { do: 'accept_handover', as: ppk, payload: { bastNumber: 'BAST-SWA/044/2027' } },
      {
        check: (v) => {
          assert.deepEqual([v.stage.id, v.status], ['completed', 'selesai']);
          assert.equal((v.data.inspection as { bastNumber: string }).bastNumber, 'BAST-SWA/044/2027');
        },
      },
      documentStored('bast', 'Berita Acara Serah Terima (BAST)'),
      onVersion('pelaksanaan-swakelola', 1),
      stagesRecorded(['execution', 'inspection', 'repair', 'inspection', 'bast_document', 'completed']),
    ],
    endStatus: 'selesai',
  },
]);

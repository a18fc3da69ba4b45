/**
 * Who sets the winner by the pagu, and what happens after the award (issue 13 points 1 and 6), on the time-skipping
 * server with the real activities: the PA/KPA above Rp100 miliar, the PPK's refusal of the SPPBJ and the PA/KPA's
 * decision on it, reserve winners after a withdrawal or an unsigned contract with the sanctions of Pasal 78, and the
 * jaminan penawaran of construction above Rp10 miliar HPS. Fiscal year 2053 (no other test file uses it).
 */
import assert from 'node:assert/strict';
import type { PackageView } from '../domain/process/engine';
import type { ActorRef, PackageInput } from '../domain/process/state';
import { FAILURE_BY_PA_KPA } from '../workflows/definitions/stages';
import { packageState } from '../workflows/package-process';
import { ocdsSourceOf } from '../db/queries/ocds';
import { buildPackageRecord } from '../domain/ocds/releases';
import { settlesAt } from './support/hand-off-steps';
import { type Scenario, type ScenarioContext, type ScenarioStep, runScenarios } from './support/scenario';
import { evaluationAllPass, paKpa, pokja, ppk, qualificationVerified, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';

const kepala: ActorRef = { id: 'kepala-ukpbj-1', name: 'Ratna (Kepala UKPBJ)', roles: ['kepala_ukpbj'], org: 'ukpbj' };
let n = 0;

type Facts = Partial<PackageInput['facts']>;
/** A 1-file tender of fiscal year 2053 whose officers the head of the UKPBJ assigns. */
function input(facts: Facts = {}): PackageInput {
  const base = tenderInput(`pkt-h3aw${String(++n).padStart(4, '0')}`);
  return {
    ...base,
    facts: { ...base.facts, fiscalYear: 2053, ...facts },
    assignments: { ppk: [ppk.id], kepala_ukpbj: [kepala.id], pa_kpa: [paKpa.id] },
  };
}

const BIG: Facts = { category: 'barang', pagu: 150_000_000_000, hps: 140_000_000_000, title: 'Pengadaan Armada Bus Listrik' };

/**
 * After the preparation the runner performs (the head assigns pokja-1..3, Reviu DPP): announcement, three
 * registrations, three bids, opening and evaluation.
 */
function toAward(prices: [number, number, number], bids: Record<string, unknown>[] = [{}, {}, {}]): ScenarioStep[] {
  const [a, b, c] = prices;
  return [
    { expectStage: 'announcement' },
    { do: 'announce', as: pokja },
    { do: 'register', as: vendorA },
    { do: 'register', as: vendorB },
    { do: 'register', as: vendorC },
    { passDeadline: true },
    { passDeadline: true },
    { do: 'submit_bid', as: vendorA, payload: { price: a, ...bids[0] } },
    { do: 'submit_bid', as: vendorB, payload: { price: b, ...bids[1] } },
    { do: 'submit_bid', as: vendorC, payload: { price: c, ...bids[2] } },
    { passDeadline: true },
    { do: 'open_bids', as: pokja },
    { do: 'evaluate', as: pokja, payload: evaluationAllPass(vendorA, vendorB, vendorC) },
  ];
}

/** vendorB lowest, then vendorA, then vendorC (all within 80–100% of the HPS: no price clarification). */
const SMALL_PRICES: [number, number, number] = [1_390_000_000, 1_350_000_000, 1_420_000_000];
/** Award by the Pokja, its announcement and the masa sanggah without objections: the package waits for the SPPBJ. */
const toSppbj = (): ScenarioStep[] => [
  ...toAward(SMALL_PRICES),
  { do: 'verify_qualification', as: pokja, payload: qualificationVerified(vendorB) },
  { do: 'decide_award', as: pokja },
  { do: 'announce_award', as: pokja },
  { passDeadline: true },
  { expectStage: 'sppbj' },
];

const award = (v: PackageView) => v.data.award as { winner?: { vendorId: string }; reserves: { vendorId: string }[]; round?: number; replaced?: any[] };

const proposals = (ctx: ScenarioContext, packageId: string) => ctx.db('provider_sanctions').where({ package_id: packageId }).orderBy('id');

const declareFailure = (cause: string): ScenarioStep => ({
  do: 'declare_failure_pa',
  as: paKpa,
  payload: { cause, followUp: 'tender_ulang', reason: `PA/KPA menyatakan tender gagal (huruf ${cause}).` },
});

const scenarios: Scenario[] = [
  {
    name: 'Pasal 9 ayat (1) huruf n: di atas pagu Rp100 miliar PA/KPA menetapkan pemenang, Pokja ditolak dengan pasalnya',
    input: input(BIG),
    steps: [
      ...toAward([130_000_000_000, 128_000_000_000, 135_000_000_000]),
      { do: 'verify_qualification', as: pokja, payload: qualificationVerified(vendorB) },
      { expectStage: 'award_decision' },
      { refuse: 'decide_award', as: pokja, status: 403, code: 'award_by_pa_kpa' },
      { do: 'decide_award_pa', as: paKpa, payload: { note: 'Ditetapkan PA.' } },
      { expectStage: 'award_announcement' },
      { check: (v) => assert.equal((v.data.awardDecision as { by: string }).by, paKpa.id) },
    ],
  },
  {
    name: 'Pasal 13 ayat (1) huruf c: sampai pagu Rp100 miliar Pokja menetapkan pemenang, PA/KPA ditolak',
    input: input(),
    steps: [
      ...toAward(SMALL_PRICES),
      { do: 'verify_qualification', as: pokja, payload: qualificationVerified(vendorB) },
      { refuse: 'decide_award_pa', as: paKpa, status: 403, code: 'award_by_pokja' },
      { refuse: 'refuse_winner_pa', as: paKpa, payload: { reason: 'PA/KPA tidak sependapat dengan calon pemenang.' }, status: 403, code: 'award_by_pokja' },
      { do: 'decide_award', as: pokja },
      { expectStage: 'award_announcement' },
    ],
  },
  {
    name: 'LKPP 12/2021 §4.2.14 huruf k: PA/KPA menolak calon pemenang di atas Rp100 miliar, tender gagal oleh PA/KPA',
    input: input(BIG),
    steps: [
      ...toAward([130_000_000_000, 128_000_000_000, 135_000_000_000]),
      { do: 'verify_qualification', as: pokja, payload: qualificationVerified(vendorB) },
      { do: 'refuse_winner_pa', as: paKpa, payload: { reason: 'Calon pemenang tidak sesuai dengan kebutuhan PA.' } },
      { expectStage: FAILURE_BY_PA_KPA },
      { refuse: 'declare_failure_pa', as: pokja, payload: { cause: 'k', followUp: 'tender_ulang', reason: 'Pokja mencoba menyatakan.' }, status: 403 },
      declareFailure('k'),
      { check: (v) => assert.equal((v.data.failure as { letter: string }).letter, 'k') },
    ],
    endStatus: 'gagal',
  },
  {
    name: 'LKPP 12/2021 §4.2.14 huruf j: PPK menolak menerbitkan SPPBJ, PA/KPA sependapat, tender gagal',
    input: input(),
    steps: [
      ...toSppbj(),
      { refuse: 'refuse_sppbj', as: ppk, payload: { reason: 'singkat' }, status: 422 },
      { do: 'refuse_sppbj', as: ppk, payload: { reason: 'Proses pemilihan tidak sesuai ketentuan: syarat kualifikasi menyimpang.' } },
      { expectStage: 'sppbj_refusal_review' },
      { refuse: 'decide_sppbj_refusal', as: ppk, payload: { agree: true }, status: 403 },
      { do: 'decide_sppbj_refusal', as: paKpa, payload: { agree: true, note: 'Sependapat dengan PPK.' } },
      { expectStage: FAILURE_BY_PA_KPA },
      declareFailure('j'),
      { check: (v) => assert.equal((v.data.failure as { letter: string }).letter, 'j') },
    ],
    endStatus: 'gagal',
  },
  {
    name: 'LKPP 12/2021 §4.2.14 huruf j: PA/KPA tidak sependapat dengan penolakan PPK, SPPBJ wajib diterbitkan',
    input: input(),
    steps: [
      ...toSppbj(),
      { do: 'refuse_sppbj', as: ppk, payload: { reason: 'Proses pemilihan tidak sesuai ketentuan menurut PPK.' } },
      { do: 'decide_sppbj_refusal', as: paKpa, payload: { agree: false, note: 'Proses sudah sesuai; terbitkan SPPBJ.' } },
      { expectStage: 'sppbj' },
      { refuse: 'refuse_sppbj', as: ppk, payload: { reason: 'Tetap menolak menerbitkan SPPBJ.' }, status: 409, code: 'sppbj_wajib_diterbitkan' },
      { do: 'issue_sppbj', as: ppk, payload: { number: '027/SPPBJ/2053' } },
      { expectStage: 'contract_execution' },
    ],
  },
  {
    name: 'Pasal 78 ayat (1) huruf d: pemenang mengundurkan diri, pemenang cadangan 1 menerima SPPBJ; sanksi diusulkan sekali',
    input: input(),
    steps: [
      ...toSppbj(),
      { refuse: 'withdraw_award', as: vendorA, payload: { reason: 'Bukan pemenang mencoba mundur.' }, status: 403 },
      { do: 'withdraw_award', as: vendorB, payload: { reason: 'Kapasitas produksi tidak lagi mencukupi.' } },
      { expectStage: 'sppbj' },
      {
        check: async (v, ctx) => {
          const a = award(v);
          assert.equal(a.winner?.vendorId, vendorA.id, 'reserve 1 is the winner now');
          assert.deepEqual(
            a.reserves.map((r) => r.vendorId),
            [vendorC.id],
          );
          assert.equal(a.round, 2);
          assert.equal(a.replaced?.[0].vendorId, vendorB.id);
          assert.equal(a.replaced?.[0].when, 'sebelum_sppbj');
          assert.equal(v.data.withdrawal, undefined, 'the new round starts without the withdrawal');
          const rows = await proposals(ctx, v.packageId);
          assert.deepEqual(
            rows.map((r) => [r.provider_id, r.cause, r.status]),
            [[vendorB.id, 'pengunduran_diri', 'diusulkan']],
          );
        },
      },
      { refuse: 'withdraw_award', as: vendorB, payload: { reason: 'Mundur sekali lagi setelah diganti.' }, status: 403 },
      { do: 'issue_sppbj', as: ppk, payload: { number: '028/SPPBJ/2053' } },
      { check: (v) => assert.equal(v.data.documents && (v.data.documents as any).sppbj.revision, 2, 'a new SPPBJ document for the reserve') },
      { signContract: { ppk, provider: vendorA } },
      { check: async (v, ctx) => assert.equal((await proposals(ctx, v.packageId)).length, 1, 'proposed once') },
      {
        // OCDS: the winner's award is cancelled, the reserve's award is active with its supplier.
        check: async (v, ctx) => {
          const src = await ocdsSourceOf(ctx.db, v.packageId);
          assert.ok(src);
          const awards = buildPackageRecord(src, { ocidPrefix: 'ocds-unit01', baseUrl: 'https://lpse.uji.go.id' }).compiledRelease.awards as {
            status: string;
            suppliers?: { name?: string }[];
          }[];
          assert.deepEqual(
            awards.map((x) => x.status),
            ['cancelled', 'active'],
          );
        },
      },
    ],
    endStatus: 'contract_signed',
  },
  {
    name: 'Pasal 78 ayat (2) dan ayat (5) huruf c: pemenang tidak menandatangani kontrak, kontrak baru untuk pemenang cadangan 1',
    input: input(),
    steps: [
      ...toSppbj(),
      { do: 'issue_sppbj', as: ppk, payload: { number: '029/SPPBJ/2053' } },
      { expectStage: 'contract_execution' },
      { in: 'contract' },
      { do: 'terminate_contract', as: ppk, payload: { reason: 'Penyedia tidak menandatangani kontrak sampai batas waktunya.' } },
      { in: 'package' },
      // The E-Kontrak ended unsigned: the package hands the award on and waits at the SPPBJ again.
      settlesAt('sppbj'),
      {
        check: async (v, ctx) => {
          const view = await ctx.client.workflow.getHandle(`paket-${v.packageId}`).query(packageState);
          assert.equal(view.stage.id, 'sppbj');
          const a = award(view);
          assert.equal(a.winner?.vendorId, vendorA.id);
          assert.equal(a.replaced?.[0].when, 'setelah_sppbj');
          const rows = await proposals(ctx, v.packageId);
          assert.deepEqual(
            rows.map((r) => [r.provider_id, r.cause]),
            [[vendorB.id, 'mundur_setelah_sppbj']],
          );
          // One act, one proposal: the terminated E-Kontrak proposes the same (package, provider, cause), none of its own.
          const contracts = await ctx.db('packages').where({ parent_package_id: v.packageId }).pluck('id');
          assert.equal(contracts.length, 1);
          assert.deepEqual(await ctx.db('provider_sanctions').whereIn('package_id', contracts).pluck('cause'), []);
        },
      },
      { do: 'issue_sppbj', as: ppk, payload: { number: '030/SPPBJ/2053' } },
      {
        check: async (v, ctx) => {
          const first = await ctx.db('packages').where({ parent_package_id: v.packageId }).orderBy('created_at');
          assert.equal(first.length, 2, 'two contracts: the terminated one and the reserve winner’s');
          assert.notEqual(first[0]!.id, first[1]!.id);
          assert.ok(first.some((r) => r.id === (v.data.contractStart as { packageId: string }).packageId));
        },
      },
      { signContract: { ppk, provider: vendorA } },
    ],
    endStatus: 'contract_signed',
  },
  {
    name: 'Pasal 78: pemenang dan kedua pemenang cadangan mengundurkan diri, tidak ada cadangan lagi: tender gagal dan tender ulang',
    input: input(),
    steps: [
      ...toSppbj(),
      { do: 'withdraw_award', as: vendorB, payload: { reason: 'Kapasitas produksi tidak mencukupi.' } },
      { do: 'withdraw_award', as: vendorA, payload: { reason: 'Harga bahan naik tajam sejak penawaran.' } },
      { do: 'withdraw_award', as: vendorC, payload: { reason: 'Perusahaan sedang restrukturisasi.' } },
      {
        check: async (v, ctx) => {
          const rows = await proposals(ctx, v.packageId);
          assert.deepEqual(rows.map((r) => r.provider_id).sort(), [vendorA.id, vendorB.id, vendorC.id].sort());
          const view = await ctx.client.workflow.getHandle(`paket-${v.packageId}`).query(packageState);
          assert.ok((view.data.followUp as { packageId?: string } | undefined)?.packageId, 'a re-tender package started');
        },
      },
    ],
    endStatus: 'gagal',
  },
  {
    name: 'Pasal 30 ayat (2) dan Pasal 31: konstruksi HPS di atas Rp10 miliar, penawaran tanpa jaminan penawaran 1% HPS gugur administrasi; jaminan dicairkan saat pemenang mundur (Pasal 78 ayat (5))',
    input: input({ category: 'pekerjaan_konstruksi', pagu: 12_500_000_000, hps: 12_000_000_000, title: 'Pembangunan Jembatan Cisadane' }),
    steps: [
      ...toAward(
        [11_500_000_000, 11_000_000_000, 11_200_000_000],
        [
          { bidSecurity: { number: 'JPN-001/2053', issuer: 'Bank Jabar Banten', amount: 120_000_000 } },
          {},
          { bidSecurity: { number: 'JPN-003/2053', issuer: 'Asuransi Kredit', amount: 119_999_999 } },
        ],
      ),
      {
        check: (v) => {
          const a = v.data.award as { winner?: { vendorId: string }; failed: { vendorId: string; reasons: string[] }[] };
          assert.equal(a.winner?.vendorId, vendorA.id, 'the only bid with a sufficient bid security wins');
          const reasons = Object.fromEntries(a.failed.map((f) => [f.vendorId, f.reasons]));
          assert.ok(reasons[vendorB.id]?.includes('jaminan_penawaran'), 'no bid security');
          assert.ok(reasons[vendorC.id]?.includes('jaminan_penawaran'), 'below 1% of the HPS');
        },
      },
      { do: 'verify_qualification', as: pokja, payload: qualificationVerified(vendorA) },
      { do: 'decide_award', as: pokja },
      { do: 'announce_award', as: pokja },
      { passDeadline: true },
      { expectStage: 'sppbj' },
      { do: 'withdraw_award', as: vendorA, payload: { reason: 'Tidak sanggup memenuhi jadwal pelaksanaan.' } },
      {
        check: async (v, ctx) => {
          const view = await ctx.client.workflow.getHandle(`paket-${v.packageId}`).query(packageState);
          const entry = (view.data.winnerReplacement ?? {}) as { bidSecurity?: { forfeited: boolean; number?: string; amount?: number } };
          assert.deepEqual(entry.bidSecurity, { forfeited: true, number: 'JPN-001/2053', issuer: 'Bank Jabar Banten', amount: 120_000_000 });
        },
      },
    ],
    endStatus: 'gagal',
  },
];

runScenarios('award by value and after the award (issue 13 points 1 and 6)', scenarios);

/**
 * Failure branches of seleksi and tender cepat that only the PA/KPA or a re-run reaches (Perpres 16/2018 Pasal 51;
 * LKPP 12/2021 §4.2.14, §5.4.4), on the time-skipping server with the current definitions:
 * - a failed RE-seleksi may switch to Penunjukan Langsung, but only once the PA/KPA approves (Pasal 51(10), 38(5)h);
 * - above the Pokja's limit (Rp10 miliar for consultancy) the PA sets the seleksi's winner or refuses it: gagal by
 *   its own declaration (cause k);
 * - in tender cepat the PPK's refusal of the SPPBJ goes to the PA/KPA, whose agreement fails the tender (cause j) in
 *   its own declaration stage;
 * - a failed tender cepat may be repeated by a replacement Pokja (§2.6) as a new linked package.
 * At each stage the wrong officer is refused, the declaration is recorded at data.failure, and the linked follow-up
 * package carries the method, the reason and the link back. Follow-up packages are ended after their checks, so their
 * timers cannot hold the test clock.
 */
import assert from 'node:assert/strict';
import type { ActorRef, PackageFacts, PackageInput } from '../domain/process/state';
import { getDefinition } from '../workflows/definitions';
import { FAILURE_BY_PA_KPA } from '../workflows/definitions/stages';
import { declaration, failureIs, linkedTo, recorded } from './support/failure-checks';
import { stopFollowUp } from './support/hand-off-steps';
import { runScenarios, type ScenarioStep } from './support/scenario';
import { cepatToOpening, technical, toTechnicalEvaluation } from './support/seleksi-cepat-steps';
import { paKpa, pokja, ppk, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';

const consultancy: PackageFacts = {
  title: 'Jasa Konsultansi Pengawasan Pembangunan Pasar Rakyat',
  opd: 'Dinas Perindustrian dan Perdagangan Kota Tangerang',
  workUnit: 'Bidang Sarana Perdagangan',
  category: 'jasa_konsultansi',
  pagu: 2_000_000_000,
  hps: 1_900_000_000,
  fiscalYear: 2026,
};
const goods: PackageFacts = { ...consultancy, title: 'Pengadaan Kursi Ruang Kelas', category: 'barang', pagu: 800_000_000, hps: 750_000_000 };

/** A RE-seleksi: the follow-up of a failed seleksi (as startFollowUpPackage links it), so Penunjukan Langsung may follow. */
const reSeleksiInput = (id: string): PackageInput =>
  tenderInput(id, {
    definition: getDefinition('seleksi')!,
    facts: { ...consultancy, previousPackageId: 'pkt-fbsselprev01', followUpReason: 'tender_ulang' },
  });
/** A seleksi above the Pokja's limit of Rp10 miliar (Pasal 13 ayat (1) huruf c): the PA sets the winner. */
const bigSeleksiInput = (id: string): PackageInput =>
  tenderInput(id, { definition: getDefinition('seleksi')!, facts: { ...consultancy, pagu: 12_000_000_000, hps: 11_500_000_000 } });
const cepatInput = (id: string): PackageInput => tenderInput(id, { definition: getDefinition('tender-cepat')!, facts: goods });

// ---- seleksi steps -------------------------------------------------------------------------------------------

/** The proposals' prices, all within the HPS: A, B and C are shortlisted (toTechnicalEvaluation), D is not. */
const OFFERS: [ActorRef, number][] = [
  [vendorA, 1_800_000_000],
  [vendorB, 1_500_000_000],
  [vendorC, 1_700_000_000],
];

/** Nobody reaches the technical threshold (70): announced, the masa sanggah passes unused (§3.2), then the declaration. */
const toNoWinnerDeclaration: ScenarioStep[] = [
  ...toTechnicalEvaluation(OFFERS),
  technical([
    [vendorA, 69],
    [vendorB, 55],
    [vendorC, 40],
  ]),
  { expectStage: 'no_passer_announcement' },
  { do: 'announce_no_passer', as: pokja },
  { expectStage: 'no_passer_objection_period' },
  { passDeadline: true },
  { expectStage: 'failure_follow_up' },
];

// ---- checks ----------------------------------------------------------------------------------------------------

/** The package runs the current version of its definition (the coverage check counts stages per version). */
const runsCurrent = (id: string): ScenarioStep => ({
  check: (v) => assert.deepEqual([v.definition.id, v.definition.version], [id, getDefinition(id)!.version]),
});

/**
 * The PA/KPA's own declaration (failure_by_pa_kpa) with `letter` and a re-run: one it may not make is refused as
 * invalid, then the declaration is recorded and the linked re-run package of `method` starts.
 */
const declaredByPaKpa = (
  letter: string,
  followUp: string,
  reason: string,
  method: string,
  { invalid }: { invalid: Record<string, unknown> },
): ScenarioStep[] => [
  { refuse: 'declare_failure_pa', as: paKpa, payload: invalid, status: 422, code: 'invalid_payload' },
  { do: 'declare_failure_pa', as: paKpa, payload: declaration(letter, followUp, reason) },
  { expectStage: 'failed_retender' },
  failureIs({ letter, followUp, declaredBy: 'pa_kpa', stage: FAILURE_BY_PA_KPA, by: paKpa }),
  { check: linkedTo(method, followUp) },
  stopFollowUp,
];

runScenarios('failure branches of seleksi and tender cepat: the PA/KPA and the re-runs', [
  {
    name: 'Pasal 51 ayat (10), Pasal 38 ayat (5) huruf h: a failed re-seleksi switches to Penunjukan Langsung once the PA/KPA approves',
    input: reSeleksiInput('pkt-fbsselpl0001'),
    steps: [
      runsCurrent('seleksi'),
      ...toNoWinnerDeclaration,
      // The declaration is the Pokja's; cause c of a re-seleksi allows Penunjukan Langsung besides seleksi ulang.
      { refuse: 'declare_failure', as: paKpa, payload: declaration('c', 'penunjukan_langsung', 'Tidak berwenang.'), status: 403, code: 'forbidden_role' },
      { do: 'declare_failure', as: pokja, payload: declaration('c', 'penunjukan_langsung', 'Seleksi ulang: tidak ada peserta yang lulus evaluasi teknis.') },
      { expectStage: 'pl_approval' },
      failureIs({ letter: 'c', followUp: 'penunjukan_langsung', declaredBy: 'pokja', stage: 'failure_follow_up', by: pokja }),
      { check: (v) => assert.equal(v.data.followUp, undefined, 'no follow-up package before the PA/KPA decides') },
      { refuse: 'approve_penunjukan_langsung', as: pokja, payload: { approved: true }, status: 403, code: 'forbidden_role' },
      { refuse: 'approve_penunjukan_langsung', as: ppk, payload: { approved: true }, status: 403, code: 'forbidden_role' },
      { do: 'approve_penunjukan_langsung', as: paKpa, payload: { approved: true, note: 'Disetujui: seleksi ulang gagal (Pasal 38 ayat 5 huruf h).' } },
      { expectStage: 'failed_switched_to_pl' },
      recorded('plApproval', { approved: true, note: 'Disetujui: seleksi ulang gagal (Pasal 38 ayat 5 huruf h).' }, paKpa),
      { check: linkedTo('penunjukan-langsung', 'tender_ulang_gagal') },
      stopFollowUp,
    ],
    endStatus: 'gagal',
  },
  {
    name: 'LKPP 12/2021 §4.2.14 huruf k: seleksi above Rp10 miliar, the PA refuses the winner and declares gagal: seleksi ulang',
    input: bigSeleksiInput('pkt-fbsselpak001'),
    steps: [
      runsCurrent('seleksi'),
      ...toTechnicalEvaluation(OFFERS),
      technical([
        [vendorA, 85],
        [vendorB, 75],
        [vendorC, 72],
      ]),
      { do: 'open_prices', as: pokja },
      { expectStage: 'award_decision_pa' },
      { refuse: 'refuse_winner_pa', as: pokja, payload: { reason: 'Pokja mencoba menolak calon pemenang.' }, status: 403, code: 'forbidden_role' },
      { do: 'refuse_winner_pa', as: paKpa, payload: { reason: 'Tenaga ahli calon pemenang tidak sesuai kerangka acuan kerja.' } },
      { expectStage: FAILURE_BY_PA_KPA },
      recorded('winnerRefusal', { reason: 'Tenaga ahli calon pemenang tidak sesuai kerangka acuan kerja.' }, paKpa),
      { check: (v) => assert.equal(v.data.awardDecision, undefined, 'no winner was set') },
      // Penunjukan Langsung is not the PA/KPA's follow-up (Pasal 51(10) needs a failed re-seleksi and the Pokja's proposal).
      ...declaredByPaKpa('k', 'tender_ulang', 'PA tidak menetapkan calon pemenang yang diusulkan Pokja.', 'seleksi', {
        invalid: declaration('k', 'penunjukan_langsung', 'Bukan tindak lanjut PA.'),
      }),
    ],
    endStatus: 'gagal',
  },
  {
    name: 'LKPP 12/2021 §4.2.14 huruf j: tender cepat, the PPK refuses the SPPBJ, the PA/KPA agrees and declares gagal: tender cepat ulang',
    input: cepatInput('pkt-fbstcsppbj01'),
    steps: [
      runsCurrent('tender-cepat'),
      ...cepatToOpening(false, [
        [vendorA, 700_000_000],
        [vendorB, 690_000_000],
      ]),
      { do: 'open_bids', as: pokja },
      { expectStage: 'award_decision' },
      { do: 'decide_award', as: pokja },
      { expectStage: 'sppbj' },
      { refuse: 'refuse_sppbj', as: pokja, payload: { reason: 'Pokja mencoba menolak menerbitkan SPPBJ.' }, status: 403, code: 'forbidden_role' },
      { do: 'refuse_sppbj', as: ppk, payload: { reason: 'Spesifikasi yang ditawarkan pemenang tidak sesuai kebutuhan sekolah.' } },
      { expectStage: 'sppbj_refusal_review' },
      recorded('sppbjRefusal', { reason: 'Spesifikasi yang ditawarkan pemenang tidak sesuai kebutuhan sekolah.' }, ppk),
      { refuse: 'decide_sppbj_refusal', as: ppk, payload: { agree: true }, status: 403, code: 'forbidden_role' },
      { refuse: 'decide_sppbj_refusal', as: pokja, payload: { agree: true }, status: 403, code: 'forbidden_role' },
      { do: 'decide_sppbj_refusal', as: paKpa, payload: { agree: true, note: 'Sependapat dengan PPK.' } },
      { expectStage: FAILURE_BY_PA_KPA },
      recorded('sppbjRefusalDecision', { agree: true, note: 'Sependapat dengan PPK.' }, paKpa),
      // The PA/KPA's own declaration: the Pokja may not make it, and the PA/KPA only with its letters (j–l).
      { refuse: 'declare_failure_pa', as: pokja, payload: declaration('j', 'tender_cepat_ulang', 'Tidak berwenang.'), status: 403, code: 'forbidden_role' },
      ...declaredByPaKpa('j', 'tender_cepat_ulang', 'PA/KPA sependapat dengan penolakan SPPBJ oleh PPK.', 'tender-cepat', {
        invalid: declaration('b', 'tender_cepat_ulang', 'Bukan huruf PA.'),
      }),
    ],
    endStatus: 'gagal',
  },
  {
    name: 'LKPP 12/2021 §5.4.4: tender cepat without bids, the Pokja declares gagal and a replacement Pokja repeats it',
    input: cepatInput('pkt-fbstcpengganti'),
    steps: [
      runsCurrent('tender-cepat'),
      ...cepatToOpening(false, []),
      { expectStage: 'failure_no_bids' },
      {
        refuse: 'declare_failure',
        as: paKpa,
        payload: declaration('b', 'tender_cepat_pokja_pengganti', 'Tidak berwenang.'),
        status: 403,
        code: 'forbidden_role',
      },
      // Tender cepat has its own follow-ups (§2.6): no Penunjukan Langsung.
      { refuse: 'declare_failure', as: pokja, payload: declaration('b', 'penunjukan_langsung', 'Tanpa penawaran.'), status: 422, code: 'invalid_payload' },
      { do: 'declare_failure', as: pokja, payload: declaration('b', 'tender_cepat_pokja_pengganti', 'Tidak ada penawaran; diulang oleh Pokja pengganti.') },
      { expectStage: 'failed_retender_new_pokja' },
      failureIs({ letter: 'b', followUp: 'tender_cepat_pokja_pengganti', declaredBy: 'pokja', stage: 'failure_no_bids', by: pokja }),
      { check: linkedTo('tender-cepat', 'tender_cepat_ulang_pokja_pengganti') },
      stopFollowUp,
    ],
    endStatus: 'gagal',
  },
]);

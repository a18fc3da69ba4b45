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
import type { PackageView } from '../domain/process/engine';
import type { ActorRef, PackageFacts, PackageInput } from '../domain/process/state';
import { getDefinition } from '../workflows/definitions';
import { FAILURE_BY_PA_KPA } from '../workflows/definitions/stages';
import { packageState } from '../workflows/package-process';
import { stopFollowUp } from './support/hand-off-steps';
import { runScenarios, type ScenarioContext, type ScenarioStep } from './support/scenario';
import { paKpa, pokja, ppk, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';

const vendorD: ActorRef = { id: 'vendor-d', name: 'CV Delta', roles: ['penyedia'], org: 'cv-delta' };

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

// ---- seleksi steps (as in workflow-method-seleksi-cepat.test.ts) -------------------------------------------------

const announcement = {
  evaluationMethod: 'kualitas_biaya',
  pqCriteria: [
    { id: 'pengalaman', weight: 40 },
    { id: 'tenaga_ahli', weight: 35 },
    { id: 'peralatan', weight: 25 },
  ],
  pqThreshold: 60,
  technicalThreshold: 70,
  technicalWeight: 80,
};
const pq = (v: ActorRef, s: number) => ({ vendorId: v.id, scores: { pengalaman: s, tenaga_ahli: s, peralatan: s } });
const applicants = [vendorA, vendorB, vendorC, vendorD];

/** PQ with a shortlist of three (vendorD below the threshold), its announcement and sanggah, proposals, File I opened. */
const toTechnicalEvaluation: ScenarioStep[] = [
  { do: 'announce', as: pokja, payload: announcement },
  ...applicants.flatMap((v): ScenarioStep[] => [
    { do: 'register', as: v },
    { do: 'submit_qualification', as: v, payload: { documentRef: `KUAL-${v.id}` } },
  ]),
  { passDeadline: true },
  { do: 'score_qualification', as: pokja, payload: { results: [pq(vendorA, 72), pq(vendorB, 81), pq(vendorC, 60), pq(vendorD, 50)] } },
  { do: 'verify_pq_qualifications', as: pokja, payload: { results: applicants.map((v) => ({ vendorId: v.id, terbukti: true })) } },
  { expectStage: 'pq_result_announcement' },
  { do: 'announce_pq_result', as: pokja },
  { passDeadline: true },
  { expectStage: 'proposal_submission' },
  ...([[vendorA, 1_800_000_000], [vendorB, 1_500_000_000], [vendorC, 1_700_000_000]] as [ActorRef, number][]).flatMap(([v, price]): ScenarioStep[] => [
    { do: 'submit_technical', as: v, payload: { documentRef: `TEKNIS-${v.id}` } },
    { do: 'submit_price', as: v, payload: { price } },
  ]),
  { passDeadline: true },
  { do: 'open_technical', as: pokja },
];

/** Nobody reaches the technical threshold (70): announced, the masa sanggah passes unused (§3.2), then the declaration. */
const toNoWinnerDeclaration: ScenarioStep[] = [
  ...toTechnicalEvaluation,
  {
    do: 'evaluate_technical',
    as: pokja,
    payload: { results: ([[vendorA, 69], [vendorB, 55], [vendorC, 40]] as [ActorRef, number][]).map(([v, score]) => ({ vendorId: v.id, score })) },
  },
  { expectStage: 'no_passer_announcement' },
  { do: 'announce_no_passer', as: pokja },
  { expectStage: 'no_passer_objection_period' },
  { passDeadline: true },
  { expectStage: 'failure_follow_up' },
];

// ---- tender cepat steps ----------------------------------------------------------------------------------------

/** Announcement without auction, registration and price bids, then the bid deadline. */
const cepatToBidDeadline = (bids: [ActorRef, number][]): ScenarioStep[] => [
  { do: 'announce', as: pokja, payload: { reverseAuction: false } },
  ...bids.map(([v]): ScenarioStep => ({ do: 'register', as: v, payload: { sikapRef: `SIKAP-${v.id}` } })),
  { passDeadline: true },
  ...bids.map(([v, price]): ScenarioStep => ({ do: 'submit_bid', as: v, payload: { price } })),
  { passDeadline: true },
];

// ---- checks ----------------------------------------------------------------------------------------------------

/** The package runs the current version of its definition (the coverage check counts stages per version). */
const runsCurrent = (id: string): ScenarioStep => ({
  check: (v) => assert.deepEqual([v.definition.id, v.definition.version], [id, getDefinition(id)!.version]),
});

/** The payload of a declaration of gagal (declare_failure by the Pokja, declare_failure_pa by the PA/KPA). */
const declaration = (cause: string, followUp: string, reason: string) => ({ cause, followUp, reason });

/** A decision recorded at data[path] with its payload and who made it. */
const recorded = (path: string, payload: Record<string, unknown>, by: ActorRef): ScenarioStep => ({
  check: (v) => {
    const { at, ...rest } = v.data[path] as Record<string, unknown>;
    assert.equal(typeof at, 'number', `${path} is timestamped`);
    assert.deepEqual(rest, { ...payload, by: by.id });
  },
});

/** The declaration recorded at data.failure (and appended to data.failureHistory). */
const failureIs = (expected: { letter: string; followUp: string; declaredBy: string; stage: string; by: ActorRef }): ScenarioStep => ({
  check: (v) => {
    const f = v.data.failure as { letter: string; followUp: string; declaredBy: string; stage: string; by: string; citation: string };
    assert.deepEqual(
      { letter: f.letter, followUp: f.followUp, declaredBy: f.declaredBy, stage: f.stage, by: f.by },
      { ...expected, by: expected.by.id },
    );
    assert.ok(f.citation.length > 0, 'the declaration names its rule');
    assert.deepEqual((v.data.failureHistory as unknown[]).at(-1), v.data.failure);
  },
});

/** Both packages show the link: this one's data.followUp, the new package's facts and definition, the read model row. */
function linkedTo(method: string, reason: string) {
  return async (view: PackageView, { client, db }: ScenarioContext) => {
    const followUp = view.data.followUp as { packageId: string; method: string; reason: string };
    assert.deepEqual([followUp.method, followUp.reason], [method, reason]);
    const next = await client.workflow.getHandle(`paket-${followUp.packageId}`).query(packageState);
    assert.equal(next.facts.previousPackageId, view.packageId);
    assert.equal(next.facts.followUpReason, reason);
    assert.equal(next.definition.method, method);
    const row = await db('packages').where({ id: followUp.packageId }).first();
    assert.deepEqual([row?.method, row?.previous_package_id], [method, view.packageId], 'the follow-up package is in the read model');
  };
}

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
      ...toTechnicalEvaluation,
      {
        do: 'evaluate_technical',
        as: pokja,
        payload: { results: ([[vendorA, 85], [vendorB, 75], [vendorC, 72]] as [ActorRef, number][]).map(([v, score]) => ({ vendorId: v.id, score })) },
      },
      { do: 'open_prices', as: pokja },
      { expectStage: 'award_decision_pa' },
      { refuse: 'refuse_winner_pa', as: pokja, payload: { reason: 'Pokja mencoba menolak calon pemenang.' }, status: 403, code: 'forbidden_role' },
      { do: 'refuse_winner_pa', as: paKpa, payload: { reason: 'Tenaga ahli calon pemenang tidak sesuai kerangka acuan kerja.' } },
      { expectStage: FAILURE_BY_PA_KPA },
      recorded('winnerRefusal', { reason: 'Tenaga ahli calon pemenang tidak sesuai kerangka acuan kerja.' }, paKpa),
      { check: (v) => assert.equal(v.data.awardDecision, undefined, 'no winner was set') },
      // Penunjukan Langsung is not the PA/KPA's follow-up (Pasal 51(10) needs a failed re-seleksi and the Pokja's proposal).
      { refuse: 'declare_failure_pa', as: paKpa, payload: declaration('k', 'penunjukan_langsung', 'Bukan tindak lanjut PA.'), status: 422, code: 'invalid_payload' },
      { do: 'declare_failure_pa', as: paKpa, payload: declaration('k', 'tender_ulang', 'PA tidak menetapkan calon pemenang yang diusulkan Pokja.') },
      { expectStage: 'failed_retender' },
      failureIs({ letter: 'k', followUp: 'tender_ulang', declaredBy: 'pa_kpa', stage: FAILURE_BY_PA_KPA, by: paKpa }),
      { check: linkedTo('seleksi', 'tender_ulang') },
      stopFollowUp,
    ],
    endStatus: 'gagal',
  },
  {
    name: 'LKPP 12/2021 §4.2.14 huruf j: tender cepat, the PPK refuses the SPPBJ, the PA/KPA agrees and declares gagal: tender cepat ulang',
    input: cepatInput('pkt-fbstcsppbj01'),
    steps: [
      runsCurrent('tender-cepat'),
      ...cepatToBidDeadline([[vendorA, 700_000_000], [vendorB, 690_000_000]]),
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
      { refuse: 'declare_failure_pa', as: paKpa, payload: declaration('b', 'tender_cepat_ulang', 'Bukan huruf PA.'), status: 422, code: 'invalid_payload' },
      { do: 'declare_failure_pa', as: paKpa, payload: declaration('j', 'tender_cepat_ulang', 'PA/KPA sependapat dengan penolakan SPPBJ oleh PPK.') },
      { expectStage: 'failed_retender' },
      failureIs({ letter: 'j', followUp: 'tender_cepat_ulang', declaredBy: 'pa_kpa', stage: FAILURE_BY_PA_KPA, by: paKpa }),
      { check: linkedTo('tender-cepat', 'tender_cepat_ulang') },
      stopFollowUp,
    ],
    endStatus: 'gagal',
  },
  {
    name: 'LKPP 12/2021 §5.4.4: tender cepat without bids, the Pokja declares gagal and a replacement Pokja repeats it',
    input: cepatInput('pkt-fbstcpengganti'),
    steps: [
      runsCurrent('tender-cepat'),
      ...cepatToBidDeadline([]),
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

/**
 * The PA/KPA's tender gagal and the switch to Penunjukan Langsung in the two 2-file tenders (pascakualifikasi dua file
 * and prakualifikasi, their current versions), on the time-skipping server with the real activities. The 1-file tender
 * proves these branches in award-after and workflow-tender-failures; the 2-file definitions build the same stages
 * (workflows/definitions/stages.ts, failure.ts) after a different bidding, so each is driven there too:
 *
 * - the PPK refuses to issue the SPPBJ, the PA/KPA agrees (sppbj_refusal_review) and declares gagal with cause j in its
 *   own stage (failure_by_pa_kpa), continued as a re-tender linked to this package (LKPP 12/2021 §4.2.14 huruf j);
 * - a RE-tender fails, the Pokja proposes Penunjukan Langsung, the PA/KPA approves (pl_approval) and a linked
 *   penunjukan-langsung package starts (Pasal 51 ayat (10), Pasal 38 ayat (5) huruf h).
 *
 * At each stage the officer who may not act there is refused with its code, and the decision is read back from data.
 */
import assert from 'node:assert/strict';
import type { ActorRef, PackageInput } from '../domain/process/state';
import { getDefinition } from '../workflows/definitions';
import { FAILURE_BY_PA_KPA } from '../workflows/definitions/stages';
import { linkedTo } from './support/failure-checks';
import { settlesAt, stopFollowUp } from './support/hand-off-steps';
import { runScenarios, type ScenarioStep } from './support/scenario';
import { paKpa, pokja, ppk, vendorA, vendorB, vendorC } from './support/tender-fixture';
import { bidAndScoreFileOne, openFileTwo, pqInput, pqToBidSubmission, toTwoFileBids, twoFileInput, type TwoFileBid } from './support/tender-steps';

/** A PA/KPA of another work unit: the role, but not assigned to these packages. */
const otherPaKpa: ActorRef = { id: 'pa-9', name: 'Kepala Dinas Lain', roles: ['pa_kpa'], org: 'dinas-lain' };

// The current versions (the ones new packages start with): the coverage check counts a stage per id and version.
const TWO_FILE = getDefinition('tender-pasca-2file')!;
const PQ = getDefinition('tender-prakualifikasi')!;

/** A package that is itself the re-tender of a failed one (as startFollowUpPackage creates it). */
const asRetender = (input: PackageInput): PackageInput => ({
  ...input,
  facts: { ...input.facts, previousPackageId: 'pkt-fbtpertama0001', followUpReason: 'tender_ulang' },
});

/** [vendor, technical score, price]: prices within 80–100% of the HPS (Rp1,45 miliar), so no price clarification. */
const BIDS: TwoFileBid[] = [
  [vendorA, 85, 1_300_000_000],
  [vendorB, 80, 1_350_000_000],
];

/** The award by the Pokja (pagu within its limit), its announcement and an unchallenged masa sanggah: the SPPBJ is due. */
const awardToSppbj = (winner: ActorRef): ScenarioStep[] => [
  settlesAt('award_decision', (v) => assert.equal((v.data.award as { winner: { vendorId: string } }).winner.vendorId, winner.id)),
  { do: 'decide_award', as: pokja },
  { do: 'announce_award', as: pokja },
  { expectStage: 'objection_period' },
  { passDeadline: true },
  { expectStage: 'sppbj' },
];

const J_REASON = 'PA/KPA sependapat dengan PPK: hasil pemilihan tidak dapat ditindaklanjuti dengan SPPBJ.';

/**
 * From the SPPBJ: the PPK refuses it, the PA/KPA agrees, and then declares gagal (j) with a re-tender. `wrongPayload`
 * is a cause or follow-up the PA/KPA's declaration does not offer (refused as invalid).
 */
const sppbjRefusedToFailure = (retenderMethod: string, wrongPayload: Record<string, unknown>): ScenarioStep[] => [
  { refuse: 'refuse_sppbj', as: pokja, payload: { reason: 'Pokja tidak berwenang menolak SPPBJ.' }, status: 403, code: 'forbidden_role' },
  { do: 'refuse_sppbj', as: ppk, payload: { reason: 'Dokumen kualifikasi pemenang tidak sesuai dengan persyaratan pekerjaan.' } },
  { expectStage: 'sppbj_refusal_review' },
  {
    check: (v) => {
      const refusal = v.data.sppbjRefusal as { reason: string; by: string };
      assert.deepEqual([refusal.by, refusal.reason], [ppk.id, 'Dokumen kualifikasi pemenang tidak sesuai dengan persyaratan pekerjaan.']);
      assert.equal(v.data.sppbj, undefined, 'no SPPBJ was issued');
    },
  },
  // The PPK waits for the PA/KPA: neither issuing the SPPBJ now nor deciding on its own refusal.
  { refuse: 'issue_sppbj', as: ppk, payload: { number: 'SPPBJ/FBT/2026' }, status: 409, code: 'wrong_stage' },
  { refuse: 'decide_sppbj_refusal', as: ppk, payload: { agree: true }, status: 403, code: 'forbidden_role' },
  { refuse: 'decide_sppbj_refusal', as: otherPaKpa, payload: { agree: true }, status: 403, code: 'not_assigned' },
  { do: 'decide_sppbj_refusal', as: paKpa, payload: { agree: true, note: 'Sependapat dengan PPK.' } },
  { expectStage: FAILURE_BY_PA_KPA },
  {
    check: (v) => {
      const decision = v.data.sppbjRefusalDecision as { agree: boolean; note: string; by: string };
      assert.deepEqual([decision.agree, decision.note, decision.by], [true, 'Sependapat dengan PPK.', paKpa.id]);
      assert.equal(v.data.failure, undefined, 'not gagal until the PA/KPA declares it');
    },
  },
  // The PA/KPA's own stage: the Pokja neither declares with the PA/KPA's action nor with its own.
  { refuse: 'declare_failure_pa', as: pokja, payload: { cause: 'j', followUp: 'tender_ulang', reason: J_REASON }, status: 403, code: 'forbidden_role' },
  { refuse: 'declare_failure', as: pokja, payload: { cause: 'c', followUp: 'tender_ulang', reason: J_REASON }, status: 409, code: 'wrong_stage' },
  { refuse: 'declare_failure_pa', as: paKpa, payload: { reason: J_REASON, ...wrongPayload }, status: 422, code: 'invalid_payload' },
  { do: 'declare_failure_pa', as: paKpa, payload: { cause: 'j', followUp: 'tender_ulang', reason: J_REASON } },
  settlesAt('failed_retender', async (v, ctx) => {
    const f = v.data.failure as { letter: string; declaredBy: string; followUp: string; stage: string; by: string; reason: string };
    assert.deepEqual([f.letter, f.declaredBy, f.followUp, f.stage, f.by, f.reason], ['j', 'pa_kpa', 'tender_ulang', FAILURE_BY_PA_KPA, paKpa.id, J_REASON]);
    await linkedTo(retenderMethod, 'tender_ulang')(v, ctx);
  }),
  stopFollowUp,
];

/** The Pokja's declaration on a failed RE-tender, with Penunjukan Langsung as its follow-up; the PA/KPA approves. */
const penunjukanLangsungApproved = (stage: string, cause: string): ScenarioStep[] => [
  { expectStage: stage },
  // A cause the Pokja declares: the PA/KPA may approve the switch, not declare the failure.
  {
    refuse: 'declare_failure',
    as: paKpa,
    payload: { cause, followUp: 'penunjukan_langsung', reason: 'PA/KPA mencoba menyatakan gagal.' },
    status: 403,
    code: 'forbidden_role',
  },
  { do: 'declare_failure', as: pokja, payload: { cause, followUp: 'penunjukan_langsung', reason: 'Tender ulang juga gagal; diusulkan Penunjukan Langsung.' } },
  { expectStage: 'pl_approval' },
  {
    check: (v) => {
      const f = v.data.failure as { letter: string; declaredBy: string; followUp: string; stage: string };
      assert.deepEqual([f.letter, f.declaredBy, f.followUp, f.stage], [cause, 'pokja', 'penunjukan_langsung', stage]);
      assert.equal(v.data.followUp, undefined, 'nothing started before the PA/KPA approves');
    },
  },
  { refuse: 'approve_penunjukan_langsung', as: pokja, payload: { approved: true }, status: 403, code: 'forbidden_role' },
  { refuse: 'approve_penunjukan_langsung', as: ppk, payload: { approved: true }, status: 403, code: 'forbidden_role' },
  { refuse: 'approve_penunjukan_langsung', as: otherPaKpa, payload: { approved: true }, status: 403, code: 'not_assigned' },
  { do: 'approve_penunjukan_langsung', as: paKpa, payload: { approved: true, note: 'Disetujui sesuai Pasal 38 ayat 5 huruf h.' } },
  settlesAt('failed_switched_to_pl', async (v, ctx) => {
    const approval = v.data.plApproval as { approved: boolean; by: string };
    assert.deepEqual([approval.approved, approval.by], [true, paKpa.id]);
    await linkedTo('penunjukan-langsung', 'tender_ulang_gagal')(v, ctx);
  }),
  stopFollowUp,
];

runScenarios('tender gagal by the PA/KPA and Penunjukan Langsung: pascakualifikasi dua file', [
  {
    name: 'huruf j: the PPK refuses the SPPBJ, the PA/KPA agrees and declares gagal, a linked re-tender follows',
    input: twoFileInput('pkt-fbt2fsppbj01'),
    steps: [
      ...toTwoFileBids({ evaluationMethod: 'harga_terendah_ambang_batas' }, [vendorA, vendorB]),
      ...bidAndScoreFileOne(BIDS),
      ...openFileTwo(),
      settlesAt('qualification_verification'),
      { do: 'verify_qualification', as: pokja, payload: { vendorId: vendorA.id, passed: true } },
      ...awardToSppbj(vendorA),
      // Penunjukan Langsung is no follow-up the PA/KPA's declaration offers (only after a failed re-tender, by the Pokja).
      ...sppbjRefusedToFailure(TWO_FILE.method, { cause: 'j', followUp: 'penunjukan_langsung' }),
    ],
    endStatus: 'gagal',
  },
  {
    name: 'a re-tender in which nobody passes File I: the Pokja proposes Penunjukan Langsung, the PA/KPA approves',
    input: asRetender(twoFileInput('pkt-fbt2fplulang1')),
    steps: [
      ...toTwoFileBids({ evaluationMethod: 'harga_terendah_ambang_batas', technicalThreshold: 80 }, [vendorA, vendorB]),
      ...bidAndScoreFileOne([
        [vendorA, 79, 1_300_000_000],
        [vendorB, 60, 1_250_000_000],
      ]),
      settlesAt('no_passer_announcement'),
      { do: 'announce_no_passer', as: pokja },
      { expectStage: 'no_passer_objection_period' },
      { passDeadline: true },
      ...penunjukanLangsungApproved('failure_follow_up', 'c'),
    ],
    endStatus: 'gagal',
  },
]);

runScenarios('tender gagal by the PA/KPA and Penunjukan Langsung: prakualifikasi', [
  {
    name: 'huruf j: the PPK refuses the SPPBJ, the PA/KPA agrees and declares gagal, a linked re-tender follows',
    input: pqInput('pkt-fbtpqsppbj001'),
    steps: [
      ...pqToBidSubmission([vendorA, vendorB, vendorC]),
      ...bidAndScoreFileOne(BIDS),
      ...openFileTwo(),
      // Verified in the prequalification already: straight to the award.
      ...awardToSppbj(vendorA),
      // A cause only the Pokja declares (c) is no cause the PA/KPA's declaration offers.
      ...sppbjRefusedToFailure(PQ.method, { cause: 'c', followUp: 'tender_ulang' }),
    ],
    endStatus: 'gagal',
  },
  {
    name: 'a re-tender with no bid even in the extension: the Pokja proposes Penunjukan Langsung, the PA/KPA approves',
    input: asRetender(pqInput('pkt-fbtpqplulang1')),
    steps: [
      ...pqToBidSubmission([vendorA, vendorB, vendorC]),
      { passDeadline: true },
      { expectStage: 'bid_extension' },
      { passDeadline: true },
      ...penunjukanLangsungApproved('failure_no_bids', 'b'),
    ],
    endStatus: 'gagal',
  },
]);

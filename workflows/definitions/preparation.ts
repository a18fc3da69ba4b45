/**
 * The common preparation before a selection (docs/regulation.md §2.1 P3–P5, §1.5, §6.1), prefixed to every provider-based
 * method whose officers the UKPBJ assigns:
 *
 * - P3 Penugasan: the PPK created the package and named the UKPBJ; its head (kepala_ukpbj) assigns the Pokja
 *   Pemilihan (or the Pejabat Pengadaan) with an assignment letter. The engine then authorises the assigned members
 *   (effect `assign`), not anyone the PPK named. A Pokja has an odd number of members, at least 3 (Perpres 16/2018
 *   Pasal 13, as cited by docs/regulation.md §1.2 [PRIMARY S1]); a Pejabat Pengadaan acts alone. The API checks beforehand
 *   that every member exists with the role and is not the package's PPK (Pasal 7, conflict of interest).
 * - P4 Reviu DPP: the Pokja/PP records its review of the procurement preparation documents (spec/KAK, HPS, draft
 *   contract) and the PPK co-signs; the minutes "BA Hasil Reviu DPP" (SPSE 4.5 [S19]) are generated. A review that
 *   asks for corrections returns the package to the PPK (assumed, §2.1 P4), then to a new review.
 * - P5 Jadwal: the Pokja sets the schedule through the schedule change step (`change_schedule`, open from the
 *   announcement stage onwards): a change made before the announcement is the Pokja setting its jadwal; a change
 *   after it is a perubahan jadwal, announced to the registered vendors. Both are checked by `scheduleIssues`: a
 *   parameter fixed by law is refused with its rule, the others stay within [min, max].
 *
 * The durations of P3 and P4 have no rule (docs/regulation.md §2.1: "no rule found") and are assumed.
 */
import { type ActionDef, type InterruptDef, type ProcessDefinition, type ProcessNode, type ScheduleParam, successors } from '../../domain/process/definition';
import { SCHEDULE_CHANGE_RULE } from '../../domain/selection/schedule';
import { closed } from './common';
import { REGISTERED_VENDORS } from './objections';
import { withRegistrationIn } from './stages';

export type PreparedOfficer = 'pokja' | 'pejabat_pengadaan';

/** The first stage of a definition with the preparation prefix. */
export const PREPARATION_START = 'officer_assignment';

/** Schedule parameters of the preparation (working days, so no end-on-working-time rule is needed). */
export const preparationParams: Record<string, ScheduleParam> = {
  // Assumed (docs/regulation.md §2.1 P3: no rule found; 1–2 hari kerja).
  assignmentDue: { name: 'Penugasan Pokja/Pejabat Pengadaan oleh Kepala UKPBJ', unit: 'workingDays', default: 2, min: 1, max: 10 },
  // Assumed (docs/regulation.md §2.1 P4: no rule found; ≤5 hari kerja).
  dppReviewDue: { name: 'Reviu Dokumen Persiapan Pengadaan', unit: 'workingDays', default: 5, min: 1, max: 20 },
  // Assumed (docs/regulation.md §2.1 P4: the return to the PPK has no rule either).
  dppRevisionDue: { name: 'Perbaikan Dokumen Persiapan Pengadaan oleh PPK', unit: 'workingDays', default: 5, min: 1, max: 20 },
};

const OFFICER_NAME: Record<PreparedOfficer, string> = { pokja: 'Pokja Pemilihan', pejabat_pengadaan: 'Pejabat Pengadaan' };

/** The head of the UKPBJ assigns the officer(s) with a letter: `assign_officers` {letterNumber, members}. */
export const assignOfficersAction = (officer: PreparedOfficer): ActionDef => ({
  id: 'assign_officers',
  name: `Tugaskan ${OFFICER_NAME[officer]}`,
  performers: [{ role: 'kepala_ukpbj' }],
  payload: closed(
    {
      letterNumber: { type: 'string', minLength: 1, maxLength: 100, description: 'Nomor surat tugas' },
      members: {
        type: 'array',
        minItems: 1,
        maxItems: 15,
        uniqueItems: true,
        items: { type: 'string', minLength: 1, maxLength: 128 },
        description: officer === 'pokja' ? 'Anggota Pokja Pemilihan (gasal, paling sedikit 3)' : 'Pejabat Pengadaan (1 orang)',
      },
    },
    ['letterNumber', 'members'],
  ),
  requires: [{ rule: officer === 'pokja' ? 'pokjaAssignmentValid' : 'pejabatPengadaanAssignmentValid' }],
  effect: { kind: 'assign', role: officer, path: 'officerAssignment' },
});

/** P3: the assignment stage, then `o.next` (the DPP review, or a stage of the caller's own). */
export const officerAssignmentStage = (o: { officer: PreparedOfficer; next: string }): ProcessNode => ({
  id: 'officer_assignment',
  name: `Penugasan ${OFFICER_NAME[o.officer]} oleh Kepala UKPBJ`,
  type: 'userTask',
  due: 'assignmentDue',
  completion: 'any',
  actions: [assignOfficersAction(o.officer)],
  next: o.next,
});

/** The review is recorded first; the PPK co-signs what was recorded. */
const reviewRecorded = {
  when: { op: 'exists' as const, operand: { path: 'dppReview' } },
  code: 'review_not_recorded',
  message: 'Hasil Reviu DPP belum dicatat oleh Pokja/Pejabat Pengadaan; PPK menandatangani setelah hasil reviu dicatat.',
  status: 409 as const,
};

/**
 * P4: Reviu DPP (`dpp_review`: the officer records, the PPK co-signs), its minutes, then `o.next` when the documents
 * are in order, or the PPK's revision (`dpp_revision`) and a new review when they are not.
 */
export const dppReviewStages = (o: { officer: PreparedOfficer; next: string }): ProcessNode[] => [
  {
    id: 'dpp_review',
    name: 'Reviu Dokumen Persiapan Pengadaan (DPP)',
    type: 'userTask',
    due: 'dppReviewDue',
    completion: 'all',
    // Each round starts from no review and no co-signature; data.dppReviews keeps every round.
    resets: ['dppReview', 'dppReviewCosign'],
    actions: [
      {
        id: 'review_dpp',
        name: 'Catat Hasil Reviu DPP',
        performers: [{ role: o.officer }],
        payload: closed(
          {
            result: { enum: ['sesuai', 'perlu_perbaikan'], description: 'sesuai: DPP dapat dipakai; perlu_perbaikan: dikembalikan kepada PPK' },
            notes: { type: 'string', minLength: 10, maxLength: 4000, description: 'Catatan hasil reviu (spesifikasi/KAK, HPS, rancangan kontrak)' },
          },
          ['result', 'notes'],
        ),
        effect: { kind: 'apply', reducer: 'recordDppReview' },
      },
      {
        id: 'cosign_dpp_review',
        name: 'Tandatangani BA Hasil Reviu DPP (PPK)',
        performers: [{ role: 'ppk' }],
        payload: closed({ note: { type: 'string', maxLength: 2000 } }),
        requires: [reviewRecorded],
        effect: { kind: 'set', path: 'dppReviewCosign' },
      },
    ],
    next: 'dpp_review_minutes',
  },
  {
    id: 'dpp_review_minutes',
    name: 'Pembuatan BA Hasil Reviu DPP',
    type: 'serviceTask',
    service: 'generateDocument',
    args: { kind: 'ba_reviu_dpp', revisionPath: 'dppReview.round' },
    resultPath: 'documents.ba_reviu_dpp',
    next: 'dpp_review_result',
  },
  {
    id: 'dpp_review_result',
    name: 'DPP sesuai?',
    type: 'exclusiveGateway',
    branches: [{ name: 'perlu perbaikan', when: { op: 'eq', left: { path: 'dppReview.result' }, right: { value: 'perlu_perbaikan' } }, to: 'dpp_revision' }],
    default: o.next,
  },
  {
    id: 'dpp_revision',
    name: 'Perbaikan DPP oleh PPK',
    type: 'userTask',
    due: 'dppRevisionDue',
    completion: 'any',
    actions: [
      {
        id: 'revise_dpp',
        name: 'Serahkan Perbaikan DPP',
        performers: [{ role: 'ppk' }],
        payload: closed({ summary: { type: 'string', minLength: 10, maxLength: 4000, description: 'Ringkasan perbaikan DPP' } }, ['summary']),
        effect: { kind: 'append', path: 'dppRevisions' },
      },
    ],
    next: 'dpp_review',
  },
];

/** P3 and P4 in order: assignment, Reviu DPP (with its revision loop), then `o.next` (the announcement). */
export function preparationStages(o: { officer: PreparedOfficer; next: string }): ProcessNode[] {
  return [officerAssignmentStage({ officer: o.officer, next: 'dpp_review' }), ...dppReviewStages(o)];
}

/**
 * Perubahan jadwal (and the Pokja setting its jadwal before the announcement): a non-interrupting step of the
 * assigned `officers` (the Pokja; a definition where a Pejabat Pengadaan may run the package names it too), open only
 * at the stages `onlyAt`. The rule
 * book's `scheduleChangeAllowed` refuses a fixed parameter with its rule and keeps the others in bounds; the reducer
 * `changeSchedule` records data.schedule[param] and data.scheduleChanges[]; the registered vendors are told.
 */
export function scheduleChangeInterrupt(onlyAt: string[], officers: PreparedOfficer[] = ['pokja']): InterruptDef {
  const action: ActionDef = {
    id: 'change_schedule',
    name: 'Ubah Jadwal Tahapan',
    // Only the officers the definition declares (a definition may not name a role it does not have).
    performers: officers.map((role) => ({ role })),
    payload: closed(
      {
        changes: {
          type: 'object',
          minProperties: 1,
          maxProperties: 20,
          additionalProperties: { type: 'integer', minimum: 0, maximum: 3650 },
          description: 'Parameter jadwal dan nilai barunya, misalnya {"bidSubmissionDays": 10}',
        },
        reason: { type: 'string', minLength: 10, maxLength: 4000, description: 'Alasan perubahan jadwal' },
      },
      ['changes', 'reason'],
    ),
    requires: [{ rule: 'scheduleChangeAllowed' }],
    effect: { kind: 'apply', reducer: 'changeSchedule' },
    reschedules: true,
    rule: SCHEDULE_CHANGE_RULE,
    notify: { kind: 'schedule_change', to: REGISTERED_VENDORS, fields: ['changes', 'reason'] },
  };
  return { action, notAt: [], onlyAt };
}

/**
 * The stages a schedule change is open at: every task and window reachable from `from` (the announcement) without
 * going past `until` (the award announcement, included). Derived from the flow, so stages other helpers add to the
 * selection (a re-evaluation, a failure follow-up) are covered and the objection and contract stages are not.
 */
export function stagesBetween(nodes: ProcessNode[], from: string, until: string): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length) {
    const id = queue.shift()!;
    const node = byId.get(id);
    if (!node || seen.has(id)) continue;
    seen.add(id);
    if (id !== until) queue.push(...successors(node));
  }
  return nodes.filter((n) => seen.has(n.id) && (n.type === 'userTask' || n.type === 'timeWindow')).map((n) => n.id);
}

/**
 * A selection with the preparation prefix already in its nodes (`start: PREPARATION_START`), completed with what the
 * prefix implies for the rest of the flow: registration open until the bid deadline in `lateRegistration` windows
 * (with `register`, the method's own register action when it differs), and the schedule change step open from `from`
 * (the announcement, where the Pokja sets its jadwal) to `until` (the award announcement).
 */
export function preparedSelection(
  def: ProcessDefinition,
  o: { from: string; until: string; lateRegistration?: string[]; register?: ActionDef; officers?: PreparedOfficer[] },
): ProcessDefinition {
  const nodes = o.lateRegistration ? withRegistrationIn(def.nodes, o.lateRegistration, o.register) : def.nodes;
  const change = scheduleChangeInterrupt(stagesBetween(nodes, o.from, o.until), o.officers);
  return { ...def, nodes, interrupts: [...(def.interrupts ?? []), change] };
}

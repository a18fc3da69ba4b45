/**
 * Stage builders for the blocks several process definitions share word for word: registration, and the tail from the
 * award decision to the signed contract (penetapan pemenang, pengumuman pemenang, masa sanggah, SPPBJ,
 * penandatanganan kontrak). They give plain data, exactly what the definitions wrote inline before; stages are
 * functions returning fresh objects, whole actions shared as they stand are constants.
 *
 * Only identical stages belong here. A definition whose stage differs in its ids, names, payloads or flow keeps its
 * own literal rather than adding an option: tender-cepat's combined award and announcement, the consultancy contract
 * of seleksi, swakelola's contract and the SPK of pengadaan langsung. Tender-pasca-1file writes its SPPBJ and contract
 * payloads with `required` before `properties`, which the stored definitions show, so it keeps those two as well.
 */
import type { ActionDef, ProcessNode, Requirement, ScheduleParam, UserTaskNode } from '../../domain/process/definition';
import type { Predicate } from '../../domain/process/predicate';
import { awardByPokja, PA_KPA_AWARD_RULE, POKJA_AWARD_RULE } from '../../domain/selection/award-authority';
import { closed, collegial, pokjaAction, voteAction, withNote, withReason } from './common';
import { appealParams, FIXED_PERIOD_RULES, type ObjectionFlow, objectionParams, objectionStages } from './objections';

/** Schedule parameters of the stages after the award besides the SPPBJ itself. */
export const afterAwardParams: Record<string, ScheduleParam> = {
  // Assumed (no rule found): the PA/KPA answers the PPK's refusal within 5 working days.
  sppbjRefusalDue: { name: 'Keputusan PA/KPA atas penolakan SPPBJ', unit: 'workingDays', default: 5, min: 1, max: 14 },
};

/** Schedule parameters of the tender award-to-contract stages, in the order the tenders declare them. */
export const awardToContractParams: Record<string, ScheduleParam> = {
  awardDue: { name: 'Penetapan pemenang', unit: 'workingDays', default: 1, min: 1, max: 10 },
  announcementAwardDue: { name: 'Pengumuman pemenang', unit: 'workingDays', default: 1, min: 1, max: 5 },
  // Sourced (LKPP 12/2021 via S4): 5 calendar days, ending on a working day within working hours; fixed by that rule.
  objectionDays: { name: 'Masa sanggah', unit: 'calendarDays', default: 5, min: 5, fixed: FIXED_PERIOD_RULES.objectionDays, endOnWorkingTime: true },
  ...objectionParams,
  ...appealParams,
  sppbjDue: { name: 'Penerbitan SPPBJ', unit: 'calendarDays', default: 5, min: 1, max: 14, endOnWorkingTime: true },
  ...afterAwardParams,
};

/** A vendor who registered already, in an earlier window, is told so rather than registered again. */
export const notYetRegistered: Requirement = {
  when: { not: { op: 'someItem', path: 'registrations', field: 'by', right: { path: '$actor.id' } } },
  code: 'already_registered',
  message: 'Penyedia sudah terdaftar sebagai peserta paket ini.',
  status: 409,
};

/** A vendor registers for the package once (data.registrations, which `registered` checks). */
export const registerAction: ActionDef = {
  id: 'register',
  name: 'Daftar sebagai Peserta',
  performers: [{ role: 'penyedia' }],
  payload: closed({}),
  requires: [notYetRegistered],
  effect: { kind: 'upsertByActor', path: 'registrations' },
  oncePerActor: true,
};

/**
 * Registration stays open until the bid deadline (issue 13 point 12; docs/regulation.md §2.2 row 2: "open from announcement
 * until shortly before bid deadline"): the register action is offered in the given later windows too (clarification,
 * bid submission and its extension). Windows that already offer a `register` action are left as they are.
 */
export const withRegistrationIn = (nodes: ProcessNode[], stageIds: string[], action: ActionDef = registerAction): ProcessNode[] =>
  nodes.map((n) =>
    n.type === 'timeWindow' && stageIds.includes(n.id) && !n.actions.some((a) => a.id === action.id) ? { ...n, actions: [action, ...n.actions] } : n,
  );

/** The windows of an open tender in which a vendor may still register: until the bid deadline. */
export const LATE_REGISTRATION_WINDOWS = ['clarification', 'bid_submission', 'bid_extension'];

/** Registration and document download of an open tender (`registrationDays`), then the clarification. */
export const registrationStage = (): ProcessNode => ({
  id: 'registration',
  name: 'Pendaftaran dan Download Dokumen Pemilihan',
  type: 'timeWindow',
  duration: 'registrationDays',
  actions: [registerAction],
  next: 'clarification',
});

/**
 * Node id of the stage where the PA/KPA declares the tender failed (tender gagal causes j–l, LKPP 12/2021 §4.2.14 via
 * docs/regulation.md §3.2): after refusing the winner it would have to set, or agreeing with the PPK's refusal of the SPPBJ.
 * workflows/definitions/failure.ts builds that stage in every definition whose actions lead there.
 */
export const FAILURE_BY_PA_KPA = 'failure_by_pa_kpa';

const byPaKpa: Predicate = { not: awardByPokja };

/** The PA/KPA refuses the winner it would have to set (above the Pokja's limit): gagal by its declaration (cause k). */
export const refuseWinnerPaAction: ActionDef = {
  id: 'refuse_winner_pa',
  name: 'Tolak Calon Pemenang (PA/KPA)',
  performers: [{ role: 'pa_kpa' }],
  payload: withReason,
  requires: [
    {
      when: byPaKpa,
      code: 'award_by_pokja',
      message:
        'Pagu paket dalam batas kewenangan Pokja Pemilihan: PA/KPA tidak menetapkan atau menolak pemenang paket ini (Perpres 16/2018 Pasal 13 ayat (1) huruf c).',
      status: 403,
      rule: POKJA_AWARD_RULE,
    },
  ],
  effect: { kind: 'set', path: 'winnerRefusal' },
  to: FAILURE_BY_PA_KPA,
};

/**
 * Who sets the winner goes by the pagu (domain/selection/award-authority.ts): the Pokja up to Rp100 miliar (Rp10
 * miliar consultancy, Pasal 13 ayat (1) huruf c), the PA/KPA above (Pasal 9 ayat (1) huruf n). Both actions are in the
 * stage, and the wrong officer is refused with the article. Above the limit the PA/KPA may refuse the winner instead:
 * the tender then fails by its declaration (FAILURE_BY_PA_KPA).
 */
export const awardActions = (name = 'Tetapkan Pemenang'): ActionDef[] => [
  {
    // A collegial decision of the Pokja (issue 13 point 3): a member's proposal the majority approves.
    ...collegial(pokjaAction('decide_award', name, 'awardDecision')),
    requires: [
      {
        when: awardByPokja,
        code: 'award_by_pa_kpa',
        message:
          'Pagu paket di atas batas kewenangan Pokja (Rp100.000.000.000; jasa konsultansi Rp10.000.000.000): ' +
          'pemenang ditetapkan oleh PA/KPA (Perpres 16/2018 Pasal 9 ayat (1) huruf n).',
        status: 403,
        rule: PA_KPA_AWARD_RULE,
      },
    ],
  },
  {
    id: 'decide_award_pa',
    name: `${name} (PA/KPA)`,
    performers: [{ role: 'pa_kpa' }],
    payload: withNote,
    requires: [
      {
        when: byPaKpa,
        code: 'award_by_pokja',
        message: 'Pagu paket dalam batas kewenangan Pokja Pemilihan: pemenang ditetapkan oleh Pokja (Perpres 16/2018 Pasal 13 ayat (1) huruf c).',
        status: 403,
        rule: POKJA_AWARD_RULE,
      },
    ],
    effect: { kind: 'set', path: 'awardDecision' },
  },
  refuseWinnerPaAction,
];

/** Penetapan Pemenang (`awardDue`) by the Pokja or, above its limit, the PA/KPA; then the announcement. */
export const awardDecisionStage = (): ProcessNode => ({
  id: 'award_decision',
  name: 'Penetapan Pemenang',
  type: 'userTask',
  due: 'awardDue',
  completion: 'any',
  actions: [...awardActions(), voteAction(['decide_award'])],
  next: 'award_announcement',
});

/** Pengumuman Pemenang by the Pokja, then the masa sanggah. Seleksi names its due parameter awardAnnouncementDue. */
export const awardAnnouncementStage = (due = 'announcementAwardDue'): ProcessNode => ({
  id: 'award_announcement',
  name: 'Pengumuman Pemenang',
  type: 'userTask',
  due,
  completion: 'any',
  actions: [pokjaAction('announce_award', 'Umumkan Pemenang', 'awardAnnouncement')],
  next: 'objection_period',
});

/** Penerbitan SPPBJ by the PPK (`sppbjDue`), then its document and the hand-off to E-Kontrak. */
export const sppbjStage = (): UserTaskNode => ({
  id: 'sppbj',
  name: 'Penerbitan SPPBJ',
  type: 'userTask',
  due: 'sppbjDue',
  completion: 'any',
  actions: [
    {
      id: 'issue_sppbj',
      name: 'Terbitkan SPPBJ',
      performers: [{ role: 'ppk' }],
      payload: closed({ number: { type: 'string', minLength: 1, maxLength: 100 } }, ['number']),
      effect: { kind: 'set', path: 'sppbj' },
    },
  ],
  next: 'sppbj_document',
});

/** The completed end: Kontrak Ditandatangani (the E-Kontrak child reached its 'signed' milestone). */
export const contractSignedEnd = (): ProcessNode => ({
  id: 'contract_signed',
  name: 'Kontrak Ditandatangani',
  type: 'endEvent',
  outcome: 'completed',
  status: 'contract_signed',
});

/** Where the awarding package keeps the provider and the agreed price, for the contract it hands off to. */
export interface HandOffPaths {
  providerPath: string;
  valuePath: string;
  bidPricePath?: string;
  /** Where the award says the performance security is on the HPS ('hps': winning bid below 80% of HPS, Pasal 33(3)). */
  securityBasisPath?: string;
}
export const TENDER_WINNER: HandOffPaths = { providerPath: 'award.winner.vendorId', valuePath: 'award.winner.price' };
/** A tender's award: the winner, and the security basis its price clarification decided (domain/evaluation/award.ts). */
export const TENDER_AWARD: HandOffPaths = { ...TENDER_WINNER, securityBasisPath: 'award.performanceSecurity.basis' };

/**
 * The E-Kontrak child of the given kind, prepared from the package data and started as a callActivity that waits for
 * the child's milestone (`waitFor`) or, without one, for its end (an e-purchasing order, a swakelola agreement).
 */
export const handOffCall = (
  kind: 'kontrak' | 'surat_pesanan' | 'swakelola',
  paths: HandOffPaths,
  waitFor?: string,
  extraArgs: Record<string, unknown> = {},
): ProcessNode[] => [
  {
    id: 'prepare_contract',
    name: 'Penyiapan Kontrak Elektronik',
    type: 'serviceTask',
    service: 'prepareContract',
    args: { kind, ...paths, ...extraArgs },
    resultPath: 'contractStart',
    next: 'contract_execution',
  },
  {
    id: 'contract_execution',
    name: waitFor ? 'Penandatanganan Kontrak (E-Kontrak)' : 'Pelaksanaan Kontrak (E-Kontrak)',
    type: 'callActivity',
    inputFrom: 'contractStart',
    ...(waitFor ? { waitFor } : {}),
    resultPath: 'contractLink',
    next: 'contract_result',
  },
];

/** The hand-off stages, where cancelling the package is no longer possible (the contract has its own termination). */
export const HAND_OFF_STAGES = ['prepare_contract', 'contract_execution', 'contract_result'];

/**
 * After the SPPBJ: its document, then the E-Kontrak child process (workflows/definitions/contract), which the package
 * waits for until the contract is signed by both parties. The package then ends as 'contract_signed' and the contract
 * runs on by itself to its handover (docs/regulation.md §2.2 rows 14–16, §2.10).
 */
export const contractHandOffStages = (paths: HandOffPaths = TENDER_AWARD, opts: { sppbj: boolean; reserves?: boolean } = { sppbj: true }): ProcessNode[] => [
  ...(opts.sppbj
    ? [
        {
          id: 'sppbj_document',
          name: 'Pembuatan Dokumen SPPBJ',
          type: 'serviceTask' as const,
          service: 'generateDocument',
          // A reserve winner's SPPBJ is a new document (revision = the award's round), not the first one again.
          args: { kind: 'sppbj', ...(opts.reserves ? { revisionPath: AWARD_ROUND } : {}) },
          resultPath: 'documents.sppbj',
          next: 'prepare_contract',
        },
      ]
    : []),
  // A reserve winner's contract is a new child: its id covers the award's round (activities/services/contract.ts).
  ...handOffCall('kontrak', paths, 'signed', opts.reserves ? { roundPath: AWARD_ROUND } : {}),
  {
    id: 'contract_result',
    name: 'Kontrak ditandatangani?',
    type: 'exclusiveGateway',
    branches: [{ name: 'ditandatangani', when: { op: 'eq', left: { path: 'contractLink.milestone' }, right: { value: 'signed' } }, to: 'contract_signed' }],
    // Unsigned (the E-Kontrak ended without its 'signed' milestone): the award goes to the next reserve winner.
    default: opts.reserves ? WINNER_REPLACEMENT : 'contract_not_signed',
  },
  contractSignedEnd(),
  ...(opts.reserves
    ? []
    : [{ id: 'contract_not_signed', name: 'Kontrak Tidak Ditandatangani', type: 'endEvent' as const, outcome: 'failed' as const, status: 'gagal' as const }]),
];

/** The award's round: 1 for the winner, 2 and 3 for reserve winners 1 and 2 (absent means 1). */
export const AWARD_ROUND = 'award.round';
/** The service stage that passes the award to the next reserve winner (activities/services/reserve-winner.ts). */
export const WINNER_REPLACEMENT = 'winner_replacement';

const notOrderedToIssue: Requirement = {
  when: { not: { op: 'eq', left: { path: 'sppbjRefusalDecision.agree' }, right: { value: false } } },
  code: 'sppbj_wajib_diterbitkan',
  message: 'PA/KPA tidak sependapat dengan penolakan PPK: SPPBJ wajib diterbitkan (Perlem LKPP 12/2021 Lampiran II §4.2.14 huruf j).',
  status: 409,
  rule: 'Perlem LKPP 12/2021 Lampiran II §4.2.14 huruf j',
};

/**
 * Penerbitan SPPBJ in a tender (docs/regulation.md §2.2 row 15, §5.2), with what may happen instead:
 * - the PPK refuses to issue it, with a reason: the PA/KPA decides (sppbj_refusal_review); agreeing fails the tender
 *   (cause j, FAILURE_BY_PA_KPA), disagreeing sends it back here and the PPK must issue it;
 * - the winner withdraws before the SPPBJ, with a reason (Perpres 16/2018 Pasal 78 ayat (1) huruf d): the award
 *   passes to the next reserve winner (WINNER_REPLACEMENT), who then gets the SPPBJ here.
 * The contract that follows (contractHandOffStages with reserves) comes back to WINNER_REPLACEMENT when it ends
 * unsigned: the winner withdrew after the SPPBJ (Pasal 78 ayat (2)). No reserve left → `noReserve`.
 */
export const tenderSppbjStages = (o: { noReserve: string }): ProcessNode[] => [
  {
    ...sppbjStage(),
    // A reserve winner's round starts without the previous winner's SPPBJ or withdrawal (both kept in award.replaced).
    resets: ['sppbj', 'withdrawal'],
    actions: [
      ...sppbjStage().actions,
      {
        id: 'refuse_sppbj',
        name: 'Tolak Menerbitkan SPPBJ',
        performers: [{ role: 'ppk' }],
        payload: withReason,
        requires: [notOrderedToIssue],
        effect: { kind: 'set', path: 'sppbjRefusal' },
        to: 'sppbj_refusal_review',
      },
      {
        id: 'withdraw_award',
        name: 'Mengundurkan Diri sebagai Pemenang',
        performers: [{ role: 'penyedia', actorIs: 'award.winner.vendorId' }],
        payload: withReason,
        effect: { kind: 'set', path: 'withdrawal' },
        rule: 'Perpres 16/2018 Pasal 78 ayat (1) huruf d dan ayat (5) huruf b',
        to: WINNER_REPLACEMENT,
      },
    ],
  },
  {
    id: 'sppbj_refusal_review',
    name: 'Keputusan PA/KPA atas Penolakan SPPBJ oleh PPK',
    type: 'userTask',
    due: 'sppbjRefusalDue',
    completion: 'any',
    actions: [
      {
        id: 'decide_sppbj_refusal',
        name: 'Putuskan Penolakan SPPBJ',
        performers: [{ role: 'pa_kpa' }],
        payload: closed(
          {
            agree: { type: 'boolean', description: 'true: sependapat dengan PPK (tender gagal, huruf j); false: PPK wajib menerbitkan SPPBJ' },
            note: { type: 'string', maxLength: 2000 },
          },
          ['agree'],
        ),
        effect: { kind: 'set', path: 'sppbjRefusalDecision' },
      },
    ],
    next: 'sppbj_refusal_agreed',
  },
  {
    id: 'sppbj_refusal_agreed',
    name: 'PA/KPA sependapat dengan PPK?',
    type: 'exclusiveGateway',
    branches: [
      { name: 'sependapat: tender gagal (j)', when: { op: 'eq', left: { path: 'sppbjRefusalDecision.agree' }, right: { value: true } }, to: FAILURE_BY_PA_KPA },
    ],
    default: 'sppbj',
  },
  {
    id: WINNER_REPLACEMENT,
    name: 'Penggantian Pemenang oleh Pemenang Cadangan (Sanksi Pasal 78)',
    type: 'serviceTask',
    service: 'replaceWinner',
    resultPath: 'winnerReplacement',
    resultPaths: { award: 'award' },
    next: 'reserve_found',
  },
  {
    id: 'reserve_found',
    name: 'Ada pemenang cadangan?',
    type: 'exclusiveGateway',
    branches: [{ name: 'pemenang cadangan', when: { op: 'exists', operand: { path: 'award.winner' } }, to: 'sppbj' }],
    default: o.noReserve,
  },
];

/**
 * From the award decision to the signed contract of a tender (§2.2 rows 8–16; tender-pasca-2file, prakualifikasi),
 * with the masa sanggah and sanggah banding of ./objections, which go on to the SPPBJ.
 */
export const awardToContractStages = (objections: Omit<ObjectionFlow, 'next'>, o: { noReserve: string } = { noReserve: 'start_retender' }): ProcessNode[] => [
  awardDecisionStage(),
  awardAnnouncementStage(),
  ...objectionStages({ ...objections, next: 'sppbj' }),
  ...tenderSppbjStages(o),
  ...contractHandOffStages(TENDER_AWARD, { sppbj: true, reserves: true }),
];

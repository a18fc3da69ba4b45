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
import type { ActionDef, ProcessNode, ScheduleParam } from '../../domain/process/definition';
import { closed, pokjaAction } from './common';
import { appealParams, type ObjectionFlow, objectionParams, objectionStages } from './objections';

/** Schedule parameters of the tender award-to-contract stages, in the order the tenders declare them. */
export const awardToContractParams: Record<string, ScheduleParam> = {
  awardDue: { name: 'Penetapan pemenang', unit: 'workingDays', default: 1, min: 1 },
  announcementAwardDue: { name: 'Pengumuman pemenang', unit: 'workingDays', default: 1, min: 1 },
  // Sourced (LKPP 12/2021 via S4): 5 calendar days, ending on a working day within working hours.
  objectionDays: { name: 'Masa sanggah', unit: 'calendarDays', default: 5, min: 5, endOnWorkingTime: true },
  ...objectionParams,
  ...appealParams,
  sppbjDue: { name: 'Penerbitan SPPBJ', unit: 'calendarDays', default: 5, min: 1, endOnWorkingTime: true },
};

/** A vendor registers for the package once (data.registrations, which `registered` checks). */
export const registerAction: ActionDef = {
  id: 'register',
  name: 'Daftar sebagai Peserta',
  performers: [{ role: 'penyedia' }],
  payload: closed({}),
  effect: { kind: 'upsertByActor', path: 'registrations' },
  oncePerActor: true,
};

/** Registration and document download of an open tender (`registrationDays`), then the clarification. */
export const registrationStage = (): ProcessNode => ({
  id: 'registration',
  name: 'Pendaftaran dan Download Dokumen Pemilihan',
  type: 'timeWindow',
  duration: 'registrationDays',
  actions: [registerAction],
  next: 'clarification',
});

/** Penetapan Pemenang by the Pokja (`awardDue`), then the announcement. */
export const awardDecisionStage = (): ProcessNode => ({
  id: 'award_decision',
  name: 'Penetapan Pemenang',
  type: 'userTask',
  due: 'awardDue',
  completion: 'any',
  actions: [pokjaAction('decide_award', 'Tetapkan Pemenang', 'awardDecision')],
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
export const sppbjStage = (): ProcessNode => ({
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
export const handOffCall = (kind: 'kontrak' | 'surat_pesanan' | 'swakelola', paths: HandOffPaths, waitFor?: string): ProcessNode[] => [
  {
    id: 'prepare_contract',
    name: 'Penyiapan Kontrak Elektronik',
    type: 'serviceTask',
    service: 'prepareContract',
    args: { kind, ...paths },
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
 * runs on by itself to its handover (spse-domain §2.2 rows 14–16, §2.10).
 */
export const contractHandOffStages = (paths: HandOffPaths = TENDER_AWARD, opts: { sppbj: boolean } = { sppbj: true }): ProcessNode[] => [
  ...(opts.sppbj
    ? [
        {
          id: 'sppbj_document',
          name: 'Pembuatan Dokumen SPPBJ',
          type: 'serviceTask' as const,
          service: 'generateDocument',
          args: { kind: 'sppbj' },
          resultPath: 'documents.sppbj',
          next: 'prepare_contract',
        },
      ]
    : []),
  ...handOffCall('kontrak', paths, 'signed'),
  {
    id: 'contract_result',
    name: 'Kontrak ditandatangani?',
    type: 'exclusiveGateway',
    branches: [
      { name: 'ditandatangani', when: { op: 'eq', left: { path: 'contractLink.milestone' }, right: { value: 'signed' } }, to: 'contract_signed' },
    ],
    default: 'contract_not_signed',
  },
  contractSignedEnd(),
  { id: 'contract_not_signed', name: 'Kontrak Tidak Ditandatangani', type: 'endEvent', outcome: 'failed', status: 'gagal' },
];

/**
 * From the award decision to the signed contract of a tender (§2.2 rows 8–16; tender-pasca-2file, prakualifikasi),
 * with the masa sanggah and sanggah banding of ./objections, which go on to the SPPBJ.
 */
export const awardToContractStages = (objections: Omit<ObjectionFlow, 'next'>): ProcessNode[] => [
  awardDecisionStage(),
  awardAnnouncementStage(),
  ...objectionStages({ ...objections, next: 'sppbj' }),
  sppbjStage(),
  ...contractHandOffStages(),
];

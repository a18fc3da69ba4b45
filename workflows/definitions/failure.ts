/**
 * Tender/seleksi gagal (Perpres 16/2018 jo. 12/2021 Pasal 51; LKPP 12/2021 §4.2.14–4.2.15; docs/regulation.md §3.2) as stage
 * builders every tender-family definition uses (tender pasca 1 and 2 file, prakualifikasi, seleksi, tender cepat):
 *
 * - A declaration stage per situation in which the process finds the selection failed (no bids after the extension:
 *   b; nobody passes after the announcement and its sanggah: c/g; the seleksi negotiation fails: h; the re-run
 *   prequalification fails: pq_a/pq_b). The Pokja declares gagal collegially with the cause letter, the follow-up and
 *   a reason; the rule book refuses a follow-up the cause does not allow, naming the Pasal (domain/selection/failure.ts).
 * - The PA/KPA declares causes j–l with a separate action in its own stage (FAILURE_BY_PA_KPA), which its refusals
 *   lead to (the winner above the Pokja's limit, the PPK's refusal of the SPPBJ); an upheld sanggah banding takes
 *   its follow-up directly (./objections).
 * - The follow-ups: evaluasi ulang and penawaran ulang inside the package; tender/seleksi ulang as a new linked package;
 *   after a failed re-tender, Penunjukan Langsung once the PA/KPA approves (Pasal 51(10), 38(5)h); for tender cepat,
 *   tender cepat ulang, ulang by a replacement Pokja, or no continuation (§2.6).
 * - "No bidder passes" (cause c) is announced and open to sanggah before it becomes gagal (§3.2): `noPasserStages`
 *   reuses the masa sanggah of ./objections with the declaration as its `next`; an upheld sanggah re-evaluates.
 *
 * The cause is recorded at data.failure (and data.failureHistory), published as the OCDS tender's statusDetails and as
 * a public event.
 */
import { type ActionDef, type ProcessNode, type ScheduleParam, successors } from '../../domain/process/definition';
import type { Predicate } from '../../domain/process/predicate';
import { type FailureFollowUp, type FailureLetter, FAILURE_CAUSES, FOLLOW_UP_NAMES, PA_LETTERS, TENDER_CEPAT_FOLLOW_UPS } from '../../domain/selection/failure';
import type { FollowUp } from '../../domain/selection/objections';
import { closed, collegial, voteAction } from './common';
import { objectionStages } from './objections';
import { FAILURE_BY_PA_KPA } from './stages';

export type FailureVariant = 'tender' | 'seleksi' | 'tender_cepat';

/** Due times of the failure stages (assumed: the reference gives none). */
export const failureParams: Record<string, ScheduleParam> = {
  failureFollowUpDue: { name: 'Tindak lanjut tender gagal', unit: 'workingDays', default: 2, min: 1, max: 10 },
  plApprovalDue: { name: 'Persetujuan Penunjukan Langsung', unit: 'workingDays', default: 3, min: 1, max: 10 },
};
/** The announcement that nobody passes (before its masa sanggah). */
export const noPasserParams: Record<string, ScheduleParam> = {
  noPasserAnnouncementDue: { name: 'Pengumuman tidak ada peserta yang lulus', unit: 'workingDays', default: 1, min: 1, max: 5 },
};

/** A situation in which the process finds the selection failed, with the causes the Pokja may declare there. */
export interface FailureEntry {
  id: string;
  name: string;
  causes: FailureLetter[];
}

/**
 * The causes the Pokja may declare when the evaluation leaves no winner (after the announcement and its sanggah):
 * nobody passes (c) or every price above the HPS (g) as found, or what the Pokja finds then — an evaluation error
 * (a), an error in the selection document (d), KKN or unfair competition of all bidders (e, f) or involving the Pokja
 * or PPK (i). Each takes the follow-up Pasal 51(6)–(9) gives it.
 */
export const NO_WINNER_CAUSES: FailureLetter[] = ['c', 'g', 'a', 'd', 'e', 'f', 'i'];

export interface FailureOptions {
  variant: FailureVariant;
  /** 'Tender', 'Seleksi', 'Tender Cepat': stage names. */
  label: string;
  /** Method of the re-tender package (a new linked package). */
  retenderMethod: string;
  /** Stage the evaluasi ulang starts at, when the definition has one. */
  evaluation?: string;
  /** Stage the penyampaian penawaran ulang starts at, when the definition has one. */
  resubmission?: string;
  entries: FailureEntry[];
}

const DECLARE = 'declare_failure';
const DECLARE_PA = 'declare_failure_pa';

/** The follow-ups a definition can take (the rule book then narrows them to the cause's). */
function followUpsOf(o: Pick<FailureOptions, 'variant' | 'evaluation' | 'resubmission'>): FailureFollowUp[] {
  if (o.variant === 'tender_cepat') return [...TENDER_CEPAT_FOLLOW_UPS];
  return [
    ...(o.evaluation ? (['evaluasi_ulang'] as const) : []),
    ...(o.resubmission ? (['penawaran_ulang'] as const) : []),
    'tender_ulang',
    'penunjukan_langsung',
  ];
}

const followUpDescription = (followUps: FailureFollowUp[]) => followUps.map((f) => `${f}: ${FOLLOW_UP_NAMES[f]}`).join('; ');
const causeDescription = (causes: FailureLetter[]) => causes.map((c) => `${c}: ${FAILURE_CAUSES[c].text}`).join('; ');

function declarationPayload(causes: FailureLetter[], followUps: FailureFollowUp[]) {
  return closed(
    {
      cause: { enum: causes, description: `Penyebab gagal (Pasal 51): ${causeDescription(causes)}` },
      followUp: { enum: followUps, description: followUpDescription(followUps) },
      reason: { type: 'string', minLength: 10, maxLength: 4000, description: 'Alasan dan uraian penetapan gagal' },
    },
    ['cause', 'followUp', 'reason'],
  );
}

const checkOf = (variant: FailureVariant) => (variant === 'tender_cepat' ? 'tenderCepatFailureFollowUpAllowed' : 'failureFollowUpAllowed');

/** The Pokja's collegial declaration of gagal with one of `causes`. */
export const declareFailureAction = (o: Pick<FailureOptions, 'variant' | 'evaluation' | 'resubmission' | 'label'>, causes: FailureLetter[]): ActionDef =>
  collegial({
    id: DECLARE,
    name: `Tetapkan ${o.label} Gagal dan Tindak Lanjutnya`,
    performers: [{ role: 'pokja' }],
    payload: declarationPayload(causes, followUpsOf(o)),
    requires: [{ rule: checkOf(o.variant) }],
    effect: { kind: 'apply', reducer: 'declareFailure' },
  });

const declarationNode = (o: FailureOptions, e: FailureEntry): ProcessNode => ({
  id: e.id,
  name: e.name,
  type: 'userTask',
  due: 'failureFollowUpDue',
  completion: 'any',
  actions: [declareFailureAction(o, e.causes), voteAction([DECLARE])],
  next: 'follow_up_choice',
});

const followUpIs = (f: FailureFollowUp): Predicate => ({ op: 'eq', left: { path: 'failure.followUp' }, right: { value: f } });

/** A definition's nodes followed by its failure stages (which see whether the PA/KPA's declaration is reached). */
export const withFailureStages = (o: FailureOptions, nodes: ProcessNode[]): ProcessNode[] => [...nodes, ...failureStages(o, nodes)];

/** Declaration stages, the follow-up gateway, the PA/KPA's approval of Penunjukan Langsung, the re-tender and the ends. */
export function failureStages(o: FailureOptions, others: ProcessNode[] = []): ProcessNode[] {
  // Only where something leads there, and not twice when a definition brings its own.
  const pa = leadsToPaFailure(others) && !others.some((n) => n.id === FAILURE_BY_PA_KPA) ? [paFailureNode(o)] : [];
  const retender = (id: string, name: string, reason: string, end: string): ProcessNode => ({
    id,
    name,
    type: 'serviceTask',
    service: 'startFollowUpPackage',
    args: { method: o.retenderMethod, reason },
    resultPath: 'followUp',
    next: end,
  });
  const ended = (id: string, name: string): ProcessNode => ({ id, name, type: 'endEvent', outcome: 'failed', status: 'gagal' });
  const ulang = o.variant === 'seleksi' ? 'Seleksi Ulang' : `${o.label} Ulang`;
  if (o.variant === 'tender_cepat') {
    return [
      ...o.entries.map((e) => declarationNode(o, e)),
      ...pa,
      {
        id: 'follow_up_choice',
        name: 'Pilihan tindak lanjut',
        type: 'exclusiveGateway',
        branches: [
          { name: 'ulang oleh Pokja pengganti', when: followUpIs('tender_cepat_pokja_pengganti'), to: 'start_retender_new_pokja' },
          { name: 'tidak dilanjutkan', when: followUpIs('batal'), to: 'failed_not_continued' },
        ],
        default: 'start_retender',
      },
      retender('start_retender', `Mulai ${ulang}`, 'tender_cepat_ulang', 'failed_retender'),
      retender('start_retender_new_pokja', `Mulai ${ulang} (Pokja Pengganti)`, 'tender_cepat_ulang_pokja_pengganti', 'failed_retender_new_pokja'),
      ended('failed_retender', `${o.label} Gagal: Dilanjutkan dengan ${ulang}`),
      ended('failed_retender_new_pokja', `${o.label} Gagal: ${ulang} oleh Pokja Pengganti`),
      ended('failed_not_continued', `${o.label} Gagal: Tidak Dilanjutkan`),
    ];
  }
  return [
    ...o.entries.map((e) => declarationNode(o, e)),
    ...pa,
    {
      id: 'follow_up_choice',
      name: 'Pilihan tindak lanjut',
      type: 'exclusiveGateway',
      branches: [
        { name: 'usul penunjukan langsung', when: followUpIs('penunjukan_langsung'), to: 'pl_approval' },
        ...(o.evaluation ? [{ name: 'evaluasi ulang', when: followUpIs('evaluasi_ulang'), to: o.evaluation }] : []),
        ...(o.resubmission ? [{ name: 'penawaran ulang', when: followUpIs('penawaran_ulang'), to: o.resubmission }] : []),
      ],
      default: 'start_retender',
    },
    {
      id: 'pl_approval',
      name: 'Persetujuan Penunjukan Langsung oleh PA/KPA',
      type: 'userTask',
      due: 'plApprovalDue',
      completion: 'any',
      actions: [
        {
          id: 'approve_penunjukan_langsung',
          name: 'Putuskan Usulan Penunjukan Langsung',
          performers: [{ role: 'pa_kpa' }],
          payload: closed({ approved: { type: 'boolean' }, note: { type: 'string', maxLength: 2000 } }, ['approved']),
          effect: { kind: 'set', path: 'plApproval' },
        },
      ],
      next: 'pl_approved',
    },
    {
      id: 'pl_approved',
      name: 'Disetujui PA/KPA?',
      type: 'exclusiveGateway',
      branches: [{ name: 'disetujui', when: { op: 'eq', left: { path: 'plApproval.approved' }, right: { value: true } }, to: 'start_penunjukan_langsung' }],
      default: 'start_retender',
    },
    {
      id: 'start_penunjukan_langsung',
      name: 'Mulai Penunjukan Langsung',
      type: 'serviceTask',
      service: 'startFollowUpPackage',
      args: { method: 'penunjukan-langsung', reason: 'tender_ulang_gagal' },
      resultPath: 'followUp',
      next: 'failed_switched_to_pl',
    },
    retender('start_retender', `Mulai ${ulang}`, 'tender_ulang', 'failed_retender'),
    ended('failed_retender', `${o.label} Gagal: Dilanjutkan dengan ${ulang}`),
    ended('failed_switched_to_pl', `${o.label} Gagal: Dilanjutkan dengan Penunjukan Langsung`),
  ];
}

/**
 * The PA/KPA's declaration of gagal j–l (LKPP 12/2021 §4.2.14): a separate, non-collegial action in its own stage,
 * which the PA/KPA's refusals lead to (refusing the winner, agreeing with the PPK's refusal of the SPPBJ: ./stages).
 */
export const paFailureAction = (o: Pick<FailureOptions, 'variant' | 'evaluation' | 'resubmission' | 'label'>): ActionDef => ({
  id: DECLARE_PA,
  name: `Nyatakan ${o.label} Gagal (PA/KPA)`,
  performers: [{ role: 'pa_kpa' }],
  payload: declarationPayload(
    PA_LETTERS,
    followUpsOf(o).filter((f) => f !== 'penunjukan_langsung'),
  ),
  requires: [{ rule: checkOf(o.variant) }],
  effect: { kind: 'apply', reducer: 'declareFailure' },
});

const paFailureNode = (o: FailureOptions): ProcessNode => ({
  id: FAILURE_BY_PA_KPA,
  name: `Penetapan ${o.label} Gagal oleh PA/KPA`,
  type: 'userTask',
  due: 'failureFollowUpDue',
  completion: 'any',
  actions: [paFailureAction(o)],
  next: 'follow_up_choice',
});

/** Whether any of `nodes` leads to the PA/KPA's declaration (an action's `to`, a gateway's branch). */
const leadsToPaFailure = (nodes: ProcessNode[]) => nodes.some((n) => successors(n).includes(FAILURE_BY_PA_KPA));

export interface NoPasserFlow {
  /** Bidders of this package (only they may object). */
  bidsPath: string;
  /** The declaration stage the flow ends in (a FailureEntry's id, causes c/g). */
  declaration: string;
  /** Where an upheld sanggah goes, by its follow-up (an evaluation error → the evaluation again). */
  followUps: Record<FollowUp, string>;
  appeal: boolean;
}

/**
 * "Tidak ada peserta yang lulus": announced, then the masa sanggah (§3.2: declared gagal after the sanggah period);
 * no sanggah or none upheld → the declaration; an upheld one → its follow-up (evaluasi ulang for an evaluation error).
 */
export function noPasserStages(flow: NoPasserFlow): ProcessNode[] {
  return [
    {
      id: 'no_passer_announcement',
      name: 'Pengumuman Tidak Ada Peserta yang Lulus Evaluasi',
      type: 'userTask',
      due: 'noPasserAnnouncementDue',
      completion: 'any',
      actions: [
        {
          id: 'announce_no_passer',
          name: 'Umumkan Hasil Evaluasi (Tidak Ada yang Lulus)',
          performers: [{ role: 'pokja' }],
          payload: closed({ note: { type: 'string', maxLength: 2000 } }),
          effect: { kind: 'set', path: 'noPasserAnnouncement' },
        },
      ],
      next: 'no_passer_objection_period',
    },
    ...objectionStages({ prefix: 'no_passer_', bidsPath: flow.bidsPath, next: flow.declaration, followUps: flow.followUps, appeal: flow.appeal }),
  ];
}

/**
 * Who the head of the UKPBJ assigns to a direct method (docs/regulation.md §1.2, §1.5 [PRIMARY S1]):
 * - Penunjukan Langsung: the Pejabat Pengadaan for a package worth at most Rp200 m (Rp100 m consultancy; Perpres
 *   16/2018 Pasal 12), a Pokja Pemilihan above (Pasal 13). The stage offers both assignments; the one the value does
 *   not allow is refused with its article, so the head cannot give a Pokja's package to one officer or the reverse.
 * - Pengadaan Langsung: always the Pejabat Pengadaan (Pasal 12), through ./preparation's own stage.
 * The assignment steps themselves (letter, members, size checks of Pasal 12/13) are ./preparation's
 * `assignOfficersAction`; only their ids differ here, since one stage holds both kinds.
 */
import type { ActionDef, Performer, ProcessNode, Requirement, UserTaskNode } from '../../domain/process/definition';
import type { Predicate } from '../../domain/process/predicate';
import { PENUNJUKAN_BY_PP_MAX, PENUNJUKAN_POKJA_RULE, PENUNJUKAN_PP_RULE } from '../../domain/evaluation/langsung-thresholds';
import { formatRupiah } from '../../domain/rules/method-rules';
import { assignOfficersAction, officerAssignmentStage } from './preparation';

/** The package's HPS is within the Pejabat Pengadaan's Penunjukan Langsung limit of its category (Pasal 12). */
export const withinPejabatPengadaanLimit: Predicate = {
  any: Object.entries(PENUNJUKAN_BY_PP_MAX).map(([category, limit]) => ({
    all: [
      { op: 'eq' as const, left: { path: 'package.category' }, right: { value: category } },
      { op: 'lte' as const, left: { path: 'package.hps' }, right: { value: limit } },
    ],
  })),
};

const limits = `${formatRupiah(PENUNJUKAN_BY_PP_MAX.barang)}; jasa konsultansi ${formatRupiah(PENUNJUKAN_BY_PP_MAX.jasa_konsultansi)}`;

const ppOnlyWithinLimit: Requirement = {
  when: withinPejabatPengadaanLimit,
  code: 'petugas_tidak_sesuai_nilai',
  message:
    `Penunjukan Langsung bernilai di atas batas Pejabat Pengadaan (paling banyak ${limits}; ${PENUNJUKAN_PP_RULE}) ` +
    `dilaksanakan oleh Pokja Pemilihan (${PENUNJUKAN_POKJA_RULE}): tugaskan Pokja, bukan Pejabat Pengadaan.`,
  status: 422,
  rule: PENUNJUKAN_PP_RULE,
};

const pokjaOnlyAboveLimit: Requirement = {
  when: { not: withinPejabatPengadaanLimit },
  code: 'petugas_tidak_sesuai_nilai',
  message:
    `Penunjukan Langsung bernilai paling banyak ${limits} dilaksanakan oleh Pejabat Pengadaan ` +
    `(${PENUNJUKAN_PP_RULE}): tugaskan Pejabat Pengadaan, bukan Pokja Pemilihan (${PENUNJUKAN_POKJA_RULE}: di atas batas itu).`,
  status: 422,
  rule: PENUNJUKAN_POKJA_RULE,
};

/** ./preparation's assignment step under its own id, the value rule checked before the size rule. */
const assignment = (officer: 'pejabat_pengadaan' | 'pokja', id: string, byValue: Requirement): ActionDef => {
  const base = assignOfficersAction(officer);
  return { ...base, id, requires: [byValue, ...(base.requires ?? [])] };
};

/** The head's assignment of a Penunjukan Langsung: `assign_pejabat_pengadaan` or `assign_pokja`, by value. */
export const officerByValueStage = (o: { next: string }): UserTaskNode => ({
  // ./preparation's stage (id, due, completion) with both kinds of assignment.
  ...(officerAssignmentStage({ officer: 'pejabat_pengadaan', next: o.next }) as UserTaskNode),
  name: 'Penugasan Pejabat Pengadaan atau Pokja Pemilihan oleh Kepala UKPBJ',
  actions: [assignment('pejabat_pengadaan', 'assign_pejabat_pengadaan', ppOnlyWithinLimit), assignment('pokja', 'assign_pokja', pokjaOnlyAboveLimit)],
});

/** ./preparation's Reviu DPP, recorded by whichever runner (Pejabat Pengadaan or Pokja) the head assigned. */
export const reviewByRunner = (nodes: ProcessNode[], runner: Performer[]): ProcessNode[] =>
  nodes.map((n) => (n.type === 'userTask' ? { ...n, actions: n.actions.map((a) => (a.id === 'review_dpp' ? { ...a, performers: runner } : a)) } : n));

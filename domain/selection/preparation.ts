/**
 * Preparation of a selection (docs/regulation.md §2.1 P3–P4): the assignment of the selection officers by the head of the
 * UKPBJ, and the Reviu DPP the officers record and the PPK co-signs. Pure checks and reducers of the rule book.
 */
import { actionsOf, type ProcessDefinition, type Role } from '../process/definition';
import type { Check, Reducer } from '../process/rulebook';

/**
 * The rule an assignment answers to. The Pokja's size: Perpres 16/2018 Pasal 13 as docs/regulation.md §1.2 cites it
 * [PRIMARY S1] (an odd number of members, at least three). A Pejabat Pengadaan is an individual office (Pasal 12 lists
 * its tasks), so a package gets one.
 */
export const ASSIGNMENT_RULES = {
  pokja: 'Perpres 16/2018 Pasal 13: Pokja Pemilihan beranggotakan paling sedikit 3 (tiga) orang dan berjumlah gasal',
  pejabat_pengadaan: 'Perpres 16/2018 Pasal 12: paket ditugaskan kepada satu orang Pejabat Pengadaan',
} as const;

const membersOf = (payload: Record<string, unknown>): string[] =>
  Array.isArray(payload.members) ? (payload.members as unknown[]).filter((m): m is string => typeof m === 'string') : [];

export const preparationChecks: Record<string, Check> = {
  pokjaAssignmentValid: (ctx) => {
    const members = membersOf(ctx.payload);
    const unique = new Set(members).size;
    if (unique !== members.length) {
      return {
        status: 422,
        code: 'duplicate_member',
        message: 'Anggota Pokja Pemilihan tidak boleh disebut dua kali.',
        details: { rule: ASSIGNMENT_RULES.pokja },
      };
    }
    if (unique < 3 || unique % 2 === 0) {
      return {
        status: 422,
        code: 'pokja_size',
        message: `Pokja Pemilihan harus beranggotakan paling sedikit 3 orang dan berjumlah gasal; ditugaskan ${unique} orang.`,
        details: { rule: ASSIGNMENT_RULES.pokja, members: unique },
      };
    }
    return undefined;
  },
  pejabatPengadaanAssignmentValid: (ctx) => {
    const members = membersOf(ctx.payload);
    if (members.length !== 1) {
      return {
        status: 422,
        code: 'pejabat_pengadaan_size',
        message: `Pejabat Pengadaan yang ditugaskan harus tepat 1 orang; ditugaskan ${members.length} orang.`,
        details: { rule: ASSIGNMENT_RULES.pejabat_pengadaan, members: members.length },
      };
    }
    return undefined;
  },
};

/** One round of the Reviu DPP (data.dppReview is the current round; data.dppReviews keeps them all). */
export interface DppReview {
  round: number;
  result: 'sesuai' | 'perlu_perbaikan';
  notes: string;
  by: string;
  at: number;
}

export const preparationReducers: Record<string, Reducer> = {
  /** The review of this round, numbered: the BA Hasil Reviu DPP of round n is the document's revision n. */
  recordDppReview: (ctx) => {
    const history = Array.isArray(ctx.data.dppReviews) ? (ctx.data.dppReviews as DppReview[]) : [];
    const review: DppReview = {
      round: history.length + 1,
      result: ctx.payload.result as DppReview['result'],
      notes: ctx.payload.notes as string,
      by: ctx.actor.id,
      at: ctx.now,
    };
    ctx.data.dppReviews = [...history, review];
    ctx.data.dppReview = review;
  },
};

/** The roles an `assign` step of the definition gives (the head of the UKPBJ assigns the Pokja or the PP). */
export function rolesAssignedInProcess(def: ProcessDefinition): Role[] {
  return [...new Set(def.nodes.flatMap((n) => actionsOf(n).flatMap((a) => (a.effect.kind === 'assign' ? [a.effect.role] : []))))];
}

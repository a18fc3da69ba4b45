/**
 * Adendum dokumen pemilihan (docs/regulation.md §2.2 row 3, S7): the Pokja changes the selection document during the
 * clarification or the bid submission, and a substantive change extends the bid deadline. The total extension is
 * kept as a number of working days, which the bid submission window adds to its closing (`extendedBy`), whether the
 * addendum came before the window opened or while it is open.
 */
import type { Reducer } from '../process/rulebook';

/** Data paths the addendum writes: the list of addenda, and the working days the bid deadline moves by in total. */
export const ADDENDUM_PATHS = { list: 'documentAddenda', extension: 'bidDeadlineExtensionDays' } as const;

export interface DocumentAddendum {
  id: string;
  number: string;
  summary: string;
  extensionDays: number;
  /** The stage it was published in (clarification or bid submission). */
  stage: string;
  by: string;
  at: number;
}

export const addendumReducers: Record<string, Reducer> = {
  publishDocumentAddendum: (ctx) => {
    const list = Array.isArray(ctx.data[ADDENDUM_PATHS.list]) ? (ctx.data[ADDENDUM_PATHS.list] as DocumentAddendum[]) : [];
    const extensionDays = ctx.payload.extensionDays as number;
    list.push({
      id: `adendum-${list.length + 1}`,
      number: ctx.payload.number as string,
      summary: ctx.payload.summary as string,
      extensionDays,
      stage: ctx.stage.id,
      by: ctx.actor.id,
      at: ctx.now,
    });
    ctx.data[ADDENDUM_PATHS.list] = list;
    ctx.data[ADDENDUM_PATHS.extension] = Number(ctx.data[ADDENDUM_PATHS.extension] ?? 0) + extensionDays;
  },
};

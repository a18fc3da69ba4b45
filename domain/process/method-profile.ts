/**
 * What the readers of package data need to know about a procurement method, declared once per method next to its
 * definition (workflows/definitions/profiles.ts) instead of in a table of each reader: the OCDS codes, whether
 * providers compete, where the definition writes its bids, opening, failed bids and winner, what makes the award
 * public, and the bid window the red flags measure. Plain data (the web console and the workflow bundle import it).
 *
 * Paths are data paths as the definitions write them (dot notation into `data`, read with getPath); stage ids are
 * node ids of the definition. tests/method-profiles.test.ts checks both against every registered version.
 */

/** `tender.procurementMethod`: a closed OCDS 1.1.5 codelist. */
export type OcdsProcurementMethod = 'open' | 'selective' | 'limited' | 'direct';

export interface BidWindowRule {
  /** The stage whose window is measured (entered → closed). */
  stageId: string;
  /** Fewer working days than this raises the flag. */
  minWorkingDays: number;
  /** Why this minimum. */
  source: string;
}

export interface MethodProfile {
  /** The procurement definition a package of this method runs (its id in the registry; every version shares it). */
  definitionId: string;
  /** Bahasa Indonesia name of the method (lists, forms, refusals of the method rules). */
  name: string;
  ocds: {
    procurementMethod: OcdsProcurementMethod;
    /** The code when the package held a mini competition (an e-purchasing order among catalogue providers). */
    withMiniCompetition?: OcdsProcurementMethod;
    /** Why this code, when it is not plain from the method (docs/ocds-mapping.md §2). */
    why?: string;
  };
  /** Several providers compete: only then can a single bid or many disqualified bids be a warning sign. */
  competitive: boolean;
  /** The bids of the (first) opening: their list, the report the opening writes, and the stage that opens them. */
  opening?: { list: string; report: string; stage: string };
  /** Stages where bids fail the evaluation, in order of preference (where a red flag points). */
  evaluationStages: readonly string[];
  /** Lists of bids that failed an evaluation (summed). */
  failed: readonly string[];
  /** The winner with the winning price (`{vendorId, price}`). */
  winner?: string;
  /** Data that exists only once the award is public (announcement, SPPBJ, the contract, the order). */
  awardPublic: readonly string[];
  /** The bid submission window the red flags measure; none: not measured. */
  bidWindow?: BidWindowRule;
}

/** A method code no profile declares: a reader refuses to guess (a package row or a caller is wrong). */
export class UnknownMethodError extends Error {
  constructor(readonly method: string) {
    super(`Metode '${method}' tidak dikenal: tidak ada profil metode untuknya (workflows/definitions/profiles.ts).`);
    this.name = 'UnknownMethodError';
  }
}

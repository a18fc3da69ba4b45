/**
 * Checks on a (corrected) price against the HPS, shared by the tender rankings:
 * - above the HPS the bid fails (Perpres 16/2018 Pasal 26(5));
 * - below 80% of the HPS the Pokja must first clarify whether the price is reasonable (klarifikasi kewajaran harga):
 *   an unreasonable price fails, a reasonable one is ranked, and if it wins the performance security is 5% of the HPS
 *   instead of 5% of the contract value (Pasal 33(3); docs/regulation.md §4.2, §4.3).
 * Comparisons are in BigInt so 100 × price never leaves the safe integers.
 */

/** Percent of the HPS below which a price needs the clarification (Pasal 33(3)). */
export const REASONABLE_PRICE_PERCENT = 80;

/** price < 80% of HPS, exactly: 100 · price < 80 · hps. */
export function isBelowReasonableLimit(price: number, hps: number): boolean {
  return BigInt(Math.trunc(price)) * 100n < BigInt(Math.trunc(hps)) * BigInt(REASONABLE_PRICE_PERCENT);
}

/** What the Pokja recorded for one bid in the clarification. */
export interface PriceClarificationResult {
  vendorId: string;
  /** Reasonable (wajar) or not. */
  wajar: boolean;
  /** `catatan` in definitions before issue 16's versions. */
  note?: string;
  catatan?: string;
}

/** The latest record per vendor from the clarification rounds, oldest round first (a later record replaces one). */
export function latestClarifications(rounds: readonly { results?: readonly PriceClarificationResult[] }[]): Map<string, PriceClarificationResult> {
  const latest = new Map<string, PriceClarificationResult>();
  for (const round of rounds) for (const r of round.results ?? []) latest.set(r.vendorId, r);
  return latest;
}

/** Failing the clarification, as a reason in an award's `failed`. */
export const UNREASONABLE_PRICE = 'harga_tidak_wajar';

/** What an award shows about the clarification: which bids needed it, which still wait, what was decided. */
export interface PriceClarificationSummary {
  /** 80% of the HPS, rounded up: a price below it needs the clarification. */
  limit: number;
  required: { vendorId: string; price: number }[];
  /** Vendor ids whose clarification is still missing; the ranking waits for them. */
  pending: string[];
  results: PriceClarificationResult[];
}

export function clarificationLimit(hps: number): number {
  return Number((BigInt(Math.trunc(hps)) * BigInt(REASONABLE_PRICE_PERCENT) + 99n) / 100n);
}

export interface ClarificationOptions {
  /** Prices below 80% of the HPS need the Pokja's clarification before they are ranked. */
  clarifyLowPrices?: boolean;
  /** The clarification rounds so far, oldest first; a later record for a vendor replaces an earlier one. */
  clarifications?: readonly { results?: readonly PriceClarificationResult[] }[];
}

/**
 * The clarification side of a ranking: `verdict` for each price that passed everything else (HPS included), then
 * `summary` for the award. Without `clarifyLowPrices` every such price passes and there is no summary.
 */
export function lowPriceScreen(hps: number, options: ClarificationOptions) {
  const clarified = latestClarifications(options.clarifications ?? []);
  const required: PriceClarificationSummary['required'] = [];
  const pending: string[] = [];
  return {
    verdict(vendorId: string, price: number): 'lulus' | 'perlu_klarifikasi' | typeof UNREASONABLE_PRICE {
      if (!options.clarifyLowPrices || !isBelowReasonableLimit(price, hps)) return 'lulus';
      required.push({ vendorId, price });
      const c = clarified.get(vendorId);
      if (!c) {
        pending.push(vendorId);
        return 'perlu_klarifikasi';
      }
      return c.wajar ? 'lulus' : UNREASONABLE_PRICE;
    },
    get waiting(): boolean {
      return pending.length > 0;
    },
    summary(): { priceClarification?: PriceClarificationSummary } {
      if (!options.clarifyLowPrices) return {};
      const asked = new Set(required.map((q) => q.vendorId));
      return {
        priceClarification: {
          limit: clarificationLimit(hps),
          required,
          pending,
          results: [...clarified.values()].filter((c) => asked.has(c.vendorId)),
        },
      };
    },
  };
}

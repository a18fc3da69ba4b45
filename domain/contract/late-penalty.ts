/**
 * The late penalty (denda keterlambatan) of Perpres 16/2018 Pasal 79 ayat (4): 1‰ (one per mille) per day of
 * lateness of the contract value or of the value of the part of the contract (nilai bagian kontrak), without PPN
 * (docs/regulation.md §2.10 K7: "1‰ of contract (or part) value excl. VAT per day", sourced S1 Pasal 56, 79; the same
 * wording, "tidak termasuk PPN", is in the standard SPK/SSUK penalty clause). Why each choice: LATENESS.md.
 *
 * Integer rupiah throughout (money.ts): the base is rounded down, the penalty of n days is floor(base × n / 1000),
 * so n days cost exactly what the clause says, never n × a rounded daily figure.
 */
import { mulDiv } from './money';

/**
 * PPN assumed inside the contract value when the draft does not say (kontrak v3's `ppnPercent`): the effective rate
 * since 1 April 2022 (UU 7/2021 HPP: 11%; from 2025 12% on a tax base of 11/12 for goods and services that are not
 * luxury goods, again 11% of the price). A provider not registered for PPN (non-PKP) charges none: the PPK enters 0.
 */
export const DEFAULT_PPN_PERCENT = 11;

/** The part of the value that is not PPN: value × 100 / (100 + rate), rounded down (in the provider's favour). */
export function valueExcludingPpn(valueInclPpn: number, ppnPercent: number): number {
  if (!Number.isInteger(ppnPercent) || ppnPercent < 0 || ppnPercent > 100) throw new RangeError(`ppnPercent ${ppnPercent}`);
  return mulDiv(valueInclPpn, 100, 100 + ppnPercent);
}

export interface PenaltyBaseInput {
  /** The contract value now (after addenda), PPN included as awarded. */
  contractValue: number;
  ppnPercent: number;
  /**
   * The value of the late part (PPN included), only when the contract divides the work into parts with their own
   * handover and the other parts were handed over: Pasal 79(4)'s "nilai bagian kontrak". Absent: the whole contract.
   */
  partValue?: number;
}

export interface PenaltyBase {
  /** Rupiah the 1‰ is taken of, PPN excluded. */
  base: number;
  basis: 'nilai_kontrak' | 'nilai_bagian_kontrak';
  ppnPercent: number;
  /** The penalty of one day (for display; totals use latePenaltyFor, which rounds once). */
  perDay: number;
}

/** Which value the 1‰ applies to, without PPN. */
export function latePenaltyBase(i: PenaltyBaseInput): PenaltyBase {
  const part = i.partValue !== undefined && i.partValue > 0 && i.partValue < i.contractValue;
  const base = valueExcludingPpn(part ? i.partValue! : i.contractValue, i.ppnPercent);
  return { base, basis: part ? 'nilai_bagian_kontrak' : 'nilai_kontrak', ppnPercent: i.ppnPercent, perDay: mulDiv(base, 1, 1000) };
}

/** Penalty of `days` days late: floor(base × days / 1000). */
export function latePenaltyFor(base: number, days: number): number {
  return mulDiv(base, Math.max(0, days), 1000);
}

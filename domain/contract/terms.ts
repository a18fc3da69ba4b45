/**
 * The terms a contract carries from its draft (docs/regulation.md §2.10, §4.3): performance security (Perpres 16/2018
 * Pasal 33), the advance ceiling (Pasal 29), retention (Pasal 53(2)) and the late penalty (Pasal 79(4)).
 */
import { type PerformanceSecurity, performanceSecurityFor } from '../evaluation/contract-terms';
import type { PackageFacts } from '../process/state';
import { mulDiv } from './money';

export interface ContractTerms {
  performanceSecurity: PerformanceSecurity;
  /** Pasal 29: 30% small business, 20% others and consultancy, 15% multi-year. */
  advancePercent: number;
  maxAdvance: number;
  /** Pasal 53(2): 5% of each payment held for the maintenance period (construction only here). */
  retentionPercent: number;
  /** Pasal 79(4): 1 per mille of the contract value per day late. */
  penaltyPerMillePerDay: number;
  /** Pasal 56(2): at most 50 days of extra time (pemberian kesempatan) before termination. */
  maxLateDays: number;
  maintenance: boolean;
}

export interface TermsInput {
  category: PackageFacts['category'];
  value: number;
  /** The winning price against HPS decides the security basis (below 80% of HPS: 5% of HPS). */
  bidPrice: number;
  hps: number;
  /** The award already decided the basis is the HPS (its price clarification; Pasal 33(3)). */
  securityBasis?: 'hps';
  smallBusiness: boolean;
  multiYear: boolean;
  /**
   * A regular contract, an e-purchasing order (no performance security: Pasal 33, §2.9) or a swakelola agreement
   * (a government team or community body: no security, advance, retention or penalty).
   */
  kind: 'kontrak' | 'surat_pesanan' | 'swakelola';
}

export function advancePercentFor(category: PackageFacts['category'], smallBusiness: boolean, multiYear: boolean): number {
  if (multiYear) return 15;
  if (smallBusiness && category !== 'jasa_konsultansi') return 30;
  return 20;
}

export function contractTerms(t: TermsInput): ContractTerms {
  const regular = t.kind === 'kontrak';
  const advancePercent = regular ? advancePercentFor(t.category, t.smallBusiness, t.multiYear) : 0;
  const construction = regular && t.category === 'pekerjaan_konstruksi';
  return {
    performanceSecurity: regular ? performanceSecurityFor(t.category, t.bidPrice, t.hps, t.securityBasis) : { required: false },
    advancePercent,
    maxAdvance: mulDiv(t.value, advancePercent, 100),
    retentionPercent: construction ? 5 : 0,
    penaltyPerMillePerDay: t.kind === 'swakelola' ? 0 : 1,
    maxLateDays: 50,
    maintenance: construction,
  };
}

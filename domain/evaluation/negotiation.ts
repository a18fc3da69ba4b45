/**
 * Outcome of the technical clarification and price negotiation with the one provider of a direct method: Penunjukan
 * Langsung (negotiation mandatory, Perpres 16/2018 Pasal 50(6)) and Pengadaan Langsung path B (Pasal 50(7)b).
 * The minutes bind both sides, so both must agree; the agreed price may not exceed the HPS, the upper limit of a valid
 * offer (Pasal 26(5)), and may not exceed the provider's own offer (a negotiation only lowers a price; assumed).
 * Where Pasal 26(7) exempts the package from an HPS (pagu ≤ Rp10 m, domain/evaluation/langsung-thresholds.ts) nothing
 * is checked against an HPS: the price is held to the pagu, the budget it is paid from.
 */
export interface OfficerRecord {
  agreed: boolean;
  agreedPrice?: number;
}
export interface ProviderResponse {
  agree: boolean;
}
export interface NegotiationInput {
  providerId?: string;
  offerPrice?: number;
  hps: number;
  /** The budget; the ceiling instead of the HPS when `hpsExempt`. */
  pagu?: number;
  /** Pasal 26(7): no HPS is required for this package, so none is checked against. */
  hpsExempt?: boolean;
  officer?: OfficerRecord;
  provider?: ProviderResponse;
}
export type NegotiationFailure =
  'tidak_ada_penawaran' | 'tidak_sepakat_pejabat' | 'tidak_sepakat_penyedia' | 'harga_tidak_dicatat' | 'melebihi_hps' | 'melebihi_pagu' | 'melebihi_penawaran';

export interface NegotiationResult {
  agreed: boolean;
  winner?: { vendorId: string; price: number; offerPrice: number };
  reasons: NegotiationFailure[];
  /** What the agreed price was held to: the HPS (Pasal 26(5)), or the pagu where Pasal 26(7) needs no HPS. */
  ceiling: { basis: 'hps' | 'pagu'; amount: number };
}

export function assessNegotiation(input: NegotiationInput): NegotiationResult {
  const reasons: NegotiationFailure[] = [];
  const { providerId, offerPrice, hps, officer, provider } = input;
  const ceiling = input.hpsExempt && input.pagu !== undefined ? { basis: 'pagu' as const, amount: input.pagu } : { basis: 'hps' as const, amount: hps };
  if (!providerId || offerPrice === undefined) reasons.push('tidak_ada_penawaran');
  if (!officer?.agreed) reasons.push('tidak_sepakat_pejabat');
  if (!provider?.agree) reasons.push('tidak_sepakat_penyedia');
  const price = officer?.agreedPrice;
  if (officer?.agreed && price === undefined) reasons.push('harga_tidak_dicatat');
  if (price !== undefined && price > ceiling.amount) reasons.push(ceiling.basis === 'hps' ? 'melebihi_hps' : 'melebihi_pagu');
  if (price !== undefined && offerPrice !== undefined && price > offerPrice) reasons.push('melebihi_penawaran');
  if (reasons.length || !providerId || price === undefined || offerPrice === undefined) return { agreed: false, reasons, ceiling };
  return { agreed: true, winner: { vendorId: providerId, price, offerPrice }, reasons, ceiling };
}

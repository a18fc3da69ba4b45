/**
 * Outcome of the technical clarification and price negotiation with the one provider of a direct method: Penunjukan
 * Langsung (negotiation mandatory, Perpres 16/2018 Pasal 50(6)) and Pengadaan Langsung path B (Pasal 50(7)b).
 * The minutes bind both sides, so both must agree; the agreed price may not exceed the HPS, the upper limit of a valid
 * offer (Pasal 26(5)), and may not exceed the provider's own offer (a negotiation only lowers a price; assumed).
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
  officer?: OfficerRecord;
  provider?: ProviderResponse;
}
export type NegotiationFailure =
  | 'tidak_ada_penawaran'
  | 'tidak_sepakat_pejabat'
  | 'tidak_sepakat_penyedia'
  | 'harga_tidak_dicatat'
  | 'melebihi_hps'
  | 'melebihi_penawaran';

export interface NegotiationResult {
  agreed: boolean;
  winner?: { vendorId: string; price: number; offerPrice: number };
  reasons: NegotiationFailure[];
}

export function assessNegotiation(input: NegotiationInput): NegotiationResult {
  const reasons: NegotiationFailure[] = [];
  const { providerId, offerPrice, hps, officer, provider } = input;
  if (!providerId || offerPrice === undefined) reasons.push('tidak_ada_penawaran');
  if (!officer?.agreed) reasons.push('tidak_sepakat_pejabat');
  if (!provider?.agree) reasons.push('tidak_sepakat_penyedia');
  const price = officer?.agreedPrice;
  if (officer?.agreed && price === undefined) reasons.push('harga_tidak_dicatat');
  if (price !== undefined && price > hps) reasons.push('melebihi_hps');
  if (price !== undefined && offerPrice !== undefined && price > offerPrice) reasons.push('melebihi_penawaran');
  if (reasons.length || !providerId || price === undefined || offerPrice === undefined) return { agreed: false, reasons };
  return { agreed: true, winner: { vendorId: providerId, price, offerPrice }, reasons };
}

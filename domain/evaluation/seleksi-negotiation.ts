/**
 * Klarifikasi dan negosiasi teknis dan biaya of a seleksi (Perpres 16/2018 Pasal 50(3); docs/regulation.md §2.5 row 19):
 * after the sanggah period the Pokja negotiates with the top-ranked consultant. Negotiation can only lower the cost,
 * so an agreed price above the offer is not accepted and the Pokja records the result again; no agreement fails the
 * seleksi (cause h, Pasal 51(2)h, followed by penyampaian penawaran ulang, Pasal 51(8)).
 */

export interface SeleksiNegotiationRecord {
  outcome: 'sepakat' | 'tidak_sepakat';
  agreedPrice?: number;
}

export type SeleksiNegotiationResult =
  | { outcome: 'sepakat'; offeredPrice: number; agreedPrice: number }
  | { outcome: 'tidak_sepakat'; offeredPrice: number }
  | { outcome: 'harga_tidak_valid'; offeredPrice: number; agreedPrice?: number; reason: string };

export function settleSeleksiNegotiation(offeredPrice: number, record: SeleksiNegotiationRecord | undefined): SeleksiNegotiationResult {
  if (!record || record.outcome === 'tidak_sepakat') return { outcome: 'tidak_sepakat', offeredPrice };
  const agreed = record.agreedPrice;
  if (agreed === undefined || !Number.isInteger(agreed) || agreed < 1) {
    return { outcome: 'harga_tidak_valid', offeredPrice, reason: 'harga_kesepakatan_wajib_diisi' };
  }
  if (agreed > offeredPrice) {
    return { outcome: 'harga_tidak_valid', offeredPrice, agreedPrice: agreed, reason: 'melebihi_harga_penawaran' };
  }
  return { outcome: 'sepakat', offeredPrice, agreedPrice: agreed };
}

/**
 * What the agreed price implies for the contract: its form (Perpres 16/2018 Pasal 28) and the performance security
 * (Pasal 33; none for consultancy, Pasal 30(5)). Shown with the award so the PPK signs the right document.
 */
import type { PackageFacts } from '../process/state';
import { BUKTI_PEMBELIAN_MAX, KUITANSI_MAX, PERFORMANCE_SECURITY_ABOVE, SPK_MAX } from './langsung-thresholds';
import { isBelowReasonableLimit } from './price-reasonableness';

type Category = PackageFacts['category'];
export type ContractForm = 'bukti_pembelian' | 'kuitansi' | 'spk' | 'surat_perjanjian';

/** The simplest form the law allows for this value; receipts only for goods and other services. */
export function contractFormFor(category: Category, value: number): ContractForm {
  const receiptAllowed = category === 'barang' || category === 'jasa_lainnya';
  if (receiptAllowed && value <= BUKTI_PEMBELIAN_MAX) return 'bukti_pembelian';
  if (receiptAllowed && value <= KUITANSI_MAX) return 'kuitansi';
  return value <= SPK_MAX[category] ? 'spk' : 'surat_perjanjian';
}

export interface PerformanceSecurity {
  required: boolean;
  /** Integer rupiah, rounded up so the security is never below 5%. */
  amount?: number;
  /** 'nilai_kontrak' when the price is 80–100% of HPS, 'hps' when below 80% (Pasal 33(3); S10). */
  basis?: 'nilai_kontrak' | 'hps';
}

/** `decided`: the basis an award already fixed (the HPS, after a price clarification); else price against HPS. */
export function performanceSecurityFor(category: Category, price: number, hps: number, decided?: 'hps'): PerformanceSecurity {
  if (category === 'jasa_konsultansi' || price <= PERFORMANCE_SECURITY_ABOVE) return { required: false };
  const basis = decided ?? (isBelowReasonableLimit(price, hps) ? 'hps' : 'nilai_kontrak');
  const base = basis === 'hps' ? hps : price;
  return { required: true, amount: Math.ceil((base * 5) / 100), basis };
}

/**
 * Value limits of the direct methods (integer rupiah), in one place so the definitions, the services and their tests
 * read the same numbers. Source: docs/regulation.md §1.2 and §5.1.
 */
import type { PackageFacts } from '../process/state';

type Category = PackageFacts['category'];

/** Perpres 16/2018 Pasal 28: a bukti pembelian/pembayaran is the contract for goods/other services up to Rp10 m. */
export const BUKTI_PEMBELIAN_MAX = 10_000_000;
/** Pasal 28: a kuitansi is the contract for goods/other services up to Rp50 m (Pengadaan Langsung path A). */
export const KUITANSI_MAX = 50_000_000;
/** Pasal 28: an SPK (simple work order) up to Rp200 m (goods, works, other services) or Rp100 m (consultancy). */
export const SPK_MAX: Record<Category, number> = {
  barang: 200_000_000,
  jasa_lainnya: 200_000_000,
  pekerjaan_konstruksi: 200_000_000,
  jasa_konsultansi: 100_000_000,
};

/**
 * Who sets the provider in Penunjukan Langsung (Pasal 9, 13): the Pokja/PP up to a pagu of Rp100 bn (Rp10 bn for
 * consultancy); the PA above.
 */
export const AWARD_BY_PA_ABOVE: Record<Category, number> = {
  barang: 100_000_000_000,
  jasa_lainnya: 100_000_000_000,
  pekerjaan_konstruksi: 100_000_000_000,
  jasa_konsultansi: 10_000_000_000,
};

/** Perpres 16/2018 Pasal 12 (2018 text): the Pejabat Pengadaan buys by e-purchasing up to Rp200 m; the PPK above. */
export const EPURCHASING_BY_PP_MAX = 200_000_000;

/** Pasal 33: a performance security is required above Rp200 m (goods, works, other services). */
export const PERFORMANCE_SECURITY_ABOVE = 200_000_000;

/**
 * Who runs a Penunjukan Langsung (docs/regulation.md §1.2, §1.5 [PRIMARY S1]): the Pejabat Pengadaan for a package worth at
 * most Rp200 m (Rp100 m consultancy; Perpres 16/2018 Pasal 12), a Pokja Pemilihan above (Pasal 13). "Bernilai" is read
 * as the HPS, the value basis of domain/rules/method-rules.ts (assumed there, likewise here).
 */
export const PENUNJUKAN_BY_PP_MAX: Record<Category, number> = {
  barang: 200_000_000,
  jasa_lainnya: 200_000_000,
  pekerjaan_konstruksi: 200_000_000,
  jasa_konsultansi: 100_000_000,
};
export const PENUNJUKAN_PP_RULE = 'Perpres 16/2018 Pasal 12';
export const PENUNJUKAN_POKJA_RULE = 'Perpres 16/2018 Pasal 13';

/**
 * Perpres 16/2018 Pasal 26 ayat (7) (docs/regulation.md §4.2 [PRIMARY S1]): no HPS is required for a pagu of at most Rp10 m,
 * for e-purchasing and for integrated tenders (tender pekerjaan terintegrasi). Of these only the pagu case can reach a
 * direct method; there the budget (pagu) is the ceiling a negotiated price is held to instead.
 */
export const HPS_EXEMPT_PAGU_MAX = 10_000_000;
export const HPS_EXEMPT_RULE = 'Perpres 16/2018 Pasal 26 ayat (7)';

/** Whether Pasal 26(7) exempts the package from an HPS (method: e-purchasing; integrated: a tender terintegrasi). */
export function hpsExempt(p: { pagu: number; method?: string; integrated?: boolean }): boolean {
  return p.pagu <= HPS_EXEMPT_PAGU_MAX || p.method === 'e-purchasing' || p.integrated === true;
}

/**
 * Value limits of the direct methods (integer rupiah), in one place so the definitions, the services and their tests
 * read the same numbers. Source: shared/reference/spse-domain.md §1.2 and §5.1.
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

/** Pasal 33: a performance security is required above Rp200 m (goods, works, other services). */
export const PERFORMANCE_SECURITY_ABOVE = 200_000_000;

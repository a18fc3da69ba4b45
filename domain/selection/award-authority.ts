/**
 * Who sets the winner (penetapan pemenang) of a tender, seleksi or Penunjukan Langsung: the Pokja Pemilihan up to a
 * pagu limit, the PA (or the KPA it delegated to) above it. One place for the limits, so every definition, the
 * refusals and the tests read the same numbers. Source, checked in the Perpres 16/2018 text (AWARD-AUTHORITY.md):
 * - Pasal 13 ayat (1) huruf c: the Pokja "menetapkan pemenang pemilihan/Penyedia" for 1. Tender/Penunjukan Langsung
 *   of goods, works and other services with a pagu of at most Rp100.000.000.000; 2. Seleksi/Penunjukan Langsung of
 *   consultancy with a pagu of at most Rp10.000.000.000.
 * - Pasal 9 ayat (1) huruf n: the PA sets it above those limits (angka 1 also names E-purchasing).
 */
import type { Predicate } from '../process/predicate';
import type { PackageFacts } from '../process/state';

type Category = PackageFacts['category'];

/** Pasal 13 ayat (1) huruf c angka 1: goods, works, other services. */
export const POKJA_AWARD_LIMIT = 100_000_000_000;
/** Pasal 13 ayat (1) huruf c angka 2: consultancy (seleksi). */
export const POKJA_AWARD_LIMIT_CONSULTANCY = 10_000_000_000;

/** The highest pagu at which the Pokja still sets the winner, per category. */
export const POKJA_AWARD_LIMITS: Record<Category, number> = {
  barang: POKJA_AWARD_LIMIT,
  jasa_lainnya: POKJA_AWARD_LIMIT,
  pekerjaan_konstruksi: POKJA_AWARD_LIMIT,
  jasa_konsultansi: POKJA_AWARD_LIMIT_CONSULTANCY,
};

export const POKJA_AWARD_RULE = 'Perpres 16/2018 Pasal 13 ayat (1) huruf c';
export const PA_KPA_AWARD_RULE = 'Perpres 16/2018 Pasal 9 ayat (1) huruf n';

export type AwardAuthority = 'pokja' | 'pa_kpa';

/** Who sets the winner of a package with this category and pagu. */
export function awardAuthority(category: Category, pagu: number): AwardAuthority {
  return pagu > POKJA_AWARD_LIMITS[category] ? 'pa_kpa' : 'pokja';
}

/** The same rule as a predicate over the package data (package.category, package.pagu): true when the Pokja sets it. */
export const awardByPokja: Predicate = {
  any: Object.entries(POKJA_AWARD_LIMITS).map(([category, limit]) => ({
    all: [
      { op: 'eq' as const, left: { path: 'package.category' }, right: { value: category } },
      { op: 'lte' as const, left: { path: 'package.pagu' }, right: { value: limit } },
    ],
  })),
};

// The create form's own state and helpers; the GET /api/method-options answer is the generated MethodOptions
// (../../api/types.ts).
import type { MethodParam } from '../../api/types';

/** Everything the officer types, as typed (strings), until the body is built on submit. */
export interface CreateForm {
  title: string;
  opd: string;
  workUnit: string;
  category: string;
  pagu: string;
  hps: string;
  fiscalYear: string;
  description: string;
  method: string;
  paKpa: string;
  pokja: string[];
  pejabatPengadaan: string;
  /** The head of the UKPBJ who assigns the Pokja/PP, for methods whose officers the UKPBJ assigns. */
  kepalaUkpbj: string;
  schedule: Record<string, string>;
}

export const CATEGORIES: Record<string, string> = {
  barang: 'Barang',
  pekerjaan_konstruksi: 'Pekerjaan Konstruksi',
  jasa_konsultansi: 'Jasa Konsultansi',
  jasa_lainnya: 'Jasa Lainnya',
};

/** Unit names in Indonesian (the API gives unitName too; this is the fallback). */
export const UNIT_NAMES: Record<MethodParam['unit'], string> = {
  calendarDays: 'hari kalender',
  workingDays: 'hari kerja',
  hours: 'jam',
  minutes: 'menit',
};

/** Rupiah as typed ("1.450.000.000", "Rp 1450000000") → whole number, or null when it is not one. */
export function parseRupiah(s: string): number | null {
  const digits = s.replace(/^\s*rp\.?\s*/i, '').replace(/[.\s]/g, '');
  if (!/^\d{1,16}$/.test(digits)) return null;
  const n = Number(digits);
  return n > 0 && n <= 9_000_000_000_000_000 ? n : null;
}

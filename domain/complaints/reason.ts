/**
 * Why a matter goes to the APIP as a complaint (pengaduan) rather than as a sanggah, computed by the server from the
 * package's method and state and from who files — never taken from the client (see PENGADUAN.md):
 *
 * - metode_tanpa_sanggah: the package's process has no masa sanggah at all (Penunjukan Langsung, Pengadaan Langsung,
 *   e-purchasing, Tender Cepat, swakelola): objections there go to the APIP (docs/regulation.md §2.6, §2.7, §3.1);
 * - bukan_peserta: the process has a masa sanggah, but only a bidder of this package may use it (the sanggah's
 *   `not_a_bidder` rule), and the filer did not bid;
 * - di_luar_masa_sanggah: a bidder, but the masa sanggah is not open (not yet, or already closed): a late sanggah is
 *   treated as a complaint to the APIP (docs/regulation.md §2.2 row 10, from the SDP's "Cara sanggah");
 * - lainnya: anything else (a bidder while the masa sanggah is open, a contract's execution, …): Pasal 77 lets anyone
 *   complain to the APIP at any time.
 */
export const COMPLAINT_REASONS = ['di_luar_masa_sanggah', 'metode_tanpa_sanggah', 'bukan_peserta', 'lainnya'] as const;
export type ComplaintReason = (typeof COMPLAINT_REASONS)[number];

export const COMPLAINT_REASON_NAMES: Record<ComplaintReason, string> = {
  di_luar_masa_sanggah: 'Di luar masa sanggah',
  metode_tanpa_sanggah: 'Metode pemilihan tanpa sanggah',
  bukan_peserta: 'Bukan peserta yang menyampaikan penawaran',
  lainnya: 'Lainnya',
};

/** Where the package's masa sanggah is, as far as the record shows. */
export type SanggahPeriod = 'belum_dibuka' | 'terbuka' | 'sudah_ditutup';

export interface ComplaintFacts {
  /** The package is an E-Kontrak (a contract child), not a selection. */
  contract: boolean;
  /** The package's process definition has a sanggah step (file_objection). */
  hasSanggah: boolean;
  /** The filer submitted a bid on this package (the list only bidders may object from). */
  filerIsBidder: boolean;
  sanggahPeriod: SanggahPeriod;
}

export interface ComputedReason {
  reason: ComplaintReason;
  /** Why, in Bahasa Indonesia, for the filer and the APIP. */
  explanation: string;
}

export function complaintReason(f: ComplaintFacts): ComputedReason {
  if (f.contract) return { reason: 'lainnya', explanation: 'Pengaduan atas pelaksanaan kontrak; sanggah hanya ada pada pemilihan penyedia.' };
  if (!f.hasSanggah) {
    return {
      reason: 'metode_tanpa_sanggah',
      explanation: 'Metode pemilihan paket ini tidak mengenal sanggah; keberatan disampaikan sebagai pengaduan kepada APIP.',
    };
  }
  if (!f.filerIsBidder) {
    return { reason: 'bukan_peserta', explanation: 'Sanggah hanya dapat diajukan oleh peserta yang menyampaikan penawaran; pengadu bukan peserta paket ini.' };
  }
  if (f.sanggahPeriod !== 'terbuka') {
    return {
      reason: 'di_luar_masa_sanggah',
      explanation:
        f.sanggahPeriod === 'sudah_ditutup'
          ? 'Masa sanggah paket ini sudah ditutup; sanggah yang terlambat diperlakukan sebagai pengaduan kepada APIP.'
          : 'Masa sanggah paket ini belum dibuka; keberatan sebelum masa sanggah disampaikan sebagai pengaduan kepada APIP.',
    };
  }
  return { reason: 'lainnya', explanation: 'Masa sanggah sedang berjalan dan pengadu peserta; pengaduan kepada APIP tetap dapat disampaikan (Pasal 77).' };
}

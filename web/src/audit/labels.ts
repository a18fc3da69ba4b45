/** Indonesian words for the audit verification's results (web/src/audit/verify.ts). */
import type { EntryStatus, Failure } from './verify';

export const FAILURE_LABELS: Record<Failure, string> = {
  hash_mismatch: 'isi entri tidak cocok dengan hash-nya: ada kolom yang diubah sesudah dicatat',
  prev_hash_mismatch: 'entri tidak menyambung ke entri sebelumnya: ada entri yang dihapus, disisipkan atau ditukar urutannya',
  entry_differs_from_chain: 'entri paket berbeda dengan entri rantai pada posisi yang sama',
  entry_not_in_chain: 'entri paket tidak ditemukan di rantai menuju kepala',
  version_regression: 'entri format lama muncul sesudah entri format baru',
  chain_incomplete: 'halaman rantai berhenti sebelum mencapai kepala',
  head_mismatch: 'ujung rantai tidak sama dengan hash kepala yang diterbitkan',
  anchor_mismatch: 'kepala rantai paket tidak cocok dengan jangkarnya, atau jangkar sesudahnya tidak menyambung sampai jangkar terakhir yang diterbitkan',
};

export const STATUS_LABELS: Record<EntryStatus, { text: string; tone: 'ok' | 'bad' | '' }> = {
  utuh: { text: 'Utuh', tone: 'ok' },
  tertaut: { text: 'Tersambung (format lama)', tone: '' },
  dihitung_ulang: { text: 'Dihitung ulang (sambungan diperiksa sesudah pembukaan)', tone: '' },
  rusak: { text: 'Rusak', tone: 'bad' },
  tidak_diperiksa: { text: 'Tidak diperiksa', tone: '' },
};

/** The first and last characters of a hash, for tables (the whole hash is in the cell's title and for copying). */
export const shortHash = (h: string | null) => (h ? `${h.slice(0, 10)}…${h.slice(-6)}` : '—');

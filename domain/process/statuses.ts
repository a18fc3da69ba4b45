/**
 * The package statuses: a closed set. A package is `active` while its process runs and then takes the status of the
 * end event it reached (domain/process/definition.ts EndNode); `dihentikan` is what a parent records for a contract
 * child that was stopped from outside the process (workflows/package-process.ts).
 *
 * The values are stored (packages.status, contracts.status, with a CHECK over this list), published (OCDS, the public
 * portal) and read by dashboards, so a value is never renamed; a new status is added here first, and the definition
 * type, the definition validator, the API's enum, the console's labels (web/src/i18n/statuses.ts) and the database's
 * CHECK all follow from this list (tests/package-statuses.test.ts holds them to it).
 *
 * Pure data, bundled with the workflow: no IO, no clock.
 */
import type { EndOutcome } from './definition';

export interface PackageStatusInfo {
  /** What the status means for an officer, a vendor and the public, in Bahasa Indonesia. */
  description: string;
  /** True when no step can follow: the package's process has ended with this status. */
  final: boolean;
  /** The end events' outcome that goes with the status (null while the package runs). */
  outcome: EndOutcome | null;
}

export const PACKAGE_STATUSES = {
  active: {
    description:
      'Berjalan: proses paket (pemilihan, atau kontrak/pesanan pada E-Kontrak) belum mencapai akhir. Pejabat dan penyedia mengambil langkah sesuai tahap saat ini; publik melihat tahap dan tenggatnya. Belum final.',
    final: false,
    outcome: null,
  },
  contract_signed: {
    description:
      'Kontrak ditandatangani: pemilihan selesai dengan pemenang dan kontraknya sudah ditandatangani kedua pihak. Paket pemilihan berakhir di sini; pelaksanaan kontrak berjalan sebagai paket E-Kontrak tersendiri dengan statusnya sendiri. Bagi penyedia pemenang kontrak mengikat; publik melihat pemenang dan nilai kontraknya. Final.',
    final: true,
    outcome: 'completed',
  },
  selesai: {
    description:
      'Selesai: kontrak, pesanan e-purchasing atau swakelola dilaksanakan sampai akhir (pekerjaan diserahterimakan). Tidak ada langkah lagi bagi pejabat maupun penyedia. Final.',
    final: true,
    outcome: 'completed',
  },
  diterima: {
    description: 'Diterima: barang/jasa Pengadaan Langsung dengan bukti pembelian atau kuitansi telah diterima PPK. Tidak ada langkah lagi. Final.',
    final: true,
    outcome: 'completed',
  },
  gagal: {
    description:
      'Gagal: pemilihan berakhir tanpa kontrak (mis. tidak ada penawaran, tidak ada yang lulus evaluasi, negosiasi tidak sepakat, penunjukan langsung tidak disetujui, atau pemenang tidak menandatangani kontrak). Tindak lanjutnya (tender/seleksi ulang, penunjukan langsung) berjalan sebagai paket baru yang tertaut; bagi penyedia paket ini tidak menghasilkan pemenang. Final.',
    final: true,
    outcome: 'failed',
  },
  batal: {
    description:
      'Batal: paket dibatalkan sebelum kontrak oleh PPK atau PA/KPA, atau pesanan ditolak PPK atau penyedia. Tidak ada langkah lagi; tidak dihitung dalam serapan anggaran. Final.',
    final: true,
    outcome: 'cancelled',
  },
  batal_otomatis: {
    description:
      'Batal otomatis: pesanan e-purchasing batal karena PPK tidak menyetujuinya dalam 3 hari kerja. Tidak ada langkah lagi; tidak dihitung dalam serapan anggaran. Final.',
    final: true,
    outcome: 'cancelled',
  },
  diputus: {
    description:
      'Diputus: kontrak, surat pesanan atau pelaksanaan swakelola diputus/dihentikan sebelum selesai (mis. karena keterlambatan). Bagi penyedia dapat diikuti usulan sanksi daftar hitam; publik melihat kontraknya berakhir tanpa diselesaikan. Final.',
    final: true,
    outcome: 'failed',
  },
  dihentikan: {
    description:
      'Dihentikan: proses kontrak (E-Kontrak) dihentikan dari luar aplikasi (oleh admin di Temporal, atau oleh server Temporal pada batas riwayatnya), bukan oleh langkah para pihak. Paket induk mencatatnya pada data kontraknya dan berlanjut seolah kontrak berakhir gagal; baris kontrak itu sendiri tetap tercatat berjalan karena prosesnya tidak sempat menulis akhirnya. Final.',
    final: true,
    outcome: 'failed',
  },
} as const satisfies Record<string, PackageStatusInfo>;

export type PackageStatus = keyof typeof PACKAGE_STATUSES;

/** Every status, in the order above (running, completed, failed, cancelled…): for enums, CHECKs and selects. */
export const PACKAGE_STATUS_VALUES = Object.keys(PACKAGE_STATUSES) as [PackageStatus, ...PackageStatus[]];

/**
 * The statuses a package's own row can hold, for filters: `dihentikan` is only ever recorded in a parent's data (a
 * contract stopped from outside never writes its own end), so a filter offering it would always find nothing.
 */
export const ROW_STATUS_VALUES: readonly PackageStatus[] = PACKAGE_STATUS_VALUES.filter((s) => s !== 'dihentikan');

export function isPackageStatus(s: unknown): s is PackageStatus {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(PACKAGE_STATUSES, s);
}

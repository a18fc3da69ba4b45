/**
 * The console's words for package statuses, in one place: every list, filter, package and contract page reads them
 * here. Keyed by the closed set (domain/process/statuses.ts), so a status added there without a label fails to
 * compile, and tests/package-statuses.test.ts compares the keys with the set.
 */
import { PACKAGE_STATUSES, type PackageStatus, ROW_STATUS_VALUES } from '../../../domain/process/statuses';

export const STATUS_LABELS: Readonly<Record<PackageStatus, string>> = {
  active: 'Berjalan',
  contract_signed: 'Kontrak ditandatangani',
  selesai: 'Selesai',
  diterima: 'Diterima',
  gagal: 'Gagal',
  batal: 'Batal',
  batal_otomatis: 'Batal otomatis',
  diputus: 'Diputus',
  dihentikan: 'Dihentikan',
};

/** The statuses a package row can hold, in the order of the set (running, completed, failed, cancelled…), for filter selects. */
export const STATUS_OPTIONS: readonly { value: PackageStatus; label: string }[] = ROW_STATUS_VALUES.map((value) => ({
  value,
  label: STATUS_LABELS[value],
}));

const isStatus = (s: string): s is PackageStatus => Object.prototype.hasOwnProperty.call(STATUS_LABELS, s);

/** A status in words; a value outside the set (never stored: the database refuses it) is shown as it is. */
export const statusLabel = (s: string): string => (isStatus(s) ? STATUS_LABELS[s] : s);

/** The badge tone: none while running, 'bad' for a failed or cancelled end, 'ok' for a completed one. */
export const statusTone = (s: string): '' | 'ok' | 'bad' => {
  if (!isStatus(s)) return '';
  const outcome = PACKAGE_STATUSES[s].outcome;
  return outcome === null ? '' : outcome === 'completed' ? 'ok' : 'bad';
};

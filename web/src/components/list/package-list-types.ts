/** Package statuses: `active` while running, then the end the definition reached. */
export const STATUS_LABELS: Record<string, string> = {
  active: 'Berjalan',
  contract_signed: 'Kontrak ditandatangani',
  selesai: 'Selesai',
  diterima: 'Diterima',
  diputus: 'Diputus',
  gagal: 'Gagal',
  batal: 'Batal',
  batal_otomatis: 'Batal otomatis',
};

export const statusClass = (s: string) => (s === 'active' ? '' : ['gagal', 'batal', 'batal_otomatis', 'failed', 'cancelled'].includes(s) ? 'bad' : 'ok');

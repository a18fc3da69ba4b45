/** Indonesian names for the contract's code values (contract_payments.kind, report states, document kinds). */
const PAYMENT_KINDS: Record<string, string> = {
  uang_muka: 'Uang muka',
  termin: 'Termin (prestasi pekerjaan)',
  akhir: 'Pembayaran akhir',
  retensi: 'Pengembalian retensi',
};
export const paymentKind = (k: string) => PAYMENT_KINDS[k] ?? k;

const REPORT_STATES: Record<string, { text: string; tone: '' | 'ok' | 'warn' | 'bad' }> = {
  diajukan: { text: 'Diajukan', tone: 'warn' },
  diterima: { text: 'Diterima', tone: 'ok' },
  dikembalikan: { text: 'Dikembalikan', tone: 'bad' },
};
export const reportState = (s: string) => REPORT_STATES[s] ?? { text: s, tone: '' as const };

const CONTRACT_KINDS: Record<string, string> = { kontrak: 'Kontrak', surat_pesanan: 'Surat Pesanan', swakelola: 'Kesepakatan Swakelola' };
export const contractKind = (k: string) => CONTRACT_KINDS[k] ?? k;

/** Bytes as people read them: `12,4 KB`. */
export function formatSize(bytes: number): string {
  const f = (n: number) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${f(bytes / 1024)} KB`;
  return `${f(bytes / 1024 / 1024)} MB`;
}

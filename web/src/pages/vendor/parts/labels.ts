/** What officers and vendors call the procurement methods and package outcomes (code ids stay English/SPSE). */
const METHODS: Record<string, string> = {
  tender: 'Tender',
  'tender-2file': 'Tender (dua file)',
  'tender-cepat': 'Tender Cepat',
  'tender-prakualifikasi': 'Tender (prakualifikasi)',
  seleksi: 'Seleksi',
  'pengadaan-langsung-a': 'Pengadaan Langsung',
  'pengadaan-langsung-b': 'Pengadaan Langsung',
  'penunjukan-langsung': 'Penunjukan Langsung',
  'e-purchasing': 'E-Purchasing',
  swakelola: 'Swakelola',
};

export const methodLabel = (m: string) => METHODS[m] ?? m;

// Package statuses: the console's one table of their words (web/src/i18n/statuses.ts).
export { statusLabel } from '../../../i18n/statuses';

/** Sealed-bid receipt states (sealed_bids.status). */
const BID_STATUSES: Record<string, { text: string; tone: '' | 'ok' | 'warn' | 'bad' }> = {
  received: { text: 'Diterima (menunggu konfirmasi)', tone: 'warn' },
  submitted: { text: 'Tersegel', tone: '' },
  opened: { text: 'Sudah dibuka', tone: 'ok' },
  rejected: { text: 'Ditolak saat pembukaan', tone: 'bad' },
};

export const bidStatus = (s: string | undefined) =>
  s ? (BID_STATUSES[s] ?? { text: s, tone: '' as const }) : { text: 'Tidak diketahui', tone: 'warn' as const };

/** The sealed steps, as the tender forms name them. */
const STEPS: Record<string, string> = {
  submit_bid: 'Penawaran',
  submit_technical_bid: 'Penawaran teknis (File I)',
  submit_price_bid: 'Penawaran harga (File II)',
  submit_technical: 'Penawaran teknis (File I)',
  submit_price: 'Penawaran harga (File II)',
  submit_quote: 'Penawaran mini kompetisi',
};

export const stepLabel = (s: string) => STEPS[s] ?? s;

/**
 * Words the public portal shows for codes. Method names come from here rather than from /api/process-definitions,
 * which needs a token; the codes are the API's method enum (schema.d.ts), the names the method rules'
 * (domain/rules/method-rules.ts METHOD_NAMES).
 */
export const METHOD_LABELS: Readonly<Record<string, string>> = {
  tender: 'Tender',
  'tender-2file': 'Tender (pascakualifikasi dua file)',
  'tender-prakualifikasi': 'Tender (prakualifikasi)',
  seleksi: 'Seleksi',
  'tender-cepat': 'Tender Cepat',
  'penunjukan-langsung': 'Penunjukan Langsung',
  'pengadaan-langsung-a': 'Pengadaan Langsung (pembelian langsung)',
  'pengadaan-langsung-b': 'Pengadaan Langsung (permintaan penawaran, SPK)',
  'e-purchasing': 'E-purchasing',
  swakelola: 'Swakelola',
};

export const methodLabel = (m: string) => METHOD_LABELS[m] ?? m;

/** Red-flag severities as the flag table writes them, and the tone of their badge. */
export const SEVERITY: Readonly<Record<string, { text: string; tone: '' | 'warn' | 'bad' }>> = {
  rendah: { text: 'Rendah', tone: '' },
  sedang: { text: 'Sedang', tone: 'warn' },
  tinggi: { text: 'Tinggi', tone: 'bad' },
};

/**
 * What the generated contract documents (E-Kontrak) say, in Bahasa Indonesia, from the package data. Pure: no IO,
 * no clock, so the same data always gives the same content (and, rendered with the same time, the same PDF bytes).
 *
 * Every value is optional in the data; a missing one prints as "-" rather than failing, because the documents are
 * drafts for signature and a blank field is for the officer to notice, not for the workflow to crash on.
 */
import { wibDate } from '../calendar/working-time';
import type { Category } from '../rules/method-rules';
import { SPK_MAX } from '../evaluation/langsung-thresholds';
import { vendorIdOf } from '../vendor-id';

export const DOCUMENT_KINDS = [
  'sppbj',
  'kontrak',
  'spmk',
  'surat_pesanan',
  'bast',
  'bast_pho',
  'bast_fho',
  'kesepakatan_swakelola',
  // Minutes of the show cause meetings of a kontrak kritis (domain/contract/critical-handling.ts), one kind per meeting.
  'ba_scm_1',
  'ba_scm_2',
  'ba_scm_3',
  // Minutes of the Reviu DPP (docs/regulation.md §2.1 P4, SPSE 4.5 "BA Hasil Reviu DPP" [S19]), one revision per round.
  'ba_reviu_dpp',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const isDocumentKind = (k: unknown): k is DocumentKind => typeof k === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(k);

export interface DocumentMeta {
  packageId: string;
  revision: number;
}

export interface DocumentSection {
  label: string;
  value: string;
}

export interface DocumentContent {
  title: string;
  fileName: string;
  heading: string[];
  sections: DocumentSection[];
  paragraphs: string[];
}

const MISSING = '-';

/** "Rp1.250.000.000" from integer rupiah; digits are grouped as a string, never through floating point. */
export function formatRupiah(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`formatRupiah needs a safe integer, got ${n}`);
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}Rp${digits}`;
}

const ONES = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
const SCALES = ['', 'ribu', 'juta', 'miliar', 'triliun', 'kuadriliun'];

function belowThousand(n: number): string[] {
  const words: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h === 1) words.push('seratus');
  else if (h > 1) words.push(ONES[h]!, 'ratus');
  if (rest >= 20) {
    words.push(ONES[Math.floor(rest / 10)]!, 'puluh');
    if (rest % 10) words.push(ONES[rest % 10]!);
  } else if (rest >= 12) words.push(ONES[rest % 10]!, 'belas');
  else if (rest === 11) words.push('sebelas');
  else if (rest === 10) words.push('sepuluh');
  else if (rest > 0) words.push(ONES[rest]!);
  return words;
}

/** Amount in words as written on contracts: 1250000 → "satu juta dua ratus lima puluh ribu rupiah". */
export function terbilang(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`terbilang needs a non-negative safe integer, got ${n}`);
  if (n === 0) return 'nol rupiah';
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    if (i === 1 && g === 1) words.push('seribu');
    else words.push(...belowThousand(g), ...(SCALES[i] ? [SCALES[i]!] : []));
  }
  return `${words.join(' ')} rupiah`;
}

/**
 * Perpres 16/2018 Pasal 28: the Surat Perintah Kerja (SPK) is the contract for jasa konsultansi up to Rp100.000.000
 * and for barang, pekerjaan konstruksi and jasa lainnya up to Rp200.000.000; above that, the Surat Perjanjian.
 */
export function contractForm(category: Category, value: number): 'spk' | 'surat_perjanjian' {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`contract value must be a non-negative integer, got ${value}`);
  if (!Object.hasOwn(SPK_MAX, category)) throw new RangeError(`unknown category '${String(category)}'`);
  return value <= SPK_MAX[category] ? 'spk' : 'surat_perjanjian';
}

const CATEGORY_LABEL: Record<Category, string> = {
  barang: 'Barang',
  pekerjaan_konstruksi: 'Pekerjaan Konstruksi',
  jasa_konsultansi: 'Jasa Konsultansi',
  jasa_lainnya: 'Jasa Lainnya',
};

// ---- reading the data, leniently -------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const text = (v: unknown): string => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : MISSING);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined);
const money = (v: unknown): string => {
  const n = int(v);
  return n === undefined ? MISSING : formatRupiah(n);
};
const moneyInWords = (v: unknown): string => {
  const n = int(v);
  return n === undefined || n < 0 ? MISSING : formatRupiah(n) + ` (${terbilang(n)})`;
};
/** ISO date: 'YYYY-MM-DD…' strings keep their date; epoch milliseconds give the date in WIB. */
const isoDate = (v: unknown): string => {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  if (typeof v === 'number' && Number.isFinite(v)) return wibDate(v);
  return MISSING;
};
const days = (v: unknown): string => {
  const n = int(v);
  return n === undefined ? MISSING : `${n} hari kalender`;
};

interface Facts {
  title: string;
  opd: string;
  workUnit: string;
  category?: Category;
  categoryLabel: string;
  fiscalYear: string;
  pagu: unknown;
  hps: unknown;
}

function factsOf(data: Obj): Facts {
  const p = obj(data.package);
  const category = typeof p.category === 'string' && Object.hasOwn(CATEGORY_LABEL, p.category) ? (p.category as Category) : undefined;
  return {
    title: text(p.title),
    opd: text(p.opd),
    workUnit: text(p.workUnit),
    category,
    categoryLabel: category ? CATEGORY_LABEL[category] : MISSING,
    fiscalYear: text(p.fiscalYear),
    pagu: p.pagu,
    hps: p.hps,
  };
}

interface Ctx {
  f: Facts;
  contract: Obj;
  sppbj: Obj;
  spmk: Obj;
  handover: Obj;
  /** data.criticalHandling (kontrak kritis), for the BA SCM kinds. */
  critical: Obj;
  /** The current Reviu DPP round, its co-signature and the officers' assignment letter, for the BA Hasil Reviu DPP. */
  dppReview: Obj;
  dppCosign: Obj;
  assignment: Obj;
  provider: string;
}

interface KindSpec {
  title: (c: Ctx) => string;
  number: (c: Ctx) => unknown;
  sections: (c: Ctx) => [string, string][];
  paragraphs: (c: Ctx) => string[];
}

/** The form of the contract: by the contract value, or the HPS before a value is agreed; Surat Perjanjian if neither. */
function contractTitle(c: Ctx): string {
  const value = int(c.contract.value) ?? int(c.f.hps);
  if (!c.f.category || value === undefined || value < 0) return 'Surat Perjanjian';
  return contractForm(c.f.category, value) === 'spk' ? 'Surat Perintah Kerja (SPK)' : 'Surat Perjanjian';
}

const handoverSections = (c: Ctx): [string, string][] => [
  ['Nomor Kontrak', text(c.contract.number)],
  ['Penyedia', c.provider],
  ['Nilai Kontrak', money(c.contract.value)],
  ['Tanggal Serah Terima', isoDate(c.handover.date)],
  ['Catatan', text(c.handover.note)],
];

const ROMAN = ['', 'I', 'II', 'III'];
const percentOfBp = (v: unknown): string => {
  const n = int(v);
  return n === undefined ? MISSING : `${(n / 100).toLocaleString('id-ID', { maximumFractionDigits: 2 })}%`;
};
const percent = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? `${v.toLocaleString('id-ID', { maximumFractionDigits: 2 })}%` : MISSING);

/** The meeting of `level` in the handling's current round (the minutes are generated right after the meeting step). */
const meetingOf = (c: Ctx, level: number): Obj =>
  obj((Array.isArray(c.critical.meetings) ? (c.critical.meetings as unknown[]) : []).map(obj).find((m) => m.level === level));

/**
 * BA SCM I–III: what the show cause meeting agreed (SSUK "Keterlambatan Pelaksanaan Pekerjaan dan Kontrak Kritis"):
 * why the contract is critical, the test period and the progress to reach, and what follows a failed test.
 */
function showCauseMinutes(level: number): KindSpec {
  const n = ROMAN[level]!;
  const warningLabel = level === 1 ? 'Surat Teguran Tertulis' : `Surat Peringatan Kontrak Kritis ${ROMAN[level - 1]}`;
  const warningOf = (c: Ctx) => {
    if (level === 1) return text(meetingOf(c, 1).warningNumber);
    const w = (Array.isArray(c.critical.warnings) ? (c.critical.warnings as unknown[]) : []).map(obj).find((x) => x.level === level - 1);
    return text(w?.number);
  };
  const judgement = (c: Ctx) => obj(c.critical.judgement);
  return {
    title: () => `Berita Acara Rapat Pembuktian (Show Cause Meeting) ${n}`,
    number: (c) => meetingOf(c, level).minutesNumber,
    sections: (c) => [
      ['Nomor Kontrak', text(c.contract.number)],
      ['Penyedia', c.provider],
      ['Nilai Kontrak', money(c.contract.value)],
      ['Tanggal Rapat', isoDate(meetingOf(c, level).meetingDate)],
      [warningLabel, warningOf(c)],
      ['Rencana Kemajuan Fisik', percent(judgement(c).plannedPct)],
      ['Realisasi Kemajuan Fisik', percent(judgement(c).actualPct)],
      ['Deviasi', percent(judgement(c).lagPct)],
      ['Masa Uji Coba', days(meetingOf(c, level).testPeriodDays)],
      ['Target Kemajuan Fisik Akhir Uji Coba', percentOfBp(meetingOf(c, level).targetBp)],
      ['Kesepakatan Lain', text(meetingOf(c, level).note)],
    ],
    paragraphs: (c) => [
      `Pejabat Pembuat Komitmen pada ${c.f.workUnit}, ${c.f.opd}, direksi teknis/pengawas pekerjaan, dan ${c.provider} ` +
        `mengadakan rapat pembuktian (show cause meeting) tingkat ${n} atas paket ${c.f.title} karena kontrak dinyatakan ` +
        'kritis menurut syarat-syarat umum kontrak (SSUK) "Keterlambatan Pelaksanaan Pekerjaan dan Kontrak Kritis".',
      `Penyedia menyanggupi mencapai kemajuan fisik kumulatif ${percentOfBp(meetingOf(c, level).targetBp)} dalam masa uji ` +
        `coba ${days(meetingOf(c, level).testPeriodDays)} sejak rapat ini.`,
      level < 3
        ? `Apabila target uji coba tidak tercapai, PPK menerbitkan Surat Peringatan Kontrak Kritis ${n} dan mengadakan ` +
          `rapat pembuktian tingkat ${ROMAN[level + 1]}.`
        : 'Apabila target uji coba ketiga ini tidak tercapai, PPK menerbitkan Surat Peringatan Kontrak Kritis III dan ' +
          'dapat memutuskan kontrak secara sepihak sesuai ketentuan pemutusan kontrak.',
    ],
  };
}

const KINDS: Record<DocumentKind, KindSpec> = {
  sppbj: {
    title: () => 'Surat Penunjukan Penyedia Barang/Jasa (SPPBJ)',
    number: (c) => c.sppbj.number,
    sections: (c) => [
      ['Penyedia', c.provider],
      ['Nilai Penawaran/Terkoreksi', moneyInWords(c.contract.value)],
    ],
    paragraphs: (c) => [
      `Dengan ini kami menetapkan ${c.provider} sebagai penyedia untuk melaksanakan paket ${c.f.title} dengan nilai ` + `${money(c.contract.value)}.`,
      'Penyedia diminta menandatangani kontrak dalam jangka waktu yang ditetapkan. Apabila penyedia mengundurkan diri ' +
        'atau tidak menandatangani kontrak tanpa alasan yang dapat diterima, penyedia dikenakan sanksi sesuai ketentuan ' +
        'peraturan perundang-undangan.',
    ],
  },
  kontrak: {
    title: contractTitle,
    number: (c) => c.contract.number,
    sections: (c) => [
      ['Penyedia', c.provider],
      ['Nilai Kontrak', moneyInWords(c.contract.value)],
      ['Tanggal Mulai', isoDate(c.contract.startDate)],
      ['Jangka Waktu Pelaksanaan', days(c.contract.durationDays)],
      ['Nomor SPPBJ', text(c.sppbj.number)],
      ['Revisi Kontrak', text(c.contract.revision)],
    ],
    paragraphs: (c) => [
      `${contractTitle(c)} ini dibuat antara Pejabat Pembuat Komitmen pada ${c.f.workUnit}, ${c.f.opd}, dan ` +
        `${c.provider} untuk pelaksanaan paket ${c.f.title}.`,
      'Bentuk kontrak ditetapkan menurut Peraturan Presiden Nomor 16 Tahun 2018 Pasal 28: Surat Perintah Kerja untuk ' +
        'jasa konsultansi bernilai paling banyak Rp100.000.000 dan untuk barang, pekerjaan konstruksi, dan jasa lainnya ' +
        'bernilai paling banyak Rp200.000.000; Surat Perjanjian untuk nilai di atasnya.',
      'Para pihak menyatakan tunduk pada syarat-syarat umum dan syarat-syarat khusus kontrak yang merupakan bagian ' + 'tidak terpisahkan dari dokumen ini.',
    ],
  },
  spmk: {
    title: () => 'Surat Perintah Mulai Kerja (SPMK)',
    number: (c) => c.spmk.number,
    sections: (c) => [
      ['Nomor Kontrak', text(c.contract.number)],
      ['Penyedia', c.provider],
      ['Tanggal Mulai Kerja', isoDate(c.spmk.startDate)],
      ['Jangka Waktu Pelaksanaan', days(c.contract.durationDays)],
    ],
    paragraphs: (c) => [
      `Berdasarkan kontrak nomor ${text(c.contract.number)}, dengan ini ${c.provider} diperintahkan untuk mulai ` +
        `melaksanakan pekerjaan ${c.f.title} terhitung sejak tanggal ${isoDate(c.spmk.startDate)}.`,
    ],
  },
  surat_pesanan: {
    title: () => 'Surat Pesanan (E-Purchasing)',
    number: (c) => c.contract.number,
    sections: (c) => [
      ['Penyedia', c.provider],
      ['Nilai Pesanan', moneyInWords(c.contract.value)],
      ['Tanggal Pesanan', isoDate(c.contract.startDate)],
      ['Jangka Waktu Pengiriman', days(c.contract.durationDays)],
    ],
    paragraphs: (c) => [
      `Melalui katalog elektronik, ${c.f.workUnit} memesan kepada ${c.provider} barang/jasa untuk paket ${c.f.title}.`,
      'Surat Pesanan yang telah disetujui penyedia berlaku sebagai kontrak (Peraturan Presiden Nomor 16 Tahun 2018 ' + 'Pasal 28).',
    ],
  },
  bast: {
    title: () => 'Berita Acara Serah Terima (BAST)',
    number: (c) => c.handover.number,
    sections: handoverSections,
    paragraphs: (c) => [
      `Pada tanggal ${isoDate(c.handover.date)}, ${c.provider} menyerahkan hasil pekerjaan ${c.f.title} dan Pejabat ` +
        'Pembuat Komitmen menerimanya dalam keadaan baik dan lengkap sesuai kontrak.',
    ],
  },
  bast_pho: {
    title: () => 'Berita Acara Serah Terima Pertama Pekerjaan (PHO)',
    number: (c) => c.handover.number,
    sections: handoverSections,
    paragraphs: (c) => [
      `Pada tanggal ${isoDate(c.handover.date)}, ${c.provider} menyerahkan pertama kali hasil pekerjaan ${c.f.title} ` +
        '(Provisional Hand Over) kepada Pejabat Pembuat Komitmen.',
      'Sejak serah terima pertama ini berlaku masa pemeliharaan; penyedia tetap bertanggung jawab memperbaiki cacat ' +
        'mutu yang ditemukan selama masa tersebut.',
    ],
  },
  bast_fho: {
    title: () => 'Berita Acara Serah Terima Akhir Pekerjaan (FHO)',
    number: (c) => c.handover.number,
    sections: handoverSections,
    paragraphs: (c) => [
      `Pada tanggal ${isoDate(c.handover.date)}, setelah masa pemeliharaan berakhir, ${c.provider} menyerahkan akhir ` +
        `hasil pekerjaan ${c.f.title} (Final Hand Over) kepada Pejabat Pembuat Komitmen.`,
      'Dengan serah terima akhir ini, jaminan pemeliharaan dapat dikembalikan sesuai ketentuan kontrak.',
    ],
  },
  kesepakatan_swakelola: {
    title: () => 'Kesepakatan Kerja Sama Swakelola',
    number: (c) => c.contract.number,
    sections: (c) => [
      ['Pelaksana Swakelola', c.provider],
      ['Nilai', moneyInWords(c.contract.value)],
      ['Tanggal Mulai', isoDate(c.contract.startDate)],
      ['Jangka Waktu Pelaksanaan', days(c.contract.durationDays)],
    ],
    paragraphs: (c) => [
      `${c.f.workUnit}, ${c.f.opd}, sebagai penanggung jawab anggaran dan ${c.provider} sebagai pelaksana sepakat ` +
        `melaksanakan paket ${c.f.title} secara swakelola.`,
      'Pelaksana melaporkan kemajuan fisik dan keuangan secara berkala dan menyerahkan hasil pekerjaan dengan Berita ' + 'Acara Serah Terima.',
    ],
  },
  ba_scm_1: showCauseMinutes(1),
  ba_scm_2: showCauseMinutes(2),
  ba_scm_3: showCauseMinutes(3),
  ba_reviu_dpp: {
    title: () => 'Berita Acara Hasil Reviu Dokumen Persiapan Pengadaan (BA Hasil Reviu DPP)',
    number: (c) => (c.dppReview.round === undefined ? undefined : `BA-REVIU-DPP/${text(c.dppReview.round)}`),
    sections: (c) => [
      ['Surat Tugas Pokja/Pejabat Pengadaan', text(c.assignment.letterNumber)],
      ['Putaran Reviu', text(c.dppReview.round)],
      ['Hasil Reviu', c.dppReview.result === 'sesuai' ? 'Sesuai' : c.dppReview.result === 'perlu_perbaikan' ? 'Perlu perbaikan' : MISSING],
      ['Catatan Reviu', text(c.dppReview.notes)],
      ['Tanggal Reviu', isoDate(c.dppReview.at)],
      ['Ditandatangani PPK', isoDate(c.dppCosign.at)],
      ['Catatan PPK', text(c.dppCosign.note)],
    ],
    paragraphs: (c) => [
      `Pokja Pemilihan/Pejabat Pengadaan yang ditugaskan Kepala UKPBJ bersama Pejabat Pembuat Komitmen pada ${c.f.workUnit}, ` +
        `${c.f.opd}, telah mereviu dokumen persiapan pengadaan paket ${c.f.title}: spesifikasi teknis/KAK, HPS, dan ` +
        'rancangan kontrak.',
      c.dppReview.result === 'perlu_perbaikan'
        ? 'Dokumen persiapan pengadaan dikembalikan kepada PPK untuk diperbaiki sesuai catatan reviu, lalu direviu kembali.'
        : 'Dokumen persiapan pengadaan dinyatakan sesuai dan dapat digunakan untuk menyusun dokumen pemilihan.',
    ],
  },
};

/** The document of `kind` for this package, from its process data. */
export function documentContent(kind: DocumentKind, data: Record<string, unknown>, meta: DocumentMeta): DocumentContent {
  const spec = KINDS[kind];
  if (!spec) throw new RangeError(`unknown document kind '${String(kind)}'`);
  const contract = obj(data.contract);
  const c: Ctx = {
    f: factsOf(data),
    contract,
    sppbj: obj(data.sppbj),
    spmk: obj(data.spmk),
    handover: obj(data.handover),
    critical: obj(data.criticalHandling),
    dppReview: obj(data.dppReview),
    dppCosign: obj(data.dppReviewCosign),
    assignment: obj(data.officerAssignment),
    provider: text(contract.providerName) !== MISSING ? text(contract.providerName) : text(vendorIdOf(contract)),
  };
  const title = spec.title(c);
  const rows: [string, string][] = [
    ['Nama Paket', c.f.title],
    ['Organisasi Perangkat Daerah', c.f.opd],
    ['Satuan Kerja', c.f.workUnit],
    ['Jenis Pengadaan', c.f.categoryLabel],
    ['Tahun Anggaran', c.f.fiscalYear],
    ['Pagu Anggaran', money(c.f.pagu)],
    ['HPS', money(c.f.hps)],
    ...spec.sections(c),
    ['Kode Paket', meta.packageId],
    ['Revisi Dokumen', String(meta.revision)],
  ];
  return {
    title,
    fileName: `${kind}-${meta.packageId}-r${meta.revision}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_'),
    heading: [c.f.opd.toUpperCase(), c.f.workUnit, title.toUpperCase(), `Nomor: ${text(spec.number(c))}`],
    sections: rows.map(([label, value]) => ({ label, value })),
    paragraphs: spec.paragraphs(c),
  };
}

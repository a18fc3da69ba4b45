/**
 * What a step form calls its fields, in Bahasa Indonesia, from the action's JSON Schema alone: the schema's `title`,
 * else its `description` when that reads as a label, else a small dictionary of field names shared by many steps,
 * else the field name made readable. Enum descriptions in the form `value: meaning; value2: meaning` (or `a = …`)
 * become the options' labels. Nothing here knows a step id: a new step gets labels from its schema.
 */
import type { JsonSchemaNode } from './schema-walk';

/** Field names used across definitions, with their usual Indonesian label. */
export const FIELD_LABELS: Record<string, string> = {
  price: 'Harga penawaran',
  note: 'Catatan',
  catatan: 'Catatan',
  reason: 'Alasan',
  grounds: 'Dasar pemutusan',
  bidSecurity: 'Jaminan penawaran',
  warningNumber: 'Nomor surat',
  semiPermanent: 'Bangunan semipermanen',
  durationDays: 'Jangka waktu (hari)',
  documentRef: 'Rujukan dokumen',
  document: 'Dokumen',
  documentHash: 'Hash dokumen (SHA-256)',
  question: 'Pertanyaan',
  questionId: 'Pertanyaan yang dijawab',
  answer: 'Jawaban',
  answers: 'Jawaban',
  objectionId: 'Sanggahan',
  appealId: 'Sanggah banding',
  reportId: 'Laporan',
  results: 'Hasil per penyedia',
  vendorId: 'Penyedia',
  vendorName: 'Nama penyedia',
  providerId: 'Penyedia',
  providerName: 'Nama penyedia',
  administrasi: 'Administrasi',
  kualifikasi: 'Kualifikasi',
  teknis: 'Teknis',
  lulus: 'Hasil pembuktian kualifikasi',
  passed: 'Memenuhi persyaratan',
  wajar: 'Kewajaran harga',
  approved: 'Keputusan',
  accepted: 'Diterima',
  agree: 'Persetujuan',
  agreed: 'Kesepakatan',
  upheld: 'Keputusan',
  number: 'Nomor',
  guarantee: 'Jaminan',
  guaranteeNumber: 'Nomor jaminan',
  issuer: 'Penerbit jaminan',
  amount: 'Nilai (rupiah)',
  value: 'Nilai (rupiah)',
  unitPrice: 'Harga satuan',
  quantity: 'Jumlah',
  description: 'Uraian',
  name: 'Nama',
  id: 'Kode',
  weight: 'Bobot',
  score: 'Nilai',
  scores: 'Nilai per unsur',
  outcome: 'Hasil',
  result: 'Hasil',
  notes: 'Catatan',
  letterNumber: 'Nomor surat tugas',
  members: 'Anggota',
  decision: 'Keputusan',
  mode: 'Cara pembelian',
  items: 'Barang',
  invited: 'Penyedia yang diundang',
  evidence: 'Bukti',
  sha256: 'SHA-256',
  fileName: 'Nama berkas',
  mediaType: 'Jenis berkas',
  contentBase64: 'Isi berkas',
  receiptNumber: 'Nomor bukti pembelian',
  bastNumber: 'Nomor BAST',
  leaderName: 'Nama ketua',
  persiapan: 'Tim persiapan',
  pelaksana: 'Tim pelaksana',
  pengawas: 'Tim pengawas',
  startDate: 'Tanggal mulai',
  validUntil: 'Berlaku sampai',
  period: 'Periode',
  maintenanceDays: 'Masa pemeliharaan (hari kalender)',
  periodDays: 'Panjang periode laporan (hari)',
  smallBusiness: 'Penyedia usaha kecil',
  multiYear: 'Kontrak tahun jamak',
  reverseAuction: 'Gunakan e-reverse auction',
  tenagaAhli: 'Tenaga ahli',
  technicalNotes: 'Hasil klarifikasi teknis',
  minutesRef: 'Rujukan berita acara',
  organisation: 'Organisasi pelaksana',
  leaderId: 'Id pengguna ketua',
  productId: 'Id produk katalog',
  deliveryDays: 'Waktu pengiriman (hari)',
  orderNumber: 'Nomor Surat Pesanan',
  agreementNumber: 'Nomor kesepakatan',
  decreeNumber: 'Nomor SK',
  receiptKind: 'Jenis bukti pembelian',
  receiptDate: 'Tanggal bukti pembelian',
  circumstance: 'Keadaan tertentu',
  followUp: 'Tindak lanjut',
  cause: 'Alasan sanggah',
  evaluationMethod: 'Metode evaluasi',
  type: 'Tipe',
  summary: 'Ringkasan',
  extensionDays: 'Perpanjangan (hari)',
  sikapRef: 'Rujukan SIKaP',
  offerRef: 'Rujukan dokumen penawaran',
  qualificationRef: 'Rujukan dokumen kualifikasi',
  bastRef: 'Rujukan BAST',
  grossAmount: 'Nilai prestasi (rupiah)',
  guaranteeAmount: 'Nilai jaminan (rupiah)',
  valueChange: 'Perubahan nilai (rupiah)',
  agreedPrice: 'Harga hasil negosiasi',
  physicalPercent: 'Kemajuan fisik kumulatif (%)',
  plannedProgress: 'Rencana kemajuan kumulatif (%)',
  technicalScore: 'Nilai teknis',
  technicalWeight: 'Bobot teknis (%)',
  technicalThreshold: 'Ambang batas nilai teknis',
  pqCriteria: 'Unsur penilaian kualifikasi',
  pqThreshold: 'Ambang batas nilai kualifikasi',
  shortlistMax: 'Jumlah maksimal daftar pendek',
  auctionRounds: 'Jumlah putaran',
  partnerAgency: 'K/L/PD pelaksana',
  quality: 'Kualitas',
  cost: 'Biaya',
  time: 'Waktu',
  service: 'Layanan',
  deliveryNote: 'Nomor surat jalan',
};

/** Option labels of yes/no fields, by field name (evaluation verdicts read as pass/fail). */
const BOOLEAN_CHOICES: Record<string, [string, string]> = {
  administrasi: ['Lulus', 'Gugur'],
  kualifikasi: ['Lulus', 'Gugur'],
  teknis: ['Lulus', 'Gugur'],
  lulus: ['Lulus', 'Gugur'],
  passed: ['Memenuhi', 'Tidak memenuhi'],
  wajar: ['Wajar', 'Tidak wajar'],
  approved: ['Disetujui', 'Ditolak'],
  accepted: ['Diterima', 'Ditolak'],
  agree: ['Setuju', 'Tidak setuju'],
  agreed: ['Sepakat', 'Tidak sepakat'],
  upheld: ['Diterima', 'Ditolak'],
};

/**
 * A description may name the process data its value refers to, as a dotted path in parentheses ("Calon pemenang
 * yang dibuktikan (award.winner)"). That is for the form (ui-schema.ts reads it to preselect the value), never for
 * the user's eyes.
 */
const DATA_PATH = /\s*\(([a-z][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+)(?<!\.(?:pdf|zip|xml|txt|json|csv|docx?|xlsx?|png|jpe?g))\)/; // not a file name

/** The data path a description names, if any. */
export function dataPathOf(description: string | undefined): string | undefined {
  return description ? DATA_PATH.exec(description)?.[1] : undefined;
}

const withoutDataPaths = (d: string) => d.replace(new RegExp(DATA_PATH.source, 'g'), '').trim();

/** `durationDays` → `Duration days`, `tender_ulang` → `Tender ulang`. */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export interface EnumDoc {
  /** Text before the list of values (`Keadaan tertentu (Pasal 38 ayat 5)`), if any. */
  prefix?: string;
  /** Value (as a string) → its meaning. */
  meanings: Record<string, string>;
}

/**
 * Reads `a: meaning; b: meaning` or `Prefix: a = meaning; b = meaning` from a description, for the given values.
 * Undefined unless every value is explained (a sentence that merely mentions a value is not a list of options).
 */
export function parseEnumDoc(description: string | undefined, values: readonly string[]): EnumDoc | undefined {
  if (!description || values.length === 0) return undefined;
  const meanings: Record<string, string> = {};
  let prefix: string | undefined;
  const known = new Set(values);
  for (const raw of description.split(';')) {
    const part = raw.trim();
    let m = /^(\S+?)\s*[:=]\s+(.+)$/s.exec(part);
    if (!m || !known.has(m[1]!)) {
      // The first part may carry a prefix: `Keadaan tertentu (…): a = meaning`.
      const p = /^(.*?):\s+(\S+?)\s*=\s+(.+)$/s.exec(part);
      if (p && known.has(p[2]!)) {
        prefix = p[1]!.trim();
        m = [part, p[2]!, p[3]!] as unknown as RegExpExecArray;
      } else continue;
    }
    meanings[m[1]!] = capitalise(m[2]!.trim().replace(/\.$/, ''));
  }
  return values.every((v) => meanings[v] !== undefined) ? { prefix, meanings } : undefined;
}

/** The first clause of a description (up to `;` or a full stop outside parentheses). */
function firstClause(d: string): string {
  let depth = 0;
  for (let i = 0; i < d.length; i++) {
    const c = d[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === ';' || (c === '.' && (i === d.length - 1 || d[i + 1] === ' ')))) return d.slice(0, i).trim();
  }
  return d.trim();
}

/** A description short and plain enough to be the label itself. */
function labelLike(d: string | undefined): string | undefined {
  if (!d) return undefined;
  const first = firstClause(d);
  return first.length > 0 && first.length <= 70 ? first : undefined;
}

export interface FieldText {
  label: string;
  /** The description under the label, when it says more than the label. */
  help?: string;
  /** Option labels for an enum or a boolean. */
  options?: { value: string | boolean; label: string }[];
}

const enumValues = (s: JsonSchemaNode): unknown[] | undefined => (Array.isArray(s.enum) ? s.enum : undefined);

/** The label, help text and option labels of one property. */
export function fieldText(name: string, s: JsonSchemaNode): FieldText {
  const description = typeof s.description === 'string' ? withoutDataPaths(s.description) || undefined : undefined;
  const title = typeof s.title === 'string' ? s.title : undefined;
  const values = enumValues(s);
  const isBool = s.type === 'boolean';
  const doc = values ? parseEnumDoc(description, values.map(String)) : isBool ? parseEnumDoc(description, ['true', 'false']) : undefined;
  const label = title ?? (doc ? (doc.prefix ?? FIELD_LABELS[name] ?? humanise(name)) : (labelLike(description) ?? FIELD_LABELS[name] ?? humanise(name)));
  // The description is shown as help unless it is the label or it was turned into the options' labels.
  const help = description && !doc && description.replace(/\.$/, '') !== label ? description : undefined;
  let options: FieldText['options'];
  if (values) options = values.map((v) => ({ value: v as string, label: doc?.meanings[String(v)] ?? humanise(String(v)) }));
  else if (isBool) {
    const [yes, no] = doc ? [doc.meanings.true!, doc.meanings.false!] : (BOOLEAN_CHOICES[name] ?? ['Ya', 'Tidak']);
    options = [
      { value: true, label: yes },
      { value: false, label: no },
    ];
  }
  return { label, ...(help ? { help } : {}), ...(options ? { options } : {}) };
}

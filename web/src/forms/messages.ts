/**
 * The step form in Bahasa Indonesia: the validator's errors (validator.ts: keyword + the schema's limit, as rjsf's
 * ajv validator named them) rewritten (`transformErrors`), with the field's label in the error list and a money
 * field's limit in rupiah, and rjsf's own words (buttons, yes/no, empty list) translated (`translateString`).
 */
import { englishStringTranslator, type RJSFValidationError, TranslatableString, type UiSchema } from '@rjsf/utils';
import { formatRupiah } from '../i18n/format';

const plain = (v: unknown) => (typeof v === 'number' ? new Intl.NumberFormat('id-ID', { maximumFractionDigits: 6 }).format(v) : String(v));

const TYPE_NAMES: Record<string, string> = {
  integer: 'bilangan bulat',
  number: 'angka',
  string: 'teks',
  boolean: 'pilihan ya atau tidak',
  array: 'daftar',
  object: 'kelompok isian',
};

/** Known patterns said in words, so the user learns the expected form rather than a regular expression. */
function patternMessage(pattern: string): string {
  if (/\\d\{4\}-|\[0-9\]\{4\}-/.test(pattern)) return 'Gunakan format tanggal TTTT-BB-HH, misalnya 2026-12-07.';
  if (pattern.includes('{64}')) return 'Harus 64 karakter heksadesimal (SHA-256).';
  if (pattern.includes('A-Za-z0-9+/')) return 'Isi berkas tidak terbaca; pilih berkasnya lagi.';
  if (pattern.startsWith('^[^/')) return 'Nama berkas tidak boleh memuat garis miring.';
  if (pattern.startsWith('^[a-z]')) return 'Gunakan huruf kecil, angka dan garis bawah, diawali huruf.';
  return 'Format isian tidak sesuai.';
}

/**
 * One validation error in Indonesian (undefined: not worth showing, e.g. the `if` that only says "then failed").
 * `money`: the field is whole rupiah, so its limits read `Rp1.000.000.000`.
 */
export function indonesianMessage(e: Pick<RJSFValidationError, 'name' | 'params'>, opts: { money?: boolean } = {}): string | undefined {
  const p = (e.params ?? {}) as Record<string, unknown>;
  const num = (v: unknown) => (opts.money && typeof v === 'number' ? formatRupiah(v) : plain(v));
  switch (e.name) {
    case 'required':
      return 'Wajib diisi.';
    case 'type': {
      const t = String(p.type).split(',')[0]!;
      return `Harus berupa ${TYPE_NAMES[t] ?? t}.`;
    }
    case 'minimum':
      return `Paling kecil ${num(p.limit)}.`;
    case 'maximum':
      return `Paling besar ${num(p.limit)}.`;
    case 'exclusiveMinimum':
      return `Harus lebih besar dari ${num(p.limit)}.`;
    case 'exclusiveMaximum':
      return `Harus lebih kecil dari ${num(p.limit)}.`;
    case 'minLength':
      return Number(p.limit) <= 1 ? 'Wajib diisi.' : `Paling sedikit ${plain(p.limit)} karakter.`;
    case 'maxLength':
      return `Paling banyak ${plain(p.limit)} karakter.`;
    case 'pattern':
      return patternMessage(typeof p.pattern === 'string' ? p.pattern : '');
    case 'enum':
      return 'Pilih salah satu pilihan yang tersedia.';
    case 'const':
    case 'false':
      return 'Nilai ini tidak diizinkan di sini.';
    case 'multipleOf':
      return `Harus kelipatan ${num(p.multipleOf)}.`;
    case 'minItems':
      return `Paling sedikit ${plain(p.limit)} butir.`;
    case 'maxItems':
      return `Paling banyak ${plain(p.limit)} butir.`;
    case 'maxProperties':
      return `Paling banyak ${plain(p.limit)} unsur.`;
    case 'minProperties':
      return `Paling sedikit ${plain(p.limit)} unsur.`;
    case 'additionalProperties':
      return `Isian '${String(p.additionalProperty)}' tidak dikenal.`;
    case 'not':
      return 'Kombinasi isian ini tidak diizinkan.';
    case 'uniqueItems':
      return 'Butir tidak boleh berulang.';
    case 'format':
      return 'Format isian tidak sesuai.';
    case 'if':
    case 'oneOf':
    case 'anyOf':
      return undefined;
    default:
      return 'Isian tidak sah.';
  }
}

/** The uiSchema node of the field at an rjsf property path (`.results.0.vendorId`), and its label with item numbers. */
function uiAt(property: string | undefined, uiSchema: UiSchema | undefined): { ui?: UiSchema; label?: string } {
  const parts = (property ?? '').split('.').filter(Boolean);
  let ui: UiSchema | undefined = uiSchema;
  let label: string | undefined;
  const numbers: string[] = [];
  for (const part of parts) {
    if (!ui) break;
    if (/^\d+$/.test(part)) {
      numbers.push(String(Number(part) + 1));
      ui = ui.items as UiSchema | undefined;
    } else {
      ui = (ui[part] as UiSchema | undefined) ?? (ui.additionalProperties as UiSchema | undefined);
      if (ui && typeof ui['ui:title'] === 'string') label = ui['ui:title'];
    }
  }
  return { ui, label: label && numbers.length ? `${label} (butir ${numbers.join('.')})` : label };
}

/** The label of the field at an rjsf property path (`.results.0.vendorId`), from the uiSchema's titles. */
export function labelAt(property: string | undefined, uiSchema: UiSchema | undefined): string | undefined {
  return uiAt(property, uiSchema).label;
}

export function transformErrors(errors: RJSFValidationError[], uiSchema?: UiSchema): RJSFValidationError[] {
  return errors.flatMap((e) => {
    const { ui, label } = uiAt(e.property, uiSchema);
    const message = indonesianMessage(e, { money: ui?.['ui:widget'] === 'money' });
    if (!message) return [];
    return [{ ...e, message, stack: label ? `${label}: ${message}` : message }];
  });
}

const TRANSLATIONS: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: 'Butir',
  [TranslatableString.EmptyArray]: 'Belum ada butir. Tambahkan dengan tombol di bawah.',
  [TranslatableString.YesLabel]: 'Ya',
  [TranslatableString.NoLabel]: 'Tidak',
  [TranslatableString.CloseLabel]: 'Tutup',
  [TranslatableString.ErrorsLabel]: 'Periksa isian berikut',
  [TranslatableString.NewStringDefault]: 'Nilai baru',
  [TranslatableString.AddButton]: 'Tambah',
  [TranslatableString.AddItemButton]: 'Tambah butir',
  [TranslatableString.CopyButton]: 'Salin',
  [TranslatableString.MoveDownButton]: 'Pindah ke bawah',
  [TranslatableString.MoveUpButton]: 'Pindah ke atas',
  [TranslatableString.RemoveButton]: 'Hapus',
  [TranslatableString.NowLabel]: 'Sekarang',
  [TranslatableString.ClearLabel]: 'Kosongkan',
  [TranslatableString.AriaDateLabel]: 'Pilih tanggal',
  [TranslatableString.PreviewLabel]: 'Pratinjau',
  [TranslatableString.DecrementAriaLabel]: 'Kurangi 1',
  [TranslatableString.IncrementAriaLabel]: 'Tambah 1',
  [TranslatableString.OptionalObjectAdd]: 'Isi bagian pilihan ini',
  [TranslatableString.OptionalObjectRemove]: 'Hapus isian bagian ini',
  [TranslatableString.OptionalObjectEmptyMsg]: 'Bagian pilihan ini belum diisi',
  [TranslatableString.Type]: 'Jenis',
  [TranslatableString.Value]: 'Nilai',
  [TranslatableString.ClearButton]: 'kosongkan isian',
  [TranslatableString.OptionPrefix]: 'Pilihan %1',
  [TranslatableString.TitleOptionPrefix]: '%1 pilihan %2',
  [TranslatableString.KeyLabel]: '%1 (nama unsur)',
  [TranslatableString.UnsupportedField]: 'Isian ini belum didukung konsol.',
  [TranslatableString.FilesInfo]: '**%1** (%2, %3 bita)',
};

export function translateString(s: TranslatableString, params?: string[]): string {
  const t = TRANSLATIONS[s];
  return t ? englishStringTranslator(t as TranslatableString, params) : englishStringTranslator(s, params);
}

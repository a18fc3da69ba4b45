/**
 * Which method of choosing a provider (metode pemilihan) a package may use, by category and value, under the
 * regulation in force on a given day. Pure data plus a pure check: no clock, no IO.
 *
 * The thresholds are versioned configuration keyed by the regulation's effective date (docs/regulation.md §9.3: Perpres
 * 46/2025 is known from secondary sources only, so its numbers live here as data, not in code paths). A package
 * records the id of the rule set it was created under and keeps those rules for life.
 *
 * Value basis: the package's HPS (Harga Perkiraan Sendiri). Perpres 16/2018 Pasal 38(3), 41(2),(3) speak of the
 * procurement "bernilai paling banyak …"; the HPS is the PPK's accountable estimate of that value (Pasal 26,
 * docs/regulation.md §4.2), while the pagu is the budget ceiling the reference ties only to who sets the winner (Pasal 13).
 * Reading "nilai" as HPS is an interpretation (assumed), not a quoted rule.
 */

import { METHOD_CODES, type MethodCode, PROFILES } from '../../workflows/definitions/profiles';

export type Category = 'barang' | 'pekerjaan_konstruksi' | 'jasa_konsultansi' | 'jasa_lainnya';

export const CATEGORIES: readonly Category[] = ['barang', 'pekerjaan_konstruksi', 'jasa_konsultansi', 'jasa_lainnya'];

/** The methods are those with a profile (workflows/definitions/profiles.ts): every rule set must name each of them. */
export type { MethodCode };

/** One condition of a method; the first one a package fails is the rule named in the refusal. */
export type Clause =
  /** The method is only for these categories. */
  | { kind: 'categories'; allowed: readonly Category[]; source: string }
  /** The value may be at most the limit of the package's category (inclusive). */
  | { kind: 'max'; limits: Partial<Record<Category, number>>; source: string }
  /** The value must be above the limit of the package's category (exclusive). */
  | { kind: 'above'; limits: Partial<Record<Category, number>>; source: string };

export interface RuleSet {
  id: string;
  /** First day (WIB, 'YYYY-MM-DD') the rule set applies to new packages. */
  effectiveFrom: string;
  /** Where the effective date comes from, and whether it is assumed. */
  effectiveFromSource: string;
  title: string;
  source: string;
  /** Clauses per method; a method with no clauses has no category or value rule here. */
  methods: Record<MethodCode, readonly Clause[]>;
}

const JUTA = 1_000_000;

/**
 * Where the Rp400 m ceiling of Pengadaan Langsung for construction sits: a definition inserted into Pasal 1 of
 * Perpres 16/2018 by Perpres 46/2025 (evidence and doubts in ./CITATIONS.md).
 */
export const PL_CONSTRUCTION_400 = 'Perpres 16/2018 Pasal 1 angka 40a sebagaimana disisipkan Perpres 46/2025';
const NON_CONSULTANCY: readonly Category[] = ['barang', 'pekerjaan_konstruksi', 'jasa_lainnya'];

/** The rules that only differ between rule sets by the Pengadaan Langsung ceilings. */
function methodsWith(pl: Record<Category, number>, plSource: string): Record<MethodCode, readonly Clause[]> {
  const notConsultancy = (why: string): Clause => ({ kind: 'categories', allowed: NON_CONSULTANCY, source: why });
  // Tender and its variants are used only where PgL (and the other methods) cannot be (Pasal 38(7)); consultancy is
  // chosen by Seleksi instead (Pasal 41).
  const abovePl: Clause = {
    kind: 'above',
    limits: { barang: pl.barang, pekerjaan_konstruksi: pl.pekerjaan_konstruksi, jasa_lainnya: pl.jasa_lainnya },
    source: `Perpres 16/2018 Pasal 38 ayat (7): Tender hanya bila Pengadaan Langsung tidak dapat dipakai; ${plSource}`,
  };
  const tenderClauses = [notConsultancy('Perpres 16/2018 Pasal 38 ayat (7) dan Pasal 41 ayat (2): jasa konsultansi dipilih melalui Seleksi'), abovePl];
  return {
    tender: tenderClauses,
    'tender-2file': tenderClauses,
    'tender-prakualifikasi': tenderClauses,
    'tender-cepat': [
      notConsultancy('Perpres 16/2018 Pasal 38 ayat (6): Tender Cepat untuk barang, pekerjaan konstruksi, jasa lainnya'),
      { ...abovePl, source: `Perpres 16/2018 Pasal 38 ayat (6),(3): di bawah batas Pengadaan Langsung dipakai Pengadaan Langsung; ${plSource}` },
    ],
    seleksi: [
      { kind: 'categories', allowed: ['jasa_konsultansi'], source: 'Perpres 16/2018 Pasal 41 ayat (2): Seleksi untuk Jasa Konsultansi' },
      {
        kind: 'above',
        limits: { jasa_konsultansi: pl.jasa_konsultansi },
        source: 'Perpres 16/2018 Pasal 41 ayat (2),(3): Seleksi untuk nilai di atas Rp100.000.000',
      },
    ],
    // Keadaan tertentu (Pasal 38(5), 41(5)) is checked by the process itself; there is no ceiling (docs/regulation.md §1.2).
    'penunjukan-langsung': [],
    // Path A, direct purchase with a receipt or kuitansi: goods and other services up to Rp50 m (Pasal 28, 50(7)a;
    // docs/regulation.md §2.8, §5.1).
    'pengadaan-langsung-a': [
      {
        kind: 'categories',
        allowed: ['barang', 'jasa_lainnya'],
        source: 'Perpres 16/2018 Pasal 28 ayat (1) dan Pasal 50 ayat (7) huruf a: bukti pembelian/kuitansi hanya untuk barang dan jasa lainnya',
      },
      {
        kind: 'max',
        limits: { barang: 50 * JUTA, jasa_lainnya: 50 * JUTA },
        source: 'Perpres 16/2018 Pasal 28 ayat (1) huruf b: kuitansi untuk nilai paling banyak Rp50.000.000',
      },
    ],
    'pengadaan-langsung-b': [{ kind: 'max', limits: pl, source: plSource }],
    // Catalogue listing is the trigger, no value rule; the catalogue holds goods, works and other services (§1.2).
    'e-purchasing': [
      notConsultancy('Perpres 16/2018 Pasal 38 ayat (2): E-purchasing untuk barang, pekerjaan konstruksi, jasa lainnya dalam katalog elektronik'),
    ],
    swakelola: [],
  };
}

/** Oldest first. */
export const RULE_SETS: readonly RuleSet[] = [
  {
    id: 'perpres-16-2018-jo-12-2021',
    // Not in the reference; Perpres 12/2021 took effect on promulgation, 2 February 2021 (assumed). Perpres
    // 16/2018 alone had the same thresholds (S1 text), so packages of that era would read the same.
    effectiveFrom: '2021-02-02',
    effectiveFromSource: 'diasumsikan: tanggal diundangkan Perpres 12/2021 (tidak ada di referensi)',
    title: 'Perpres 16/2018 sebagaimana diubah Perpres 12/2021',
    source: 'Perpres 16/2018 Pasal 38, 41 (teks lengkap, S1); Perpres 12/2021 (S2, S3, S9); docs/regulation.md §1.2',
    methods: methodsWith(
      { barang: 200 * JUTA, pekerjaan_konstruksi: 200 * JUTA, jasa_lainnya: 200 * JUTA, jasa_konsultansi: 100 * JUTA },
      'Perpres 16/2018 Pasal 38 ayat (3) dan Pasal 41 ayat (3): Pengadaan Langsung paling banyak Rp200.000.000 (Rp100.000.000 untuk jasa konsultansi)',
    ),
  },
  {
    id: 'perpres-46-2025',
    // Not in the reference (§9.3 asks for an effective-date key); promulgation date 30 April 2025 assumed.
    effectiveFrom: '2025-04-30',
    effectiveFromSource: 'diasumsikan: tanggal diundangkan Perpres 46/2025 (tidak ada di referensi)',
    title: 'Perpres 16/2018 sebagaimana diubah terakhir dengan Perpres 46/2025',
    // The Rp400 m construction ceiling is Perpres 16/2018 Pasal 1 angka 40a, inserted by Perpres 46/2025 Pasal I (a
    // definition, "Pengadaan Langsung Pekerjaan Konstruksi … paling banyak Rp400.000.000,00"), not a "Pasal 40a".
    // Evidence: SECONDARY — two secondary sources agree (see ./CITATIONS.md); the official text was not read.
    source: `Perpres 46/2025 Pasal I: ${PL_CONSTRUCTION_400}; docs/regulation.md §1.2, §2.8`,
    methods: methodsWith(
      { barang: 200 * JUTA, pekerjaan_konstruksi: 400 * JUTA, jasa_lainnya: 200 * JUTA, jasa_konsultansi: 100 * JUTA },
      `Perpres 16/2018 Pasal 38 ayat (3), 41 ayat (3) jo. ${PL_CONSTRUCTION_400}: Pengadaan Langsung paling banyak Rp200.000.000, pekerjaan konstruksi Rp400.000.000, jasa konsultansi Rp100.000.000`,
    ),
  },
];

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The rule set in force on a WIB calendar day ('YYYY-MM-DD'). */
export function ruleSetFor(date: string, sets: readonly RuleSet[] = RULE_SETS): RuleSet {
  if (!DATE.test(date)) throw new RangeError(`tanggal harus berbentuk YYYY-MM-DD, bukan '${date}'`);
  // ISO dates compare correctly as strings.
  const inForce = sets.filter((s) => s.effectiveFrom <= date).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  const set = inForce[inForce.length - 1];
  if (!set) throw new RangeError(`tidak ada aturan metode yang berlaku pada ${date}`);
  return set;
}

/** Each method's name, from its profile. */
export const METHOD_NAMES = Object.fromEntries(METHOD_CODES.map((m) => [m, PROFILES[m].name])) as Readonly<Record<MethodCode, string>>;

export const CATEGORY_NAMES: Record<Category, string> = {
  barang: 'Barang',
  pekerjaan_konstruksi: 'Pekerjaan Konstruksi',
  jasa_konsultansi: 'Jasa Konsultansi',
  jasa_lainnya: 'Jasa Lainnya',
};

export function formatRupiah(n: number): string {
  return `Rp${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}

export interface MethodRequest {
  method: string;
  category: Category;
  /** Integer rupiah (the package's HPS, see the header). */
  value: number;
  /** WIB calendar day the package is created. */
  date: string;
}

export interface RuleRef {
  /** `<method>:category`, `<method>:max_value`, `<method>:min_value` or `method:unknown`. */
  id: string;
  message: string;
  source: string;
  limit?: number;
}

export type MethodCheck = { ok: true; ruleSet: RuleSet } | { ok: false; ruleSet: RuleSet; rule: RuleRef };

const isMethod = (m: string, set: RuleSet): m is MethodCode => Object.prototype.hasOwnProperty.call(set.methods, m);

export function checkMethod(req: MethodRequest): MethodCheck {
  const ruleSet = ruleSetFor(req.date);
  if (!Number.isSafeInteger(req.value) || req.value <= 0) throw new RangeError(`nilai harus rupiah bulat positif, bukan ${req.value}`);
  if (!isMethod(req.method, ruleSet)) {
    const message = `Metode '${req.method}' tidak dikenal dalam aturan ${ruleSet.title}.`;
    return { ok: false, ruleSet, rule: { id: 'method:unknown', message, source: ruleSet.source } };
  }
  const name = METHOD_NAMES[req.method];
  const cat = CATEGORY_NAMES[req.category];
  const value = formatRupiah(req.value);
  for (const c of ruleSet.methods[req.method]) {
    if (c.kind === 'categories' && !c.allowed.includes(req.category)) {
      const allowed = c.allowed.map((a) => CATEGORY_NAMES[a]).join(', ');
      const message = `Metode ${name} tidak dapat dipakai untuk ${cat}; hanya untuk ${allowed} (${c.source}).`;
      return { ok: false, ruleSet, rule: { id: `${req.method}:category`, message, source: c.source } };
    }
    const limit = c.kind === 'categories' ? undefined : c.limits[req.category];
    if (c.kind === 'max' && limit !== undefined && req.value > limit) {
      const message = `Metode ${name} untuk ${cat} hanya untuk nilai paling banyak ${formatRupiah(limit)}; HPS paket ${value} (${c.source}).`;
      return { ok: false, ruleSet, rule: { id: `${req.method}:max_value`, message, source: c.source, limit } };
    }
    if (c.kind === 'above' && limit !== undefined && req.value <= limit) {
      const message = `Metode ${name} untuk ${cat} hanya untuk nilai di atas ${formatRupiah(limit)}; HPS paket ${value} (${c.source}).`;
      return { ok: false, ruleSet, rule: { id: `${req.method}:min_value`, message, source: c.source, limit } };
    }
  }
  return { ok: true, ruleSet };
}

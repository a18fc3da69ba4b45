/**
 * The demo's packages: realistic Kota Tangerang packages across every method, each with a category and an HPS its
 * method allows (domain/rules/method-rules.ts, Perpres 46/2025 thresholds), the demo officers it needs, the vendors
 * who will take part with their prices, and how far the demo drives it (so the packages spread over the stages).
 * Random but reproducible: the same seed gives the same packages.
 */

export const DEMO_OFFICERS = {
  ppk: 'ppk.budi',
  pokja: ['pokja.sari', 'pokja.agus', 'pokja.dewi'],
  pp: 'pp.rudi',
  paKpa: 'kpa.hendra',
  /** The head of the UKPBJ, who assigns the Pokja of the tender family (issue 13). */
  kepalaUkpbj: 'ukpbj.ratna',
  /** Methods a Pokja runs, assigned by the head of the UKPBJ after the package is made. */
  pokjaMethods: ['tender', 'tender-2file', 'tender-prakualifikasi', 'seleksi', 'tender-cepat'] as string[],
  /**
   * Methods whose officer the head of the UKPBJ assigns by value (workflows/definitions/langsung-officers.ts,
   * Perpres 16/2018 Pasal 12–13): the Pejabat Pengadaan, or a Pokja above the Penunjukan Langsung limit.
   */
  ukpbjMethods: ['penunjukan-langsung', 'pengadaan-langsung-b'] as string[],
};
export const DEMO_VENDORS = ['vendor.karya', 'vendor.tirta', 'vendor.cisadane'];

export interface PackageSpec {
  index: number;
  method: string;
  body: Record<string, unknown>;
  hps: number;
  /** Who takes part (bids, offers, quotes), in order, with each one's price as a share of the HPS. */
  vendors: string[];
  priceShare: Record<string, number>;
  /** Steps the demo performs at most on this package (Infinity: as far as the time allows). */
  budget: number;
  /** What happens to it besides the main path (assignStories); absent: the main path only. */
  story?: Story;
}

/**
 * The stories that give the monitoring pages something to show. Contract stories play out after both signatures
 * (./execution.ts); 'gagal' fails the tender in evaluation and lets the engine start its re-tender; 'batal' is
 * cancelled by the PPK after the announcement.
 */
export type ContractStory = 'jalan' | 'kritis' | 'spmk_tertunda';
export type Story = ContractStory | 'gagal' | 'batal';

/**
 * The demo contracts' plan (SSKK): 360 days in four 90-day periods, cumulative progress at each period's end. Long
 * enough that, with a development TIME_SCALE, a contract stays in execution for minutes after the demo.
 */
export const DEMO_PLAN = [20, 45, 75, 100];
export const DEMO_CONTRACT = { durationDays: 360, periodDays: 90 };

/** mulberry32: small, fast, good enough for demo data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPD = {
  pupr: 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Tangerang',
  dinkes: 'Dinas Kesehatan Kota Tangerang',
  disdik: 'Dinas Pendidikan Kota Tangerang',
  dishub: 'Dinas Perhubungan Kota Tangerang',
  dlh: 'Dinas Lingkungan Hidup Kota Tangerang',
  perkim: 'Dinas Perumahan, Permukiman dan Pertanahan Kota Tangerang',
  rsud: 'RSUD Kota Tangerang',
  setda: 'Sekretariat Daerah Kota Tangerang',
  kominfo: 'Dinas Komunikasi dan Informatika Kota Tangerang',
  bpbd: 'Badan Penanggulangan Bencana Daerah Kota Tangerang',
};
const KECAMATAN = [
  'Ciledug',
  'Larangan',
  'Karang Tengah',
  'Cipondoh',
  'Pinang',
  'Tangerang',
  'Karawaci',
  'Cibodas',
  'Jatiuwung',
  'Periuk',
  'Neglasari',
  'Batuceper',
  'Benda',
];
const JALAN = [
  'Jl. Merdeka',
  'Jl. Daan Mogot',
  'Jl. MH Thamrin',
  'Jl. Imam Bonjol',
  'Jl. Perintis Kemerdekaan',
  'Jl. KH Hasyim Ashari',
  'Jl. Gatot Subroto',
  'Jl. Sudirman',
];

type Category = 'barang' | 'pekerjaan_konstruksi' | 'jasa_konsultansi' | 'jasa_lainnya';
interface Template {
  category: Category;
  title: (pick: <T>(xs: readonly T[]) => T) => string;
  opds: string[];
  workUnit: string;
}

const TEMPLATES: Record<Category, Template[]> = {
  pekerjaan_konstruksi: [
    { category: 'pekerjaan_konstruksi', title: (p) => `Rehabilitasi Saluran Drainase ${p(JALAN)}`, opds: [OPD.pupr], workUnit: 'Bidang Sumber Daya Air' },
    {
      category: 'pekerjaan_konstruksi',
      title: (p) => `Peningkatan Jalan Lingkungan Kecamatan ${p(KECAMATAN)}`,
      opds: [OPD.pupr, OPD.perkim],
      workUnit: 'Bidang Bina Marga',
    },
    { category: 'pekerjaan_konstruksi', title: (p) => `Pembangunan Gedung Puskesmas ${p(KECAMATAN)}`, opds: [OPD.dinkes], workUnit: 'Sekretariat' },
    {
      category: 'pekerjaan_konstruksi',
      title: (p) => `Pembangunan Ruang Kelas Baru SDN ${p(KECAMATAN)} ${1 + Math.floor(p([0, 1, 2, 3, 4, 5]))}`,
      opds: [OPD.disdik],
      workUnit: 'Bidang Sarana dan Prasarana',
    },
    { category: 'pekerjaan_konstruksi', title: (p) => `Pembangunan Halte dan Trotoar ${p(JALAN)}`, opds: [OPD.dishub], workUnit: 'Bidang Prasarana' },
  ],
  barang: [
    {
      category: 'barang',
      title: (p) => `Pengadaan Alat Kesehatan Puskesmas ${p(KECAMATAN)}`,
      opds: [OPD.dinkes, OPD.rsud],
      workUnit: 'Bidang Pelayanan Kesehatan',
    },
    { category: 'barang', title: () => 'Pengadaan Laptop dan Printer Perangkat Daerah', opds: [OPD.kominfo, OPD.setda], workUnit: 'Bagian Umum' },
    {
      category: 'barang',
      title: (p) => `Pengadaan Meja dan Kursi Siswa Kecamatan ${p(KECAMATAN)}`,
      opds: [OPD.disdik],
      workUnit: 'Bidang Sarana dan Prasarana',
    },
    { category: 'barang', title: () => 'Pengadaan Perahu Karet dan Peralatan Evakuasi Banjir', opds: [OPD.bpbd], workUnit: 'Bidang Kedaruratan' },
    { category: 'barang', title: () => 'Pengadaan Tempat Sampah Terpilah dan Gerobak Motor', opds: [OPD.dlh], workUnit: 'Bidang Pengelolaan Sampah' },
  ],
  jasa_lainnya: [
    { category: 'jasa_lainnya', title: () => 'Jasa Kebersihan Gedung Pusat Pemerintahan', opds: [OPD.setda], workUnit: 'Bagian Umum' },
    { category: 'jasa_lainnya', title: () => 'Jasa Pemeliharaan Lampu Penerangan Jalan Umum', opds: [OPD.dishub], workUnit: 'Bidang Prasarana' },
    { category: 'jasa_lainnya', title: () => 'Jasa Pengangkutan Sampah ke TPA Rawa Kucing', opds: [OPD.dlh], workUnit: 'Bidang Pengelolaan Sampah' },
  ],
  jasa_konsultansi: [
    {
      category: 'jasa_konsultansi',
      title: (p) => `Jasa Konsultansi Perencanaan Drainase ${p(KECAMATAN)}`,
      opds: [OPD.pupr],
      workUnit: 'Bidang Sumber Daya Air',
    },
    { category: 'jasa_konsultansi', title: () => 'Jasa Konsultansi Pengawasan Pembangunan Gedung Puskesmas', opds: [OPD.dinkes], workUnit: 'Sekretariat' },
    {
      category: 'jasa_konsultansi',
      title: () => 'Penyusunan Rencana Induk Sistem Informasi Kota Tangerang',
      opds: [OPD.kominfo],
      workUnit: 'Bidang Aplikasi Informatika',
    },
  ],
};

const JUTA = 1_000_000;
/** Per method: the categories it may use and the HPS range (in juta) that its value rule allows. */
const METHOD_SHAPES: Record<string, { categories: Category[]; hps: [number, number]; bidders: [number, number] }> = {
  tender: { categories: ['pekerjaan_konstruksi', 'barang', 'jasa_lainnya'], hps: [450, 4_000], bidders: [1, 3] },
  'tender-2file': { categories: ['pekerjaan_konstruksi', 'barang'], hps: [1_000, 8_000], bidders: [2, 3] },
  'tender-prakualifikasi': { categories: ['pekerjaan_konstruksi'], hps: [5_000, 9_000], bidders: [3, 3] }, // prequalification needs three
  seleksi: { categories: ['jasa_konsultansi'], hps: [150, 2_000], bidders: [3, 3] }, // a short list needs three
  'tender-cepat': { categories: ['barang', 'jasa_lainnya'], hps: [250, 1_000], bidders: [1, 3] },
  'penunjukan-langsung': { categories: ['barang', 'pekerjaan_konstruksi'], hps: [150, 800], bidders: [1, 1] },
  'pengadaan-langsung-a': { categories: ['barang', 'jasa_lainnya'], hps: [5, 50], bidders: [0, 0] },
  'pengadaan-langsung-b': { categories: ['barang', 'jasa_lainnya'], hps: [60, 190], bidders: [1, 1] },
  'e-purchasing': { categories: ['barang'], hps: [50, 500], bidders: [1, 1] },
  swakelola: { categories: ['pekerjaan_konstruksi'], hps: [100, 600], bidders: [0, 0] },
};
export const DEMO_METHODS = Object.keys(METHOD_SHAPES);

/** How far a package is driven: a spread from "just created" to "as far as the time allows". */
const BUDGETS: [number, number][] = [
  [0, 0.1],
  [2, 0.15],
  [5, 0.2],
  [9, 0.2],
  [Infinity, 0.35],
];

/** Methods whose award goes to an E-Kontrak `kontrak` (SPMK, progress reports, terms), quickest to reach first. */
const KONTRAK_METHODS = ['penunjukan-langsung', 'pengadaan-langsung-b', 'tender-cepat', 'tender', 'tender-2file'];
/** Contract stories in turn: critical and on plan first, so even a small demo has both. */
const CONTRACT_STORIES: ContractStory[] = ['kritis', 'jalan', 'spmk_tertunda', 'jalan'];

/**
 * Gives stories by index, after the random draw (so a seed gives the same packages as before, plus their stories):
 * the first tender fails and is re-tendered, the first tender-cepat is cancelled, and every other package of a
 * KONTRAK_METHODS method in turn gets a contract story, from the first up to about a quarter of all packages. Story
 * packages are driven as far as the time allows.
 */
function assignStories(specs: PackageSpec[]): void {
  const first = (method: string) => specs.find((s) => s.method === method && !s.story);
  const failing = first('tender');
  if (failing) Object.assign(failing, { story: 'gagal', budget: Infinity, vendors: failing.vendors.slice(0, 1) });
  const cancelled = first('tender-cepat');
  // Its three preparation steps (assignment, Reviu DPP, the PPK's co-signature), then the announcement.
  if (cancelled) Object.assign(cancelled, { story: 'batal', budget: 4 });
  const wanted = Math.max(2, Math.floor(specs.length / 4));
  const candidates = specs
    .filter((s) => !s.story && KONTRAK_METHODS.includes(s.method))
    .sort((a, b) => KONTRAK_METHODS.indexOf(a.method) - KONTRAK_METHODS.indexOf(b.method) || a.index - b.index)
    .slice(0, wanted)
    .sort((a, b) => a.index - b.index);
  candidates.forEach((s, i) => Object.assign(s, { story: CONTRACT_STORIES[i % CONTRACT_STORIES.length], budget: Infinity }));
}

export function packageSpecs(n: number, opts: { seed: number; fiscalYear: number; methods: string[] }): PackageSpec[] {
  const specs = drawSpecs(n, opts);
  assignStories(specs);
  return specs;
}

function drawSpecs(n: number, opts: { seed: number; fiscalYear: number; methods: string[] }): PackageSpec[] {
  const r = rng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + r() * (hi - lo);
  const methods = DEMO_METHODS.filter((m) => opts.methods.includes(m));
  if (!methods.length) throw new Error('server ini tidak mengenal satu pun metode demo');
  return Array.from({ length: n }, (_, index) => {
    // Round robin over the methods, so any N of at least their number covers them all.
    const method = methods[index % methods.length]!;
    const shape = METHOD_SHAPES[method]!;
    const t = pick(TEMPLATES[pick(shape.categories)]);
    const hps = Math.round((between(shape.hps[0], shape.hps[1]) * JUTA) / 1000) * 1000;
    const pagu = Math.round((hps * between(1.02, 1.1)) / 1000) * 1000;
    const count = shape.bidders[0] + Math.floor(r() * (shape.bidders[1] - shape.bidders[0] + 1));
    const vendors = [...DEMO_VENDORS].sort(() => r() - 0.5).slice(0, count);
    // Prices from 82% to 99.5% of the HPS: a few land at or above 95% (a red flag on purpose).
    const priceShare = Object.fromEntries(vendors.map((v) => [v, Math.round(between(0.82, 0.995) * 1000) / 1000]));
    let roll = r();
    const budget = BUDGETS.find(([, p]) => (roll -= p) < 0)?.[0] ?? Infinity;
    const officers: Record<string, unknown> = { paKpa: DEMO_OFFICERS.paKpa };
    // The PPK names the head of the UKPBJ; the head assigns the Pokja in the package's first step (plans.ts).
    if (DEMO_OFFICERS.pokjaMethods.includes(method) || DEMO_OFFICERS.ukpbjMethods.includes(method)) officers.kepalaUkpbj = DEMO_OFFICERS.kepalaUkpbj;
    if (['pengadaan-langsung-a', 'e-purchasing'].includes(method)) officers.pejabatPengadaan = DEMO_OFFICERS.pp;
    return {
      index,
      method,
      hps,
      vendors,
      priceShare,
      budget,
      body: {
        title: t.title(pick),
        opd: pick(t.opds),
        workUnit: t.workUnit,
        category: t.category,
        method,
        pagu,
        hps,
        fiscalYear: opts.fiscalYear,
        description: 'Paket contoh dari perintah demo (npm run demo).',
        ...officers,
      },
    };
  });
}

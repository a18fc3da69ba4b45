/**
 * Request and response schemas. The same zod objects validate requests and generate the OpenAPI document, so the
 * two cannot drift apart.
 */
import { z } from 'zod';
import { listProcurementDefinitions } from '../workflows/definitions';
import { ROLES } from './auth/roles';
import { PackageStatus } from './package-status';

export const Category = z.enum(['barang', 'pekerjaan_konstruksi', 'jasa_konsultansi', 'jasa_lainnya']).describe('Jenis pengadaan');

const rupiah = z.number().int().positive().max(9_000_000_000_000_000).describe('Rupiah, bilangan bulat');
/** Every method with a process definition, read once when the module loads (the registry is fixed per process). */
const METHODS = [...new Set(listProcurementDefinitions().map((d) => d.method))].sort() as [string, ...string[]];

const userId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@-]+$/, 'id pengguna tidak sah');

export const CreatePackageBody = z
  .strictObject({
    title: z.string().trim().min(5).max(500).describe('Nama paket'),
    opd: z.string().trim().min(2).max(300).describe('Organisasi Perangkat Daerah'),
    workUnit: z.string().trim().min(2).max(300).describe('Satuan kerja'),
    category: Category,
    method: z.enum(METHODS).describe('Metode pemilihan; batas kategori dan nilai (HPS) per Perpres diperiksa saat paket dibuat'),
    pagu: rupiah.describe('Pagu anggaran (rupiah)'),
    hps: rupiah.describe('Harga Perkiraan Sendiri (rupiah)'),
    fiscalYear: z.number().int().min(2020).max(2100).describe('Tahun anggaran'),
    description: z.string().max(4000).optional(),
    // Which officers a method needs comes from its definition (`assignments`); the service checks it.
    pokja: z
      .array(userId)
      .max(9)
      .optional()
      .describe('Anggota Pokja Pemilihan (ganjil, minimal 3) bila metode memakai Pokja yang ditunjuk PPK; ditolak bila Kepala UKPBJ yang menugaskan'),
    pejabatPengadaan: userId.optional().describe('Pejabat Pengadaan bila metode memakainya; ditolak bila Kepala UKPBJ yang menugaskan'),
    kepalaUkpbj: userId
      .optional()
      .describe('Kepala UKPBJ yang menugaskan Pokja Pemilihan/Pejabat Pengadaan; wajib bila definisi proses memakai penugasan oleh UKPBJ'),
    paKpa: userId.describe('PA/KPA'),
    schedule: z
      .record(z.string().max(64), z.number().int().positive().max(3650))
      .optional()
      .describe('Jadwal: nilai per parameter definisi proses (hari/jam sesuai satuan parameter)'),
  })
  .refine((b) => b.hps <= b.pagu, { message: 'HPS tidak boleh melebihi pagu', path: ['hps'] })
  .refine((b) => !b.pokja || new Set(b.pokja).size === b.pokja.length, { message: 'anggota Pokja ganda', path: ['pokja'] })
  .meta({ id: 'CreatePackage' });

export const TaskBody = z
  .strictObject({ payload: z.record(z.string(), z.unknown()).default({}) })
  .meta({ id: 'TaskRequest', description: 'Isian langkah; skemanya per langkah ada di definisi proses.' });

export const PackageIdParam = z.string().regex(/^pkt-[a-z0-9]{8,40}$/, 'id paket tidak sah');
export const TaskIdParam = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'id langkah tidak sah');

/** The columns a package list may be sorted by (db/queries/packages.ts maps them); `-` in front sorts descending. */
export const PACKAGE_SORTS = ['created_at', 'title', 'opd', 'method', 'hps', 'pagu', 'fiscal_year', 'stage_entered_at', 'stage_closes_at'].flatMap((c) => [
  c,
  `-${c}`,
]) as [string, ...string[]];

export const ListPackagesQuery = z
  .strictObject({
    // A closed set: an unknown status is refused (422) instead of listing nothing.
    status: PackageStatus.optional(),
    method: z.string().max(32).optional(),
    opd: z.string().max(300).optional(),
    stage: z.string().max(64).optional(),
    fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
    q: z.string().max(200).optional(),
    overdue: z.enum(['true', 'false']).optional().describe('true: paket dengan langkah terbuka yang melewati tenggat; false: tanpa'),
    // Monitoring figures link here (api/openapi/paths/dashboard.ts PackageListFilter; domain/monitoring/budget-lines.ts).
    superseded: z
      .enum(['true', 'false'])
      .optional()
      .describe('false: paket terbaru tiap rantai (tanpa paket gagal yang digantikan tender ulang); true: hanya yang digantikan'),
    budgetLine: z.literal('true').optional().describe('true: baris anggaran (paket terbaru tiap rantai, tanpa paket batal), seperti dihitung serapan anggaran'),
    contractMonth: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'bulan YYYY-MM')
      .optional()
      .describe('Kontraknya ditandatangani pada bulan ini (WIB, YYYY-MM)'),
    paidMonth: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'bulan YYYY-MM')
      .optional()
      .describe('Kontraknya menerima pembayaran pada bulan ini (WIB, YYYY-MM)'),
    sort: z.enum(PACKAGE_SORTS).default('-created_at').describe('Urutan: nama kolom, diawali `-` untuk menurun'),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .meta({ id: 'ListPackagesQuery' });

// ---- Response schemas. Strict objects: a field the server answers but the schema does not name fails the contract
// test (tests/openapi-contract.test.ts), so the document cannot silently fall behind the routes.

const isoTime = z.iso.datetime({ offset: true });
const amount = z.number().int().describe('Rupiah, bilangan bulat');
// Every role the API knows (the head of the UKPBJ included, issue 13): one list, so the document cannot lag behind it.
const roleName = z.enum(ROLES);

export const PackageSummary = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    opd: z.string(),
    workUnit: z.string(),
    category: Category,
    method: z.string(),
    fiscalYear: z.number().int(),
    pagu: amount,
    hps: amount,
    status: PackageStatus,
    stage: z.strictObject({ id: z.string(), name: z.string(), enteredAt: isoTime.nullable(), closesAt: isoTime.nullable() }),
    definition: z.strictObject({ id: z.string(), version: z.number().int() }),
    parentPackageId: z.string().optional().describe('Untuk kontrak (E-Kontrak): paket pemilihan asalnya'),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'PackageSummary' });

export const PackageList = z
  .strictObject({
    data: z.array(PackageSummary),
    pagination: z.strictObject({ page: z.number().int(), pageSize: z.number().int(), total: z.number().int() }),
  })
  .meta({ id: 'PackageList' });

const OpenAction = z.strictObject({
  id: z.string(),
  name: z.string(),
  roles: z.array(roleName),
  assignees: z.array(z.string()).optional().describe('Pengguna yang boleh bertindak, bila langkah terbatas pada yang ditugaskan'),
  sealedContent: z.unknown().optional().describe('Untuk langkah tersegel: JSON Schema isi yang disegel oleh API'),
});

export const PackageState = z
  .strictObject({
    packageId: z.string(),
    definition: z.strictObject({ id: z.string(), version: z.number().int(), name: z.string(), method: z.string() }),
    createdBy: z.string().optional().describe('Tidak ada pada tampilan penyedia (id pejabat)'),
    status: PackageStatus,
    outcome: z.string().optional(),
    seq: z.number().int().optional().describe('Tidak ada pada tampilan penyedia: penghitung peristiwa akan membuka jumlah penawaran'),
    stage: z.strictObject({
      id: z.string(),
      name: z.string(),
      type: z.enum(['userTask', 'timeWindow', 'serviceTask', 'callActivity', 'exclusiveGateway', 'endEvent']),
      enteredAt: z.number().describe('Epoch milidetik (waktu workflow)'),
      enteredSeq: z.number().int(),
      closesAt: z.number().optional().describe('Epoch milidetik: jendela ditutup'),
      nominalClosesAt: z
        .number()
        .optional()
        .describe('Epoch milidetik: tenggat menurut kalender jadwal (sama dengan closesAt kecuali pada jadwal dipercepat untuk uji coba)'),
      dueAt: z.number().optional().describe('Epoch milidetik: tenggat langkah'),
    }),
    openActions: z.array(OpenAction),
    facts: z.strictObject({
      title: z.string(),
      opd: z.string(),
      workUnit: z.string(),
      category: Category,
      pagu: amount,
      hps: amount,
      fiscalYear: z.number().int(),
      description: z.string().optional(),
      previousPackageId: z.string().optional(),
      followUpReason: z.string().optional(),
      ruleSet: z.string().optional(),
      contractBasis: z.record(z.string(), z.unknown()).optional(),
    }),
    assignments: z.record(z.string(), z.array(z.string())).optional().describe('Pejabat yang ditugaskan per peran; tidak ada pada tampilan penyedia'),
    data: z
      .record(z.string(), z.unknown())
      .describe('Data proses (isi tersegel tidak pernah ada sebelum pembukaan); untuk penyedia: allowlist (domain/views/vendor-data.ts)'),
  })
  .meta({
    id: 'PackageState',
    description:
      'Keadaan langsung paket dari workflow (query). Penyedia (peran hanya penyedia) mendapat tampilan penyedia: tanpa seq, createdBy dan assignments; data menurut allowlist; langkah jendela dari definisi; assignees hanya dirinya.',
  });

export const BidReceipt = z
  .strictObject({
    bidId: z.uuid(),
    commitment: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('SHA-256 komitmen penawaran'),
    receivedAt: isoTime,
    scheme: z.literal('pengadaan-bid-commitment-v1').describe('Skema komitmen (domain/sealing/COMMITMENT.md)'),
    nonce: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/)
      .describe('Nonce komitmen: base64 standar (berpadding) dari 32 byte acak; hanya untuk penawar ini sampai pembukaan'),
    commitmentInput: z
      .strictObject({ v: z.literal(1), packageId: z.string(), action: z.string(), vendorId: z.string(), nonce: z.string() })
      .describe('Semua anggota objek yang di-hash kecuali `content` (= payload yang dikirim penawar)'),
  })
  .meta({
    id: 'BidReceipt',
    description:
      'Tanda terima penawaran tersegel. commitment = hex(SHA-256(UTF-8(JSON kanonik {…commitmentInput, content: payload}))); JSON kanonik: kunci terurut (unit kode UTF-16), tanpa spasi, skalar seperti JSON.stringify (= RFC 8785).',
  });

export const StepResult = PackageState.extend({ receipt: BidReceipt.optional().describe('Hanya untuk langkah tersegel (penawaran)') }).meta({
  id: 'StepResult',
  description: 'Langkah diterima: keadaan baru paket, dengan tanda terima bila isinya disegel.',
});

export const PackageCreated = PackageSummary.extend({
  live: PackageState.nullable().describe('Keadaan proses menurut read model; null bila read model belum memuat paket dalam 15 detik'),
}).meta({ id: 'PackageCreated' });

export const ActorAction = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    stageId: z.string(),
    stageName: z.string(),
    target: z.enum(['package', 'contract']).describe('package: POST /api/packages/{id}/tasks/{id}; contract: POST …/contract/tasks/{id}'),
    schema: z.record(z.string(), z.unknown()).describe('JSON Schema isian (untuk langkah tersegel: isi yang diperiksa sebelum disegel)'),
    sealed: z.boolean(),
    dueAt: isoTime.nullable(),
    closesAt: isoTime.nullable(),
  })
  .meta({ id: 'ActorAction', description: 'Langkah yang boleh dilakukan pemanggil sekarang' });

export const PackageDetail = PackageSummary.extend({
  live: PackageState.nullable().describe(
    'Keadaan proses menurut read model (ditulis bersama peristiwanya; setiap langkah baru dijawab setelah tercatat di sini), tanpa menunggu alur kerja; null hanya sesaat setelah paket dibuat',
  ),
  stages: z.array(z.strictObject({ stageId: z.string(), name: z.string(), enteredAt: isoTime, closesAt: isoTime.nullable(), leftAt: isoTime.nullable() })),
  openTasks: z.array(
    z.strictObject({
      action: z.string(),
      name: z.string(),
      roles: z.array(roleName),
      assignees: z.array(z.string()).nullable(),
      dueAt: isoTime.nullable(),
    }),
  ),
  timeline: z
    .array(
      z.strictObject({
        seq: z.number().int(),
        type: z.string(),
        stageId: z.string(),
        action: z.string().nullable(),
        actorId: z.string().nullable().describe('Untuk penyedia: hanya id dirinya sendiri, selain itu null'),
        actorRole: z.string().nullable(),
        actor: z.string().nullable().optional().describe('Tampilan penyedia: nama peran pelaku (mis. "Pokja Pemilihan")'),
        at: isoTime,
      }),
    )
    .describe('Untuk penyedia: tanpa langkah penyedia lain, dinomori ulang (seq = urutan dalam daftar ini)'),
  myActions: z.array(ActorAction).describe('Langkah yang boleh dilakukan pemanggil sekarang, pada paket dan kontraknya'),
}).meta({ id: 'PackageDetail' });

const HealthChecks = z
  .strictObject({
    postgres: z.string().describe("'ok', atau 'error: …' bila PostgreSQL tidak menjawab `select 1` dalam 2 detik"),
    temporal: z.string().describe("'ok', atau 'error: …' bila layanan history Temporal tidak menjawab dalam 2 detik"),
  })
  .describe('Setiap dependensi, diperiksa dengan satu panggilan nyata berbatas waktu');
const HealthStatus = z.enum(['ok', 'degraded']).describe("'degraded' (dengan status 503) bila salah satu dependensi tidak menjawab");
export const Health = z
  .strictObject({
    status: HealthStatus,
    checks: HealthChecks,
    workers: z
      .number()
      .int()
      .nullable()
      .describe('Worker yang baru-baru ini mengambil tugas dari antrean paket; null bila Temporal tidak menjawab. Tidak memengaruhi status'),
  })
  .meta({ id: 'Health' });
export const Readiness = z.strictObject({ status: HealthStatus, checks: HealthChecks }).meta({ id: 'Readiness' });
export const Liveness = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Liveness' });

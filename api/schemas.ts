/**
 * Request and response schemas. The same zod objects validate requests and generate the OpenAPI document, so the
 * two cannot drift apart.
 */
import { z } from 'zod';
import { listProcurementDefinitions } from '../workflows/definitions';

export const Category = z
  .enum(['barang', 'pekerjaan_konstruksi', 'jasa_konsultansi', 'jasa_lainnya'])
  .describe('Jenis pengadaan');

const rupiah = z.number().int().positive().max(9_000_000_000_000_000).describe('Rupiah, bilangan bulat');
/** Every method with a process definition, read once when the module loads (the registry is fixed per process). */
const METHODS = [...new Set(listProcurementDefinitions().map((d) => d.method))].sort() as [string, ...string[]];

const userId = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:@-]+$/, 'id pengguna tidak sah');

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
    pokja: z.array(userId).max(9).optional().describe('Anggota Pokja Pemilihan (ganjil, minimal 3) bila metode memakai Pokja'),
    pejabatPengadaan: userId.optional().describe('Pejabat Pengadaan bila metode memakainya'),
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

export const ListPackagesQuery = z
  .strictObject({
    status: z.string().max(32).optional(),
    method: z.string().max(32).optional(),
    opd: z.string().max(300).optional(),
    stage: z.string().max(64).optional(),
    fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
    q: z.string().max(200).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .meta({ id: 'ListPackagesQuery' });

export const PackageSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    opd: z.string(),
    workUnit: z.string(),
    category: z.string(),
    method: z.string(),
    fiscalYear: z.number(),
    pagu: z.number(),
    hps: z.number(),
    status: z.string(),
    stage: z.object({ id: z.string(), name: z.string(), enteredAt: z.string().nullable(), closesAt: z.string().nullable() }),
    definition: z.object({ id: z.string(), version: z.number() }),
    parentPackageId: z.string().optional().describe('Untuk kontrak (E-Kontrak): paket pemilihan asalnya'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PackageSummary' });

export const PackageList = z
  .object({
    data: z.array(PackageSummary),
    pagination: z.object({ page: z.number(), pageSize: z.number(), total: z.number() }),
  })
  .meta({ id: 'PackageList' });

export const PackageState = z
  .object({
    packageId: z.string(),
    status: z.string(),
    seq: z.number(),
    stage: z.object({ id: z.string(), name: z.string(), type: z.string() }).loose(),
    openActions: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) }).loose()),
  })
  .loose()
  .meta({ id: 'PackageState', description: 'Keadaan langsung paket dari workflow (query).' });

export const PackageDetail = PackageSummary.extend({
  live: PackageState.nullable(),
  stages: z.array(z.object({ stageId: z.string(), name: z.string(), enteredAt: z.string(), closesAt: z.string().nullable(), leftAt: z.string().nullable() })),
  openTasks: z.array(z.object({ action: z.string(), name: z.string(), roles: z.array(z.string()), dueAt: z.string().nullable() })),
  timeline: z.array(z.object({ seq: z.number(), type: z.string(), stageId: z.string(), action: z.string().nullable(), actorId: z.string().nullable(), at: z.string() })),
}).meta({ id: 'PackageDetail' });

export const Health = z
  .object({ status: z.enum(['ok', 'degraded']), checks: z.object({ postgres: z.string(), temporal: z.string() }) })
  .meta({ id: 'Health' });

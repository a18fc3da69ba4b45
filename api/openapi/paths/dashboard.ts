/**
 * /api/dashboard: monitoring for PA/KPA, the head of UKPBJ, APIP (auditor) and the LPSE admin (api/routes/dashboard.ts).
 * Every figure of the year summary carries `filter`: the GET /api/packages query that lists exactly the packages
 * behind it (the console opens /paket with it). Tables answer `?format=csv|xlsx` with every row (api/tabular.ts).
 */
import { z } from 'zod';
import { FLAG_CODES } from '../../../domain/monitoring/red-flags';
import { PackageStatus } from '../../package-status';
import { CONTENT_TYPES } from '../../tabular';
import { AUTH_READ, errorResponses, fiscalYearQuery, isoTime, json, pageParams, Pagination, rupiah } from '../common';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const PackageListFilter = z
  .strictObject({
    fiscalYear: z.number().int(),
    opd: z.string().optional(),
    method: z.string().optional(),
    stage: z.string().optional(),
    status: PackageStatus.optional(),
    superseded: z.enum(['true', 'false']).optional(),
    budgetLine: z.literal('true').optional(),
    contractMonth: month.optional(),
    paidMonth: month.optional(),
  })
  .meta({
    id: 'PackageListFilter',
    description: 'Parameter GET /api/packages (dan /paket di konsol) yang mendaftar tepat paket di balik angka ini',
  });

export const RedFlag = z
  .strictObject({
    code: z.enum(FLAG_CODES),
    title: z.string(),
    severity: z.enum(['rendah', 'sedang', 'tinggi']),
    explanation: z.string().describe('Penjelasan dengan angkanya'),
    numbers: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).describe('Angka yang sama, terbaca mesin'),
  })
  .meta({ id: 'RedFlag' });

const flagCounts = z.strictObject(Object.fromEntries(FLAG_CODES.map((c) => [c, z.number().int()])) as Record<(typeof FLAG_CODES)[number], z.ZodNumber>);
const group = z.strictObject({ key: z.string(), count: z.number().int(), pagu: rupiah, hps: rupiah });
const absorptionRow = {
  pagu: rupiah,
  contracted: rupiah,
  paid: rupiah,
  contracts: z.number().int(),
  absorption: z.strictObject({ ofPagu: z.number(), ofContracted: z.number() }),
};

export const DashboardSummary = z
  .strictObject({ fiscalYear: z.number().int(), byOpd: z.array(group), byMethod: z.array(group), byStage: z.array(group), byStatus: z.array(group) })
  .meta({ id: 'DashboardSummary' });
const person = z.strictObject({ name: z.string(), role: z.string().describe('Peran (kode) sebagai pemilik tugas / penerima eskalasi') });
export const OverdueTasks = z
  .strictObject({
    fiscalYear: z.number().int(),
    opd: z.string().nullable(),
    data: z.array(
      z.strictObject({
        packageId: z.string(),
        title: z.string(),
        opd: z.string(),
        stageName: z.string(),
        action: z.string(),
        name: z.string(),
        roles: z.array(z.string()),
        assignees: z.array(z.string()).nullable(),
        dueAt: isoTime,
        overdueHours: z.number().int(),
        stageId: z.string(),
        overdueWorkingDays: z.number().int().describe('Hari kerja penuh (WIB, libur nasional dan cuti bersama) sejak tenggat'),
        owners: z.array(person).describe('Pejabat yang ditugaskan (nama dari data pengguna); kosong bila langkah terbuka untuk semua pemegang peran'),
        escalations: z.strictObject({
          count: z.number().int().describe('Eskalasi yang terkirim untuk tenggat ini'),
          lastSentAt: isoTime.nullable(),
          recipients: z.array(person),
          emailsSent: z.number().int(),
          emailsPending: z.number().int(),
        }),
        links: z.strictObject({ package: z.string().describe('Halaman paket di konsol: /paket/{packageId}') }),
      }),
    ),
    pagination: Pagination,
  })
  .meta({ id: 'OverdueTasks' });
export const PackagesInStage = z
  .strictObject({
    data: z.array(
      z.strictObject({
        packageId: z.string(),
        title: z.string(),
        opd: z.string(),
        method: z.string(),
        status: PackageStatus,
        stageName: z.string(),
        enteredAt: isoTime.nullable(),
        hoursInStage: z.number().int().nullable(),
        closesAt: isoTime.nullable(),
      }),
    ),
    pagination: Pagination,
  })
  .meta({ id: 'PackagesInStage' });
export const Absorption = z
  .strictObject({
    fiscalYear: z.number().int(),
    byOpd: z.array(z.strictObject({ opd: z.string(), ...absorptionRow })),
    total: z.strictObject(absorptionRow),
  })
  .meta({ id: 'Absorption' });
export const ContractProgressList = z
  .strictObject({
    data: z.array(
      z.strictObject({
        contractPackageId: z.string(),
        packageId: z.string(),
        opd: z.string(),
        kind: z.string(),
        status: PackageStatus,
        value: rupiah,
        paid: rupiah,
        physicalProgress: z.number(),
        sCurve: z.array(z.strictObject({ period: z.number().int(), plannedPct: z.number(), actualPct: z.number().nullable() })),
      }),
    ),
    pagination: Pagination,
  })
  .meta({ id: 'ContractProgressList' });
export const MonitoredRedFlag = RedFlag.extend({
  trigger: z
    .strictObject({
      kind: z.enum(['stage', 'contract', 'figures']).describe('stage: tahap paket; contract: tab kontrak; figures: angka pada `numbers`'),
      stageId: z.string().nullable(),
      stageName: z.string().nullable(),
      contractPackageId: z.string().nullable(),
      filter: PackageListFilter.nullable().describe('Paket pembanding (mis. paket OPD yang sama untuk pemenang berulang)'),
    })
    .describe('Apa yang memicu indikasi: tahap, kontrak, atau angkanya'),
}).meta({ id: 'MonitoredRedFlag' });

export const RedFlagReport = z
  .strictObject({
    fiscalYear: z.number().int(),
    opd: z.string().nullable(),
    flag: z.enum(FLAG_CODES).nullable(),
    packages: z.number().int(),
    flagged: z.number().int(),
    byFlag: flagCounts,
    byOpd: z.array(z.strictObject({ opd: z.string(), packages: z.number().int(), flagged: z.number().int(), byFlag: flagCounts, filter: PackageListFilter })),
    data: z.array(
      z.strictObject({
        packageId: z.string(),
        title: z.string(),
        opd: z.string(),
        method: z.string(),
        status: PackageStatus,
        flags: z.array(MonitoredRedFlag),
        links: z.strictObject({ package: z.string(), contract: z.string().nullable() }),
      }),
    ),
    pagination: Pagination,
  })
  .meta({ id: 'RedFlagReport' });

const absorption = z.strictObject({ ofPagu: z.number().describe('dibayar / pagu, 4 desimal'), ofContracted: z.number().describe('dibayar / nilai kontrak') });
const counted = { count: z.number().int(), pagu: rupiah, hps: rupiah, filter: PackageListFilter };
export const YearSummary = z
  .strictObject({
    fiscalYear: z.number().int(),
    opd: z.string().nullable(),
    basis: z
      .strictObject({ packages: z.string(), budgetLine: z.string(), contracted: z.string(), paid: z.string() })
      .describe('Cara angka dihitung (teks untuk halaman)'),
    totals: z.strictObject({
      packages: z.number().int().describe('Paket terbaru tiap rantai (paket gagal yang ditender ulang tidak dihitung lagi)'),
      pagu: rupiah,
      hps: rupiah,
      superseded: z.number().int().describe('Paket gagal yang digantikan paket lanjutan (tender ulang / penunjukan langsung)'),
      cancelled: z.number().int(),
      budgetLines: z.number().int().describe('Baris anggaran: paket terbaru tiap rantai, tanpa yang batal'),
      budgetPagu: rupiah,
      contracted: rupiah,
      contracts: z.number().int(),
      paid: rupiah,
      absorption,
      filter: PackageListFilter,
      supersededFilter: PackageListFilter,
      budgetLineFilter: PackageListFilter,
    }),
    byOpdMethod: z.array(z.strictObject({ opd: z.string(), method: z.string(), ...counted })),
    byStage: z.array(z.strictObject({ stageId: z.string(), stageName: z.string(), ...counted })),
    byStatus: z.array(z.strictObject({ status: PackageStatus, ...counted })),
    absorptionByOpd: z.array(
      z.strictObject({
        opd: z.string(),
        budgetLines: z.number().int(),
        pagu: rupiah,
        contracted: rupiah,
        contracts: z.number().int(),
        paid: rupiah,
        absorption,
        filter: PackageListFilter,
      }),
    ),
    byMonth: z.array(
      z.strictObject({
        month: month.describe('Bulan WIB, YYYY-MM'),
        contracted: rupiah.describe('Nilai kontrak yang ditandatangani pada bulan ini'),
        contracts: z.number().int(),
        paid: rupiah.describe('Pembayaran (neto) pada bulan ini'),
        payments: z.number().int(),
        cumulativeContracted: rupiah,
        cumulativePaid: rupiah,
        contractedFilter: PackageListFilter,
        paidFilter: PackageListFilter,
      }),
    ),
  })
  .meta({ id: 'YearSummary' });

const pct = z.number().describe('Persen (43,75 = 43,75%)');
export const MonitoredContracts = z
  .strictObject({
    fiscalYear: z.number().int(),
    opd: z.string().nullable(),
    critical: z.boolean().nullable().describe('Filter kritis yang dipakai'),
    rules: z.strictObject({ periodOneUntilPct: pct, periodOneMaxLagPct: pct, periodTwoMaxLagPct: pct, source: z.string() }),
    counts: z.strictObject({ running: z.number().int(), critical: z.number().int() }),
    data: z.array(
      z.strictObject({
        contractPackageId: z.string(),
        packageId: z.string().describe('Paket pemilihan: tab kontrak di /paket/{packageId}/kontrak'),
        title: z.string(),
        opd: z.string(),
        kind: z.string(),
        number: z.string().nullable(),
        status: PackageStatus,
        stageId: z.string(),
        stageName: z.string(),
        value: rupiah,
        paid: rupiah,
        physicalProgress: pct,
        plannedPct: pct.nullable().describe('Rencana pada periode laporan terakhir yang diterima'),
        actualPct: pct.nullable(),
        criticality: z.strictObject({
          critical: z.boolean(),
          reason: z.enum(['lag_period_one', 'lag_period_two', 'past_fiscal_year']).nullable(),
          text: z.string(),
          lagPct: pct.nullable(),
          period: z.number().int().nullable(),
          projectedFinish: isoTime.nullable(),
        }),
        sCurve: z.array(
          z.strictObject({
            period: z.number().int(),
            periodEnd: z.string().nullable().describe('Tanggal (YYYY-MM-DD)'),
            plannedPct: pct,
            actualPct: pct.nullable(),
          }),
        ),
        links: z.strictObject({ contract: z.string().describe('/paket/{packageId}/kontrak') }),
      }),
    ),
    pagination: Pagination,
  })
  .meta({ id: 'MonitoredContracts' });

const ROLES_TEXT = 'PA/KPA, Kepala UKPBJ, auditor, admin';
const opdQuery = { name: 'opd', in: 'query', required: false, schema: { type: 'string', minLength: 1, maxLength: 300 } };
const formatQuery = {
  name: 'format',
  in: 'query',
  required: false,
  description: 'Tanpa: JSON (satu halaman). csv / xlsx: seluruh baris dengan filter yang sama sebagai berkas (dialirkan)',
  schema: { type: 'string', enum: ['csv', 'xlsx'] },
};
/** 200 answers: JSON, and for tables the CSV and XLSX files. */
const ok = (schema: string, table: boolean) => ({
  description: table ? 'OK (JSON; dengan format: berkas CSV atau XLSX dengan seluruh baris)' : 'OK',
  content: {
    ...json(schema),
    ...(table
      ? {
          [CONTENT_TYPES.csv.split(';')[0]!]: {
            schema: { type: 'string', description: 'CSV UTF-8 (BOM), header bahasa Indonesia, uang rupiah bulat, waktu ISO 8601 WIB' },
          },
          [CONTENT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } },
        }
      : {}),
  },
});
const dashboard = (operationId: string, summary: string, schema: string, parameters: unknown[], table = false) => ({
  get: {
    operationId,
    summary: `${summary} — ${ROLES_TEXT}`,
    parameters: [fiscalYearQuery, ...parameters, ...(table ? [formatQuery] : [])],
    responses: { 200: ok(schema, table), ...errorResponses(...AUTH_READ) },
  },
});

export const dashboardPaths = {
  '/api/dashboard/summary': dashboard(
    'getDashboardSummary',
    'Jumlah dan nilai paket per OPD, metode, tahap, status (tahun anggaran; paket gagal yang ditender ulang dihitung sekali)',
    'DashboardSummary',
    [],
  ),
  '/api/dashboard/year': dashboard(
    'getYearSummary',
    'Ringkasan tahun anggaran: paket per OPD × metode, tahap, status; pagu, nilai kontrak dan pembayaran per OPD dan per bulan, tiap angka dengan filter daftar paketnya',
    'YearSummary',
    [
      opdQuery,
      {
        name: 'table',
        in: 'query',
        required: false,
        description: 'Tabel yang diekspor dengan format (bawaan opd-method)',
        schema: { type: 'string', enum: ['opd-method', 'stage', 'status', 'absorption', 'month'], default: 'opd-method' },
      },
    ],
    true,
  ),
  '/api/dashboard/overdue': dashboard(
    'listOverdueTasks',
    'Tugas terbuka yang melewati tenggat: pemilik, lama (jam dan hari kerja), eskalasi terkirim (berhalaman, paling lama dulu)',
    'OverdueTasks',
    [opdQuery, ...pageParams(100, 20)],
    true,
  ),
  '/api/dashboard/stages': dashboard('listPackagesInStage', 'Paket pada satu tahap dengan lama di tahap itu (berhalaman)', 'PackagesInStage', [
    { name: 'stage', in: 'query', required: true, description: 'Id tahap', schema: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } },
    ...pageParams(100, 20),
  ]),
  '/api/dashboard/absorption': dashboard(
    'getBudgetAbsorption',
    'Serapan anggaran per OPD dan total: pagu baris anggaran (tanpa paket batal, rantai tender ulang sekali), kontrak ditandatangani, dibayar',
    'Absorption',
    [],
  ),
  '/api/dashboard/progress': dashboard('listContractProgress', 'Kemajuan fisik dan kurva S per kontrak (berhalaman)', 'ContractProgressList', [
    opdQuery,
    ...pageParams(100, 20),
  ]),
  '/api/dashboard/contracts': dashboard(
    'listMonitoredContracts',
    'Kontrak berjalan: rencana dan realisasi kemajuan, kontrak kritis (SSUK) lebih dulu, dengan kurva S (berhalaman)',
    'MonitoredContracts',
    [
      opdQuery,
      { name: 'critical', in: 'query', required: false, description: 'true: hanya kontrak kritis', schema: { type: 'string', enum: ['true', 'false'] } },
      ...pageParams(100, 20),
    ],
    true,
  ),
  '/api/dashboard/red-flags': dashboard(
    'getRedFlagReport',
    'Indikasi risiko (red flags) tahun anggaran: jumlah per indikator dan per OPD, paket berindikasi (paling berat dulu, berhalaman) dengan angka dan pemicunya',
    'RedFlagReport',
    [opdQuery, { name: 'flag', in: 'query', required: false, schema: { type: 'string', enum: [...FLAG_CODES] } }, ...pageParams(100, 20)],
    true,
  ),
};

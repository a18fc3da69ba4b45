/** /api/dashboard: monitoring for officers, APIP and the LPSE admin (api/routes/dashboard.ts). */
import { z } from 'zod';
import { FLAG_CODES } from '../../../domain/monitoring/red-flags';
import { AUTH_READ, errorResponses, fiscalYearQuery, isoTime, json, pageParams, Pagination, rupiah } from '../common';

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
export const OverdueTasks = z
  .strictObject({
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
        status: z.string(),
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
        status: z.string(),
        value: rupiah,
        paid: rupiah,
        physicalProgress: z.number(),
        sCurve: z.array(z.strictObject({ period: z.number().int(), plannedPct: z.number(), actualPct: z.number().nullable() })),
      }),
    ),
    pagination: Pagination,
  })
  .meta({ id: 'ContractProgressList' });
export const RedFlagReport = z
  .strictObject({
    fiscalYear: z.number().int(),
    opd: z.string().nullable(),
    flag: z.enum(FLAG_CODES).nullable(),
    packages: z.number().int(),
    flagged: z.number().int(),
    byFlag: flagCounts,
    byOpd: z.array(z.strictObject({ opd: z.string(), packages: z.number().int(), flagged: z.number().int(), byFlag: flagCounts })),
    data: z.array(
      z.strictObject({ packageId: z.string(), title: z.string(), opd: z.string(), method: z.string(), status: z.string(), flags: z.array(RedFlag) }),
    ),
    pagination: Pagination,
  })
  .meta({ id: 'RedFlagReport' });

const opdQuery = { name: 'opd', in: 'query', required: false, schema: { type: 'string', minLength: 1, maxLength: 300 } };
const dashboard = (operationId: string, summary: string, schema: string, parameters: unknown[]) => ({
  get: {
    operationId,
    summary: `${summary} — pejabat, auditor, admin`,
    parameters: [fiscalYearQuery, ...parameters],
    responses: { 200: { description: 'OK', content: json(schema) }, ...errorResponses(...AUTH_READ) },
  },
});

export const dashboardPaths = {
  '/api/dashboard/summary': dashboard('getDashboardSummary', 'Jumlah dan nilai paket per OPD, metode, tahap, status (tahun anggaran)', 'DashboardSummary', []),
  '/api/dashboard/overdue': dashboard('listOverdueTasks', 'Tugas terbuka yang melewati tenggat (berhalaman)', 'OverdueTasks', pageParams(100, 20)),
  '/api/dashboard/stages': dashboard('listPackagesInStage', 'Paket pada satu tahap dengan lama di tahap itu (berhalaman)', 'PackagesInStage', [
    { name: 'stage', in: 'query', required: true, description: 'Id tahap', schema: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } },
    ...pageParams(100, 20),
  ]),
  '/api/dashboard/absorption': dashboard('getBudgetAbsorption', 'Serapan anggaran per OPD dan total: pagu, nilai kontrak, dibayar', 'Absorption', []),
  '/api/dashboard/progress': dashboard('listContractProgress', 'Kemajuan fisik dan kurva S per kontrak (berhalaman)', 'ContractProgressList', [
    opdQuery,
    ...pageParams(100, 20),
  ]),
  '/api/dashboard/red-flags': dashboard(
    'getRedFlagReport',
    'Indikasi risiko (red flags) tahun anggaran: jumlah per indikator dan per OPD, paket berindikasi (paling berat dulu, berhalaman) dengan angka di baliknya',
    'RedFlagReport',
    [opdQuery, { name: 'flag', in: 'query', required: false, schema: { type: 'string', enum: [...FLAG_CODES] } }, ...pageParams(100, 20)],
  ),
};

/**
 * The monitoring tables as files (CSV / XLSX through api/tabular.ts): one column list per table, Indonesian headers,
 * the same values as the JSON rows (money in integer rupiah, times ISO 8601 → WIB, percentages as numbers).
 */
import type { MonitoredContract } from '../../db/queries/monitoring-contracts';
import type { OverdueRow } from '../../db/queries/monitoring-overdue';
import type { MonitoredFlagRow } from '../../db/queries/monitoring-red-flags';
import type { YearSummary } from '../../db/queries/monitoring-year';
import type { Column, TableFile } from '../tabular';

export const YEAR_TABLES = ['opd-method', 'stage', 'status', 'absorption', 'month'] as const;
export type YearTable = (typeof YEAR_TABLES)[number];

const counted = <R extends { count: number; pagu: number; hps: number }>(): Column<R>[] => [
  { key: 'count', header: 'Jumlah paket', type: 'int', value: (r) => r.count },
  { key: 'pagu', header: 'Pagu (Rp)', type: 'money', value: (r) => r.pagu },
  { key: 'hps', header: 'HPS (Rp)', type: 'money', value: (r) => r.hps },
];
const pct = (ratio: number) => Math.round(ratio * 10_000) / 100;

/** One table of the year summary (rows already in memory: a year has few groups). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each table has its own row type
export function yearTable(y: YearSummary, table: YearTable): Omit<TableFile<any>, 'filename'> {
  switch (table) {
    case 'opd-method':
      return {
        sheet: 'OPD x metode',
        columns: [
          { key: 'opd', header: 'OPD', value: (r: YearSummary['byOpdMethod'][number]) => r.opd },
          { key: 'method', header: 'Metode', value: (r: YearSummary['byOpdMethod'][number]) => r.method },
          ...counted<YearSummary['byOpdMethod'][number]>(),
        ],
        rows: y.byOpdMethod,
      };
    case 'stage':
      return {
        sheet: 'Tahap',
        columns: [
          { key: 'stageId', header: 'Id tahap', value: (r: YearSummary['byStage'][number]) => r.stageId },
          { key: 'stageName', header: 'Tahap', value: (r: YearSummary['byStage'][number]) => r.stageName },
          ...counted<YearSummary['byStage'][number]>(),
        ],
        rows: y.byStage,
      };
    case 'status':
      return {
        sheet: 'Status',
        columns: [{ key: 'status', header: 'Status', value: (r: YearSummary['byStatus'][number]) => r.status }, ...counted<YearSummary['byStatus'][number]>()],
        rows: y.byStatus,
      };
    case 'absorption': {
      type R = YearSummary['absorptionByOpd'][number];
      const columns: Column<R>[] = [
        { key: 'opd', header: 'OPD', value: (r) => r.opd },
        { key: 'budgetLines', header: 'Baris anggaran', type: 'int', value: (r) => r.budgetLines },
        { key: 'pagu', header: 'Pagu (Rp)', type: 'money', value: (r) => r.pagu },
        { key: 'contracts', header: 'Kontrak ditandatangani', type: 'int', value: (r) => r.contracts },
        { key: 'contracted', header: 'Nilai kontrak (Rp)', type: 'money', value: (r) => r.contracted },
        { key: 'paid', header: 'Dibayar (Rp)', type: 'money', value: (r) => r.paid },
        { key: 'absorptionOfPagu', header: 'Serapan thd pagu (%)', type: 'pct', value: (r) => pct(r.absorption.ofPagu) },
        { key: 'absorptionOfContracted', header: 'Serapan thd kontrak (%)', type: 'pct', value: (r) => pct(r.absorption.ofContracted) },
      ];
      return { sheet: 'Serapan per OPD', columns, rows: y.absorptionByOpd };
    }
    case 'month': {
      type R = YearSummary['byMonth'][number];
      const columns: Column<R>[] = [
        { key: 'month', header: 'Bulan', value: (r) => r.month },
        { key: 'contracts', header: 'Kontrak ditandatangani', type: 'int', value: (r) => r.contracts },
        { key: 'contracted', header: 'Nilai kontrak (Rp)', type: 'money', value: (r) => r.contracted },
        { key: 'payments', header: 'Pembayaran', type: 'int', value: (r) => r.payments },
        { key: 'paid', header: 'Dibayar (Rp)', type: 'money', value: (r) => r.paid },
        { key: 'cumulativeContracted', header: 'Kumulatif kontrak (Rp)', type: 'money', value: (r) => r.cumulativeContracted },
        { key: 'cumulativePaid', header: 'Kumulatif dibayar (Rp)', type: 'money', value: (r) => r.cumulativePaid },
      ];
      return { sheet: 'Per bulan', columns, rows: y.byMonth };
    }
  }
}

export const overdueColumns: Column<OverdueRow>[] = [
  { key: 'packageId', header: 'Id paket', value: (r) => r.packageId },
  { key: 'title', header: 'Paket', value: (r) => r.title },
  { key: 'opd', header: 'OPD', value: (r) => r.opd },
  { key: 'stageName', header: 'Tahap', value: (r) => r.stageName },
  { key: 'name', header: 'Langkah', value: (r) => r.name },
  { key: 'owners', header: 'Pemilik tugas', value: (r) => (r.owners.length ? r.owners.map((o) => `${o.name} (${o.role})`).join('; ') : r.roles.join(', ')) },
  { key: 'dueAt', header: 'Tenggat (WIB)', type: 'datetime', value: (r) => r.dueAt },
  { key: 'overdueHours', header: 'Terlambat (jam)', type: 'int', value: (r) => r.overdueHours },
  { key: 'overdueWorkingDays', header: 'Terlambat (hari kerja)', type: 'int', value: (r) => r.overdueWorkingDays },
  { key: 'escalations', header: 'Eskalasi terkirim', type: 'int', value: (r) => r.escalations.count },
  { key: 'escalationLastSentAt', header: 'Eskalasi terakhir (WIB)', type: 'datetime', value: (r) => r.escalations.lastSentAt },
  { key: 'escalationRecipients', header: 'Penerima eskalasi', value: (r) => r.escalations.recipients.map((o) => o.name).join('; ') },
];

export const contractColumns: Column<MonitoredContract>[] = [
  { key: 'packageId', header: 'Id paket', value: (r) => r.packageId },
  { key: 'contractPackageId', header: 'Id kontrak', value: (r) => r.contractPackageId },
  { key: 'title', header: 'Paket', value: (r) => r.title },
  { key: 'opd', header: 'OPD', value: (r) => r.opd },
  { key: 'number', header: 'Nomor kontrak', value: (r) => r.number },
  { key: 'stageName', header: 'Tahap', value: (r) => r.stageName },
  { key: 'value', header: 'Nilai kontrak (Rp)', type: 'money', value: (r) => r.value },
  { key: 'paid', header: 'Dibayar (Rp)', type: 'money', value: (r) => r.paid },
  { key: 'plannedPct', header: 'Rencana (%)', type: 'pct', value: (r) => r.plannedPct },
  { key: 'actualPct', header: 'Realisasi (%)', type: 'pct', value: (r) => r.actualPct },
  { key: 'lagPct', header: 'Deviasi (%)', type: 'pct', value: (r) => r.criticality.lagPct },
  { key: 'critical', header: 'Kritis', value: (r) => (r.criticality.critical ? 'ya' : 'tidak') },
  { key: 'criticality', header: 'Keterangan', value: (r) => r.criticality.text },
];

export const flagColumns: Column<MonitoredFlagRow & { flag: MonitoredFlagRow['flags'][number] }>[] = [
  { key: 'packageId', header: 'Id paket', value: (r) => r.packageId },
  { key: 'title', header: 'Paket', value: (r) => r.title },
  { key: 'opd', header: 'OPD', value: (r) => r.opd },
  { key: 'method', header: 'Metode', value: (r) => r.method },
  { key: 'status', header: 'Status', value: (r) => r.status },
  { key: 'code', header: 'Kode indikasi', value: (r) => r.flag.code },
  { key: 'flag', header: 'Indikasi', value: (r) => r.flag.title },
  { key: 'severity', header: 'Tingkat', value: (r) => r.flag.severity },
  { key: 'explanation', header: 'Penjelasan', value: (r) => r.flag.explanation },
  { key: 'trigger', header: 'Pemicu', value: (r) => r.flag.trigger.stageName ?? r.flag.trigger.contractPackageId ?? 'angka' },
];

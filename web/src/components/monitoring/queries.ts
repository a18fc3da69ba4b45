/**
 * The monitoring pages' queries, one per API table (api/routes/dashboard.ts). The table endpoints also answer CSV and
 * XLSX (`?format=`), so their generated response type includes those files' strings; without `format` the answer is
 * always the JSON document, which `json()` states once here instead of in every page.
 */
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

type Schemas = components['schemas'];
export type YearSummary = Schemas['YearSummary'];
export type OverdueTasks = Schemas['OverdueTasks'];
export type OverdueTask = OverdueTasks['data'][number];
export type MonitoredContracts = Schemas['MonitoredContracts'];
export type MonitoredContract = MonitoredContracts['data'][number];
export type RedFlagReport = Schemas['RedFlagReport'];
export type FlaggedPackage = RedFlagReport['data'][number];
export type MonitoredRedFlag = Schemas['MonitoredRedFlag'];

/** Without `format` the API answers JSON; the files' media types in the union never reach here. */
async function json<T>(p: Promise<unknown>): Promise<T> {
  return (await call(p as Promise<{ data?: unknown; error?: unknown; response: Response }>)) as T;
}

const opdQ = (opd: string) => (opd ? { opd } : {});

export const yearSummaryQuery = (fiscalYear: number, opd: string) => ({
  queryKey: ['monitoring', 'year', fiscalYear, opd] as const,
  queryFn: () => json<YearSummary>(api.GET('/api/dashboard/year', { params: { query: { fiscalYear, ...opdQ(opd) } } })),
});

export const overdueQuery = (fiscalYear: number, opd: string, page: number, pageSize: number) => ({
  queryKey: ['monitoring', 'overdue', fiscalYear, opd, page, pageSize] as const,
  queryFn: () => json<OverdueTasks>(api.GET('/api/dashboard/overdue', { params: { query: { fiscalYear, ...opdQ(opd), page, pageSize } } })),
});

export const contractsQuery = (fiscalYear: number, opd: string, critical: boolean, page: number, pageSize: number) => ({
  queryKey: ['monitoring', 'contracts', fiscalYear, opd, critical, page, pageSize] as const,
  queryFn: () =>
    json<MonitoredContracts>(
      api.GET('/api/dashboard/contracts', {
        params: { query: { fiscalYear, ...opdQ(opd), ...(critical ? { critical: 'true' as const } : {}), page, pageSize } },
      }),
    ),
});

export const redFlagsQuery = (fiscalYear: number, opd: string, flag: RedFlagReport['flag'], page: number, pageSize: number) => ({
  queryKey: ['monitoring', 'red-flags', fiscalYear, opd, flag, page, pageSize] as const,
  queryFn: () =>
    json<RedFlagReport>(api.GET('/api/dashboard/red-flags', { params: { query: { fiscalYear, ...opdQ(opd), ...(flag ? { flag } : {}), page, pageSize } } })),
});

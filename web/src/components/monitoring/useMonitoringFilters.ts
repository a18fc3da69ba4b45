/**
 * The monitoring pages' filters live in the URL (`tahun`, `opd`, the same keys as the package list), so a link
 * reproduces the view and the sub-navigation carries them from page to page. Without `tahun` the current fiscal year
 * in WIB is shown.
 */
import { useSearchParams } from 'react-router';
import { PAGE_PARAM } from '../list/Pager';

/** The fiscal year running now in WIB (UTC+7): the Indonesian fiscal year is the calendar year. */
export function currentFiscalYear(now = Date.now()): number {
  return new Date(now + 7 * 3_600_000).getUTCFullYear();
}

export interface MonitoringFilters {
  fiscalYear: number;
  /** Empty: every OPD. */
  opd: string;
}

export function useMonitoringFilters() {
  const [params, setParams] = useSearchParams();
  const rawYear = params.get('tahun') ?? '';
  const year = /^\d{4}$/.test(rawYear) && Number(rawYear) >= 2000 && Number(rawYear) <= 2100 ? Number(rawYear) : currentFiscalYear();
  const filters: MonitoringFilters = { fiscalYear: year, opd: params.get('opd')?.trim() ?? '' };

  /** New filters start at page 1; `extra` are page-specific keys to set (empty string removes one). */
  const setFilters = (f: MonitoringFilters, extra: Record<string, string> = {}) => {
    const next = new URLSearchParams(params);
    next.delete(PAGE_PARAM);
    next.set('tahun', String(f.fiscalYear));
    if (f.opd.trim()) next.set('opd', f.opd.trim());
    else next.delete('opd');
    for (const [k, v] of Object.entries(extra)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  return { filters, setFilters, params };
}

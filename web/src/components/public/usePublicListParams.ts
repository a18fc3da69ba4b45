/**
 * The public list's view lives in the URL (Indonesian keys, as the officers' list): `cari`, `opd`, `metode`,
 * `status`, `tahun`, `halaman`, so a shared link shows the same packages. Maps it to GET /api/public/packages.
 */
import { useSearchParams } from 'react-router';
import { isPackageStatus } from '../../../../domain/process/statuses';

export interface PublicFilters {
  q: string;
  opd: string;
  method: string;
  status: string;
  fiscalYear: string;
}

export const EMPTY_FILTERS: PublicFilters = { q: '', opd: '', method: '', status: '', fiscalYear: '' };

const KEYS: Record<keyof PublicFilters, string> = { q: 'cari', opd: 'opd', method: 'metode', status: 'status', fiscalYear: 'tahun' };

/** The filters a URL's query holds (unknown or malformed values dropped). */
export function filtersOf(params: URLSearchParams): PublicFilters {
  const year = params.get(KEYS.fiscalYear) ?? '';
  const status = params.get(KEYS.status) ?? '';
  return {
    q: params.get(KEYS.q) ?? '',
    opd: params.get(KEYS.opd) ?? '',
    method: params.get(KEYS.method) ?? '',
    status: isPackageStatus(status) ? status : '',
    fiscalYear: /^\d{4}$/.test(year) ? year : '',
  };
}

/** The query for GET /api/public/packages: only what is set. The route's loader and the page build it alike. */
export const apiQueryOf = (filters: PublicFilters, page: number, pageSize: number) => ({
  page,
  pageSize,
  ...(filters.q ? { q: filters.q } : {}),
  ...(filters.opd ? { opd: filters.opd } : {}),
  ...(filters.method ? { method: filters.method } : {}),
  ...(isPackageStatus(filters.status) ? { status: filters.status } : {}),
  ...(filters.fiscalYear ? { fiscalYear: Number(filters.fiscalYear) } : {}),
});

export function usePublicListParams() {
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  /** New filters start again at page 1. */
  const setFilters = (f: PublicFilters) => {
    const next = new URLSearchParams();
    for (const k of Object.keys(KEYS) as (keyof PublicFilters)[]) if (f[k].trim()) next.set(KEYS[k], f[k].trim());
    setParams(next);
  };
  const apiQuery = (page: number, pageSize: number) => apiQueryOf(filters, page, pageSize);
  const filtered = Object.values(filters).some((v) => v !== '');
  return { filters, setFilters, apiQuery, filtered };
}

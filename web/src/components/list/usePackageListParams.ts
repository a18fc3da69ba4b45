/**
 * The package list's view lives in the URL (Indonesian keys), so a copied link reproduces filters, sort and page.
 * This maps the URL to the query GET /api/packages takes (ListPackagesQuery) and back.
 */
import { useSearchParams } from 'react-router';
import { isPackageStatus } from '../../../../domain/process/statuses';
import type { components } from '../../api/schema';
import { PAGE_PARAM } from './Pager';

export interface PackageFilters {
  q: string;
  status: string;
  method: string;
  opd: string;
  stage: string;
  fiscalYear: string;
  overdue: boolean;
  /**
   * The monitoring pages' figures (PackageListFilter in the OpenAPI document) link here with these; the filter form
   * has no field for them and shows them as a note instead. '' = not set.
   */
  superseded: '' | 'true' | 'false';
  budgetLine: boolean;
  /** YYYY-MM (WIB). */
  contractMonth: string;
  paidMonth: string;
}

export const NO_FILTERS: PackageFilters = {
  q: '',
  status: '',
  method: '',
  opd: '',
  stage: '',
  fiscalYear: '',
  overdue: false,
  superseded: '',
  budgetLine: false,
  contractMonth: '',
  paidMonth: '',
};

/** URL key per filter. */
const KEYS: Record<keyof PackageFilters, string> = {
  q: 'cari',
  status: 'status',
  method: 'metode',
  opd: 'opd',
  stage: 'tahap',
  fiscalYear: 'tahun',
  overdue: 'terlambat',
  superseded: 'digantikan',
  budgetLine: 'baris-anggaran',
  contractMonth: 'bulan-kontrak',
  paidMonth: 'bulan-bayar',
};
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = (v: string | null) => (v && MONTH.test(v) ? v : '');
type PackageSort = NonNullable<components['schemas']['ListPackagesQuery']['sort']>;
const SORT_PARAM = 'urut';
export const DEFAULT_SORT: PackageSort = '-created_at';
/** The sort keys the API accepts (PACKAGE_SORTS in api/schemas.ts). */
const SORTS = ['created_at', 'title', 'opd', 'method', 'hps', 'pagu', 'fiscal_year', 'stage_entered_at', 'stage_closes_at'];

export function usePackageListParams() {
  const [params, setParams] = useSearchParams();
  const filters: PackageFilters = {
    q: params.get(KEYS.q) ?? '',
    // A status outside the closed set is dropped like a malformed month (the API would refuse it with 422).
    status: isPackageStatus(params.get(KEYS.status)) ? params.get(KEYS.status)! : '',
    method: params.get(KEYS.method) ?? '',
    opd: params.get(KEYS.opd) ?? '',
    stage: params.get(KEYS.stage) ?? '',
    fiscalYear: /^\d{4}$/.test(params.get(KEYS.fiscalYear) ?? '') ? params.get(KEYS.fiscalYear)! : '',
    overdue: params.get(KEYS.overdue) === 'ya',
    superseded: params.get(KEYS.superseded) === 'ya' ? 'true' : params.get(KEYS.superseded) === 'tidak' ? 'false' : '',
    budgetLine: params.get(KEYS.budgetLine) === 'ya',
    contractMonth: month(params.get(KEYS.contractMonth)),
    paidMonth: month(params.get(KEYS.paidMonth)),
  };
  const rawSort = params.get(SORT_PARAM) ?? DEFAULT_SORT;
  const sort = (SORTS.includes(rawSort.replace(/^-/, '')) ? rawSort : DEFAULT_SORT) as PackageSort;

  /** New filters start again at page 1; the sort is kept. */
  const setFilters = (f: PackageFilters) => {
    const next = new URLSearchParams();
    for (const k of Object.keys(KEYS) as (keyof PackageFilters)[]) {
      const v = f[k];
      if (k === 'overdue' || k === 'budgetLine') {
        if (v) next.set(KEYS[k], 'ya');
      } else if (k === 'superseded') {
        if (v) next.set(KEYS.superseded, v === 'true' ? 'ya' : 'tidak');
      } else if (typeof v === 'string' && v.trim()) next.set(KEYS[k], v.trim());
    }
    if (sort !== DEFAULT_SORT) next.set(SORT_PARAM, sort);
    setParams(next);
  };
  const setSort = (s: string) => {
    const next = new URLSearchParams(params);
    next.delete(PAGE_PARAM);
    if (s === DEFAULT_SORT) next.delete(SORT_PARAM);
    else next.set(SORT_PARAM, s);
    setParams(next);
  };
  /** The query for GET /api/packages: only what is set. */
  const apiQuery = (page: number, pageSize: number) => ({
    page,
    pageSize,
    sort,
    ...(filters.q ? { q: filters.q } : {}),
    ...(isPackageStatus(filters.status) ? { status: filters.status } : {}),
    ...(filters.method ? { method: filters.method } : {}),
    ...(filters.opd ? { opd: filters.opd } : {}),
    ...(filters.stage ? { stage: filters.stage } : {}),
    ...(filters.fiscalYear ? { fiscalYear: Number(filters.fiscalYear) } : {}),
    ...(filters.overdue ? { overdue: 'true' as const } : {}),
    ...(filters.superseded ? { superseded: filters.superseded } : {}),
    ...(filters.budgetLine ? { budgetLine: 'true' as const } : {}),
    ...(filters.contractMonth ? { contractMonth: filters.contractMonth } : {}),
    ...(filters.paidMonth ? { paidMonth: filters.paidMonth } : {}),
  });
  const filtered = Object.entries(filters).some(([, v]) => v !== '' && v !== false);
  return { filters, sort, setFilters, setSort, apiQuery, filtered };
}

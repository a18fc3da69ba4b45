/**
 * Links from a monitoring figure to the packages behind it. The API answers each figure's `filter` (the GET
 * /api/packages query that lists exactly those packages, PackageListFilter); this turns it into the package list's
 * URL (/paket) in the keys that page reads (web/src/components/list/usePackageListParams.ts).
 */
import type { components } from '../../api/schema';

export type PackageListFilter = components['schemas']['PackageListFilter'];

export function packagesHref(f: PackageListFilter): string {
  const q = new URLSearchParams();
  q.set('tahun', String(f.fiscalYear));
  if (f.opd) q.set('opd', f.opd);
  if (f.method) q.set('metode', f.method);
  if (f.stage) q.set('tahap', f.stage);
  if (f.status) q.set('status', f.status);
  if (f.superseded) q.set('digantikan', f.superseded === 'true' ? 'ya' : 'tidak');
  if (f.budgetLine) q.set('baris-anggaran', 'ya');
  if (f.contractMonth) q.set('bulan-kontrak', f.contractMonth);
  if (f.paidMonth) q.set('bulan-bayar', f.paidMonth);
  return `/paket?${q.toString()}`;
}

export const packageHref = (id: string) => `/paket/${encodeURIComponent(id)}`;
export const contractTabHref = (procurementPackageId: string) => `/paket/${encodeURIComponent(procurementPackageId)}/kontrak`;

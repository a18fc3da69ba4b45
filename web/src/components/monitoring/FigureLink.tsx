/** A figure (count or amount) that opens the package list with exactly the packages behind it. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatRupiah } from '../../i18n/format';
import { type PackageListFilter, packagesHref } from './package-links';

export function FigureLink({ filter, children, label }: { filter: PackageListFilter; children: ReactNode; label?: string }) {
  return (
    <Link to={packagesHref(filter)} aria-label={label}>
      {children}
    </Link>
  );
}

/** An amount in rupiah linking to its packages; nothing to open behind Rp0. */
export function Amount({ value, filter }: { value: number; filter: PackageListFilter }) {
  return value === 0 ? <>{formatRupiah(0)}</> : <FigureLink filter={filter}>{formatRupiah(value)}</FigureLink>;
}

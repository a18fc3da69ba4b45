/**
 * The year's totals as figures, each a link to its packages, and how they are counted (the API's `basis` texts):
 * a failed package and its re-tender are one budget line, cancelled packages are out of absorption.
 */
import { formatPercent, formatRupiah } from '../../i18n/format';
import { FigureLink } from './FigureLink';
import { ratioPct } from './labels';
import type { PackageListFilter } from './package-links';
import type { YearSummary } from './queries';

/** Where a figure leads: the package list with its filter, or the table on this page that breaks it down. */
type Target = { filter: PackageListFilter } | { anchor: string };

export function YearFigures({ summary }: { summary: YearSummary }) {
  const t = summary.totals;
  // Cancelled packages end in one of the definitions' cancelled statuses (batal, batal_otomatis): one link when
  // there is one such status, else the status table that lists each.
  const cancelled = summary.byStatus.filter((s) => s.status.startsWith('batal'));
  const cancelledTarget: Target = cancelled.length === 1 ? { filter: cancelled[0]!.filter } : { anchor: 'per-status' };
  const items: { label: string; value: string; sub: string; to: Target }[] = [
    { label: 'Paket', value: t.packages.toLocaleString('id-ID'), sub: `Pagu ${formatRupiah(t.pagu)}`, to: { filter: t.filter } },
    { label: 'Baris anggaran', value: t.budgetLines.toLocaleString('id-ID'), sub: `Pagu ${formatRupiah(t.budgetPagu)}`, to: { filter: t.budgetLineFilter } },
    { label: 'Digantikan tender ulang', value: t.superseded.toLocaleString('id-ID'), sub: 'tidak dihitung lagi', to: { filter: t.supersededFilter } },
    { label: 'Batal', value: t.cancelled.toLocaleString('id-ID'), sub: 'di luar serapan', to: cancelledTarget },
    { label: 'Nilai kontrak', value: formatRupiah(t.contracted), sub: `${t.contracts.toLocaleString('id-ID')} kontrak`, to: { anchor: 'serapan-opd' } },
    { label: 'Dibayar', value: formatRupiah(t.paid), sub: `${formatPercent(ratioPct(t.absorption.ofPagu), 2)} dari pagu`, to: { anchor: 'serapan-opd' } },
  ];
  return (
    <>
      <ul className="figures" aria-label="Angka tahun anggaran">
        {items.map((i) => (
          <li key={i.label}>
            <span className="figure-label">{i.label}</span>
            {'filter' in i.to ? (
              <FigureLink filter={i.to.filter} label={`${i.label}: ${i.value}, lihat paketnya`}>
                <span className="figure-value">{i.value}</span>
              </FigureLink>
            ) : (
              <a href={`#${i.to.anchor}`} aria-label={`${i.label}: ${i.value}, lihat rinciannya per OPD dan per bulan`}>
                <span className="figure-value">{i.value}</span>
              </a>
            )}
            <span className="help">{i.sub}</span>
          </li>
        ))}
      </ul>
      <details className="card">
        <summary>Cara angka dihitung</summary>
        <dl className="facts">
          <dt>Paket</dt>
          <dd>{summary.basis.packages}</dd>
          <dt>Baris anggaran</dt>
          <dd>{summary.basis.budgetLine}</dd>
          <dt>Nilai kontrak</dt>
          <dd>{summary.basis.contracted}</dd>
          <dt>Dibayar</dt>
          <dd>{summary.basis.paid}</dd>
        </dl>
      </details>
    </>
  );
}

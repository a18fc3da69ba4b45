/**
 * Red flags per OPD: packages, flagged packages and the count per flag; the OPD opens its packages in the package
 * list, a count opens the flagged packages of that OPD (and flag) on this page.
 */
import { Link, useSearchParams } from 'react-router';
import { FLAG_CODES, FLAG_TITLES } from '../../../../domain/monitoring/red-flags';
import { PAGE_PARAM } from '../list/Pager';
import { FigureLink } from './FigureLink';
import type { RedFlagReport } from './queries';

export function RedFlagsByOpd({ report }: { report: RedFlagReport }) {
  const [params] = useSearchParams();
  /** This page filtered to an OPD (and a flag), from page 1. */
  const here = (opd: string, flag?: string) => {
    const q = new URLSearchParams(params);
    q.delete(PAGE_PARAM);
    q.set('tahun', String(report.fiscalYear));
    q.set('opd', opd);
    if (flag) q.set('indikator', flag);
    else q.delete('indikator');
    return `?${q.toString()}#paket-berindikasi`;
  };
  if (report.byOpd.length === 0) return <p className="empty">Tidak ada paket pada tahun anggaran ini.</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption>Indikasi risiko per OPD, tahun anggaran {report.fiscalYear}; jumlah membuka paket berindikasinya</caption>
        <thead>
          <tr>
            <th scope="col">OPD</th>
            <th scope="col" className="num">
              Paket
            </th>
            <th scope="col" className="num">
              Berindikasi
            </th>
            {FLAG_CODES.map((c) => (
              <th key={c} scope="col" className="num">
                {FLAG_TITLES[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.byOpd.map((o) => (
            <tr key={o.opd}>
              <th scope="row">{o.opd}</th>
              <td className="num">
                <FigureLink filter={o.filter} label={`${o.packages.toLocaleString('id-ID')} paket ${o.opd}`}>
                  {o.packages.toLocaleString('id-ID')}
                </FigureLink>
              </td>
              <td className="num">
                {o.flagged > 0 ? (
                  <Link to={here(o.opd)} aria-label={`${o.flagged.toLocaleString('id-ID')} paket berindikasi di ${o.opd}`}>
                    {o.flagged.toLocaleString('id-ID')}
                  </Link>
                ) : (
                  <span className="muted">0</span>
                )}
              </td>
              {FLAG_CODES.map((c) => (
                <td key={c} className="num">
                  {o.byFlag[c] > 0 ? (
                    <Link to={here(o.opd, c)} aria-label={`${o.byFlag[c].toLocaleString('id-ID')} paket ${o.opd}: ${FLAG_TITLES[c]}`}>
                      {o.byFlag[c].toLocaleString('id-ID')}
                    </Link>
                  ) : (
                    <span className="muted">0</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Packages of the year grouped one way (OPD × method, stage, status): count, pagu and HPS, each figure a link to
 * exactly those packages in the package list; with its CSV/XLSX export (`table=` of GET /api/dashboard/year).
 */
import type { ReactNode } from 'react';
import { DownloadButtons } from './DownloadButtons';
import { Amount, FigureLink } from './FigureLink';
import type { PackageListFilter } from './package-links';
import type { YearSummary } from './queries';

export interface CountRow {
  key: string;
  /** The grouping's cells (th for the first). */
  cells: ReactNode[];
  count: number;
  pagu: number;
  hps: number;
  filter: PackageListFilter;
}

export function CountTable({
  id,
  title,
  caption,
  headers,
  rows,
  summary,
  table,
  fileName,
}: {
  id: string;
  title: string;
  caption: string;
  headers: string[];
  rows: CountRow[];
  summary: YearSummary;
  table: 'opd-method' | 'stage' | 'status';
  fileName: string;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} tabIndex={-1}>
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="empty">Tidak ada paket pada tahun anggaran ini{summary.opd ? ' untuk OPD ini' : ''}.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{caption}</caption>
            <thead>
              <tr>
                {headers.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
                <th scope="col" className="num">
                  Paket
                </th>
                <th scope="col" className="num">
                  Pagu
                </th>
                <th scope="col" className="num">
                  HPS
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  {r.cells.map((c, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {c}
                      </th>
                    ) : (
                      <td key={i}>{c}</td>
                    ),
                  )}
                  <td className="num">
                    <FigureLink filter={r.filter}>{r.count.toLocaleString('id-ID')}</FigureLink>
                  </td>
                  <td className="num nowrap">
                    <Amount value={r.pagu} filter={r.filter} />
                  </td>
                  <td className="num nowrap">
                    <Amount value={r.hps} filter={r.filter} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <DownloadButtons
        path="/api/dashboard/year"
        query={{ fiscalYear: summary.fiscalYear, opd: summary.opd, table }}
        fileName={fileName}
        what={title.toLowerCase()}
      />
    </section>
  );
}

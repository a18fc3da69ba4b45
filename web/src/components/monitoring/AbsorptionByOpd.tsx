/**
 * Serapan anggaran per OPD: pagu of the budget lines, contracted and paid value as a chart and as a table; every
 * figure opens the OPD's budget lines in the package list, a bar does the same when clicked.
 */
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { opdAbsorptionOption } from '../../charts/absorption-options';
import { formatPercent, formatRupiah } from '../../i18n/format';
import { ChartSlot } from './ChartSlot';
import { DownloadButtons } from './DownloadButtons';
import { Amount, FigureLink } from './FigureLink';
import { ratioPct } from './labels';
import { packagesHref } from './package-links';
import type { YearSummary } from './queries';

export function AbsorptionByOpd({ summary }: { summary: YearSummary }) {
  const navigate = useNavigate();
  const rows = summary.absorptionByOpd;
  const option = useMemo(() => opdAbsorptionOption(rows.map((r) => ({ label: r.opd, pagu: r.pagu, contracted: r.contracted, paid: r.paid }))), [rows]);
  const top = [...rows].sort((a, b) => b.paid - a.paid)[0];
  return (
    <section aria-labelledby="serapan-opd">
      <div className="section-head">
        <h2 id="serapan-opd" tabIndex={-1}>
          Serapan anggaran per OPD
        </h2>
      </div>
      {rows.length === 0 ? (
        <p className="empty">Belum ada baris anggaran pada tahun anggaran ini.</p>
      ) : (
        <>
          <ChartSlot
            option={option}
            height={Math.max(220, 70 + rows.length * 46)}
            summary={`Grafik batang serapan anggaran ${rows.length} OPD tahun ${summary.fiscalYear}: pagu, nilai kontrak dan nilai dibayar per OPD${
              top ? `; pembayaran terbesar ${top.opd}, ${formatRupiah(top.paid)}` : ''
            }.`}
            caption="Batang abu-abu: pagu baris anggaran; biru: nilai kontrak; jingga: dibayar. Pilih batang untuk membuka paketnya. Angka yang sama ada pada tabel berikut."
            onSelect={(i) => {
              // The chart lists the OPDs bottom-up (absorption-options.ts), the table top-down.
              const r = rows[rows.length - 1 - i];
              if (r) void navigate(packagesHref(r.filter));
            }}
          />
          <div className="table-scroll">
            <table>
              <caption>Serapan anggaran per OPD, tahun anggaran {summary.fiscalYear}; angka membuka daftar paketnya</caption>
              <thead>
                <tr>
                  <th scope="col">OPD</th>
                  <th scope="col" className="num">
                    Baris anggaran
                  </th>
                  <th scope="col" className="num">
                    Pagu
                  </th>
                  <th scope="col" className="num">
                    Nilai kontrak
                  </th>
                  <th scope="col" className="num">
                    Dibayar
                  </th>
                  <th scope="col" className="num">
                    Serapan dari pagu
                  </th>
                  <th scope="col" className="num">
                    Dibayar dari kontrak
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.opd}>
                    <th scope="row">{r.opd}</th>
                    <td className="num">
                      <FigureLink filter={r.filter}>{r.budgetLines.toLocaleString('id-ID')}</FigureLink>
                    </td>
                    <td className="num nowrap">
                      <Amount value={r.pagu} filter={r.filter} />
                    </td>
                    <td className="num nowrap">
                      <Amount value={r.contracted} filter={r.filter} />
                      <span className="sub">{r.contracts.toLocaleString('id-ID')} kontrak</span>
                    </td>
                    <td className="num nowrap">
                      <Amount value={r.paid} filter={r.filter} />
                    </td>
                    <td className="num">{formatPercent(ratioPct(r.absorption.ofPagu), 2)}</td>
                    <td className="num">{formatPercent(ratioPct(r.absorption.ofContracted), 2)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Jumlah</th>
                  <td className="num">{summary.totals.budgetLines.toLocaleString('id-ID')}</td>
                  <td className="num nowrap">{formatRupiah(summary.totals.budgetPagu)}</td>
                  <td className="num nowrap">{formatRupiah(summary.totals.contracted)}</td>
                  <td className="num nowrap">{formatRupiah(summary.totals.paid)}</td>
                  <td className="num">{formatPercent(ratioPct(summary.totals.absorption.ofPagu), 2)}</td>
                  <td className="num">{formatPercent(ratioPct(summary.totals.absorption.ofContracted), 2)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
      <DownloadButtons
        path="/api/dashboard/year"
        query={{ fiscalYear: summary.fiscalYear, opd: summary.opd, table: 'absorption' }}
        fileName={`serapan-opd-${summary.fiscalYear}`}
        what="serapan anggaran per OPD"
      />
    </section>
  );
}

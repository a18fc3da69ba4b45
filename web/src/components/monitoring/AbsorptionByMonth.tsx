/**
 * Per month (WIB): the value of contracts signed and the payments made, with what was paid so far; as a chart and
 * as a table whose figures open the packages behind them (contracts signed / paid in that month).
 */
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { monthlyAbsorptionOption } from '../../charts/absorption-options';
import { formatRupiah } from '../../i18n/format';
import { ChartSlot } from './ChartSlot';
import { DownloadButtons } from './DownloadButtons';
import { FigureLink } from './FigureLink';
import { monthLabel, shortMonth } from './labels';
import { packagesHref } from './package-links';
import type { YearSummary } from './queries';

export function AbsorptionByMonth({ summary }: { summary: YearSummary }) {
  const navigate = useNavigate();
  const rows = summary.byMonth;
  const option = useMemo(
    () => monthlyAbsorptionOption(rows.map((r) => ({ label: shortMonth(r.month, summary.fiscalYear), contracted: r.contracted, paid: r.paid }))),
    [rows, summary.fiscalYear],
  );
  const last = rows.at(-1);
  const any = rows.some((r) => r.contracts > 0 || r.payments > 0);
  return (
    <section aria-labelledby="serapan-bulan">
      <h2 id="serapan-bulan">Kontrak dan pembayaran per bulan</h2>
      {!any ? (
        <p className="empty">Belum ada kontrak yang ditandatangani atau pembayaran pada tahun anggaran ini.</p>
      ) : (
        <>
          <ChartSlot
            option={option}
            summary={`Grafik per bulan tahun ${summary.fiscalYear}: nilai kontrak yang ditandatangani dan pembayaran per bulan (batang), pembayaran kumulatif (garis)${
              last ? `, sampai ${monthLabel(last.month)} ${formatRupiah(last.cumulativePaid)}` : ''
            }.`}
            caption="Batang biru: nilai kontrak yang ditandatangani pada bulan itu; jingga: pembayaran pada bulan itu; garis hijau putus-putus: pembayaran kumulatif. Pilih bulan untuk membuka kontraknya. Angka yang sama ada pada tabel berikut."
            onSelect={(i) => {
              const r = rows[i];
              if (r) void navigate(packagesHref(r.paid > 0 && r.contracted === 0 ? r.paidFilter : r.contractedFilter));
            }}
          />
          <div className="table-scroll">
            <table>
              <caption>Kontrak dan pembayaran per bulan (WIB), tahun anggaran {summary.fiscalYear}; angka membuka daftar paketnya</caption>
              <thead>
                <tr>
                  <th scope="col">Bulan</th>
                  <th scope="col" className="num">
                    Nilai kontrak ditandatangani
                  </th>
                  <th scope="col" className="num">
                    Dibayar
                  </th>
                  <th scope="col" className="num">
                    Kontrak kumulatif
                  </th>
                  <th scope="col" className="num">
                    Dibayar kumulatif
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.month}>
                    <th scope="row">{monthLabel(r.month)}</th>
                    <td className="num nowrap">
                      {r.contracts > 0 ? <FigureLink filter={r.contractedFilter}>{formatRupiah(r.contracted)}</FigureLink> : formatRupiah(r.contracted)}
                      <span className="sub">{r.contracts.toLocaleString('id-ID')} kontrak</span>
                    </td>
                    <td className="num nowrap">
                      {r.payments > 0 ? <FigureLink filter={r.paidFilter}>{formatRupiah(r.paid)}</FigureLink> : formatRupiah(r.paid)}
                      <span className="sub">{r.payments.toLocaleString('id-ID')} pembayaran</span>
                    </td>
                    <td className="num nowrap">{formatRupiah(r.cumulativeContracted)}</td>
                    <td className="num nowrap">{formatRupiah(r.cumulativePaid)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <DownloadButtons
        path="/api/dashboard/year"
        query={{ fiscalYear: summary.fiscalYear, opd: summary.opd, table: 'month' }}
        fileName={`kontrak-pembayaran-bulanan-${summary.fiscalYear}`}
        what="kontrak dan pembayaran per bulan"
      />
    </section>
  );
}

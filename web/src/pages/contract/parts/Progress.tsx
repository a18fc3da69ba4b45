import { lazy, Suspense } from 'react';
import { latestDeviation, type SCurvePoint } from '../../../charts/s-curve-data';
import { formatDateWib, formatPercent, formatWib } from '../../../i18n/format';
import { reportState } from './labels';
import type { ProgressReport } from './types';

// uPlot and its stylesheet load only when a contract has an S-curve to draw, in their own chunk.
const SCurveChart = lazy(() => import('../../../charts/SCurveChart'));

/** Planned against actual per period: the S-curve for the eye, the same figures as a table for everyone. */
export function Progress({ points, reports }: { points: SCurvePoint[]; reports: ProgressReport[] }) {
  const dev = latestDeviation(points);
  return (
    <>
      {points.length === 0 ? (
        <p className="muted">Kurva S rencana belum ada: rancangan kontrak belum disusun.</p>
      ) : (
        <>
          {dev && (
            <p>
              Deviasi periode {dev.period}:{' '}
              <span className={`status ${dev.deviation < -10 ? 'bad' : dev.deviation < 0 ? 'warn' : 'ok'}`}>
                {dev.deviation > 0 ? '+' : ''}
                {formatPercent(dev.deviation, 2)} {dev.deviation < 0 ? '(terlambat dari rencana)' : '(sesuai atau lebih cepat dari rencana)'}
              </span>
            </p>
          )}
          <div className="card">
            <Suspense fallback={<p className="muted">Memuat grafik kurva S…</p>}>
              <SCurveChart
                points={points}
                label="Kurva S: garis putus-putus biru adalah rencana, garis jingga adalah realisasi kemajuan fisik kumulatif per periode. Angka yang sama ada di tabel berikut."
              />
            </Suspense>
          </div>
          <table>
            <caption>Rencana dan realisasi kemajuan fisik kumulatif per periode</caption>
            <thead>
              <tr>
                <th scope="col">Periode</th>
                <th scope="col">Akhir periode</th>
                <th scope="col" className="num">
                  Rencana
                </th>
                <th scope="col" className="num">
                  Realisasi
                </th>
                <th scope="col" className="num">
                  Deviasi
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.period}>
                  <th scope="row">{p.period}</th>
                  <td>{formatDateWib(p.periodEnd)}</td>
                  <td className="num">{formatPercent(p.plannedPct, 2)}</td>
                  <td className="num">{p.actualPct === null ? '—' : formatPercent(p.actualPct, 2)}</td>
                  <td className="num">{p.actualPct === null ? '—' : formatPercent(Math.round((p.actualPct - p.plannedPct) * 100) / 100, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>Laporan kemajuan</h3>
      {reports.length === 0 ? (
        <p className="muted">Belum ada laporan kemajuan.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Laporan kemajuan penyedia</caption>
          <thead>
            <tr>
              <th scope="col">Laporan</th>
              <th scope="col">Periode</th>
              <th scope="col" className="num">
                Kemajuan fisik
              </th>
              <th scope="col">Diajukan</th>
              <th scope="col">Status</th>
              <th scope="col">Bukti</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => {
              const st = reportState(r.status);
              const pct = r.physicalPercent ?? (r.physicalBp !== undefined ? r.physicalBp / 100 : null);
              return (
                <tr key={r.id}>
                  <td>{r.id}</td>
                  <td>{r.period}</td>
                  <td className="num">{formatPercent(pct, 2)}</td>
                  <td>{formatWib(r.at)}</td>
                  <td>
                    <span className={`status ${st.tone}`}>{st.text}</span>
                    {r.reviewNote && <p className="help">{r.reviewNote}</p>}
                  </td>
                  <td>
                    {(r.evidence ?? []).map((e) => (
                      <div key={e.sha256}>
                        {e.name}
                        <br />
                        <code className="hash">{e.sha256}</code>
                      </div>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

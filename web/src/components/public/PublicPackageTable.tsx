/**
 * One page of the public list as a table: each package with its OPD and method, stage and schedule, HPS, winner and
 * contract value once published, progress, and how many red flags (linking to their explanations on its page).
 */
import { Link } from 'react-router';
import { statusClass, STATUS_LABELS } from '../list/package-list-types';
import { formatDateWib, formatPercent, formatRupiah } from '../../i18n/format';
import { methodLabel, SEVERITY } from './labels';
import type { PublicListItem } from './types';

/** The current stage's closing, or the earliest open step's due time (without who must act). */
function scheduleText(p: PublicListItem): string {
  if (p.schedule.stageClosesAt) return `ditutup ${formatDateWib(p.schedule.stageClosesAt)}`;
  if (p.schedule.nextDueAt) return `tenggat ${formatDateWib(p.schedule.nextDueAt)}`;
  return 'berjalan';
}

/** Physical progress as a number and a bar (the bar is decoration: the number is the information). */
function Progress({ value }: { value: number }) {
  const pct = Math.max(0, Math.min(100, value));
  return (
    <>
      {formatPercent(pct)}
      <span className="progress" aria-hidden="true">
        {/* CSSOM, not a style attribute: allowed by the console's CSP (as the filter form's grid span). */}
        <span style={{ width: `${pct}%` }} />
      </span>
    </>
  );
}

export function PublicPackageTable({ rows }: { rows: PublicListItem[] }) {
  return (
    <div className="table-scroll">
      <table className="public-list">
        <caption>Paket pengadaan, yang terbaru di atas</caption>
        <thead>
          <tr>
            <th scope="col">Paket</th>
            <th scope="col">Tahap dan jadwal</th>
            <th scope="col" className="num">
              HPS
            </th>
            <th scope="col">Pemenang dan nilai kontrak</th>
            <th scope="col">Progres</th>
            <th scope="col">Indikasi risiko</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => {
            const to = `/publik/paket/${encodeURIComponent(p.id)}`;
            return (
              <tr key={p.id}>
                <td className="title-cell">
                  <Link to={to}>{p.title}</Link>
                  <span className="sub">
                    {p.opd} · TA {p.fiscalYear}
                  </span>
                  <span className="sub">{methodLabel(p.method)}</span>
                </td>
                <td>
                  {p.stage.name}
                  <span className="sub">
                    {p.status === 'active' ? scheduleText(p) : <span className={`status ${statusClass(p.status)}`}>{STATUS_LABELS[p.status] ?? p.status}</span>}
                  </span>
                </td>
                <td className="num nowrap">{formatRupiah(p.hps)}</td>
                <td>
                  {p.winner ? (
                    <>
                      {p.winner.vendor}
                      {p.winner.price !== null && <span className="sub">penawaran {formatRupiah(p.winner.price)}</span>}
                    </>
                  ) : (
                    <span className="muted">Belum diumumkan</span>
                  )}
                  {p.contract && <span className="sub">kontrak {formatRupiah(p.contract.value)}</span>}
                </td>
                <td>{p.contract ? <Progress value={p.contract.physicalProgress} /> : <span className="muted">—</span>}</td>
                <td>
                  {p.redFlags.count === 0 ? (
                    <span className="muted">Tidak ada</span>
                  ) : (
                    <Link to={`${to}#risiko`} aria-label={`${p.redFlags.count} indikasi risiko ${p.title}`}>
                      {p.redFlags.count} indikasi
                    </Link>
                  )}
                  {p.redFlags.highest && p.redFlags.count > 0 && (
                    <span className="sub">
                      tingkat tertinggi{' '}
                      <span className={`status nowrap ${SEVERITY[p.redFlags.highest]?.tone ?? ''}`}>{SEVERITY[p.redFlags.highest]?.text}</span>
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

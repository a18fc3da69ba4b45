/**
 * One running contract: planned against actual progress, its criticality (kontrak kritis marked with the reason in
 * words), and its S-curve one click away — the button opens a row under it with the chart (the E-Kontrak page's
 * SCurveChart, loaded lazily) and the same figures as a table.
 */
import { lazy, Suspense, useId, useState } from 'react';
import { Link } from 'react-router';
import { formatDateWib, formatPercent, formatRupiah } from '../../i18n/format';
import { CONTRACT_KINDS } from './labels';
import type { MonitoredContract } from './queries';

const SCurveChart = lazy(() => import('../../charts/SCurveChart'));
const COLUMNS = 6;

function Meter({ label, pct, kind }: { label: string; pct: number | null; kind: 'planned' | 'actual' }) {
  return (
    <div>
      {label} {formatPercent(pct, 2)}
      <span className={`meter ${kind}`} aria-hidden="true">
        <span style={{ width: `${Math.max(0, Math.min(100, pct ?? 0))}%` }} />
      </span>
    </div>
  );
}

export function ContractRow({ c }: { c: MonitoredContract }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const k = c.criticality;
  const deviation = c.plannedPct !== null && c.actualPct !== null ? Math.round((c.actualPct - c.plannedPct) * 100) / 100 : null;
  return (
    <>
      <tr className={k.critical ? 'critical' : undefined} data-contract={c.contractPackageId}>
        <th scope="row" className="title-cell">
          <Link to={c.links.contract}>{c.title}</Link>
          <span className="sub">
            {CONTRACT_KINDS[c.kind] ?? c.kind}
            {c.number ? ` ${c.number}` : ''} · {c.opd}
          </span>
          <span className="sub">Tahap {c.stageName}</span>
        </th>
        <td className="num nowrap">
          {formatRupiah(c.value)}
          <span className="sub">dibayar {formatRupiah(c.paid)}</span>
        </td>
        <td className="bar-cell">
          <Meter label="Rencana" pct={c.plannedPct} kind="planned" />
          <Meter label="Realisasi" pct={c.actualPct} kind="actual" />
          {k.period !== null && <span className="sub">periode {k.period}</span>}
        </td>
        <td className="num nowrap">{deviation === null ? '—' : `${deviation > 0 ? '+' : ''}${formatPercent(deviation, 2)}`}</td>
        <td>
          {k.critical ? (
            <span className="status bad">Kontrak kritis</span>
          ) : k.period === null ? (
            <span className="status">Belum dinilai</span>
          ) : (
            <span className="status ok">Tidak kritis</span>
          )}
          <span className={k.critical ? 'sub critical-reason' : 'sub'}>{k.text}</span>
          {k.projectedFinish && <span className="sub">Perkiraan selesai {formatDateWib(k.projectedFinish)}</span>}
        </td>
        <td>
          <button type="button" className="secondary" aria-expanded={open} aria-controls={`${id}-kurva`} onClick={() => setOpen((o) => !o)}>
            {open ? 'Tutup kurva S' : 'Kurva S'}
            <span className="visually-hidden"> {c.title}</span>
          </button>
        </td>
      </tr>
      <tr id={`${id}-kurva`} className="s-curve-row" hidden={!open}>
        <td colSpan={COLUMNS}>
          {open &&
            (c.sCurve.length === 0 ? (
              <p className="muted">Kurva S rencana belum ada.</p>
            ) : (
              <>
                <Suspense fallback={<p className="muted">Memuat grafik kurva S…</p>}>
                  <SCurveChart
                    points={c.sCurve}
                    label={`Kurva S ${c.title}: garis putus-putus biru adalah rencana, garis jingga realisasi kemajuan fisik kumulatif per periode. Angka yang sama ada di tabel berikut.`}
                  />
                </Suspense>
                <table>
                  <caption>Rencana dan realisasi kemajuan fisik kumulatif per periode: {c.title}</caption>
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
                    </tr>
                  </thead>
                  <tbody>
                    {c.sCurve.map((p) => (
                      <tr key={p.period}>
                        <th scope="row">{p.period}</th>
                        <td>{formatDateWib(p.periodEnd)}</td>
                        <td className="num">{formatPercent(p.plannedPct, 2)}</td>
                        <td className="num">{p.actualPct === null ? '—' : formatPercent(p.actualPct, 2)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p>
                  <Link to={c.links.contract}>Buka tab kontrak {c.title}</Link>
                </p>
              </>
            ))}
        </td>
      </tr>
    </>
  );
}

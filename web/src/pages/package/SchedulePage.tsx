/**
 * Jadwal paket (/paket/:id/jadwal): the package's schedule as SPSE's jadwal shows it to the Pokja — each stage with
 * when it started and ends (No / Tahap / Mulai / Sampai / Perubahan), as far as the package has reached it; each
 * schedule parameter with its value, where it comes from, its bounds or the rule that fixes it; the history of the
 * changes (reason, from, to, who, when in WIB); and, for the member who may change it now, the change form. Read
 * from GET /api/packages/{id}/schedule (officers assigned to the package, the APIP, the admin).
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, ApiFailure, call } from '../../api/client';
import { packageQuery } from '../../api/queries';
import { describeError } from '../../i18n/errors';
import { formatTimeLeft, formatWib } from '../../i18n/format';
import { boundsText, ScheduleChangeForm } from './ScheduleChangeForm';
import './package.css';
import './panels.css';

const SOURCE: Record<string, string> = { pokja: 'ditetapkan Pokja', creation: 'saat paket dibuat', default: 'bawaan metode' };

export default function SchedulePage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const pkg = useQuery(packageQuery(id));
  const schedule = useQuery({
    queryKey: ['package', id, 'schedule'],
    retry: false,
    refetchInterval: 30_000,
    queryFn: () => call(api.GET('/api/packages/{id}/schedule', { params: { path: { id } } })),
  });
  const title = pkg.data?.title ?? id;
  useEffect(() => {
    document.title = `Jadwal — ${title} — Pengadaan`;
  }, [title]);
  const hash = location.hash;
  const ready = !!schedule.data && !!pkg.data;
  useEffect(() => {
    if (!ready || !hash) return;
    const el = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (el) {
      el.scrollIntoView({ block: 'start' });
      el.focus({ preventScroll: true });
    }
  }, [ready, hash]);

  const s = schedule.data;
  const change = pkg.data?.myActions?.find((a) => a.id === 'change_schedule' && a.target === 'package');
  const pid = encodeURIComponent(id);
  const stageName = (sid: string) => s?.stages.find((x) => x.stageId === sid)?.name ?? sid;
  const paramName = (pid2: string) => s?.params.find((x) => x.id === pid2)?.name ?? pid2;
  const deadline = s?.current.deadline ?? null;
  const left = deadline ? formatTimeLeft(deadline) : null;

  return (
    <div className="page package-page">
      <p className="muted breadcrumb">
        <Link to="/paket">Daftar paket</Link> / <Link to={`/paket/${pid}`}>{id}</Link> / Jadwal
      </p>
      <h1>Jadwal: {title}</h1>
      <nav aria-label="Bagian paket" className="tabs">
        <Link to={`/paket/${pid}`}>Ringkasan</Link>
        <Link to={`/paket/${pid}/jadwal`} className="active" aria-current="page">
          Jadwal
        </Link>
      </nav>
      {schedule.isPending && <p aria-live="polite">Memuat jadwal…</p>}
      {schedule.isError && (
        <div className="alert" role="alert">
          {(() => {
            const d = schedule.error instanceof ApiFailure ? describeError(schedule.error.error) : { title: 'Jadwal tidak dapat dimuat', message: '' };
            return (
              <>
                <p>
                  <strong>{d.title}</strong>
                </p>
                {d.message && <p>{d.message}</p>}
              </>
            );
          })()}
        </div>
      )}
      {s && (
        <>
          <section className="card" aria-labelledby="tahap-sekarang">
            <h2 id="tahap-sekarang">Tahap saat ini</h2>
            <p>
              <strong>{s.current.stageName}</strong>
              {s.current.ended ? ' — paket sudah selesai.' : deadline ? ` — batas ${formatWib(deadline)} ` : ' — tanpa batas waktu.'}
              {left && (
                <span className={`status ${left.overdue ? 'overdue' : ''}`}>
                  {left.overdue ? `Terlambat ${left.text.replace(/^terlambat /, '')}` : left.text}
                </span>
              )}
            </p>
          </section>

          <section aria-labelledby="jadwal-tahapan">
            <h2 id="jadwal-tahapan">Jadwal tahapan</h2>
            <div className="table-scroll">
              <table>
                <caption>
                  Tahap yang berjadwal; waktu dalam WIB. Tahap yang belum dimulai menunjukkan lamanya; sebagian hanya dilalui bila diperlukan (perbaikan DPP,
                  sanggah, tender gagal).
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      No
                    </th>
                    <th scope="col">Tahap</th>
                    <th scope="col">Mulai</th>
                    <th scope="col">Sampai</th>
                    <th scope="col" className="num">
                      Perubahan
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.stages.map((st) => {
                    const lengths = st.params.map((p) => s.params.find((x) => x.id === p)).filter((x) => !!x);
                    return (
                      <tr key={st.stageId} className={st.current ? 'stage-current' : undefined} aria-current={st.current ? 'step' : undefined}>
                        <td className="num">{st.no}</td>
                        <th scope="row">
                          {st.name}
                          {st.current && (
                            <>
                              {' '}
                              <span className="badge">tahap saat ini</span>
                            </>
                          )}
                        </th>
                        <td>{st.startedAt ? formatWib(st.startedAt) : <span className="muted">belum dimulai</span>}</td>
                        <td>
                          {st.endsAt ? formatWib(st.endsAt) : st.leftAt ? formatWib(st.leftAt) : null}
                          {!st.endsAt && !st.leftAt && (
                            <span className="muted">{lengths.map((p) => `${p.value} ${p.unitName} setelah mulai`).join('; ') || '—'}</span>
                          )}
                        </td>
                        <td className="num">{st.changes}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="parameter-jadwal">
            <h2 id="parameter-jadwal">Parameter jadwal</h2>
            <div className="table-scroll">
              <table>
                <caption>Nilai yang berlaku, asalnya, dan batas atau aturan yang menetapkannya</caption>
                <thead>
                  <tr>
                    <th scope="col">Parameter</th>
                    <th scope="col">Tahap</th>
                    <th scope="col" className="num">
                      Nilai
                    </th>
                    <th scope="col">Ketentuan</th>
                    <th scope="col" className="num">
                      Perubahan
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.params.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">{p.name}</th>
                      <td>{p.stageIds.map(stageName).join(', ') || '—'}</td>
                      <td className="num">
                        {p.value} {p.unitName}
                        <br />
                        <span className="muted">{SOURCE[p.source]}</span>
                      </td>
                      <td>{boundsText(p)}</td>
                      <td className="num">{p.changes}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          {change && <ScheduleChangeForm packageId={id} action={change} params={s.params} />}

          <section aria-labelledby="riwayat-jadwal">
            <h2 id="riwayat-jadwal">Riwayat perubahan jadwal</h2>
            {s.changes.length === 0 ? (
              <p className="muted">Jadwal belum pernah diubah.</p>
            ) : (
              <div className="table-scroll">
                <table>
                  <caption>Perubahan jadwal, terlama lebih dulu</caption>
                  <thead>
                    <tr>
                      <th scope="col">Waktu (WIB)</th>
                      <th scope="col">Parameter</th>
                      <th scope="col">Tahap</th>
                      <th scope="col" className="num">
                        Dari
                      </th>
                      <th scope="col" className="num">
                        Menjadi
                      </th>
                      <th scope="col">Alasan</th>
                      <th scope="col">Oleh</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.changes.map((c, i) => {
                      const unit = s.params.find((x) => x.id === c.param)?.unitName ?? '';
                      return (
                        <tr key={`${c.at}-${c.param}-${i}`}>
                          <td>{formatWib(c.at)}</td>
                          <td>{paramName(c.param)}</td>
                          <td>{c.stageIds.map(stageName).join(', ') || '—'}</td>
                          <td className="num">{c.from === null ? '—' : `${c.from} ${unit}`}</td>
                          <td className="num">
                            {c.to} {unit}
                          </td>
                          <td>{c.reason}</td>
                          <td>{c.by}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}

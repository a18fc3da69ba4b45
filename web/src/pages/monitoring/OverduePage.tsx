/**
 * Terlambat (/pantau/terlambat?tahun=&opd=&halaman=): open steps past their due time, longest overdue first, with
 * who owns them (assigned officials by name, or the role), for how long (hours and working days in WIB) and the
 * escalations sent. Each row links to the package page.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/list/ErrorAlert';
import { Pager, usePageParam } from '../../components/list/Pager';
import { DownloadButtons } from '../../components/monitoring/DownloadButtons';
import { MonitoringFilterForm } from '../../components/monitoring/MonitoringFilterForm';
import { packageHref } from '../../components/monitoring/package-links';
import { type OverdueTask, overdueQuery } from '../../components/monitoring/queries';
import { useMonitoringFilters } from '../../components/monitoring/useMonitoringFilters';
import { useYearOpds } from '../../components/monitoring/useYearOpds';
import { formatWib } from '../../i18n/format';
import { roleLabel } from '../../i18n/roles';

const PAGE_SIZE = 25;

/** `3 hari kerja (75 jam)`; under a day: hours only. */
function howLong(t: OverdueTask): string {
  const hours = t.overdueHours < 1 ? 'kurang dari 1 jam' : `${t.overdueHours.toLocaleString('id-ID')} jam`;
  return t.overdueWorkingDays > 0 ? `${t.overdueWorkingDays.toLocaleString('id-ID')} hari kerja (${hours})` : hours;
}

/** `Nama (Peran)`, unless the name already says the role in brackets (the demo users' names do). */
const person = (p: { name: string; role: string }) => (/\)\s*$/.test(p.name) ? p.name : `${p.name} (${roleLabel(p.role)})`);

function Owners({ t }: { t: OverdueTask }) {
  if (t.owners.length) return <>{t.owners.map(person).join(', ')}</>;
  return (
    <>
      {t.roles.map(roleLabel).join(', ')}
      <span className="sub">semua pemegang peran</span>
    </>
  );
}

function Escalations({ t }: { t: OverdueTask }) {
  const e = t.escalations;
  if (e.count === 0) return <span className="muted">Belum ada</span>;
  return (
    <>
      <span className="status warn">{e.count.toLocaleString('id-ID')}× eskalasi</span>
      {e.recipients.length > 0 && <span className="sub">kepada {e.recipients.map(person).join(', ')}</span>}
      {e.lastSentAt && <span className="sub">terakhir {formatWib(e.lastSentAt)}</span>}
      <span className="sub">
        surel terkirim {e.emailsSent.toLocaleString('id-ID')}
        {e.emailsPending > 0 ? `, menunggu ${e.emailsPending.toLocaleString('id-ID')}` : ''}
      </span>
    </>
  );
}

export default function OverduePage() {
  const { filters, setFilters } = useMonitoringFilters();
  const page = usePageParam();
  const opds = useYearOpds(filters.fiscalYear);
  const list = useQuery({ ...overdueQuery(filters.fiscalYear, filters.opd, page, PAGE_SIZE), placeholderData: keepPreviousData, refetchInterval: 60_000 });
  const total = list.data?.pagination.total ?? 0;
  return (
    <>
      <h1>
        Langkah terlambat {filters.fiscalYear}
        {filters.opd && <span className="sub-title"> · {filters.opd}</span>}
      </h1>
      <MonitoringFilterForm value={filters} opds={opds} onApply={(f) => setFilters(f)} />
      {list.isPending && <p aria-live="polite">Memuat langkah terlambat…</p>}
      {list.isError && <ErrorAlert error={list.error} title="Langkah terlambat tidak dapat dimuat" />}
      {list.data && (
        <>
          <p aria-live="polite">
            {total.toLocaleString('id-ID')} langkah melewati tenggat{filters.opd ? ` di ${filters.opd}` : ''}
            {list.isFetching && !list.isPending ? ' · memperbarui…' : ''}
          </p>
          {total === 0 ? (
            <p className="empty">Tidak ada langkah yang melewati tenggat.</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption>Langkah terbuka yang melewati tenggat, paling lama terlambat lebih dulu</caption>
                <thead>
                  <tr>
                    <th scope="col">Paket</th>
                    <th scope="col">Langkah</th>
                    <th scope="col">Pemilik</th>
                    <th scope="col">Tenggat</th>
                    <th scope="col">Terlambat</th>
                    <th scope="col">Eskalasi</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.data.map((t) => (
                    <tr key={`${t.packageId}|${t.action}`} className="late">
                      <td className="title-cell">
                        <Link to={packageHref(t.packageId)}>{t.title}</Link>
                        <span className="sub">{t.opd}</span>
                      </td>
                      <td>
                        {t.name}
                        <span className="sub">Tahap {t.stageName}</span>
                      </td>
                      <td>
                        <Owners t={t} />
                      </td>
                      <td>{formatWib(t.dueAt)}</td>
                      <td className="nowrap">
                        <strong className="error-text">{howLong(t)}</strong>
                      </td>
                      <td>
                        <Escalations t={t} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager page={page} pageSize={PAGE_SIZE} total={total} label="langkah terlambat" />
        </>
      )}
      <DownloadButtons
        path="/api/dashboard/overdue"
        query={{ fiscalYear: filters.fiscalYear, opd: filters.opd }}
        fileName={`terlambat-${filters.fiscalYear}`}
        what="langkah terlambat"
      />
    </>
  );
}

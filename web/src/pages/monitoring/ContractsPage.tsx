/**
 * Kontrak (/pantau/kontrak?tahun=&opd=&kritis=ya&halaman=): every running contract of the year with planned against
 * actual physical progress; kontrak kritis (SSUK thresholds, from the API's `rules`) first and marked, with the
 * reason in words; each contract's S-curve one click away and a link to its E-Kontrak tab.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { ErrorAlert } from '../../components/list/ErrorAlert';
import { Pager, usePageParam } from '../../components/list/Pager';
import { ContractRow } from '../../components/monitoring/ContractRow';
import { DownloadButtons } from '../../components/monitoring/DownloadButtons';
import { MonitoringFilterForm } from '../../components/monitoring/MonitoringFilterForm';
import { contractsQuery } from '../../components/monitoring/queries';
import { useMonitoringFilters } from '../../components/monitoring/useMonitoringFilters';
import { useYearOpds } from '../../components/monitoring/useYearOpds';
import { formatPercent } from '../../i18n/format';

const PAGE_SIZE = 20;

export default function ContractsPage() {
  const { filters, setFilters, params } = useMonitoringFilters();
  const page = usePageParam();
  const criticalOnly = params.get('kritis') === 'ya';
  const [critical, setCritical] = useState(criticalOnly);
  useEffect(() => setCritical(criticalOnly), [criticalOnly]);
  const id = useId();
  const opds = useYearOpds(filters.fiscalYear);
  const list = useQuery({ ...contractsQuery(filters.fiscalYear, filters.opd, criticalOnly, page, PAGE_SIZE), placeholderData: keepPreviousData });
  const d = list.data;
  const total = d?.pagination.total ?? 0;
  return (
    <>
      <h1>
        Kontrak berjalan {filters.fiscalYear}
        {filters.opd && <span className="sub-title"> · {filters.opd}</span>}
      </h1>
      <MonitoringFilterForm value={filters} opds={opds} onApply={(f) => setFilters(f, { kritis: critical ? 'ya' : '' })}>
        <div className="field check">
          <input id={`${id}-kritis`} type="checkbox" checked={critical} onChange={(e) => setCritical(e.target.checked)} />
          <label htmlFor={`${id}-kritis`} style={{ margin: 0 }}>
            Hanya kontrak kritis
          </label>
        </div>
      </MonitoringFilterForm>
      {list.isPending && <p aria-live="polite">Memuat kontrak…</p>}
      {list.isError && <ErrorAlert error={list.error} title="Kontrak tidak dapat dimuat" />}
      {d && (
        <>
          <p aria-live="polite">
            {d.counts.running.toLocaleString('id-ID')} kontrak berjalan,{' '}
            <strong className={d.counts.critical > 0 ? 'error-text' : undefined}>{d.counts.critical.toLocaleString('id-ID')} kontrak kritis</strong>
            {criticalOnly ? ' (hanya kontrak kritis ditampilkan)' : ''}
            {list.isFetching && !list.isPending ? ' · memperbarui…' : ''}
          </p>
          <details className="card">
            <summary>Kapan kontrak disebut kritis</summary>
            <p>
              Saat rencana kemajuan 0–{formatPercent(d.rules.periodOneUntilPct, 0)}, realisasi tertinggal lebih dari{' '}
              {formatPercent(d.rules.periodOneMaxLagPct, 0)}; saat rencana {formatPercent(d.rules.periodOneUntilPct, 0)}–100%, tertinggal lebih dari{' '}
              {formatPercent(d.rules.periodTwoMaxLagPct, 0)}, atau kurang dari itu tetapi pekerjaan diperkirakan melewati tahun anggaran. Sumber:{' '}
              {d.rules.source}.
            </p>
          </details>
          {total === 0 ? (
            <p className="empty">{criticalOnly ? 'Tidak ada kontrak kritis.' : 'Tidak ada kontrak berjalan pada tahun anggaran ini.'}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption>Kontrak berjalan: kontrak kritis lebih dulu, lalu menurut deviasi; kurva S tiap kontrak dapat dibuka di barisnya</caption>
                <thead>
                  <tr>
                    <th scope="col">Kontrak</th>
                    <th scope="col" className="num">
                      Nilai
                    </th>
                    <th scope="col">Rencana dan realisasi</th>
                    <th scope="col" className="num">
                      Deviasi
                    </th>
                    <th scope="col">Status</th>
                    <th scope="col">Kurva S</th>
                  </tr>
                </thead>
                <tbody>
                  {d.data.map((c) => (
                    <ContractRow key={c.contractPackageId} c={c} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager page={page} pageSize={PAGE_SIZE} total={total} label="kontrak" />
        </>
      )}
      <DownloadButtons
        path="/api/dashboard/contracts"
        query={{ fiscalYear: filters.fiscalYear, opd: filters.opd, ...(criticalOnly ? { critical: 'true' } : {}) }}
        fileName={`kontrak-${filters.fiscalYear}${criticalOnly ? '-kritis' : ''}`}
        what="kontrak berjalan"
      />
    </>
  );
}

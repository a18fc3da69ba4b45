/**
 * Indikasi risiko (/pantau/indikasi-risiko?tahun=&opd=&indikator=&halaman=): the year's red flags counted per OPD and
 * per flag, and the flagged packages with each flag's explanation (its figures) and what triggered it. A flag is a
 * reason to look closer, never a finding; the page says so.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { FLAG_CODES, FLAG_TITLES, type FlagCode } from '../../../../domain/monitoring/red-flags';
import { ErrorAlert } from '../../components/list/ErrorAlert';
import { useMethods } from '../../components/list/PackageFilterForm';
import { Pager, usePageParam } from '../../components/list/Pager';
import { DownloadButtons } from '../../components/monitoring/DownloadButtons';
import { FlaggedPackages } from '../../components/monitoring/FlaggedPackages';
import { MonitoringFilterForm } from '../../components/monitoring/MonitoringFilterForm';
import { redFlagsQuery } from '../../components/monitoring/queries';
import { RedFlagsByOpd } from '../../components/monitoring/RedFlagsByOpd';
import { useMonitoringFilters } from '../../components/monitoring/useMonitoringFilters';
import { useYearOpds } from '../../components/monitoring/useYearOpds';

const PAGE_SIZE = 20;
const isFlag = (v: string | null): v is FlagCode => !!v && (FLAG_CODES as readonly string[]).includes(v);

export default function RedFlagsPage() {
  const { filters, setFilters, params } = useMonitoringFilters();
  const page = usePageParam();
  const raw = params.get('indikator');
  const flag = isFlag(raw) ? raw : null;
  const [chosen, setChosen] = useState<string>(flag ?? '');
  useEffect(() => setChosen(flag ?? ''), [flag]);
  const id = useId();
  const opds = useYearOpds(filters.fiscalYear);
  const methods = useMethods();
  const methodName = (m: string) => methods.data?.find((d) => d.method === m)?.name ?? m;
  const report = useQuery({ ...redFlagsQuery(filters.fiscalYear, filters.opd, flag, page, PAGE_SIZE), placeholderData: keepPreviousData });
  const r = report.data;
  const total = r?.pagination.total ?? 0;
  return (
    <>
      <h1>
        Indikasi risiko {filters.fiscalYear}
        {filters.opd && <span className="sub-title"> · {filters.opd}</span>}
      </h1>
      <p className="muted">Indikasi risiko adalah tanda untuk diperiksa lebih lanjut, bukan kesimpulan adanya pelanggaran.</p>
      <MonitoringFilterForm value={filters} opds={opds} onApply={(f) => setFilters(f, { indikator: chosen })}>
        <div className="field" style={{ gridColumn: 'span 2' }}>
          <label htmlFor={`${id}-flag`}>Indikator</label>
          <select id={`${id}-flag`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">Semua indikator</option>
            {FLAG_CODES.map((c) => (
              <option key={c} value={c}>
                {FLAG_TITLES[c]}
              </option>
            ))}
          </select>
        </div>
      </MonitoringFilterForm>
      {report.isPending && <p aria-live="polite">Memuat indikasi risiko…</p>}
      {report.isError && <ErrorAlert error={report.error} title="Indikasi risiko tidak dapat dimuat" />}
      {r && (
        <>
          <p aria-live="polite">
            {r.flagged.toLocaleString('id-ID')} dari {r.packages.toLocaleString('id-ID')} paket berindikasi
            {flag ? ` "${FLAG_TITLES[flag]}"` : ''}
            {filters.opd ? ` di ${filters.opd}` : ''}
            {report.isFetching && !report.isPending ? ' · memperbarui…' : ''}
          </p>
          <section aria-labelledby="per-opd">
            <h2 id="per-opd">Per OPD</h2>
            <RedFlagsByOpd report={r} />
          </section>
          <section aria-labelledby="paket-berindikasi">
            <h2 id="paket-berindikasi" tabIndex={-1}>
              Paket berindikasi
            </h2>
            {total === 0 ? <p className="empty">Tidak ada paket berindikasi dengan filter ini.</p> : <FlaggedPackages rows={r.data} methodName={methodName} />}
            <Pager page={page} pageSize={PAGE_SIZE} total={total} label="paket berindikasi" />
            <DownloadButtons
              path="/api/dashboard/red-flags"
              query={{ fiscalYear: filters.fiscalYear, opd: filters.opd, flag }}
              fileName={`indikasi-risiko-${filters.fiscalYear}`}
              what="paket berindikasi (satu baris per indikasi)"
            />
          </section>
        </>
      )}
    </>
  );
}

/**
 * Ringkasan tahun anggaran (/pantau/ringkasan?tahun=&opd=): the year's packages and budget absorption for monitors.
 * One API call (GET /api/dashboard/year) answers every figure with the package-list filter behind it, so each figure
 * here is a link to exactly those packages. A failed package and its re-tender are one budget line and cancelled
 * packages are out of absorption (the API counts; the page says how).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/list/ErrorAlert';
import { STATUS_LABELS } from '../../components/list/package-list-types';
import { useMethods } from '../../components/list/PackageFilterForm';
import { AbsorptionByMonth } from '../../components/monitoring/AbsorptionByMonth';
import { AbsorptionByOpd } from '../../components/monitoring/AbsorptionByOpd';
import { CountTable } from '../../components/monitoring/CountTable';
import { MonitoringFilterForm } from '../../components/monitoring/MonitoringFilterForm';
import { yearSummaryQuery } from '../../components/monitoring/queries';
import { useMonitoringFilters } from '../../components/monitoring/useMonitoringFilters';
import { useYearOpds } from '../../components/monitoring/useYearOpds';
import { YearFigures } from '../../components/monitoring/YearFigures';

export default function YearSummaryPage() {
  const { filters, setFilters } = useMonitoringFilters();
  const summary = useQuery({ ...yearSummaryQuery(filters.fiscalYear, filters.opd), placeholderData: keepPreviousData });
  const opds = useYearOpds(filters.fiscalYear);
  const methods = useMethods();
  const methodName = (m: string) => methods.data?.find((d) => d.method === m)?.name ?? m;
  const s = summary.data;
  return (
    <>
      <h1>
        Ringkasan tahun anggaran {filters.fiscalYear}
        {filters.opd && <span className="sub-title"> · {filters.opd}</span>}
      </h1>
      <MonitoringFilterForm value={filters} opds={opds} onApply={(f) => setFilters(f)} />
      {summary.isPending && <p aria-live="polite">Memuat ringkasan…</p>}
      {summary.isError && <ErrorAlert error={summary.error} title="Ringkasan tidak dapat dimuat" />}
      {s && (
        <div aria-busy={summary.isFetching && summary.isPlaceholderData}>
          <YearFigures summary={s} />
          <AbsorptionByOpd summary={s} />
          <AbsorptionByMonth summary={s} />
          <CountTable
            id="per-opd-metode"
            title="Paket per OPD dan metode"
            caption={`Paket per OPD dan metode pemilihan, tahun anggaran ${s.fiscalYear} (paket gagal yang ditender ulang dihitung sekali); angka membuka daftar paketnya`}
            headers={['OPD', 'Metode']}
            rows={s.byOpdMethod.map((r) => ({ key: `${r.opd}|${r.method}`, cells: [r.opd, methodName(r.method)], ...r }))}
            summary={s}
            table="opd-method"
            fileName={`paket-opd-metode-${s.fiscalYear}`}
          />
          <CountTable
            id="per-tahap"
            title="Paket per tahap"
            caption={`Paket per tahap saat ini, tahun anggaran ${s.fiscalYear}; angka membuka daftar paketnya`}
            headers={['Tahap']}
            rows={s.byStage.map((r) => ({ key: r.stageId, cells: [r.stageName], ...r }))}
            summary={s}
            table="stage"
            fileName={`paket-tahap-${s.fiscalYear}`}
          />
          <CountTable
            id="per-status"
            title="Paket per status"
            caption={`Paket per status, tahun anggaran ${s.fiscalYear}; angka membuka daftar paketnya`}
            headers={['Status']}
            rows={s.byStatus.map((r) => ({ key: r.status, cells: [STATUS_LABELS[r.status] ?? r.status], ...r }))}
            summary={s}
            table="status"
            fileName={`paket-status-${s.fiscalYear}`}
          />
        </div>
      )}
    </>
  );
}

/**
 * Daftar paket (/paket): the procurement packages with the API's filters, sortable by column and paged; filters,
 * sort and page are all in the URL (usePackageListParams), so a link reproduces the view. What a user may see is the
 * server's decision (GET /api/packages).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { ErrorAlert } from '../components/list/ErrorAlert';
import { STATUS_LABELS, statusClass } from '../components/list/package-list-types';
import { PackageFilterForm, useMethods } from '../components/list/PackageFilterForm';
import { Pager, usePageParam } from '../components/list/Pager';
import { SortHeader } from '../components/list/SortHeader';
import { usePackageListParams } from '../components/list/usePackageListParams';
import { useSession } from '../auth/session';
import { formatDateWib, formatRupiah, formatWib } from '../i18n/format';
import '../components/list/lists.css';

const PAGE_SIZE = 25;

export default function PackageListPage() {
  const { filters, sort, setFilters, setSort, apiQuery, filtered } = usePackageListParams();
  const page = usePageParam();
  const { hasRole } = useSession();
  const methods = useMethods();
  const methodName = (m: string) => methods.data?.find((d) => d.method === m)?.name ?? m;
  const query = apiQuery(page, PAGE_SIZE);
  const list = useQuery({
    queryKey: ['packages', query],
    queryFn: () => call(api.GET('/api/packages', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.pagination.total ?? 0;
  const head = (label: string, column: string, extra: { firstDescending?: boolean; className?: string } = {}) => (
    <SortHeader label={label} column={column} sort={sort} onSort={setSort} {...extra} />
  );

  return (
    <div className="page">
      <div className="summary-row">
        <h1>Daftar paket</h1>
        {hasRole('ppk') && (
          <Link className="button" to="/paket/baru">
            Buat paket
          </Link>
        )}
      </div>
      <PackageFilterForm value={filters} onApply={setFilters} filtered={filtered} />
      {list.isPending && <p aria-live="polite">Memuat paket…</p>}
      {list.isError && <ErrorAlert error={list.error} title="Daftar paket tidak dapat dimuat" />}
      {list.data && (
        <>
          <p aria-live="polite">
            {total.toLocaleString('id-ID')} paket{filtered ? ' sesuai filter' : ''}
            {list.isFetching && !list.isPending ? ' · memperbarui…' : ''}
          </p>
          {total === 0 ? (
            <p className="empty">Tidak ada paket{filtered ? ' yang sesuai dengan filter ini' : ''}.</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption>Paket pengadaan; pilih judul kolom untuk mengurutkan (Tahap: menurut waktu masuk tahap)</caption>
                <thead>
                  <tr>
                    {head('Nama paket', 'title')}
                    {head('OPD', 'opd')}
                    {head('Metode', 'method')}
                    {head('HPS', 'hps', { firstDescending: true, className: 'num' })}
                    {head('Tahap', 'stage_entered_at', { firstDescending: true })}
                    <th scope="col">Status</th>
                    {head('Dibuat', 'created_at', { firstDescending: true })}
                  </tr>
                </thead>
                <tbody>
                  {list.data.data.map((p) => (
                    <tr key={p.id}>
                      <td className="title-cell">
                        <Link to={`/paket/${encodeURIComponent(p.id)}`}>{p.title}</Link>
                        <span className="sub">
                          TA {p.fiscalYear} · {p.workUnit}
                        </span>
                      </td>
                      <td>{p.opd}</td>
                      <td className="method-cell">{methodName(p.method)}</td>
                      <td className="num nowrap">
                        {formatRupiah(p.hps)}
                        <span className="sub">Pagu {formatRupiah(p.pagu)}</span>
                      </td>
                      <td>
                        {p.stage.name}
                        {p.stage.closesAt && <span className="sub">ditutup {formatWib(p.stage.closesAt)}</span>}
                      </td>
                      <td>
                        <span className={`status ${statusClass(p.status)}`}>{STATUS_LABELS[p.status] ?? p.status}</span>
                      </td>
                      <td>{formatDateWib(p.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager page={page} pageSize={PAGE_SIZE} total={total} label="paket" />
        </>
      )}
    </div>
  );
}

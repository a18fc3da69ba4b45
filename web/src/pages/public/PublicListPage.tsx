/**
 * Cari paket (/publik), no sign-in: every procurement package with its stage and schedule, HPS, the winner and
 * contract value once published, progress and red flags, searched and filtered by text, OPD, method, status and
 * fiscal year. Filters and page live in the URL; one request per page of results (GET /api/public/packages answers
 * everything a row shows), so a year of 100,000 packages pages as fast as ten.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PAGE_PARAM, Pager, usePageParam } from '../../components/list/Pager';
import { ErrorAlert } from '../../components/list/ErrorAlert';
import { PublicFilterForm } from '../../components/public/PublicFilterForm';
import { PublicPackageTable } from '../../components/public/PublicPackageTable';
import { PUBLIC_PAGE_SIZE as PAGE_SIZE, publicListQuery } from '../../components/public/queries';
import { usePublicListParams } from '../../components/public/usePublicListParams';
import '../../components/list/lists.css';

export default function PublicListPage() {
  const { filters, setFilters, apiQuery, filtered } = usePublicListParams();
  const page = usePageParam();
  const query = apiQuery(page, PAGE_SIZE);
  const list = useQuery({ ...publicListQuery(query), placeholderData: keepPreviousData });
  const total = list.data?.pagination.total ?? 0;
  const [params] = useSearchParams();
  const firstPage = () => {
    const next = new URLSearchParams(params);
    next.delete(PAGE_PARAM);
    return `?${next.toString()}`;
  };

  useEffect(() => {
    document.title = 'Cari paket — Portal Publik Pengadaan';
  }, []);

  return (
    <div className="page">
      <h1>Cari paket pengadaan</h1>
      <p className="lead">
        Semua paket pengadaan barang/jasa pemerintah: tahap dan jadwalnya, HPS, pemenang dan nilai kontrak setelah diumumkan, progres, serta indikasi risikonya.
        Tanpa perlu masuk.
      </p>
      <PublicFilterForm value={filters} onApply={setFilters} filtered={filtered} />
      {list.isPending && <p role="status">Memuat paket…</p>}
      {list.isError && <ErrorAlert error={list.error} title="Daftar paket tidak dapat dimuat" />}
      {list.data && (
        <>
          <p aria-live="polite" className="result-count">
            {total.toLocaleString('id-ID')} paket{filtered ? ' sesuai pencarian' : ''}
            {list.isFetching && !list.isPending ? ' · memperbarui…' : ''}
          </p>
          {total === 0 ? (
            <p className="empty">Tidak ada paket{filtered ? ' yang sesuai dengan pencarian ini' : ''}.</p>
          ) : list.data.data.length === 0 ? (
            <p className="empty">
              Halaman {page} melewati akhir daftar. <Link to={firstPage()}>Ke halaman pertama</Link>
            </p>
          ) : (
            <PublicPackageTable rows={list.data.data} />
          )}
          <Pager page={page} pageSize={PAGE_SIZE} total={total} label="paket" />
        </>
      )}
    </div>
  );
}

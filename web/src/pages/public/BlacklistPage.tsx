/**
 * Daftar Hitam (/publik/daftar-hitam): the blacklist decisions running now, as LKPP publishes them nationally
 * (Perpres 16/2018 Pasal 83): firm, NPWP (a person's NIK-based NPWP masked by the server), cause with its article,
 * period in WIB, decision number and the package. From GET /api/public/daftar-hitam, without a token.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/list/ErrorAlert';
import { Pager, usePageParam } from '../../components/list/Pager';
import { call, publicApi } from '../../components/public/public-api';
import { formatDateWib } from '../../i18n/format';
import '../../components/list/lists.css';

const PAGE_SIZE = 50;

/** The last day a sanction runs: its end is exclusive (00.00 WIB of the day after). */
export const lastDayOf = (endsAt: string) => new Date(new Date(endsAt).getTime() - 1);

export default function BlacklistPage() {
  const page = usePageParam();
  const list = useQuery({
    queryKey: ['public', 'daftar-hitam', page],
    queryFn: () => call(publicApi.GET('/api/public/daftar-hitam', { params: { query: { page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    document.title = 'Daftar Hitam — Portal Publik Pengadaan';
  }, []);
  const rows = list.data?.data ?? [];
  return (
    <div className="page">
      <h1>Daftar Hitam</h1>
      <p className="lead">
        Penyedia yang dikenai sanksi daftar hitam oleh PA/KPA dan masih berlaku hari ini. Selama masa berlakunya penyedia tidak dapat mendaftar, memasukkan
        penawaran, atau ditetapkan sebagai pemenang pada paket mana pun (Perpres 16/2018 Pasal 78–79 dan 83).
      </p>
      {list.isPending && (
        <p className="muted" role="status">
          Memuat daftar hitam…
        </p>
      )}
      {list.isError && <ErrorAlert error={list.error} title="Daftar hitam tidak dapat dimuat" />}
      {list.data && !rows.length && <p className="muted">Tidak ada penyedia dalam daftar hitam saat ini.</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="blacklist">
            <caption>Sanksi daftar hitam yang berlaku, terbaru di atas ({list.data!.pagination.total.toLocaleString('id-ID')} penyedia)</caption>
            <thead>
              <tr>
                <th scope="col">Badan usaha</th>
                <th scope="col">NPWP</th>
                <th scope="col">Penyebab</th>
                <th scope="col">Masa berlaku (WIB)</th>
                <th scope="col">Nomor keputusan</th>
                <th scope="col">Paket</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.firmName}</th>
                  <td>{s.npwp ?? '—'}</td>
                  <td>
                    {s.causeTitle}
                    <div className="muted">
                      {s.years} tahun — {s.pasal}
                    </div>
                  </td>
                  <td>
                    {formatDateWib(s.startsAt)} s.d. {formatDateWib(lastDayOf(s.endsAt))}
                  </td>
                  <td>{s.decisionNumber}</td>
                  <td>
                    <Link to={`/publik/paket/${encodeURIComponent(s.packageId)}`}>{s.packageTitle ?? s.packageId}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data && <Pager page={page} pageSize={PAGE_SIZE} total={list.data.pagination.total} label="Halaman daftar hitam" />}
    </div>
  );
}

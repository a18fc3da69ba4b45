/** The inbox's notification box: how many are unread, the newest few, and the way to all of them. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { formatWib } from '../../i18n/format';
import { ErrorAlert } from '../list/ErrorAlert';
import { NOTIFICATION_KINDS } from './types';

export function NotificationSummary() {
  // Under ['notifications', …] so marking one read (NotificationsPage) refreshes this box and the header badge.
  const unread = useQuery({
    queryKey: ['notifications', 'unread-latest'],
    queryFn: () => call(api.GET('/api/notifications', { params: { query: { unread: 'true', pageSize: 3 } } })),
    refetchInterval: 30_000,
  });
  const total = unread.data?.pagination.total ?? 0;
  return (
    <section className="card" aria-labelledby="notif-ringkas">
      <div className="summary-row">
        <h2 id="notif-ringkas" style={{ margin: 0 }}>
          Notifikasi
        </h2>
        <Link to={total > 0 ? '/notifikasi?tampil=belum-dibaca' : '/notifikasi'}>
          {total > 0 ? `Lihat ${total.toLocaleString('id-ID')} yang belum dibaca` : 'Lihat semua notifikasi'}
        </Link>
      </div>
      {unread.isError && <ErrorAlert error={unread.error} title="Notifikasi tidak dapat dimuat" />}
      {unread.data &&
        (total === 0 ? (
          <p className="muted">Tidak ada notifikasi yang belum dibaca.</p>
        ) : (
          <>
            <p>
              <strong>{total.toLocaleString('id-ID')}</strong> belum dibaca. Terbaru:
            </p>
            <ul>
              {unread.data.data.map((n) => (
                <li key={n.id}>
                  <Link to={`/notifikasi?tampil=belum-dibaca#notif-${encodeURIComponent(n.id)}`}>{n.title}</Link>{' '}
                  <span className="muted">
                    ({NOTIFICATION_KINDS[n.kind] ?? n.kind}, {formatWib(n.createdAt)})
                  </span>
                </li>
              ))}
            </ul>
          </>
        ))}
    </section>
  );
}

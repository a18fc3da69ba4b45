/**
 * Notifikasi (/notifikasi): reminders, escalations and daily digests of the signed-in user, newest first, all or only
 * the unread ones (`?tampil=belum-dibaca`), paged in the URL. Opening one marks it read (POST
 * /api/notifications/{id}/read); the header badge and the inbox box refresh (queries under ['notifications']), while
 * this list keeps the opened item in place so it does not vanish from the "belum dibaca" view under the reader.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { NotificationItem } from '../components/inbox/NotificationItem';
import type { AppNotification, NotificationList } from '../api/types';
import { ErrorAlert } from '../components/list/ErrorAlert';
import { Pager, usePageParam } from '../components/list/Pager';
import '../components/list/lists.css';
import '../components/inbox/notifications.css';

const PAGE_SIZE = 20;

export default function NotificationsPage() {
  const [params] = useSearchParams();
  const location = useLocation();
  const unreadOnly = params.get('tampil') === 'belum-dibaca';
  const page = usePageParam();
  const queryClient = useQueryClient();
  const listKey = ['notifications', 'list', unreadOnly, page];
  const list = useQuery({
    queryKey: listKey,
    queryFn: () =>
      call(api.GET('/api/notifications', { params: { query: { page, pageSize: PAGE_SIZE, ...(unreadOnly ? { unread: 'true' as const } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const [open, setOpen] = useState<Set<string>>(new Set());

  const markRead = useMutation({
    mutationFn: (id: string) => call(api.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: ({ id, readAt }) => {
      queryClient.setQueryData<NotificationList>(listKey, (old) => (old ? { ...old, data: old.data.map((n) => (n.id === id ? { ...n, readAt } : n)) } : old));
      void queryClient.invalidateQueries({
        queryKey: ['notifications'],
        predicate: (q) => JSON.stringify(q.queryKey) !== JSON.stringify(listKey),
      });
    },
  });

  const openOne = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
  };
  const toggle = (n: AppNotification) => {
    const next = new Set(open);
    if (next.has(n.id)) next.delete(n.id);
    else {
      next.add(n.id);
      openOne(n);
    }
    setOpen(next);
  };

  // Arriving from the inbox with #notif-{id}: open that one (which marks it read) and bring it into view.
  const hashId = decodeURIComponent(location.hash.replace(/^#notif-/, ''));
  useEffect(() => {
    const n = list.data?.data.find((x) => x.id === hashId);
    if (!n || open.has(n.id)) return;
    setOpen((s) => new Set(s).add(n.id));
    openOne(n);
    document.getElementById(`notif-${n.id}`)?.querySelector('button')?.focus();
    // not on `open`: opening another notification must not run this again
  }, [list.data, hashId]);

  const total = list.data?.pagination.total ?? 0;
  return (
    <div className="page">
      <h1>Notifikasi</h1>
      <div className="summary-row">
        <nav aria-label="Saring notifikasi" className="segmented">
          <Link to="/notifikasi" aria-current={!unreadOnly ? 'page' : undefined}>
            Semua
          </Link>
          <Link to="/notifikasi?tampil=belum-dibaca" aria-current={unreadOnly ? 'page' : undefined}>
            Belum dibaca
          </Link>
        </nav>
        {list.data && (
          <p aria-live="polite" style={{ margin: 0 }}>
            {total.toLocaleString('id-ID')} notifikasi{unreadOnly ? ' belum dibaca' : ''}
          </p>
        )}
      </div>
      {markRead.isError && <ErrorAlert error={markRead.error} title="Notifikasi tidak dapat ditandai sudah dibaca" />}
      {list.isPending && <p aria-live="polite">Memuat notifikasi…</p>}
      {list.isError && <ErrorAlert error={list.error} title="Notifikasi tidak dapat dimuat" />}
      {list.data &&
        (list.data.data.length === 0 ? (
          <p className="empty">{unreadOnly ? 'Semua notifikasi sudah dibaca.' : 'Belum ada notifikasi.'}</p>
        ) : (
          <>
            <p className="help">Buka notifikasi untuk membaca isinya; notifikasi yang dibuka ditandai sudah dibaca.</p>
            <ul className="notif-list" aria-label="Daftar notifikasi">
              {list.data.data.map((n) => (
                <NotificationItem key={n.id} n={n} open={open.has(n.id)} onToggle={() => toggle(n)} onFollow={() => openOne(n)} />
              ))}
            </ul>
            <Pager page={page} pageSize={PAGE_SIZE} total={total} label="notifikasi" />
          </>
        ))}
    </div>
  );
}

/**
 * Tugas saya (/tugas): every open step the signed-in user may take, across packages, soonest due first (GET
 * /api/tasks decides whose steps they are from the token), 50 per page with the page in the URL, and the
 * notifications box. Each step links to its form on the package page (`#aksi-{step}`).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { INBOX_PAGE_SIZE, tasksQuery } from '../api/queries';
import { NotificationSummary } from '../components/inbox/NotificationSummary';
import { TaskTable } from '../components/inbox/TaskTable';
import { ErrorAlert } from '../components/list/ErrorAlert';
import { Pager, usePageParam } from '../components/list/Pager';
import { useNow } from '../components/list/useNow';
import '../components/list/lists.css';

const PAGE_SIZE = INBOX_PAGE_SIZE;

export default function InboxPage() {
  const page = usePageParam();
  const now = useNow();
  const tasks = useQuery({
    ...tasksQuery(page),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const total = tasks.data?.pagination.total ?? 0;
  const lateHere = tasks.data?.data.filter((t) => t.dueAt && Date.parse(t.dueAt) < now).length ?? 0;
  return (
    <div className="page">
      <h1>Tugas saya</h1>
      <NotificationSummary />
      <section aria-labelledby="langkah-terbuka">
        <h2 id="langkah-terbuka">Langkah yang menunggu Anda</h2>
        {tasks.isPending && <p aria-live="polite">Memuat tugas…</p>}
        {tasks.isError && <ErrorAlert error={tasks.error} title="Tugas tidak dapat dimuat" />}
        {tasks.data &&
          (total === 0 ? (
            <p className="empty">Tidak ada langkah yang menunggu Anda saat ini.</p>
          ) : (
            <>
              <p aria-live="polite">
                {total.toLocaleString('id-ID')} langkah terbuka
                {lateHere > 0 && (
                  <>
                    {' · '}
                    <strong className="error-text">{lateHere} terlambat</strong> di halaman ini
                  </>
                )}
                .
              </p>
              <TaskTable tasks={tasks.data.data} now={now} caption="Langkah terbuka, tenggat terdekat lebih dulu" />
              <Pager page={page} pageSize={PAGE_SIZE} total={total} label="tugas" />
            </>
          ))}
      </section>
    </div>
  );
}

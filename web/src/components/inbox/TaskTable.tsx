/**
 * The open steps of the signed-in user, soonest due first (the API's order): package, stage, step, due time in WIB,
 * time left. An overdue step says so in words ("Terlambat"), not only by its colour.
 */
import { Link } from 'react-router';
import { formatTimeLeft, formatWib } from '../../i18n/format';
import type { InboxTask } from '../../api/types';
import { stepLink } from './types';

export function TaskTable({ tasks, now, caption }: { tasks: InboxTask[]; now: number; caption: string }) {
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Langkah</th>
            <th scope="col">Paket</th>
            <th scope="col">Tahap</th>
            <th scope="col">Tenggat</th>
            <th scope="col">Sisa waktu</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((t) => {
            const left = formatTimeLeft(t.dueAt, now);
            return (
              <tr key={`${t.packageId}/${t.action}`} className={left.overdue ? 'late' : undefined}>
                <td>
                  <Link to={stepLink(t)}>{t.name}</Link>
                  {t.parentPackageId && <span className="sub">E-Kontrak</span>}
                </td>
                <td>
                  {t.packageTitle}
                  <span className="sub">{t.opd}</span>
                </td>
                <td>{t.stageName}</td>
                <td>{t.dueAt ? formatWib(t.dueAt) : <span className="muted">Tanpa tenggat</span>}</td>
                <td>
                  {left.overdue ? (
                    <>
                      <span className="status overdue">Terlambat</span>
                      <span className="sub">{left.text}</span>
                    </>
                  ) : (
                    left.text
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

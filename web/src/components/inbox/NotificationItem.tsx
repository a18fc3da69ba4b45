/**
 * One notification as a disclosure: the title is a button (keyboard and screen reader friendly, aria-expanded);
 * opening it shows the text, the due time and the link to its package, and marks it read.
 */
import { Link } from 'react-router';
import { formatWib } from '../../i18n/format';
import type { AppNotification } from '../../api/types';
import { NOTIFICATION_KINDS } from './types';

export function NotificationItem({
  n,
  open,
  onToggle,
  onFollow,
}: {
  n: AppNotification;
  open: boolean;
  onToggle: () => void;
  /** Following the package link also counts as opening it. */
  onFollow: () => void;
}) {
  const unread = !n.readAt;
  const bodyId = `notif-isi-${n.id}`;
  return (
    <li id={`notif-${n.id}`} className={`notif${unread ? ' unread' : ''}`}>
      <h2 className="notif-title">
        <button type="button" className="notif-toggle" aria-expanded={open} aria-controls={bodyId} onClick={onToggle}>
          <span className="notif-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          <span>
            {n.title}
            <span className="sub">
              {NOTIFICATION_KINDS[n.kind] ?? n.kind} · {formatWib(n.createdAt)}
            </span>
          </span>
          {unread ? <span className="status warn">Belum dibaca</span> : <span className="status">Sudah dibaca</span>}
        </button>
      </h2>
      <div id={bodyId} className="notif-body" hidden={!open}>
        <p className="notif-text">{n.body}</p>
        {n.dueAt && (
          <p>
            <strong>Tenggat:</strong> {formatWib(n.dueAt)}
          </p>
        )}
        {n.packageId && (
          <p>
            <Link to={`/paket/${encodeURIComponent(n.packageId)}`} onClick={onFollow}>
              Buka paket
            </Link>
          </p>
        )}
      </div>
    </li>
  );
}

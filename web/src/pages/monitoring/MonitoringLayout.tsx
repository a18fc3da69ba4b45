/**
 * The frame of /pantau/*: the sub-navigation and the page, for the monitoring roles only. Anyone else gets a clear
 * refusal here without asking the API (which would refuse with 403 anyway); the link to these pages is not in their
 * navigation either (Layout.tsx).
 */
import { Link, Outlet } from 'react-router';
import { useSession } from '../../auth/session';
import { MonitoringNav } from '../../components/monitoring/MonitoringNav';
import { MONITOR_ROLES, MONITOR_ROLES_TEXT } from '../../components/monitoring/roles';
import '../../components/list/lists.css';
import '../../components/monitoring/monitoring.css';

export default function MonitoringLayout() {
  const { hasRole } = useSession();
  if (!hasRole(...MONITOR_ROLES)) {
    return (
      <div className="page">
        <h1>Pemantauan</h1>
        <div className="alert" role="alert">
          <strong>Anda tidak berwenang membuka halaman pemantauan.</strong>
          <div>Halaman pemantauan hanya untuk {MONITOR_ROLES_TEXT}.</div>
        </div>
        <p>
          <Link to="/tugas">Kembali ke Tugas saya</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page monitoring">
      <MonitoringNav />
      <Outlet />
    </div>
  );
}

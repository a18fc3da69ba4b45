/**
 * The frame of every signed-in page: a skip link, the header with the user's name and roles, the navigation the
 * user's roles need, and the page in <main>. Navigation is plain links, so it works with the keyboard and the
 * browser's back button.
 */
import { useQuery } from '@tanstack/react-query';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { api, call } from '../api/client';
import { useSession } from '../auth/session';
import { rolesLabel } from '../i18n/roles';
import { MONITOR_ROLES } from '../components/monitoring/roles';

const OFFICER = ['ppk', 'pokja', 'pejabat_pengadaan', 'pa_kpa', 'kepala_ukpbj', 'auditor', 'admin'];

export function Layout() {
  const { session, signOut, hasRole } = useSession();
  const navigate = useNavigate();
  const unread = useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => call(api.GET('/api/notifications', { params: { query: { unread: 'true', pageSize: 1 } } })),
    refetchInterval: 30_000,
  });
  const unreadCount = unread.data?.pagination.total ?? 0;
  return (
    <>
      <a className="skip-link" href="#konten">
        Lewati ke konten
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <span>Pengadaan</span>
        </div>
        <nav aria-label="Navigasi utama">
          <ul className="nav">
            <li>
              <NavLink to="/tugas">Tugas saya</NavLink>
            </li>
            {hasRole(...OFFICER) && (
              <li>
                <NavLink to="/paket" end>
                  Daftar paket
                </NavLink>
              </li>
            )}
            {hasRole('ppk') && (
              <li>
                <NavLink to="/paket/baru">Buat paket</NavLink>
              </li>
            )}
            {hasRole(...MONITOR_ROLES) && (
              <li>
                <NavLink to="/pantau">Pemantauan</NavLink>
              </li>
            )}
            {hasRole('auditor') && (
              <li>
                <NavLink to="/pengaduan">Pengaduan</NavLink>
              </li>
            )}
            {hasRole('pa_kpa', 'auditor', 'admin') && (
              <li>
                <NavLink to="/sanksi">Sanksi</NavLink>
              </li>
            )}
            {hasRole('penyedia') && (
              <>
                <li>
                  <NavLink to="/tender">Tender terbuka</NavLink>
                </li>
                <li>
                  <NavLink to="/penawaran">Penawaran saya</NavLink>
                </li>
              </>
            )}
            <li>
              <NavLink to="/notifikasi">
                Notifikasi
                {unreadCount > 0 && (
                  <span className="badge" aria-label={`${unreadCount} belum dibaca`}>
                    {unreadCount}
                  </span>
                )}
              </NavLink>
            </li>
          </ul>
        </nav>
        <div className="user">
          <span>
            <strong>{session?.user.name}</strong>
            <br />
            <small>{rolesLabel(session?.user.roles ?? [])}</small>
          </span>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              signOut();
              void navigate('/masuk');
            }}
          >
            Keluar
          </button>
        </div>
      </header>
      <main id="konten" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

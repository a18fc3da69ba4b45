/**
 * The frame of the public portal (/publik/*): no sign-in, no token (components/public/public-api.ts), a skip link,
 * the portal's header and navigation, a "Masuk" link for officers and vendors, and a footer naming the licence and
 * the publisher of the open data. Exported for every public page (the audit verification page uses it too), as a
 * route element with an <Outlet /> or around children.
 */
import type { ReactNode } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { readSession } from '../auth/token-store';
import { FooterNotice } from '../components/public/OpenDataNotice';
import '../components/public/public.css';

export function PublicLayout({ children }: { children?: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#konten">
        Lewati ke konten
      </a>
      <header className="app-header public-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <Link to="/publik">Pengadaan — Portal Publik</Link>
        </div>
        <nav aria-label="Navigasi portal publik">
          <ul className="nav">
            <li>
              <NavLink to="/publik" end>
                Cari paket
              </NavLink>
            </li>
            <li>
              <NavLink to="/publik/verifikasi">Verifikasi jejak audit</NavLink>
            </li>
            <li>
              <NavLink to="/publik/daftar-hitam">Daftar hitam</NavLink>
            </li>
            <li>
              <NavLink to="/publik/data-terbuka">Data terbuka</NavLink>
            </li>
          </ul>
        </nav>
        <div className="user">
          {/* Signed in already (an officer looking at the public view): back to the console instead. */}
          {readSession() ? (
            <Link className="button secondary-on-dark" to="/tugas">
              Kembali ke konsol
            </Link>
          ) : (
            <Link className="button secondary-on-dark" to="/masuk">
              Masuk
            </Link>
          )}
        </div>
      </header>
      <main id="konten" tabIndex={-1}>
        {children ?? <Outlet />}
      </main>
      <footer className="public-footer">
        <FooterNotice />
      </footer>
    </>
  );
}

/** The sub-navigation between the four monitoring pages: plain links that keep the year and OPD filters. */
import { NavLink, useSearchParams } from 'react-router';

const PAGES = [
  { to: '/pantau/ringkasan', label: 'Ringkasan tahun anggaran' },
  { to: '/pantau/terlambat', label: 'Terlambat' },
  { to: '/pantau/kontrak', label: 'Kontrak' },
  { to: '/pantau/indikasi-risiko', label: 'Indikasi risiko' },
];

/** Filters shared by every page; the rest (page number, a page's own filter) belongs to one page only. */
const SHARED = ['tahun', 'opd'];

export function MonitoringNav() {
  const [params] = useSearchParams();
  const keep = new URLSearchParams();
  for (const k of SHARED) {
    const v = params.get(k);
    if (v) keep.set(k, v);
  }
  const search = keep.toString() ? `?${keep.toString()}` : '';
  return (
    <nav className="tabs monitoring-tabs" aria-label="Halaman pemantauan">
      {PAGES.map((p) => (
        <NavLink key={p.to} to={`${p.to}${search}`}>
          {p.label}
        </NavLink>
      ))}
    </nav>
  );
}

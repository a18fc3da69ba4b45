/**
 * Page links for a paged list: plain links (the page is in the URL), so back/forward and a shared link keep the page.
 */
import { Link, useSearchParams } from 'react-router';

export const PAGE_PARAM = 'halaman';

/** The current page from the URL (1 when absent or not a positive whole number). */
export function usePageParam(): number {
  const [params] = useSearchParams();
  const n = Number(params.get(PAGE_PARAM));
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

export function Pager({ page, pageSize, total, label }: { page: number; pageSize: number; total: number; label: string }) {
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize && page === 1) return null;
  const to = (p: number) => {
    const next = new URLSearchParams(params);
    if (p === 1) next.delete(PAGE_PARAM);
    else next.set(PAGE_PARAM, String(p));
    const s = next.toString();
    return s ? `?${s}` : '?';
  };
  const from = (page - 1) * pageSize + 1;
  const until = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label={`Halaman ${label}`}>
      <span>
        {total === 0 ? 'Tidak ada data' : `${from.toLocaleString('id-ID')}–${until.toLocaleString('id-ID')} dari ${total.toLocaleString('id-ID')}`}
        {' · '}halaman {page} dari {pages}
      </span>
      <span className="pager-links">
        {page > 1 ? (
          <Link to={to(1)}>« Pertama</Link>
        ) : (
          <span aria-hidden="true" className="muted">
            « Pertama
          </span>
        )}
        {page > 1 ? (
          <Link to={to(page - 1)} rel="prev">
            ‹ Sebelumnya
          </Link>
        ) : (
          <span aria-hidden="true" className="muted">
            ‹ Sebelumnya
          </span>
        )}
        {page < pages ? (
          <Link to={to(page + 1)} rel="next">
            Berikutnya ›
          </Link>
        ) : (
          <span aria-hidden="true" className="muted">
            Berikutnya ›
          </span>
        )}
        {page < pages ? (
          <Link to={to(pages)}>Terakhir »</Link>
        ) : (
          <span aria-hidden="true" className="muted">
            Terakhir »
          </span>
        )}
      </span>
    </nav>
  );
}

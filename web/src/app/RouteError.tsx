import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { ApiFailure } from '../api/client';
import { describeError } from '../i18n/errors';

/** A page that failed to load or render: say what happened in Indonesian, offer the way back. */
export function RouteError() {
  const err = useRouteError();
  let title = 'Terjadi kesalahan';
  let message = 'Halaman ini tidak dapat ditampilkan. Muat ulang halaman atau kembali ke Tugas saya.';
  if (err instanceof ApiFailure) ({ title, message } = describeError(err.error));
  else if (isRouteErrorResponse(err) && err.status === 404) title = 'Halaman tidak ditemukan';
  return (
    <main id="konten" className="page">
      <h1>{title}</h1>
      {message && <p>{message}</p>}
      <p>
        <Link to="/tugas">Kembali ke Tugas saya</Link>
      </p>
    </main>
  );
}

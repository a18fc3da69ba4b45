/**
 * Masuk (/masuk). GET /api/auth/config says how: with the development issuer, "Masuk sebagai" lists the demo users
 * and one click signs in as one of them; with an OpenID Connect provider, one button goes to the provider (code flow
 * with PKCE, auth/oidc.ts). Afterwards the user lands on `?kembali=` (a path of this console only) or /tugas. The
 * token goes to sessionStorage and is never shown.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import type { OidcConfig } from '../auth/oidc';
import { useSession } from '../auth/session';
import { writeSession } from '../auth/token-store';
import { ErrorAlert } from '../components/list/ErrorAlert';
import { rolesLabel } from '../i18n/roles';
import './SignInPage.css';

/** Only a path inside the console: `//evil.example` or `https://…` would send a fresh session elsewhere. */
export function safeReturnPath(raw: string | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || raw.startsWith('/masuk')) return '/tugas';
  return raw;
}

export default function SignInPage() {
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('kembali'));
  const { session } = useSession();
  const config = useQuery({
    queryKey: ['auth-config'],
    queryFn: () => call(api.GET('/api/auth/config')),
    staleTime: Infinity,
  });

  return (
    <main id="konten" className="signin">
      <div className="signin-box">
        <p className="signin-brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>{' '}
          Pengadaan · LPSE
        </p>
        <h1>Masuk</h1>
        {session && (
          <p className="alert info">
            Anda sedang masuk sebagai <strong>{session.user.name}</strong>. Memilih akun lain akan menggantikan sesi ini.
          </p>
        )}
        {config.isPending && <p aria-live="polite">Memuat cara masuk…</p>}
        {config.isError && <ErrorAlert error={config.error} title="Cara masuk tidak dapat dimuat" />}
        {config.data?.mode === 'development' && <DevSignIn returnTo={returnTo} />}
        {config.data?.mode === 'oidc' && <OidcSignIn cfg={config.data} returnTo={returnTo} />}
      </div>
    </main>
  );
}

function DevSignIn({ returnTo }: { returnTo: string }) {
  const navigate = useNavigate();
  const users = useQuery({
    queryKey: ['auth-dev-users'],
    queryFn: async () => (await call(api.GET('/api/auth/dev/users'))).data,
  });
  const signIn = useMutation({
    mutationFn: (userId: string) => call(api.POST('/api/auth/dev/token', { body: { userId } })),
    onSuccess: (t) => {
      writeSession({ mode: 'development', accessToken: t.accessToken, expiresAt: t.expiresAt, user: t.user });
      void navigate(returnTo, { replace: true });
    },
  });
  return (
    <section aria-labelledby="masuk-sebagai">
      <h2 id="masuk-sebagai">Masuk sebagai</h2>
      <p className="help">Lingkungan pengembangan: pilih pengguna demo. Di lingkungan produksi, masuk memakai akun instansi (OpenID Connect).</p>
      {signIn.isError && <ErrorAlert error={signIn.error} title="Gagal masuk" />}
      {users.isPending && <p aria-live="polite">Memuat pengguna demo…</p>}
      {users.isError && <ErrorAlert error={users.error} title="Daftar pengguna demo tidak dapat dimuat" />}
      {users.data && (
        <ul className="user-list">
          {users.data.map((u) => (
            <li key={u.id}>
              <button
                type="button"
                className="user-choice"
                disabled={signIn.isPending}
                aria-busy={signIn.isPending && signIn.variables === u.id}
                onClick={() => signIn.mutate(u.id)}
              >
                <span className="user-name">{u.name}</span>
                <span className="user-meta">
                  {rolesLabel(u.roles)} · {u.orgName ?? u.org}
                </span>
                {signIn.isPending && signIn.variables === u.id && <span className="user-meta">Sedang masuk…</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OidcSignIn({ cfg, returnTo }: { cfg: OidcConfig; returnTo: string }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      // Loaded only here: the development sign-in and every other page do without the OIDC library.
      const { startOidcSignIn } = await import('../auth/oidc');
      await startOidcSignIn(cfg, returnTo); // leaves the page for the provider
    } catch (e) {
      setBusy(false);
      setError(e);
    }
  };
  return (
    <section aria-label="Masuk dengan akun instansi">
      <p>Masuk memakai akun instansi Anda. Anda akan diarahkan ke penyedia identitas lalu kembali ke sini.</p>
      {error !== null && <ErrorAlert error={error} title="Tidak dapat membuka halaman masuk instansi" />}
      <button type="button" onClick={() => void start()} disabled={busy}>
        {busy ? 'Mengarahkan…' : 'Masuk dengan akun instansi'}
      </button>
    </section>
  );
}

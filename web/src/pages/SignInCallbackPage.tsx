/**
 * /masuk/callback: the OpenID Connect provider sends the user back here with a code; oidc-client-ts exchanges it
 * (with the PKCE verifier it kept) for tokens, the session is written, and the user goes where they were headed.
 */
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { writeSession } from '../auth/token-store';
import './SignInPage.css';

/** One exchange per page load: the code is single-use, and StrictMode runs effects twice in development. */
let exchange: Promise<{ returnTo: string }> | null = null;
function completeOnce() {
  exchange ??= import('../auth/oidc').then(async ({ completeOidcSignIn }) => {
    const { session, returnTo } = await completeOidcSignIn();
    writeSession(session);
    return { returnTo };
  });
  return exchange;
}

export default function SignInCallbackPage() {
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    completeOnce().then(
      ({ returnTo }) => live && void navigate(returnTo, { replace: true }),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [navigate]);
  return (
    <main id="konten" className="signin">
      <div className="signin-box">
        <h1>{failed ? 'Gagal masuk' : 'Menyelesaikan masuk…'}</h1>
        {failed ? (
          <div className="alert" role="alert">
            <p>Jawaban dari penyedia identitas tidak dapat diproses (kedaluwarsa, sudah dipakai, atau dibatalkan). Tidak ada sesi yang dibuat.</p>
            <p>
              <Link to="/masuk">Coba masuk lagi</Link>
            </p>
          </div>
        ) : (
          <p aria-live="polite">Mohon tunggu, sesi Anda sedang disiapkan.</p>
        )}
      </div>
    </main>
  );
}

/**
 * The package's published documents: a plain link per document (public, no token: it works from any browser, and it
 * is the same URL the OCDS data gives), its SHA-256, and "Periksa SHA-256", which downloads the file here and hashes
 * it with WebCrypto, so a reader need not trust the page's own claim that the file is the one recorded.
 */
import { useState } from 'react';
import { ApiFailure } from '../../api/client';
import { describeError } from '../../i18n/errors';
import { formatWib } from '../../i18n/format';
import { fetchPublic } from './public-api';
import { canHash, sha256Hex } from './sha256';
import type { PublicDocument } from './types';

const kb = (n: number) => `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(n / 1024)} KB`;

type Check = { state: 'busy' } | { state: 'match' | 'mismatch'; computed: string } | { state: 'error'; message: string };

function CheckResult({ check }: { check: Check | undefined }) {
  if (!check) return null;
  if (check.state === 'busy') return <span className="muted">Menghitung…</span>;
  if (check.state === 'error') return <span className="error-text">{check.message}</span>;
  return (
    <span>
      <span className={`status ${check.state === 'match' ? 'ok' : 'bad'}`}>{check.state === 'match' ? 'Cocok' : 'Tidak cocok'}</span>
      <span className="sub">
        Dihitung di peramban: <code className="hash">{check.computed}</code>
      </span>
    </span>
  );
}

export function PublicDocuments({ docs }: { docs: PublicDocument[] }) {
  const [checks, setChecks] = useState<Record<string, Check>>({});
  if (!docs.length) return <p className="muted">Belum ada dokumen yang diumumkan.</p>;
  const verify = async (d: PublicDocument) => {
    setChecks((c) => ({ ...c, [d.id]: { state: 'busy' } }));
    try {
      const computed = await sha256Hex(await (await fetchPublic(d.downloadUrl)).arrayBuffer());
      setChecks((c) => ({ ...c, [d.id]: { state: computed === d.sha256.toLowerCase() ? 'match' : 'mismatch', computed } }));
    } catch (e) {
      const m = e instanceof ApiFailure ? describeError(e.error).title : 'Berkas tidak dapat diunduh.';
      setChecks((c) => ({ ...c, [d.id]: { state: 'error', message: m } }));
    }
  };
  return (
    <div className="table-scroll">
      <table className="public-docs">
        <caption>Dokumen yang diumumkan, dengan hash SHA-256 yang tercatat saat dokumen dibuat</caption>
        <thead>
          <tr>
            <th scope="col">Dokumen</th>
            <th scope="col">Dibuat (WIB)</th>
            <th scope="col">SHA-256</th>
            <th scope="col">Unduh dan periksa</th>
          </tr>
        </thead>
        <tbody>
          {docs.map((d) => (
            <tr key={d.id} data-doc-id={d.id}>
              <td>
                {d.title}
                <span className="sub">
                  {d.fileName}, {kb(d.size)}
                </span>
              </td>
              <td>{formatWib(d.createdAt)}</td>
              <td>
                <code className="hash" data-sha256>
                  {d.sha256}
                </code>
              </td>
              <td className="doc-actions">
                <a href={d.downloadUrl} download={d.fileName} aria-label={`Unduh PDF ${d.title}`}>
                  Unduh PDF
                </a>
                {canHash() && (
                  <button type="button" className="secondary small" aria-label={`Periksa SHA-256 ${d.title}`} onClick={() => void verify(d)}>
                    Periksa SHA-256
                  </button>
                )}
                <span aria-live="polite">
                  <CheckResult check={checks[d.id]} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The package's generated documents with their SHA-256, each downloadable (downloadFile: fetched with the session's
 * token and handed to the browser as an object URL, so no token ever appears in a link).
 */
import { useState } from 'react';
import { ApiFailure, downloadFile } from '../../api/client';
import { describeError } from '../../i18n/errors';
import { formatWib } from '../../i18n/format';
import type { DocumentItem } from './types';

const kb = (n: number) => `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(n / 1024)} KB`;

export function Documents({ docs }: { docs: DocumentItem[] }) {
  const [error, setError] = useState<string | null>(null);
  if (!docs.length) return <p className="muted">Belum ada dokumen.</p>;
  return (
    <>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Dokumen paket dengan hash SHA-256</caption>
          <thead>
            <tr>
              <th scope="col">Dokumen</th>
              <th scope="col">Dibuat (WIB)</th>
              <th scope="col">SHA-256</th>
              <th scope="col">Unduh</th>
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.title}
                  <br />
                  <small className="muted">
                    {d.fileName}, revisi {d.revision}, {kb(d.size)}
                  </small>
                </td>
                <td>{formatWib(d.createdAt)}</td>
                <td>
                  <code className="hash">{d.sha256}</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Unduh ${d.title}`}
                    onClick={() => {
                      setError(null);
                      downloadFile(d.downloadUrl, d.fileName).catch((e: unknown) => {
                        const m = e instanceof ApiFailure ? describeError(e.error) : { title: 'Unduhan gagal', message: '' };
                        setError(`${m.title}${m.message ? `: ${m.message}` : ''}`);
                      });
                    }}
                  >
                    Unduh
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

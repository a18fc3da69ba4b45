import { useState } from 'react';
import { downloadFile } from '../../../api/client';
import { formatWib } from '../../../i18n/format';
import { Refusal } from '../../vendor/parts/Refusal';
import { formatSize } from './labels';
import type { ContractDocument } from './types';

/** The contract's documents, each with its SHA-256 (what a signature binds to) and a download. */
export function Documents({ documents }: { documents: ContractDocument[] }) {
  const [error, setError] = useState<unknown>(null);
  if (documents.length === 0) return <p className="muted">Belum ada dokumen.</p>;
  return (
    <>
      {error ? <Refusal error={error} what="Dokumen tidak dapat diunduh" /> : null}
      <table>
        <caption className="visually-hidden">Dokumen kontrak dengan hash SHA-256</caption>
        <thead>
          <tr>
            <th scope="col">Dokumen</th>
            <th scope="col">Revisi</th>
            <th scope="col">Dibuat</th>
            <th scope="col">SHA-256</th>
            <th scope="col">Unduh</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.id}>
              <td>
                {d.title}
                <br />
                <small className="muted">
                  {d.fileName} · {formatSize(d.size)}
                </small>
              </td>
              <td>{d.revision}</td>
              <td>{formatWib(d.createdAt)}</td>
              <td>
                <code className="hash">{d.sha256}</code>
              </td>
              <td>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    setError(null);
                    downloadFile(d.downloadUrl, d.fileName).catch(setError);
                  }}
                >
                  Unduh
                  <span className="visually-hidden">
                    {' '}
                    {d.title} revisi {d.revision}
                  </span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

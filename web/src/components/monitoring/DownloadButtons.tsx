/**
 * "Unduh CSV" / "Unduh XLSX" for one monitoring table: the same endpoint and filters as the table on screen, with
 * `format=csv|xlsx` (the API then answers every row, not one page). The file needs the session's token, so it is
 * fetched here and saved from a Blob (downloadFile); no token ever sits in a link.
 */
import { useState } from 'react';
import { downloadFile } from '../../api/client';
import { ErrorAlert } from '../list/ErrorAlert';

type Query = Record<string, string | number | boolean | undefined | null>;

export function exportUrl(path: string, query: Query, format: 'csv' | 'xlsx'): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '' && k !== 'page' && k !== 'pageSize') q.set(k, String(v));
  q.set('format', format);
  return `${path}?${q.toString()}`;
}

export function DownloadButtons({ path, query, fileName, what }: { path: string; query: Query; fileName: string; what: string }) {
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const download = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setFailure(null);
    try {
      await downloadFile(exportUrl(path, query, format), `${fileName}.${format}`);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="downloads">
      <span className="help">Semua baris dengan filter ini:</span>
      <button type="button" className="secondary" aria-label={`Unduh CSV: ${what}`} onClick={() => void download('csv')} disabled={busy !== null}>
        {busy === 'csv' ? 'Mengunduh CSV…' : 'Unduh CSV'}
      </button>
      <button type="button" className="secondary" aria-label={`Unduh XLSX: ${what}`} onClick={() => void download('xlsx')} disabled={busy !== null}>
        {busy === 'xlsx' ? 'Mengunduh XLSX…' : 'Unduh XLSX'}
      </button>
      {failure !== null && <ErrorAlert error={failure} title="Berkas tidak dapat diunduh" />}
    </div>
  );
}

/**
 * A failed tender (tender/seleksi gagal, Perpres 16/2018 jo. 12/2021 Pasal 51): the cause declared (its letter and
 * text, the citation), the reason given, who declared it and when, and the follow-up chosen (re-evaluation,
 * re-submission, re-tender as a new package, …), read from data.failure (domain/selection/failure.ts); earlier
 * declarations of the same package (data.failureHistory) are listed when there were several.
 */
import { Link } from 'react-router';
import { FOLLOW_UP_NAMES, type FailureRecord } from '../../../../domain/selection/failure';
import { formatWib } from '../../i18n/format';
import './panels.css';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is FailureRecord =>
  typeof v === 'object' && v !== null && typeof (v as Json).letter === 'string' && typeof (v as Json).cause === 'string';
const followUpName = (f: string) => (FOLLOW_UP_NAMES as Record<string, string>)[f] ?? f;
const letterOf = (l: string) => (l.startsWith('pq_') ? `prakualifikasi ${l.slice(3)}` : l);
const declarer = (r: FailureRecord) => (r.declaredBy === 'pa_kpa' ? 'PA/KPA' : 'Pokja Pemilihan');

export function FailurePanel({ data }: { data: Json }) {
  const f = data.failure;
  if (!isRecord(f)) return null;
  // A re-tender (or Penunjukan Langsung) is a new linked package the startFollowUpPackage service wrote to data.followUp.
  const next = (data.followUp as { packageId?: unknown } | undefined)?.packageId;
  const retenderId = typeof next === 'string' ? next : undefined;
  const history = Array.isArray(data.failureHistory) ? data.failureHistory.filter(isRecord) : [];
  return (
    <section aria-labelledby="tender-gagal" className="card failure">
      <h2 id="tender-gagal">Pemilihan dinyatakan gagal</h2>
      <dl className="facts">
        <dt>Penyebab</dt>
        <dd>
          <strong>Huruf {letterOf(f.letter)}</strong>: {f.cause}
        </dd>
        <dt>Dasar</dt>
        <dd>{f.citation}</dd>
        <dt>Alasan</dt>
        <dd>{f.reason || '—'}</dd>
        <dt>Dinyatakan oleh</dt>
        <dd>
          {declarer(f)} ({f.by}) pada {formatWib(new Date(f.at).toISOString())}
        </dd>
        <dt>Tindak lanjut</dt>
        <dd>
          <strong>{followUpName(f.followUp)}</strong>
          {retenderId && (
            <>
              {' '}
              — paket lanjutan <Link to={`/paket/${encodeURIComponent(retenderId)}`}>{retenderId}</Link>
            </>
          )}
        </dd>
      </dl>
      {history.length > 1 && (
        <table>
          <caption>Pernyataan gagal sebelumnya pada paket ini</caption>
          <thead>
            <tr>
              <th scope="col">Waktu (WIB)</th>
              <th scope="col">Penyebab</th>
              <th scope="col">Tindak lanjut</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={`${h.at}-${h.letter}`}>
                <td>{formatWib(new Date(h.at).toISOString())}</td>
                <td>
                  Huruf {letterOf(h.letter)}: {h.cause}
                </td>
                <td>{followUpName(h.followUp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

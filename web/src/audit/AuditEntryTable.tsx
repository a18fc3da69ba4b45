/** The verified entries of one package, one row each with what was recomputed and the result. */
import { formatWib } from '../i18n/format';
import { roleLabel } from '../i18n/roles';
import { eventLabel } from '../pages/package/labels';
import { shortHash, STATUS_LABELS } from './labels';
import type { EntryResult } from './verify';

export function AuditEntryTable(p: { packageId: string; rows: EntryResult[]; actionNames?: Record<string, string>; stageNames?: Record<string, string> }) {
  const { packageId, rows, actionNames = {}, stageNames = {} } = p;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`Tabel entri jejak audit paket ${packageId}`}>
      <table className="audit-entries">
        <caption>
          Entri jejak audit paket {packageId} ({rows.length} entri yang dapat ditampilkan)
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Posisi
            </th>
            <th scope="col">Waktu</th>
            <th scope="col">Peristiwa</th>
            <th scope="col">Tahap</th>
            <th scope="col">Peran pelaku</th>
            <th scope="col">Rujukan pelaku</th>
            <th scope="col">Hash entri</th>
            <th scope="col">Hasil</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ entry: e, status }) => {
            const s = STATUS_LABELS[status];
            return (
              <tr key={e.pos} data-pos={e.pos} data-broken={status === 'rusak' ? '' : undefined}>
                <td className="num">{e.pos}</td>
                <td>{formatWib(e.at)}</td>
                <td>
                  {actionNames[e.action] ?? eventLabel(e.action)} <code>{e.action}</code>
                </td>
                <td>{stageNames[e.stageId] ?? <code>{e.stageId}</code>}</td>
                <td>{e.actorRole ? roleLabel(e.actorRole) : 'Sistem'}</td>
                <td>
                  {e.v === 2 ? (
                    <span className="hash" title={e.actorRef ?? undefined}>
                      {e.actorRef ? shortHash(e.actorRef) : '—'}
                    </span>
                  ) : (
                    <span className="muted">format lama</span>
                  )}
                </td>
                <td>
                  <span className="hash" title={e.hash}>
                    {shortHash(e.hash)}
                  </span>
                </td>
                <td>
                  <span className={`status ${s.tone}`}>{s.text}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

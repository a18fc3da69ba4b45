/**
 * The published events of a package and its contract, oldest first (GET /api/public/packages/{id} `events`: an
 * allowlist — no actor, no payload, no bid before the opening): time in WIB, what happened, and whether it belongs
 * to the contract (E-Kontrak).
 */
import { formatWib } from '../../i18n/format';
import type { PublicEvent } from './types';

export function PublicTimeline({ events, stageName }: { events: PublicEvent[]; stageName: (id: string) => string | undefined }) {
  if (!events.length) return <p className="muted">Belum ada peristiwa yang diumumkan.</p>;
  return (
    <div className="table-scroll">
      <table className="public-events">
        <caption>Peristiwa yang diumumkan, yang terlama di atas</caption>
        <thead>
          <tr>
            <th scope="col">Waktu (WIB)</th>
            <th scope="col">Peristiwa</th>
            <th scope="col">Tahap</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e, i) => (
            <tr key={`${e.at}-${e.kind}-${i}`} data-kind={e.kind}>
              <td className="nowrap">{formatWib(e.at)}</td>
              <td>
                {e.title}
                {e.contract && <span className="sub">E-Kontrak</span>}
              </td>
              <td>{(e.stageId && stageName(e.stageId)) ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

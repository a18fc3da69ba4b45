/** The stages the package has been through, oldest first, with when each opened, was due to close and ended (WIB). */
import { formatWib } from '../../i18n/format';
import type { PublicPackageView } from './types';

export function PublicStageTable({ stages, active }: { stages: PublicPackageView['timeline']; active: boolean }) {
  if (!stages.length) return <p className="muted">Belum ada tahap yang tercatat.</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption>Jadwal tahap paket, yang terlama di atas</caption>
        <thead>
          <tr>
            <th scope="col">Tahap</th>
            <th scope="col">Mulai (WIB)</th>
            <th scope="col">Batas (WIB)</th>
            <th scope="col">Selesai (WIB)</th>
          </tr>
        </thead>
        <tbody>
          {stages.map((s, i) => (
            <tr key={`${s.stageId}-${i}`}>
              <td>{s.name}</td>
              <td>{formatWib(s.enteredAt)}</td>
              <td>{formatWib(s.closesAt)}</td>
              <td>{s.leftAt ? formatWib(s.leftAt) : active ? 'Sedang berjalan' : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

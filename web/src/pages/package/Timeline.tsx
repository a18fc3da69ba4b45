/**
 * The package's events, oldest first: time in WIB, stage, what happened (the step's name from the definition), and
 * who — an officer by role and user id, a vendor's view by role name only (the API hides officers' ids from vendors).
 */
import { useState } from 'react';
import { roleLabel } from '../../i18n/roles';
import { formatWib } from '../../i18n/format';
import { eventLabel } from './labels';
import type { PackageView } from './types';

/** Routine events hidden unless asked for: reminders and the engine's own branch decisions. */
const ROUTINE = new Set(['reminder_sent', 'gateway_passed']);

export function Timeline({ events, stageName, actionName }: { events: PackageView['timeline']; stageName: (id: string) => string; actionName: (id: string) => string }) {
  const [all, setAll] = useState(false);
  const shown = all ? events : events.filter((e) => !ROUTINE.has(e.type));
  const who = (e: PackageView['timeline'][number]) => {
    if (e.actor) return e.actorId ? `${e.actor} (${e.actorId})` : e.actor;
    if (e.actorRole) return e.actorId ? `${roleLabel(e.actorRole)} (${e.actorId})` : roleLabel(e.actorRole);
    return e.actorId ?? 'Sistem';
  };
  return (
    <>
      <p className="checkbox">
        <input id="riwayat-semua" type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />{' '}
        <label htmlFor="riwayat-semua" className="inline-label">
          Tampilkan juga pengingat dan keputusan alur otomatis ({events.length - events.filter((e) => !ROUTINE.has(e.type)).length})
        </label>
      </p>
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">Riwayat kejadian paket, yang terlama di atas</caption>
        <thead>
          <tr>
            <th scope="col">Waktu (WIB)</th>
            <th scope="col">Tahap</th>
            <th scope="col">Kejadian</th>
            <th scope="col">Oleh</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => (
            <tr key={e.seq}>
              <td>{formatWib(e.at)}</td>
              <td>{stageName(e.stageId)}</td>
              <td>{e.action ? actionName(e.action) : eventLabel(e.type)}</td>
              <td>{who(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    </>
  );
}

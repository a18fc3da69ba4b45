/**
 * The signed-in user's open steps on this package (`myActions`, computed by the server for this user: a step that is
 * not theirs is never offered), each as a generated form. E-Kontrak steps are done on the E-Kontrak tab and only
 * linked from here. The server's last answer to each step stays here after the package is read again, even when the
 * step is no longer offered: an accepted step stays confirmed (with a sealed bid's receipt), and a refused one keeps
 * the server's reason (a stale form refused with 409 wrong_stage would otherwise vanish with its form).
 */
import { Link } from 'react-router';
import { ActionForm, type MyAction } from '../../forms/ActionForm';
import type { StepContext } from '../../forms/context';
import { OrphanedOutcomes, useStepOutcomes } from '../../forms/StepOutcomes';
import { formatWib } from '../../i18n/format';
import { AssignOfficersForm } from './AssignOfficersForm';

/**
 * Steps with a form of their own: the UKPBJ's assignment (members chosen from a list), the schedule change (on the
 * schedule page, beside the schedule it changes) and a vote on a Pokja proposal (in the decisions panel, beside the
 * proposal it answers).
 */
const ELSEWHERE = new Set(['change_schedule', 'vote_decision']);

export function MyActions(p: { packageId: string; packageTitle: string; actions: MyAction[]; context: StepContext; contractPath?: string }) {
  const outcomes = useStepOutcomes();
  const own = p.actions.filter((a) => a.target === 'package' && !ELSEWHERE.has(a.id));
  const rescheduling = p.actions.find((a) => a.target === 'package' && a.id === 'change_schedule');
  const voting = p.actions.some((a) => a.target === 'package' && a.id === 'vote_decision');
  const contract = p.actions.filter((a) => a.target === 'contract');
  return (
    <>
      <OrphanedOutcomes outcomes={outcomes.orphaned(own)} packageId={p.packageId} packageTitle={p.packageTitle} />
      {own.length === 0 && contract.length === 0 && !rescheduling && !voting && <p className="muted">Tidak ada langkah untuk Anda pada tahap ini.</p>}
      {voting && (
        <p className="alert info">
          Ada usulan keputusan Pokja yang menunggu sikap Anda: lihat <a href="#keputusan-pokja">Keputusan Pokja</a>.
        </p>
      )}
      {own.map((a) =>
        // assign_officers; a Penunjukan Langsung offers assign_pejabat_pengadaan and assign_pokja (by value).
        /^assign_(officers|pejabat_pengadaan|pokja)$/.test(a.id) ? (
          <AssignOfficersForm key={`${a.id}:${a.stageId}`} packageId={p.packageId} action={a} onOutcome={outcomes.remember} />
        ) : (
          <ActionForm
            key={`${a.id}:${a.stageId}`}
            packageId={p.packageId}
            action={a}
            context={p.context}
            packageTitle={p.packageTitle}
            recent={outcomes.of(a.id)}
            onOutcome={outcomes.remember}
          />
        ),
      )}
      {rescheduling && (
        <div className="card" id="aksi-change_schedule" tabIndex={-1}>
          <h3>{rescheduling.name}</h3>
          <p>
            Jadwal diubah pada halaman jadwal, di samping jadwal yang berlaku dan batasnya:{' '}
            <Link to={`/paket/${encodeURIComponent(p.packageId)}/jadwal#ubah-jadwal`}>Buka jadwal paket</Link>.
          </p>
        </div>
      )}
      {contract.length > 0 && p.contractPath && (
        <div className="card">
          <h3>Langkah E-Kontrak Anda</h3>
          <ul>
            {contract.map((a) => (
              <li key={a.id}>
                <Link to={`${p.contractPath}#aksi-${a.id}`}>{a.name}</Link>
                {a.dueAt ? ` — batas ${formatWib(a.dueAt)}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

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

export function MyActions(p: { packageId: string; packageTitle: string; actions: MyAction[]; context: StepContext; contractPath?: string }) {
  const outcomes = useStepOutcomes();
  const own = p.actions.filter((a) => a.target === 'package');
  const contract = p.actions.filter((a) => a.target === 'contract');
  return (
    <>
      <OrphanedOutcomes outcomes={outcomes.orphaned(own)} packageId={p.packageId} packageTitle={p.packageTitle} />
      {own.length === 0 && contract.length === 0 && <p className="muted">Tidak ada langkah untuk Anda pada tahap ini.</p>}
      {own.map((a) => (
        <ActionForm
          key={`${a.id}:${a.stageId}`}
          packageId={p.packageId}
          action={a}
          context={p.context}
          packageTitle={p.packageTitle}
          recent={outcomes.of(a.id)}
          onOutcome={outcomes.remember}
        />
      ))}
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

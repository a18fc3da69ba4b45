/**
 * The signed-in user's open steps on this package (`myActions`, computed by the server for this user: a step that is
 * not theirs is never offered), each as a generated form. E-Kontrak steps are done on the E-Kontrak tab and only
 * linked from here. An accepted step stays confirmed here (with a sealed bid's receipt) after the server stops
 * offering it.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { ActionForm, type MyAction } from '../../forms/ActionForm';
import type { StepContext } from '../../forms/context';
import { StepResult, type StepOutcome } from '../../forms/StepResult';
import { formatWib } from '../../i18n/format';

export function MyActions(p: { packageId: string; packageTitle: string; actions: MyAction[]; context: StepContext; contractPath?: string }) {
  const [done, setDone] = useState<StepOutcome[]>([]);
  const own = p.actions.filter((a) => a.target === 'package');
  const contract = p.actions.filter((a) => a.target === 'contract');
  // Outcomes of steps no longer offered (the task is complete, the window moved on) are shown on their own.
  const orphaned = done.filter((o) => !own.some((a) => a.id === o.actionId));
  return (
    <>
      {orphaned.map((o) => (
        <section key={`${o.actionId}-${o.at}`} id={`aksi-${o.actionId}`} className="card" aria-label={`Hasil langkah ${o.actionName}`}>
          <StepResult packageId={p.packageId} outcome={o} packageTitle={p.packageTitle} />
        </section>
      ))}
      {own.length === 0 && contract.length === 0 && <p className="muted">Tidak ada langkah untuk Anda pada tahap ini.</p>}
      {own.map((a) => (
        <ActionForm
          key={`${a.id}:${a.stageId}`}
          packageId={p.packageId}
          action={a}
          context={p.context}
          packageTitle={p.packageTitle}
          onDone={(o) => setDone((d) => [...d.filter((x) => x.actionId !== o.actionId), o])}
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

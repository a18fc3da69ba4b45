/**
 * The server's last answer to each step of a page, kept after the page's data is read again: an accepted step stays
 * confirmed (with a sealed bid's receipt) and a refused one keeps the server's reason, even when the re-read no
 * longer offers the step (a stale form refused with 409 wrong_stage would otherwise vanish with its form). Used by
 * the package page and the E-Kontrak tab alike.
 */
import { useState } from 'react';
import type { StepLast } from './ActionForm';
import { StepRefusal } from './StepRefusal';
import { StepResult } from './StepResult';

const idOf = (l: StepLast) => (l.kind === 'done' ? l.outcome.actionId : l.refused.actionId);

export function useStepOutcomes() {
  // The last answer per step id, in the order they came.
  const [recent, setRecent] = useState<StepLast[]>([]);
  return {
    recent,
    remember: (l: StepLast) => setRecent((r) => [...r.filter((x) => idOf(x) !== idOf(l)), l]),
    of: (actionId: string) => recent.find((l) => idOf(l) === actionId),
    /** Answers to steps no longer offered (the task is complete, the stage moved on). */
    orphaned: (offered: readonly { id: string }[]) => recent.filter((l) => !offered.some((a) => a.id === idOf(l))),
  };
}

export function OrphanedOutcomes({ outcomes, packageId, packageTitle }: { outcomes: StepLast[]; packageId: string; packageTitle?: string }) {
  return (
    <>
      {outcomes.map((l) =>
        l.kind === 'done' ? (
          <section
            key={`${l.outcome.actionId}-${l.outcome.at}`}
            id={`aksi-${l.outcome.actionId}`}
            className="card"
            aria-label={`Hasil langkah ${l.outcome.actionName}`}
          >
            <StepResult packageId={packageId} outcome={l.outcome} packageTitle={packageTitle} />
          </section>
        ) : (
          <section
            key={`${l.refused.actionId}-${l.refused.at}`}
            id={`aksi-${l.refused.actionId}`}
            className="card"
            aria-label={`Langkah ${l.refused.actionName} ditolak`}
          >
            <StepRefusal refused={l.refused} standalone />
          </section>
        ),
      )}
    </>
  );
}

/**
 * The package's stages for the public diagram's markers and its text list: those the package has been through, in
 * order, and the current one, from the public timeline. Stages still ahead are drawn in the diagram
 * (/api/public/packages/{id}/bpmn) and not listed as text.
 */
import type { StageState } from '../../diagram/ProcessDiagram';
import { formatWib } from '../../i18n/format';
import type { PublicPackageView } from './types';

export function publicStageStates(p: PublicPackageView): StageState[] {
  const active = p.status === 'active';
  const seen = new Set<string>();
  const out: StageState[] = [];
  // A stage visited twice (evaluasi ulang) is listed once, at its latest visit.
  for (const s of [...p.timeline].reverse()) {
    if (seen.has(s.stageId)) continue;
    seen.add(s.stageId);
    const current = active && s.stageId === p.stage.id && !s.leftAt;
    out.unshift({
      id: s.stageId,
      name: s.name,
      state: current ? 'current' : 'done',
      detail: current
        ? s.closesAt
          ? `batas ${formatWib(s.closesAt)}`
          : `sejak ${formatWib(s.enteredAt)}`
        : s.leftAt
          ? `selesai ${formatWib(s.leftAt)}`
          : undefined,
    });
  }
  if (!seen.has(p.stage.id)) out.push({ id: p.stage.id, name: p.stage.name, state: active ? 'current' : 'done' });
  return out;
}

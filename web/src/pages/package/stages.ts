/** The definition's stages with their state on this package, for the diagram and its text alternative. */
import type { StageState } from '../../diagram/ProcessDiagram';
import { formatWib } from '../../i18n/format';
import type { DefinitionView, PackageView } from './types';

export function stageStates(def: DefinitionView | undefined, pkg: PackageView, deadline: string | null): StageState[] {
  const currentId = pkg.live?.stage.id ?? pkg.stage.id;
  const nodes = def?.nodes.filter((n) => n.type !== 'exclusiveGateway') ?? pkg.stages.map((s) => ({ id: s.stageId, name: s.name, type: '' }));
  const seen = new Map<string, PackageView['stages'][number]>();
  for (const s of pkg.stages) seen.set(s.stageId, s);
  const ended = pkg.status !== 'active';
  return nodes
    .filter((n, i, all) => all.findIndex((m) => m.id === n.id) === i)
    .map((n) => {
      const visit = seen.get(n.id);
      if (n.id === currentId && !ended) {
        return { id: n.id, name: n.name, state: 'current' as const, detail: deadline ? `batas ${formatWib(deadline)}` : undefined };
      }
      if (visit || n.id === currentId) {
        return { id: n.id, name: n.name, state: 'done' as const, detail: visit?.leftAt ? `selesai ${formatWib(visit.leftAt)}` : undefined };
      }
      return { id: n.id, name: n.name, state: 'todo' as const };
    });
}

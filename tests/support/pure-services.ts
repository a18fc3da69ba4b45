/**
 * Completes a pending service task outside Temporal, for state-machine tests: the real service registry, with
 * follow-up packages recorded instead of started.
 */
import { runNamedService } from '../../activities/services';
import type { PackageProcess } from '../../domain/process/engine';

export interface RecordedFollowUp {
  packageId: string;
  method: string;
  reason: string;
}

export async function completeServiceTask(p: PackageProcess, now: number, followUps: RecordedFollowUp[] = []): Promise<unknown> {
  const s = p.pendingService();
  if (!s) throw new Error(`no service task pending at '${p.currentNode.id}'`);
  const { definition, schedule: _schedule, packageId, ...origin } = p.input;
  const result = await runNamedService({
    packageId,
    node: s.node,
    service: s.service,
    args: s.args,
    data: p.state.data,
    origin: { ...origin, definitionId: definition.id },
    startFollowUp: async (method, reason) => {
      const f = { packageId: `pkt-followup${followUps.length + 1}`, method, reason };
      followUps.push(f);
      return f;
    },
  });
  p.completeService(s.node, result, now);
  return result;
}

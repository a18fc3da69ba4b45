/**
 * E-Kontrak version 3: version 2 (kontrak-v2.ts) where lateness is the PPK's decision (domain/contract/LATENESS.md).
 * Contracts started on version 1 or 2 keep theirs (the definition travels in the workflow input; both stay
 * registered for their views and steps).
 *
 * What changes against version 2, and nothing else:
 * - when the execution window closes without a handover request the contract waits for the PPK (`late_decision`):
 *   the pemberian kesempatan by addendum (days, late penalty, extended performance security; at most 50 calendar days
 *   in all, Perpres 16/2018 Pasal 56) or the termination; at the end of the extra time unfinished, the PPK decides
 *   again. No timer terminates a contract any more;
 * - the late penalty is 1‰ a day of the contract value without PPN (Pasal 79 ayat (4)), counted from the period's
 *   end; the draft records the PPN rate inside the value (`ppnPercent`, 11 when not given);
 * - a termination cashes the performance security in force (recorded at `securityCashed`) and the blacklist is
 *   proposed as before (Pasal 78 ayat (5) huruf d); termination on the ground of lateness only after the period;
 * - a construction contract's maintenance period is at least `minMaintenanceDays` (bounded 90–180, default 180), or
 *   90 days when the draft says the works are semi-permanent (`semiPermanent`).
 */
import type { ActionDef, ProcessDefinition, ProcessNode } from '../../../domain/process/definition';
import { terminateActionV2 } from './critical-stages';
import { kontrakV2 } from './kontrak-v2';
import { kesempatanStages, LATE_DECISION, latenessParams, maintenanceFloorParam } from './lateness-stages';

const handoverV3 = (a: ActionDef): ActionDef => (a.id === 'request_handover' ? { ...a, effect: { kind: 'apply', reducer: 'requestHandoverV3' } } : a);

const draftV3 = (a: ActionDef): ActionDef => {
  if (a.id !== 'draft_contract') return a;
  const schema = a.payload as { properties: Record<string, unknown> };
  return {
    ...a,
    payload: {
      ...a.payload,
      properties: {
        ...schema.properties,
        ppnPercent: {
          type: 'integer',
          minimum: 0,
          maximum: 100,
          description: 'Tarif PPN yang termasuk dalam nilai kontrak (%), bawaan 11; 0 bila penyedia bukan PKP. Denda keterlambatan dihitung tanpa PPN',
        },
        semiPermanent: {
          type: 'boolean',
          description: 'Bangunan semipermanen (pekerjaan konstruksi): masa pemeliharaan paling singkat 90 hari kalender, selain itu 180',
        },
      },
    },
    requires: [...(a.requires ?? []), { rule: 'maintenancePeriodAtLeastFloor' }],
    effect: { kind: 'apply', reducer: 'draftContractV3' },
  };
};

function v3Nodes(nodes: ProcessNode[]): ProcessNode[] {
  return nodes.flatMap((n): ProcessNode[] => {
    if (n.id === 'draft_contract' && n.type === 'userTask') return [{ ...n, actions: n.actions.map(draftV3) }];
    if (n.id === 'execution' && n.type === 'timeWindow') return [{ ...n, actions: n.actions.map(handoverV3), next: LATE_DECISION }];
    if (n.id === 'late_execution' && n.type === 'timeWindow') return kesempatanStages(n.actions.map(handoverV3));
    return [n];
  });
}

/** Termination cashes the security; on the ground of lateness only after the period (lateness.ts). */
export const terminateActionV3: ActionDef = {
  ...terminateActionV2,
  requires: [...(terminateActionV2.requires ?? []), { rule: 'lateTerminationGrounds' }],
  effect: { kind: 'apply', reducer: 'terminateContract' },
};

export const kontrakV3: ProcessDefinition = {
  ...kontrakV2,
  version: 3,
  description: `${kontrakV2.description} Keterlambatan diputuskan PPK: pemberian kesempatan dengan adendum (paling lama 50 hari) atau pemutusan kontrak.`,
  params: { ...kontrakV2.params, ...latenessParams, ...maintenanceFloorParam },
  nodes: v3Nodes(kontrakV2.nodes),
  interrupts: (kontrakV2.interrupts ?? []).map((i) => (i.action.id === 'terminate_contract' ? { ...i, action: terminateActionV3 } : i)),
};

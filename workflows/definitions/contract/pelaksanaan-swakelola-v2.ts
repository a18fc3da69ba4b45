/**
 * Swakelola execution version 2: version 1 (pelaksanaan-swakelola.ts) without what only a provider's contract
 * carries (domain/contract/LATENESS.md). Agreements started on version 1 keep it.
 *
 * What changes against version 1, and nothing else:
 * - when the period ends without a handover the PPK decides (`late_decision`): extend the time by addendum (no
 *   penalty, no performance security, no 50-day ceiling: Pasal 56 and 79 are about providers) or stop the work; at the
 *   end of an extension unfinished, the PPK decides again;
 * - stopping (also by `terminate_contract`) ends as 'diputus' without a blacklist proposal: the executing team is a
 *   government unit, another agency or a community body (Perpres 16/2018 Pasal 47, 49), never a provider (Pasal 78);
 * - addenda are not capped at 10% of the original value (Pasal 54 ayat (2) governs contracts with a provider) but
 *   stay within the budget (pagu) and above what was paid.
 */
import type { ActionDef, ProcessDefinition, ProcessNode } from '../../../domain/process/definition';
import { latenessParams, swakelolaLateStages } from './lateness-stages';
import { pelaksanaanSwakelola } from './pelaksanaan-swakelola';

const uncapped = (a: ActionDef): ActionDef =>
  a.id === 'sign_addendum' ? { ...a, requires: [{ rule: 'swakelolaAddendumAllowed' }], rule: 'Perpres 16/2018 Pasal 47 dan 49' } : a;

function v2Nodes(nodes: ProcessNode[]): ProcessNode[] {
  return nodes.flatMap((n): ProcessNode[] => {
    if (n.id === 'execution' && n.type === 'timeWindow') return [{ ...n, actions: n.actions.map(uncapped), next: 'late_decision' }];
    if (n.id === 'late_execution' && n.type === 'timeWindow') return swakelolaLateStages(n.actions);
    // No blacklist proposal: the 'termination' service goes, stopping ends at 'terminated' directly.
    if (n.id === 'termination') return [];
    if (n.id === 'terminated') return [{ ...n, name: 'Swakelola Dihentikan' }];
    return [n];
  });
}

export const pelaksanaanSwakelolaV2: ProcessDefinition = {
  ...pelaksanaanSwakelola,
  version: 2,
  description: `${pelaksanaanSwakelola.description} Keterlambatan diputuskan PPK (perpanjangan atau penghentian), tanpa denda dan tanpa daftar hitam.`,
  params: { ...pelaksanaanSwakelola.params, lateDecisionDue: latenessParams.lateDecisionDue! },
  nodes: v2Nodes(pelaksanaanSwakelola.nodes),
  interrupts: (pelaksanaanSwakelola.interrupts ?? []).map((i) =>
    i.action.id === 'terminate_contract'
      ? {
          ...i,
          action: { ...i.action, name: 'Hentikan Swakelola', effect: { kind: 'apply', reducer: 'stopSwakelola' } },
          to: 'terminated',
          notAt: i.notAt.map((s) => (s === 'termination' ? 'terminated' : s)),
        }
      : i,
  ),
};

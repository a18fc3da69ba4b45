/**
 * E-purchasing order version 2: version 1 (surat-pesanan.ts) where a late delivery is the PPK's decision, as in
 * kontrak v3 (domain/contract/LATENESS.md). Orders started on version 1 keep it.
 *
 * What changes against version 1, and nothing else:
 * - when the order period ends without a delivery the order waits for the PPK (`late_decision`): the pemberian
 *   kesempatan by addendum (days and late penalty; at most 50 calendar days in all, Perpres 16/2018 Pasal 56; no
 *   performance security to extend, Pasal 33) or the termination; at the end of the extra time the PPK decides again;
 * - the late penalty is 1‰ a day of the order value without PPN (Pasal 79 ayat (4)), from the period's end;
 * - a termination records its ground (lateness after the period) before the blacklist proposal.
 */
import type { ActionDef, ProcessDefinition, ProcessNode } from '../../../domain/process/definition';
import { terminateActionV3 } from './kontrak-v3';
import { kesempatanStages, LATE_DECISION, latenessParams } from './lateness-stages';
import { suratPesanan } from './surat-pesanan';

const lateDelivery = (a: ActionDef): ActionDef => (a.id === 'record_delivery' ? { ...a, effect: { kind: 'apply', reducer: 'recordLateDeliveryV2' } } : a);

function v2Nodes(nodes: ProcessNode[]): ProcessNode[] {
  return nodes.flatMap((n): ProcessNode[] => {
    if (n.id === 'delivery' && n.type === 'timeWindow') return [{ ...n, next: LATE_DECISION }];
    if (n.id === 'late_delivery' && n.type === 'timeWindow') {
      return kesempatanStages(n.actions.map(lateDelivery), 'late_delivery', 'Pemberian Kesempatan Pengiriman (Dikenakan Denda)');
    }
    return [n];
  });
}

export const suratPesananV2: ProcessDefinition = {
  ...suratPesanan,
  version: 2,
  description: `${suratPesanan.description} Keterlambatan pengiriman diputuskan PPK: pemberian kesempatan (paling lama 50 hari) atau pemutusan.`,
  params: { ...suratPesanan.params, ...latenessParams },
  nodes: v2Nodes(suratPesanan.nodes),
  // Kontrak v3's termination: ground named, lateness only after the period (no security to cash: Pasal 33).
  interrupts: (suratPesanan.interrupts ?? []).map((i) => (i.action.id === 'terminate_contract' ? { ...i, action: terminateActionV3 } : i)),
};

/**
 * The one vocabulary (issue 16) for the E-Kontrak definitions: the contract names its party `contract.vendorId`
 * where kontrak v1–v3, surat-pesanan v1–v2 and pelaksanaan-swakelola v1–v2 said `contract.providerId`. Those
 * versions stay as they are (their running contracts keep the old key); each new version is its predecessor passed
 * through `withVendorKey`, so it differs from it in this and nothing else:
 * - every performer identified by `contract.providerId` is identified by `contract.vendorId`;
 * - the draft writes the vendor there (the draft's reducer: the one named by `draftReducer`);
 * - the blacklist proposal at termination records the vendor as `sanction.vendorId` (service arg `vendorKey`).
 */
import type { ActionDef, ProcessDefinition, ProcessNode } from '../../../domain/process/definition';

const OLD = 'contract.providerId';
const NEW = 'contract.vendorId';

function action(a: ActionDef, draftReducer: string): ActionDef {
  const performers = a.performers.map((p) => (p.actorIs === OLD ? { ...p, actorIs: NEW } : p));
  const effect = a.id === 'draft_contract' && a.effect.kind === 'apply' ? { ...a.effect, reducer: draftReducer } : a.effect;
  return { ...a, performers, effect };
}

function node(n: ProcessNode, draftReducer: string): ProcessNode {
  if (n.type === 'userTask' || n.type === 'timeWindow') return { ...n, actions: n.actions.map((a) => action(a, draftReducer)) };
  if (n.type === 'serviceTask' && n.service === 'flagProviderForSanction') return { ...n, args: { ...n.args, vendorKey: 'vendorId' } };
  return n;
}

export function withVendorKey(d: ProcessDefinition, draftReducer: string): ProcessDefinition {
  return {
    ...d,
    nodes: d.nodes.map((n) => node(n, draftReducer)),
    ...(d.interrupts ? { interrupts: d.interrupts.map((i) => ({ ...i, action: action(i.action, draftReducer) })) } : {}),
  };
}

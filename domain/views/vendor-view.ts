/**
 * What a vendor (an actor whose only role is `penyedia`) sees of a package, its list, its bids and its contract: an
 * allowlist built field by field from the officers' view, never that view with parts deleted. The process data goes
 * through ./vendor-data.ts; here the envelope around it: summary, live state, stages, open steps and timeline.
 *
 * Side channels count as much as fields: while bids are sealed another vendor's bid must not show in the step list
 * (the engine hides a window's step once anybody took it), the event sequence number, the timeline or the package's
 * `updatedAt`. So for vendors the live state carries no `seq`, a window's steps are listed from the definition, other
 * vendors' events are left out of the timeline (which is numbered in the vendor's own order), and `updatedAt` is the
 * time the current stage began.
 */
import { actionsOf, type ProcessDefinition, type Role } from '../process/definition';
import type { ActorAction } from '../process/actor-actions';
import type { OpenAction, PackageView } from '../process/engine';
import { roleLabel } from './role-labels';
import { vendorContractData, vendorFacts, vendorPackageData, type VendorDataContext } from './vendor-data';

export type { VendorDataContext } from './vendor-data';

/** Vendors get the vendor view; anyone who also holds an officer, auditor or admin role keeps the full one. */
export function isVendorOnly(roles: readonly string[]): boolean {
  return roles.length > 0 && roles.every((r) => r === 'penyedia');
}

export interface PackageSummaryIn {
  id: string;
  title: string;
  opd: string;
  workUnit: string;
  category: string;
  method: string;
  fiscalYear: number;
  pagu: number | string;
  hps: number | string;
  status: string;
  stage: { id: string; name: string; enteredAt: string | null; closesAt: string | null };
  definition: { id: string; version: number };
  parentPackageId?: string;
  createdAt: string;
  updatedAt: string;
}

export function vendorSummary(s: PackageSummaryIn) {
  return {
    id: s.id,
    title: s.title,
    opd: s.opd,
    workUnit: s.workUnit,
    category: s.category,
    method: s.method,
    fiscalYear: s.fiscalYear,
    pagu: s.pagu,
    hps: s.hps,
    status: s.status,
    stage: { id: s.stage.id, name: s.stage.name, enteredAt: s.stage.enteredAt, closesAt: s.stage.closesAt },
    definition: { id: s.definition.id, version: s.definition.version },
    ...(s.parentPackageId ? { parentPackageId: s.parentPackageId } : {}),
    createdAt: s.createdAt,
    // Every recorded event moves updatedAt, a bid included: vendors get the start of the current stage instead.
    updatedAt: s.stage.enteredAt ?? s.createdAt,
  };
}

/**
 * The open steps of the current stage as a vendor sees them: a window's steps from the definition (another vendor's
 * bid must not make `submit_bid` disappear), a task's as the engine lists them; assignees only where it is the viewer.
 */
function vendorOpenActions(view: PackageView, definition: ProcessDefinition | undefined, viewerId: string) {
  const node = definition?.nodes.find((n) => n.id === view.stage.id);
  const fromEngine = new Map(view.openActions.map((a) => [a.id, a]));
  let actions: { id: string; name: string; roles: Role[]; assignees?: string[]; sealedContent?: unknown }[] = view.openActions;
  if (node?.type === 'timeWindow' && view.outcome === undefined) {
    const interrupts = (definition!.interrupts ?? []).filter((i) => !i.notAt.includes(node.id)).map((i) => i.action);
    actions = [...actionsOf(node), ...interrupts].map(
      (a): OpenAction =>
        fromEngine.get(a.id) ?? {
          id: a.id,
          name: a.name,
          roles: a.performers.map((p) => p.role),
          ...(a.envelope ? { sealedContent: a.payload } : {}),
        },
    );
  }
  return actions.map((a) => ({
    id: a.id,
    name: a.name,
    roles: [...a.roles],
    ...(a.assignees ? { assignees: a.assignees.filter((x) => x === viewerId) } : {}),
    ...(a.sealedContent !== undefined ? { sealedContent: a.sealedContent } : {}),
  }));
}

/** The live state (the workflow query, or the read model's copy of it) as a vendor sees it. */
export function vendorLiveView(view: PackageView, definition: ProcessDefinition | undefined, ctx: VendorDataContext, contract: boolean) {
  const s = view.stage;
  return {
    packageId: view.packageId,
    definition: { id: view.definition.id, version: view.definition.version, name: view.definition.name, method: view.definition.method },
    status: view.status,
    ...(view.outcome !== undefined ? { outcome: view.outcome } : {}),
    stage: {
      id: s.id,
      name: s.name,
      type: s.type,
      enteredAt: s.enteredAt,
      enteredSeq: s.enteredSeq,
      ...(s.closesAt !== undefined ? { closesAt: s.closesAt } : {}),
      ...(s.nominalClosesAt !== undefined ? { nominalClosesAt: s.nominalClosesAt } : {}),
      ...(s.dueAt !== undefined ? { dueAt: s.dueAt } : {}),
    },
    openActions: vendorOpenActions(view, definition, ctx.viewerId),
    facts: vendorFacts(view.facts),
    data: contract ? vendorContractData(view.data, ctx) : vendorPackageData(view.data, ctx),
  };
}

export interface TimelineEventIn {
  seq: number;
  type: string;
  stageId: string;
  action: string | null;
  actorId: string | null;
  actorRole?: string | null;
  at: string;
}

/**
 * The timeline without other vendors' steps (who registered, asked or bid, and when), officers named by role; the
 * vendor's own steps keep its id. Numbered in this list's order, so gaps do not count the events left out.
 */
export function vendorTimeline(events: readonly TimelineEventIn[], viewerId: string) {
  return events
    .filter((e) => e.actorId === null || e.actorId === viewerId || (e.actorRole !== 'penyedia' && e.actorRole != null))
    .map((e, i) => ({
      seq: i + 1,
      type: e.type,
      stageId: e.stageId,
      action: e.action,
      actorId: e.actorId === viewerId ? viewerId : null,
      actorRole: e.actorRole ?? null,
      /** The role's name ("Pokja Pemilihan"): who acted, as a vendor may know it. */
      actor: roleLabel(e.actorRole),
      at: e.at,
    }));
}

export interface PackageDetailIn {
  summary: PackageSummaryIn;
  /** The live state, or the read model's copy when the workflow cannot be asked. */
  view: PackageView | null;
  /** Whether `view` is live (answered as `live`), or only used to derive the vendor's open steps. */
  viewIsLive: boolean;
  stages: { stageId: string; name: string; enteredAt: string; closesAt: string | null; leftAt: string | null }[];
  timeline: TimelineEventIn[];
  myActions: ActorAction[];
}

/** GET /api/packages/{id} for a vendor. */
export function vendorPackageDetail(p: PackageDetailIn, definition: ProcessDefinition | undefined, ctx: VendorDataContext) {
  const contract = p.summary.parentPackageId !== undefined;
  const live = p.view ? vendorLiveView(p.view, definition, ctx, contract) : null;
  const due = p.view ? (p.view.stage.dueAt ?? p.view.stage.closesAt) : undefined;
  return {
    ...vendorSummary(p.summary),
    live: p.viewIsLive ? live : null,
    stages: p.stages.map((s) => ({ stageId: s.stageId, name: s.name, enteredAt: s.enteredAt, closesAt: s.closesAt, leftAt: s.leftAt })),
    // The open steps as the read model lists them hide a window's step once anybody took it: derive them as above.
    openTasks: (live?.openActions ?? []).map((a) => ({
      action: a.id,
      name: a.name,
      roles: a.roles,
      assignees: a.assignees ?? null,
      dueAt: due !== undefined ? new Date(due).toISOString() : null,
    })),
    timeline: vendorTimeline(p.timeline, ctx.viewerId),
    myActions: p.myActions,
  };
}

export interface BidReceiptIn {
  bidId: string;
  step: string;
  commitment: string;
  receivedAt: string;
  status: string;
  vendorId?: string;
  rejectionReason?: string;
}

const OPENED = new Set(['opened', 'rejected']);

/**
 * GET /api/packages/{id}/bids for a vendor: its own receipts, and another vendor's only once that bid was opened
 * (before, even the number of receipts would count the competitors).
 */
export function vendorReceipts(items: readonly (BidReceiptIn & { ownerId: string })[], viewerId: string) {
  return items
    .filter((b) => b.ownerId === viewerId || OPENED.has(b.status))
    .map((b) => ({
      bidId: b.bidId,
      step: b.step,
      commitment: b.commitment,
      receivedAt: b.receivedAt,
      status: b.status,
      vendorId: b.ownerId,
      ...(b.rejectionReason ? { rejectionReason: b.rejectionReason } : {}),
    }));
}

export interface ContractDocumentIn {
  id: string;
  packageId: string;
  kind: string;
  revision: number;
  title: string;
  fileName: string;
  contentType: string;
  sha256: string;
  size: number;
  createdAt: Date | string;
  downloadUrl: string;
}

export interface ContractViewIn {
  package: PackageSummaryIn | null;
  /** contractSummaryOf of the contracts row (public figures, published in OCDS). */
  contract: Record<string, unknown> | null;
  data: Record<string, unknown>;
  sCurve: unknown[];
  payments: unknown[];
  documents: ContractDocumentIn[];
  myActions: ActorAction[];
}

/**
 * GET /api/packages/{id}/contract for a vendor: its vendor reads its contract (officers by role); anyone else the
 * figures the public already has (value, payments, S-curve) and nothing of terms, signatures, reports or documents.
 */
export function vendorContractView(c: ContractViewIn, ctx: VendorDataContext) {
  const data = vendorContractData(c.data, ctx);
  const party = c.contract !== null && c.contract.vendorId === ctx.viewerId;
  const figures = c.contract
    ? {
        packageId: c.contract.packageId,
        parentPackageId: c.contract.parentPackageId,
        kind: c.contract.kind,
        number: c.contract.number,
        vendorId: c.contract.vendorId,
        category: c.contract.category,
        opd: c.contract.opd,
        fiscalYear: c.contract.fiscalYear,
        status: c.contract.status,
        stageId: c.contract.stageId,
        originalValue: c.contract.originalValue,
        value: c.contract.value,
        pagu: c.contract.pagu,
        paid: c.contract.paid,
        retentionHeld: c.contract.retentionHeld,
        penalty: c.contract.penalty,
        physicalProgress: c.contract.physicalProgress,
        absorption: c.contract.absorption,
        updatedAt: c.contract.updatedAt,
      }
    : null;
  return {
    package: c.package ? vendorSummary(c.package) : null,
    contract: figures,
    terms: party ? (data.terms ?? null) : null,
    signatures: party ? (data.signatures ?? null) : null,
    sCurve: c.sCurve,
    payments: c.payments,
    addenda: party ? ((data.addenda as unknown[] | undefined) ?? []) : [],
    progressReports: party ? ((data.reports as unknown[] | undefined) ?? []) : [],
    documents: party
      ? c.documents.map((d) => ({
          id: d.id,
          packageId: d.packageId,
          kind: d.kind,
          revision: d.revision,
          title: d.title,
          fileName: d.fileName,
          contentType: d.contentType,
          sha256: d.sha256,
          size: d.size,
          createdAt: d.createdAt,
          downloadUrl: d.downloadUrl,
        }))
      : [],
    myActions: c.myActions,
  };
}

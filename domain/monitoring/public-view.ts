/**
 * The public view of a package (no token): built field by field from an allowlist, never by passing the process data
 * through, so nothing is published by accident. What it leaves out on purpose: every user id (officials, the creator,
 * who acted when), emails, notes and payloads of steps, sealed bid content, commitments and bid ids. Vendors appear
 * by company name, and only from the opening on; prices only for opened bids; the winner only once the award is
 * public (selection.ts decides both).
 */
import type { PublicEvent } from '../views/public-events';
import type { Selection } from './selection';

export interface PublicFacts {
  id: string;
  title: string;
  opd: string;
  workUnit: string;
  category: string;
  method: string;
  fiscalYear: number;
  pagu: number;
  hps: number;
  status: string;
  stage: { id: string; name: string; enteredAt: string | null; closesAt: string | null };
  createdAt: string;
}

export interface PublicStage {
  stageId: string;
  name: string;
  enteredAt: string;
  closesAt: string | null;
  leftAt: string | null;
}

export interface PublicContract {
  status: string;
  originalValue: number;
  value: number;
  /** When both parties signed (null before). */
  signedAt: string | null;
  physicalProgress: number;
}

/** A public document (domain/views/public-documents.ts decides which), without its bytes. */
export interface PublicDocumentInfo {
  id: string;
  kind: string;
  title: string;
  fileName: string;
  contentType: string;
  sha256: string;
  size: number;
  createdAt: string;
  contract: boolean;
  downloadUrl: string;
}

/** Where the package's open data is, under which licence, by whom (runtime/config.ts OcdsConfig). */
export interface PublicOpenData {
  ocds: { releasePackage: string; recordPackage: string; bulkExport: { releases: string; records: string } };
  license: string;
  publicationPolicy: string | null;
  publisher: { name: string; uri: string };
}

export interface PublicExtras {
  events: PublicEvent[];
  documents: PublicDocumentInfo[];
  openData: PublicOpenData;
}

export function publicPackageView(
  facts: PublicFacts,
  stages: PublicStage[],
  openTasks: { name: string; dueAt: string | null }[],
  selection: Selection,
  vendorName: (vendorId: string) => string,
  contract: PublicContract | null,
  extras: PublicExtras,
) {
  const { id } = facts;
  return {
    ...facts,
    timeline: stages.map((s) => ({ stageId: s.stageId, name: s.name, enteredAt: s.enteredAt, closesAt: s.closesAt, leftAt: s.leftAt })),
    events: extras.events.map((e) => ({ at: e.at, kind: e.kind, title: e.title, stageId: e.stageId, contract: e.contract })),
    documents: extras.documents.map((d) => ({ ...d })),
    deadlines: {
      stageClosesAt: facts.stage.closesAt,
      tasks: openTasks.map((t) => ({ name: t.name, dueAt: t.dueAt })),
    },
    participation: { registrations: selection.registrations, bidsSubmitted: selection.bidsSubmitted },
    opening: selection.opening
      ? {
          opened: selection.opening.opened,
          rejected: selection.opening.rejected,
          bids: selection.opening.bids.map((b) => ({
            vendor: vendorName(b.vendorId),
            submittedAt: b.at !== undefined ? new Date(b.at).toISOString() : null,
            ...(b.price !== undefined ? { price: b.price } : {}),
          })),
        }
      : null,
    award: selection.awardPublic && selection.winner ? { winner: { vendor: vendorName(selection.winner.vendorId), price: selection.winner.price } } : null,
    contract,
    openData: extras.openData,
    links: {
      self: `/api/public/packages/${id}`,
      redFlags: `/api/public/packages/${id}/red-flags`,
      ocds: `/api/ocds/releases?packageId=${id}`,
      // The BPMN 2.0 diagram of the definition version the package runs (the console draws it with its stages).
      bpmn: `/api/public/packages/${id}/bpmn`,
    },
  };
}

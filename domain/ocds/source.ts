/**
 * What the OCDS releases of one package are built from: read-model rows, already converted to plain values (times in
 * epoch milliseconds, money as numbers of rupiah). db/queries/ocds.ts fills it; tests build it by hand.
 *
 * Everything here is either append-only (events), written once (documents, payments) or fixed at creation (facts),
 * which is what lets a release derived from them stay the same however often it is built. The only exception is
 * `awardData`: the award ranking lives in the package's latest view (see tender-section.ts for how it is used).
 */
import type { PackageFacts } from '../process/state';
import type { ProcessDefinition, Role } from '../process/definition';

export interface OcdsEvent {
  seq: number;
  at: number;
  type: string;
  stageId: string;
  action?: string | null;
  actorId?: string | null;
  actorRole?: string | null;
  details?: Record<string, unknown> | null;
}

/** A generated document (the bytes stay in the database; OCDS gets its metadata and SHA-256). */
export interface OcdsDocumentRow {
  id: string;
  kind: string;
  revision: number;
  title: string;
  contentType: string;
  sha256: string;
}

export interface OcdsPaymentRow {
  paymentId: string;
  kind: string;
  gross: number;
  net: number;
  paidAt: number;
}

/** The organisation an account belongs to: the only thing about a person OCDS publishes. */
export interface OcdsOrg {
  id: string;
  name: string;
}

/** An E-Kontrak child of the package: its data belongs to the parent's ocid. */
export interface OcdsContractSource {
  packageId: string;
  definition?: ProcessDefinition;
  facts: PackageFacts;
  events: OcdsEvent[];
  documents: OcdsDocumentRow[];
  payments: OcdsPaymentRow[];
}

export interface OcdsPackageSource {
  packageId: string;
  /** The definition the package runs (its own version); without it every stage counts as public. */
  definition?: ProcessDefinition;
  definitionName: string;
  method: string;
  facts: PackageFacts;
  assignments: Partial<Record<Role, string[]>>;
  events: OcdsEvent[];
  documents: OcdsDocumentRow[];
  /** `data.award` of the package's view (ranking and winner with prices), present only after the opening. */
  awardData?: { winner?: { vendorId: string; price: number }; ranking?: { vendorId: string; price: number }[] };
  /** Contract children in the order they were created. */
  contracts: OcdsContractSource[];
  /** Organisation of each account the releases mention (officers, bidders, providers). */
  orgs: Record<string, OcdsOrg>;
}

export interface OcdsOptions {
  /** Registered ocid prefix, `ocds-` and 6 lowercase letters or digits. */
  ocidPrefix: string;
  /** Absolute base URL of the public API, for document links and package URIs (no trailing slash). */
  baseUrl: string;
}

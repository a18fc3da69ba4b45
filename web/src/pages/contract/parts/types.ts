/**
 * GET /api/packages/{id}/contract: the generated types (web/src/api/schema.d.ts), refined where the OpenAPI document
 * leaves a member open on purpose because the contract definition decides its fields (terms, signatures, addenda,
 * progress reports): those are read here with the fields this page shows.
 */
import type { components } from '../../../api/schema';
import type { SCurvePoint } from '../../../charts/s-curve-data';

/** The vendor by company name, for officers and the vendor itself (null for any other vendor). */
export type ContractVendor = components['schemas']['ContractVendor'];

export type ContractAction = components['schemas']['ActorAction'];

export type ContractFigures = components['schemas']['ContractFigures'];

export type Payment = components['schemas']['ContractPayment'];

export type ContractDocument = components['schemas']['ContractDocument'];

export interface Signature {
  documentHash?: string;
  by?: string;
  at?: number | string;
}

export interface ProgressReport {
  id: string;
  period: number;
  physicalBp?: number;
  physicalPercent?: number;
  status: string;
  at?: number | string;
  reviewedAt?: number | string;
  note?: string;
  reviewNote?: string;
  evidence?: { name: string; sha256: string }[];
}

export interface Addendum {
  id: string;
  number: string;
  valueChange: number;
  extensionDays: number;
  reason: string;
  at?: number | string;
}

export interface ContractView {
  package: {
    id: string;
    title: string;
    opd: string;
    workUnit: string;
    status: string;
    parentPackageId?: string;
    createdAt: string;
    stage: { id: string; name: string; enteredAt: string | null; closesAt: string | null };
  } | null;
  contract: ContractFigures | null;
  vendor?: ContractVendor | null;
  terms: {
    performanceSecurity?: { required: boolean; amount?: number };
    advancePercent?: number;
    retentionPercent?: number;
    penaltyPerMillePerDay?: number;
  } | null;
  signatures: { ppk?: Signature; party?: Signature } | null;
  sCurve: SCurvePoint[];
  payments: Payment[];
  addenda: Addendum[];
  progressReports: ProgressReport[];
  documents: ContractDocument[];
  myActions?: ContractAction[];
}

/**
 * GET /api/packages/{id}/contract, typed locally with the members this page reads (api/routes/contract.ts and
 * domain/views/vendor-view.ts vendorContractView: a vendor who is not the provider gets terms, signatures, reports,
 * addenda and documents empty). web/src/api/schema.d.ts is being completed in parallel.
 */
import type { components } from '../../../api/schema';
import type { SCurvePoint } from '../../../charts/s-curve-data';

/** The provider by company name, for officers and the provider itself (null for any other vendor). */
export type ContractProvider = components['schemas']['ContractProvider'];

export interface ContractAction {
  id: string;
  name: string;
  stageId: string;
  stageName: string;
  target: 'package' | 'contract';
  schema: Record<string, unknown>;
  sealed: boolean;
  dueAt: string | null;
  closesAt: string | null;
}

export interface ContractFigures {
  packageId: string;
  parentPackageId: string | null;
  kind: string;
  number: string | null;
  providerId: string;
  category: string;
  opd: string;
  fiscalYear: number;
  status: string;
  stageId: string;
  originalValue: number;
  value: number;
  pagu: number;
  paid: number;
  retentionHeld: number;
  penalty: number;
  physicalProgress: number | null;
  absorption: { ofContract: number | null; ofPagu: number | null };
  updatedAt: string | null;
}

export interface Payment {
  id: string;
  kind: string;
  gross: number;
  advanceRepayment: number;
  retention: number;
  penalty: number;
  net: number;
  paidAt: string | null;
}

export interface ContractDocument {
  id: string;
  kind: string;
  revision: number;
  title: string;
  fileName: string;
  contentType: string;
  sha256: string;
  size: number;
  createdAt: string;
  downloadUrl: string;
}

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
  provider?: ContractProvider | null;
  terms: { performanceSecurity?: { required: boolean; amount?: number }; advancePercent?: number; retentionPercent?: number; penaltyPerMillePerDay?: number } | null;
  signatures: { ppk?: Signature; party?: Signature } | null;
  sCurve: SCurvePoint[];
  payments: Payment[];
  addenda: Addendum[];
  progressReports: ProgressReport[];
  documents: ContractDocument[];
  myActions?: ContractAction[];
}

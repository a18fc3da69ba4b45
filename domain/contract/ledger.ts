/**
 * The contract's state inside the process data of an E-Kontrak package, and what follows from it: payments net of
 * advance repayment, retention and penalty (Perpres 16/2018 Pasal 53), and the late penalty (Pasal 79(4)).
 * Everything here is a pure function of the data, shared by the rule book (inside the workflow) and the read model.
 */
import type { PackageFacts } from '../process/state';
import type { ContractTerms } from './terms';
import { mulDiv, mulDivUp, sum } from './money';

/**
 * Who the contract is with: `vendorId` (the penyedia account; a swakelola's executing team leader). A basis prepared
 * before the one vocabulary (issue 16) and a contract drafted on an earlier version (kontrak v1–v3, surat-pesanan
 * v1–v2, pelaksanaan-swakelola v1–v2) name it `providerId`: read either with vendorIdOf (domain/vendor-id.ts).
 */
export type VendorNamed = { vendorId: string; providerId?: never } | { providerId: string; vendorId?: never };

/** What the awarding package hands to the contract (integer rupiah). */
export type ContractBasis = VendorNamed & {
  kind: 'kontrak' | 'surat_pesanan' | 'swakelola';
  parentPackageId: string;
  providerName?: string;
  /** The agreed price: the winning (corrected, negotiated) bid, the order total, the swakelola budget. */
  value: number;
  bidPrice: number;
  /**
   * 'hps' when the award found the corrected winning bid below 80% of the HPS (after the price clarification): the
   * performance security is then 5% of the HPS (Pasal 33(3)). Absent: decided from `bidPrice` against the HPS.
   */
  securityBasis?: 'hps';
};

export type ContractData = VendorNamed & {
  kind: ContractBasis['kind'];
  providerName?: string;
  number: string;
  category: PackageFacts['category'];
  originalValue: number;
  value: number;
  pagu: number;
  hps: number;
  durationDays: number;
  /** Cumulative planned physical progress per reporting period, in basis points; the last is 10000. */
  plannedBp: number[];
  periodDays: number;
  /** Construction: the maintenance period between PHO and FHO, in calendar days (a term of the contract). */
  maintenanceDays: number;
  smallBusiness: boolean;
  multiYear: boolean;
  /** Bumped by every draft; the contract document of this revision is the one to sign. */
  revision: number;
  /** Kontrak v3: the PPN rate inside `value` (%), which the late penalty leaves out (late-penalty.ts). */
  ppnPercent?: number;
};

export type PaymentKind = 'uang_muka' | 'termin' | 'akhir' | 'retensi';
export interface Payment {
  id: string;
  kind: PaymentKind;
  gross: number;
  advanceRepayment: number;
  retention: number;
  penalty: number;
  net: number;
  at: number;
  by?: string;
  note?: string;
}

export interface ProgressReport {
  id: string;
  period: number;
  physicalBp: number;
  evidence: { name: string; sha256: string }[];
  status: 'diajukan' | 'diterima' | 'dikembalikan';
  by: string;
  at: number;
  note?: string;
  reviewNote?: string;
  reviewedAt?: number;
}

export interface Addendum {
  id: string;
  number: string;
  valueChange: number;
  extensionDays: number;
  reason: string;
  by: string;
  at: number;
}

export interface Handover {
  requestedAt: number;
  daysLate: number;
  penalty: number;
}

/** Typed access to the contract parts of the process data (written only by the reducers in rules.ts). */
export interface ContractView {
  contract?: ContractData;
  terms?: ContractTerms;
  payments: Payment[];
  reports: ProgressReport[];
  addenda: Addendum[];
  handover?: Handover;
}

export function contractView(data: Record<string, unknown>): ContractView {
  return {
    contract: data.contract as ContractData | undefined,
    terms: data.terms as ContractTerms | undefined,
    payments: (data.payments as Payment[] | undefined) ?? [],
    reports: (data.reports as ProgressReport[] | undefined) ?? [],
    addenda: (data.addenda as Addendum[] | undefined) ?? [],
    handover: data.handover as Handover | undefined,
  };
}

/** Accepted physical progress in basis points: the latest accepted report. */
export function acceptedProgressBp(v: ContractView): number {
  return Math.max(0, ...v.reports.filter((r) => r.status === 'diterima').map((r) => r.physicalBp));
}

export const advancePaid = (v: ContractView) => sum(v.payments.filter((p) => p.kind === 'uang_muka').map((p) => p.gross));
export const advanceRepaid = (v: ContractView) => sum(v.payments.map((p) => p.advanceRepayment));
/** Gross value of work paid for (advance excluded: it is money ahead of work, repaid from the terms). */
export const workPaidGross = (v: ContractView) => sum(v.payments.filter((p) => p.kind === 'termin' || p.kind === 'akhir').map((p) => p.gross));
export const retentionHeld = (v: ContractView) =>
  sum(v.payments.map((p) => p.retention)) - sum(v.payments.filter((p) => p.kind === 'retensi').map((p) => p.gross));
export const penaltyDeducted = (v: ContractView) => sum(v.payments.map((p) => p.penalty));
/** Money that left the budget: what budget absorption counts. */
export const paidToDate = (v: ContractView) => sum(v.payments.map((p) => p.net));
/** Sum of the value increases of all addenda; decreases do not earn room for later increases. */
export const addendaIncrease = (v: ContractView) => sum(v.addenda.map((a) => Math.max(0, a.valueChange)));

/**
 * A payment for work of `gross` rupiah: the advance is repaid in proportion to the work paid (all of what remains with
 * the final payment), retention is held back, and the late penalty is deducted from the final payment.
 */
export function computePayment(v: ContractView, kind: 'termin' | 'akhir', gross: number): Omit<Payment, 'id' | 'at'> {
  const c = v.contract!;
  const t = v.terms!;
  const outstanding = advancePaid(v) - advanceRepaid(v);
  const proportional = mulDivUp(advancePaid(v), gross, c.value);
  const advanceRepayment = kind === 'akhir' ? outstanding : Math.min(outstanding, proportional);
  const retention = mulDiv(gross, t.retentionPercent, 100);
  const penaltyDue = kind === 'akhir' ? Math.max(0, (v.handover?.penalty ?? 0) - penaltyDeducted(v)) : 0;
  const penalty = Math.min(penaltyDue, Math.max(0, gross - advanceRepayment - retention));
  return { kind, gross, advanceRepayment, retention, penalty, net: gross - advanceRepayment - retention - penalty };
}

/** Days late, counted in whole calendar days begun since the planned end (the late stage's entry). */
export function daysLate(lateSince: number, now: number, timeScale: number): number {
  const realDay = 86_400_000 * timeScale;
  return Math.max(1, Math.ceil((now - lateSince) / realDay));
}

export function latePenalty(value: number, days: number, perMille = 1): number {
  return mulDiv(value, days * perMille, 1000);
}

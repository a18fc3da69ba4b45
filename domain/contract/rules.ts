/**
 * E-Kontrak's checks and reducers for the rule book. Checks refuse a step with the rule it breaks, named by its legal
 * source; reducers write the step's consequences into the process data. Payloads arrive already validated against the
 * action's JSON schema, so shapes are trusted here and only the rules are checked.
 */
import type { Check, Reducer, Refusal, RuleContext } from '../process/rulebook';
import {
  acceptedProgressBp,
  addendaIncrease,
  advancePaid,
  computePayment,
  type ContractBasis,
  type ContractData,
  contractView,
  type VendorNamed,
  daysLate,
  latePenalty,
  type Payment,
  paidToDate,
  type ProgressReport,
  retentionHeld,
  workPaidGross,
} from './ledger';
import { mulDiv, percentToBp } from './money';
import { afterReportAccepted, criticalHandlingChecks, criticalHandlingReducers, extendExecutionPeriod } from './critical-handling';
import { latenessChecks, latenessReducers } from './lateness';
import { contractTerms } from './terms';
import { type VendorKey, vendorIdOf } from '../vendor-id';

const refuse = (status: Refusal['status'], code: string, message: string, details?: Record<string, unknown>): Refusal => ({
  status,
  code,
  message,
  ...(details ? { details } : {}),
});

const num = (ctx: RuleContext, key: string) => ctx.payload[key] as number;
const str = (ctx: RuleContext, key: string) => ctx.payload[key] as string;

function listAt<T>(data: Record<string, unknown>, key: string): T[] {
  if (!Array.isArray(data[key])) data[key] = [];
  return data[key] as T[];
}

function addPayment(ctx: RuleContext, p: Omit<Payment, 'id' | 'at'>) {
  const payments = listAt<Payment>(ctx.data, 'payments');
  payments.push({ id: `pembayaran-${payments.length + 1}`, ...p, at: ctx.now, by: ctx.actor.id });
}

export const contractChecks: Record<string, Check> = {
  /** The plan must end at 100% and never go down. */
  plannedProgressValid: (ctx) => {
    const plan = ctx.payload.plannedProgress as number[];
    const bp = plan.map(percentToBp);
    if (bp[bp.length - 1] !== 10_000 || bp.some((x, i) => i > 0 && x < bp[i - 1]!)) {
      return refuse(422, 'planned_progress_invalid', 'Rencana kemajuan kumulatif harus naik dan berakhir di 100%.', { plannedProgress: plan });
    }
    return undefined;
  },

  /** Pasal 33: the performance security covers at least the required amount. */
  performanceSecuritySufficient: (ctx) => {
    const required = contractView(ctx.data).terms?.performanceSecurity.amount ?? 0;
    if (num(ctx, 'amount') < required) {
      return refuse(422, 'performance_security_too_low', `Jaminan pelaksanaan kurang dari Rp${required} (Perpres 16/2018 Pasal 33).`, {
        required,
        given: num(ctx, 'amount'),
      });
    }
    return undefined;
  },

  /** Pasal 29 and 34: an advance once, within the ceiling, against a guarantee of at least the same amount. */
  advanceAllowed: (ctx) => {
    const v = contractView(ctx.data);
    if (advancePaid(v) > 0) return refuse(409, 'advance_already_paid', 'Uang muka sudah dibayarkan.');
    const amount = num(ctx, 'amount');
    const max = v.terms!.maxAdvance;
    if (amount > max) {
      return refuse(422, 'advance_over_ceiling', `Uang muka paling tinggi ${v.terms!.advancePercent}% dari nilai kontrak (Perpres 16/2018 Pasal 29).`, {
        max,
        requested: amount,
        percent: v.terms!.advancePercent,
      });
    }
    if (num(ctx, 'guaranteeAmount') < amount) {
      return refuse(422, 'advance_guarantee_insufficient', 'Jaminan uang muka harus sekurang-kurangnya senilai uang muka (Perpres 16/2018 Pasal 34).', {
        amount,
        guaranteeAmount: num(ctx, 'guaranteeAmount'),
      });
    }
    return undefined;
  },

  /** One report in review at a time; physical progress never goes down; periods within the plan. */
  progressReportValid: (ctx) => {
    const v = contractView(ctx.data);
    if (v.reports.some((r) => r.status === 'diajukan')) {
      return refuse(409, 'report_pending', 'Laporan kemajuan sebelumnya masih menunggu pemeriksaan PPK.');
    }
    const bp = percentToBp(num(ctx, 'physicalPercent'));
    const accepted = acceptedProgressBp(v);
    if (bp < accepted) {
      return refuse(422, 'progress_decreased', 'Kemajuan fisik tidak boleh lebih rendah dari laporan yang sudah diterima.', {
        accepted: accepted / 100,
        reported: bp / 100,
      });
    }
    return undefined;
  },

  reportPending: (ctx) => {
    const report = contractView(ctx.data).reports.find((r) => r.id === str(ctx, 'reportId'));
    if (!report) return refuse(422, 'report_not_found', `Tidak ada laporan kemajuan '${str(ctx, 'reportId')}'.`);
    if (report.status !== 'diajukan') {
      return refuse(409, 'report_not_pending', `Laporan '${report.id}' sudah ${report.status}.`, { status: report.status });
    }
    return undefined;
  },

  /** Pasal 53(4): work is paid only up to what accepted progress covers. */
  termPaymentAllowed: (ctx) => {
    const v = contractView(ctx.data);
    const earned = mulDiv(v.contract!.value, acceptedProgressBp(v), 10_000);
    const paid = workPaidGross(v);
    const gross = num(ctx, 'grossAmount');
    if (paid + gross > earned) {
      return refuse(422, 'payment_exceeds_progress', 'Pembayaran melebihi prestasi pekerjaan yang sudah diterima (Perpres 16/2018 Pasal 53 ayat 4).', {
        earned,
        alreadyPaid: paid,
        requested: gross,
        available: Math.max(0, earned - paid),
      });
    }
    return undefined;
  },

  /** Pasal 54(2): all increases together at most 10% of the original contract value; never below what is paid. */
  addendumWithinCap: (ctx) => {
    const v = contractView(ctx.data);
    const c = v.contract!;
    const change = num(ctx, 'valueChange');
    const cap = mulDiv(c.originalValue, 10, 100);
    const increases = addendaIncrease(v) + Math.max(0, change);
    if (increases > cap) {
      return refuse(
        422,
        'addendum_over_10_percent',
        'Penambahan nilai kontrak melalui adendum paling banyak 10% dari harga dalam kontrak awal (Perpres 16/2018 Pasal 54 ayat 2).',
        { originalValue: c.originalValue, cap, increasesSoFar: addendaIncrease(v), requested: change, rule: 'Perpres 16/2018 Pasal 54(2)' },
      );
    }
    if (c.value + change < workPaidGross(v)) {
      return refuse(422, 'addendum_below_paid', 'Nilai kontrak setelah adendum lebih kecil dari yang sudah dibayar.', {
        paid: workPaidGross(v),
      });
    }
    return undefined;
  },

  /** Pasal 57(1): the provider asks for handover when the work is 100% done. */
  handoverReady: (ctx) => {
    const bp = acceptedProgressBp(contractView(ctx.data));
    if (bp < 10_000) {
      return refuse(409, 'progress_incomplete', 'Serah terima diminta setelah pekerjaan 100% (Perpres 16/2018 Pasal 57 ayat 1).', {
        accepted: bp / 100,
      });
    }
    return undefined;
  },

  /** The final payment settles the rest of the contract value, once. */
  finalPaymentOpen: (ctx) => {
    const v = contractView(ctx.data);
    if (v.payments.some((p) => p.kind === 'akhir')) return refuse(409, 'final_payment_done', 'Pembayaran akhir sudah dilakukan.');
    return undefined;
  },

  // Kontrak kritis (kontrak v2): SCM I–III, their test results, termination on that ground (critical-handling.ts).
  ...criticalHandlingChecks,
  // Lateness decided by the PPK, swakelola addenda, the maintenance floor (kontrak v3, swakelola v2; lateness.ts).
  ...latenessChecks,
};

/**
 * The PPK fills in the contract data (SSKK); the terms follow from it. A redraft bumps the revision. The vendor goes
 * to `contract.<key>`: 'vendorId' for the definitions of the one vocabulary (kontrak v4, surat-pesanan v3,
 * pelaksanaan-swakelola v3), 'providerId' for the earlier versions, whose performers (`actorIs`) read that key.
 */
function draftContractWith(ctx: RuleContext, key: VendorKey): void {
  const facts = ctx.data.package as { category: ContractData['category']; pagu: number; hps: number; contractBasis: ContractBasis };
  const basis = facts.contractBasis;
  const previous = ctx.data.contract as ContractData | undefined;
  // A contract started before the change has its basis in the old words; either names the same vendor.
  const id = vendorIdOf(basis) ?? '';
  const vendor: VendorNamed = key === 'vendorId' ? { vendorId: id } : { providerId: id };
  const contract: ContractData = {
    kind: basis.kind,
    ...vendor,
    ...(basis.providerName ? { providerName: basis.providerName } : {}),
    number: str(ctx, 'number'),
    category: facts.category,
    originalValue: basis.value,
    value: basis.value,
    pagu: facts.pagu,
    hps: facts.hps,
    durationDays: num(ctx, 'durationDays'),
    plannedBp: (ctx.payload.plannedProgress as number[]).map(percentToBp),
    periodDays: (ctx.payload.periodDays as number | undefined) ?? 30,
    maintenanceDays: (ctx.payload.maintenanceDays as number | undefined) ?? 180,
    smallBusiness: ctx.payload.smallBusiness === true,
    multiYear: ctx.payload.multiYear === true,
    revision: (previous?.revision ?? 0) + 1,
  };
  ctx.data.contract = contract;
  ctx.data.terms = contractTerms({
    category: contract.category,
    value: contract.value,
    bidPrice: basis.bidPrice,
    hps: facts.hps,
    ...(basis.securityBasis ? { securityBasis: basis.securityBasis } : {}),
    smallBusiness: contract.smallBusiness,
    multiYear: contract.multiYear,
    kind: basis.kind,
  });
}

export const contractReducers: Record<string, Reducer> = {
  /** Contracts on the versions before the one vocabulary: the vendor at `contract.providerId`. */
  draftContract: (ctx) => draftContractWith(ctx, 'providerId'),
  /** The one vocabulary (surat-pesanan v3, pelaksanaan-swakelola v3): the vendor at `contract.vendorId`. */
  draftContractVendor: (ctx) => draftContractWith(ctx, 'vendorId'),

  payAdvance: (ctx) => {
    addPayment(ctx, { kind: 'uang_muka', gross: num(ctx, 'amount'), advanceRepayment: 0, retention: 0, penalty: 0, net: num(ctx, 'amount') });
    ctx.data.advanceGuarantee = { number: str(ctx, 'guaranteeNumber'), amount: num(ctx, 'guaranteeAmount'), at: ctx.now };
  },

  submitProgressReport: (ctx) => {
    const reports = listAt<ProgressReport>(ctx.data, 'reports');
    reports.push({
      id: `laporan-${reports.length + 1}`,
      period: num(ctx, 'period'),
      physicalBp: percentToBp(num(ctx, 'physicalPercent')),
      evidence: ctx.payload.evidence as ProgressReport['evidence'],
      status: 'diajukan',
      by: ctx.actor.id,
      at: ctx.now,
      ...(ctx.payload.note ? { note: str(ctx, 'note') } : {}),
    });
  },

  reviewProgressReport: (ctx) => {
    const report = contractView(ctx.data).reports.find((r) => r.id === str(ctx, 'reportId'))!;
    report.status = ctx.payload.decision === 'terima' ? 'diterima' : 'dikembalikan';
    report.reviewedAt = ctx.now;
    if (ctx.payload.note) report.reviewNote = str(ctx, 'note');
  },

  /**
   * Kontrak v2's review: an accepted report is also what the SSUK judges a contract by, so it may start or end a
   * kontrak kritis handling. v1 keeps the plain review (its running contracts have no handling steps to offer).
   */
  reviewProgressReportJudged: (ctx) => {
    contractReducers.reviewProgressReport!(ctx);
    const report = contractView(ctx.data).reports.find((r) => r.id === str(ctx, 'reportId'))!;
    if (report.status === 'diterima') afterReportAccepted(ctx, report);
  },

  payTerm: (ctx) => addPayment(ctx, computePayment(contractView(ctx.data), 'termin', num(ctx, 'grossAmount'))),

  /** The rest of the contract value, net of what remains of the advance, retention and the late penalty. */
  payFinal: (ctx) => {
    const v = contractView(ctx.data);
    addPayment(ctx, computePayment(v, 'akhir', v.contract!.value - workPaidGross(v)));
  },

  addendum: (ctx) => {
    const c = ctx.data.contract as ContractData;
    const addenda = listAt<Record<string, unknown>>(ctx.data, 'addenda');
    addenda.push({
      id: `adendum-${addenda.length + 1}`,
      number: str(ctx, 'number'),
      valueChange: num(ctx, 'valueChange'),
      extensionDays: num(ctx, 'extensionDays'),
      reason: str(ctx, 'reason'),
      by: ctx.actor.id,
      at: ctx.now,
    });
    c.value += num(ctx, 'valueChange');
    c.durationDays += num(ctx, 'extensionDays');
    extendExecutionPeriod(ctx, num(ctx, 'extensionDays'));
  },

  /** In a late stage the handover request fixes the days late and the penalty (Pasal 79(4)). */
  requestHandover: (ctx) => {
    const v = contractView(ctx.data);
    const late = ctx.stage.id.startsWith('late_');
    const days = late ? daysLate(ctx.stage.enteredAt, ctx.now, ctx.timeScale) : 0;
    ctx.data.handover = {
      requestedAt: ctx.now,
      daysLate: days,
      penalty: late ? latePenalty(v.contract!.value, days, v.terms!.penaltyPerMillePerDay) : 0,
    };
  },

  /** A late delivery of an order: the delivery and the penalty it carries. */
  recordLateDelivery: (ctx) => {
    ctx.data.delivery = { ...ctx.payload, by: ctx.actor.id, at: ctx.now };
    contractReducers.requestHandover!(ctx);
  },

  /** An order is done in one delivery: the receipt check accepts 100% of it. */
  acceptDelivery: (ctx) => {
    const reports = listAt<ProgressReport>(ctx.data, 'reports');
    reports.push({
      id: `laporan-${reports.length + 1}`,
      period: 1,
      physicalBp: 10_000,
      evidence: [],
      status: 'diterima',
      by: ctx.actor.id,
      at: ctx.now,
      reviewedAt: ctx.now,
    });
    ctx.data.inspection = { ...ctx.payload, by: ctx.actor.id, at: ctx.now };
  },

  /** Retention held back on every payment is paid out after the maintenance period (Pasal 35). */
  releaseRetention: (ctx) => {
    const held = retentionHeld(contractView(ctx.data));
    addPayment(ctx, { kind: 'retensi', gross: held, advanceRepayment: 0, retention: 0, penalty: 0, net: held });
  },

  /** Kontrak v3's draft: v1's, and the PPN rate inside the value, which the late penalty leaves out (LATENESS.md). */
  draftContractV3: (ctx) => {
    contractReducers.draftContract!(ctx);
    latenessReducers.recordPpn(ctx);
  },

  /** Kontrak v4: v3's draft with the vendor at `contract.vendorId`. */
  draftContractV4: (ctx) => {
    contractReducers.draftContractVendor!(ctx);
    latenessReducers.recordPpn(ctx);
  },

  ...criticalHandlingReducers,
  ...latenessReducers,
};

/** For tests and the read model: what has been paid, by the same functions the reducers use. */
export const ledgerTotals = (data: Record<string, unknown>) => {
  const v = contractView(data);
  return { paid: paidToDate(v), retentionHeld: retentionHeld(v), progressBp: acceptedProgressBp(v), workPaid: workPaidGross(v) };
};

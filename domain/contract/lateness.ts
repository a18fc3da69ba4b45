/**
 * What happens when the contract period ends unfinished (kontrak v3, pelaksanaan-swakelola v2; LATENESS.md):
 * nothing automatic. The PPK decides: the pemberian kesempatan (Perpres 16/2018 Pasal 56), by an addendum recording
 * its days, the late penalty (Pasal 79 ayat (4), late-penalty.ts) and the extended performance security, at most 50
 * calendar days in all; or the termination, which cashes the performance security and proposes the blacklist
 * (Pasal 78 ayat (5) huruf d, docs/regulation.md §2.10 K8). A swakelola team is neither penalised nor blacklisted (Pasal 47–49:
 * it is no provider), so its PPK extends the time or stops the work, and its addenda are bounded by the budget, not by
 * the 10% cap of Pasal 54, which governs contracts with a provider.
 *
 * All of it lives at `data.lateness` (Lateness); checks and reducers are pure functions of the step, registered in
 * the rule book through rules.ts, so they run inside the workflow and replay the same way.
 */
import { wibDayText, wibTimeText } from '../calendar/wib-text';
import { rupiah } from '../monitoring/format';
import type { Refusal, RuleContext } from '../process/rulebook';
import { DEFAULT_PPN_PERCENT, latePenaltyBase, latePenaltyFor, type PenaltyBase } from './late-penalty';
import { type ContractData, contractView, daysLate, workPaidGross } from './ledger';

const DAY_MS = 86_400_000;

export const RULES = {
  kesempatan: 'Perpres 16/2018 Pasal 56',
  penalty: 'Perpres 16/2018 Pasal 79 ayat (4)',
  termination: 'Perpres 16/2018 Pasal 78 ayat (5) huruf d',
  addendumCap: 'Perpres 16/2018 Pasal 54 ayat (2)',
  swakelola: 'Perpres 16/2018 Pasal 47 dan 49',
} as const;

export const MAINTENANCE_FLOOR_RULE =
  'Masa pemeliharaan konstruksi: batas minimum menurut peraturan belum terverifikasi; diasumsikan 6 bulan (bangunan permanen) / 3 bulan (semipermanen)';

/** Maintenance floor of semi-permanent construction (assumed 3 months, docs/regulation.md §2.10 K12; LATENESS.md). */
export const SEMI_PERMANENT_MAINTENANCE_DAYS = 90;

/** The ceiling of the pemberian kesempatan, all grants together (calendar days); a package may set a lower one. */
export const MAX_KESEMPATAN_DAYS = 50;

export interface PerformanceSecurityRecord {
  guaranteeNumber: string;
  issuer: string;
  amount: number;
  validUntil: string;
}

/** One pemberian kesempatan (or, in a swakelola, one extension of time), as its addendum records it. */
export interface KesempatanGrant {
  addendumNumber: string;
  days: number;
  /** The penalty the addendum fixes (absent for a swakelola). */
  penalty?: PenaltyBase;
  /** The extended performance security (when the contract needs one). */
  security?: PerformanceSecurityRecord;
  /** Nominal last day of the extra time (WIB date), from the SPMK's start and the contract period. */
  until?: string;
  note?: string;
  by: string;
  at: number;
}

/**
 * `data.lateness`: `since` is when the contract period ended (workflow time; days late count from it), `grants` the
 * PPK's decisions to give time, `totalDays` their sum, `windowDays` the length of the current extra-time window
 * (the definition's `durationFrom`).
 */
export interface Lateness {
  since: number;
  grants: KesempatanGrant[];
  totalDays: number;
  windowDays: number;
}

const refuse = (status: Refusal['status'], code: string, message: string, rule: string, details?: Record<string, unknown>): Refusal => ({
  status,
  code,
  message,
  details: { rule, ...details },
});

export const latenessOf = (data: Record<string, unknown>) => data.lateness as Lateness | undefined;

/** A schedule value of the package: the Pokja's/PPK's own, the creation's, else the definition's default. */
function paramValue(ctx: RuleContext, name: string, fallback: number): number {
  const own = (ctx.data.schedule as Record<string, number> | undefined)?.[name];
  return own ?? ctx.schedule?.[name] ?? ctx.def?.params[name]?.default ?? fallback;
}

/** The limit of all kesempatan together: the package's parameter, never above the 50 days. */
export const kesempatanLimit = (ctx: RuleContext) => Math.min(MAX_KESEMPATAN_DAYS, paramValue(ctx, 'maxLateDays', MAX_KESEMPATAN_DAYS));

/** The performance security in force: the latest extension, else the one handed in before signing. */
export function currentPerformanceSecurity(data: Record<string, unknown>): PerformanceSecurityRecord | undefined {
  const extended = latenessOf(data)
    ?.grants.filter((g) => g.security)
    .at(-1)?.security;
  return extended ?? (data.performanceSecurity as PerformanceSecurityRecord | undefined);
}

/** WIB date `days` calendar days after the nominal end of the contract period (SPMK start + contract days). */
function nominalDateAfterEnd(data: Record<string, unknown>, days: number): string | undefined {
  const start = (data.spmk as { startDate?: string } | undefined)?.startDate;
  const c = data.contract as ContractData | undefined;
  if (!start || !c) return undefined;
  const t = Date.parse(`${start}T00:00:00Z`) + (c.durationDays + days) * DAY_MS;
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : undefined;
}

/** The penalty a handover request (or a final account) carries now: 1‰ of the base per day since the period ended. */
export function lateState(ctx: RuleContext): { daysLate: number; penalty: number; base?: PenaltyBase } {
  const l = latenessOf(ctx.data);
  const base = l?.grants.filter((g) => g.penalty).at(-1)?.penalty;
  if (!l || !base) return { daysLate: 0, penalty: 0 };
  const days = daysLate(l.since, ctx.now, ctx.timeScale);
  return { daysLate: days, penalty: latePenaltyFor(base.base, days), base };
}

function startLateness(ctx: RuleContext): Lateness {
  let l = latenessOf(ctx.data);
  if (!l) {
    // The first decision is taken in the stage the closing execution window led to: its entry is the period's end.
    l = { since: ctx.stage.enteredAt, grants: [], totalDays: 0, windowDays: 0 };
    ctx.data.lateness = l;
  }
  return l;
}

export const latenessChecks = {
  /**
   * Pasal 56: extra time only by an addendum with the penalty and the extended performance security; at most 50
   * calendar days in all (a second grant only within what is left).
   */
  kesempatanAllowed: (ctx: RuleContext): Refusal | undefined => {
    const limit = kesempatanLimit(ctx);
    const granted = latenessOf(ctx.data)?.totalDays ?? 0;
    const days = ctx.payload.days as number;
    if (granted >= limit) {
      return refuse(
        409,
        'kesempatan_exhausted',
        `Pemberian kesempatan sudah ${granted} hari kalender, batasnya ${limit} hari (${RULES.kesempatan}): PPK memutus kontrak.`,
        RULES.kesempatan,
        { limitDays: limit, grantedDays: granted },
      );
    }
    if (granted + days > limit) {
      return refuse(
        422,
        'kesempatan_over_limit',
        `Pemberian kesempatan paling lama ${limit} hari kalender seluruhnya (${RULES.kesempatan}); sudah diberikan ${granted} hari, tersisa ${limit - granted} hari.`,
        RULES.kesempatan,
        { limitDays: limit, grantedDays: granted, requestedDays: days, remainingDays: limit - granted },
      );
    }
    const terms = contractView(ctx.data).terms;
    if (terms?.performanceSecurity.required) {
      const s = ctx.payload.security as PerformanceSecurityRecord | undefined;
      if (!s) {
        return refuse(
          422,
          'security_extension_required',
          `Adendum pemberian kesempatan memuat perpanjangan jaminan pelaksanaan (${RULES.kesempatan} ayat (2)): isi data jaminan (security).`,
          RULES.kesempatan,
        );
      }
      const required = terms.performanceSecurity.amount ?? 0;
      if (s.amount < required) {
        return refuse(
          422,
          'performance_security_too_low',
          `Jaminan pelaksanaan yang diperpanjang kurang dari ${rupiah(required)} (Perpres 16/2018 Pasal 33).`,
          'Perpres 16/2018 Pasal 33',
          {
            required,
            given: s.amount,
          },
        );
      }
      const until = nominalDateAfterEnd(ctx.data, granted + days);
      if (until && s.validUntil < until) {
        return refuse(
          422,
          'security_validity_too_short',
          `Jaminan pelaksanaan harus berlaku sekurang-kurangnya sampai akhir pemberian kesempatan, ${wibDayText(Date.parse(`${until}T12:00:00+07:00`))} (${RULES.kesempatan}).`,
          RULES.kesempatan,
          {
            requiredUntil: until,
            validUntil: s.validUntil,
          },
        );
      }
    }
    return undefined;
  },

  /**
   * Kontrak v3's termination: on the ground of lateness only once the contract period has ended (the PPK's decision
   * after it, Pasal 56); the kontrak kritis ground keeps its SSUK sequence (critical-handling.ts, run before this).
   */
  lateTerminationGrounds: (ctx: RuleContext): Refusal | undefined => {
    if (ctx.payload.grounds === 'keterlambatan' && !latenessOf(ctx.data) && !ctx.stage.id.startsWith('late_')) {
      return refuse(
        409,
        'contract_period_running',
        `Pemutusan karena keterlambatan baru dapat diputuskan setelah masa pelaksanaan kontrak berakhir (${RULES.kesempatan}).`,
        RULES.kesempatan,
      );
    }
    return undefined;
  },

  /**
   * A swakelola addendum: no 10% cap (Pasal 54 governs contracts with a provider; a swakelola team is none, Pasal 47),
   * but the value stays within the budget (pagu) and never below what was paid.
   */
  swakelolaAddendumAllowed: (ctx: RuleContext): Refusal | undefined => {
    const v = contractView(ctx.data);
    const c = v.contract!;
    const after = c.value + (ctx.payload.valueChange as number);
    if (after > c.pagu) {
      return refuse(422, 'addendum_over_budget', `Nilai swakelola setelah adendum melebihi pagu anggaran ${rupiah(c.pagu)}.`, RULES.swakelola, {
        pagu: c.pagu,
        valueAfter: after,
      });
    }
    if (after < workPaidGross(v)) {
      return refuse(422, 'addendum_below_paid', 'Nilai kontrak setelah adendum lebih kecil dari yang sudah dibayar.', RULES.swakelola, {
        paid: workPaidGross(v),
      });
    }
    return undefined;
  },

  /**
   * The maintenance period of a construction contract is at least the package's floor (minMaintenanceDays, permanent
   * works) or 90 days for semi-permanent works (the legal minimum is not verified, LATENESS.md).
   */
  maintenancePeriodAtLeastFloor: (ctx: RuleContext): Refusal | undefined => {
    if ((ctx.data.package as { category?: string }).category !== 'pekerjaan_konstruksi') return undefined;
    // Semi-permanent works (the PPK says so in the draft): the lower assumed minimum of 3 months.
    const floor = ctx.payload.semiPermanent === true ? SEMI_PERMANENT_MAINTENANCE_DAYS : paramValue(ctx, 'minMaintenanceDays', 180);
    const days = (ctx.payload.maintenanceDays as number | undefined) ?? 180;
    if (days < floor) {
      return refuse(
        422,
        'maintenance_period_too_short',
        `Masa pemeliharaan pekerjaan konstruksi paling singkat ${floor} hari kalender.`,
        MAINTENANCE_FLOOR_RULE,
        {
          minDays: floor,
          givenDays: days,
        },
      );
    }
    return undefined;
  },
};

export const latenessReducers = {
  /** Kontrak v3's draft: v1's, plus the PPN rate inside the contract value (for the penalty's base). */
  recordPpn: (ctx: RuleContext): void => {
    (ctx.data.contract as ContractData).ppnPercent = (ctx.payload.ppnPercent as number | undefined) ?? DEFAULT_PPN_PERCENT;
  },

  /** The addendum of a pemberian kesempatan: its days, the penalty it fixes, the extended security. */
  grantKesempatan: (ctx: RuleContext): void => {
    const l = startLateness(ctx);
    const c = ctx.data.contract as ContractData;
    const days = ctx.payload.days as number;
    const until = nominalDateAfterEnd(ctx.data, l.totalDays + days);
    l.grants.push({
      addendumNumber: ctx.payload.addendumNumber as string,
      days,
      penalty: latePenaltyBase({ contractValue: c.value, ppnPercent: c.ppnPercent ?? DEFAULT_PPN_PERCENT }),
      ...(ctx.payload.security ? { security: ctx.payload.security as PerformanceSecurityRecord } : {}),
      ...(until ? { until } : {}),
      ...(ctx.payload.note ? { note: ctx.payload.note as string } : {}),
      by: ctx.actor.id,
      at: ctx.now,
    });
    l.totalDays += days;
    l.windowDays = days;
  },

  /** A swakelola's extension of time: an addendum without penalty or security (the team is no provider). */
  extendSwakelola: (ctx: RuleContext): void => {
    const l = startLateness(ctx);
    const days = ctx.payload.days as number;
    l.grants.push({
      addendumNumber: ctx.payload.addendumNumber as string,
      days,
      ...(ctx.payload.note ? { note: ctx.payload.note as string } : {}),
      by: ctx.actor.id,
      at: ctx.now,
    });
    l.totalDays += days;
    l.windowDays = days;
  },

  /** Kontrak v3's handover request: late, it fixes the days since the period ended and the penalty of the addendum. */
  requestHandoverV3: (ctx: RuleContext): void => {
    const s = lateState(ctx);
    ctx.data.handover = {
      requestedAt: ctx.now,
      daysLate: s.daysLate,
      penalty: s.penalty,
      ...(s.base ? { penaltyBase: s.base.base, penaltyBasis: s.base.basis, rule: RULES.penalty } : {}),
    };
  },

  /**
   * Termination by the PPK (kontrak v3): recorded like v1's, and the performance security in force is cashed
   * (Pasal 78 ayat (5) huruf d); the next stage proposes the blacklist. After the period ended the ground is lateness.
   */
  terminateContract: (ctx: RuleContext): void => {
    const late = ctx.stage.id.startsWith('late_');
    ctx.data.termination = {
      ...ctx.payload,
      ...(ctx.payload.grounds || !late ? {} : { grounds: 'keterlambatan' }),
      by: ctx.actor.id,
      at: ctx.now,
    };
    const s = currentPerformanceSecurity(ctx.data);
    if (s) {
      ctx.data.securityCashed = {
        guaranteeNumber: s.guaranteeNumber,
        issuer: s.issuer,
        amount: s.amount,
        validUntil: s.validUntil,
        cashedAt: ctx.now,
        cashedAtWib: wibTimeText(ctx.now),
        rule: RULES.termination,
      };
    }
    if (late) {
      const st = lateState(ctx);
      if (st.base) ctx.data.latePenaltyDue = { daysLate: st.daysLate, penalty: st.penalty, rule: RULES.penalty };
    }
  },

  /** An order delivered in the extra time (surat pesanan v2): the delivery, the days late and the penalty. */
  recordLateDeliveryV2: (ctx: RuleContext): void => {
    ctx.data.delivery = { ...ctx.payload, by: ctx.actor.id, at: ctx.now };
    latenessReducers.requestHandoverV3(ctx);
  },

  /** A swakelola stopped by the PPK: recorded, no security to cash and no blacklist (the team is no provider). */
  stopSwakelola: (ctx: RuleContext): void => {
    ctx.data.termination = { ...ctx.payload, grounds: 'penghentian_swakelola', by: ctx.actor.id, at: ctx.now };
  },
};

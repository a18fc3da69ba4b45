/**
 * Red flags (indikasi risiko) per package, each with its code, a title in Bahasa Indonesia, a severity and an
 * explanation that carries the numbers behind it, so a monitor (APIP, KPK, the public) can check it without trusting
 * the flag. Pure: the inputs are numbers the read model already holds (db/queries/red-flags.ts loads them); the
 * thresholds are in ./thresholds.ts.
 *
 * A flag is a reason to look closer, never a finding: a single bid or a price near the HPS has honest explanations.
 */
import { percent, ratio4, rupiah } from './format';
import { RED_FLAG_RULES, type RedFlagRules } from './thresholds';

export const FLAG_CODES = [
  'single_bidder',
  'short_bid_window',
  'price_near_hps',
  'repeat_winner',
  'many_disqualified',
  'contract_value_increase',
  'late_contract',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];
export type Severity = 'rendah' | 'sedang' | 'tinggi';

export const FLAG_TITLES: Record<FlagCode, string> = {
  single_bidder: 'Hanya satu penawaran',
  short_bid_window: 'Masa pemasukan penawaran singkat',
  price_near_hps: 'Harga pemenang mendekati HPS',
  repeat_winner: 'Pemenang yang sama berulang di satu OPD',
  many_disqualified: 'Banyak penawaran gugur',
  contract_value_increase: 'Nilai kontrak naik melalui adendum',
  late_contract: 'Kontrak terlambat',
};

export interface RedFlag {
  code: FlagCode;
  title: string;
  severity: Severity;
  /** One or two sentences with the figures, in Bahasa Indonesia. */
  explanation: string;
  /** The same figures, machine-readable (money in integer rupiah, ratios with four decimals). */
  numbers: Record<string, number | string | boolean>;
}

export interface RedFlagInput {
  method: string;
  hps: number;
  /** The opening of the bids: how many were opened and how many were rejected at the opening (undefined before). */
  bids?: { opened: number; rejectedAtOpening: number };
  /** Bids that failed the evaluation (administration, qualification, technical, above the HPS…); undefined before. */
  failedInEvaluation?: number;
  /**
   * The bid submission window in the schedule's time (epoch ms) and the working days it gave; `timeScale` when the
   * system runs with a compressed schedule (TIME_SCALE, development only), whose real windows are that much shorter.
   * The loader gives it to the officers' view only: public text never mentions an internal setting.
   */
  bidWindow?: { from: number; to: number; workingDays: number; timeScale?: number };
  /** The winner (by company name) and the winning price. */
  winner?: { name: string; price: number };
  /** The winner's wins in the package's OPD and fiscal year, and all awarded packages there. */
  winnerRecord?: { opd: string; fiscalYear: number; wins: number; awardedInOpd: number };
  /** The package's contract (E-Kontrak): original and current value, addenda, lateness. */
  contract?: {
    originalValue: number;
    value: number;
    addenda: number;
    late?: { since: number; daysLate: number; penalty: number; handedOver: boolean; terminated: boolean };
  };
}

const flag = (code: FlagCode, severity: Severity, explanation: string, numbers: RedFlag['numbers']): RedFlag => ({
  code,
  title: FLAG_TITLES[code],
  severity,
  explanation,
  numbers,
});

const wib = (ms: number) => `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')} WIB`;

type Check = (i: RedFlagInput, r: RedFlagRules) => RedFlag | null;

const CHECKS: Record<FlagCode, Check> = {
  single_bidder: (i, r) => {
    if (!r.competitiveMethods.includes(i.method) || !i.bids || i.bids.opened !== 1) return null;
    const received = i.bids.opened + i.bids.rejectedAtOpening;
    return flag('single_bidder', 'tinggi', `Hanya 1 penawaran yang dibuka pada metode ${i.method} (penawaran masuk: ${received}). Persaingan tidak terjadi.`, {
      bidsOpened: i.bids.opened,
      bidsReceived: received,
    });
  },

  short_bid_window: (i, r) => {
    const rule = r.bidWindow[i.method];
    if (!rule || !i.bidWindow || i.bidWindow.workingDays >= rule.minWorkingDays) return null;
    const w = i.bidWindow;
    return flag(
      'short_bid_window',
      w.workingDays === 0 ? 'tinggi' : 'sedang',
      `Masa pemasukan penawaran ${w.workingDays} hari kerja (${wib(w.from)} s.d. ${wib(w.to)}` +
        `${w.timeScale !== undefined ? ', diukur dalam waktu jadwal; jadwal dipercepat untuk uji coba' : ''}), ` +
        `kurang dari minimum ${rule.minWorkingDays} hari kerja. Acuan minimum: ${rule.source}.`,
      {
        workingDays: w.workingDays,
        minWorkingDays: rule.minWorkingDays,
        from: new Date(w.from).toISOString(),
        to: new Date(w.to).toISOString(),
        ...(w.timeScale !== undefined ? { timeScale: w.timeScale } : {}),
      },
    );
  },

  price_near_hps: (i, r) => {
    if (!i.winner || !(i.hps > 0) || i.winner.price / i.hps < r.priceNearHpsRatio) return null;
    const ratio = i.winner.price / i.hps;
    return flag(
      'price_near_hps',
      'sedang',
      `Harga pemenang ${rupiah(i.winner.price)} = ${percent(ratio)} dari HPS ${rupiah(i.hps)} ` + `(batas ${percent(r.priceNearHpsRatio, 0)}).`,
      { winningPrice: i.winner.price, hps: i.hps, ratio: ratio4(i.winner.price, i.hps), threshold: r.priceNearHpsRatio },
    );
  },

  repeat_winner: (i, r) => {
    const w = i.winnerRecord;
    if (!w || !i.winner) return null;
    const share = w.awardedInOpd > 0 ? w.wins / w.awardedInOpd : 0;
    const byCount = w.wins >= r.repeatWinnerMinWins;
    const byShare = w.awardedInOpd >= r.repeatWinnerShareMinAwarded && share >= r.repeatWinnerMinShare;
    if (!byCount && !byShare) return null;
    return flag(
      'repeat_winner',
      'tinggi',
      `${i.winner.name} memenangi ${w.wins} dari ${w.awardedInOpd} paket yang sudah ada pemenangnya di ${w.opd} ` +
        `tahun anggaran ${w.fiscalYear} (${percent(share)}; batas: ${r.repeatWinnerMinWins} kemenangan atau ` +
        `${percent(r.repeatWinnerMinShare, 0)} dari paket OPD bila paket ≥ ${r.repeatWinnerShareMinAwarded}).`,
      { winner: i.winner.name, wins: w.wins, awardedInOpd: w.awardedInOpd, share: ratio4(w.wins, w.awardedInOpd), opd: w.opd, fiscalYear: w.fiscalYear },
    );
  },

  many_disqualified: (i, r) => {
    if (!r.competitiveMethods.includes(i.method) || (!i.bids && i.failedInEvaluation === undefined)) return null;
    const rejected = i.bids?.rejectedAtOpening ?? 0;
    const failed = i.failedInEvaluation ?? 0;
    const disqualified = rejected + failed;
    const received = i.bids ? i.bids.opened + i.bids.rejectedAtOpening : disqualified;
    const share = received > 0 ? disqualified / received : 0;
    const byCount = disqualified >= r.disqualifiedMinCount;
    const byShare = received >= r.disqualifiedShareMinBids && share >= r.disqualifiedMinShare;
    if (disqualified === 0 || (!byCount && !byShare)) return null;
    return flag(
      'many_disqualified',
      'sedang',
      `${disqualified} dari ${received} penawaran gugur (${percent(share)}): ${rejected} ditolak saat pembukaan, ` +
        `${failed} gugur dalam evaluasi (batas: ${r.disqualifiedMinCount} penawaran atau ${percent(r.disqualifiedMinShare, 0)}).`,
      { disqualified, received, rejectedAtOpening: rejected, failedInEvaluation: failed, share: ratio4(disqualified, received) },
    );
  },

  contract_value_increase: (i, r) => {
    const c = i.contract;
    if (!c || !(c.originalValue > 0) || c.value <= c.originalValue) return null;
    const pct = ((c.value - c.originalValue) / c.originalValue) * 100;
    if (pct <= r.contractIncreaseMinPct) return null;
    return flag(
      'contract_value_increase',
      pct >= r.contractIncreaseHighPct ? 'tinggi' : 'sedang',
      `Nilai kontrak naik dari ${rupiah(c.originalValue)} menjadi ${rupiah(c.value)} (+${percent(pct / 100)}) ` +
        `melalui ${c.addenda} adendum (batas penambahan ${r.contractIncreaseHighPct}% nilai awal, Perpres 16/2018 Pasal 54 ayat (2)).`,
      { originalValue: c.originalValue, value: c.value, increase: c.value - c.originalValue, changePct: Math.round(pct * 100) / 100, addenda: c.addenda },
    );
  },

  late_contract: (i, r) => {
    const late = i.contract?.late;
    if (!late) return null;
    const state = late.terminated ? 'kontrak diputus' : late.handedOver ? 'serah terima diajukan terlambat' : 'belum serah terima';
    return flag(
      'late_contract',
      late.terminated || late.daysLate >= r.lateHighDays ? 'tinggi' : 'sedang',
      `Masa pelaksanaan berakhir ${wib(late.since)} tanpa serah terima; terlambat ${late.daysLate} hari (${state})` +
        (late.penalty > 0 ? `, denda keterlambatan ${rupiah(late.penalty)}.` : '.'),
      {
        lateSince: new Date(late.since).toISOString(),
        daysLate: late.daysLate,
        penalty: late.penalty,
        handedOver: late.handedOver,
        terminated: late.terminated,
      },
    );
  },
};

/** The flags one package raises, in FLAG_CODES order. */
export function redFlagsOf(input: RedFlagInput, rules: RedFlagRules = RED_FLAG_RULES): RedFlag[] {
  return FLAG_CODES.map((code) => CHECKS[code](input, rules)).filter((f): f is RedFlag => f !== null);
}

export type FlagCounts = Record<FlagCode, number>;
const zeroCounts = (): FlagCounts => Object.fromEntries(FLAG_CODES.map((c) => [c, 0])) as FlagCounts;

export interface FlagSummary {
  packages: number;
  flagged: number;
  byFlag: FlagCounts;
  byOpd: { opd: string; packages: number; flagged: number; byFlag: FlagCounts }[];
}

/** Counts per flag overall and per OPD (OPDs sorted by name). */
export function summariseFlags(rows: readonly { opd: string; flags: readonly { code: FlagCode }[] }[]): FlagSummary {
  const total = { packages: 0, flagged: 0, byFlag: zeroCounts() };
  const byOpd = new Map<string, { packages: number; flagged: number; byFlag: FlagCounts }>();
  for (const row of rows) {
    const o = byOpd.get(row.opd) ?? { packages: 0, flagged: 0, byFlag: zeroCounts() };
    byOpd.set(row.opd, o);
    for (const t of [total, o]) {
      t.packages++;
      if (row.flags.length) t.flagged++;
      for (const f of row.flags) t.byFlag[f.code]++;
    }
  }
  return {
    ...total,
    byOpd: [...byOpd.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([opd, o]) => ({ opd, ...o })),
  };
}

/**
 * Swakelola checks (Perpres 16/2018 Pasal 18(6), 47, 49; docs/regulation.md §1.4, §2.11). Pure, unit-tested, called by the
 * swakelola service tasks.
 *
 * - Tipe I team: tenaga ahli (hired experts) are at most 50% of the Tim Pelaksana (Pasal 47; §1.4), and the team
 *   leader is not the package's PPK, who accepts the leader's reports (conflict of interest, Pasal 7).
 * - Progress reports (Pasal 49(1)): physical progress (%) and financial realisation (cumulative, integer rupiah) do not
 *   go backwards from the last accepted report, realisation stays within the budget, one accepted report per period.
 */
export interface Problem {
  code: string;
  message: string;
}

export interface TeamDecree {
  leaderId: string;
  pelaksana: { name: string; tenagaAhli?: boolean }[];
}

export function checkTeam(team: TeamDecree, ppkIds: string[]): { experts: number; members: number; problems: Problem[] } {
  const members = team.pelaksana.length;
  const experts = team.pelaksana.filter((m) => m.tenagaAhli).length;
  const problems: Problem[] = [];
  if (experts * 2 > members) {
    problems.push({
      code: 'tenaga_ahli_melebihi_50_persen',
      message: `Tenaga ahli ${experts} dari ${members} anggota Tim Pelaksana; paling banyak 50% (Perpres 16/2018 Pasal 47).`,
    });
  }
  if (ppkIds.includes(team.leaderId)) {
    problems.push({ code: 'ketua_tim_adalah_ppk', message: 'Ketua Tim Pelaksana tidak boleh PPK paket yang menerima laporannya.' });
  }
  return { experts, members, problems };
}

export interface ProgressReport {
  period: string;
  physicalPercent: number;
  financialRealisation: number;
  by: string;
  at: number;
}

export function checkProgress(report: ProgressReport, accepted: ProgressReport[], budget: number): { problems: Problem[] } {
  const problems: Problem[] = [];
  const last = accepted[accepted.length - 1];
  if (last && report.physicalPercent < last.physicalPercent) {
    problems.push({
      code: 'progres_fisik_menurun',
      message: `Progres fisik ${report.physicalPercent}% lebih kecil dari laporan diterima sebelumnya (${last.physicalPercent}%).`,
    });
  }
  if (last && report.financialRealisation < last.financialRealisation) {
    problems.push({ code: 'realisasi_menurun', message: 'Realisasi keuangan (kumulatif) lebih kecil dari laporan diterima sebelumnya.' });
  }
  if (report.financialRealisation > budget) {
    problems.push({ code: 'realisasi_melebihi_anggaran', message: 'Realisasi keuangan melebihi anggaran swakelola.' });
  }
  if (accepted.some((r) => r.period === report.period)) {
    problems.push({ code: 'periode_sudah_dilaporkan', message: `Periode ${report.period} sudah dilaporkan dan diterima.` });
  }
  return { problems };
}

/** The accepted reports, with the one just accepted (without its review fields) at the end. */
export function appendAccepted(accepted: ProgressReport[], report: ProgressReport & Record<string, unknown>): ProgressReport[] {
  const { period, physicalPercent, financialRealisation, by, at } = report;
  return [...accepted, { period, physicalPercent, financialRealisation, by, at }];
}

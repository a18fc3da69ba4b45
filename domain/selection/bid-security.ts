/**
 * Jaminan Penawaran (bid security), Perpres 16/2018 jo. 12/2021 (docs/regulation.md §4.3; text checked in AWARD-AUTHORITY.md):
 * - Pasal 30 ayat (2): only for construction (Perpres 12/2021: construction and integrated works — this engine has no
 *   separate "terintegrasi" category, so construction it is);
 * - Pasal 31 ayat (1): only where the total HPS is above Rp10.000.000.000;
 * - Pasal 31 ayat (2): 1% to 3% of the total HPS (ayat (3): of the pagu for integrated construction).
 * The tender document may ask for more than 1%; the engine asks for at least the legal floor of 1%.
 * Cashed (dicairkan) when a bidder withdraws with an unacceptable reason (Pasal 78 ayat (1) huruf d, ayat (5) huruf b)
 * or a winner withdraws after the SPPBJ (ayat (2), ayat (5) huruf c).
 *
 * Where it is checked: a bid's content is sealed until the opening, so the workflow cannot look at it on submission;
 * the sealing API validates only its shape. The check is part of the evaluasi administrasi after the opening (as SPSE's
 * SDP has it: "Jaminan Penawaran asli, apabila disyaratkan"): a bid without a sufficient security fails administrasi
 * with the reason `jaminan_penawaran` whatever the Pokja recorded (bidSecurityIssue below).
 */
import type { PackageFacts } from '../process/state';

export const BID_SECURITY_HPS_ABOVE = 10_000_000_000;
export const BID_SECURITY_MIN_PERCENT = 1;
export const BID_SECURITY_MAX_PERCENT = 3;
export const BID_SECURITY_RULE = 'Perpres 16/2018 jo. 12/2021 Pasal 30 ayat (2) dan Pasal 31 ayat (1)–(2)';
export const BID_SECURITY_FORFEIT_RULE = 'Perpres 16/2018 Pasal 78 ayat (5) huruf b dan c';

/** What a bid carries (submit_bid's `bidSecurity`). */
export interface BidSecurity {
  number: string;
  issuer: string;
  amount: number;
}

/** Whether a package's bids must carry a bid security (construction, HPS above Rp10 miliar). */
export function bidSecurityRequired(facts: Pick<PackageFacts, 'category' | 'hps'>): boolean {
  return facts.category === 'pekerjaan_konstruksi' && facts.hps > BID_SECURITY_HPS_ABOVE;
}

/** The smallest acceptable amount: 1% of the HPS, rounded up to the rupiah. */
export function bidSecurityMinimum(hps: number): number {
  return Math.ceil((hps * BID_SECURITY_MIN_PERCENT) / 100);
}

/** Why a bid's security does not meet the rule, or undefined when it does (or none is required). */
export function bidSecurityIssue(facts: Pick<PackageFacts, 'category' | 'hps'>, security: BidSecurity | undefined): string | undefined {
  if (!bidSecurityRequired(facts)) return undefined;
  if (!security || typeof security.amount !== 'number') return 'tidak_ada';
  if (security.amount < bidSecurityMinimum(facts.hps)) return 'kurang_dari_1_persen_hps';
  return undefined;
}

/** The JSON Schema of a bid's `bidSecurity` field. */
export const bidSecuritySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['number', 'issuer', 'amount'],
  description:
    'Jaminan penawaran (pekerjaan konstruksi dengan HPS di atas Rp10.000.000.000): nomor, penerbit, nilai minimal 1% HPS ' +
    '(Perpres 16/2018 jo. 12/2021 Pasal 30–31)',
  properties: {
    number: { type: 'string', minLength: 1, maxLength: 100, description: 'Nomor jaminan penawaran' },
    issuer: { type: 'string', minLength: 1, maxLength: 300, description: 'Bank / perusahaan asuransi penerbit' },
    amount: { type: 'integer', minimum: 1, maximum: 1e15, description: 'Nilai jaminan (rupiah)' },
  },
};

/** A Pokja's per-vendor result, as far as this rule needs it. */
interface AdminResult {
  vendorId: string;
  administrasi: boolean;
}

/**
 * The evaluasi administrasi with the bid-security rule applied: a bid whose security is missing or below 1% of the HPS
 * fails administrasi whatever the Pokja recorded. Returns the results to rank with, and the vendors who failed it
 * with why (for `markBidSecurityFailures`).
 */
export function applyBidSecurityRule<R extends AdminResult>(
  facts: Pick<PackageFacts, 'category' | 'hps'>,
  bids: readonly { by: string; bidSecurity?: BidSecurity }[],
  results: readonly R[],
): { results: R[]; lacking: Map<string, string> } {
  const lacking = new Map<string, string>();
  for (const b of bids) {
    const issue = bidSecurityIssue(facts, b.bidSecurity);
    if (issue) lacking.set(b.by, issue);
  }
  if (!lacking.size) return { results: [...results], lacking };
  return { results: results.map((r) => (lacking.has(r.vendorId) ? { ...r, administrasi: false } : r)), lacking };
}

/** The ranking's failed bids name the rule: reason `jaminan_penawaran` next to `administrasi`. */
export function markBidSecurityFailures<A extends { failed: { vendorId: string; reasons: string[] }[] }>(award: A, lacking: Map<string, string>): A {
  if (!lacking.size) return award;
  return {
    ...award,
    failed: award.failed.map((f) =>
      lacking.has(f.vendorId) && !f.reasons.includes('jaminan_penawaran') ? { ...f, reasons: [...f.reasons, 'jaminan_penawaran'] } : f,
    ),
  };
}

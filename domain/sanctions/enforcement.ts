/**
 * What a running blacklisting stops (Perpres 16/2018 Pasal 78; SANKSI.md): the firm takes part in no procurement.
 * The steps below are a provider's participation in a selection — registering, qualification and bid or proposal
 * submissions, auction offers, quotations and offers on invitation — and are refused in the API before they reach the
 * workflow. Steps of a contract already signed (reports, signatures) are not participation and stay open: the
 * sanction does not end running contracts. Named here, not derived from ids, so a new step is a conscious choice.
 */
export const PARTICIPATION_STEPS: ReadonlySet<string> = new Set([
  'register',
  'submit_bid',
  'submit_technical_bid',
  'submit_price_bid',
  'submit_qualification',
  'submit_technical',
  'submit_price',
  'lower_price',
  'submit_quote',
  'submit_quotation',
  'submit_offer',
]);

/**
 * The NPWP as the public list shows it. A firm's NPWP (15 digits, or 16 starting with 0 since PMK 112/2022) is the
 * business entity's tax number, published in SPSE's Daftar Hitam; a 16-digit NPWP not starting with 0 is a person's
 * NIK (an individual provider): personal data, masked to its last 4 digits.
 */
export function publicNpwp(npwp: string | null): string | null {
  if (!npwp || !/^[0-9]{15,16}$/.test(npwp)) return null;
  const firm = npwp.length === 15 || npwp.startsWith('0');
  return firm ? npwp : `${'•'.repeat(npwp.length - 4)}${npwp.slice(-4)}`;
}

/** Exclusive end of a period of `years` from `startsAt` (same WIB date, N years later; 29 Feb → 1 Mar). */
export function sanctionEnd(startsAt: number, years: number): number {
  const WIB = 7 * 3_600_000;
  const d = new Date(startsAt + WIB);
  const end = Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
  return end - WIB;
}

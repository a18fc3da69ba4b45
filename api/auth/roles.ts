// The closed set of roles the API understands. Tokens naming any other role are
// rejected outright (see verifier.ts) rather than silently filtered, so a
// misconfigured identity provider fails loudly instead of granting less/more.
export const ROLES = [
  'ppk', // Pejabat Pembuat Komitmen
  'pokja', // anggota Pokja Pemilihan
  'pejabat_pengadaan', // Pejabat Pengadaan
  'pa_kpa', // Pengguna Anggaran / Kuasa Pengguna Anggaran (pemegang anggaran)
  'kepala_ukpbj', // Kepala Unit Kerja Pengadaan Barang/Jasa (menugaskan Pokja / Pejabat Pengadaan)
  'penyedia', // Penyedia barang/jasa (vendor)
  'auditor', // Auditor / APIP
  'admin', // Administrator sistem
] as const;

export type Role = (typeof ROLES)[number];

// Display names for UIs and messages; codes stay English so they are stable in
// tokens, logs and database rows.
export const ROLE_NAMES: Record<Role, string> = {
  ppk: 'Pejabat Pembuat Komitmen',
  pokja: 'Pokja Pemilihan',
  pejabat_pengadaan: 'Pejabat Pengadaan',
  pa_kpa: 'Pengguna Anggaran / Kuasa Pengguna Anggaran',
  kepala_ukpbj: 'Kepala UKPBJ',
  penyedia: 'Penyedia',
  auditor: 'Auditor',
  admin: 'Administrator',
};

const ROLE_SET: ReadonlySet<string> = new Set(ROLES);

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && ROLE_SET.has(x);
}

/**
 * Conflict of interest (Perpres 16/2018 Pasal 7): a vendor account acts for a company that bids, so it may hold no
 * government role at all — neither an officer's (PPK, Pokja, Pejabat Pengadaan, PA/KPA) nor a monitor's (auditor,
 * admin), who see what bidders must not. Returns the roles that conflict, [] when the set is allowed. The users table
 * enforces the same rule (migration 20261201000002) and the token verifier refuses a token that breaks it.
 */
export function conflictingRoles(roles: readonly Role[]): Role[] {
  if (!roles.includes('penyedia')) return [];
  return [...new Set(roles.filter((r) => r !== 'penyedia'))];
}

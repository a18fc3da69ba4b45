// The closed set of roles the API understands. Tokens naming any other role are
// rejected outright (see verifier.ts) rather than silently filtered, so a
// misconfigured identity provider fails loudly instead of granting less/more.
export const ROLES = [
  'ppk', // Pejabat Pembuat Komitmen
  'pokja', // anggota Pokja Pemilihan
  'pejabat_pengadaan', // Pejabat Pengadaan
  'pa_kpa', // Pengguna Anggaran / Kuasa Pengguna Anggaran (pemegang anggaran)
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
  penyedia: 'Penyedia',
  auditor: 'Auditor',
  admin: 'Administrator',
};

const ROLE_SET: ReadonlySet<string> = new Set(ROLES);

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && ROLE_SET.has(x);
}

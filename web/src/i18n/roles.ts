/** Role ids (English code identifiers, as in tokens) and what people call them. */
export const ROLE_LABELS: Record<string, string> = {
  ppk: 'PPK',
  pokja: 'Pokja Pemilihan',
  pejabat_pengadaan: 'Pejabat Pengadaan',
  pa_kpa: 'PA/KPA',
  kepala_ukpbj: 'Kepala UKPBJ',
  penyedia: 'Penyedia',
  auditor: 'APIP (Auditor)',
  admin: 'Admin LPSE',
};

export const roleLabel = (r: string) => ROLE_LABELS[r] ?? r;
export const rolesLabel = (rs: readonly string[]) => rs.map(roleLabel).join(', ');

/** How a role is named to someone who may not see who the person is (a vendor reading who acted on a package). */
import type { Role } from '../process/definition';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  ppk: 'PPK',
  pokja: 'Pokja Pemilihan',
  pejabat_pengadaan: 'Pejabat Pengadaan',
  pa_kpa: 'PA/KPA',
  kepala_ukpbj: 'Kepala UKPBJ',
  penyedia: 'Penyedia',
  auditor: 'Auditor',
  admin: 'Admin LPSE',
};

export function roleLabel(role: string | null | undefined): string | null {
  if (!role) return null;
  return (ROLE_LABELS as Record<string, string>)[role] ?? null;
}

/** Officer user id → role name, from a package's assignments (the first role listed wins). */
export function officerLabels(assignments: Partial<Record<Role, string[]>> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [role, ids] of Object.entries(assignments ?? {}) as [Role, string[] | undefined][]) {
    if (role === 'penyedia') continue;
    for (const id of ids ?? []) if (!out.has(id)) out.set(id, ROLE_LABELS[role]);
  }
  return out;
}

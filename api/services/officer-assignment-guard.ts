/**
 * Before the head of the UKPBJ's `assign_officers` step reaches the workflow, the API checks the members against the
 * users table, which the workflow cannot read: each member exists and has the role assigned (Pokja Pemilihan or
 * Pejabat Pengadaan), and none is the package's PPK (Perpres 16/2018 Pasal 7: a conflict of interest;
 * docs/regulation.md §6.2). The workflow then checks the size (rule book `pokjaAssignmentValid`). Client-sent member ids are never
 * trusted as they come.
 *
 * Only a head of a UKPBJ is checked here (the read model's view may lag behind the workflow, so the role, not the
 * package's assignment, decides); anyone else is refused by the workflow (403) as for any other step, so a vendor or
 * another officer learns nothing about which user ids exist.
 */
import type { Knex } from 'knex';
import { findUsers, storedView } from '../../db/queries/packages';
import type { PackagesRow } from '../../db/tables';
import type { Role } from '../../domain/process/definition';
import { getDefinition } from '../../workflows/definitions';
import type { Actor } from '../auth/actor';
import { ApiError } from '../errors';

export const CONFLICT_OF_INTEREST_RULE =
  'Perpres 16/2018 Pasal 7: PPK paket tidak boleh menjadi Pokja Pemilihan/Pejabat Pengadaan paket yang sama (pertentangan kepentingan)';

/** What the check reads of the package row (a contract's step may come before its row: then none of it). */
type AssignmentRow = Partial<Pick<PackagesRow, 'definition_id' | 'definition_version' | 'view' | 'created_by'>>;

const ROLE_LABEL: Partial<Record<Role, string>> = { pokja: 'anggota Pokja Pemilihan', pejabat_pengadaan: 'Pejabat Pengadaan' };

/** The role the definition's `assign_officers` step of this package assigns, if the step exists. */
function assignedRoleOf(row: AssignmentRow, action: string): Role | undefined {
  const def = getDefinition(String(row.definition_id), Number(row.definition_version));
  for (const n of def?.nodes ?? []) {
    const a = (n.type === 'userTask' || n.type === 'timeWindow' ? n.actions : []).find((x) => x.id === action);
    if (a?.effect.kind === 'assign') return a.effect.role;
  }
  return undefined;
}

export async function checkOfficerAssignment(db: Knex, row: AssignmentRow, actor: Actor, action: string, payload: Record<string, unknown>): Promise<void> {
  // Any step with an `assign` effect: `assign_officers`, and a Penunjukan Langsung's assign_pejabat_pengadaan/assign_pokja.
  if (!action.startsWith('assign_') || !Array.isArray(payload.members)) return;
  if (!actor.roles.includes('kepala_ukpbj')) return;
  const role = assignedRoleOf(row, action);
  if (!role) return;
  const members = (payload.members as unknown[]).filter((m): m is string => typeof m === 'string');
  const users = members.length ? await findUsers(db, members) : [];
  const rolesOf = new Map(users.map((u) => [u.id, (u.roles as Role[]) ?? []]));
  const issues: { path: string; message: string; rule?: string }[] = [];
  // The PPK is the package's creator (create-package.ts assigns ppk: [creator]); the view adds nothing newer.
  const view = storedView(row.view);
  const ppk = new Set([...(view?.assignments?.ppk ?? []), String(row.created_by)]);
  members.forEach((id, i) => {
    if (ppk.has(id)) issues.push({ path: `payload.members.${i}`, message: `'${id}' adalah PPK paket ini`, rule: CONFLICT_OF_INTEREST_RULE });
    else if (!rolesOf.get(id)?.includes(role)) issues.push({ path: `payload.members.${i}`, message: `'${id}' bukan ${ROLE_LABEL[role] ?? role}` });
  });
  if (!issues.length) return;
  const conflict = issues.find((i) => i.rule);
  throw new ApiError(
    422,
    conflict ? 'conflict_of_interest' : 'invalid_assignment',
    conflict
      ? 'PPK paket tidak boleh ditugaskan sebagai Pokja Pemilihan/Pejabat Pengadaan paket yang sama (Perpres 16/2018 Pasal 7).'
      : 'Penugasan pejabat tidak sah.',
    { issues, ...(conflict ? { rule: CONFLICT_OF_INTEREST_RULE } : {}) },
  );
}

/**
 * GET /api/officers?role=pokja: the officers who hold a selection role, for the head of the UKPBJ who assigns a Pokja
 * (or a Pejabat Pengadaan) to a package, and for the PPK. Id and name only: an official's email and organisation stay
 * out of the answer (personal data; the assignment form needs neither). Deactivated users are not offered.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { activeUsersWithRole } from '../../db/queries/users';
import { requireRole } from '../auth/middleware';
import { parseOr422 } from '../errors';

/** Roles the head of the UKPBJ assigns (Perpres 16/2018 jo. 12/2021 Pasal 75: Pokja Pemilihan, Pejabat Pengadaan). */
export const ASSIGNABLE_ROLES = ['pokja', 'pejabat_pengadaan'] as const;

export const OfficersQuery = z.strictObject({
  role: z.enum(ASSIGNABLE_ROLES, { error: "peran harus 'pokja' atau 'pejabat_pengadaan'" }),
});

export const OfficerList = z
  .strictObject({
    role: z.enum(ASSIGNABLE_ROLES),
    data: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'OfficerList' });

export function officerRoutes(db: Knex): Router {
  const r = Router();
  r.get('/', requireRole('kepala_ukpbj', 'ppk'), async (req, res) => {
    const { role } = parseOr422(OfficersQuery, req.query, 'filter');
    const rows = await activeUsersWithRole(db, role);
    res.json({ role, data: rows.map((u) => ({ id: u.id, name: u.name })) });
  });
  return r;
}

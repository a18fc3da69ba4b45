/**
 * /api/public/daftar-hitam (no token): the blacklist decisions running now, as published nationally (Perpres 16/2018
 * Pasal 83; domain/sanctions/SANKSI.md): the firm's name and NPWP (a person's NIK-based NPWP masked), the cause with
 * its article, the period, the decision number and the package. Proposals, rejections and who decided are not public.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { publicBlacklist } from '../../db/queries/sanctions';
import { SANCTION_CAUSES } from '../../domain/sanctions/causes';
import { publicNpwp } from '../../domain/sanctions/enforcement';
import { parseOr422 } from '../errors';

export const PublicBlacklistQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export function publicSanctionRoutes(db: Knex): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    const q = parseOr422(PublicBlacklistQuery, req.query, 'filter');
    const now = new Date();
    const list = await publicBlacklist(db, now, q);
    res.json({
      asOf: now.toISOString(),
      data: list.data.map((s) => ({
        id: s.id,
        firmName: s.firmName,
        npwp: publicNpwp(s.npwp),
        cause: s.cause,
        causeTitle: SANCTION_CAUSES[s.cause].title,
        pasal: SANCTION_CAUSES[s.cause].pasal,
        years: SANCTION_CAUSES[s.cause].years,
        decisionNumber: s.decisionNumber,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        packageId: s.packageId,
        packageTitle: s.packageTitle,
      })),
      pagination: list.pagination,
    });
  });
  return r;
}

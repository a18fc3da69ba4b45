/**
 * /api/audit: the hash-chained audit trail, for officers, auditors (APIP) and the LPSE admin — never for vendors.
 * GET / lists entries in chain order (paginated, optionally one package); GET /verify checks the whole trail (the
 * global v1/v2 chain, every package's v3 chain, then the anchors of the packages' heads) and names the first entry,
 * or anchor, that does not hold.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { listAudit, verifyAuditLog } from '../../db/queries/audit';
import { requireRole } from '../auth/middleware';
import { parseOr422 } from '../errors';
import { PackageIdParam } from '../schemas';

const ListQuery = z.strictObject({
  packageId: PackageIdParam.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
const VerifyQuery = z.strictObject({});

export function auditRoutes(db: Knex): Router {
  const r = Router();
  r.use(requireRole('ppk', 'pokja', 'pejabat_pengadaan', 'pa_kpa', 'auditor', 'admin'));

  r.get('/', async (req, res) => {
    res.json(await listAudit(db, parseOr422(ListQuery, req.query, 'filter')));
  });

  r.get('/verify', async (req, res) => {
    parseOr422(VerifyQuery, req.query, 'filter');
    const { ok, checked, brokenAt, head, anchors } = await verifyAuditLog(db);
    res.json({ ok, checked, brokenAt: brokenAt ?? null, head: head ?? null, anchors: anchors ?? null });
  });

  return r;
}

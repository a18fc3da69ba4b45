/**
 * /api/sanctions: blacklist proposals and the PA/KPA's decisions (Perpres 16/2018 Pasal 78–79;
 * domain/sanctions/SANKSI.md). GET lists them — the PA/KPA those of its packages, the auditor (APIP) and the admin
 * all; POST /{id}/decision decides one (the PA/KPA of the proposing package only; api/services/sanction-decision.ts).
 * Officials' user ids are not in the answers: who proposed and decided is in the audit trail.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { assignedPaKpaOf } from '../../db/queries/packages';
import { listSanctions, type SanctionRow } from '../../db/queries/sanctions';
import { SANCTION_CAUSES } from '../../domain/sanctions/causes';
import { requireRole } from '../auth/middleware';
import { ApiError, parseOr422 } from '../errors';
import { decideSanction } from '../services/sanction-decision';

export const SanctionListQuery = z.strictObject({
  status: z.enum(['diusulkan', 'ditetapkan', 'ditolak']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const SanctionIdParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const SanctionDecisionBody = z
  .discriminatedUnion('decision', [
    z.strictObject({
      decision: z.literal('ditetapkan'),
      decisionNumber: z
        .string()
        .trim()
        .min(3)
        .max(100)
        .regex(/^[\p{L}\p{N} ./\-_()]+$/u, 'nomor SK hanya huruf, angka, spasi, titik, garis miring, tanda hubung, kurung')
        .describe('Nomor surat keputusan (SK) PA/KPA'),
      startDate: z.iso.date().describe('Tanggal mulai berlaku (WIB), YYYY-MM-DD; lamanya mengikuti penyebab, tidak dari klien'),
    }),
    z.strictObject({
      decision: z.literal('ditolak'),
      reason: z.string().trim().min(10).max(2000).describe('Alasan penolakan usulan'),
    }),
  ])
  .meta({ id: 'SanctionDecisionRequest' });

/** A proposal or decision as the officers' list and the decision answer show it. */
export function sanctionItemOf(
  s: SanctionRow & { packageTitle?: string | null; opd?: string | null; parentPackageId?: string | null; firmName?: string | null },
  actorId: string,
  paKpaOf?: string[],
) {
  const cause = SANCTION_CAUSES[s.cause];
  return {
    id: s.id,
    packageId: s.packageId,
    parentPackageId: s.parentPackageId ?? null,
    packageTitle: s.packageTitle ?? null,
    opd: s.opd ?? null,
    firmName: s.firmName ?? null,
    providerOrg: s.providerOrg,
    cause: s.cause,
    causeTitle: cause.title,
    years: cause.years,
    pasal: cause.pasal,
    reason: s.reason,
    proposedAt: s.proposedAt.toISOString(),
    status: s.status,
    decisionNumber: s.decisionNumber,
    startsAt: s.startsAt?.toISOString() ?? null,
    endsAt: s.endsAt?.toISOString() ?? null,
    decidedAt: s.decidedAt?.toISOString() ?? null,
    decisionReason: s.decisionReason,
    canDecide: s.status === 'diusulkan' && (paKpaOf ?? []).includes(actorId),
  };
}

export function sanctionRoutes(db: Knex): Router {
  const r = Router();
  r.use(requireRole('pa_kpa', 'auditor', 'admin'));

  r.get('/', async (req, res) => {
    const q = parseOr422(SanctionListQuery, req.query, 'filter');
    const actor = req.actor!;
    // The auditor and the admin oversee every proposal; a PA/KPA (without those roles) sees its own packages'.
    const overseer = actor.roles.includes('auditor') || actor.roles.includes('admin');
    const list = await listSanctions(db, { ...q, assignedPaKpa: overseer ? undefined : actor.id });
    const assigned = await assignedPaKpaOf(
      db,
      list.data.map((s) => s.packageId),
    );
    res.json({ data: list.data.map((s) => sanctionItemOf(s, actor.id, assigned.get(s.packageId))), pagination: list.pagination });
  });

  r.post('/:id/decision', requireRole('pa_kpa'), async (req, res) => {
    const id = parseOr422(SanctionIdParam, req.params.id, 'id usulan');
    const body = parseOr422(SanctionDecisionBody, req.body ?? {}, 'keputusan sanksi');
    const decided = await decideSanction(db, id, req.actor!, body);
    req.log.info({ sanctionId: decided.id, status: decided.status, packageId: decided.packageId }, 'sanction decided');
    const [item] = (await listSanctions(db, { page: 1, pageSize: 1, id: decided.id })).data;
    if (!item) throw new ApiError(404, 'sanction_not_found', `Usulan sanksi ${id} tidak ditemukan.`);
    res.json(sanctionItemOf(item, req.actor!.id, []));
  });

  return r;
}

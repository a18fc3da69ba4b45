/**
 * /api/dashboard: monitoring for officers, auditors (APIP) and the LPSE admin — never for vendors. Every list is
 * paginated; every grouping is per fiscal year (index-backed, see migration 20261130000004).
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { absorption, overdueTasks, packageGroups, packagesInStage, progress } from '../../db/queries/dashboard';
import { redFlagReport } from '../../db/queries/red-flags';
import { FLAG_CODES } from '../../domain/monitoring/red-flags';
import { requireRole } from '../auth/middleware';
import { parseOr422 } from '../errors';

const year = z.coerce.number().int().min(2000).max(2100);
const Page = { page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) };
const SummaryQuery = z.strictObject({ fiscalYear: year });
const OverdueQuery = z.strictObject({ fiscalYear: year, ...Page });
const StageQuery = z.strictObject({ fiscalYear: year, stage: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'id tahap tidak sah'), ...Page });
const ProgressQuery = z.strictObject({ fiscalYear: year, opd: z.string().min(1).max(300).optional(), ...Page });
const RedFlagQuery = z.strictObject({ fiscalYear: year, opd: z.string().min(1).max(300).optional(), flag: z.enum(FLAG_CODES).optional(), ...Page });

/** `timeScale`: the API's TIME_SCALE, to read real window lengths in the schedule's time (red flags). */
/** How old the year's red flags may be when served (RED_FLAGS_MAX_AGE_SECONDS, default 60; 0 computes every time). */
function redFlagsMaxAgeMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.RED_FLAGS_MAX_AGE_SECONDS ?? 60);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : 60_000;
}

export function dashboardRoutes(db: Knex, timeScale = 1): Router {
  const r = Router();
  r.use(requireRole('ppk', 'pokja', 'pejabat_pengadaan', 'pa_kpa', 'auditor', 'admin'));

  r.get('/summary', async (req, res) => {
    const { fiscalYear } = parseOr422(SummaryQuery, req.query, 'filter');
    const [byOpd, byMethod, byStage, byStatus] = await Promise.all(
      (['opd', 'method', 'stage', 'status'] as const).map((g) => packageGroups(db, fiscalYear, g)),
    );
    res.json({ fiscalYear, byOpd, byMethod, byStage, byStatus });
  });

  r.get('/overdue', async (req, res) => {
    const q = parseOr422(OverdueQuery, req.query, 'filter');
    res.json(await overdueTasks(db, q.fiscalYear, new Date(), q.page, q.pageSize));
  });

  r.get('/stages', async (req, res) => {
    const q = parseOr422(StageQuery, req.query, 'filter');
    res.json(await packagesInStage(db, q.fiscalYear, q.stage, new Date(), q.page, q.pageSize));
  });

  r.get('/absorption', async (req, res) => {
    const { fiscalYear } = parseOr422(SummaryQuery, req.query, 'filter');
    res.json(await absorption(db, fiscalYear));
  });

  r.get('/progress', async (req, res) => {
    const q = parseOr422(ProgressQuery, req.query, 'filter');
    res.json(await progress(db, q.fiscalYear, q.opd, q.page, q.pageSize));
  });

  // Red flags (indikasi risiko) of the year: counts per flag and per OPD, flagged packages most severe first.
  r.get('/red-flags', async (req, res) => {
    const q = parseOr422(RedFlagQuery, req.query, 'filter');
    res.json(await redFlagReport(db, q, 'officer', { timeScale }, redFlagsMaxAgeMs()));
  });

  return r;
}

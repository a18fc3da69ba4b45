/**
 * /api/dashboard: monitoring for the PA/KPA, the head of UKPBJ, APIP (auditor) and the LPSE admin — never for the
 * officers who run the packages nor for vendors (issue 12). Every list is paginated; every grouping is per fiscal year
 * (index-backed, migrations 20261130000004 and 20261212000101). A failed package and its re-tender count once
 * (domain/monitoring/budget-lines.ts). The monitoring tables (year summary, overdue, contracts, red flags) answer
 * `?format=csv|xlsx` with every row of the same filters, streamed (api/tabular.ts).
 *
 * Scope: the monitors see the whole city. A PA/KPA is not limited to their own OPD because nothing ties a package's
 * OPD (free text at creation) to an organisation (`organisations` holds a name, `users.org_id` points there, and the
 * two spellings need not agree), so an OPD filter derived from the token could silently hide packages.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { absorption, packageSummary, packagesInStage, progress } from '../../db/queries/dashboard';
import { monitoredContracts, monitoredContractsAll } from '../../db/queries/monitoring-contracts';
import { overdueAll, overdueList } from '../../db/queries/monitoring-overdue';
import { monitoringRedFlags, monitoringRedFlagsAll } from '../../db/queries/monitoring-red-flags';
import { Kept, maxAgeMsFrom } from '../../db/queries/kept';
import { yearSummary } from '../../db/queries/monitoring-year';
import { FLAG_CODES } from '../../domain/monitoring/red-flags';
import { requireRole } from '../auth/middleware';
import { isRole } from '../auth/roles';
import { parseOr422 } from '../errors';
import { sendTable, TableFormatParam } from '../tabular';
import { contractColumns, flagColumns, overdueColumns, YEAR_TABLES, yearTable } from './dashboard-tables';

/**
 * Who may monitor. `kepala_ukpbj` (head of UKPBJ) joins as soon as the role exists in api/auth/roles.ts (a token with
 * a role the API does not know is refused outright, so it cannot be granted here before).
 */
export const MONITOR_ROLES = ['pa_kpa', 'kepala_ukpbj', 'auditor', 'admin'].filter(isRole);

const year = z.coerce.number().int().min(2000).max(2100);
const opd = z.string().min(1).max(300).optional();
const Page = { page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) };
const SummaryQuery = z.strictObject({ fiscalYear: year });
const YearQuery = z.strictObject({ fiscalYear: year, opd, table: z.enum(YEAR_TABLES).default('opd-method'), format: TableFormatParam });
const OverdueQuery = z.strictObject({ fiscalYear: year, opd, ...Page, format: TableFormatParam });
const StageQuery = z.strictObject({ fiscalYear: year, stage: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'id tahap tidak sah'), ...Page });
const ProgressQuery = z.strictObject({ fiscalYear: year, opd, ...Page });
const ContractsQuery = z.strictObject({ fiscalYear: year, opd, critical: z.enum(['true', 'false']).optional(), ...Page, format: TableFormatParam });
const RedFlagQuery = z.strictObject({ fiscalYear: year, opd, flag: z.enum(FLAG_CODES).optional(), ...Page, format: TableFormatParam });

/** How old the year's red flags may be when served (RED_FLAGS_MAX_AGE_SECONDS, default 60; 0 computes every time). */
const redFlagsMaxAgeMs = () => maxAgeMsFrom(process.env.RED_FLAGS_MAX_AGE_SECONDS, 60);
/** How old a year summary may be when served (MONITORING_MAX_AGE_SECONDS, default 30; 0 computes every time). */
const yearMaxAgeMs = () => maxAgeMsFrom(process.env.MONITORING_MAX_AGE_SECONDS, 30);
/** Year summaries kept per (year, OPD) in this process: every monitor's morning reads the same figures. */
const keptYears = new Kept<Awaited<ReturnType<typeof yearSummary>>>();

/** File names carry the filters, so two exports of different OPDs do not overwrite each other. */
const fileName = (what: string, fiscalYear: number, ...parts: (string | undefined)[]) =>
  [what, String(fiscalYear), ...parts.filter((p): p is string => !!p)].join('-').toLowerCase();

/** `timeScale`: the API's TIME_SCALE, to read real window lengths in the schedule's time (red flags). */
export function dashboardRoutes(db: Knex, timeScale = 1): Router {
  const r = Router();
  r.use(requireRole(...MONITOR_ROLES));

  r.get('/summary', async (req, res) => {
    const { fiscalYear } = parseOr422(SummaryQuery, req.query, 'filter');
    res.json(await packageSummary(db, fiscalYear));
  });

  // Ringkasan tahun anggaran; with `format`, one of its tables (`table`) as a file.
  r.get('/year', async (req, res) => {
    const q = parseOr422(YearQuery, req.query, 'filter');
    const f = { fiscalYear: q.fiscalYear, ...(q.opd ? { opd: q.opd } : {}) };
    const summary = await keptYears.get(JSON.stringify([f.fiscalYear, f.opd ?? null]), yearMaxAgeMs(), () => yearSummary(db, f));
    if (!q.format) return void res.json(summary);
    await sendTable(res, q.format, { filename: fileName(`ringkasan-${q.table}`, q.fiscalYear, q.opd), ...yearTable(summary, q.table) });
  });

  r.get('/overdue', async (req, res) => {
    const q = parseOr422(OverdueQuery, req.query, 'filter');
    const f = { fiscalYear: q.fiscalYear, ...(q.opd ? { opd: q.opd } : {}) };
    const now = new Date();
    if (!q.format) return void res.json(await overdueList(db, f, now, q.page, q.pageSize));
    await sendTable(res, q.format, {
      filename: fileName('terlambat', q.fiscalYear, q.opd),
      sheet: 'Terlambat',
      columns: overdueColumns,
      rows: overdueAll(db, f, now),
    });
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

  // Running contracts, kontrak kritis first.
  r.get('/contracts', async (req, res) => {
    const q = parseOr422(ContractsQuery, req.query, 'filter');
    const f = { fiscalYear: q.fiscalYear, ...(q.opd ? { opd: q.opd } : {}), ...(q.critical ? { critical: q.critical === 'true' } : {}) };
    if (!q.format) return void res.json(await monitoredContracts(db, f, q.page, q.pageSize));
    await sendTable(res, q.format, {
      filename: fileName('kontrak', q.fiscalYear, q.opd, q.critical === 'true' ? 'kritis' : undefined),
      sheet: 'Kontrak',
      columns: contractColumns,
      rows: monitoredContractsAll(db, f),
    });
  });

  // Red flags (indikasi risiko) of the year: counts per flag and per OPD, flagged packages most severe first.
  r.get('/red-flags', async (req, res) => {
    const { format, ...q } = parseOr422(RedFlagQuery, req.query, 'filter');
    if (!format) return void res.json(await monitoringRedFlags(db, q, { timeScale }, redFlagsMaxAgeMs()));
    const rows = (async function* () {
      for await (const p of monitoringRedFlagsAll(db, q, { timeScale }, redFlagsMaxAgeMs())) for (const flag of p.flags) yield { ...p, flag };
    })();
    await sendTable(res, format, { filename: fileName('indikasi-risiko', q.fiscalYear, q.opd, q.flag), sheet: 'Indikasi risiko', columns: flagColumns, rows });
  });

  return r;
}

/**
 * Tells the running packages about an outage that has an end (declared, closed, or detected), so a window it affected
 * is extended at once and its parties see the new closing time now, not when the old one comes. Which packages: those
 * whose current stage closes at or after the outage's start, was entered before its end, and closes no later than the
 * grace after it on any calendar (a superset; each package's engine decides on its own calendar and time scale, and a
 * signal that changes nothing adds no event). A package not reached (Temporal away, the API stopped midway) still
 * checks at its closing (activities/outages.ts); a repeated signal extends nothing twice.
 */
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { noticeOf, type OutageRow, packagesClosingAround } from '../../db/queries/outages';
import { addWorkingHours } from '../../domain/calendar/working-hours';
import { DEFAULT_CALENDAR } from '../../domain/calendar/working-time';
import { outageConfig } from '../../runtime/outage-config';
import { platformOutage } from '../../workflows/package-process';

/** Holidays and cuti bersama can add this much to working hours counted without them (Lebaran: about 10 days). */
const HOLIDAY_MARGIN_MS = 14 * 86_400_000;
const PARALLEL = 16;

export async function signalOutage(db: Knex, client: Client, outage: OutageRow): Promise<{ signalled: number; failed: number }> {
  if (outage.endsAt === undefined) return { signalled: 0, failed: 0 }; // an ongoing outage holds closings by itself
  const cfg = outageConfig();
  const latest = addWorkingHours(outage.endsAt, cfg.graceWorkingHours, DEFAULT_CALENDAR) + HOLIDAY_MARGIN_MS;
  const workflowIds = await packagesClosingAround(db, outage.startsAt, latest, outage.endsAt);
  const check = { outages: [noticeOf(outage)], settings: { graceWorkingHours: cfg.graceWorkingHours, recheckMs: cfg.recheckMs } };
  let signalled = 0;
  let failed = 0;
  for (let i = 0; i < workflowIds.length; i += PARALLEL) {
    const results = await Promise.allSettled(workflowIds.slice(i, i + PARALLEL).map((id) => client.workflow.getHandle(id).signal(platformOutage, check)));
    for (const r of results) {
      if (r.status === 'fulfilled') signalled++;
      else failed++;
    }
  }
  return { signalled, failed };
}

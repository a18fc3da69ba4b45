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
import { noticeOf, type OutageRow } from '../../db/queries/outages';
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
  const rows: { workflow_id: string }[] = await db('packages')
    .where({ status: 'active' })
    .whereNotNull('stage_closes_at')
    .where('stage_closes_at', '>=', new Date(outage.startsAt))
    .where('stage_closes_at', '<=', new Date(latest))
    .where('stage_entered_at', '<', new Date(outage.endsAt))
    .select('workflow_id');
  const check = { outages: [noticeOf(outage)], settings: { graceWorkingHours: cfg.graceWorkingHours, recheckMs: cfg.recheckMs } };
  let signalled = 0;
  let failed = 0;
  for (let i = 0; i < rows.length; i += PARALLEL) {
    const results = await Promise.allSettled(rows.slice(i, i + PARALLEL).map((r) => client.workflow.getHandle(r.workflow_id).signal(platformOutage, check)));
    for (const r of results) r.status === 'fulfilled' ? signalled++ : failed++;
  }
  return { signalled, failed };
}

/**
 * The workflow's check at a closing (issue 15 point 7): the platform outages around the closing stage, with the rule's
 * settings, for the engine to decide (PackageProcess.applyOutages). Run as a local activity: one marker per closing.
 *
 * First it looks for an outage nobody has recorded yet: when every API heartbeat is stale, the platform is down right
 * now (this worker runs, but vendors cannot reach the API), and an ongoing detected outage is recorded, which holds the
 * closing until an API process beats again. Read-only otherwise, so retries are harmless.
 */
import type { Knex } from 'knex';
import { detectOngoing, outagesAround } from '../db/queries/outages';
import type { OutageCheck } from '../domain/process/outage';
import { outageConfig } from '../runtime/outage-config';

export async function outagesAt(db: Knex, input: { enteredAt: number; closesAt: number }, now = Date.now()): Promise<OutageCheck> {
  const cfg = outageConfig();
  await detectOngoing(db, now, cfg.detectAfterMs);
  return {
    outages: await outagesAround(db, input.enteredAt, Math.max(input.closesAt, now)),
    settings: { graceWorkingHours: cfg.graceWorkingHours, recheckMs: cfg.recheckMs },
  };
}

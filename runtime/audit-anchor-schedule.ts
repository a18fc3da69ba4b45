/**
 * The Temporal Schedule that anchors the per-package audit chains every AUDIT_ANCHOR_EVERY (default 1 minute; a
 * package's newest entries are covered by an anchor at most that long after they were written). Ensured by every
 * worker at start like the digest's (runtime/digest-schedule.ts): creating it twice is harmless. Overlaps are skipped:
 * a run still going covers what the skipped one would have.
 */
import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';

export const AUDIT_ANCHOR_SCHEDULE_ID = 'jangkar-audit';

export function anchorEveryOf(env: NodeJS.ProcessEnv = process.env): string {
  const every = env.AUDIT_ANCHOR_EVERY ?? '1m';
  if (!/^[1-9]\d{0,3}[sm]$/.test(every)) throw new Error(`AUDIT_ANCHOR_EVERY must be like 30s or 5m, got '${every}'`);
  return every;
}

export async function ensureAuditAnchorSchedule(client: Client, taskQueue: string, every = anchorEveryOf()): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId: AUDIT_ANCHOR_SCHEDULE_ID,
      spec: { intervals: [{ every: every as `${number}${'s' | 'm'}` }] },
      action: { type: 'startWorkflow', workflowType: 'auditAnchor', taskQueue, args: [], workflowId: 'jangkar-audit' },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
    });
    return 'created';
  } catch (e) {
    if (e instanceof ScheduleAlreadyRunning) return 'exists';
    throw e;
  }
}

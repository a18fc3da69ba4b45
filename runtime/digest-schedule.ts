/**
 * The Temporal Schedule that runs the daily digest at a set WIB time (DIGEST_TIME, default 07:00). Ensured by every
 * worker at start: creating it twice is harmless (the second sees it exists), so scaled-out workers need no leader.
 */
import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';

export const DIGEST_SCHEDULE_ID = 'ringkasan-harian';

export function digestTimeOf(env: NodeJS.ProcessEnv = process.env): { hour: number; minute: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(env.DIGEST_TIME ?? '07:00');
  if (!m) throw new Error(`DIGEST_TIME must be HH:MM (WIB), got '${env.DIGEST_TIME}'`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

export async function ensureDigestSchedule(client: Client, taskQueue: string, at = digestTimeOf()): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId: DIGEST_SCHEDULE_ID,
      spec: { calendars: [{ hour: at.hour, minute: at.minute }], timezone: 'Asia/Jakarta' },
      action: { type: 'startWorkflow', workflowType: 'dailyDigest', taskQueue, args: [], workflowId: 'ringkasan-harian' },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
    return 'created';
  } catch (e) {
    if (e instanceof ScheduleAlreadyRunning) return 'exists';
    throw e;
  }
}

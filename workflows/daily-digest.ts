/**
 * The daily digest, started every morning by a Temporal Schedule (runtime/digest-schedule.ts): writes each officer's
 * and each PA/KPA's digest for the WIB day of the scheduled time, then delivers the emails.
 */
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities/types';

const { writeDailyDigests, deliverNotifications } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export async function dailyDigest(): Promise<{ date: string; users: number; sent: number }> {
  const { date, users } = await writeDailyDigests({ at: Date.now() });
  const { sent } = await deliverNotifications({ digest: date });
  return { date, users, sent };
}

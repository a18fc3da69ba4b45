/**
 * The audit anchor (domain/audit/anchor.ts), started every AUDIT_ANCHOR_EVERY by a Temporal Schedule
 * (runtime/audit-anchor-schedule.ts): one activity that writes the next anchor of the per-package audit chains, or
 * nothing when no package appended since the previous one.
 */
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities/types';

const { writeAuditAnchor } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export async function auditAnchor(): Promise<{ seq: number; heads: number } | null> {
  return writeAuditAnchor({ at: Date.now() });
}

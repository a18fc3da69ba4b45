/**
 * What a package workflow's Temporal history says about its steps: every Workflow Update it accepted and how each
 * ended, by update id. The API makes a step's update id `${actor}:${Idempotency-Key}` (api/routes/packages.ts), so the
 * history names exactly which of the driver's keys were applied, and how often — without decoding any payload (the
 * payloads are encrypted; the update name and id are not). A run that continued as new is followed back to the first.
 */
import type { Client } from '@temporalio/client';

export interface UpdateRecord {
  name: string;
  accepted: number;
  succeeded: number;
  failed: number;
}

export interface WorkflowHistory {
  workflowId: string;
  runs: number;
  events: number;
  updates: Map<string, UpdateRecord>;
}

export async function historyOf(client: Client, workflowId: string): Promise<WorkflowHistory> {
  const out: WorkflowHistory = { workflowId, runs: 0, events: 0, updates: new Map() };
  let runId: string | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    out.runs++;
    const events = history.events ?? [];
    out.events += events.length;
    const rec = (id: string, name = '?') => {
      let r = out.updates.get(id);
      if (!r) out.updates.set(id, (r = { name, accepted: 0, succeeded: 0, failed: 0 }));
      if (r.name === '?') r.name = name;
      return r;
    };
    for (const e of events) {
      const acc = e.workflowExecutionUpdateAcceptedEventAttributes;
      if (acc?.acceptedRequest?.meta?.updateId) rec(acc.acceptedRequest.meta.updateId, acc.acceptedRequest.input?.name ?? '?').accepted++;
      const done = e.workflowExecutionUpdateCompletedEventAttributes;
      if (done?.meta?.updateId) {
        const r = rec(done.meta.updateId);
        if (done.outcome?.failure) r.failed++;
        else r.succeeded++;
      }
    }
    const prev = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    if (!prev) break;
    runId = prev;
  }
  return out;
}

/**
 * Sends one step: POST /api/packages/{id}/tasks/{actionId} (a package step) or …/contract/tasks/{actionId} (an
 * E-Kontrak step), body `{payload}`, with the form attempt's Idempotency-Key, so a double click or a retry after a
 * lost answer is one step on the server. The answer is the new state, plus the receipt of a sealed bid.
 */
import { api, call } from '../api/client';
import type { ServerReceipt } from '../bids/receipts';

export interface StepAnswer {
  receipt?: ServerReceipt & Record<string, unknown>;
  [k: string]: unknown;
}

export async function postStep(
  packageId: string,
  action: { id: string; target: 'package' | 'contract' },
  payload: Record<string, unknown>,
  idempotencyKey: string,
): Promise<StepAnswer> {
  const opts = {
    params: { path: { id: packageId, taskId: action.id } },
    body: { payload },
    headers: { 'Idempotency-Key': idempotencyKey },
  };
  // The generated types name the body loosely (a payload differs per step); the answer is typed here.
  const p =
    action.target === 'contract'
      ? api.POST('/api/packages/{id}/contract/tasks/{taskId}', opts as never)
      : api.POST('/api/packages/{id}/tasks/{taskId}', opts as never);
  return (await call(p as Promise<{ data?: unknown; error?: unknown; response: Response }>)) as StepAnswer;
}

/**
 * Signing a package's E-Kontrak from a workflow test: the child is found through the package's data, drafted with a
 * default contract, given its performance security when one is required, and signed on its document hash by the PPK
 * and the provider; then the package hears the 'signed' milestone and moves on.
 */
import type { WorkflowHandle } from '@temporalio/client';
import assert from 'node:assert/strict';
import type { PackageView } from '../../domain/process/engine';
import type { ActorRef } from '../../domain/process/state';
import { type packageProcess, packageState, performStep } from '../../workflows/package-process';

export type Handle = WorkflowHandle<typeof packageProcess>;

export async function signContract(
  c: Handle,
  parent: Handle,
  who: { ppk: ActorRef; provider: ActorRef; draft?: Record<string, unknown> },
  where: string,
): Promise<void> {
  const step = async (action: string, actor: ActorRef, payload: Record<string, unknown>) =>
    c
      .executeUpdate(performStep, { args: [{ action, actor, payload }] })
      .then(() => c.query(packageState))
      .catch((e: unknown) => {
        const cause = (e as { cause?: { message?: string; details?: unknown[] } }).cause;
        throw new Error(`${where}: ${action} by ${actor.id} refused: ${cause ? `${cause.message} ${JSON.stringify(cause.details)}` : String(e)}`);
      });
  let view = await step('draft_contract', who.ppk, who.draft ?? DEFAULT_DRAFT);
  if (view.stage.id === 'performance_security') {
    const amount = (view.data.terms as { performanceSecurity: { amount: number } }).performanceSecurity.amount;
    view = await step('submit_performance_security', who.provider, { guaranteeNumber: 'JP-001', issuer: 'Bank Jabar', amount, validUntil: '2027-12-31' });
  }
  const documentHash = contractDocumentHash(view);
  await step('sign_contract_ppk', who.ppk, { documentHash });
  await step('sign_contract_penyedia', who.provider, { documentHash });
  // The package hears the milestone by a signal; wait until it has moved on.
  for (let i = 0; i < 200; i++) {
    if ((await parent.query(packageState)).stage.id !== 'contract_execution') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`${where}: the package did not leave contract_execution after the contract was signed`);
}

export const DEFAULT_DRAFT = { number: 'KONTRAK/001/2027', durationDays: 90, plannedProgress: [30, 70, 100] };

/** The hash of the contract document the child asks to sign (kontrak, surat pesanan or swakelola agreement). */
export function contractDocumentHash(view: PackageView): string {
  const docs = (view.data.documents ?? {}) as Record<string, { sha256: string }>;
  const doc = docs.kontrak ?? docs.surat_pesanan ?? docs.kesepakatan_swakelola;
  assert.ok(doc, `no contract document in ${view.packageId} at stage ${view.stage.id}`);
  return doc.sha256;
}

export function contractIdOf(parent: PackageView): string {
  const id = (parent.data.contractStart as { packageId?: string } | undefined)?.packageId;
  assert.ok(id, `package ${parent.packageId} has not started its contract (stage ${parent.stage.id})`);
  return id;
}

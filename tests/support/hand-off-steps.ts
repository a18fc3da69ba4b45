/**
 * Scenario steps around the E-Kontrak hand-off, for the method tests (workflow-method-*.test.ts): signatures on the
 * child's current document hash, waiting for a package to settle in a stage after its child or a service task moved it
 * on (both reach the package asynchronously), and a contract terminated before it is signed; and the clean-up of
 * packages a scenario leaves running.
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import type { PackageView } from '../../domain/process/engine';
import type { ActorRef } from '../../domain/process/state';
import { packageState, performStep } from '../../workflows/package-process';
import type { ScenarioContext, ScenarioStep } from './scenario';
import { pokja } from './tender-fixture';

/** The contract document the child asks to sign: a kontrak (or SPK), a Surat Pesanan, a swakelola agreement. */
export type DocumentKind = 'kontrak' | 'surat_pesanan' | 'kesepakatan_swakelola';

export function hashOf(v: PackageView, kind: DocumentKind): string {
  const doc = (v.data.documents as Record<string, { sha256: string }> | undefined)?.[kind];
  assert.ok(doc, `no '${kind}' document in ${v.packageId} at stage ${v.stage.id}`);
  return doc.sha256;
}

/** A signature (sign_contract_ppk / sign_contract_penyedia) on the hash of the document as it is now. */
export const sign = (action: 'sign_contract_ppk' | 'sign_contract_penyedia', as: ActorRef, kind: DocumentKind): ScenarioStep => ({
  do: action,
  as,
  payload: (v) => ({ documentHash: hashOf(v, kind) }),
});

/** A signature on the current hash that must be refused (someone who is not a party to the contract). */
export const refuseSignature = (
  action: 'sign_contract_ppk' | 'sign_contract_penyedia',
  as: ActorRef,
  kind: DocumentKind,
  status: number,
  code?: string,
): ScenarioStep => ({ refuse: action, as, payload: (v) => ({ documentHash: hashOf(v, kind) }), status, ...(code ? { code } : {}) });

/**
 * Waits until the workflow the steps are directed at is in `stage` (a package that hears of its child by a signal or
 * by the child's end moves on after the child's step has been answered; service tasks finish after the step that
 * started them was answered), then runs `then` on that view. With `passVerificationAs`, that Pokja member passes the
 * pembuktian kualifikasi of each winner met on the way (the pascakualifikasi tenders verify the winner before the award).
 */
export const settlesAt = (
  stage: string,
  then?: (v: PackageView, ctx: ScenarioContext) => void | Promise<void>,
  { passVerificationAs }: { passVerificationAs?: ActorRef } = {},
): ScenarioStep => ({
  check: async (view, ctx) => {
    const h = ctx.client.workflow.getHandle(`paket-${view.packageId}`);
    for (let i = 0; ; i++) {
      const v = await h.query(packageState);
      if (v.stage.id === stage) return then?.(v, ctx);
      if (i >= 400) assert.fail(`${view.packageId} is at '${v.stage.id}', expected '${stage}'`);
      if (passVerificationAs && v.stage.id === 'qualification_verification') {
        const winner = (v.data.award as { winner: { vendorId: string } }).winner.vendorId;
        const verify = { action: 'verify_qualification', actor: passVerificationAs, payload: { vendorId: winner, passed: true } };
        await h.executeUpdate(performStep, { args: [verify] });
        continue;
      }
      await delay(25);
    }
  },
});

/** settlesAt in a pascakualifikasi tender of tenderInput, its Pokja passing each winner's pembuktian kualifikasi. */
export const reachVerified = (stage: string, then?: (v: PackageView, ctx: ScenarioContext) => void | Promise<void>): ScenarioStep =>
  settlesAt(stage, then, { passVerificationAs: pokja });

/**
 * From a package waiting for its contract to be signed: the PPK terminates the contract while it is still a draft, so
 * the 'signed' milestone never comes and the package ends as contract_not_signed (gagal).
 */
export const terminateBeforeSigning = (ppk: ActorRef, settles = 'contract_not_signed'): ScenarioStep[] => [
  { expectStage: 'contract_execution' },
  { in: 'contract' },
  { expectStage: 'draft_contract' },
  { do: 'terminate_contract', as: ppk, payload: { reason: 'Penyedia tidak hadir untuk menandatangani kontrak.' } },
  { in: 'package' },
  // A tender hands the award to its next reserve winner instead (Pasal 78 ayat (2)): it settles at the SPPBJ again.
  settlesAt(settles),
];

/**
 * Ends a package the scenario leaves running: a linked follow-up package, or the scenario's own package when it stops
 * mid-way. Left behind without a worker, its deadline and reminder timers would fire during a later scenario and hold
 * the time-skipping server's clock (the later scenario then never ends).
 */
export async function stopPackage(client: ScenarioContext['client'], packageId: string): Promise<void> {
  await client.workflow
    .getHandle(`paket-${packageId}`)
    .terminate('scenario done')
    .catch(() => undefined);
}

/** The last step of a scenario that stops mid-way: its package is ended (see stopPackage). */
export const stopHere: ScenarioStep = { check: (v, { client }) => stopPackage(client, v.packageId) };

/** After the checks on a failed package's linked follow-up package: the follow-up is ended (see stopPackage). */
export const stopFollowUp: ScenarioStep = {
  check: async (v, { client }) => {
    const followUp = v.data.followUp as { packageId?: string } | undefined;
    assert.ok(followUp?.packageId, `${v.packageId} started no follow-up package`);
    await stopPackage(client, followUp.packageId);
  },
};

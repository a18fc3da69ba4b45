/**
 * Sealed bids in tests that drive workflows directly (not through the API): the same validation, encryption and
 * storage the API does (api/services/seal-bid.ts, runtime/crypto/sealed-bid.ts), on the test database with the run's
 * key ring (ENCRYPTION_KEYS, set by bin/test.ts, which the in-process workers use too).
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { Knex } from 'knex';
import type { StepCommand } from '../../domain/process/engine';
import type { ActorRef } from '../../domain/process/state';
import { getDefinition } from '../../workflows/definitions';
import { packageProcess, packageState } from '../../workflows/package-process';
import { validateContent } from '../../api/services/seal-bid';
import { dbSealedBidStore } from '../../db/queries/sealed-bids';
import type { ActionDef, ProcessDefinition } from '../../domain/process/definition';
import { actionsOf } from '../../domain/process/definition';
import { defaultKeyProvider } from '../../runtime/crypto/key-provider';
import { sealBid } from '../../runtime/crypto/sealed-bid';

export function envelopeAction(def: ProcessDefinition, actionId: string): ActionDef | undefined {
  return def.nodes.flatMap((n) => actionsOf(n)).find((a) => a.id === actionId && a.envelope);
}

/** The payload the workflow takes for this step: the envelope of a sealed bid, or the payload itself. */
export async function workflowPayload(
  db: Knex,
  p: { definition: ProcessDefinition; packageId: string; action: string; vendorId: string; payload: Record<string, unknown> },
): Promise<Record<string, unknown>> {
  const a = envelopeAction(p.definition, p.action);
  if (!a) return p.payload;
  validateContent(a.payload, p.payload, p.action, `${p.definition.id}@${p.definition.version}:${p.action}`);
  const r = await sealBid(dbSealedBidStore(db), defaultKeyProvider(), { packageId: p.packageId, action: p.action, vendorId: p.vendorId, content: p.payload });
  return { sealedBid: { id: r.bidId, commitment: r.commitment } };
}

/** Update options for a bid on a running package, sealed as the API would seal it. */
export async function sealedStepArgs(
  db: Knex,
  h: WorkflowHandle<typeof packageProcess>,
  action: string,
  actor: ActorRef,
  content: Record<string, unknown>,
): Promise<{ args: [StepCommand] }> {
  const v = await h.query(packageState);
  const definition = getDefinition(v.definition.id, v.definition.version);
  if (!definition) throw new Error(`no definition ${v.definition.id} v${v.definition.version}`);
  const payload = await workflowPayload(db, { definition, packageId: v.packageId, action, vendorId: actor.id, payload: content });
  return { args: [{ action, actor, payload }] };
}

/**
 * Checks of a tender gagal (Perpres 16/2018 Pasal 51; workflows/definitions/failure.ts) in scenario steps: the
 * declaration's payload, the declaration and the decisions around it as recorded in the process data, and the linked
 * follow-up package (re-tender, Penunjukan Langsung) seen from both packages and the read model.
 */
import assert from 'node:assert/strict';
import type { PackageView } from '../../domain/process/engine';
import type { ActorRef } from '../../domain/process/state';
import { workflowIdOf } from '../../domain/process/workflow-id';
import { packageState } from '../../workflows/package-process';
import type { ScenarioContext, ScenarioStep } from './scenario';

/** The payload of a declaration of gagal (declare_failure by the Pokja, declare_failure_pa by the PA/KPA). */
export const declaration = (cause: string, followUp: string, reason: string) => ({ cause, followUp, reason });

/** A decision recorded at data[path] with its payload and who made it. */
export const recorded = (path: string, payload: Record<string, unknown>, by: ActorRef): ScenarioStep => ({
  check: (v) => {
    const { at, ...rest } = v.data[path] as Record<string, unknown>;
    assert.equal(typeof at, 'number', `${path} is timestamped`);
    assert.deepEqual(rest, { ...payload, by: by.id });
  },
});

/** The declaration recorded at data.failure (and appended to data.failureHistory). */
export const failureIs = (expected: { letter: string; followUp: string; declaredBy: string; stage: string; by: ActorRef }): ScenarioStep => ({
  check: (v) => {
    const f = v.data.failure as { letter: string; followUp: string; declaredBy: string; stage: string; by: string; citation: string };
    assert.deepEqual({ letter: f.letter, followUp: f.followUp, declaredBy: f.declaredBy, stage: f.stage, by: f.by }, { ...expected, by: expected.by.id });
    assert.ok(f.citation.length > 0, 'the declaration names its rule');
    assert.deepEqual((v.data.failureHistory as unknown[]).at(-1), v.data.failure);
  },
});

/** Both packages show the link: this one's data.followUp, the new package's facts and definition, the read model row. */
export function linkedTo(method: string, reason: string) {
  return async (view: PackageView, { client, db }: ScenarioContext) => {
    const followUp = view.data.followUp as { packageId: string; method: string; reason: string };
    assert.deepEqual([followUp.method, followUp.reason], [method, reason]);
    const next = await client.workflow.getHandle(workflowIdOf(followUp.packageId)).query(packageState);
    assert.equal(next.facts.previousPackageId, view.packageId);
    assert.equal(next.facts.followUpReason, reason);
    assert.equal(next.definition.method, method);
    const row = await db('packages').where({ id: followUp.packageId }).first();
    assert.deepEqual([row?.method, row?.previous_package_id], [method, view.packageId], 'the follow-up package is in the read model');
  };
}

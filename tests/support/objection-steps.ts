/**
 * Sanggah and sanggah banding in scenario steps (Perpres 16/2018 Pasal 50; domain/selection/objections.ts): the
 * payloads of an objection, an appeal and their answers, and a refusal checked down to the rule it names. Shared by
 * the tests of the sanggah after an award and after "no bidder passes".
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import assert from 'node:assert/strict';
import type { ActorRef } from '../../domain/process/state';
import { performStep } from '../../workflows/package-process';
import type { ScenarioStep } from './scenario';

const HPS = 1_450_000_000; // tenderInput's HPS
/** The least sanggah banding guarantee of a construction tender: 1% of HPS, Rp14.500.000. */
export const GUARANTEE = HPS / 100;

export const objection = (cause: string) => ({ cause, reason: `Sanggahan atas hasil pemilihan karena ${cause}.` });

/** The Pokja's answer to every sanggah of the round, in filing order: upheld or not. */
export const answerAll = (upheld: boolean[]) => ({
  answers: upheld.map((u, i) => ({
    objectionId: `objections-${i + 1}`,
    upheld: u,
    answer: u ? 'Sanggahan benar, ditindaklanjuti.' : 'Sanggahan tidak benar.',
  })),
});

export const appeal = (amount: number) => ({
  reason: 'Jawaban sanggah tidak menjawab pokok sanggahan kami.',
  guarantee: { number: 'JSB-2026-001', issuer: 'Bank BJB', amount },
});

/** The PA/KPA's answer to the one sanggah banding. */
export const answerAppeal = (upheld: boolean) => ({
  answers: [{ appealId: 'appeals-1', upheld, answer: upheld ? 'Sanggah banding benar.' : 'Sanggah banding tidak benar.' }],
});

/** A refusal whose details name the rule broken (the scenario runner's `refuse` checks status and code only). */
export const refuseNamingRule = (action: string, as: ActorRef, payload: Record<string, unknown>, status: number, code: string, rule: string): ScenarioStep => ({
  check: async (v, ctx) => {
    const e = await ctx.client.workflow
      .getHandle(`paket-${v.packageId}`)
      .executeUpdate(performStep, { args: [{ action, actor: as, payload }] })
      .then(
        () => assert.fail(`${action} by ${as.id} was accepted`),
        (x: unknown) => x,
      );
    assert.ok(e instanceof WorkflowUpdateFailedError, String(e));
    const d = (e.cause as { details?: { status: number; code: string; details: { rule?: string } }[] }).details?.[0];
    assert.deepEqual([d?.status, d?.code, d?.details.rule], [status, code, rule]);
  },
});

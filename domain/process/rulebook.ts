/**
 * The rule book: named checks and reducers that definitions refer to when a predicate is not enough, because the rule
 * needs arithmetic (an addendum's 10% cap, a payment net of advance repayment and retention). They are pure functions
 * of the step, bundled into the workflow like the engine, so they stay deterministic and replay the same way.
 */
import { contractChecks, contractReducers } from '../contract/rules';
import { addendumReducers } from '../selection/addendum';
import { failureChecks, failureReducers } from '../selection/failure';
import { objectionChecks, objectionReducers } from '../selection/objections';
import { pqChecks, pqReducers } from '../selection/prequalification-objections';
import { preparationChecks, preparationReducers } from '../selection/preparation';
import { scheduleChecks, scheduleReducers } from '../selection/schedule';
import type { ProcessDefinition } from './definition';
import type { ActorRef } from './state';

export interface RuleContext {
  /** The package's process data; reducers change it, checks only read it. */
  data: Record<string, unknown>;
  payload: Record<string, unknown>;
  actor: ActorRef;
  /** Workflow time of the step. */
  now: number;
  /** The stage the step is taken in, with the time it was entered. */
  stage: { id: string; enteredAt: number };
  /** Real milliseconds per nominal millisecond (1 in production); turns elapsed time back into calendar days. */
  timeScale: number;
  /** The package's definition and the schedule values it was created with (a schedule change checks its params). */
  def?: ProcessDefinition;
  schedule?: Record<string, number>;
  /**
   * Where the current stage would end (nominal epoch ms) if the schedule had `proposed` values, with now on the same
   * clock; undefined when none of the stage's own parameters changes. A schedule change must not end it in the past.
   */
  stageEndWith?: (proposed: Record<string, number>) => { end: number; now: number } | undefined;
}

export interface Refusal {
  status: 403 | 409 | 422;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export type Check = (ctx: RuleContext) => Refusal | undefined;
export type Reducer = (ctx: RuleContext) => void;

export const RULEBOOK: { checks: Record<string, Check>; reducers: Record<string, Reducer> } = {
  checks: { ...contractChecks, ...objectionChecks, ...failureChecks, ...pqChecks, ...preparationChecks, ...scheduleChecks },
  reducers: { ...contractReducers, ...addendumReducers, ...objectionReducers, ...failureReducers, ...pqReducers, ...preparationReducers, ...scheduleReducers },
};

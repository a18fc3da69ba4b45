/**
 * Steps of one story that run in order on one stack (a package driven from creation to contract): after a failure
 * the rest are skipped instead of failing for the same reason, so the report names the step that broke.
 */
import { it, type TestContext } from 'node:test';

export type OrderedStep = (name: string, timeoutMs: number, fn: (t: TestContext) => Promise<void>) => void;

/** `started()`: how many steps have begun (screenshots are numbered by it). */
export function orderedSteps(): { step: OrderedStep; broken: () => boolean; started: () => number } {
  let broken = false;
  let started = 0;
  const step: OrderedStep = (name, timeoutMs, fn) => {
    it(name, { timeout: timeoutMs }, async (t) => {
      started++;
      if (broken) return t.skip('an earlier step failed');
      try {
        await fn(t);
      } catch (e) {
        broken = true;
        throw e;
      }
    });
  };
  return { step, broken: () => broken, started: () => started };
}

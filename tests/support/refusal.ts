/** The refusal a step on a PackageProcess throws, for engine tests that assert its code, status and details. */
import assert from 'node:assert/strict';
import { StepRefused } from '../../domain/process/errors';

export function refusal(fn: () => void): StepRefused {
  try {
    fn();
  } catch (e) {
    if (e instanceof StepRefused) return e;
    throw e;
  }
  assert.fail('expected a refusal');
}

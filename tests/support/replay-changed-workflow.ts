/**
 * A deliberately incompatible version of the interpreter workflow, for the replay test's negative control: it starts
 * a timer before running the real `packageProcess`, so its first workflow task emits StartTimer where every recorded
 * history has ScheduleActivityTask (recordProgress) or, since compact histories, a marker. Replaying a fixture against it must fail with a
 * DeterminismViolationError. Exported under the same name, so the workflow type matches the histories.
 */
import { sleep } from '@temporalio/workflow';
import type { PackageStart } from '../../domain/process/state';
import { packageProcess as current, type PackageOutcome } from '../../workflows/package-process';

export async function packageProcess(input: PackageStart): Promise<PackageOutcome> {
  await sleep('1 minute');
  return current(input);
}

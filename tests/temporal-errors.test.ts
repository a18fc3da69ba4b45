/**
 * How Temporal's errors reach an API caller (api/temporal-errors.ts), table-driven over errors as the client raises
 * them. The live paths (limits, workers away, a server away) are exercised on a real server by temporal-limits,
 * reads-without-worker and api-degraded; this table pins the messages no test provokes on demand.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { fromTemporal } from '../api/temporal-errors';
import { ApiError } from '../api/errors';

const cases: { name: string; err: unknown; status?: number; code?: string }[] = [
  {
    // Seen in bench/city-year.ts as a 500 on accept_receipt: the workflow task carrying the update was refused.
    name: 'an update whose workflow task failed is pending, retryable with the same key',
    err: new ServiceError(
      'Workflow Update failed: 9 FAILED_PRECONDITION: Unable to perform workflow execution update due to unexpected workflow task failure.',
    ),
    status: 503,
    code: 'step_pending',
  },
  {
    name: 'a workflow that is not there is a package not running',
    err: new WorkflowNotFoundError('not found', 'paket-x', undefined),
    status: 409,
    code: 'package_not_running',
  },
  { name: 'anything else is not turned into a refusal', err: new Error('something else') },
];

for (const c of cases) {
  test(c.name, () => {
    const mapped = fromTemporal(c.err, 'pkt-x');
    if (c.code === undefined) {
      assert.equal(mapped, c.err);
      return;
    }
    assert.ok(mapped instanceof ApiError, `mapped to ${String(mapped)}`);
    assert.equal(mapped.status, c.status);
    assert.equal(mapped.code, c.code);
  });
}

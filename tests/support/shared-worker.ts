/**
 * A client and an in-process worker on a task queue of the test's own, against the shared services bin/test.ts started
 * (tests that drive workflows or the API on the real dev server). `stop` terminates the packages the test names, then
 * shuts the worker down and closes every connection, so the test process can exit.
 */
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import { connectClient, connectWorker } from '../../runtime/temporal';
import { createWorker } from '../../runtime/worker';
import { testServices } from './services';

export interface SharedWorker {
  client: Client;
  worker: Worker;
  stop(workflowIds?: string[]): Promise<void>;
}

export async function startSharedWorker(db: Knex, taskQueue: string): Promise<SharedWorker> {
  const target = { address: testServices().temporalAddress, namespace: 'default' };
  const client = await connectClient(target);
  const { connection, namespace } = await connectWorker(target);
  const worker = await createWorker({ connection, namespace, taskQueue, db });
  const running = worker.run();
  return {
    client,
    worker,
    stop: async (workflowIds = []) => {
      await Promise.all(
        workflowIds.map((id) =>
          client.workflow
            .getHandle(id)
            .terminate('test selesai')
            .catch(() => {}),
        ),
      );
      worker.shutdown();
      await running;
      await connection.close(); // an open native connection keeps the test process alive
      await client.connection.close();
    },
  };
}

/** Activities with their dependencies injected (the samples' activities-dependency-injection pattern). */
import { log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { startFollowUpPackage } from './follow-up';
import { recordProgress } from './read-model';
import { runNamedService } from './services';
import { contractServices } from './services/contract';
import { documentServices } from './services/documents';
import type { Activities } from './types';

export interface ActivityDeps {
  db: Knex;
  /** For services that start follow-up packages; the worker passes a client over its own connection. */
  client: Client;
  taskQueue: string;
}

export function createActivities({ db, client, taskQueue }: ActivityDeps): Activities {
  const withDb = { ...documentServices(db), ...contractServices(db) };
  return {
    recordProgress: async (input) => {
      await recordProgress(db, input);
      // The SDK adds workflowId, runId and activity ids to this entry; the payloads themselves are not logged.
      log.info('read model updated', {
        packageId: input.packageId,
        events: input.events.length,
        lastSeq: input.events[input.events.length - 1]?.seq,
        stage: input.view.stage.id,
      });
    },
    runService: (input) =>
      runNamedService({
        ...input,
        startFollowUp: (method, reason) => startFollowUpPackage({ db, client, taskQueue }, input, method, reason),
      }, withDb),
  };
}

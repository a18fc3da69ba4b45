/** Activities with their dependencies injected (the samples' activities-dependency-injection pattern). */
import { log } from '@temporalio/activity';
import type { Knex } from 'knex';
import { recordProgress } from './read-model';
import { runNamedService } from './services';
import type { Activities } from './types';

export function createActivities(db: Knex): Activities {
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
    runService: async ({ service, data }) => runNamedService(service, data),
  };
}

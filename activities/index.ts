/** Activities with their dependencies injected (the samples' activities-dependency-injection pattern). */
import type { Knex } from 'knex';
import { recordProgress } from './read-model';
import { runNamedService } from './services';
import type { Activities } from './types';

export function createActivities(db: Knex): Activities {
  return {
    recordProgress: (input) => recordProgress(db, input),
    runService: async ({ service, data }) => runNamedService(service, data),
  };
}

/** The activity interface the workflow calls; implementations are created with their dependencies in index.ts. */
import type { PackageView } from '../domain/process/engine';
import type { ProcessEvent } from '../domain/process/state';

export interface RecordProgressInput {
  packageId: string;
  workflowId: string;
  events: ProcessEvent[];
  view: PackageView;
}

export interface RunServiceInput {
  packageId: string;
  service: string;
  data: Record<string, unknown>;
}

export interface Activities {
  recordProgress(input: RecordProgressInput): Promise<void>;
  runService(input: RunServiceInput): Promise<unknown>;
}

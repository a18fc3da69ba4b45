/** The activity interface the workflow calls; implementations are created with their dependencies in index.ts. */
import type { PackageView } from '../domain/process/engine';
import type { PackageInput, ProcessEvent } from '../domain/process/state';

export interface RecordProgressInput {
  packageId: string;
  workflowId: string;
  events: ProcessEvent[];
  view: PackageView;
}

export interface RunServiceInput {
  packageId: string;
  /** The stage running the service; with the package id it keys idempotent side effects. */
  node: string;
  service: string;
  args: Record<string, unknown>;
  data: Record<string, unknown>;
  /** What the package was created with, for services that start a follow-up package. */
  origin: Pick<PackageInput, 'facts' | 'assignments' | 'calendar' | 'timeScale' | 'createdBy'> & { definitionId: string };
}

export interface Activities {
  recordProgress(input: RecordProgressInput): Promise<void>;
  /** Sends the package's pending email and webhook notifications (see activities/notify). */
  deliverNotifications(input: { packageId?: string; digest?: string }): Promise<{ sent: number; pending: number }>;
  /** Writes the daily digests of the WIB day containing `at` (idempotent per day and user). */
  writeDailyDigests(input: { at: number }): Promise<{ date: string; users: number }>;
  runService(input: RunServiceInput): Promise<unknown>;
}

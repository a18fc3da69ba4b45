/** The activity interface the workflow calls; implementations are created with their dependencies in index.ts. */
import type { PackageView } from '../domain/process/engine';
import type { OutageCheck } from '../domain/process/outage';
import type { CalendarChoice, PackageInput, PackageStart, ProcessEvent } from '../domain/process/state';
import type { ViewChange } from '../domain/process/view-change';
import type { DeliveryResult } from './notify/deliver';

/** A batch for the read model: its events and the package's new view, whole or as a change to the stored one. */
export type RecordProgressInput = {
  packageId: string;
  workflowId: string;
  events: ProcessEvent[];
} & ({ view: PackageView; change?: undefined } | { change: ViewChange; view?: undefined });

/** The calendar a follow-up or a contract starts with: the origin's own, named or carried as the origin had it. */
export function originCalendar(origin: RunServiceInput['origin']): CalendarChoice {
  if (origin.calendarRef) return { calendarRef: origin.calendarRef };
  if (origin.calendar) return { calendar: origin.calendar };
  throw new Error('the service input carries no calendar');
}

/**
 * 'stale': the read model did not hold the view the change was made against (nothing was written); the workflow sends
 * the whole view. 'deliver': the batch left notifications a deliverer can send now (webhooks; email when SMTP is
 * configured), so the workflow runs a delivery; otherwise none is needed (compact runs).
 */
export type RecordProgressResult = void | 'stale' | 'deliver';

export interface RunServiceInput {
  packageId: string;
  /** The stage running the service; with the package id it keys idempotent side effects. */
  node: string;
  service: string;
  args: Record<string, unknown>;
  data: Record<string, unknown>;
  /** What the package was created with, for services that start a follow-up package. */
  origin: Pick<PackageInput, 'facts' | 'assignments' | 'timeScale' | 'createdBy'> & { definitionId: string } & Pick<PackageStart, 'calendar' | 'calendarRef'> &
    /** The creation's schedule values, which a follow-up keeps; absent where the workflow does not pass them. */
    Partial<Pick<PackageInput, 'schedule'>>;
  /** The package carries search attributes, so a follow-up it starts gets them too (runtime/search-attributes.ts). */
  searchAttributes?: boolean;
}

export interface Activities {
  recordProgress(input: RecordProgressInput): Promise<RecordProgressResult>;
  /** Sends the package's pending email and webhook notifications (see activities/notify). */
  deliverNotifications(input: { packageId?: string; digest?: string; rowBackoff?: boolean }): Promise<DeliveryResult>;
  /** Writes the daily digests of the WIB day containing `at` (idempotent per day and user). */
  writeDailyDigests(input: { at: number }): Promise<{ date: string; users: number }>;
  /** Writes the next anchor of the per-package audit chains (activities/audit-anchor.ts); null when nothing moved. */
  writeAuditAnchor(input: { at: number }): Promise<{ seq: number; heads: number } | null>;
  runService(input: RunServiceInput): Promise<unknown>;
  /** The platform outages around a closing stage and the rule's settings (activities/outages.ts). */
  outagesAt(input: { enteredAt: number; closesAt: number }): Promise<OutageCheck>;
}

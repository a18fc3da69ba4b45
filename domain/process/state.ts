/** Serializable state of one package's process, the workflow input, and the events it records. */
import type { CalendarRef } from '../calendar/calendar-ref';
import type { CalendarConfig } from '../calendar/working-time';
import type { ContractBasis } from '../contract/ledger';
import type { EndOutcome, ProcessDefinition, Role } from './definition';
import type { PackageStatus } from './statuses';

export interface ActorRef {
  id: string;
  name: string;
  roles: Role[];
  org: string;
}

/** What the package was created with (public facts; money in integer rupiah). */
export interface PackageFacts {
  title: string;
  opd: string;
  workUnit: string;
  category: 'barang' | 'pekerjaan_konstruksi' | 'jasa_konsultansi' | 'jasa_lainnya';
  pagu: number;
  hps: number;
  fiscalYear: number;
  description?: string;
  /** Set on a package started after a failed one (re-tender, switch of method): the link back. */
  previousPackageId?: string;
  followUpReason?: string;
  ruleSet?: string; // the method rule set in force on the creation day (domain/rules/method-rules.ts), kept for life
  /** Set on an E-Kontrak package: what the awarding package agreed (provider, value). */
  contractBasis?: ContractBasis;
}

/** A definition named by id and version; the worker's registry (workflows/definitions) holds every running version. */
export interface DefinitionRef {
  id: string;
  version: number;
}

/** What the engine runs with: the start input with its definition (and calendar) resolved. */
export interface PackageInput {
  packageId: string;
  definition: ProcessDefinition;
  facts: PackageFacts;
  assignments: Partial<Record<Role, string[]>>;
  /** Per-package schedule values (already validated against the definition's lower bounds). */
  schedule: Record<string, number>;
  calendar: CalendarConfig;
  /** 1 = real time; 0.00001 makes a day last under a second (demos and end-to-end runs only). */
  timeScale: number;
  createdBy: ActorRef;
  /** Set on a child process (E-Kontrak): the parent to tell when a milestone is reached. */
  parent?: { workflowId: string; packageId: string };
}

/**
 * The workflow's argument. Packages started before compact histories carry the whole definition (~40 KB, in the first
 * event of every history); newer ones name it (`definitionRef`) and the workflow takes it from the registry bundled
 * with the worker, which keeps every version that still runs (the version guard in tests/definition-versions.test.ts
 * keeps a registered version from changing). The calendar likewise: frozen year files bundled with the code.
 */
export type PackageStart = Omit<PackageInput, 'definition' | 'calendar'> &
  ({ definition: ProcessDefinition; definitionRef?: undefined } | { definitionRef: DefinitionRef; definition?: undefined }) &
  CalendarChoice & {
    /** Set on a run continued as new: where the previous run left off. */
    carried?: CarriedState;
    /** Continue as new after this many updates in one run (default in workflows/package-process.ts); tests lower it. */
    updatesPerRun?: number;
  };

/** The holidays of a start: carried, or named by year and frozen version (domain/calendar/calendar-ref.ts). */
export type CalendarChoice = { calendar: CalendarConfig; calendarRef?: undefined } | { calendarRef: CalendarRef; calendar?: undefined };

/** What a run hands to the next when it continues as new (the pending deadlines follow from the state). */
export interface CarriedState {
  state: ProcessState;
  /** Whether reminders were on (patched) in the first run: a package keeps the behaviour it started with. */
  remindersOn: boolean;
  /** Whether window steps counted per actor (patched) in the first run (engine.ts windowStepsPerActor). */
  windowStepsPerActor?: boolean;
  /** Whether the workflow kept its search attributes current (patched) in the first run (workflows/search-attributes.ts). */
  searchAttributes?: boolean;
  /** Whether closings were checked against platform outages (patched) in the first run (engine.ts outageExtension). */
  outageExtension?: boolean;
  /** Notifications recorded but maybe not yet delivered when the run ended. */
  deliveriesDue: boolean;
  /** Runs so far, counting this one's predecessors (for logs and the support query). */
  run: number;
}

export interface CurrentStage {
  node: string;
  enteredAt: number;
  enteredSeq: number;
  /** When the window closes (workflow time, after time scaling). */
  closesAt?: number;
  /** The calendar deadline before time scaling, as an officer would read it in the schedule. */
  nominalClosesAt?: number;
  dueAt?: number;
  /** The due time before time scaling, from which reminders count back in working days. */
  nominalDueAt?: number;
  /** Reminders and escalations already sent for this stage ('reminder-2', 'reminder-1', 'escalation'). */
  notified?: string[];
  /** Actions done in this stage, as 'action' or 'action:actorId' for once-per-actor actions. */
  done: string[];
  /** Platform outages this stage was extended for (./outage.ts), and the time they added (real and nominal ms). */
  outages?: string[];
  outageShift?: { real: number; nominal: number };
  /** An ongoing outage holds the closing; the workflow asks again at `recheckAt` (workflow time). */
  outageHold?: { id: string; recheckAt: number };
}

export type EventType =
  | 'package_created'
  | 'stage_entered'
  | 'action_performed'
  | 'window_closed'
  | 'task_timed_out'
  | 'gateway_passed'
  | 'service_completed'
  | 'call_completed'
  | 'milestone_reached'
  | 'reminder_sent'
  | 'task_escalated'
  /** An action published a notice (an addendum to the selection document, to every registered vendor). */
  | 'notice_published'
  /** A Pokja member proposed a collegial decision; others voted on it; a proposal a majority refused lapsed. */
  | 'decision_proposed'
  | 'decision_voted'
  | 'decision_rejected'
  | 'package_ended';

/** Events that become notifications and outbox rows in the read-model transaction, then need a delivery. */
export const NOTICE_EVENT_TYPES: readonly EventType[] = ['reminder_sent', 'task_escalated', 'notice_published'];

export interface ProcessEvent {
  seq: number;
  at: number;
  type: EventType;
  node: string;
  action?: string;
  actor?: { id: string; role: Role };
  details?: Record<string, unknown>;
}

export interface ProcessState {
  seq: number;
  /** 'active' while running, then the end event's status (the closed set in ./statuses.ts). */
  status: PackageStatus;
  outcome?: EndOutcome;
  current: CurrentStage;
  data: Record<string, unknown>;
}

/**
 * Starting a package, the one way: the API's create (api/services/create-package.ts) and a follow-up package after a
 * failed one (./follow-up.ts) both come here. It checks the start (domain/process/start-checks.ts: definition,
 * schedule, method rules, officers), starts the interpreter workflow named by the definition's id and version (the
 * package keeps that version, and the rule set id in its facts, for life) and writes the first read-model row
 * (startingPackageRow), so the package can be read before its workflow's first write.
 */
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Knex } from 'knex';
import { findUsers, insertPackageRow, startingPackageRow } from '../db/queries/packages';
import type { PackagesInsert } from '../db/tables';
import type { ProcessDefinition, Role } from '../domain/process/definition';
import { checkAssignments, checkMethodRules, checkSchedule, officerIds, type Officers, StartRefused } from '../domain/process/start-checks';
import type { ActorRef, CalendarChoice, PackageFacts, PackageStart } from '../domain/process/state';
import { workflowIdOf } from '../domain/process/workflow-id';
import { definitionForMethod } from '../workflows/definitions';
import type { packageProcess } from '../workflows/package-process';
import { startSearchAttributes } from '../workflows/search-attributes';

export interface StartDeps {
  db: Knex;
  client: Client;
  taskQueue: string;
}

export interface StartRequest {
  packageId: string;
  method: string;
  /** The facts without the rule set: the method check names the one in force on the start day. */
  facts: Omit<PackageFacts, 'ruleSet'>;
  /** Officers by role; the PPK is the starter. */
  officers: Officers;
  schedule: Record<string, number>;
  /** Libur nasional and cuti bersama, resolved by the starter (not in the workflow) so deadlines replay the same. */
  calendar: CalendarChoice;
  timeScale: number;
  createdBy: ActorRef;
  /** The officers come from a failed package, not from a PPK's form (checkAssignments in start-checks.ts). */
  carried?: boolean;
  /** List the workflow with search attributes from its start: only where the server has them registered. */
  searchAttributes: boolean;
  /** Wraps the start call (the API answers 503 within seconds when Temporal is away: api/temporal-reachability.ts). */
  around?: <T>(workflowId: string, start: () => Promise<T>) => Promise<T>;
  now?: number;
}

export interface StartedPackage {
  packageId: string;
  workflowId: string;
  definition: ProcessDefinition;
  input: PackageStart;
  /** The first read-model row as written (the same whoever writes it first: insertPackageRow keeps the first). */
  row: PackagesInsert;
}

/** The checks of a start and the workflow input they lead to; throws StartRefused, changing nothing. */
export async function checkedStart(db: Knex, req: StartRequest): Promise<{ definition: ProcessDefinition; input: PackageStart }> {
  const now = req.now ?? Date.now();
  const definition = definitionForMethod(req.method);
  if (!definition) {
    throw new StartRefused('unknown_method', `Metode '${req.method}' belum tersedia.`, { issues: [{ path: 'method', message: 'metode belum tersedia' }] });
  }
  checkSchedule(definition, req.schedule);
  const ruleSet = checkMethodRules(req.method, req.facts.category, req.facts.hps, now);
  const users = await findUsers(db, officerIds(req.officers));
  const rolesOf = new Map(users.map((u) => [u.id, u.roles as Role[]]));
  const assignments = checkAssignments(definition, { ...req.officers, ppk: req.officers.ppk ?? [req.createdBy.id] }, rolesOf, { carried: req.carried });
  const input: PackageStart = {
    packageId: req.packageId,
    // Named, not carried: the worker's registry has every version that runs (a compact first event in the history).
    definitionRef: { id: definition.id, version: definition.version },
    facts: { ...req.facts, ruleSet },
    assignments,
    schedule: req.schedule,
    ...req.calendar,
    timeScale: req.timeScale,
    createdBy: req.createdBy,
  };
  return { definition, input };
}

export async function startPackage(deps: StartDeps, req: StartRequest): Promise<StartedPackage> {
  const now = req.now ?? Date.now();
  const { definition, input } = await checkedStart(deps.db, { ...req, now });
  const workflowId = workflowIdOf(req.packageId);
  const start = () =>
    deps.client.workflow.start<typeof packageProcess>('packageProcess', {
      workflowId,
      taskQueue: deps.taskQueue,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      // Listed at once (stage, method, OPD, …) for the Temporal UI and CLI; the workflow keeps them current. Only where
      // the server has them: the time-skipping test server registers none and refuses unknown ones.
      ...(req.searchAttributes ? { typedSearchAttributes: startSearchAttributes(input, definition, now) } : {}),
    });
  try {
    await (req.around ? req.around(workflowId, start) : start());
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e; // a retried start: the package exists
  }
  const row = startingPackageRow({ packageId: req.packageId, definition, facts: input.facts, createdBy: req.createdBy.id, at: new Date(now) });
  await insertPackageRow(deps.db, row);
  return { packageId: req.packageId, workflowId, definition, input, row };
}

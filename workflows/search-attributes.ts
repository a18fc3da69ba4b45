/**
 * A package's search attributes (runtime/search-attributes.ts names them) from its process: what the workflow upserts
 * when they change, and what whoever starts a package workflow gives it at start (the API, a follow-up package, the
 * E-Kontrak child), so a new package is listed at once and its first workflow task has nothing to upsert.
 * Deterministic: the workflow bundle imports it.
 */
import type { SearchAttributePair, TypedSearchAttributes } from '@temporalio/common';
import { workflowInfo } from '@temporalio/workflow';
import type { ProcessDefinition } from '../domain/process/definition';
import { PackageProcess } from '../domain/process/engine';
import type { PackageStart } from '../domain/process/state';
import { resolveCalendar } from '../domain/calendar/calendar-ref';
import { FISCAL_YEAR, METHOD, OPD, OVERDUE, STAGE, STAGE_NAME, STATUS } from '../runtime/search-attributes';

export function packageSearchAttributes(proc: PackageProcess, now: number): SearchAttributePair[] {
  const { facts, definition } = proc.input;
  return [
    { key: STAGE, value: proc.state.current.node },
    { key: STAGE_NAME, value: proc.currentNode.name },
    { key: METHOD, value: definition.method },
    { key: OPD, value: facts.opd },
    { key: FISCAL_YEAR, value: facts.fiscalYear },
    { key: STATUS, value: proc.state.status },
    { key: OVERDUE, value: proc.overdue(now) },
  ];
}

/** Whether this run's start carried the package's attributes (whoever starts a package in production gives them). */
export function startedWithSearchAttributes(): boolean {
  return workflowInfo().typedSearchAttributes.get(METHOD) !== undefined;
}

/** The pairs of `want` that `have` does not hold with that value: an upsert only when something changed. */
export function changedSearchAttributes(want: SearchAttributePair[], have: TypedSearchAttributes): SearchAttributePair[] {
  return want.filter((p) => have.get(p.key) !== p.value);
}

/**
 * The attributes of a package about to start: those of its process as it enters its first stage (the engine is pure,
 * so the starter computes what the workflow will), with the definition and calendar resolved as the workflow resolves
 * them. A first stage that is a service task is listed as such until the workflow has run it and upserts the next.
 */
export function startSearchAttributes(start: PackageStart, definition: ProcessDefinition, now: number): SearchAttributePair[] {
  const { definitionRef: _ref, calendarRef, carried: _carried, updatesPerRun: _updates, ...rest } = start;
  const calendar = start.calendar ?? resolveCalendar(calendarRef!);
  return packageSearchAttributes(new PackageProcess({ ...rest, definition, calendar }, now), now);
}

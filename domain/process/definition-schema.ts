/**
 * Structural schema of a process definition (zod). The semantic checks — every flow goes somewhere, every stage is
 * reachable, roles and parameters exist — live in `validate-definition.ts`.
 */
import { z } from 'zod';
import type { Predicate } from './predicate';
import { PACKAGE_STATUS_VALUES } from './statuses';

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'ids are lower_snake_case');
const role = z.enum(['ppk', 'pokja', 'pejabat_pengadaan', 'pa_kpa', 'kepala_ukpbj', 'penyedia', 'auditor', 'admin']);

const dataKey = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'data keys are camelCase');

const operand = z.union([z.strictObject({ path: z.string().min(1) }), z.strictObject({ count: z.string().min(1) }), z.strictObject({ value: z.unknown() })]);

export const PredicateSchema: z.ZodType<Predicate> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(PredicateSchema).min(1) }),
    z.strictObject({ any: z.array(PredicateSchema).min(1) }),
    z.strictObject({ not: PredicateSchema }),
    z.strictObject({ op: z.enum(['eq', 'ne', 'lt', 'lte', 'gt', 'gte']), left: operand, right: operand }),
    z.strictObject({ op: z.literal('exists'), operand }),
    z.strictObject({ op: z.literal('someItem'), path: z.string().min(1), field: z.string().min(1), right: operand }),
  ]),
);

const effect = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('set'), path: z.string().min(1) }),
  z.strictObject({ kind: z.literal('append'), path: z.string().min(1) }),
  z.strictObject({ kind: z.literal('upsertByActor'), path: z.string().min(1) }),
  z.strictObject({
    kind: z.literal('patchItem'),
    path: z.string().min(1),
    matchField: z.string().min(1),
    // Keys of package data: camelCase, like every key a definition names (an answer's `answeredBy`, `answeredAt`).
    stamp: z.strictObject({ by: dataKey, at: dataKey }).optional(),
  }),
  z.strictObject({ kind: z.literal('apply'), reducer: z.string().min(1) }),
  z.strictObject({ kind: z.literal('assign'), role, path: z.string().min(1) }),
  z.strictObject({ kind: z.literal('vote') }),
]);

const action = z.strictObject({
  id,
  name: z.string().min(1),
  performers: z.array(z.strictObject({ role, assignedOnly: z.boolean().optional(), actorIs: z.string().optional() })).min(1),
  payload: z.record(z.string(), z.unknown()),
  requires: z
    .array(
      z.union([
        z.strictObject({
          when: PredicateSchema,
          code: z.string(),
          message: z.string(),
          status: z.union([z.literal(403), z.literal(409), z.literal(422)]).optional(),
          rule: z.string().min(1).optional(),
        }),
        z.strictObject({ rule: z.string().min(1) }),
      ]),
    )
    .optional(),
  effect,
  to: z.string().optional(),
  oncePerActor: z.boolean().optional(),
  rule: z.string().min(1).optional(),
  notify: z
    .strictObject({
      kind: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
      to: z.strictObject({ path: z.string().min(1), field: z.string().min(1) }),
      fields: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  sealedUntil: z.string().optional(),
  envelope: z.boolean().optional(),
  collegial: z.boolean().optional(),
  reschedules: z.boolean().optional(),
});

const base = {
  id,
  name: z.string().min(1),
  resets: z.array(z.string().min(1)).optional(),
  milestone: z.string().min(1).optional(),
};
const node = z.discriminatedUnion('type', [
  z.strictObject({
    ...base,
    type: z.literal('userTask'),
    actions: z.array(action).min(1),
    completion: z.enum(['any', 'all']),
    due: z.string().optional(),
    timeout: z.strictObject({ after: z.string(), to: z.string() }).optional(),
    next: z.string(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('timeWindow'),
    duration: z.string().optional(),
    durationFrom: z.string().optional(),
    extendedBy: z.string().min(1).optional(),
    actions: z.array(action),
    next: z.string(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('callActivity'),
    inputFrom: z.string().min(1),
    waitFor: z.string().min(1).optional(),
    resultPath: z.string().min(1),
    next: z.string(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('serviceTask'),
    service: z.string().min(1),
    args: z.record(z.string(), z.unknown()).optional(),
    resultPath: z.string().min(1),
    resultPaths: z.record(z.string().min(1), z.string().min(1)).optional(),
    next: z.string(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('exclusiveGateway'),
    branches: z.array(z.strictObject({ when: PredicateSchema, to: z.string(), name: z.string().optional() })).min(1),
    default: z.string(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('endEvent'),
    outcome: z.enum(['completed', 'failed', 'cancelled']),
    // A closed set: the status is stored, published and counted by dashboards (domain/process/statuses.ts).
    status: z.enum(PACKAGE_STATUS_VALUES, {
      error: (i) => `unknown package status ${JSON.stringify(i.input)}: a status is one of ${PACKAGE_STATUS_VALUES.join(', ')} (domain/process/statuses.ts)`,
    }),
  }),
]);

export const ProcessDefinitionSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.number().int().positive(),
  name: z.string().min(1),
  method: z.string().min(1),
  description: z.string().optional(),
  roles: z.array(role).min(1),
  assignments: z.array(role),
  params: z.record(
    z.string(),
    z.strictObject({
      name: z.string(),
      unit: z.enum(['calendarDays', 'workingDays', 'hours', 'minutes']),
      default: z.number().positive(),
      min: z.number().nonnegative(),
      max: z.number().positive().optional(),
      fixed: z.string().min(1).optional(),
      endOnWorkingTime: z.boolean().optional(),
    }),
  ),
  start: z.string(),
  nodes: z.array(node).min(1),
  interrupts: z.array(z.strictObject({ action, notAt: z.array(z.string()), to: z.string().optional(), onlyAt: z.array(z.string()).optional() })).optional(),
  reminders: z.strictObject({ beforeWorkingDays: z.array(z.number().int().positive().max(30)).max(5), escalate: z.boolean() }).optional(),
});

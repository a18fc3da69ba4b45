/**
 * The process interpreter's state machine: a plain class with no Temporal imports, so every transition is unit-tested
 * without a server. The workflow (workflows/package-process.ts) only wires updates, queries and timers to it.
 *
 * Time is always passed in (`now`), never read, so the same code is deterministic inside a workflow. Deadlines are
 * derived from state (`nextDeadline`), in the manner of ProZorro's chronograph: after any change the workflow asks
 * again and re-arms a single timer.
 */
import { Validator } from '@cfworker/json-schema';
import { deadlineFor, workingDaysBefore } from '../calendar/working-time';
import { wibTimeText } from '../calendar/wib-text';
import {
  type ActionDef,
  actionsOf,
  DEFAULT_REMINDERS,
  findNode,
  OFFICER_ROLES,
  type ProcessDefinition,
  type ProcessNode,
  type Role,
  type TimeWindowNode,
} from './definition';
import { StepRefused } from './errors';
import { payloadIssues } from './schema-messages';
import { evaluate, getPath } from './predicate';
import { RULEBOOK, type RuleContext } from './rulebook';
import { addWorkingHours } from '../calendar/working-hours';
import { type OutageCheck, outageDecision } from './outage';
import type { ActorRef, CurrentStage, PackageInput, ProcessEvent, ProcessState } from './state';
import type { PackageStatus } from './statuses';

export interface StepCommand {
  action: string;
  actor: ActorRef;
  payload: unknown;
}

/** An action resolved against the current state: which definition entry, as which role. */
interface ResolvedStep {
  action: ActionDef;
  role: Role;
  interruptTo?: string;
  /** An interrupt (cancellation, schedule change): allowed whatever the stage's deadline or earlier steps. */
  interrupt?: boolean;
}

/** A collegial decision one Pokja member proposed, waiting for the others' votes (data.proposals[action]). */
export interface Proposal {
  action: string;
  payload: Record<string, unknown>;
  by: string;
  at: number;
  votes: { by: string; agree: boolean; at: number; note?: string }[];
}

export interface PendingService {
  node: string;
  service: string;
  args: Record<string, unknown>;
  resultPath: string;
}

/** A child process to start (callActivity) and the milestone to wait for. */
export interface PendingCall {
  node: string;
  input: unknown;
  waitFor?: string;
}

/** A reminder before the due time, or the escalation when it has passed, for the current stage. */
export interface Notice {
  at: number;
  kind: 'reminder' | 'escalation';
  key: string;
  dueAt: number;
}

export interface OpenAction {
  id: string;
  name: string;
  roles: Role[];
  /** Ids of users who may act, where the action is limited to assigned officers or to one party. */
  assignees?: string[];
  /** For a sealed-envelope action: the schema of the content the API seals (the workflow takes only the envelope). */
  sealedContent?: unknown;
}

export interface PackageView {
  packageId: string;
  definition: { id: string; version: number; name: string; method: string };
  createdBy: string;
  status: PackageStatus;
  outcome?: string;
  seq: number;
  stage: {
    id: string;
    name: string;
    type: ProcessNode['type'];
    enteredAt: number;
    enteredSeq: number;
    closesAt?: number;
    nominalClosesAt?: number;
    dueAt?: number;
  };
  openActions: OpenAction[];
  facts: PackageInput['facts'];
  assignments: PackageInput['assignments'];
  data: Record<string, unknown>;
}

const isOfficer = (r: Role) => OFFICER_ROLES.includes(r);

/**
 * What a sealed-envelope action accepts: the id of the encrypted bid the API stored and its SHA-256 commitment. The
 * content itself stays in the database, encrypted, until an `unsealBids` service task opens it.
 */
export const SEALED_ENVELOPE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['sealedBid'],
  properties: {
    sealedBid: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'commitment'],
      properties: {
        id: { type: 'string', pattern: '^[0-9a-f-]{36}$' },
        commitment: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      },
    },
  },
} as const;

export class PackageProcess {
  readonly state: ProcessState;
  private readonly def: ProcessDefinition;
  private events: ProcessEvent[] = [];
  // Keyed by the action itself: one id may have different schemas in different stages (each stage's vote_decision).
  private validators = new Map<ActionDef, Validator>();
  /**
   * Reminders are timers, so they are on only for workflows started with them (the workflow passes its patch);
   * histories recorded before would otherwise replay with timers they never had.
   */
  remindersOn = false;
  /**
   * Window steps count per actor for reminders (issue 15 point 6; the workflow passes its patch, since it changes
   * which reminder timers exist): in a window each party acts for itself, so one vendor's bid does not end the
   * others' reminders; a reminder goes to the registered vendors who have not taken the window's vendor step themselves.
   */
  windowStepsPerActor = false;
  /**
   * Closings are checked against platform outages (issue 15 point 7; the workflow passes its patch, since the check is
   * a local activity at a closing and holding a stage changes its timers): see applyOutages.
   */
  outageExtension = false;

  constructor(
    readonly input: PackageInput,
    now: number,
    restored?: ProcessState,
  ) {
    this.def = input.definition;
    if (restored) {
      this.state = restored;
      return;
    }
    this.state = {
      seq: 0,
      status: 'active',
      current: { node: this.def.start, enteredAt: now, enteredSeq: 0, done: [] },
      data: { package: input.facts },
    };
    this.emit(now, 'package_created', this.def.start, { actor: { id: input.createdBy.id, role: 'ppk' } });
    this.enter(this.def.start, now);
  }

  // ---- reading -------------------------------------------------------------------------------------------------

  get ended(): boolean {
    return this.state.outcome !== undefined;
  }

  get currentNode(): ProcessNode {
    return this.node(this.state.current.node);
  }

  /** Events recorded since the last call, in order; the workflow hands them to the read-model activity. */
  drainEvents(): ProcessEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  /** The next time-driven change, if any: a reminder, an escalation, or the stage closing. */
  nextDeadline(): { at: number; node: string } | undefined {
    const c = this.state.current;
    if (this.ended) return undefined;
    // A closing an ongoing outage holds is asked about again instead (applyOutages).
    const closing = c.outageHold ? c.outageHold.recheckAt : c.closesAt;
    const times = [...(closing !== undefined ? [closing] : []), ...this.notices().map((n) => n.at)];
    return times.length ? { at: Math.min(...times), node: c.node } : undefined;
  }

  /**
   * Whether a step someone must take is past its due time, as the monitoring's Terlambat reads the read model
   * (db/queries/monitoring-overdue.ts: an open task, not cancellation, whose due_at = dueAt ?? closesAt has passed).
   */
  overdue(now: number): boolean {
    const c = this.state.current;
    const due = c.dueAt ?? c.closesAt;
    return !this.ended && due !== undefined && due <= now && this.openActions().some((a) => !this.isInterrupt(a.id));
  }

  /**
   * Reminders and escalations still to come for the current stage, derived from the state (chronograph style), so
   * completing the task stops them and moving its deadline moves them. Reminders count back in working days from
   * the nominal due time and are scaled like every other duration; one that would fall before the stage began is
   * skipped. Only stages someone must act in have them; escalation only for tasks (a window closes by itself).
   */
  notices(): Notice[] {
    const c = this.state.current;
    const n = this.currentNode;
    if (!this.remindersOn || this.ended || !this.openActions(true).some((a) => !this.isInterrupt(a.id))) return [];
    const due = n.type === 'userTask' ? c.dueAt : n.type === 'timeWindow' && n.actions.length ? c.closesAt : undefined;
    const nominalDue = n.type === 'userTask' ? c.nominalDueAt : c.nominalClosesAt;
    if (due === undefined || nominalDue === undefined) return [];
    const policy = this.def.reminders ?? DEFAULT_REMINDERS;
    const out: Notice[] = [];
    for (const days of policy.beforeWorkingDays) {
      const nominal = workingDaysBefore(nominalDue, days, this.input.calendar);
      if (nominal <= c.enteredAt) continue;
      out.push({ at: this.scaled(c.enteredAt, nominal).real, kind: 'reminder', key: `reminder-${days}`, dueAt: due });
    }
    // A task with a timeout moves on by itself at its due time; others are escalated once overdue.
    if (policy.escalate && n.type === 'userTask' && !n.timeout) out.push({ at: due, kind: 'escalation', key: 'escalation', dueAt: due });
    return out.filter((x) => !(c.notified ?? []).includes(x.key)).sort((a, b) => a.at - b.at);
  }

  pendingCall(): PendingCall | undefined {
    const n = this.currentNode;
    if (this.ended || n.type !== 'callActivity') return undefined;
    return { node: n.id, input: getPath(this.state.data, n.inputFrom), ...(n.waitFor ? { waitFor: n.waitFor } : {}) };
  }

  pendingService(): PendingService | undefined {
    const n = this.currentNode;
    if (this.ended || n.type !== 'serviceTask') return undefined;
    return { node: n.id, service: n.service, args: n.args ?? {}, resultPath: n.resultPath };
  }

  view(): PackageView {
    const n = this.currentNode;
    const c = this.state.current;
    return {
      packageId: this.input.packageId,
      definition: { id: this.def.id, version: this.def.version, name: this.def.name, method: this.def.method },
      createdBy: this.input.createdBy.id,
      status: this.state.status,
      outcome: this.state.outcome,
      seq: this.state.seq,
      stage: {
        id: n.id,
        name: n.name,
        type: n.type,
        enteredAt: c.enteredAt,
        enteredSeq: c.enteredSeq,
        closesAt: c.closesAt,
        nominalClosesAt: c.nominalClosesAt,
        dueAt: c.dueAt,
      },
      openActions: this.openActions(),
      facts: this.input.facts,
      assignments: this.assignments(),
      data: this.sealedView(),
    };
  }

  // ---- acting --------------------------------------------------------------------------------------------------

  /** Checks a step without changing anything; throws StepRefused. Used by the update validator. */
  check(cmd: StepCommand, now: number): ResolvedStep {
    if (this.ended) {
      throw new StepRefused(409, 'package_ended', `Paket sudah selesai dengan status '${this.state.status}'.`, {
        status: this.state.status,
      });
    }
    const step = this.resolve(cmd.action);
    const node = this.currentNode;
    if (!step.interrupt && this.state.current.closesAt !== undefined) {
      if (now >= this.state.current.closesAt) {
        const code = node.type === 'timeWindow' ? 'window_closed' : 'deadline_passed';
        throw new StepRefused(409, code, `Tahap '${node.name}' sudah ditutup pada ${wibTimeText(this.state.current.closesAt)}.`, {
          stage: node.id,
          // ISO for machines, the WIB text for people (`Rabu, 25 Maret 2026 08.00 WIB`).
          closedAt: new Date(this.state.current.closesAt).toISOString(),
          closedAtWib: wibTimeText(this.state.current.closesAt),
          ...(step.action.rule ? { rule: step.action.rule } : {}),
        });
      }
    }
    const role = this.authorise(step.action, cmd.actor);
    const doneKey = this.doneKey(step.action, cmd.actor);
    // In a window people act repeatedly (questions, re-submitted bids); a task's step, or a once-per-actor one, once.
    const once = node.type === 'userTask' || step.action.oncePerActor;
    if (!step.interrupt && once && this.state.current.done.includes(doneKey)) {
      throw new StepRefused(409, 'already_done', `Langkah '${step.action.name}' sudah dilakukan.`, {
        action: step.action.id,
      });
    }
    this.validatePayload(step.action, cmd.payload);
    if (step.action.effect.kind === 'vote') {
      this.checkVote(cmd);
      return { ...step, role };
    }
    if (this.proposing(step.action)) {
      const pending = this.proposal(step.action.id);
      if (pending && pending.by !== cmd.actor.id) {
        throw new StepRefused(
          409,
          'proposal_pending',
          `Usulan '${step.action.name}' dari anggota Pokja lain sedang menunggu persetujuan; setujui atau tolak usulan itu.`,
          {
            action: step.action.id,
            proposedBy: pending.by,
          },
        );
      }
    }
    for (const r of step.action.requires ?? []) {
      if (!('when' in r)) {
        const refusal = RULEBOOK.checks[r.rule]!(this.ruleContext(cmd, now));
        if (refusal) throw new StepRefused(refusal.status, refusal.code, refusal.message, { action: step.action.id, ...refusal.details });
      } else if (!evaluate(r.when, { data: this.state.data, actor: cmd.actor, payload: cmd.payload })) {
        throw new StepRefused(r.status ?? 422, r.code, r.message, { action: step.action.id, ...(r.rule ? { rule: r.rule } : {}) });
      }
    }
    if (step.action.effect.kind === 'patchItem') {
      const { path, matchField } = step.action.effect;
      const key = (cmd.payload as Record<string, unknown>)[matchField];
      const list = getPath(this.state.data, path);
      if (!Array.isArray(list) || !list.some((it) => (it as { id?: unknown }).id === key)) {
        throw new StepRefused(422, 'item_not_found', `Tidak ada '${path}' dengan id '${String(key)}'.`, {
          [matchField]: key,
        });
      }
    }
    return { ...step, role };
  }

  /** Checks, then applies a step and advances the process as far as it can go without waiting. */
  perform(cmd: StepCommand, now: number): void {
    const step = this.check(cmd, now);
    if (step.action.effect.kind === 'vote') return this.vote(cmd, step.role, now);
    if (this.proposing(step.action)) return this.propose(step.action, cmd, step.role, now);
    this.takeEffect(step, cmd, now);
  }

  /** Applies an accepted step (or a collegial decision the majority agreed to) and moves the process on. */
  private takeEffect(step: ResolvedStep, cmd: StepCommand, now: number, approvedBy?: string[]): void {
    const payload = cmd.payload as Record<string, unknown>;
    if (step.action.effect.kind === 'apply') RULEBOOK.reducers[step.action.effect.reducer]!(this.ruleContext(cmd, now));
    else this.applyEffect(step.action, payload, cmd.actor, now, approvedBy);
    if (!step.interrupt || step.interruptTo) {
      this.state.current.done.push(this.doneKey(step.action, cmd.actor));
      // Who took it, for the window's reminders (a oncePerActor step's key already names the actor).
      const perActor = `${step.action.id}:${cmd.actor.id}`;
      if (this.windowStepsPerActor && this.currentNode.type === 'timeWindow' && !this.state.current.done.includes(perActor)) {
        this.state.current.done.push(perActor);
      }
    }
    this.emit(now, 'action_performed', this.state.current.node, {
      action: step.action.id,
      actor: { id: cmd.actor.id, role: step.role },
      // The audit trail hashes what was done (a sealed bid is only its envelope here).
      details: { payload, ...(approvedBy ? { approvedBy } : {}) },
    });
    const leaveTo = step.interruptTo ?? step.action.to;
    const node = this.currentNode;
    if (!leaveTo && step.action.reschedules) this.rederiveDeadlines(now);
    if (!leaveTo && node.type === 'timeWindow' && (node.durationFrom || node.extendedBy)) {
      // The window's length is data (a contract period or a bid deadline an addendum extended): derive it again.
      const { real, nominal } = this.withOutageShift(this.windowDeadline(node, this.state.current.enteredAt));
      this.state.current.closesAt = real;
      this.state.current.nominalClosesAt = nominal;
    }
    if (step.action.notify) this.publishNotice(step.action, payload, now);
    if (leaveTo) return this.enter(leaveTo, now);
    if (node.type !== 'userTask' || step.interrupt) return;
    // Actions that leave the stage (`to`) are alternatives, not part of 'all'.
    const complete =
      node.completion === 'any' || node.actions.filter((a) => !a.to).every((a) => this.state.current.done.some((d) => d === a.id || d.startsWith(`${a.id}:`)));
    if (complete) this.enter(node.next, now);
  }

  /** The child process of a callActivity reached its milestone or ended: record what it said and go on. */
  completeCall(node: string, result: unknown, now: number): void {
    const n = this.currentNode;
    if (this.ended || n.type !== 'callActivity' || n.id !== node) return;
    setPath(this.state.data, n.resultPath, result);
    this.emit(now, 'call_completed', node, { details: { result } });
    this.enter(n.next, now);
  }

  /** Applies the time-driven transition if its deadline has passed. Returns whether anything changed. */
  onTimer(now: number): boolean {
    const due = this.nextDeadline();
    if (!due || now < due.at) return false;
    const node = this.currentNode;
    const notices = this.notices().filter((x) => x.at <= now);
    if (notices.length) {
      // Only the latest of several due at once is sent (a worker that was away does not send stale reminders).
      const last = notices[notices.length - 1]!;
      this.state.current.notified = [...(this.state.current.notified ?? []), ...notices.map((x) => x.key)];
      const open = this.openActions(true).filter((a) => !this.isInterrupt(a.id));
      this.emit(now, last.kind === 'escalation' ? 'task_escalated' : 'reminder_sent', node.id, {
        details: { key: last.key, dueAt: last.dueAt, actions: open.map((a) => a.id), recipients: this.recipientsOf(last, open) },
      });
      return true;
    }
    if (this.state.current.outageHold) return false; // held by an ongoing outage: applyOutages decides
    if (node.type === 'timeWindow') {
      this.emit(now, 'window_closed', node.id, {});
      this.enter(node.next, now);
      return true;
    }
    if (node.type === 'userTask' && node.timeout) {
      this.emit(now, 'task_timed_out', node.id, {});
      this.enter(node.timeout.to, now);
      return true;
    }
    return false;
  }

  /** Whether the next deadline is the stage's closing (or a held closing's re-check), due at `now`: time to ask about outages. */
  closingDue(now: number): boolean {
    const c = this.state.current;
    const due = this.nextDeadline();
    if (!this.outageExtension || !due || now < due.at || c.closesAt === undefined) return false;
    return !this.notices().some((x) => x.at <= now);
  }

  /**
   * Applies what is known about platform outages to the current stage (./outage.ts): extends its closing by each
   * outage's length, once per outage (an outage signalled twice, or re-checked, changes nothing), announcing each
   * extension to the package's parties; holds a closing an ongoing outage covers, to be asked about again after
   * `settings.recheckMs`. Returns whether anything changed. Deterministic: the outages come as data.
   */
  applyOutages(check: OutageCheck, now: number): boolean {
    const c = this.state.current;
    if (!this.outageExtension || this.ended || c.closesAt === undefined) return false;
    const graceEnd = (endsAt: number) => this.scaled(endsAt, addWorkingHours(endsAt, check.settings.graceWorkingHours, this.input.calendar)).real;
    const heldBefore = c.outageHold;
    let hold: { id: string; recheckAt: number } | undefined;
    let changed = false;
    // An extension can carry the closing into a later outage's reach: decide again until nothing applies.
    for (let round = 0, moved = true; moved && round <= check.outages.length; round++) {
      moved = false;
      for (const o of [...check.outages].sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id))) {
        const d = outageDecision({ enteredAt: c.enteredAt, closesAt: c.closesAt, applied: c.outages ?? [] }, o, graceEnd, now);
        if (d.kind === 'hold') hold ??= { id: o.id, recheckAt: now + check.settings.recheckMs };
        if (d.kind !== 'extend') continue;
        const previous: number = c.closesAt;
        const nominalBy = Math.round(d.byMs / this.input.timeScale);
        c.closesAt = previous + d.byMs;
        if (c.nominalClosesAt !== undefined) c.nominalClosesAt += nominalBy;
        c.outageShift = { real: (c.outageShift?.real ?? 0) + d.byMs, nominal: (c.outageShift?.nominal ?? 0) + nominalBy };
        c.outages = [...(c.outages ?? []), o.id];
        this.emit(now, 'notice_published', c.node, {
          action: 'outage_extension',
          details: {
            kind: 'outage_extension',
            key: `outage-${o.id}`,
            recipients: this.partiesOf(),
            fields: { outageId: o.id, reason: o.reason, startsAt: o.startsAt, endsAt: o.endsAt, extendedMs: d.byMs, previousClosesAt: previous },
            dueAt: c.closesAt,
          },
        });
        changed = moved = true;
      }
    }
    if (hold) c.outageHold = hold;
    else delete c.outageHold;
    return changed || hold?.recheckAt !== heldBefore?.recheckAt;
  }

  completeService(node: string, result: unknown, now: number): void {
    const n = this.currentNode;
    if (this.ended || n.type !== 'serviceTask' || n.id !== node) return; // a late duplicate result: ignore
    if (n.resultPaths && result && typeof result === 'object') {
      // Mapped fields go to their own paths (the opened bids replace the sealed list); the rest to resultPath.
      const rest: Record<string, unknown> = { ...(result as Record<string, unknown>) };
      for (const [field, path] of Object.entries(n.resultPaths)) {
        setPath(this.state.data, path, rest[field]);
        delete rest[field];
      }
      setPath(this.state.data, n.resultPath, rest);
    } else {
      setPath(this.state.data, n.resultPath, result);
    }
    this.emit(now, 'service_completed', node, { details: { service: n.service } });
    this.enter(n.next, now);
  }

  // ---- internals -----------------------------------------------------------------------------------------------

  private node(id: string): ProcessNode {
    const n = findNode(this.def, id);
    if (!n) throw new Error(`definition ${this.def.id} has no stage '${id}'`); // prevented by validateDefinition
    return n;
  }

  private resolve(actionId: string): { action: ActionDef; interruptTo?: string; interrupt?: boolean } {
    const node = this.currentNode;
    const here = (node.type === 'userTask' || node.type === 'timeWindow' ? node.actions : []).find((a) => a.id === actionId);
    if (here) return { action: here };
    const interrupt = (this.def.interrupts ?? []).find((i) => i.action.id === actionId);
    if (interrupt && this.interruptOpen(interrupt, node.id)) {
      return { action: interrupt.action, interrupt: true, ...(interrupt.to ? { interruptTo: interrupt.to } : {}) };
    }
    const elsewhere = this.def.nodes.find((n) => (n.type === 'userTask' || n.type === 'timeWindow') && n.actions.some((a) => a.id === actionId));
    if (elsewhere || interrupt) {
      const rule = elsewhere ? actionsOf(elsewhere).find((a) => a.id === actionId)?.rule : undefined;
      throw new StepRefused(409, 'wrong_stage', `Langkah '${actionId}' tidak dapat dilakukan pada tahap '${node.name}'.`, {
        action: actionId,
        currentStage: node.id,
        ...(elsewhere ? { stageOfAction: elsewhere.id } : {}),
        ...(rule ? { rule } : {}),
      });
    }
    throw new StepRefused(404, 'unknown_task', `Langkah '${actionId}' tidak dikenal dalam proses '${this.def.name}'.`, {
      action: actionId,
    });
  }

  /** Returns the role the actor acts in, or throws 403. */
  private authorise(action: ActionDef, actor: ActorRef): Role {
    const byRole = action.performers.filter((p) => actor.roles.includes(p.role));
    if (!byRole.length) {
      throw new StepRefused(403, 'forbidden_role', `Peran Anda tidak berwenang untuk '${action.name}'.`, {
        required: action.performers.map((p) => p.role),
      });
    }
    for (const p of byRole) {
      const assignedOnly = p.assignedOnly ?? isOfficer(p.role);
      if (assignedOnly && !this.assignees(p.role).includes(actor.id)) continue;
      if (p.actorIs !== undefined && getPath(this.state.data, p.actorIs) !== actor.id) continue;
      return p.role;
    }
    const party = byRole.some((p) => p.actorIs !== undefined);
    throw new StepRefused(
      403,
      party ? 'not_party' : 'not_assigned',
      party ? `Hanya pihak yang berhak yang dapat melakukan '${action.name}'.` : `Anda tidak ditugaskan pada paket ini untuk '${action.name}'.`,
      { roles: byRole.map((p) => p.role) },
    );
  }

  private doneKey(action: ActionDef, actor: ActorRef): string {
    return action.oncePerActor ? `${action.id}:${actor.id}` : action.id;
  }

  private validatePayload(action: ActionDef, payload: unknown): void {
    const schema = action.envelope ? SEALED_ENVELOPE_SCHEMA : action.payload;
    let v = this.validators.get(action);
    if (!v) {
      v = new Validator(schema as never, '2020-12', false);
      this.validators.set(action, v);
    }
    const res = v.validate(payload);
    if (!res.valid) {
      // The validator's English, worded again in Bahasa Indonesia with the schema's limits (./schema-messages.ts).
      throw new StepRefused(422, 'invalid_payload', `Isian untuk '${action.name}' tidak valid.`, {
        errors: payloadIssues(res.errors, schema),
      });
    }
  }

  private applyEffect(action: ActionDef, payload: Record<string, unknown>, actor: ActorRef, now: number, approvedBy?: string[]): void {
    const e = action.effect;
    const stamped = { ...payload, by: actor.id, at: now, ...(approvedBy ? { approvedBy } : {}) };
    switch (e.kind) {
      case 'none':
      case 'vote':
        return;
      case 'assign': {
        const members = Array.isArray(payload.members) ? (payload.members as unknown[]).filter((m): m is string => typeof m === 'string') : [];
        const current = (this.state.data.assignments as Record<string, string[]> | undefined) ?? {};
        this.state.data.assignments = { ...current, [e.role]: [...new Set(members)] };
        return setPath(this.state.data, e.path, stamped);
      }
      case 'set':
        return setPath(this.state.data, e.path, stamped);
      case 'append': {
        const list = listAt(this.state.data, e.path);
        list.push({ id: `${e.path.split('.').pop()}-${list.length + 1}`, ...stamped });
        return;
      }
      case 'upsertByActor': {
        const list = listAt(this.state.data, e.path);
        const i = list.findIndex((it) => (it as { by?: string }).by === actor.id);
        if (i >= 0) list[i] = stamped;
        else list.push(stamped);
        return;
      }
      case 'patchItem': {
        const list = listAt(this.state.data, e.path);
        const i = list.findIndex((it) => (it as { id?: unknown }).id === payload[e.matchField]);
        const { [e.matchField]: _match, ...rest } = payload;
        // Definitions that name no stamp (packages started before) keep the keys generated from the action id.
        const stamp = e.stamp ?? { by: `${action.id}By`, at: `${action.id}At` };
        list[i] = { ...(list[i] as object), ...rest, [stamp.by]: actor.id, [stamp.at]: now };
        return;
      }
    }
  }

  /** Moves into a stage and runs through gateways and end events, which never wait. */
  private enter(id: string, now: number): void {
    for (let hops = 0; ; hops++) {
      if (hops > this.def.nodes.length * 4) throw new Error(`gateway loop at '${id}'`); // validator forbids it
      const node = this.node(id);
      if (node.type === 'exclusiveGateway') {
        const branch = node.branches.find((b) => evaluate(b.when, { data: this.state.data }));
        const to = branch ? branch.to : node.default;
        this.emit(now, 'gateway_passed', node.id, { details: { to, branch: branch?.name ?? 'default' } });
        id = to;
        continue;
      }
      for (const path of node.resets ?? []) deletePath(this.state.data, path);
      // A proposal belongs to the stage it was made in (never present in definitions without collegial steps).
      if (this.state.data.proposals !== undefined) delete this.state.data.proposals;
      const stage: CurrentStage = { node: id, enteredAt: now, enteredSeq: this.state.seq + 1, done: [] };
      if (node.type === 'timeWindow') {
        const { real, nominal } = this.windowDeadline(node, now);
        stage.closesAt = real;
        stage.nominalClosesAt = nominal;
      }
      if (node.type === 'userTask' && node.due) {
        const { real, nominal } = this.deadline(node.due, now);
        stage.dueAt = real;
        stage.nominalDueAt = nominal;
      }
      if (node.type === 'userTask' && node.timeout) {
        const { real, nominal } = this.deadline(node.timeout.after, now);
        stage.closesAt = real;
        stage.nominalClosesAt = nominal;
        stage.dueAt ??= real;
        stage.nominalDueAt ??= nominal;
      }
      this.state.current = stage;
      this.emit(now, 'stage_entered', id, {
        details: { name: node.name, ...(stage.closesAt !== undefined ? { closesAt: stage.closesAt } : {}) },
      });
      if (node.milestone) this.emit(now, 'milestone_reached', id, { details: { milestone: node.milestone } });
      if (node.type === 'endEvent') {
        this.state.status = node.status;
        this.state.outcome = node.outcome;
        this.emit(now, 'package_ended', id, { details: { status: node.status, outcome: node.outcome } });
      }
      return;
    }
  }

  /**
   * Calendar deadline for a schedule parameter, and the real deadline after the package's time scale. `proposed`:
   * values a schedule change would set, to see where the current stage would end (./rulebook `stageEndWith`).
   */
  private deadline(param: string, now: number, proposed?: Record<string, number>): { real: number; nominal: number } {
    const p = this.def.params[param]!;
    // The Pokja's schedule (data.schedule, set at the announcement or changed later) over the creation's values.
    const own = proposed?.[param] ?? (this.state.data.schedule as Record<string, number> | undefined)?.[param];
    const amount = own ?? this.input.schedule[param] ?? p.default;
    return this.scaled(now, deadlineFor(now, { amount, unit: p.unit, endOnWorkingTime: p.endOnWorkingTime }, this.input.calendar));
  }

  private windowDeadline(node: TimeWindowNode, from: number, proposed?: Record<string, number>): { real: number; nominal: number } {
    const base = this.baseWindowDeadline(node, from, proposed);
    const extra = node.extendedBy ? Number(getPath(this.state.data, node.extendedBy) ?? 0) : 0;
    if (!Number.isInteger(extra) || extra <= 0) return base;
    // Working days added to the nominal closing, which therefore still ends within office hours.
    return this.scaled(from, deadlineFor(base.nominal, { amount: extra, unit: 'workingDays' }, this.input.calendar));
  }

  private baseWindowDeadline(node: TimeWindowNode, from: number, proposed?: Record<string, number>): { real: number; nominal: number } {
    if (node.duration !== undefined) return this.deadline(node.duration, from, proposed);
    const days = Number(getPath(this.state.data, node.durationFrom!) ?? 0);
    return this.scaled(from, deadlineFor(from, { amount: days, unit: 'calendarDays' }, this.input.calendar));
  }

  /**
   * Records the notice an action publishes: who hears it (the ids listed at its `to` path, deduplicated), the payload
   * fields it quotes and, when the current stage has a closing time, that time after the step (an extended bid
   * deadline). Keyed by the event's seq downstream, so it is notified once however often the batch is written.
   */
  private publishNotice(action: ActionDef, payload: Record<string, unknown>, now: number): void {
    const n = action.notify!;
    const list = getPath(this.state.data, n.to.path);
    const ids = Array.isArray(list) ? list.map((it) => getPath(it, n.to.field)).filter((x): x is string => typeof x === 'string') : [];
    const fields = Object.fromEntries((n.fields ?? []).filter((f) => payload[f] !== undefined).map((f) => [f, payload[f]]));
    const closesAt = this.state.current.closesAt;
    this.emit(now, 'notice_published', this.state.current.node, {
      action: action.id,
      details: { kind: n.kind, key: n.kind, recipients: [...new Set(ids)].sort(), fields, ...(closesAt !== undefined ? { dueAt: closesAt } : {}) },
    });
  }

  /** A closing derived again (a schedule change, an addendum) keeps what platform outages added to it. */
  private withOutageShift(d: { real: number; nominal: number }): { real: number; nominal: number } {
    const shift = this.state.current.outageShift;
    return shift ? { real: d.real + shift.real, nominal: d.nominal + shift.nominal } : d;
  }

  /**
   * Who hears of an outage extension: everyone who may act in the stage (named officers or party, the registered
   * vendors of a window open to them), the assigned Pokja or Pejabat Pengadaan and the PPK.
   */
  private partiesOf(): string[] {
    const open = this.openActions().filter((a) => !this.isInterrupt(a.id));
    const named = open.flatMap((a) => a.assignees ?? []);
    const vendors = open.some((a) => !a.assignees && a.roles.includes('penyedia'))
      ? ((getPath(this.state.data, 'registrations') as { by?: string }[] | undefined) ?? []).flatMap((r) => (r.by ? [r.by] : []))
      : [];
    const officers = (['pokja', 'pejabat_pengadaan', 'ppk'] as Role[]).flatMap((r) => this.assignees(r));
    return [...new Set([...named, ...vendors, ...officers])].sort();
  }

  private scaled(from: number, nominal: number): { real: number; nominal: number } {
    return { nominal, real: from + Math.max(0, Math.round((nominal - from) * this.input.timeScale)) };
  }

  private ruleContext(cmd: StepCommand, now: number): RuleContext {
    return {
      data: this.state.data,
      payload: cmd.payload as Record<string, unknown>,
      actor: cmd.actor,
      now,
      stage: { id: this.state.current.node, enteredAt: this.state.current.enteredAt },
      timeScale: this.input.timeScale,
      def: this.def,
      schedule: this.input.schedule,
      stageEndWith: (proposed) => this.stageEndWith(proposed, now),
    };
  }

  /**
   * Where the current stage would end if the schedule had `proposed` values (a window's close, a task's due time),
   * with now on the same nominal clock; undefined when none of the stage's own parameters is among them.
   */
  private stageEndWith(proposed: Record<string, number>, now: number): { end: number; now: number } | undefined {
    const node = this.currentNode;
    const c = this.state.current;
    const param = node.type === 'timeWindow' ? node.duration : node.type === 'userTask' ? node.due : undefined;
    if (param === undefined || !(param in proposed)) return undefined;
    const end = node.type === 'timeWindow' ? this.windowDeadline(node, c.enteredAt, proposed) : this.deadline(param, c.enteredAt, proposed);
    // The real clock runs `timeScale` times the nominal one since the stage was entered (1 in production).
    return { end: end.nominal, now: c.enteredAt + Math.round((now - c.enteredAt) / this.input.timeScale) };
  }

  /**
   * Who a notice goes to: the people who may act (assigned officers, the named party, or the registered vendors of a
   * window open to them); an escalation goes to the supervisor (the PA/KPA over officers, Perpres 16/2018 Pasal 9;
   * the PPK over the provider of a contract, Pasal 11).
   */
  private recipientsOf(notice: Notice, open: OpenAction[]): string[] {
    if (notice.kind === 'escalation') {
      // An officer's overdue task goes up to the PA/KPA; a provider's (a repair, a delivery) to the PPK who controls it.
      const providerOnly = open.every((a) => a.roles.every((r) => r === 'penyedia'));
      return [...this.assignees(providerOnly ? 'ppk' : 'pa_kpa')];
    }
    const named = open.flatMap((a) => a.assignees ?? []);
    const openToVendors = open.some((a) => !a.assignees && a.roles.includes('penyedia'));
    const everyRegistered = openToVendors
      ? ((getPath(this.state.data, 'registrations') as { by?: string }[] | undefined) ?? []).flatMap((r) => (r.by ? [r.by] : []))
      : [];
    // Per actor: a vendor who has taken every vendor step of the stage (bid; registered already) is not reminded.
    const vendorSteps = open.filter((a) => !a.assignees && a.roles.includes('penyedia'));
    const registered = this.windowStepsPerActor ? everyRegistered.filter((v) => vendorSteps.some((a) => !this.takenBy(a.id, v))) : everyRegistered;
    return [...new Set([...named, ...registered])].sort();
  }

  /**
   * Whether an actor has taken a step of the current stage themselves: by its per-actor done key, or, for a step
   * whose effect keeps one entry per actor (a bid, a registration), by their entry being there.
   */
  private takenBy(actionId: string, actor: string): boolean {
    if (this.state.current.done.includes(`${actionId}:${actor}`)) return true;
    const effect = actionsOf(this.currentNode).find((a) => a.id === actionId)?.effect;
    if (effect?.kind !== 'upsertByActor') return false;
    const list = getPath(this.state.data, effect.path);
    return Array.isArray(list) && list.some((it) => (it as { by?: unknown } | undefined)?.by === actor);
  }

  /** Who is assigned to a role: the UKPBJ's assignment (data.assignments) over the creation's. */
  private assignees(role: Role): string[] {
    const assigned = (this.state.data.assignments as Partial<Record<Role, string[]>> | undefined)?.[role];
    return assigned ?? this.input.assignments[role] ?? [];
  }

  private assignments(): PackageInput['assignments'] {
    const assigned = (this.state.data.assignments as PackageInput['assignments'] | undefined) ?? {};
    return { ...this.input.assignments, ...assigned };
  }

  private interruptOpen(i: NonNullable<ProcessDefinition['interrupts']>[number], node: string): boolean {
    return !i.notAt.includes(node) && (i.onlyAt === undefined || i.onlyAt.includes(node));
  }

  // ---- collegial decisions (Pokja) ----------------------------------------------------------------------------

  /** Votes needed: a majority of the assigned Pokja members (2 of 3, 3 of 5). */
  private majority(): number {
    return Math.floor(this.assignees('pokja').length / 2) + 1;
  }

  /** A collegial step is a proposal when more than one member must agree to it. */
  private proposing(action: ActionDef): boolean {
    return action.collegial === true && this.majority() > 1;
  }

  private proposals(): Proposal[] {
    return Object.values((this.state.data.proposals as Record<string, Proposal> | undefined) ?? {});
  }

  private proposal(actionId: string): Proposal | undefined {
    return (this.state.data.proposals as Record<string, Proposal> | undefined)?.[actionId];
  }

  private propose(action: ActionDef, cmd: StepCommand, role: Role, now: number): void {
    const proposal: Proposal = { action: action.id, payload: cmd.payload as Record<string, unknown>, by: cmd.actor.id, at: now, votes: [] };
    this.state.data.proposals = { ...(this.state.data.proposals ?? {}), [action.id]: proposal };
    this.emit(now, 'decision_proposed', this.state.current.node, {
      action: action.id,
      actor: { id: cmd.actor.id, role },
      details: { payload: proposal.payload, needed: this.majority(), members: this.assignees('pokja').length },
    });
  }

  private checkVote(cmd: StepCommand): void {
    const { action } = cmd.payload as { action: string };
    const p = this.proposal(action);
    if (!p) {
      throw new StepRefused(409, 'no_proposal', `Tidak ada usulan keputusan '${action}' yang menunggu persetujuan pada tahap ini.`, { action });
    }
    if (p.by === cmd.actor.id || p.votes.some((v) => v.by === cmd.actor.id)) {
      throw new StepRefused(409, 'already_voted', 'Anda sudah menyatakan sikap atas usulan ini.', { action });
    }
  }

  /**
   * Records a member's vote; once a majority (the proposer included) agrees the decision takes effect as the
   * proposer's step, and once a majority can no longer be reached the proposal lapses and may be made again.
   */
  private vote(cmd: StepCommand, role: Role, now: number): void {
    const { action, agree, note } = cmd.payload as { action: string; agree: boolean; note?: string };
    const p = this.proposal(action)!;
    p.votes.push({ by: cmd.actor.id, agree, at: now, ...(note ? { note } : {}) });
    const members = this.assignees('pokja').length;
    const agreed = [p.by, ...p.votes.filter((v) => v.agree).map((v) => v.by)];
    const against = p.votes.filter((v) => !v.agree).length;
    this.emit(now, 'decision_voted', this.state.current.node, {
      action,
      actor: { id: cmd.actor.id, role },
      details: { agree, ...(note ? { note } : {}), agreed: agreed.length, against, needed: this.majority() },
    });
    if (agreed.length >= this.majority()) {
      delete (this.state.data.proposals as Record<string, Proposal>)[action];
      const proposer: ActorRef = { id: p.by, name: p.by, roles: ['pokja'], org: '' };
      this.takeEffect(this.resolveProposed(action), { action, actor: proposer, payload: p.payload }, now, agreed);
    } else if (members - against < this.majority()) {
      delete (this.state.data.proposals as Record<string, Proposal>)[action];
      this.emit(now, 'decision_rejected', this.state.current.node, { action, details: { against, needed: this.majority() } });
    }
  }

  private resolveProposed(actionId: string): ResolvedStep {
    const { action } = this.resolve(actionId);
    return { action, role: 'pokja' };
  }

  private rederiveDeadlines(now: number): void {
    const node = this.currentNode;
    const c = this.state.current;
    if (node.type === 'timeWindow') {
      const { real, nominal } = this.withOutageShift(this.windowDeadline(node, c.enteredAt));
      c.closesAt = real;
      c.nominalClosesAt = nominal;
    }
    if (node.type === 'userTask' && node.due) {
      const { real, nominal } = this.deadline(node.due, c.enteredAt);
      c.dueAt = real;
      c.nominalDueAt = nominal;
    }
    if (node.type === 'userTask' && node.timeout) {
      const { real, nominal } = this.withOutageShift(this.deadline(node.timeout.after, c.enteredAt));
      c.closesAt = real;
      c.nominalClosesAt = nominal;
    }
    // Reminders already sent stay sent; the ones still to come follow the new deadline (derived in notices()).
    void now;
  }

  private isInterrupt(actionId: string): boolean {
    return (this.def.interrupts ?? []).some((i) => i.action.id === actionId);
  }

  private openActions(perActor = false): OpenAction[] {
    if (this.ended) return [];
    const n = this.currentNode;
    const local = n.type === 'userTask' || n.type === 'timeWindow' ? n.actions : [];
    // A vote is open only while a proposal waits, and to the members who have not voted on it. For reminders
    // (`perActor`), a window step one party took stays open to the others (windowStepsPerActor); the view keeps the
    // stage's own list (the inbox reads each vendor's steps per actor: ./actor-actions.ts).
    const closedForAll = (a: ActionDef) => this.state.current.done.includes(a.id) && !(perActor && this.windowStepsPerActor && n.type === 'timeWindow');
    const open = local.filter((a) => !closedForAll(a) && (a.effect.kind !== 'vote' || this.proposals().length > 0));
    const interrupts = (this.def.interrupts ?? []).filter((i) => this.interruptOpen(i, n.id)).map((i) => i.action);
    return [...open, ...interrupts].map((a) => {
      const voted = a.effect.kind === 'vote' ? new Set(this.proposals().flatMap((p) => [p.by, ...p.votes.map((v) => v.by)])) : undefined;
      const assignees = a.performers.flatMap((p) => {
        if (p.actorIs !== undefined) {
          const v = getPath(this.state.data, p.actorIs);
          return typeof v === 'string' ? [v] : [];
        }
        return (p.assignedOnly ?? isOfficer(p.role)) ? this.assignees(p.role).filter((id) => !voted?.has(id)) : [];
      });
      const restricted = a.performers.every((p) => p.actorIs !== undefined || (p.assignedOnly ?? isOfficer(p.role)));
      return {
        id: a.id,
        name: a.name,
        roles: a.performers.map((p) => p.role),
        ...(restricted ? { assignees } : {}),
        ...(a.envelope ? { sealedContent: a.payload } : {}),
      };
    });
  }

  /** Data as anyone may see it: entries of sealed actions show only who and when until their opening. */
  private sealedView(): Record<string, unknown> {
    const data = structuredCloneJson(this.state.data);
    for (const n of this.def.nodes) {
      // A child's input carries its definition (whole, or named) and its facts; the view names the definition and the child.
      if (n.type === 'callActivity') {
        type Named = { id: string; version: number };
        const input = getPath(data, n.inputFrom) as { packageId?: string; definition?: Named; definitionRef?: Named } | undefined;
        const def = input?.definition ?? input?.definitionRef;
        if (def) setPath(data, n.inputFrom, { packageId: input!.packageId, definition: { id: def.id, version: def.version } });
      }
      for (const a of n.type === 'userTask' || n.type === 'timeWindow' ? n.actions : []) {
        if (!a.sealedUntil || !('path' in a.effect) || getPath(this.state.data, a.sealedUntil) !== undefined) continue;
        const list = getPath(data, a.effect.path);
        if (Array.isArray(list)) {
          setPath(
            data,
            a.effect.path,
            list.map((it) => {
              const { by, at, sealedBid } = it as { by?: unknown; at?: unknown; sealedBid?: { commitment?: unknown } };
              // The commitment is public (the vendor's receipt); the content is not in the workflow at all.
              return { by, at, sealed: true, ...(sealedBid?.commitment ? { commitment: sealedBid.commitment } : {}) };
            }),
          );
        }
      }
    }
    return data;
  }

  private emit(now: number, type: ProcessEvent['type'], node: string, extra: Partial<ProcessEvent>): void {
    this.state.seq += 1;
    this.events.push({ seq: this.state.seq, at: now, type, node, ...extra });
  }
}

function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = root;
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]!] = value;
}

function deletePath(root: Record<string, unknown>, path: string): void {
  const keys = path.split('.');
  const parent = keys.length > 1 ? getPath(root, keys.slice(0, -1).join('.')) : root;
  if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[keys[keys.length - 1]!];
}

function listAt(root: Record<string, unknown>, path: string): unknown[] {
  const v = getPath(root, path);
  if (Array.isArray(v)) return v;
  const list: unknown[] = [];
  setPath(root, path, list);
  return list;
}

function structuredCloneJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

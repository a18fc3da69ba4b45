/**
 * A platform outage and what it does to the stage a package is in (issue 15 point 7), as pure data and one rule, so
 * the engine (./engine.ts) stays deterministic: the outages come into the workflow as a signal or an activity result.
 *
 * SPSE's practice on *gangguan teknis*: the Pokja changes the schedule (perubahan jadwal) and announces the reason;
 * here the platform does it itself, for every package, by the outage's length. The rule, for a stage that closes by
 * itself (a time window, or a task with a timeout — both can fail or move a package without anyone acting):
 *  - it was open during the outage (entered before its end), and
 *  - it closes at or after the outage's start and no later than `graceWorkingHours` working hours after its end
 *    (a vendor who lost the afternoon before a deadline is as harmed as one whose deadline fell inside it), then
 *  - its closing moves later by the outage's length, once per outage and stage.
 * An outage still going on when the stage would close holds the stage open until the outage has an end.
 */
export interface OutageNotice {
  id: string;
  startsAt: number;
  /** Absent while the outage is going on. */
  endsAt?: number;
  reason: string;
}

export interface OutageSettings {
  /** Working hours after an outage's end in which a closing still counts as affected (OUTAGE_GRACE_WORKING_HOURS). */
  graceWorkingHours: number;
  /** While an ongoing outage holds a stage, how often the workflow asks again in case its end was never signalled. */
  recheckMs: number;
}

/** What the workflow's outage check (activity `outagesAt`) answers. */
export interface OutageCheck {
  outages: OutageNotice[];
  settings: OutageSettings;
}

export const DEFAULT_OUTAGE_SETTINGS: OutageSettings = { graceWorkingHours: 4, recheckMs: 5 * 60_000 };

export type OutageDecision = { kind: 'none' } | { kind: 'hold'; outage: OutageNotice } | { kind: 'extend'; outage: OutageNotice; byMs: number };

export interface ClosingStage {
  enteredAt: number;
  closesAt: number;
  /** Outages this stage was already extended for. */
  applied: readonly string[];
}

/**
 * The decision for one outage. `graceEnd(endsAt)`: the last closing time still affected (working hours after the end,
 * on the package's calendar and time scale). `now`: an ongoing outage holds a stage only once its closing is due.
 */
export function outageDecision(stage: ClosingStage, o: OutageNotice, graceEnd: (endsAt: number) => number, now: number): OutageDecision {
  if (stage.applied.includes(o.id) || o.startsAt > stage.closesAt || stage.enteredAt >= (o.endsAt ?? Infinity)) return { kind: 'none' };
  if (o.endsAt === undefined) return now >= stage.closesAt ? { kind: 'hold', outage: o } : { kind: 'none' };
  const byMs = o.endsAt - o.startsAt;
  if (byMs <= 0 || stage.closesAt > graceEnd(o.endsAt)) return { kind: 'none' };
  return { kind: 'extend', outage: o, byMs };
}

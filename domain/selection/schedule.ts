/**
 * Perubahan jadwal: the Pokja (or the Pejabat Pengadaan running the package) sets and changes the package's schedule
 * (docs/regulation.md §2: "per-stage [start, end] set by the Pokja, with a change count per stage" [C2]; Perpres 16/2018
 * Pasal 45 sets no fixed durations, only "sufficient time", §0.1). A value is checked by `scheduleIssues`, the same
 * check the package's creation uses: a parameter fixed by law (the masa sanggah) is refused with its rule, the others
 * stay within the definition's [min, max]. Every change is kept with its stage, old and new value and reason, so the
 * count of changes per stage is derived from data.scheduleChanges, and the schedule the engine reads is
 * data.schedule (over the creation's values).
 */
import { scheduleIssues } from '../process/schedule-rules';
import type { Check, Reducer, Refusal, RuleContext } from '../process/rulebook';
import { wibTimeText } from '../calendar/wib-text';

/** The rule a refused or late schedule change names. */
export const SCHEDULE_CHANGE_RULE =
  'Perpres 16/2018 Pasal 45: jadwal pemilihan ditetapkan Pokja/Pejabat Pengadaan dengan waktu yang cukup; perubahan jadwal disertai alasan';

export const SCHEDULE_PATHS = { values: 'schedule', changes: 'scheduleChanges' } as const;

export interface ScheduleChange {
  /** The stage the change was made in. */
  stage: string;
  param: string;
  from: number;
  to: number;
  reason: string;
  by: string;
  at: number;
}

const changesOf = (ctx: RuleContext): Record<string, unknown> =>
  ctx.payload.changes !== null && typeof ctx.payload.changes === 'object' ? (ctx.payload.changes as Record<string, unknown>) : {};

/** The value the package runs with now: the Pokja's, else the creation's, else the definition's default. */
export function currentScheduleValue(ctx: RuleContext, param: string): number | undefined {
  const own = (ctx.data[SCHEDULE_PATHS.values] as Record<string, number> | undefined)?.[param];
  return own ?? ctx.schedule?.[param] ?? ctx.def?.params[param]?.default;
}

export const scheduleChecks: Record<string, Check> = {
  scheduleChangeAllowed: (ctx) => {
    if (!ctx.def) return { status: 409, code: 'schedule_unavailable', message: 'Definisi proses paket tidak tersedia untuk memeriksa jadwal.' };
    const changes = changesOf(ctx);
    const issues = scheduleIssues(ctx.def, changes, 'changes');
    if (issues.length) {
      const fixed = issues.find((i) => i.rule);
      return {
        status: 422,
        code: 'invalid_schedule',
        message: `Perubahan jadwal ditolak: ${issues.map((i) => i.message).join('; ')}.`,
        details: { issues, ...(fixed?.rule ? { rule: fixed.rule } : {}) },
      };
    }
    const same = Object.entries(changes).filter(([k, v]) => currentScheduleValue(ctx, k) === v);
    if (same.length === Object.keys(changes).length) {
      return {
        status: 422,
        code: 'no_change',
        message: 'Nilai jadwal yang diajukan sama dengan jadwal yang berlaku.',
        details: { params: same.map(([k]) => k) },
      };
    }
    return endsInThePast(ctx, changes as Record<string, number>);
  },
};

/**
 * A change that shortens the running stage may not end it at or before the moment of the change: a window closed that
 * way would shut out, without notice, vendors still filing in it (Pasal 45's "waktu yang cukup"; the reference names
 * no such check, so this is our reading).
 */
function endsInThePast(ctx: RuleContext, changes: Record<string, number>): Refusal | undefined {
  const at = ctx.stageEndWith?.(changes);
  if (!at || at.end > at.now) return undefined;
  return {
    status: 422,
    code: 'schedule_in_past',
    message: `Perubahan jadwal ditolak: tahap yang sedang berjalan akan berakhir ${wibTimeText(at.end)}, sebelum saat perubahan (${wibTimeText(at.now)}). Tetapkan akhir tahap setelah saat ini.`,
    details: { stage: ctx.stage.id, endsAt: new Date(at.end).toISOString(), rule: SCHEDULE_CHANGE_RULE },
  };
}

export const scheduleReducers: Record<string, Reducer> = {
  changeSchedule: (ctx) => {
    const values = { ...((ctx.data[SCHEDULE_PATHS.values] as Record<string, number> | undefined) ?? {}) };
    const log = Array.isArray(ctx.data[SCHEDULE_PATHS.changes]) ? [...(ctx.data[SCHEDULE_PATHS.changes] as ScheduleChange[])] : [];
    for (const [param, to] of Object.entries(changesOf(ctx)) as [string, number][]) {
      const from = currentScheduleValue(ctx, param);
      if (from === to) continue;
      log.push({ stage: ctx.stage.id, param, from: from ?? to, to, reason: ctx.payload.reason as string, by: ctx.actor.id, at: ctx.now });
      values[param] = to;
    }
    ctx.data[SCHEDULE_PATHS.values] = values;
    ctx.data[SCHEDULE_PATHS.changes] = log;
  },
};

/** How many schedule changes were made in each stage (SPSE's "Perubahan" column). */
export function scheduleChangeCounts(data: Record<string, unknown>): Record<string, number> {
  const log = Array.isArray(data[SCHEDULE_PATHS.changes]) ? (data[SCHEDULE_PATHS.changes] as ScheduleChange[]) : [];
  const counts: Record<string, number> = {};
  for (const c of log) counts[c.stage] = (counts[c.stage] ?? 0) + 1;
  return counts;
}

/**
 * Which schedule values a package may have: a parameter fixed by law (`fixed`, e.g. the masa sanggah of 5 calendar
 * days) only its default; an adjustable one within [min, max]. Used when the PPK creates a package and when the Pokja
 * sets or changes the schedule (perubahan jadwal), so both refuse the same values with the same rule.
 */
import type { ProcessDefinition, ScheduleParam } from './definition';

export interface ScheduleIssue {
  path: string;
  message: string;
  code: 'unknown_param' | 'fixed_by_law' | 'below_min' | 'above_max' | 'not_integer';
  rule?: string;
}

const UNIT_NAMES: Record<ScheduleParam['unit'], string> = {
  calendarDays: 'hari kalender',
  workingDays: 'hari kerja',
  hours: 'jam',
  minutes: 'menit',
};

export const unitName = (p: ScheduleParam) => UNIT_NAMES[p.unit];

/** Every problem with the given values (an empty list when they are all allowed). `prefix` names the field. */
export function scheduleIssues(def: ProcessDefinition, values: Record<string, unknown>, prefix = 'schedule'): ScheduleIssue[] {
  return Object.entries(values).flatMap(([k, v]): ScheduleIssue[] => {
    const p = def.params[k];
    const path = `${prefix}.${k}`;
    if (!p) return [{ path, code: 'unknown_param', message: `parameter jadwal '${k}' tidak dikenal` }];
    if (typeof v !== 'number' || !Number.isInteger(v)) return [{ path, code: 'not_integer', message: `${p.name} harus bilangan bulat` }];
    if (p.fixed !== undefined && v !== p.default) {
      return [
        {
          path,
          code: 'fixed_by_law',
          rule: p.fixed,
          message: `${p.name} ditetapkan ${p.default} ${unitName(p)} oleh ${p.fixed}; tidak dapat diubah`,
        },
      ];
    }
    if (v < p.min) return [{ path, code: 'below_min', message: `${p.name} paling sedikit ${p.min} ${unitName(p)}` }];
    if (p.max !== undefined && v > p.max) return [{ path, code: 'above_max', message: `${p.name} paling lama ${p.max} ${unitName(p)}` }];
    return [];
  });
}

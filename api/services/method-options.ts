/**
 * Which methods a new package may use, for the create form: every procurement method with the decision of the very
 * check POST /api/packages applies (domain/rules/method-rules.ts, the rule set in force today in WIB by the server's
 * clock), the rule that decides it, and the method's schedule parameters with their defaults and allowed range.
 * Every start (a create, a follow-up) and the form share `methodDecision` (domain/process/start-checks.ts), so they
 * cannot disagree.
 */
import type { DurationUnit } from '../../domain/calendar/working-time';
import type { ProcessDefinition } from '../../domain/process/definition';
import { methodDecision } from '../../domain/process/start-checks';
import { rolesAssignedInProcess } from '../../domain/selection/preparation';
import type { Category, RuleSet } from '../../domain/rules/method-rules';
import { definitionForMethod, listProcurementDefinitions } from '../../workflows/definitions';
import { CreatePackageBody } from '../schemas';

const UNIT_NAMES: Record<DurationUnit, string> = { calendarDays: 'hari kalender', workingDays: 'hari kerja', hours: 'jam', minutes: 'menit' };

/** The upper bound CreatePackage puts on every schedule value, read from that schema so the two never drift. */
const SCHEDULE_MAX: number = (CreatePackageBody.shape.schedule.unwrap().valueType as unknown as { maxValue: number }).maxValue;

export interface MethodOption {
  method: string;
  definitionId: string;
  version: number;
  name: string;
  description?: string;
  allowed: boolean;
  reasons: { rule: string; message: string; source: string; limit?: number }[];
  /** Officers the method's definition needs at creation besides the PPK and the PA/KPA. */
  assignments: string[];
  /** Further officers the definition can use (a Penunjukan Langsung is run by a Pejabat Pengadaan or by a Pokja). */
  mayAssign: string[];
  params: { id: string; name: string; unit: DurationUnit; unitName: string; default: number; min: number; max: number; endOnWorkingTime?: boolean }[];
}

function paramsOf(def: ProcessDefinition): MethodOption['params'] {
  return Object.entries(def.params).map(([id, p]) => ({
    id,
    name: p.name,
    unit: p.unit,
    unitName: UNIT_NAMES[p.unit],
    default: p.default,
    // A period fixed by law (the masa sanggah) has one allowed value; the others their bounds (schedule-rules.ts).
    min: p.fixed !== undefined ? p.default : p.min,
    max: p.fixed !== undefined ? p.default : (p.max ?? SCHEDULE_MAX),
    ...(p.endOnWorkingTime ? { endOnWorkingTime: true } : {}),
    ...(p.fixed !== undefined ? { fixed: p.fixed } : {}),
  }));
}

export function methodOptions(category: Category, hps: number, now = Date.now()) {
  const methods = [...new Set(listProcurementDefinitions().map((d) => d.method))];
  let ruleSet: RuleSet | undefined;
  const data: MethodOption[] = methods.map((method) => {
    const def = definitionForMethod(method)!; // the newest version: the one a create starts
    const d = methodDecision(method, category, hps, now);
    ruleSet = d.ruleSet;
    const r = d.refusal;
    return {
      method,
      definitionId: def.id,
      version: def.version,
      name: def.name,
      ...(def.description ? { description: def.description } : {}),
      allowed: r === null,
      reasons: r ? [{ rule: r.id, message: r.message, source: r.source, ...(r.limit !== undefined ? { limit: r.limit } : {}) }] : [],
      assignments: def.assignments.filter((x) => x !== 'ppk' && x !== 'pa_kpa'),
      // Officers the head of the UKPBJ assigns in the process (preparation.ts) are not the PPK's to name.
      mayAssign: (['pokja', 'pejabat_pengadaan'] as const).filter(
        (x) => def.roles.includes(x) && !def.assignments.includes(x) && !rolesAssignedInProcess(def).includes(x),
      ),
      params: paramsOf(def),
    };
  });
  // Allowed first, then in the order the registry lists them (tender before its variants).
  data.sort((a, b) => Number(b.allowed) - Number(a.allowed));
  return { ruleSet: { id: ruleSet!.id, title: ruleSet!.title, effectiveFrom: ruleSet!.effectiveFrom }, data };
}

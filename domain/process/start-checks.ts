/**
 * The checks every package passes before its workflow starts, whoever starts it: a PPK through the API's create, or
 * the system starting a follow-up package (re-tender, switch to Penunjukan Langsung; Perpres 16/2018 Pasal 51). Pure:
 * the clock is a parameter and the caller looks up the named users (officerIds) and passes them in. A refusal is a
 * StartRefused with the code, message and details the API answers with (422), so a follow-up is refused exactly as
 * the same package created by hand would be.
 */
import { wibDate } from '../calendar/working-time';
import { type Category, checkMethod, type RuleRef, type RuleSet } from '../rules/method-rules';
import { rolesAssignedInProcess } from '../selection/preparation';
import { actionsOf, OFFICER_ROLES, type ProcessDefinition, type Role } from './definition';
import { scheduleIssues } from './schedule-rules';

export class StartRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'StartRefused';
  }
}

export type Officers = Partial<Record<Role, string[]>>;

export interface Issue {
  path: string;
  message: string;
}

/**
 * The schedule values: a parameter fixed by law (the masa sanggah) only at its value, the others within [min, max] —
 * the same check as a Pokja's schedule change (./schedule-rules.ts). `details.rule` names the rule of the first fixed
 * parameter refused.
 */
export function checkSchedule(def: ProcessDefinition, schedule: Record<string, number>): void {
  const issues = scheduleIssues(def, schedule);
  if (issues.length) {
    const rule = issues.find((i) => i.rule)?.rule;
    throw new StartRefused('invalid_schedule', 'Jadwal tidak memenuhi ketentuan.', { issues, ...(rule ? { rule } : {}) });
  }
}

export interface MethodDecision {
  ruleSet: RuleSet;
  /** The first rule the package fails, or null when the method is allowed. */
  refusal: RuleRef | null;
}

/** The method check of a start (and of the create form): the rule set in force on `now`'s WIB day, category, HPS. */
export function methodDecision(method: string, category: Category, hps: number, now: number): MethodDecision {
  const r = checkMethod({ method, category, value: hps, date: wibDate(now) });
  return { ruleSet: r.ruleSet, refusal: r.ok ? null : r.rule };
}

/**
 * The method must fit the category and value under the rules in force on the start day in WIB, by the server's clock
 * (a client's clock could pick an older, looser rule set). Returns the rule set id, which goes into the facts.
 */
export function checkMethodRules(method: string, category: Category, hps: number, now: number): string {
  const { ruleSet: set, refusal } = methodDecision(method, category, hps, now);
  if (refusal) {
    const ruleSet = { id: set.id, title: set.title, effectiveFrom: set.effectiveFrom };
    // `issues` names the field like every other 422 of a create, so a form can show the message beside it.
    const issues = [{ path: 'method', message: refusal.message, code: refusal.id }];
    throw new StartRefused('method_not_allowed', refusal.message, { rule: refusal, ruleSet, issues });
  }
  return set.id;
}

/** The create form's field of each officer role, so an issue names the field a PPK filled in. */
const FIELD: Partial<Record<Role, string>> = { pokja: 'pokja', pejabat_pengadaan: 'pejabatPengadaan', kepala_ukpbj: 'kepalaUkpbj', pa_kpa: 'paKpa' };
const OFFICER_LABEL: Partial<Record<Role, string>> = { pokja: 'Pokja Pemilihan', pejabat_pengadaan: 'Pejabat Pengadaan' };
const ROLE_NAME: Partial<Record<Role, string>> = {
  pokja: 'anggota Pokja',
  pejabat_pengadaan: 'Pejabat Pengadaan',
  kepala_ukpbj: 'Kepala UKPBJ',
  pa_kpa: 'PA/KPA',
};

/** Every user the officers name (the PPK excepted: the starter is the PPK), to look up before checkAssignments. */
export const officerIds = (o: Officers): string[] => [...(o.pokja ?? []), ...(o.pa_kpa ?? []), ...(o.pejabat_pengadaan ?? []), ...(o.kepala_ukpbj ?? [])];

/**
 * The officers the method's definition asks for, each an active user with that role (`rolesOf`: the users found by
 * officerIds), and every step someone's to take. Returns the package's assignments.
 *
 * `carried`: the officers come from a failed package (a follow-up), not from the PPK's form. The one check that then
 * differs is who named a Pokja or Pejabat Pengadaan of a method whose Kepala UKPBJ assigns them: a PPK may not name
 * them at a create, but a follow-up carries the ones the Kepala UKPBJ assigned in the failed package (the system
 * names no one). Everything else — the roles each user holds, an odd Pokja of at least 3, no PPK in the Pokja, every
 * step performable — holds for a follow-up as for a create.
 */
export function checkAssignments(
  def: ProcessDefinition,
  officers: Officers,
  rolesOf: ReadonlyMap<string, readonly Role[]>,
  opts: { carried?: boolean } = {},
): Officers {
  const ppk = officers.ppk ?? [];
  const paKpa = officers.pa_kpa ?? [];
  const pokja = officers.pokja ?? [];
  const pp = officers.pejabat_pengadaan ?? [];
  const head = officers.kepala_ukpbj ?? [];
  const issues: Issue[] = [];
  const needs = (r: Role) => def.assignments.includes(r);
  const uses = (r: Role) => needs(r) || def.roles.includes(r);
  const byUkpbj = rolesAssignedInProcess(def);

  // Perpres 16/2018 Pasal 13 and docs/regulation.md §2.1 P3: the head of the UKPBJ assigns the officers of these methods.
  for (const [role, given] of [
    ['pokja', pokja],
    ['pejabat_pengadaan', pp],
  ] as const) {
    if (!opts.carried && given.length > 0 && byUkpbj.includes(role)) {
      issues.push({
        path: FIELD[role]!,
        message: `${OFFICER_LABEL[role]} paket metode ${def.method} ditugaskan oleh Kepala UKPBJ setelah paket dibuat, bukan oleh PPK`,
      });
    }
  }
  if (needs('kepala_ukpbj') && !head.length)
    issues.push({ path: 'kepalaUkpbj', message: `metode ${def.method} memerlukan Kepala UKPBJ yang menugaskan Pokja/Pejabat Pengadaan` });
  if (head.length && !uses('kepala_ukpbj')) issues.push({ path: 'kepalaUkpbj', message: `metode ${def.method} tidak memakai penugasan oleh Kepala UKPBJ` });
  if (needs('pokja') && pokja.length === 0) issues.push({ path: 'pokja', message: `metode ${def.method} memerlukan Pokja Pemilihan` });
  // Perpres 16/2018 Pasal 13 (docs/regulation.md §1.2): a Pokja Pemilihan has an odd number of members, at least 3.
  if (pokja.length > 0 && (pokja.length < 3 || pokja.length % 2 === 0)) {
    issues.push({ path: 'pokja', message: `anggota Pokja harus ganjil dan minimal 3 (Perpres 16/2018 Pasal 13), bukan ${pokja.length}` });
  }
  if (pokja.length > 0 && !uses('pokja')) issues.push({ path: 'pokja', message: `metode ${def.method} tidak memakai Pokja` });
  if (needs('pejabat_pengadaan') && !pp.length) issues.push({ path: 'pejabatPengadaan', message: `metode ${def.method} memerlukan Pejabat Pengadaan` });
  if (pp.length && !uses('pejabat_pengadaan')) issues.push({ path: 'pejabatPengadaan', message: `metode ${def.method} tidak memakai Pejabat Pengadaan` });
  // The API's schema requires paKpa; a follow-up carries the failed package's, so this only guards a broken input.
  if (!paKpa.length) issues.push({ path: 'paKpa', message: 'PA/KPA harus ditetapkan' });

  const holds = (id: string, role: Role) => rolesOf.get(id)?.includes(role) ?? false;
  pokja.forEach((id, i) => {
    if (!holds(id, 'pokja')) issues.push({ path: `pokja.${i}`, message: `'${id}' bukan anggota Pokja` });
  });
  for (const [role, ids] of [
    ['pejabat_pengadaan', pp],
    ['kepala_ukpbj', head],
    ['pa_kpa', paKpa],
  ] as const) {
    for (const id of ids) if (!holds(id, role)) issues.push({ path: FIELD[role]!, message: `'${id}' bukan ${ROLE_NAME[role]}` });
  }
  // Conflict of interest (Perpres 16/2018 Pasal 7): the PPK of a package cannot sit in its Pokja.
  if (ppk.some((id) => pokja.includes(id))) issues.push({ path: 'pokja', message: 'PPK paket tidak boleh menjadi anggota Pokja' });
  if (issues.length) throw new StartRefused('invalid_assignment', 'Penugasan pejabat tidak sah.', { issues });

  const assignments: Officers = { ppk, pa_kpa: paKpa };
  if (pokja.length) assignments.pokja = pokja;
  if (pp.length) assignments.pejabat_pengadaan = pp;
  if (head.length) assignments.kepala_ukpbj = head;
  const stuck = unperformableSteps(def, assignments);
  if (stuck.length) throw new StartRefused('invalid_assignment', 'Penugasan pejabat tidak sah.', { issues: stuck });
  return assignments;
}

/**
 * Every step must have someone who may take it: a step open only to assigned officers needs one of their roles
 * assigned (Penunjukan Langsung is run by a Pejabat Pengadaan or by a Pokja, so one of the two must be given). A role
 * an `assign` step of the definition gives (the Pokja the head of the UKPBJ assigns) counts as assigned.
 */
function unperformableSteps(def: ProcessDefinition, assignments: Officers): Issue[] {
  const assignedLater = rolesAssignedInProcess(def);
  const steps = [
    ...def.nodes.flatMap((n) => actionsOf(n).map((a) => ({ stage: n.id, action: a }))),
    ...(def.interrupts ?? []).map((i) => ({ stage: 'interrupt', action: i.action })),
  ];
  return steps
    .filter(({ action }) =>
      action.performers.every((p) => (p.assignedOnly ?? OFFICER_ROLES.includes(p.role)) && !assignments[p.role]?.length && !assignedLater.includes(p.role)),
    )
    .map(({ stage, action }) => ({
      path: 'assignments',
      message: `langkah '${action.id}' (${stage}) memerlukan salah satu: ${action.performers.map((p) => p.role).join(', ')}`,
    }));
}

/**
 * Human-readable texts for the BPMN export: role names, durations, conditions and the documentation of each stage.
 * They go into `bpmn:documentation` and element names, so a reader of the diagram sees who acts and what decides.
 */
import type { DurationUnit } from '../calendar/working-time';
import type { ActionDef, Performer, ProcessDefinition, ProcessNode, Role, ScheduleParam } from '../process/definition';
import type { Operand, Predicate } from '../process/predicate';

export const ROLE_NAMES: Record<Role, string> = {
  ppk: 'PPK',
  pokja: 'Pokja Pemilihan',
  pejabat_pengadaan: 'Pejabat Pengadaan',
  pa_kpa: 'PA/KPA',
  kepala_ukpbj: 'Kepala UKPBJ',
  penyedia: 'Penyedia',
  auditor: 'Auditor',
  admin: 'Admin',
};

const UNIT_NAMES: Record<DurationUnit, string> = {
  calendarDays: 'hari kalender',
  workingDays: 'hari kerja',
  hours: 'jam',
  minutes: 'menit',
};

/** "3 hari kerja": the default of a schedule parameter, as a short label for a timer. */
export function durationLabel(p: ScheduleParam): string {
  return `${p.default} ${UNIT_NAMES[p.unit]}`;
}

/** A schedule parameter with its name, default, lower bound and calendar rule. */
export function describeParam(key: string, p: ScheduleParam | undefined): string {
  if (!p) return key;
  const rule = p.endOnWorkingTime ? ', berakhir pada hari dan jam kerja' : '';
  return `${key} — ${p.name}: bawaan ${durationLabel(p)}, minimum ${p.min} ${UNIT_NAMES[p.unit]}${rule}`;
}

function operand(o: Operand): string {
  if ('count' in o) return `jumlah(${o.count})`;
  if ('path' in o) return o.path;
  return JSON.stringify(o.value) ?? 'undefined';
}

const OPS = { eq: '=', ne: '≠', lt: '<', lte: '≤', gt: '>', gte: '≥' } as const;

/** A condition in the notation of the predicate language, e.g. "jumlah(bids) > 0". */
export function describePredicate(p: Predicate): string {
  if ('all' in p) return p.all.map(describePredicate).join(' dan ');
  if ('any' in p) return `(${p.any.map(describePredicate).join(' atau ')})`;
  if ('not' in p) return `bukan (${describePredicate(p.not)})`;
  if (p.op === 'exists') return `ada ${operand(p.operand)}`;
  if (p.op === 'someItem') return `ada ${p.path}[].${p.field} = ${operand(p.right)}`;
  return `${operand(p.left)} ${OPS[p.op]} ${operand(p.right)}`;
}

function performer(p: Performer): string {
  const extra = [p.actorIs ? `pelaku = ${p.actorIs}` : '', p.assignedOnly === false ? 'tanpa penugasan' : ''].filter(Boolean);
  return extra.length ? `${p.role} [${extra.join('; ')}]` : p.role;
}

export function describeAction(a: ActionDef): string {
  const flags = [
    a.oncePerActor ? 'sekali per pelaku' : '',
    a.sealedUntil ? `tersegel sampai ${a.sealedUntil}` : '',
    a.rule ? `aturan waktu: ${a.rule}` : '',
    a.notify ? `memberitahu ${a.notify.to.path}[].${a.notify.to.field} (${a.notify.kind})` : '',
  ].filter(Boolean);
  const conditions = (a.requires ?? []).map((r) =>
    !('when' in r) ? `syarat (aturan) ${r.rule}` : `syarat ${r.code}: ${describePredicate(r.when)}${r.rule ? ` (${r.rule})` : ''}`,
  );
  if (a.effect.kind === 'apply') conditions.push(`dicatat oleh aturan ${a.effect.reducer}`);
  if (a.to) conditions.push(`lalu ke ${a.to}`);
  return [`- ${a.id} — ${a.name} (${a.performers.map(performer).join(', ')})`, ...[...flags, ...conditions].map((s) => `    ${s}`)].join('\n');
}

/** Roles that act in a stage, in the order they first appear. */
export function rolesOf(actions: ActionDef[]): Role[] {
  return [...new Set(actions.flatMap((a) => a.performers.map((p) => p.role)))];
}

/** The documentation of one stage: its id, who does what, timers and data it resets. */
export function describeStage(def: ProcessDefinition, n: ProcessNode): string {
  const lines = [`Tahap: ${n.id}`];
  switch (n.type) {
    case 'userTask':
      lines.push('Aksi:', ...n.actions.map(describeAction));
      lines.push(`Penyelesaian: ${n.completion === 'all' ? 'semua aksi dilakukan (all)' : 'aksi pertama yang diterima (any)'}`);
      if (n.due) lines.push(`Tenggat: ${describeParam(n.due, def.params[n.due])}`);
      if (n.timeout) lines.push(`Batas waktu: ${describeParam(n.timeout.after, def.params[n.timeout.after])}; lalu ke ${n.timeout.to}`);
      break;
    case 'timeWindow':
      lines.push(
        n.duration !== undefined
          ? `Jendela waktu: ${describeParam(n.duration, def.params[n.duration])}`
          : `Jendela waktu: hari kalender pada data '${n.durationFrom}' (dihitung ulang setiap langkah)`,
      );
      if (n.extendedBy) lines.push(`Diperpanjang: hari kerja pada data '${n.extendedBy}' (dihitung ulang setiap langkah)`);
      if (n.actions.length) lines.push('Aksi (dapat diulang selama jendela terbuka):', ...n.actions.map(describeAction));
      break;
    case 'serviceTask':
      lines.push(`Layanan: ${n.service}`, `Hasil ditulis ke: ${n.resultPath}`);
      if (n.args) lines.push(`Argumen: ${JSON.stringify(n.args)}`);
      break;
    case 'callActivity':
      lines.push(`Proses anak: masukan dari ${n.inputFrom}`, `Menunggu: ${n.waitFor ? `tonggak '${n.waitFor}'` : 'proses anak selesai'}`);
      lines.push(`Hasil ditulis ke: ${n.resultPath}`);
      break;
    case 'exclusiveGateway':
      lines.push(...n.branches.map((b) => `- ${describePredicate(b.when)} → ${b.to}`), `- selain itu → ${n.default}`);
      break;
    case 'endEvent':
      lines.push(`Hasil: ${n.outcome}`, `Status paket: ${n.status}`);
      break;
  }
  if (n.milestone) lines.push(`Tonggak: ${n.milestone}`);
  if (n.resets?.length) lines.push(`Data dihapus saat masuk: ${n.resets.join(', ')}`);
  return lines.join('\n');
}

export function describeProcess(def: ProcessDefinition): string {
  return [
    def.description ?? def.name,
    `Definisi: ${def.id} versi ${def.version}; metode: ${def.method}`,
    `Peran: ${def.roles.join(', ')}; wajib ditugaskan: ${def.assignments.join(', ') || '-'}`,
    'Parameter jadwal:',
    ...Object.entries(def.params).map(([k, p]) => `- ${describeParam(k, p)}`),
  ].join('\n');
}

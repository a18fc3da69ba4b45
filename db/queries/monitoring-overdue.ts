/**
 * Terlambat (issue 12 point 2): open steps past their due time in a fiscal year (optionally one OPD), most overdue
 * first, with who owns them (names and roles from `users`), how long (hours, and whole working days in WIB by the
 * calendar the package was created with), and the escalations the engine sent to the PA/KPA for that due time
 * (notifications of kind 'escalation', their emails in the outbox).
 *
 * Only names and roles of the officials reach the answer, never their emails.
 */
import type { Knex } from 'knex';
import { calendarFor, officeHoursFromEnv } from '../../runtime/calendar';
import type { CalendarConfig } from '../../domain/calendar/working-time';
import { workingDaysBetween } from '../../domain/monitoring/working-days';
import { INTERRUPT_ONLY_ACTIONS } from '../../workflows/definitions';
import type { NotificationsRow, PackagesRow, PackageTasksRow } from '../tables';

/** An overdue open step with its package (load): its due time is set, as it is before now. */
interface OverdueTaskRow
  extends Pick<PackageTasksRow, 'package_id' | 'action' | 'name' | 'roles' | 'assignees' | 'stage_id'>, Pick<PackagesRow, 'title' | 'opd' | 'stage_name'> {
  due_at: Date;
  /** The WIB year the package was created in (its calendar). */
  created_year: number;
}

/** An escalation notification with the status of its email (none when it has no email). */
interface EscalationRow extends Pick<NotificationsRow, 'package_id' | 'due_at' | 'seq' | 'user_id' | 'created_at'> {
  email_status: string | null;
}

export interface OverdueFilter {
  fiscalYear: number;
  opd?: string;
}

const calendars = new Map<number, CalendarConfig>();
/** The calendar a package created in WIB year `year` was given (holidays of that year onwards), cached. */
function calendarOf(year: number): CalendarConfig {
  let cal = calendars.get(year);
  if (!cal) calendars.set(year, (cal = calendarFor(Date.UTC(year, 0, 1, 12), officeHoursFromEnv())));
  return cal;
}

function base(db: Knex, f: OverdueFilter, now: Date) {
  const q = db('package_tasks as t')
    .join('packages as p', 'p.id', 't.package_id')
    .where('t.status', 'open')
    .where('t.fiscal_year', f.fiscalYear)
    .where('t.due_at', '<', now)
    // Cancellation and termination are open at every stage until the end: nobody's overdue step.
    .whereNotIn('t.action', [...INTERRUPT_ONLY_ACTIONS]);
  if (f.opd) q.where('p.opd', f.opd);
  return q;
}

async function load(db: Knex, f: OverdueFilter, now: Date, offset: number, limit: number): Promise<OverdueTaskRow[]> {
  return base(db, f, now)
    .select<OverdueTaskRow[]>(
      't.package_id',
      't.action',
      't.name',
      't.roles',
      't.assignees',
      't.due_at',
      't.stage_id',
      'p.title',
      'p.opd',
      'p.stage_name',
      db.raw(`extract(year from p.created_at at time zone 'Asia/Jakarta')::int as created_year`),
    )
    .orderBy([{ column: 't.due_at' }, { column: 't.package_id' }, { column: 't.stage_seq' }, { column: 't.action' }])
    .limit(limit)
    .offset(offset);
}

/** Owners, escalations and durations of a batch of overdue task rows. */
async function decorate(db: Knex, rows: OverdueTaskRow[], now: Date) {
  if (!rows.length) return [];
  const escalations = await db('notifications as n')
    .leftJoin('notification_outbox as o', 'o.id', db.raw(`n.id || ':email'`))
    .where('n.kind', 'escalation')
    // Matched to their task's due time below (index notifications_escalation: package, due time).
    .whereIn('n.package_id', [...new Set(rows.map((r) => r.package_id))])
    .select<EscalationRow[]>('n.package_id', 'n.due_at', 'n.seq', 'n.user_id', 'n.created_at', 'o.status as email_status');
  const userIds = [...new Set([...rows.flatMap((r) => r.assignees ?? []), ...escalations.map((e) => e.user_id)])];
  const users = userIds.length ? await db('users').whereIn('id', userIds).select('id', 'name', 'roles') : [];
  const userOf = new Map(users.map((u) => [u.id, u]));
  const person = (id: string, roles: readonly string[]) => {
    const u = userOf.get(id);
    const held = u?.roles ?? [];
    return { name: u?.name ?? 'Pengguna tidak dikenal', role: roles.find((r) => held.includes(r)) ?? held[0] ?? roles[0] ?? '' };
  };

  return rows.map((r) => {
    const due = r.due_at;
    const mine = escalations.filter((e) => e.package_id === r.package_id && (e.due_at as Date).getTime() === due.getTime());
    const recipients = [...new Set(mine.map((e) => e.user_id))];
    const last = mine.reduce<Date | null>((m, e) => (m === null || e.created_at > m ? e.created_at : m), null);
    return {
      packageId: r.package_id,
      title: r.title,
      opd: r.opd,
      stageName: r.stage_name,
      action: r.action,
      name: r.name,
      roles: r.roles,
      assignees: r.assignees ?? null,
      dueAt: due.toISOString(),
      overdueHours: Math.floor((now.getTime() - due.getTime()) / 3_600_000),
      stageId: r.stage_id,
      overdueWorkingDays: workingDaysBetween(due.getTime(), now.getTime(), calendarOf(r.created_year)),
      owners: (r.assignees ?? []).map((id) => person(id, r.roles)),
      escalations: {
        count: new Set(mine.map((e) => e.seq)).size,
        lastSentAt: last ? last.toISOString() : null,
        recipients: recipients.map((id) => person(id, ['pa_kpa'])),
        emailsSent: mine.filter((e) => e.email_status === 'sent').length,
        emailsPending: mine.filter((e) => e.email_status === 'pending').length,
      },
      links: { package: `/paket/${r.package_id}` },
    };
  });
}

export type OverdueRow = Awaited<ReturnType<typeof decorate>>[number];

export async function overdueList(db: Knex, f: OverdueFilter, now: Date, page: number, pageSize: number) {
  const [counted, rows] = await Promise.all([
    base(db, f, now).count({ count: '*' }) as unknown as Promise<{ count: string }[]>,
    load(db, f, now, (page - 1) * pageSize, pageSize),
  ]);
  const count = counted[0]?.count ?? 0;
  return { fiscalYear: f.fiscalYear, opd: f.opd ?? null, data: await decorate(db, rows, now), pagination: { page, pageSize, total: Number(count) } };
}

/** Every overdue row of the filter, a batch at a time (exports). */
export async function* overdueAll(db: Knex, f: OverdueFilter, now: Date, batch = 1000): AsyncGenerator<OverdueRow> {
  for (let offset = 0; ; offset += batch) {
    const rows = await load(db, f, now, offset, batch);
    yield* await decorate(db, rows, now);
    if (rows.length < batch) return;
  }
}

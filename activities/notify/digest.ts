/**
 * The daily digest (ringkasan harian): for every officer with open tasks, what is due today and what is overdue; for
 * every PA/KPA (the OPD head), the overdue tasks in the packages they supervise. Written as in-app notifications and
 * email outbox rows keyed by the WIB date and the user, so a digest run twice on one day sends nothing twice.
 */
import type { Knex } from 'knex';
import { openTasksDueBefore } from '../../db/queries/notification-digests';
import { insertNotifications, insertOutboxRows, recipientEmails } from '../../db/queries/notification-writes';
import { wibDayText, wibTimeText } from '../../domain/calendar/wib-text';
import { wibDate, WIB_OFFSET_MS } from '../../domain/calendar/working-time';

/** Start of the next WIB day after `at`. */
export const endOfWibDay = (at: number) => {
  const local = at + WIB_OFFSET_MS;
  return local - (local % 86_400_000) + 86_400_000 - WIB_OFFSET_MS;
};

export async function writeDailyDigests(db: Knex, at: number): Promise<{ date: string; users: number }> {
  const date = wibDate(at);
  const dayEnd = new Date(endOfWibDay(at));
  const rows = await openTasksDueBefore(db, dayEnd);
  const lines = new Map<string, { today: string[]; overdue: string[]; supervised: string[] }>();
  const entry = (u: string) => lines.get(u) ?? lines.set(u, { today: [], overdue: [], supervised: [] }).get(u)!;
  for (const r of rows) {
    const overdue = r.due_at.getTime() < at;
    const text = `${r.title} — ${r.name} (${r.stage_name}), tenggat ${wibTimeText(r.due_at.getTime())}`;
    for (const u of r.assignees ?? []) (overdue ? entry(u).overdue : entry(u).today).push(text);
    if (overdue) for (const pa of r.pa ?? []) entry(pa).supervised.push(text);
  }
  if (!lines.size) return { date, users: 0 };
  const users = await recipientEmails(db, [...lines.keys()]);
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  const now = new Date(at);
  for (const [userId, l] of lines) {
    // Keyed by the ISO date (idempotent per day); written for people as `Minggu, 6 Desember 2026`.
    const id = `digest:${date}:${userId}`;
    const title =
      `Ringkasan harian ${wibDayText(at)}: ${l.today.length} jatuh tempo hari ini, ${l.overdue.length} terlambat` +
      (l.supervised.length ? `, ${l.supervised.length} terlambat di paket yang Anda awasi` : '');
    const body = [
      l.today.length ? `Jatuh tempo hari ini:\n- ${l.today.join('\n- ')}` : '',
      l.overdue.length ? `Terlambat:\n- ${l.overdue.join('\n- ')}` : '',
      l.supervised.length ? `Terlambat di paket yang Anda awasi (PA/KPA):\n- ${l.supervised.join('\n- ')}` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    await insertNotifications(db, [{ id, user_id: userId, kind: 'digest', title, body, created_at: now }]);
    const email = emailOf.get(userId);
    if (email) {
      await insertOutboxRows(db, [
        {
          id: `${id}:email`,
          package_id: null,
          channel: 'email',
          recipient: email,
          subject: title,
          payload: JSON.stringify({ text: body, userId }),
          created_at: now,
        },
      ]);
    }
  }
  return { date, users: lines.size };
}

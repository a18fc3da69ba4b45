/**
 * Turns reminder, escalation and published-notice events (an addendum to the selection document) into in-app
 * notifications and outbox rows, inside the read-model transaction that records the events. Keys derive from the
 * package, the event seq and the recipient, so a retried batch or a replayed workflow never notifies twice.
 *
 * A stage has up to two reminders with the same due time (two and one working days before, `reminder-2` and
 * `reminder-1`: separate events, separate notices); the title says which one (H-2, H-1) and names the package, so
 * two reminders of one stage, or of two packages in the same stage, never read as the same notice twice.
 */
import type { Knex } from 'knex';
import { activeWebhookIds, insertNotifications, insertOutboxRows, latestStageName, recipientEmails } from '../../db/queries/notification-writes';
import { wibTimeText } from '../../domain/calendar/wib-text';
import type { PackageView } from '../../domain/process/engine';
import { NOTICE_EVENT_TYPES, type ProcessEvent } from '../../domain/process/state';
import { textOf } from '../../domain/text';

export const isNotice = (e: ProcessEvent) => NOTICE_EVENT_TYPES.includes(e.type);

export interface NoticeMessage {
  /** 'reminder' | 'escalation', or the kind a published notice declares ('addendum') */
  kind: string;
  title: string;
  body: string;
  dueAt?: number;
}

/** notifications.title holds 500 characters; a package title alone may be that long, so it is shortened in titles. */
const TITLE_MAX = 500;
const PACKAGE_IN_TITLE_MAX = 80;

const shorten = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);
/** A due time in words, or '-' when the event carries none (a malformed event must not fail the read model). */
const when = (at: number | undefined) => (at !== undefined && Number.isFinite(at) ? wibTimeText(at) : '-');

/** Working days before the due time a reminder was sent, from its key (`reminder-2` → 2). */
function reminderDays(e: ProcessEvent): number | undefined {
  const m = /^reminder-(\d+)$/.exec(textOf(e.details?.key));
  return m ? Number(m[1]) : undefined;
}

/** Bahasa Indonesia text of a notice; the stage name comes from the event's stage in the view's history. */
export function noticeMessage(e: ProcessEvent, view: PackageView, stageName: string): NoticeMessage {
  if (e.type === 'notice_published') return publishedMessage(e, view, stageName);
  const dueAt = Number(e.details?.dueAt);
  const escalation = e.type === 'task_escalated';
  const days = reminderDays(e);
  const actions = ((e.details?.actions as string[] | undefined) ?? []).join(', ');
  const pkg = shorten(view.facts.title, PACKAGE_IN_TITLE_MAX);
  const title = escalation
    ? `Eskalasi: tahap "${stageName}" melewati tenggat ${when(dueAt)} (${pkg})`
    : `Pengingat${days ? ` H-${days}` : ''}: tahap "${stageName}" jatuh tempo ${when(dueAt)} (${pkg})`;
  const body = [
    `Paket: ${view.facts.title} (${view.packageId})`,
    `OPD: ${view.facts.opd}`,
    `Tahap: ${stageName}; langkah terbuka: ${actions || '-'}`,
    `Tenggat: ${when(dueAt)}`,
    days ? `Pengingat ${days} hari kerja sebelum tenggat.` : '',
    escalation ? 'Tugas ini belum diselesaikan pejabat yang ditugaskan; mohon tindak lanjut PA/KPA.' : '',
  ]
    .filter(Boolean)
    .join('\n');
  return { kind: escalation ? 'escalation' : 'reminder', title: shorten(title, TITLE_MAX), body, dueAt };
}

/** Titles of the notices actions publish, by kind; an unknown kind still gets a plain message. */
const PUBLISHED_TITLES: Record<string, (f: Record<string, unknown>) => string> = {
  addendum: (f) => `Adendum Dokumen Pemilihan ${textOf(f.number)}`.trim(),
  schedule_change: () => 'Perubahan Jadwal Tahapan',
  outage_extension: () => 'Perpanjangan Jadwal karena Gangguan Teknis',
};

/** A length in words: `2 jam 5 menit`, `40 detik` (an outage in a time-scaled demo lasts seconds). */
function lengthText(ms: number): string {
  const s = Math.round(ms / 1000);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return [h ? `${h} jam` : '', m ? `${m} menit` : '', !h && sec ? `${sec} detik` : ''].filter(Boolean).join(' ') || '0 detik';
}

/** An action's notice: what it says (the quoted fields), and when the stage it was published in now closes. */
function publishedMessage(e: ProcessEvent, view: PackageView, stageName: string): NoticeMessage {
  const kind = textOf(e.details?.kind ?? 'pemberitahuan');
  const fields = (e.details?.fields as Record<string, unknown> | undefined) ?? {};
  const dueAt = e.details?.dueAt === undefined ? undefined : Number(e.details.dueAt);
  const title = PUBLISHED_TITLES[kind]?.(fields) ?? `Pemberitahuan: ${stageName}`;
  const body = [
    `Paket: ${view.facts.title} (${view.packageId})`,
    `OPD: ${view.facts.opd}`,
    kind === 'addendum' && fields.summary ? `Ringkasan perubahan: ${textOf(fields.summary)}` : '',
    kind === 'schedule_change' && fields.reason ? `Alasan perubahan jadwal: ${textOf(fields.reason)}` : '',
    kind === 'outage_extension' ? `Gangguan teknis: ${textOf(fields.reason ?? '-')}` : '',
    kind === 'outage_extension' ? `Gangguan ${when(Number(fields.startsAt))} s.d. ${when(Number(fields.endsAt))}.` : '',
    kind === 'outage_extension' ? `Tahap diperpanjang ${lengthText(Number(fields.extendedMs))} (semula ditutup ${when(Number(fields.previousClosesAt))}).` : '',
    kind === 'addendum' && Number(fields.extensionDays) > 0 ? `Batas unggah dokumen penawaran diperpanjang ${Number(fields.extensionDays)} hari kerja.` : '',
    dueAt !== undefined ? `Tahap "${stageName}" ditutup ${when(dueAt)}.` : `Tahap: ${stageName}`,
  ]
    .filter(Boolean)
    .join('\n');
  return { kind, title: shorten(title, TITLE_MAX), body, ...(dueAt !== undefined ? { dueAt } : {}) };
}

/** Outbox rows written, by channel (a deliverer has work only for the channels it can send on). */
export interface NoticeRows {
  email: number;
  webhook: number;
}

export async function recordNotices(trx: Knex.Transaction, packageId: string, events: ProcessEvent[], view: PackageView): Promise<NoticeRows> {
  const notices = events.filter(isNotice);
  const count: NoticeRows = { email: 0, webhook: 0 };
  if (!notices.length) return count;
  const subscriptions = await activeWebhookIds(trx);
  for (const e of notices) {
    const msg = noticeMessage(e, view, (await latestStageName(trx, packageId, e.node)) ?? e.node);
    const recipients = (e.details?.recipients as string[] | undefined) ?? [];
    const users = await recipientEmails(trx, recipients);
    const at = new Date(e.at);
    const rows = recipients.map((userId) => ({
      id: `${packageId}:${e.seq}:${userId}`,
      user_id: userId,
      package_id: packageId,
      seq: e.seq,
      kind: msg.kind,
      title: msg.title,
      body: msg.body,
      due_at: msg.dueAt === undefined ? null : new Date(msg.dueAt),
      created_at: at,
    }));
    await insertNotifications(trx, rows);
    const dueAt = msg.dueAt === undefined ? undefined : new Date(msg.dueAt).toISOString();
    const payload = { event: e.type, packageId, seq: e.seq, stage: e.node, key: e.details?.key, dueAt, recipients, title: msg.title };
    const outbox = [
      ...users
        .filter((u) => u.email)
        .map((u) => ({
          id: `${packageId}:${e.seq}:${u.id}:email`,
          package_id: packageId,
          channel: 'email',
          recipient: u.email as string,
          subject: msg.title,
          payload: JSON.stringify({ text: msg.body, userId: u.id }),
          created_at: at,
        })),
      ...subscriptions.map((subscriptionId) => ({
        id: `${packageId}:${e.seq}:webhook:${subscriptionId}`,
        package_id: packageId,
        channel: 'webhook',
        recipient: subscriptionId,
        subject: msg.title,
        payload: JSON.stringify(payload),
        created_at: at,
      })),
    ];
    await insertOutboxRows(trx, outbox);
    count.email += outbox.length - subscriptions.length;
    count.webhook += subscriptions.length;
  }
  return count;
}
